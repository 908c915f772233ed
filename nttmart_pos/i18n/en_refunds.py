"""English texts of refunds (money given back for goods of an earlier sale)."""

MESSAGES = {
    "Struk {number} tidak ditemukan": "Receipt {number} not found",
    "Pengembalian {number} tidak ditemukan": "Refund {number} not found",
    "mengembalikan uang": "give money back for a sale (refund)",
    "tunai": "cash",
    "QRIS": "QRIS",
    "kartu": "card",
    "transfer bank": "bank transfer",
    "dompet digital": "e-wallet",
    "marketplace": "marketplace",
    "Uang hanya dapat dikembalikan tunai atau lewat metode pembayaran semula ({methods}), bukan {method}":
        "Money can only go back in cash or by the original payment method ({methods}), not {method}",
    "Pengembalian {amount} lewat {method} melebihi sisa yang dibayar dengan {method} pada struk "
    "{receipt} ({room}); kembalikan tunai":
        "A refund of {amount} by {method} is more than what is left of the {method} payment on receipt "
        "{receipt} ({room}); refund in cash",
    "Struk {receipt} tidak punya baris {line_no}": "Receipt {receipt} has no line {line_no}",
    "{name}: jumlah yang dikembalikan harus bilangan bulat (gram untuk barang timbangan), bukan {quantity}":
        "{name}: the quantity to refund must be a whole number (grams for weighed goods), not {quantity}",
    "{name}: jumlah yang dikembalikan harus lebih dari nol, bukan {quantity}":
        "{name}: the quantity to refund must be more than zero, not {quantity}",
    "{name} ({barcode}): dikembalikan {quantity}, terjual {sold}, sudah dikembalikan {refunded}, sisa {left}":
        "{name} ({barcode}): refunding {quantity}, sold {sold}, already refunded {refunded}, left {left}",
    "Pengembalian ditolak, melebihi yang terjual: {details}": "Refund refused, more than was sold: {details}",
    "Alasan pengembalian harus diisi": "Enter the reason for the refund",
    "Alasan pengembalian paling panjang {max} huruf": "The reason for the refund can be at most {max} characters",
    "Pilih paling sedikit satu barang yang dikembalikan": "Choose at least one item to refund",
}

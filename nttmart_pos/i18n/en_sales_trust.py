"""English texts of the till's trust checks: discount reasons, price overrides, voids and the cash drawer."""

MESSAGES = {
    "Diskon dan harga tidak boleh negatif ({name})": "Discounts and prices cannot be negative ({name})",
    "Diskon untuk {name} harus diberi alasan": "The discount on {name} needs a reason",
    "Perubahan harga {name} harus diberi alasan": "The price change of {name} needs a reason",
    "Diskon transaksi harus diberi alasan": "The discount on the sale needs a reason",
    "{name}: jumlah yang dibatalkan harus bilangan bulat lebih dari nol":
        "{name}: the quantity voided must be a whole number above zero",
    "Tidak ada barang yang dibatalkan": "Nothing to void",
    "Laci kas tidak dapat dibuka: {reason}. Buka laci dengan kunci bila perlu.":
        "The cash drawer could not be opened: {reason}. Open it with its key if needed.",
}

"""English texts of the refund screen at the till and of the refund receipt."""

MESSAGES = {
    # refund receipt
    "PENGEMBALIAN BARANG": "RETURN OF GOODS",
    "Struk asal": "Receipt",
    "Tgl. struk": "Sold on",
    "(setelah diskon)": "(after discount)",
    "TOTAL DIKEMBALIKAN": "TOTAL REFUNDED",
    "Dikembalikan": "Refunded",
    "kembali ke rak": "back on the shelf",
    "rusak, dihapuskan": "damaged, written off",
    "Dilayani": "Served by",
    "Disetujui": "Approved",
    "Tanda tangan pelanggan": "Customer's signature",
    # refund screen
    "Pengembalian barang": "Return of goods",
    "No. struk": "Receipt no.",
    "Pindai barcode struk atau ketik nomornya, mis. T01-000123":
        "Scan the receipt's barcode or type its number, e.g. T01-000123",
    "Cari": "Find",
    "Sudah dikembalikan": "Already refunded",
    "Dikembalikan sekarang": "Refund now",
    "Uang kembali": "Money back",
    "Kembalikan semua": "Refund everything",
    "Uang dikembalikan": "Money back by",
    "Barang kembali ke rak": "Goods go back on the shelf",
    "(dijual lagi)": "(sold again)",
    "Tidak: barang rusak, dihapuskan dari stok": "No: damaged goods, written off from stock",
    "Pilih atau ketik alasan (wajib)": "Choose or type a reason (required)",
    "Barang rusak": "Damaged goods",
    "Salah beli": "Bought by mistake",
    "Barang kedaluwarsa": "Expired goods",
    "Tidak sesuai": "Not as expected",
    "Kembalikan uang": "Give money back",
    "Belum ada struk dipilih.": "No receipt chosen yet.",
    "Pindai barcode struk atau ketik nomornya dulu": "Scan the receipt's barcode or type its number first",
    "Semua barang pada struk {receipt} sudah dikembalikan": "Everything on receipt {receipt} has been refunded already",
    "Struk {receipt} - {date} - Kasir {cashier} - Total {total} - Dibayar: {paid}":
        "Receipt {receipt} - {date} - Cashier {cashier} - Total {total} - Paid: {paid}",
    "Total dikembalikan: {amount}": "Total refunded: {amount}",
    "Isi jumlah barang yang dikembalikan": "Enter how many of which items come back",
    "Struk {receipt}: kembalikan {amount} ({method}). Alasan: {reason}":
        "Receipt {receipt}: refund {amount} ({method}). Reason: {reason}",
    "Kembalikan ke pelanggan ({method})": "Give back to the customer ({method})",
    "Pengembalian {number} tersimpan. Mencetak bukti pengembalian...":
        "Refund {number} saved. Printing the refund receipt...",
    "Bukti pengembalian {number} tercetak. Serahkan uang {amount} ke pelanggan.":
        "Refund receipt {number} printed. Hand {amount} to the customer.",
    "Bukti pengembalian {number} tidak tercetak: {reason}": "Refund receipt {number} was not printed: {reason}",
    # till button
    "F8 Retur": "F8 Return",
}

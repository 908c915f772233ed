"""English texts for the core: money, errors, database, settings."""

MESSAGES = {
    "Jumlah uang tidak valid: {value}": "Invalid amount of money: {value}",
    "Jumlah uang harus bilangan bulat Rupiah, bukan pecahan: {value}": "Amounts must be whole Rupiah, not fractions: {value}",
    "Jumlah uang tidak boleh negatif: {value}": "Amounts cannot be negative: {value}",
}
MESSAGES.update({
    "Bahasa tidak dikenal: {value}": "Unknown language: {value}",
    "Mode pajak tidak dikenal: {value}": "Unknown tax mode: {value}",
    "Lebar kertas harus 58 atau 80 mm, bukan {value}": "Paper width must be 58 or 80 mm, not {value}",
    "ID terminal harus 1-8 huruf/angka, bukan {value}": "Terminal id must be 1-8 letters/digits, not {value}",
    "Nama toko tidak boleh kosong": "Store name cannot be empty",
    "Berkas pengaturan {path} rusak: {error}": "Settings file {path} is damaged: {error}",
    "Pengaturan {key} di {path} tidak valid: {value}": "Setting {key} in {path} is invalid: {value}",
    "Pengaturan tidak dapat disimpan ke {path}: {error}": "Settings could not be saved to {path}: {error}",
})
MESSAGES.update({
    "Alamat database tidak valid: {url}": "Invalid database address: {url}",
    "Folder database tidak dapat dibuat: {error}": "The database folder cannot be created: {error}",
    "Penyimpanan penuh: data tidak dapat disimpan. Kosongkan ruang disk lalu coba lagi.": "Storage is full: data cannot be saved. Free some disk space and try again.",
    "Database hanya-baca: data tidak dapat disimpan. Hubungi manajer.": "The database is read-only: data cannot be saved. Call the manager.",
    "Database sedang sibuk. Coba lagi sebentar.": "The database is busy. Try again in a moment.",
    "Data yang sudah selesai (penjualan, pengembalian, laporan Z, jurnal) tidak dapat diubah atau dihapus.":
        "Completed records (sales, refunds, Z reports, the journal) cannot be changed or deleted.",
    "Database tidak dapat dihubungi. Periksa koneksi lalu coba lagi.": "The database cannot be reached. Check the connection and try again.",
})
MESSAGES.update({
    "Metode pembayaran tidak dikenal: {method}": "Unknown payment method: {method}",
    "Jumlah pembayaran harus lebih dari nol": "A payment must be more than zero",
    "Barang timbangan harus dipindai dari label timbangan": "Weighed goods must be scanned from the scale label",
    "Jumlah barang timbangan tidak dapat diubah; hapus dan pindai ulang": "The quantity of weighed goods cannot be changed; remove it and scan again",
    "Jumlah harus bilangan bulat 1 sampai {max}": "Quantity must be a whole number from 1 to {max}",
    "Belum ada pembayaran": "No payment yet",
    "Pembayaran non-tunai melebihi total belanja": "Non-cash payments exceed the total",
    "Pembayaran kurang {amount}": "Payment is short by {amount}",
})

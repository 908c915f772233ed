"""English texts for the stock take (stok opname)."""

MESSAGES = {
    "memulai stok opname": "start a stock take",
    "memposting stok opname": "post a stock take",
    "membatalkan stok opname": "cancel a stock take",
    "Cakupan stok opname tidak dikenal: {scope}": "Unknown stock take scope: {scope}",
    "Pilihan untuk barang yang belum dihitung tidak dikenal: {value}":
        "Unknown choice for products not counted: {value}",
    "Alasan penyesuaian stok opname wajib diisi": "A reason for the stock take adjustments is required",
    "Pilih kategori untuk stok opname per kategori": "Choose a category for a stock take by category",
    "Tidak ada barang aktif dengan kategori {category}": "No active product has the category {category}",
    "Stok opname {number} sudah diposting dan tidak dapat diubah lagi":
        "Stock take {number} is already posted and can no longer be changed",
    "Stok opname {number} sudah dibatalkan": "Stock take {number} was cancelled",
    "Barang dengan id {id} tidak ada": "No product with id {id}",
    "Stok opname {number} masih terbuka: posting atau batalkan dulu sebelum memulai yang baru":
        "Stock take {number} is still open: post or cancel it before starting a new one",
    "{name} ({vendor}) tidak termasuk stok opname {number}: {scope}":
        "{name} ({vendor}) is not part of stock take {number}: {scope}",
    "Hitungan {name} tidak boleh kurang dari nol (sekarang {counted})":
        "The count of {name} cannot go below zero (now {counted})",
    "Semua barang": "All products",
    "Kategori {category}": "Category {category}",
    "UMKM {code} {name}": "Vendor {code} {name}",
    "Stok opname {number} tidak ditemukan": "Stock take {number} not found",
    "Jumlah hitungan harus bilangan bulat: {value}": "A count must be a whole number: {value}",
    "Jumlah hitungan tidak boleh nol": "The quantity counted cannot be zero",
    "Jumlah {value} terlalu besar: mungkin barcode terpindai ke kolom jumlah?":
        "{value} is too large: was a barcode scanned into the quantity box?",
    "Jumlah hitungan tidak boleh negatif: {value}": "A count cannot be negative: {value}",
}

"""English texts for the settings (service and dialog) and the product search dialog."""

MESSAGES = {
    "Hanya manajer atau admin yang boleh mengubah pengaturan toko":
        "Only a manager or an admin may change the store settings",
}
MESSAGES.update({
    "Pengaturan Toko": "Store Settings",
    "Toko": "Store",
    "Nama toko": "Store name",
    "Alamat": "Address",
    "Telepon": "Phone",
    "Pesan di akhir struk": "Receipt footer",
    "Dicetak di bagian bawah setiap struk": "Printed at the bottom of every receipt",
    "Kasir dan printer struk": "Till and receipt printer",
    "ID terminal": "Terminal id",
    "1-8 huruf atau angka, berbeda untuk setiap komputer kasir":
        "1-8 letters or digits, different for every till computer",
    "Alamat printer": "Printer address",
    "Contoh: tcp://192.168.1.50:9100 (jaringan), usb://0416:5011 (USB),\n"
    "serial:///dev/ttyUSB0?baudrate=9600 (serial), file:///... (ke berkas),\n"
    "atau none (tanpa printer)":
        "Examples: tcp://192.168.1.50:9100 (network), usb://0416:5011 (USB),\n"
        "serial:///dev/ttyUSB0?baudrate=9600 (serial), file:///... (to a file),\n"
        "or none (no printer)",
    "Lebar kertas": "Paper width",
    "Pembayaran QRIS": "QRIS payment",
    "QRIS statis": "Static QRIS",
    "Tempel isi QRIS statis dari aplikasi merchant di sini": "Paste the static QRIS payload from the merchant app here",
    "Belum ada QRIS: pembayaran QRIS tidak dapat dicetak di struk":
        "No QRIS yet: QRIS payments cannot be printed on receipts",
    "Merchant: {name}": "Merchant: {name}",
    "QRIS tidak dapat dipakai: {error}": "This QRIS cannot be used: {error}",
    "Bahasa dan pajak": "Language and tax",
    "Bahasa": "Language",
    "Status pajak": "Tax status",
    "Bukan PKP (tanpa PPN)": "Not VAT-registered (no PPN)",
    "PKP (PPN 12% termasuk harga)": "VAT-registered (PPN 12% included in prices)",
    "Simpan": "Save",
    "Batal": "Cancel",
    "Pengaturan belum disimpan": "Settings not saved",
})
MESSAGES.update({
    "Cari Barang": "Find Product",
    "Ketik nama barang, misalnya kopi": "Type a product name, e.g. kopi",
    "Nama barang": "Product",
    "Kode": "Code",
    "Harga": "Price",
    "Stok": "Stock",
    "Pilih (Enter)": "Choose (Enter)",
    "Batal (Esc)": "Cancel (Esc)",
    "Ketik nama barang untuk mencari": "Type a product name to search",
    "Tidak ada barang yang cocok": "No matching products",
    "Menampilkan {count} barang pertama; ketik lebih lengkap untuk mempersempit":
        "Showing the first {count} products; type more to narrow the search",
    "{count} barang ditemukan": "{count} products found",
})

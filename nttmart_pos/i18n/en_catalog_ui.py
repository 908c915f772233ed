"""English texts for the manager's vendor (UMKM) and product screens and their dialogs."""

MESSAGES = {
    # table columns and cells (ui/manager/catalog_models.py)
    "Pemilik": "Owner",
    "Kab/kota": "Regency",
    "Ketentuan": "Terms",
    "Jumlah\nbarang": "Number of\nproducts",
    "Aktif": "Active",
    "Harga setor\n/ komisi": "Harga setor\n/ commission",
    "Batas\npesan ulang": "Reorder\nlevel",
    "Peringatan\nsertifikat": "Certificate\nwarning",
    "ya": "yes",
    "tidak": "no",
    "komisi {pct}%": "commission {pct}%",
    "{price}/kg": "{price}/kg",
    "{label} kedaluwarsa {date}": "{label} expired {date}",
    "{label} habis hari ini": "{label} expires today",
    "{label} habis {days} hari lagi": "{label} expires in {days} days",
    "UMKM: {code} - {name}": "Vendor: {code} - {name}",
    "UMKM ini sudah nonaktif; barangnya tetap bisa dijual": "This vendor is inactive; its products still sell",
    "UMKM menerima harga setor per barang terjual": "The vendor gets the harga setor per unit sold",
    "Komisi khusus barang ini (UMKM: {pct}%)": "Commission of this product only (vendor: {pct}%)",
    "Komisi mengikuti UMKM": "Commission as agreed with the vendor",
    "Komisi persen": "Commission percentage",
    "Harga setor per barang": "Harga setor per product",
    "Dompet digital": "E-wallet",
    # fields (ui/manager/catalog_fields.py)
    "mis. 12.500": "e.g. 12.500",
    "tanpa tanggal": "no date",
    "Sertifikat": "Certificates",
    "berlaku sampai": "valid until",
    "Hapus tanggal (tanpa tanggal)": "Clear the date (no date)",
    "Kosongkan nomor yang tidak ada. P-IRT berlaku paling lama 5 tahun; P-IRT atau BPOM yang kedaluwarsa "
    "memunculkan peringatan di kasir.":
        "Leave numbers the product does not have empty. A P-IRT is valid for at most 5 years; an expired P-IRT "
        "or BPOM shows a warning at the till.",
    "nomor belum diisi": "number missing",
    "kedaluwarsa sejak {date}": "expired on {date}",
    "segera habis: {days} hari lagi": "expires soon: in {days} days",
    "berlaku": "valid",
    # lists (ui/manager/catalog_list.py, vendors_tab.py, products_tab.py)
    "tampilkan yang nonaktif": "show inactive",
    "Cari kode, nama UMKM, pemilik atau kabupaten/kota": "Search code, vendor name, owner or regency",
    "UMKM baru": "New vendor",
    "Ubah": "Edit",
    "Nonaktifkan": "Deactivate",
    "Aktifkan": "Activate",
    "{count} UMKM": "{count} vendors",
    "Tidak ada UMKM yang cocok dengan \"{query}\"": "No vendor matches \"{query}\"",
    "Belum ada UMKM. Tekan \"UMKM baru\" untuk menambah.": "No vendors yet. Press \"New vendor\" to add one.",
    "UMKM {code} - {name} ditambahkan.": "Vendor {code} - {name} added.",
    "UMKM {code} - {name} disimpan.": "Vendor {code} - {name} saved.",
    "Nonaktifkan UMKM": "Deactivate vendor",
    "Nonaktifkan UMKM {code} - {name}?\n\nUMKM ini tidak bisa dipilih lagi untuk barang baru. Barangnya yang "
    "masih di rak tetap bisa dijual. Semua riwayat penjualan, titipan, retur dan pembayarannya tetap disimpan, "
    "dan UMKM ini bisa diaktifkan lagi kapan saja.":
        "Deactivate vendor {code} - {name}?\n\nThe vendor can no longer be chosen for new products. Its goods "
        "still on the shelf can still be sold. Its whole history of sales, consignments, returns and payouts is "
        "kept, and the vendor can be activated again at any time.",
    "Aktifkan UMKM": "Activate vendor",
    "Aktifkan lagi UMKM {code} - {name}?": "Activate vendor {code} - {name} again?",
    "UMKM {code} aktif lagi.": "Vendor {code} is active again.",
    "UMKM {code} dinonaktifkan; riwayatnya tetap tersimpan.": "Vendor {code} deactivated; its history is kept.",
    "UMKM {code} dinonaktifkan; riwayatnya tetap tersimpan. Centang \"tampilkan yang nonaktif\" untuk melihatnya.":
        "Vendor {code} deactivated; its history is kept. Tick \"show inactive\" to see it.",
    "Cari nama barang atau barcode": "Search product name or barcode",
    "semua kategori": "all categories",
    "Barang baru": "New product",
    "Riwayat harga": "Price history",
    "{count} barang": "{count} products",
    "Menampilkan {count} barang pertama; ketik lebih lengkap atau pilih UMKM/kategori untuk mempersempit":
        "Showing the first {count} products; type more or choose a vendor/category to narrow the list",
    "Barang {name} disimpan.": "Product {name} saved.",
    "Barang baru disimpan": "New product saved",
    "Nonaktifkan barang": "Deactivate product",
    "Nonaktifkan {name} ({code})?\n\nKasir tidak bisa menjual barang ini lagi. Stoknya, riwayat penjualan dan "
    "riwayat harganya tetap disimpan, dan barang ini bisa diaktifkan lagi kapan saja.":
        "Deactivate {name} ({code})?\n\nThe till can no longer sell it. Its stock, sales history and price "
        "history are kept, and the product can be activated again at any time.",
    "Aktifkan barang": "Activate product",
    "Jual lagi {name} ({code})?": "Sell {name} ({code}) again?",
    "{name} dijual lagi.": "{name} is on sale again.",
    "{name} dinonaktifkan; riwayatnya tetap tersimpan.": "{name} deactivated; its history is kept.",
    "{name} dinonaktifkan; riwayatnya tetap tersimpan. Centang \"tampilkan yang nonaktif\" untuk melihatnya.":
        "{name} deactivated; its history is kept. Tick \"show inactive\" to see it.",
    # vendor dialog
    "mis. KOPI01": "e.g. KOPI01",
    "2-20 huruf, angka atau tanda -; tidak dapat diubah setelah disimpan":
        "2-20 letters, digits or -; cannot be changed once saved",
    "Nama usaha, mis. Kopi Bajawa Flores": "Business name, e.g. Kopi Bajawa Flores",
    "Nama pemilik atau penanggung jawab": "Name of the owner or the person in charge",
    "mis. 0812-3456-7890": "e.g. 0812-3456-7890",
    "pilih kabupaten/kota": "choose a regency/city",
    "Desa/kelurahan, kecamatan": "Village, district",
    "Kabupaten/kota": "Regency/city",
    "Ketentuan titip jual": "Consignment terms",
    "Komisi toko": "Store commission",
    "Toko memotong komisi ini dari setiap penjualan; sisanya dibayar ke UMKM.":
        "The store keeps this commission of every sale; the rest is paid to the vendor.",
    "UMKM menerima harga setor tetap per barang yang terjual; isi harga setor di setiap barangnya.":
        "The vendor gets a fixed harga setor per unit sold; enter the harga setor on each of its products.",
    "Cara pembayaran": "Payout method",
    "Rekening / nomor": "Account / number",
    "Bank, nomor rekening, atas nama - mis. BRI 1234-01-000123-50-1 a.n. Maria":
        "Bank, account number, account holder - e.g. BRI 1234-01-000123-50-1 a.n. Maria",
    "Nama dompet dan nomor HP - mis. DANA 0812-3456-7890": "E-wallet and phone number - e.g. DANA 0812-3456-7890",
    "Tidak perlu untuk pembayaran tunai": "Not needed for cash payouts",
    "mis. jadwal antar barang, nama anak yang menagih": "e.g. delivery days, who comes to collect the payout",
    "Ubah UMKM {code}": "Edit vendor {code}",
    "UMKM belum disimpan": "Vendor not saved",
    # product dialog
    "mis. Kopi Arabika Bajawa 250 g": "e.g. Kopi Arabika Bajawa 250 g",
    "pilih atau ketik kategori baru": "choose, or type a new category",
    "pilih UMKM": "choose a vendor",
    "Barang masuk daftar stok menipis bila stoknya sebanyak ini atau kurang":
        "The product shows on the low-stock list when its stock is this much or less",
    "Stok awal": "Opening stock",
    "Stok yang sudah ada di rak sekarang; berikutnya stok masuk lewat penerimaan titipan":
        "The stock on the shelf now; later stock comes in through consignment intake",
    "Harga dan titip jual": "Price and consignment",
    "Yang diterima UMKM untuk setiap barang yang terjual": "What the vendor gets for every unit sold",
    "Kosongkan (ikut UMKM) kecuali barang ini punya komisi sendiri":
        "Leave empty (as the vendor) unless this product has its own commission",
    "kosong = kode toko dari program": "empty = the program assigns a store code",
    "Pindai barcode di kemasan. Tanpa barcode? Kosongkan: program memberi kode toko (berawalan 2) untuk dicetak "
    "sebagai label.":
        "Scan the barcode on the package. No barcode? Leave it empty: the program assigns a store code "
        "(starting with 2) to print as a label.",
    "kosong = tetap {code}": "empty = keep {code}",
    "Kosongkan untuk tetap memakai barcode sekarang.": "Leave empty to keep the current barcode.",
    "ikut UMKM ({pct}%)": "as the vendor ({pct}%)",
    "tidak ada": "none",
    "Pilih UMKM dulu: ketentuan titip jualnya menentukan harga setor atau komisi.":
        "Choose the vendor first: its consignment terms decide between harga setor and commission.",
    "UMKM {code} memakai harga setor: isi harga setor (tidak boleh melebihi harga jual).":
        "Vendor {code} works with harga setor: enter the harga setor (not above the selling price).",
    "UMKM {code} memakai {terms}; isi komisi hanya bila barang ini berbeda.":
        "Vendor {code} works with {terms}; enter a commission only if this product differs.",
    "Ubah barang {name}": "Edit product {name}",
    "Harga setor tidak dipakai selama UMKM memakai komisi; boleh dikosongkan.":
        "The harga setor is not used while the vendor works on commission; it may be left empty.",
    "{field}: {error}": "{field}: {error}",
    "Pilih UMKM pemilik barang ini": "Choose the vendor this product belongs to",
    "Harga jual wajib diisi": "The selling price is required",
    "Barang belum disimpan": "Product not saved",
    "Sertifikat belum disimpan": "Certificates not saved",
    "Barang {name} SUDAH disimpan dengan barcode {code}, tetapi sertifikatnya BELUM disimpan: {error}\n\n"
    "Periksa sertifikat lalu tekan Simpan lagi. Bila menekan Batal, barangnya tetap tersimpan tanpa perubahan "
    "sertifikat.":
        "Product {name} HAS been saved with barcode {code}, but its certificates have NOT: {error}\n\n"
        "Check the certificates and press Save again. If you press Cancel, the product stays saved without the "
        "certificate changes.",
    "Barang {name} disimpan dengan kode toko {code}. Barang ini belum punya barcode: cetak labelnya di tab "
    "Label barcode dan tempel sebelum dipajang.":
        "Product {name} saved with store code {code}. It has no barcode of its own: print its labels in the "
        "Barcode labels tab and stick them on before it goes on the shelf.",
    "Barang {name} disimpan dengan barcode {code}.": "Product {name} saved with barcode {code}.",
    "{vendor} (nonaktif)": "{vendor} (inactive)",
    # price history
    "Oleh": "By",
    "Komisi": "Commission",
    "Riwayat harga - {name}": "Price history - {name}",
    "{name} ({code}), harga sekarang {price}": "{name} ({code}), price now {price}",
    "Harga barang ini belum pernah diubah.": "The price of this product has never been changed.",
    "Tutup": "Close",
}

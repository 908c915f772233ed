"""English texts of the manager's import/export tab (preview, rejected rows, templates, exports)."""

MESSAGES = {
    "Impor/Ekspor": "Import/Export",
    # import
    "Impor dari berkas": "Import from a file",
    "Data": "Data",
    "UMKM": "Vendor",
    "Barang": "Product",
    "barang": "products",
    "Pilih berkas...": "Choose file...",
    "Belum ada berkas dipilih": "No file chosen yet",
    "Periksa ulang": "Check again",
    "Baca lagi berkas yang sama, misalnya setelah diperbaiki di Excel":
        "Read the same file again, e.g. after fixing it in Excel",
    "Unduh template kosong...": "Download empty template...",
    "Berkas kosong dengan judul kolom yang benar, untuk diisi di Excel":
        "An empty file with the right column titles, to fill in with Excel",
    "Kolom: {columns}. Wajib diisi: code dan name. commission_pct kosong berarti harga setor; payout_method: "
    "transfer, cash atau ewallet.":
        "Columns: {columns}. Required: code and name. A blank commission_pct means harga setor terms; "
        "payout_method: transfer, cash or ewallet.",
    "Kolom: {columns}. Wajib diisi: name, vendor_code dan price; kolom barcode wajib ada, tetapi isinya boleh kosong "
    "(toko membuat kode sendiri). stock adalah stok awal barang baru. Harga boleh ditulis 12500, 12.500 atau "
    "Rp12.500.":
        "Columns: {columns}. Required: name, vendor_code and price; the barcode column must be there, but a cell may "
        "be blank (the store assigns its own code). stock is the opening stock of a new product. Prices may be "
        "written 12500, 12.500 or Rp12.500.",
    "Hanya tampilkan yang baru dan berubah": "Show only new and changed rows",
    "Impor sekarang": "Import now",
    "Pilih jenis data lalu berkas CSV atau Excel. Perubahan ditampilkan dulu; belum ada yang disimpan sebelum Anda "
    "menekan \"Impor sekarang\".":
        "Choose the kind of data, then a CSV or Excel file. The changes are shown first; nothing is saved until you "
        "press \"Import now\".",
    "Pilih berkas untuk diimpor": "Choose a file to import",
    "CSV atau Excel (*.csv *.xlsx)": "CSV or Excel (*.csv *.xlsx)",
    "Memeriksa {name}... (belum ada yang disimpan)": "Checking {name}... (nothing saved yet)",
    "Ini baru pratinjau; belum ada yang disimpan. Periksa perubahannya, lalu tekan \"Impor sekarang\".":
        "This is only a preview; nothing is saved yet. Check the changes, then press \"Import now\".",
    "Tidak ada yang perlu diimpor: isi berkas sudah sama dengan data toko.":
        "Nothing to import: the file already matches the store's data.",
    "Berkas belum dapat diperiksa.": "The file could not be checked.",
    "Belum ada yang disimpan.": "Nothing has been saved.",
    "{created} baru, {updated} berubah, {unchanged} tidak berubah":
        "{created} new, {updated} changed, {unchanged} unchanged",
    "Catatan ({count}):": "Notes ({count}):",
    "Berkas tidak diimpor: {count} baris bermasalah. Perbaiki lalu pilih berkas lagi.":
        "File not imported: {count} rows have problems. Fix them, then choose the file again.",
    "Impor {created} UMKM baru dan {updated} perubahan?": "Import {created} new vendors and {updated} changes?",
    "Impor {created} barang baru dan {updated} perubahan?": "Import {created} new products and {updated} changes?",
    "Impor data": "Import data",
    "Ya, impor": "Yes, import",
    "Batal": "Cancel",
    "Semua baris disimpan sekaligus, atau tidak satu pun bila ada yang gagal.":
        "All rows are saved together, or none of them if one fails.",
    "Mengimpor {name}...": "Importing {name}...",
    "Impor tidak berhasil, tidak ada yang disimpan.": "The import failed; nothing was saved.",
    "Simpan template kosong": "Save empty template",
    "Template kosong untuk {what} disimpan di {path}. Isi di Excel, simpan sebagai .xlsx atau CSV UTF-8, lalu pilih "
    "berkasnya di sini.":
        "Empty template for {what} saved to {path}. Fill it in with Excel, save it as .xlsx or CSV UTF-8, then "
        "choose the file here.",
    # preview and error tables
    "Baris": "Row",
    "Aksi": "Action",
    "Kode / barcode": "Code / barcode",
    "Nama": "Name",
    "Perubahan": "Changes",
    "Kolom": "Column",
    "Alasan": "Reason",
    "Baru": "New",
    "Ubah": "Edit",
    "Tetap": "Unchanged",
    "{column}: {old} {arrow} {new}": "{column}: {old} {arrow} {new}",
    "(kosong)": "(blank)",
    "kode": "code",
    "nama": "name",
    "pemilik": "owner",
    "telepon": "phone",
    "kabupaten/kota": "regency/city",
    "komisi": "commission",
    "cara bayar": "payout method",
    "rekening": "account",
    "barcode": "barcode",
    "kategori": "category",
    "harga": "price",
    "harga setor": "harga setor",
    "satuan": "unit",
    "stok": "stock",
    "P-IRT": "P-IRT",
    "BPOM": "BPOM",
    "halal": "halal",
    "SNI": "SNI",
    # export
    "Ekspor ke berkas": "Export to a file",
    "Ekspor ke berkas...": "Export to file...",
    "Semua UMKM atau barang, aktif maupun nonaktif, dengan kolom yang bisa diimpor kembali.":
        "All vendors or products, active or not, in columns that import back.",
    "Excel (*.xlsx)": "Excel (*.xlsx)",
    "CSV UTF-8 (*.csv)": "CSV UTF-8 (*.csv)",
    "Ekspor {what}": "Export {what}",
    "Mengekspor {what} ke {name}...": "Exporting {what} to {name}...",
    "{count} UMKM diekspor ke {path}": "{count} vendors exported to {path}",
    "{count} barang diekspor ke {path}": "{count} products exported to {path}",
    "Ekspor tidak berhasil.": "The export failed.",
    "Buka berkas": "Open file",
    "Buka folder": "Open folder",
    "Berkas tidak dapat dibuka otomatis; buka {path}": "The file cannot be opened automatically; open {path}",
    "Folder tidak dapat dibuka otomatis; buka {path}": "The folder cannot be opened automatically; open {path}",
}

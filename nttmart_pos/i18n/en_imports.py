"""English texts for importing and exporting vendors and products (CSV/XLSX) and their commands."""

MESSAGES = {
    # reading and writing files
    "Jenis berkas tidak didukung: {name}; pakai .csv atau .xlsx":
        "Unsupported file type: {name}; use .csv or .xlsx",
    "Berkas tidak ditemukan: {path}": "File not found: {path}",
    "Berkas {path} tidak dapat dibaca: {error}": "File {path} cannot be read: {error}",
    "Berkas {name} berisi XLSX, bukan CSV: ganti akhiran namanya menjadi .xlsx":
        "File {name} holds XLSX, not CSV: rename it to end in .xlsx",
    "Berkas {name} tersimpan sebagai UTF-16; simpan ulang sebagai \"CSV UTF-8\"":
        "File {name} is saved as UTF-16; save it again as \"CSV UTF-8\"",
    "Baris terlalu panjang; apakah ini benar berkas CSV?": "Line too long; is this really a CSV file?",
    "baris berisi karakter NUL; berkas rusak atau bukan CSV":
        "the row holds NUL characters; the file is damaged or not CSV",
    "Berkas {name} bukan XLSX yang dapat dibaca (.xls lama tidak didukung; simpan sebagai .xlsx atau CSV UTF-8)":
        "File {name} is not a readable XLSX (old .xls is not supported; save as .xlsx or CSV UTF-8)",
    "Berkas {path} tidak dapat ditulis: {error}": "File {path} cannot be written: {error}",
    "Berkas kosong: {name}": "Empty file: {name}",
    "teks bukan UTF-8 (mungkin tersimpan sebagai ANSI/Windows-1252); simpan ulang berkas sebagai \"CSV UTF-8\"":
        "the text is not UTF-8 (perhaps saved as ANSI/Windows-1252); save the file again as \"CSV UTF-8\"",
    "CSV rusak: {error}": "Damaged CSV: {error}",
    "Berkas {name} rusak setelah baris {row}": "File {name} is damaged after row {row}",
    "Teks berisi karakter kendali yang tidak dapat disimpan di XLSX: {value}":
        "The text holds control characters that XLSX cannot store: {value}",
    # rows and cells
    "baris {row}: {column}: {reason}": "row {row}: {column}: {reason}",
    "baris {row}: {reason}": "row {row}: {reason}",
    "harga wajib diisi": "the price is required",
    "persen komisi harus bilangan bulat 0 sampai 100: {value}":
        "the commission percent must be a whole number 0 to 100: {value}",
    "stok harus bilangan bulat 0 atau lebih: {value}": "stock must be a whole number, 0 or more: {value}",
    "barcode {value} tertulis sebagai angka ilmiah, angka aslinya sudah hilang; format kolom barcode sebagai Teks "
    "di Excel lalu isi ulang barcodenya":
        "barcode {value} is written in scientific notation and its digits are lost; format the barcode column as "
        "Text in Excel and enter the barcodes again",
    "cara pembayaran harus transfer, cash atau ewallet: {value}":
        "the payout method must be transfer, cash or ewallet: {value}",
    "kode UMKM wajib diisi": "the vendor code is required",
    "kolom tidak dikenal: {names} (kolom yang dikenal: {known})": "unknown columns: {names} (known columns: {known})",
    "kolom ganda: {names}": "columns given twice: {names}",
    "kolom wajib tidak ada: {names}": "required columns missing: {names}",
    "harga setor {setor} lebih tinggi dari harga jual {price}":
        "harga setor {setor} is above the selling price {price}",
    "ada isian di luar kolom yang berjudul": "there are values outside the titled columns",
    "isian lebih dari {max} karakter": "the value is longer than {max} characters",
    # importing
    "Impor selesai: {created} dibuat, {updated} diubah, {unchanged} tetap.":
        "Import done: {created} created, {updated} updated, {unchanged} unchanged.",
    "Uji coba, tidak ada yang disimpan: {created} akan dibuat, {updated} akan diubah, {unchanged} tetap.":
        "Dry run, nothing saved: {created} to create, {updated} to update, {unchanged} unchanged.",
    "mengimpor data UMKM": "import vendors",
    "mengimpor data barang": "import products",
    "harga setor": "harga setor",
    "... dan {count} kesalahan lain": "... and {count} more errors",
    "Belum ada admin atau manajer di database; jalankan dulu nttmart-pos init --admin NAMA --pin PIN":
        "The database has no admin or manager yet; first run nttmart-pos init --admin NAME --pin PIN",
    "Berkas ditolak, tidak ada yang disimpan ({count} kesalahan):": "File rejected, nothing saved ({count} errors):",
    "{what} juga ada di baris {rows}": "{what} is also on row {rows}",
    "kode UMKM {code}": "vendor code {code}",
    "barcode {code}": "barcode {code}",
    "barang {name} dari UMKM {code}": "product {name} of vendor {code}",
    "bertabrakan dengan data yang baru saja disimpan dari tempat lain; coba impor lagi":
        "clashes with data just saved elsewhere; import again",
    "{reason} (jika barcode diawali 0, format kolom barcode sebagai Teks di Excel)":
        "{reason} (if the barcode starts with 0, format the barcode column as Text in Excel)",
    "stok {given} diabaikan: barang {code} sudah ada (stok sekarang {stock}); stok barang lama hanya berubah lewat "
    "penerimaan titipan, retur atau stok opname":
        "stock {given} ignored: product {code} exists already (stock now {stock}); the stock of an existing product "
        "changes only through intake, retur or stok opname",
    "UMKM {code} punya {count} barang bernama {name}; isi barcodenya agar jelas barang yang mana":
        "vendor {code} has {count} products named {name}; fill in the barcode to say which one",
    # exporting
    "mengekspor data UMKM": "export vendors",
    "mengekspor data barang": "export products",
    # commands
    "Baris perintah tidak punya login: perintah ini berjalan sebagai admin atau manajer aktif pertama di database "
    "(buat dengan: nttmart-pos init --admin NAMA --pin PIN).":
        "The command line has no login: this command runs as the first active admin or manager in the database "
        "(create one with: nttmart-pos init --admin NAME --pin PIN).",
    "impor UMKM atau barang dari CSV/XLSX": "import vendors or products from CSV/XLSX",
    "Impor UMKM atau barang dari CSV (koma atau titik koma, UTF-8) atau XLSX. Semua baris atau tidak sama sekali: "
    "satu baris salah menolak seluruh berkas. {identity}":
        "Import vendors or products from CSV (comma or semicolon, UTF-8) or XLSX. All rows or none: one bad row "
        "rejects the whole file. {identity}",
    "JENIS": "KIND",
    "ekspor UMKM atau barang ke CSV/XLSX": "export vendors or products to CSV/XLSX",
    "Tulis UMKM atau barang ke CSV (UTF-8, koma) atau XLSX, dengan kolom yang bisa diimpor kembali. {identity}":
        "Write vendors or products to CSV (UTF-8, comma) or XLSX, in columns that import back. {identity}",
    "impor UMKM (kolom: {columns})": "import vendors (columns: {columns})",
    "ekspor semua UMKM": "export every vendor",
    "impor barang (kolom: {columns})": "import products (columns: {columns})",
    "ekspor semua barang": "export every product",
    "BERKAS": "FILE",
    "berkas .csv atau .xlsx": "a .csv or .xlsx file",
    "periksa dan tampilkan perubahan tanpa menyimpan apa pun": "check and show the changes without saving anything",
    "berkas .csv atau .xlsx yang ditulis": "the .csv or .xlsx file to write",
    "baris {row}: baru {key} {name}": "row {row}: new {key} {name}",
    "baris {row}: ubah {key} {name}: {changes}": "row {row}: change {key} {name}: {changes}",
    "{column} {old} -> {new}": "{column} {old} -> {new}",
    "(kode toko baru)": "(new in-store code)",
    "{count} UMKM diekspor ke {path}.": "{count} vendors exported to {path}.",
    "{count} barang diekspor ke {path}.": "{count} products exported to {path}.",
    "berkas {path} ditolak, tidak ada yang disimpan ({count} kesalahan):":
        "file {path} rejected, nothing saved ({count} errors):",
}

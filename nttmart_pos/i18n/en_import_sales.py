"""English texts for recording orders taken outside the till (``import sales``) and its command."""

MESSAGES = {
    # reading the file
    "ada isian di luar kolom yang berjudul": "there is data outside the titled columns",
    "isian lebih dari {max} karakter": "the cell is longer than {max} characters",
    "kolom tidak dikenal: {names} (kolom yang dikenal: {known})": "unknown columns: {names} (known columns: {known})",
    "kolom ganda: {names}": "repeated columns: {names}",
    "kolom wajib tidak ada: {names}": "required columns missing: {names}",
    "baris ini mengulang judul kolom; hapus baris ini": "this row repeats the column titles; delete it",
    "order_id wajib diisi": "order_id is required",
    "order_id harus teks biasa paling panjang {max} karakter: {value}":
        "order_id must be plain text of at most {max} characters: {value}",
    "tanggal harus YYYY-MM-DD atau YYYY-MM-DD HH:MM (mis. 2025-03-14 13:05): {value}":
        "the date must be YYYY-MM-DD or YYYY-MM-DD HH:MM (e.g. 2025-03-14 13:05): {value}",
    "tanggal {value} masih di masa depan": "the date {value} is in the future",
    "barcode wajib diisi": "the barcode is required",
    "barcode {value} tertulis sebagai angka ilmiah, angka aslinya sudah hilang; format kolom barcode sebagai "
    "Teks di Excel lalu isi ulang barcodenya":
        "barcode {value} is written in scientific notation and its real digits are lost; format the barcode "
        "column as Text in Excel and enter the barcodes again",
    "qty harus bilangan bulat 1 sampai {max}: {value}": "qty must be a whole number from 1 to {max}: {value}",
    "(kosong)": "(empty)",
    "unit_price wajib diisi": "unit_price is required",
    "channel tidak dikenal: {value} (pakai salah satu: {allowed})": "unknown channel: {value} (use one of: {allowed})",
    "payment_method tidak dikenal: {value} (pakai salah satu: {allowed})":
        "unknown payment_method: {value} (use one of: {allowed})",
    "{value} berbeda dengan baris {row} ({first}); satu pesanan harus sama di semua barisnya":
        "{value} differs from row {row} ({first}); it must be the same on every row of an order",
    # recording the orders
    "mengimpor penjualan": "import sales",
    "{name} dijual menurut berat: isi barcode dengan kode label timbangan 13 angka yang memuat beratnya "
    "(mis. {example} untuk 1.000 g)":
        "{name} is sold by weight: give as barcode the 13-digit scale label code that holds its weight "
        "(e.g. {example} for 1,000 g)",
    "{name} dijual dengan label harga: isi barcode dengan kode label 13 angka (mis. {example})":
        "{name} is sold with a price label: give as barcode the 13-digit label code (e.g. {example})",
    "baris {row}: pesanan {order} ditolak: {reason}": "row {row}: order {order} rejected: {reason}",
    "baris {row}: ditolak: {reason}": "row {row}: rejected: {reason}",
    "UMKM {vendor} sudah punya setoran {payout} untuk {date_from} s.d. {date_to}, jadi barang ini tidak dapat "
    "disetor lagi; catat pesanan dengan tanggal sesudah {date_to}":
        "vendor {vendor} already has payout {payout} for {date_from} to {date_to}, so this item could not be "
        "settled any more; record the order with a date after {date_to}",
    "total pesanan {total}; pesanan tanpa nilai tidak dicatat": "order total {total}; an order worth nothing is "
                                                                "not recorded",
    "bertabrakan dengan data yang baru saja disimpan dari tempat lain; coba impor lagi":
        "clashes with data just saved from elsewhere; try the import again",
    "Uji coba, tidak ada yang disimpan: {recorded} pesanan akan dicatat, {skipped} sudah diimpor sebelumnya, "
    "{rejected} ditolak.":
        "Trial run, nothing saved: {recorded} orders would be recorded, {skipped} already imported, "
        "{rejected} rejected.",
    "Impor penjualan selesai: {recorded} pesanan dicatat, {skipped} sudah diimpor sebelumnya, {rejected} ditolak.":
        "Sales import done: {recorded} orders recorded, {skipped} already imported, {rejected} rejected.",
    # the command
    "impor UMKM, barang atau penjualan dari CSV/XLSX": "import vendors, products or sales from CSV/XLSX",
    "Impor UMKM, barang atau penjualan dari CSV (koma atau titik koma, UTF-8) atau XLSX. UMKM dan barang: semua "
    "baris atau tidak sama sekali, satu baris salah menolak seluruh berkas. Penjualan: tiap pesanan utuh atau "
    "tidak sama sekali, pesanan lain tetap dicatat. {identity}":
        "Import vendors, products or sales from CSV (comma or semicolon, UTF-8) or XLSX. Vendors and products: "
        "every row or none, one bad row rejects the whole file. Sales: each order whole or not at all, the other "
        "orders are still recorded. {identity}",
    "catat pesanan dari luar kasir: marketplace, WhatsApp, telepon ... (kolom: {columns}); pesanan yang sudah "
    "diimpor dilewati":
        "record orders taken outside the till: marketplace, WhatsApp, phone ... (columns: {columns}); orders "
        "already imported are skipped",
    "berkas .csv atau .xlsx": "a .csv or .xlsx file",
    "periksa semua pesanan tanpa menyimpan apa pun": "check every order without saving anything",
    "berkas {path} ditolak, tidak ada yang disimpan ({count} kesalahan):":
        "file {path} rejected, nothing saved ({count} errors):",
    "{count} pesanan ditolak; perbaiki barisnya lalu impor lagi berkas yang sama (pesanan yang sudah dicatat "
    "akan dilewati)":
        "{count} orders rejected; correct their rows, then import the same file again (orders already recorded "
        "will be skipped)",
    "{count} pesanan akan ditolak; perbaiki barisnya sebelum mengimpor":
        "{count} orders would be rejected; correct their rows before importing",
    "Satu pesanan = semua baris dengan order_id yang sama; pesanan dengan baris salah ditolak utuh, pesanan lain "
    "tetap dicatat. date: YYYY-MM-DD atau YYYY-MM-DD HH:MM, waktu setempat (tanggal saja = pukul 12.00). "
    "channel: {channels}. payment_method: {methods}. unit_price: harga satuan pesanan (per kg untuk barang "
    "timbangan, dengan kode label timbangan sebagai barcode).":
        "One order = all rows with the same order_id; an order with a bad row is rejected whole, the other orders "
        "are still recorded. date: YYYY-MM-DD or YYYY-MM-DD HH:MM, local time (a date alone = 12:00). "
        "channel: {channels}. payment_method: {methods}. unit_price: the order's unit price (per kg for weighed "
        "goods, with the scale label code as barcode).",
    "pesanan {order} ({channel}): akan dicatat sebagai {receipt}, {lines} baris, {total}":
        "order {order} ({channel}): would be recorded as {receipt}, {lines} lines, {total}",
    "pesanan {order} ({channel}): dicatat {receipt}, {lines} baris, {total}":
        "order {order} ({channel}): recorded {receipt}, {lines} lines, {total}",
    "pesanan {order} ({channel}): sudah diimpor sebagai {receipt}, dilewati":
        "order {order} ({channel}): already imported as {receipt}, skipped",
}

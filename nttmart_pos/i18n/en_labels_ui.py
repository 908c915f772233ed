"""English texts of the barcode label tab of the manager window."""

MESSAGES = {
    # tab and choices
    "Label barcode": "Barcode labels",
    "Pilih UMKM atau tanda terima titipan, atau pindai barcode barang.":
        "Choose a vendor or a consignment receipt, or scan product barcodes.",
    "Semua barang dari UMKM": "All products of vendor",
    "atau dari tanda terima titipan": "or from consignment receipt",
    "atau tambah satu per satu": "or add one by one",
    "Jumlah label = jumlah barang yang diterima pada tanda terima itu":
        "Number of labels = the quantity received on that receipt",
    "Pindai atau ketik barcode, Enter (5*kode = 5 label)": "Scan or type a barcode, Enter (5*code = 5 labels)",
    "Kosongkan daftar": "Clear the list",
    "- pilih UMKM -": "- choose a vendor -",
    "Semua UMKM (semua barang aktif)": "All vendors (every active product)",
    "{code} - {name} ({count} barang)": "{code} - {name} ({count} products)",
    "- pilih tanda terima titipan -": "- choose a consignment receipt -",
    "{number} - {code} {name} - {date}": "{number} - {code} {name} - {date}",
    "semua UMKM": "all vendors",
    "UMKM {code}": "vendor {code}",
    "Daftar diisi dengan {count} barang dari {source}. Ubah jumlah label bila perlu.":
        "Products from {source} in the list: {count}. Change the number of labels if needed.",
    "Daftar dikosongkan.": "The list was cleared.",
    "{name}: {copies} label": "{name} - labels: {copies}",
    "{name} tidak diberi label: {reason}": "{name} gets no label: {reason}",
    # table
    "Barcode": "Barcode",
    "Nama barang": "Product",
    "Harga": "Price",
    "UMKM": "Vendor",
    "Jumlah label": "Labels",
    "Jumlah label untuk barang ini; 0 menghapusnya dari daftar":
        "Number of labels for this product; 0 removes it from the list",
    "Tanpa label: {count} barang": "Without a label: {count}",
    "{name} ({code}): {reason}": "{name} ({code}): {reason}",
    # sheet
    "Lembar label A4": "A4 label sheet",
    "Jenis lembar": "Sheet type",
    "Mulai dari label": "Start at label",
    "{layout}: {count} per lembar, {width} x {height} mm": "{layout}: {count} per sheet, {width} x {height} mm",
    "mulai dari label ke-{n} (baris {row}, kolom {column})": "starting at label {n} (row {row}, column {column})",
    "Untuk lembar yang sudah terpakai sebagian: nomor label kosong pertama, dihitung per baris dari kiri atas":
        "For a partly used sheet: the number of the first empty label, counted row by row from the top left",
    "Klik label pertama yang masih kosong pada lembar": "Click the first empty label on the sheet",
    "sudah terpakai": "already used",
    "label pertama": "first label",
    "label berikutnya": "next labels",
    "Total {labels} label untuk {products} barang = {pages} lembar A4 {layout}":
        "Labels: {labels}, products: {products}, A4 {layout} sheets: {pages}",
    "Belum ada label dalam daftar": "No labels in the list yet",
    # PDF
    "Simpan PDF lembar label...": "Save label sheet PDF...",
    "Simpan PDF label": "Save label PDF",
    "Berkas PDF (*.pdf)": "PDF files (*.pdf)",
    "Membuat PDF {labels} label...": "Making the label PDF (labels: {labels})...",
    "PDF {labels} label ({pages} lembar {layout}) disimpan di {path}":
        "Label PDF saved to {path} (labels: {labels}, {layout} sheets: {pages})",
    "PDF label belum dibuat.": "The label PDF was not made.",
    "Buka PDF": "Open PDF",
    "PDF tidak dapat dibuka otomatis; buka berkas {path}": "The PDF cannot be opened automatically; open the file {path}",
    # thermal printer
    "Cetak label di printer struk": "Print labels on the receipt printer",
    "Printer struk belum diatur (Pengaturan toko)": "No receipt printer set up (Store settings)",
    "Printer struk: {url}, kertas {width} mm": "Receipt printer: {url}, {width} mm paper",
    "Printer struk belum diatur. Isi alamat printer di Pengaturan toko.":
        "No receipt printer is set up. Enter the printer address in Store settings.",
    "Cetak label": "Print labels",
    "Cetak {labels} label di printer struk? Itu memakai banyak kertas.":
        "Print {labels} labels on the receipt printer? That uses a lot of paper.",
    "Mengirim {labels} label ke printer...": "Sending labels to the printer (labels: {labels})...",
    "{labels} label dikirim ke printer {address}": "Labels sent to printer {address}: {labels}",
    "Label belum tercetak. Daftar tetap ada; periksa printer lalu coba lagi.":
        "The labels were not printed. The list is kept; check the printer and try again.",
}

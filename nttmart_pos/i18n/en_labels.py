"""English texts of barcode labels: label sheets, thermal labels and the ``labels`` command."""

MESSAGES = {
    "Jumlah label untuk {name} harus 0 sampai {max}: {copies}":
        "The number of labels for {name} must be 0 to {max}: {copies}",
    "Label tidak dicetak, barcode salah: {details}": "No labels printed, wrong barcode: {details}",
    "Tidak ada label untuk dicetak": "There are no labels to print",
    "Label barcode": "Barcode labels",
    "foldernya tidak ada": "the folder does not exist",
    "tidak ada izin menulis": "no permission to write",
    "disk penuh": "the disk is full",
    "disk hanya-baca": "the disk is read-only",
    "itu sebuah folder": "it is a folder",
    "Posisi awal harus 1 sampai {cells} untuk lembar {layout}: {start}":
        "The start position must be 1 to {cells} for a {layout} sheet: {start}",
    "Tata letak label tidak dikenal: {layout} (pilih {choices})": "Unknown label layout: {layout} (choose {choices})",
    "Berkas label tidak dapat ditulis: {path} ({reason})": "The label file cannot be written: {path} ({reason})",
    "Dokumen {number} tidak ada": "Document {number} does not exist",
    "Dokumen {number} bukan tanda terima titipan (barang masuk)":
        "Document {number} is not a consignment receipt (goods received)",
    "semua barang": "all products",
    "barang timbangan, labelnya dicetak oleh timbangan": "weighed product, its label is printed by the scale",
    "barang tidak aktif": "inactive product",
    "Barcode {code} terlalu lebar untuk kertas ini": "Barcode {code} is too wide for this paper",
    "Label tidak dapat disusun untuk printer: {reason}": "The labels cannot be prepared for the printer: {reason}",
    "{labels} label untuk {products} barang ditulis ke {path} ({pages} halaman {layout}).":
        "{labels} labels for {products} products written to {path} ({pages} {layout} pages).",
    "cetak label barcode ke PDF untuk lembar label A4": "print barcode labels to a PDF for A4 label sheets",
    "Buat PDF label barcode (nama, harga, kode UMKM, P-IRT/BPOM) untuk lembar label A4. "
    "Tanpa --vendor, --barcode atau --document: semua barang aktif.":
        "Make a PDF of barcode labels (name, price, vendor code, P-IRT/BPOM) for A4 label sheets. "
        "Without --vendor, --barcode or --document: every active product.",
    "BERKAS.pdf": "FILE.pdf",
    "berkas PDF yang ditulis": "the PDF file to write",
    "KODE": "CODE",
    "semua barang aktif dari UMKM ini": "every active product of this vendor",
    "barang dengan barcode ini (boleh beberapa)": "products with these barcodes (several allowed)",
    "barang dari tanda terima titipan ini; jumlah label = jumlah diterima":
        "the products of this consignment receipt; number of labels = quantity received",
    "lembar label: 3x7 (70 x 42,3 mm) atau 5x13 (38,1 x 21,2 mm); bawaan 3x7":
        "label sheet: 3x7 (70 x 42.3 mm) or 5x13 (38.1 x 21.2 mm); default 3x7",
    "posisi label pertama pada lembar yang sudah terpakai sebagian (bawaan 1)":
        "position of the first label on a partly used sheet (default 1)",
    "jumlah label per barang (bawaan 1, atau jumlah diterima dengan --document)":
        "labels per product (default 1, or the quantity received with --document)",
    "--start harus 1 sampai {cells} untuk lembar {layout}": "--start must be 1 to {cells} for a {layout} sheet",
    "Dilewati {name} ({code}): {reason}": "Skipped {name} ({code}): {reason}",
    "harus bilangan bulat {low} sampai {high}: {value}": "must be a whole number from {low} to {high}: {value}",
}

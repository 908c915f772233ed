"""English texts for consignment intake (tanda terima titipan), retur and their printed documents."""

MESSAGES = {
    # Return reasons
    "tidak laku": "unsold",
    "kedaluwarsa": "expired",
    "rusak": "damaged",
    "lainnya": "other",
    # Document titles and wording
    "TANDA TERIMA BARANG TITIPAN": "CONSIGNMENT GOODS RECEIPT",
    "NOTA RETUR BARANG": "GOODS RETURN NOTE",
    "Harga setor": "Harga setor",
    "Harga": "Price",
    "Yang menyerahkan (UMKM)": "Handed over by (vendor)",
    "Yang menerima ({store})": "Received by ({store})",
    "Yang menyerahkan ({store})": "Handed over by ({store})",
    "Yang menerima (UMKM)": "Received by (vendor)",
    "No. {number}": "No. {number}",
    "Nomor": "Number",
    "Petugas": "Staff",
    "Kode UMKM": "Vendor code",
    "Nama UMKM": "Vendor name",
    "Pemilik": "Owner",
    "Kabupaten/Kota": "Regency/city",
    "Telepon": "Phone",
    "No": "No",
    "Barcode": "Barcode",
    "Nama barang": "Product",
    "Jml": "Qty",
    "Nilai": "Value",
    "Kedaluwarsa": "Best before",
    "Alasan": "Reason",
    "Total": "Total",
    "Tanggal: .....................": "Date: .....................",
    "Total nilai (harga setor): {amount}": "Total value (harga setor): {amount}",
    "Total nilai (harga jual): {amount}": "Total value (selling price): {amount}",
    "Catatan: {notes}": "Notes: {notes}",
    "{number} - halaman {page} dari {pages}": "{number} - page {page} of {pages}",
    "Ukuran kertas tidak dikenal: {size} (pilih A4 atau A5)": "Unknown paper size: {size} (choose A4 or A5)",
    "PDF {number} tidak dapat disimpan ke {path}: {reason}. Periksa ruang disk dan folder tujuan, lalu coba lagi.":
        "PDF {number} could not be saved to {path}: {reason}. Check the disk space and the target folder, "
        "then try again.",
    # Thermal slip
    "Kedaluwarsa: {date}": "Best before: {date}",
    "Alasan: {reason}": "Reason: {reason}",
    "No.": "No.",
    "UMKM": "Vendor",
    "Kab/Kota": "Regency",
    "Telp.": "Phone",
    "Jumlah barang": "Quantity",
    "TOTAL NILAI": "TOTAL VALUE",
    "Nilai menurut harga setor": "Values at harga setor",
    "Nilai menurut harga jual": "Values at selling price",
    "Dokumen {number} tidak dapat disusun untuk printer: {reason}":
        "Document {number} could not be prepared for the printer: {reason}",
    # Intake and retur services
    "Baris {row}: barang tidak valid: {value}": "Line {row}: invalid product: {value}",
    "Baris {row}: jumlah harus bilangan bulat 1 sampai {max}, bukan {value}":
        "Line {row}: the quantity must be a whole number from 1 to {max}, not {value}",
    "Catatan terlalu panjang: paling banyak {max} huruf": "Notes too long: at most {max} characters",
    "UMKM {code} ({name}) sudah tidak aktif; aktifkan dulu sebelum menerima barangnya":
        "Vendor {code} ({name}) is inactive; activate it before receiving its goods",
    "Baris {row}: barang dengan id {id} tidak ada": "Line {row}: no product with id {id}",
    "Baris {row}: {name} ({barcode}) bukan barang UMKM {code}":
        "Line {row}: {name} ({barcode}) is not a product of vendor {code}",
    "Dokumen {number} tidak ditemukan": "Document {number} not found",
    "Jenis dokumen tidak dikenal: {kind}": "Unknown document kind: {kind}",
    "menerima barang titipan": "receive consignment goods",
    "Tanda terima titipan harus berisi paling sedikit satu barang":
        "A consignment receipt needs at least one product",
    "Baris {row}: tanggal kedaluwarsa tidak valid: {value}": "Line {row}: invalid best-before date: {value}",
    "Baris {row}: {name} ({barcode}) sudah tidak aktif": "Line {row}: {name} ({barcode}) is inactive",
    "Baris {row}: {name} sudah kedaluwarsa ({date}) dan tidak dapat diterima":
        "Line {row}: {name} is past its best-before date ({date}) and cannot be received",
    "membuat retur barang ke UMKM": "return goods to a vendor",
    "Nota retur harus berisi paling sedikit satu barang": "A return note needs at least one product",
    "Baris {row}: alasan retur tidak dikenal: {reason}. Pilih salah satu: {choices}":
        "Line {row}: unknown return reason: {reason}. Choose one of: {choices}",
    "{name} ({barcode}): diretur {quantity}, stok hanya {stock}":
        "{name} ({barcode}): returning {quantity}, only {stock} in stock",
    "Retur ditolak, stok tidak cukup: {details}": "Return refused, not enough stock: {details}",
}

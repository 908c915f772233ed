"""English texts of the manager's intake ("Barang masuk") and retur tabs."""

MESSAGES = {
    # Tab titles
    "Barang masuk": "Goods in",
    "Retur": "Returns",
    # Filling in the lines (document_lines, document_lines_model)
    "UMKM": "Vendor",
    "Barang": "Product",
    "Stok": "Stock",
    "harga setor": "harga setor",
    "harga jual": "selling price",
    "Harga jual": "Selling price",
    "Ketik kode atau nama UMKM": "Type a vendor code or name",
    "Pindai barcode, atau ketik nama barang lalu Enter (5*kode = 5 barang)":
        "Scan a barcode, or type a product name and press Enter (5*code = 5 pieces)",
    "Hapus baris": "Remove line",
    "Hapus baris yang dipilih (tombol Delete di tabel)": "Remove the chosen line (Delete key in the table)",
    "Catatan pada dokumen (boleh kosong)": "Notes on the document (optional)",
    "Ganti UMKM": "Change vendor",
    "Ya": "Yes",
    "Tidak": "No",
    "Ganti ke UMKM {name}? {count} baris yang sudah diisi akan dihapus.":
        "Change to vendor {name}? The {count} lines filled in will be removed.",
    "{name}: jumlah {quantity}": "{name}: quantity {quantity}",
    "{count} barang cocok dengan \"{text}\": pilih dengan panah lalu Enter, atau klik dua kali":
        "{count} products match \"{text}\": choose with the arrow keys and Enter, or double-click",
    "{name} dihapus dari daftar": "{name} removed from the list",
    "UMKM {code} - {name}: {count} barang. Pindai atau cari barangnya.":
        "Vendor {code} - {name}: {count} products. Scan or search for its goods.",
    "{name} ({barcode}) adalah barang UMKM {other} ({other_name}), bukan UMKM {code}. "
    "Pilih UMKM {other} untuk barang ini.":
        "{name} ({barcode}) belongs to vendor {other} ({other_name}), not to vendor {code}. "
        "Choose vendor {other} for this product.",
    "Tidak ada barang UMKM {code} yang cocok dengan \"{text}\"": "No product of vendor {code} matches \"{text}\"",
    "Tidak ada barang UMKM {code} yang cocok dengan \"{text}\"; yang cocok misalnya {name} dari UMKM {other}":
        "No product of vendor {code} matches \"{text}\"; a match is for example {name} of vendor {other}",
    "{name}  |  {barcode}  |  stok {stock}": "{name}  |  {barcode}  |  stock {stock}",
    "Pilih baris yang akan dihapus": "Choose the line to remove",
    "{rows} baris, {quantity} barang - nilai {amount} ({basis})":
        "{rows} lines, {quantity} pieces - value {amount} ({basis})",
    "Belum ada barang": "No products yet",
    "Pilih UMKM dulu, lalu pindai barangnya": "Choose the vendor first, then scan its goods",
    "(tidak aktif)": "(inactive)",
    "{name} (tidak aktif)": "{name} (inactive)",
    "Jumlah harus bilangan bulat 1 atau lebih, bukan {value}": "The quantity must be a whole number from 1, not {value}",
    "Tanggal kedaluwarsa tidak dikenal: {value}. Tulis seperti 31-12-2026":
        "Unknown best-before date: {value}. Write it like 31-12-2026",
    "Tanggal kedaluwarsa {date} sudah lewat: barang kedaluwarsa tidak diterima":
        "The best-before date {date} has passed: expired goods are not accepted",
    "Klik dua kali untuk mengubah jumlah": "Double-click to change the quantity",
    "Klik dua kali untuk mengubah; barang timbang diketik dalam gram":
        "Double-click to change; weighed goods are typed in grams",
    "Klik dua kali lalu ketik tanggal seperti 31-12-2026; kosongkan bila tidak ada":
        "Double-click and type a date like 31-12-2026; leave it empty if there is none",
    "Jumlah retur melebihi stok: retur ini akan ditolak": "The quantity returned is above the stock: the return will be refused",
    "hh-bb-tttt": "dd-mm-yyyy",
    # Posting and the documents list (document_output, the tabs)
    "{title} tersimpan:<br><b style='font-size: 22px'>{number}</b><br>{vendor}<br>{count} baris, nilai {amount}":
        "{title} saved:<br><b style='font-size: 22px'>{number}</b><br>{vendor}<br>{count} lines, value {amount}",
    "Dokumen terakhir (pilih untuk cetak ulang)": "Recent documents (choose one to reprint)",
    "Simpan && buka PDF": "Save && open PDF",
    "Cetak slip": "Print slip",
    "Kertas PDF": "PDF paper",
    "Ganti folder...": "Change folder...",
    "Folder untuk PDF": "Folder for PDFs",
    "PDF disimpan di {path}": "PDFs are saved in {path}",
    "Folder {path} tidak dapat dibuat: {reason}": "The folder {path} cannot be created: {reason}",
    "Membuat PDF {number}...": "Making PDF {number}...",
    "Mencetak slip {number}...": "Printing slip {number}...",
    "Slip {number} dikirim ke printer {address}": "Slip {number} sent to printer {address}",
    "{name}, {count} baris, oleh {user}": "{name}, {count} lines, by {user}",
    "Belum ada dokumen": "No documents yet",
    "Belum ada dokumen dipilih": "No document chosen",
    "Dipilih: <b>{number}</b>, {date}<br>{code} - {name}<br>{count} baris, nilai {amount}, oleh {user}":
        "Chosen: <b>{number}</b>, {date}<br>{code} - {name}<br>{count} lines, value {amount}, by {user}",
    "PDF disimpan dan dibuka: {path}": "PDF saved and opened: {path}",
    "PDF disimpan di {path}, tetapi tidak dapat dibuka otomatis; buka berkas itu dari folder tersebut":
        "PDF saved as {path}, but it could not be opened automatically; open the file from that folder",
    "Printer struk belum diatur. Isi alamat printer di Pengaturan toko.":
        "No receipt printer is set up. Enter the printer address in Store settings.",
    "Slip {number} belum tercetak.": "Slip {number} was not printed.",
    "PDF {number} belum dibuat.": "PDF {number} was not made.",
    "Slip {number} belum tercetak. Periksa printer lalu tekan Cetak slip lagi.":
        "Slip {number} was not printed. Check the printer and press Print slip again.",
    # Intake tab
    "Simpan tanda terima...": "Save receipt...",
    "Terima barang titipan dari satu UMKM: pilih UMKM, pindai atau cari barangnya, periksa jumlah dan tanggal "
    "kedaluwarsa (untuk makanan), lalu simpan tanda terima.":
        "Receive one vendor's goods on consignment: choose the vendor, scan or search its products, check the "
        "quantities and best-before dates (for food), then save the receipt.",
    "Label barcode": "Barcode labels",
    "Buka tab Label barcode dengan barang dari tanda terima ini":
        "Open the Barcode labels tab with the products of this receipt",
    "Simpan tanda terima titipan": "Save consignment receipt",
    "Simpan tanda terima untuk {quantity} barang senilai {amount}?":
        "Save the receipt for {quantity} pieces worth {amount}?",
    "Tersimpan sebagai {number}. Stok sudah bertambah; pindai barang berikutnya atau pilih UMKM lain.":
        "Saved as {number}. The stock has gone up; scan the next product or choose another vendor.",
    "Untuk label barang tanda terima ini: buka tab \"Label barcode\" dan pilih tanda terima {number}.":
        "To label the goods of this receipt: open the \"Barcode labels\" tab and choose receipt {number}.",
    "Tanda terima": "Receipt",
    # Retur tab
    "Simpan nota retur...": "Save return note...",
    "Kembalikan barang ke satu UMKM: pilih UMKM, pindai atau cari barangnya (atau tambahkan yang kedaluwarsa), "
    "pilih alasan tiap baris, lalu simpan nota retur. Retur tidak boleh melebihi stok.":
        "Hand goods back to one vendor: choose the vendor, scan or search its products (or add the expired ones), "
        "choose the reason of each line, then save the return note. A return cannot be more than the stock.",
    "{count} barang kedaluwarsa ditambahkan dengan alasan kedaluwarsa":
        "{count} expired products added with the reason expired",
    "Simpan nota retur": "Save return note",
    "Simpan nota retur untuk {quantity} barang senilai {amount}?":
        "Save the return note for {quantity} pieces worth {amount}?",
    "Tersimpan sebagai {number}. Stok sudah berkurang.": "Saved as {number}. The stock has gone down.",
    "Nota retur": "Return note",
    # Expiring batches on the retur tab
    "lewat {days} hari": "{days} days ago",
    "hari ini": "today",
    "{days} hari lagi": "in {days} days",
    "Sisa (perkiraan)": "Left (estimate)",
    "Sisa: bagian kiriman ini yang diperkirakan masih di rak (barang lama terjual lebih dulu)":
        "Left: the part of this delivery probably still on the shelf (older goods sell first)",
    "Barang kedaluwarsa: pilih UMKM dulu": "Expired goods: choose the vendor first",
    "Sudah atau hampir kedaluwarsa ({days} hari ke depan): {count} kiriman":
        "Expired or expiring (next {days} days): {count} deliveries",
    "Tidak ada barang UMKM ini yang kedaluwarsa dalam {days} hari":
        "No goods of this vendor expire within {days} days",
    "Tambahkan yang dipilih ke retur ({count})": "Add the chosen to the return ({count})",
    "Tambahkan semua ke retur ({count})": "Add all to the return ({count})",
    "Sudah ditambahkan ke retur": "Already added to the return",
}

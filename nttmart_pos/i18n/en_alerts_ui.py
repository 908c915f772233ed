"""English texts of the Peringatan (alerts) tab of the manager window and its CSV exports."""

MESSAGES = {
    # tab
    "Peringatan": "Alerts",
    "Perlu perhatian hari ini, {date}": "Needs attention today, {date}",
    "Memuat...": "Loading...",
    "Muat ulang": "Reload",
    "Peringatan belum dapat dimuat; coba \"Muat ulang\".": "The alerts could not be loaded; try \"Reload\".",
    "Stok menipis ({count})": "Low stock ({count})",
    "Sertifikat ({count})": "Certificates ({count})",
    "Kedaluwarsa ({count})": "Expiring ({count})",
    "Ekspor CSV...": "Export CSV...",
    "Simpan daftar ini sebagai berkas CSV (UTF-8) yang dapat dibuka di Excel":
        "Save this list as a CSV file (UTF-8) that Excel can open",
    "Simpan daftar": "Save list",
    "Berkas CSV (*.csv);;Berkas Excel (*.xlsx)": "CSV files (*.csv);;Excel files (*.xlsx)",
    "Menyimpan {path}...": "Saving {path}...",
    "{count} baris disimpan di {path}": "{count} rows saved to {path}",
    "Berkas belum disimpan.": "The file was not saved.",
    # the lists
    "{name} ({code})": "{name} ({code})",
    "telp. {phone}": "phone {phone}",
    "nomor telepon belum dicatat": "no phone number on record",
    "{vendor} \u2014 {count} barang": "{vendor} \u2014 {count} product(s)",
    "{vendor} \u2014 {count} sertifikat": "{vendor} \u2014 {count} certificate(s)",
    "{vendor} \u2014 {count} batch": "{vendor} \u2014 {count} batch(es)",
    "Barang": "Product",
    "Barcode": "Barcode",
    "Stok": "Stock",
    "Batas pesan ulang": "Reorder level",
    "HABIS": "OUT OF STOCK",
    "Jenis": "Type",
    "Nomor": "Number",
    "Berlaku sampai": "Valid until",
    "Sisa waktu": "Time left",
    "Status": "Status",
    "Dokumen masuk": "Intake document",
    "Sisa perkiraan": "Estimated left",
    "KEDALUWARSA": "EXPIRED",
    "segera habis": "expires soon",
    "segera kedaluwarsa": "expires soon",
    "lewat {days} hari": "{days} days ago",
    "hari ini": "today",
    "{days} hari lagi": "in {days} days",
    "{remaining} dari {received}": "{remaining} of {received}",
    "UMKM": "Vendor",
    "Semua UMKM": "All vendors",
    "{code} - {name} ({count} barang)": "{code} - {name} ({count} products)",
    "Kedaluwarsa dalam": "Expiring within",
    "Buat retur untuk UMKM ini": "Return to this vendor",
    "Pilih UMKM atau barangnya di daftar, lalu buka tab Retur untuk UMKM itu":
        "Pick a vendor or one of its products in the list, then open the returns tab for that vendor",
    "Tab Retur tidak tersedia.": "The returns tab is not available.",
    " hari": " days",
    "Barang yang stoknya sudah sampai batas pesan ulang atau habis, per UMKM: hubungi UMKM-nya untuk mengirim "
    "barang lagi.":
        "Products at or below their reorder level, or out of stock, by vendor: call the vendor to deliver more.",
    "Tidak ada stok yang menipis. Semua barang masih di atas batas pesan ulang.":
        "No low stock. Every product is above its reorder level.",
    "Sertifikat (P-IRT, BPOM, Halal, SNI) yang sudah kedaluwarsa atau habis dalam {days} hari, per UMKM: minta "
    "UMKM-nya memperpanjang. Barang dengan P-IRT atau BPOM kedaluwarsa memunculkan peringatan di kasir.":
        "Certificates (P-IRT, BPOM, Halal, SNI) that have expired or expire within {days} days, by vendor: ask the "
        "vendor to renew them. Products with an expired P-IRT or BPOM show a warning at the till.",
    "Tidak ada sertifikat yang kedaluwarsa atau habis dalam {days} hari.":
        "No certificate has expired or expires within {days} days.",
    "Barang makanan dari tanda terima titipan yang kedaluwarsa atau segera kedaluwarsa dan mungkin masih di rak, "
    "per UMKM. Kembalikan ke UMKM lewat tab \"Retur\": pilih barisnya, lalu klik \"Buat retur untuk UMKM ini\".":
        "Food batches from consignment receipts that are past or near their best-before date and probably still "
        "on the shelf, by vendor. Hand them back to the vendor in the returns (\"Retur\") tab: pick a row, then "
        "click \"Return to this vendor\".",
    "Tidak ada barang yang kedaluwarsa dalam jangka waktu ini.": "Nothing expires within this period.",
    "{count} barang dari {vendors} UMKM": "{count} product(s) from {vendors} vendor(s)",
    "{shown} dari {count} barang": "{shown} of {count} products",
    "{expired} kedaluwarsa, {soon} segera habis": "{expired} expired, {soon} expiring soon",
    "{expired} kedaluwarsa, {soon} segera kedaluwarsa dalam {days} hari":
        "{expired} expired, {soon} expiring within {days} days",
    # CSV columns
    "Kode UMKM": "Vendor code",
    "Pemilik": "Owner",
    "Telepon": "Phone",
    "Satuan": "Unit",
    "gram": "gram",
    "Sisa hari": "Days left",
    "Tanggal masuk": "Received on",
    "Kedaluwarsa": "Best before",
    "Jumlah diterima": "Quantity received",
}

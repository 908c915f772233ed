"""English texts for the ``nttmart-pos`` command line and the demo loader."""

MESSAGES = {
    # help
    "Kasir (POS) NTT Mart untuk barang titipan UMKM.": "NTT Mart point of sale for UMKM consignment goods.",
    "PERINTAH": "COMMAND",
    "perintah (tanpa perintah: buka kasir)": "commands (no command: open the till)",
    "buat atau perbarui database": "create or upgrade the database",
    "Buat database baru atau perbarui ke versi terbaru.": "Create a new database or upgrade it to the newest version.",
    "NAMA": "NAME",
    "buat juga pengguna admin dengan nama ini": "also create an admin user with this name",
    "PIN admin (4-8 angka)": "the admin's PIN (4-8 digits)",
    "isi database kosong dengan toko contoh lalu buka kasir": "fill an empty database with a sample store, then open the till",
    "Muat data contoh (UMKM, barang, pengguna kasir/manajer) ke database yang belum berisi UMKM.":
        "Load sample data (vendors, products, cashier/manager users) into a database that has no vendors yet.",
    "jangan buka kasir setelah memuat data": "do not open the till after loading",
    "cetak QRIS dinamis dengan nominal": "print a dynamic QRIS with an amount",
    "Ubah QRIS statis merchant menjadi QRIS dinamis dengan nominal.":
        "Turn a merchant's static QRIS into a dynamic QRIS with an amount.",
    "isi QRIS statis merchant": "the merchant's static QRIS payload",
    "NOMINAL": "AMOUNT",
    "nominal Rupiah, mis. 25000 atau 25.000": "amount in Rupiah, e.g. 25000 or 25.000",
    # output and errors
    "--admin dan --pin harus dipakai bersama": "--admin and --pin must be given together",
    "peringatan: {error}; memakai pengaturan bawaan": "warning: {error}; using the default settings",
    "Database siap: {db}": "Database ready: {db}",
    "Admin {name} dibuat.": "Admin {name} created.",
    "Pengguna {name} sudah ada; tidak diubah.": "User {name} already exists; left unchanged.",
    "Data demo dimuat: {vendors} UMKM, {products} barang, {users} pengguna.":
        "Demo data loaded: {vendors} vendors, {products} products, {users} users.",
    "Masuk dengan {logins}.": "Log in with {logins}.",
    "Database sudah berisi data UMKM; data demo tidak dimuat lagi.":
        "The database already has vendors; demo data not loaded again.",
    "Pengaturan yang ada dipakai: {path}": "Using the existing settings: {path}",
    "Pengaturan demo disimpan di {path} (dengan QRIS contoh).": "Demo settings saved to {path} (with a sample QRIS).",
    "Database tidak dapat diperbarui: {error}": "The database cannot be upgraded: {error}",
    "{error} (database: {db})": "{error} (database: {db})",
    "Database sudah berisi data UMKM; data demo hanya dimuat ke database kosong":
        "The database already has vendors; demo data is only loaded into an empty database",
}

MESSAGES.update({
    "alamat database SQLAlchemy (bawaan: $NTTMART_DB_URL)": "SQLAlchemy database URL (else $NTTMART_DB_URL)",
    "berkas pengaturan (bawaan: $NTTMART_CONFIG)": "settings file (else $NTTMART_CONFIG)",
    "printer struk: tcp://HOST:PORT, usb://VID:PID, serial:///dev/ttyUSB0, file:///path atau none (bawaan: $NTTMART_PRINTER)":
        "receipt printer: tcp://HOST:PORT, usb://VID:PID, serial:///dev/ttyUSB0, file:///path or none (else $NTTMART_PRINTER)",
    "ID terminal, mis. T01": "terminal id, e.g. T01",
    "render layar utama ke PNG lalu keluar": "render the main screen to a PNG and exit",
})

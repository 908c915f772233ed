"""English texts for the shared UI pieces (errors, login, main window)."""

MESSAGES = {
    "Terjadi kesalahan tak terduga. Data yang sudah tersimpan aman. Detail dicatat di {path}":
        "An unexpected error occurred. Data already saved is safe. Details were logged to {path}",
    "Perhatian": "Attention",
    "Nama barang": "Product",
    "Jml": "Qty",
    "Harga": "Price",
    "Total": "Total",
}
MESSAGES.update({
    "Masuk untuk mulai berjualan": "Log in to start selling",
    "mis. kasir": "e.g. kasir",
    "4-8 angka": "4-8 digits",
    "Pengguna": "User",
    "PIN": "PIN",
    "Masuk": "Log in",
})
MESSAGES.update({
    "{store} - Kasir": "{store} - Till",
    "tanpa printer": "no printer",
    "Terminal {terminal} | Printer: {printer} ({width} mm) | {db}": "Terminal {terminal} | Printer: {printer} ({width} mm) | {db}",
    "Selesaikan atau batalkan transaksi sebelum keluar": "Finish or cancel the sale before logging out",
})
MESSAGES.update({
    "Tidak ada layar (DISPLAY kosong). Jalankan di desktop, atau pakai --screenshot FILE.png untuk merender layar tanpa monitor.":
        "No screen (DISPLAY is empty). Run it on a desktop, or use --screenshot FILE.png to render the screen without a monitor.",
})
MESSAGES.update({
    "{store} - Manajer": "{store} - Manager",
    "Masuk sebagai {name}": "Logged in as {name}",
    "Pengaturan toko": "Store settings",
    "Manajer (F10)": "Manager (F10)",
})

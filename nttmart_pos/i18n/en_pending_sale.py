"""English texts for a sale whose COMMIT's answer was lost (checkout and the till's check)."""

MESSAGES = {
    "Koneksi ke database terputus saat menyimpan struk {receipt} ({total}), jadi belum pasti transaksi ini "
    "tersimpan. Jangan terima pembayaran lagi dulu: setelah koneksi pulih, tekan F12 lagi untuk "
    "memeriksanya.":
        "The connection to the database broke while saving receipt {receipt} ({total}), so it is not certain "
        "whether this sale was saved. Do not take the payment again yet: once the connection is back, press F12 "
        "again to check.",
    "Transaksi belum pasti tersimpan": "The sale may not have been saved",
    "Struk {receipt} belum pasti tersimpan. Jangan terima pembayaran lagi; tekan F12 setelah koneksi pulih.":
        "Receipt {receipt} may not have been saved. Do not take the payment again; press F12 once the connection "
        "is back.",
    "Struk {receipt} belum pasti tersimpan. Tekan F12 untuk memeriksanya dulu sebelum mengubah keranjang.":
        "Receipt {receipt} may not have been saved. Press F12 to check it before changing the cart.",
    "Belum dapat memeriksa apakah struk {receipt} sudah tersimpan: {reason}\nJangan terima pembayaran lagi dulu; "
    "tekan F12 lagi setelah koneksi pulih.":
        "Cannot check yet whether receipt {receipt} was saved: {reason}\nDo not take the payment again yet; press "
        "F12 again once the connection is back.",
    "Struk {number} ternyata sudah tersimpan: pembayarannya sudah diterima, jangan ditagih lagi. Mencetak struk...":
        "Receipt {number} was saved after all: its payment was already taken, do not charge again. Printing the "
        "receipt...",
    "Transaksi tadi tidak tersimpan. Silakan ulangi pembayaran.":
        "The last sale was not saved. Please enter the payment again.",
}

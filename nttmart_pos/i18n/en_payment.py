"""English texts for the payment dialog."""

MESSAGES = {
    "Pembayaran": "Payment",
    "Tunai": "Cash",
    "QRIS": "QRIS",
    "Kartu debit/kredit": "Debit/credit card",
    "Transfer bank": "Bank transfer",
    "Batal (Esc)": "Cancel (Esc)",
    "Uang diterima": "Cash received",
    "Uang pas": "Exact amount",
    "Jumlah": "Amount",
    "No. referensi (opsional)": "Reference no. (optional)",
    "Terima tunai (Enter)": "Take cash (Enter)",
    "Pembayaran QRIS sudah masuk (Enter)": "QRIS payment received (Enter)",
    "Terima {method} (Enter)": "Take {method} (Enter)",
    "Total belanja {amount}": "Total {amount}",
    "Sisa yang harus dibayar: {amount}": "Still to pay: {amount}",
    "Jumlah uang tidak valid": "Invalid amount",
    "Kembalian {amount}": "Change {amount}",
    "Kurang {amount}": "Short by {amount}",
    "QRIS toko belum diatur. Manajer dapat mengisinya di Pengaturan.":
        "The store's QRIS is not set up. A manager can enter it in Settings.",
    "QRIS {merchant}: minta pelanggan memindai QRIS sebesar {amount}. Tekan konfirmasi setelah pembayaran tampil di aplikasi merchant.":
        "QRIS {merchant}: ask the customer to scan the QRIS for {amount}. Confirm once the payment shows in the merchant app.",
    "Masukkan jumlah uang yang diterima": "Enter the cash received",
    "QRIS tidak dapat dipakai: {reason}": "QRIS cannot be used: {reason}",
    "Pembayaran non-tunai tidak boleh melebihi sisa {amount}": "A non-cash payment cannot exceed what is left, {amount}",
}

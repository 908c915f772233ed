"""English texts for vendor settlement: figures, payouts and their lifecycle."""

MESSAGES = {
    "Periode setoran harus berupa tanggal": "The payout period must be given as dates",
    "Periode setoran tidak valid: {date_from} sampai {date_to}": "Invalid payout period: {date_from} to {date_to}",
    "UMKM tidak dikenal: {codes}": "Unknown vendor: {codes}",
    "membuat setoran UMKM": "create vendor payouts",
    "membatalkan draf setoran": "discard a draft payout",
    "menyetujui setoran UMKM": "approve vendor payouts",
    "membayar setoran UMKM": "pay vendor payouts",
    "Periode {date_from} sampai {date_to} untuk UMKM {code} bertumpang tindih dengan setoran {payout_no} "
    "(periode {other_from} sampai {other_to}, status {status})":
        "The period {date_from} to {date_to} for vendor {code} overlaps payout {payout_no} "
        "(period {other_from} to {other_to}, status {status})",
    "Setoran {payout_no} tidak ditemukan": "Payout {payout_no} not found",
    "Cara pembayaran setoran tidak dikenal: {method}. Pilih salah satu: {choices}":
        "Unknown payout method: {method}. Choose one of: {choices}",
    "Referensi pembayaran paling panjang {max} karakter": "The payment reference can be at most {max} characters",
    "Tanggal pembayaran setoran harus berupa tanggal": "The payout payment date must be a date",
    "Tanggal pembayaran setoran {paid_on} masih di masa depan": "The payout payment date {paid_on} is in the future",
    "Pembayaran tunai setoran {payout_no}: pilih terminal kasir yang lacinya dipakai":
        "Cash payment of payout {payout_no}: choose the till terminal whose drawer is used",
    "Pembayaran setoran {payout_no} ke {vendor}": "Payout {payout_no} to {vendor}",
    "draf": "draft",
    "disetujui": "approved",
    "dibayar": "paid",
    "Setoran {payout_no} sudah {status}; hanya draf yang dapat dibatalkan":
        "Payout {payout_no} is already {status}; only a draft can be discarded",
    "Setoran {payout_no} sudah {status}; tidak dapat disetujui lagi":
        "Payout {payout_no} is already {status}; it cannot be approved again",
    "Setoran {payout_no} belum disetujui; setujui dulu sebelum dibayar":
        "Payout {payout_no} is not approved yet; approve it before paying",
    "Setoran {payout_no} sudah dibayar pada {paid_on}; tidak dapat dibayar lagi":
        "Payout {payout_no} was already paid on {paid_on}; it cannot be paid again",
    "Jumlah setoran {payout_no} tidak cocok dengan saldonya; hubungi admin":
        "The amount of payout {payout_no} does not match its balance; contact the administrator",
    "Isi nomor referensi transfer atau e-wallet untuk setoran {payout_no}":
        "Enter the transfer or e-wallet reference for payout {payout_no}",
    "Setoran tidak dibuat: sebagian penjualan atau pengembalian uang periode {date_from} sampai {date_to} "
    "baru saja masuk setoran lain. Muat ulang lalu coba lagi.":
        "No payout was created: some sales or refunds of the period {date_from} to {date_to} have just been "
        "put in another payout. Reload and try again.",
    "Status setoran tidak dikenal: {status}. Pilih salah satu: {choices}":
        "Unknown payout status: {status}. Choose one of: {choices}",
}

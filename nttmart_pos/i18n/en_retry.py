"""English for retrying a transaction that collided with another till's (``db.retry``)."""

MESSAGES = {
    "Database sedang sibuk melayani kasir lain, jadi transaksi belum tersimpan. Coba lagi sebentar.":
        "The database is busy serving other tills, so the transaction was not saved. Try again in a moment.",
}

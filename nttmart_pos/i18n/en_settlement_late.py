"""English for late sale lines on payouts and payouts closed without money handed over."""

MESSAGES = {
    "Termasuk penjualan susulan dari {date} yang belum disetor":
        "Includes late sales from {date} not yet settled",
    "Ditutup {date} tanpa pembayaran": "Closed {date} without payment",
}

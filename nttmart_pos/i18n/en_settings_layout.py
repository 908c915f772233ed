"""English texts for the tabs of the store settings dialog (ui/settings_dialog.py)."""

MESSAGES = {
    "Data toko": "Store details",
    "Printer dan QRIS": "Printer and QRIS",
    "Kasir dan keamanan": "Till and security",
    "Cadangan": "Backup",
}

"""English for the print queue, the printer's state in the status bar and printer faults."""

MESSAGES = {
    # hardware.printer_status
    "Kertas printer habis saat mencetak ({address})": "The printer ran out of paper while printing ({address})",
    "Kertas printer habis ({address}); struk belum dicetak":
        "The printer is out of paper ({address}); the receipt was not printed",
    "Printer offline saat mencetak ({address}): penutup terbuka atau ada gangguan":
        "The printer went offline while printing ({address}): cover open or a fault",
    "Printer offline ({address}): penutup terbuka atau ada gangguan; struk belum dicetak":
        "The printer is offline ({address}): cover open or a fault; the receipt was not printed",
    "Printer tidak memastikan struk diterima dalam {seconds} detik ({address})":
        "The printer did not confirm the receipt within {seconds} seconds ({address})",
    # services.print_queue
    "Pencetakan terputus; dicetak ulang sebagai salinan": "Printing was interrupted; it prints again as a copy",
    # ui.printer_status
    "online": "online",
    "offline": "offline",
    "kertas habis": "paper out",
    "tidak dipakai": "not used",
    "tidak diketahui": "unknown",
    "Printer: {state}": "Printer: {state}",
    "{count} struk menunggu": "{count} receipts waiting",
    "Cetak antrean": "Print queue",
    # ui.till_printing
    "Struk {number} masih menunggu di antrean cetak dan dicetak begitu printer menjawab "
    "(tidak dicetak salinan).":
        "Receipt {number} is still waiting in the print queue and prints as soon as the printer answers "
        "(no copy is printed).",
    "Mencetak {count} struk dari antrean...": "Printing {count} receipts from the queue...",
    "Antrean belum tercetak: {reason}": "The queue was not printed: {reason}",
    "{count} struk dari antrean tercetak": "{count} receipts from the queue printed",
    "Struk {number} belum tercetak: {reason}\nStruk menunggu di antrean dan dicetak otomatis; "
    "tekan F9 untuk mencoba sekarang.":
        "Receipt {number} not printed yet: {reason}\nIt waits in the queue and prints automatically; "
        "press F9 to try now.",
    # ui.refund_dialog
    "Bukti pengembalian {number} belum tercetak: {reason}\nBukti menunggu di antrean dan dicetak otomatis; "
    "tekan F9 untuk mencoba sekarang.":
        "Refund receipt {number} not printed yet: {reason}\nIt waits in the queue and prints automatically; "
        "press F9 to try now.",
}

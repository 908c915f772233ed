"""English texts of the vendor payout documents (PDF, summary, slip) and the ``payouts`` command."""

MESSAGES = {
    # titles and status
    "BUKTI PEMBAYARAN UMKM (SETORAN)": "VENDOR PAYOUT",
    "RINGKASAN SETORAN UMKM": "VENDOR PAYOUT SUMMARY",
    "PRATINJAU - belum disimpan": "PREVIEW - not saved",
    "No. {number} - DRAF, belum disetujui": "No. {number} - DRAFT, not approved",
    "PRATINJAU": "PREVIEW",
    "DRAF": "DRAFT",
    "pratinjau (belum disimpan)": "preview (not saved)",
    "draf": "draft",
    "disetujui, belum dibayar": "approved, not paid yet",
    "sudah dibayar": "paid",
    "pratinjau": "preview",
    # payout methods and terms
    "E-wallet": "E-wallet",
    "komisi {pct}": "commission {pct}",
    "setor {amount}": "harga setor {amount}",
    "Saldo {amount} dibawa ke setoran berikutnya; tidak ada pembayaran":
        "Balance {amount} carried to the next payout; nothing is paid",
    "Dibayar {date} lewat {method}": "Paid on {date} by {method}",
    "Dibayar {date} lewat {method}, ref. {reference}": "Paid on {date} by {method}, ref. {reference}",
    # the per-vendor PDF
    "Bruto": "Gross",
    "Bruto sudah dikurangi diskon penjualan.": "Gross is after sale discounts.",
    "Untuk UMKM": "To vendor",
    "Jumlah penjualan": "Total sales",
    "No. retur uang / struk": "Refund no. / receipt",
    "Dikembalikan": "Refunded",
    "Potongan komisi": "Commission back",
    "Potongan UMKM": "Vendor deduction",
    "Jumlah pengembalian": "Total refunds",
    "Periode": "Period",
    "Dibuat": "Created",
    "Dibayar lewat": "Paid by",
    "Disetujui oleh": "Approved by",
    "Penjualan bruto": "Gross sales",
    "Pengembalian (retur uang)": "Refunds",
    "Komisi toko setelah pengembalian": "Store commission after refunds",
    "Saldo minus dari setoran sebelumnya": "Negative balance from the previous payout",
    "JUMLAH DIBAYARKAN": "AMOUNT PAID",
    "Terbilang:": "In words:",
    "Tidak ada penjualan pada periode ini.": "No sales in this period.",
    "Pengembalian uang atas barang yang terjual sebelumnya": "Refunds of goods sold earlier",
    "Penerima (UMKM)": "Received by (vendor)",
    # the summary PDF
    "Periode {period}": "Period {period}",
    "Ringkasan {date_from} - {date_to}": "Summary {date_from} - {date_to}",
    "Unit": "Units",
    "Pengembalian": "Refunds",
    "Dibayar": "Paid",
    "Metode": "Method",
    "Rekening": "Account",
    "No. setoran": "Payout no.",
    "Total ({count} UMKM)": "Total ({count} vendors)",
    "Yang harus dibayarkan per metode:": "To be paid, by method:",
    "{method}: {amount} ({count} UMKM)": "{method}: {amount} ({count} vendors)",
    "Tidak ada yang harus dibayarkan.": "Nothing to pay.",
    "* Saldo minus, tidak dibayar dan dibawa ke setoran berikutnya: {vendors}":
        "* Negative balance, not paid and carried to the next payout: {vendors}",
    "Tidak ada penjualan UMKM pada periode ini.": "No vendor sales in this period.",
    "Dicetak {moment}": "Printed {moment}",
    "Disusun oleh": "Prepared by",
    "Disetujui oleh (manajer)": "Approved by (manager)",
    # the slip
    "Struk {receipt}": "Receipt {receipt}",
    "{quantity} dikembalikan": "{quantity} refunded",
    "Untuk UMKM ({terms})": "To vendor ({terms})",
    "Saldo minus sebelumnya": "Earlier negative balance",
    "Disetujui": "Approved",
    "Bayar ke": "Pay to",
    "DIBAYARKAN": "PAID OUT",
    "PENJUALAN": "SALES",
    "PENGEMBALIAN UANG": "REFUNDS",
    "Setoran {number} tidak dapat disusun untuk printer: {reason}":
        "Payout {number} could not be prepared for the printer: {reason}",
    # the payouts command
    "tulis PDF setoran per UMKM, ringkasan PDF dan payouts.csv untuk satu periode":
        "write a payout PDF per vendor, a summary PDF and payouts.csv for a period",
    "Tulis bukti pembayaran (setoran) tiap UMKM sebagai PDF, ringkasan semua UMKM dan payouts.csv untuk transfer "
    "bank. Tanpa --approve atau --pay tidak ada yang disimpan: penjualan yang belum disetor tampil sebagai "
    "pratinjau. Perintah ini berjalan sebagai admin atau manajer aktif pertama di database.":
        "Write each vendor's payout document as a PDF, a summary of all vendors and payouts.csv for bank "
        "transfers. Without --approve or --pay nothing is saved: sales not yet settled appear as previews. This "
        "command runs as the first active admin or manager in the database.",
    "TANGGAL": "DATE",
    "hari pertama periode, TTTT-BB-HH (bawaan: hari ini)": "first day of the period, YYYY-MM-DD (default: today)",
    "hari terakhir periode (bawaan: sama dengan --from)": "last day of the period (default: the same as --from)",
    "FOLDER": "FOLDER",
    "folder tujuan (dibuat bila belum ada)": "target folder (created if missing)",
    "simpan penjualan yang belum disetor sebagai setoran dan setujui semua draf periode ini":
        "save the unsettled sales as payouts and approve every draft of this period",
    "METODE": "METHOD",
    "tandai setoran yang sudah disetujui sebagai dibayar: transfer, ewallet atau cash (tunai dari laci kasir yang "
    "shift-nya terbuka di terminal ini)":
        "mark the approved payouts as paid: transfer, ewallet or cash (from the drawer of the open shift on this "
        "terminal)",
    "nomor referensi transfer atau e-wallet (wajib untuk --pay transfer/ewallet)":
        "transfer or e-wallet reference number (required with --pay transfer/ewallet)",
    "--to ({date_to}) sebelum --from ({date_from})": "--to ({date_to}) is before --from ({date_from})",
    "--pay {method} perlu --reference (nomor referensi pembayaran)":
        "--pay {method} needs --reference (the payment reference number)",
    "--reference hanya dipakai bersama --pay": "--reference is only used with --pay",
    "{vendor}: {amount} ({state}) -> {path}": "{vendor}: {amount} ({state}) -> {path}",
    "tanggal tidak valid: {value} (pakai TTTT-BB-HH, mis. 2026-11-28)":
        "invalid date: {value} (use YYYY-MM-DD, e.g. 2026-11-28)",
    "Folder {path} tidak dapat dibuat: {error}": "Folder {path} could not be created: {error}",
    "Draf setoran {payout_no} dibuat.": "Draft payout {payout_no} created.",
    "Setoran {payout_no} disetujui.": "Payout {payout_no} approved.",
    "Tidak ada setoran yang sudah disetujui untuk dibayar pada periode ini.":
        "No approved payouts to pay in this period.",
    "Setoran {payout_no} ({vendor}) dibayar: {amount}.": "Payout {payout_no} ({vendor}) paid: {amount}.",
    "{count} setoran, total dibayarkan {amount}; ringkasan: {summary}; CSV: {csv}":
        "{count} payouts, total paid {amount}; summary: {summary}; CSV: {csv}",
}

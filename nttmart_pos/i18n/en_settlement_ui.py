"""English texts for the manager's "Setoran UMKM" tab (vendor settlement) and its payment dialog."""

MESSAGES = {
    "Setoran UMKM": "Vendor payouts",
    # the table
    "UMKM": "Vendor",
    "Unit": "Units",
    "Bruto (Rp)": "Gross (Rp)",
    "Pengembalian (Rp)": "Refunds (Rp)",
    "Komisi toko (Rp)": "Store commission (Rp)",
    "Saldo dibawa (Rp)": "Carried balance (Rp)",
    "Untuk UMKM (Rp)": "For the vendor (Rp)",
    "Status": "Status",
    "Nomor": "Number",
    "Pratinjau": "Preview",
    "Draf": "Draft",
    "Tunai dari laci": "Cash from the drawer",
    "{code} - {name}; periode {date_from} s.d. {date_to}; cara bayar UMKM: {method} {account}":
        "{code} - {name}; period {date_from} to {date_to}; vendor's payout method: {method} {account}",
    "Dibayar {paid_on} dengan {method}, referensi {reference}": "Paid {paid_on} by {method}, reference {reference}",
    "Tidak ada lagi penjualan {code} yang belum disetor pada periode ini; muat ulang daftarnya":
        "{code} has no unsettled sales left in this period; reload the list",
    # the tab
    "Pratinjau = penjualan yang belum disetor. Buat draf setoran, periksa PDF-nya, setujui, lalu catat "
    "pembayarannya. Pilih beberapa baris dengan Ctrl atau Shift.":
        "Preview = sales not yet settled. Create draft payouts, check their PDFs, approve them, then record the "
        "payment. Select several rows with Ctrl or Shift.",
    "Buat draf setoran": "Create draft payouts",
    "Buat draf setoran (semua {count} UMKM)": "Create draft payouts (all {count} vendors)",
    "Buat draf setoran ({count} UMKM dipilih)": "Create draft payouts ({count} selected vendors)",
    "Setujui": "Approve",
    "Bayar...": "Pay...",
    "Batalkan draf": "Discard draft",
    "PDF setoran UMKM": "Vendor payout PDF",
    "Ringkasan PDF + CSV": "Summary PDF + CSV",
    "Total {count} baris: {units} unit, bruto {gross}, pengembalian {refunds}, komisi toko {commission}, "
    "saldo dibawa {carried} &nbsp;→&nbsp; <b>untuk UMKM {amount}</b>":
        "Total of {count} rows: {units} units, gross {gross}, refunds {refunds}, store commission {commission}, "
        "carried balance {carried} &nbsp;→&nbsp; <b>for the vendors {amount}</b>",
    "{count} draf setoran dibuat: {numbers}. Periksa PDF-nya, lalu setujui.":
        "{count} draft payouts created: {numbers}. Check their PDFs, then approve them.",
    "Setujui setoran": "Approve payouts",
    "Setujui {count} setoran ({numbers})? Setoran yang disetujui tidak dapat dibatalkan lagi.":
        "Approve {count} payouts ({numbers})? An approved payout can no longer be discarded.",
    "Batalkan draf setoran": "Discard draft payouts",
    "Batalkan {count} draf ({numbers})? Penjualannya kembali menjadi pratinjau dan dapat disetor lagi.":
        "Discard {count} drafts ({numbers})? Their sales go back to the preview and can be settled again.",
    "{count} setoran disetujui: {numbers}. Berikutnya: catat pembayarannya.":
        "{count} payouts approved: {numbers}. Next: record their payment.",
    "{count} draf dibatalkan: {numbers}.": "{count} drafts discarded: {numbers}.",
    "{count} setoran ditandai dibayar: {numbers}.": "{count} payouts marked as paid: {numbers}.",
    "PDF dan CSV disimpan di {path}": "PDFs and CSV are saved in {path}",
    "Folder untuk PDF dan CSV": "Folder for PDFs and CSV",
    "Membuat PDF setoran {vendor}...": "Writing the payout PDF of {vendor}...",
    "PDF setoran {vendor} belum dibuat.": "The payout PDF of {vendor} was not written.",
    "Membuat ringkasan dan payouts.csv...": "Writing the summary and payouts.csv...",
    "Ringkasan setoran belum dibuat.": "The payout summary was not written.",
    "CSV untuk transfer bank: {path}": "CSV for the bank transfers: {path}",
    "Mencetak slip setoran {vendor}...": "Printing the payout slip of {vendor}...",
    "Slip setoran {vendor} dikirim ke printer {address}": "Payout slip of {vendor} sent to printer {address}",
    "Slip setoran {vendor} belum tercetak.": "The payout slip of {vendor} was not printed.",
    "Slip setoran {vendor} belum tercetak. Periksa printer lalu tekan Cetak slip lagi.":
        "The payout slip of {vendor} was not printed. Check the printer, then press Print slip again.",
    # the payment dialog
    "Bayar setoran UMKM": "Pay vendor payouts",
    "Tandai {count} setoran berikut sebagai dibayar:": "Mark these {count} payouts as paid:",
    "... dan {count} setoran lain": "... and {count} more payouts",
    "No. referensi": "Reference no.",
    "Tanggal bayar": "Payment date",
    "Tandai dibayar": "Mark as paid",
    "wajib, mis. nomor bukti transfer": "required, e.g. the transfer receipt number",
    "tidak perlu": "not needed",
    "Uang diambil dari laci kasir terminal {terminal}; shift di terminal itu harus terbuka. Pengeluarannya "
    "tercatat sebagai kas keluar.":
        "The money is taken from the cash drawer of terminal {terminal}; a shift must be open there. It is "
        "recorded as cash out.",
    "Isi nomor referensi dari bukti transfer atau e-wallet.":
        "Enter the reference number from the transfer or e-wallet receipt.",
}

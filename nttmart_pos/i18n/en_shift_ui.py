"""English texts for the till's shift screens: opening, cash in/out, closing, and the X/Z report view."""

MESSAGES = {
    # the shift row on the till
    "Buka shift": "Open shift",
    "Kas masuk/keluar": "Cash in/out",
    "Laporan X": "X report",
    "Tutup shift": "Close shift",
    "Belum ada shift terbuka di terminal ini": "No shift is open on this terminal",
    "Shift {name} sejak {since} - modal awal {float}": "Shift of {name} since {since} - opening float {float}",
    "Shift dibuka dengan modal awal {amount}. Silakan pindai barang.":
        "Shift opened with an opening float of {amount}. Please scan the goods.",
    "Selesaikan atau batalkan transaksi sebelum menutup shift":
        "Finish or cancel the sale before closing the shift",
    # opening
    "Buka shift - terminal {terminal}": "Open shift - terminal {terminal}",
    "Belum ada shift terbuka di terminal ini. Hitung uang modal di laci, ketik jumlahnya, lalu tekan Buka shift.":
        "No shift is open on this terminal yet. Count the float in the drawer, type the amount, then press "
        "Open shift.",
    "mis. 200.000": "e.g. 200.000",
    "Modal awal (Rp)": "Opening float (Rp)",
    "Nanti": "Later",
    "Shift belum dibuka": "Shift not opened",
    "Isi jumlah uangnya dulu": "Enter the amount first",
    # cash in/out
    "mis. 50.000": "e.g. 50.000",
    "wajib, mis. beli plastik, setor ke bank, tambah uang kecil":
        "required, e.g. bought plastic bags, bank deposit, more small change",
    "Jumlah (Rp)": "Amount (Rp)",
    "Alasan wajib diisi": "A reason is required",
    "Kas masuk/keluar belum tercatat": "Cash in/out not recorded",
    "Kas masuk {amount} tercatat.": "Cash in of {amount} recorded.",
    "Kas keluar {amount} tercatat.": "Cash out of {amount} recorded.",
    "Uang di laci seharusnya {amount}.": "The drawer should now hold {amount}.",
    # closing
    "Tutup shift - terminal {terminal}": "Close shift - terminal {terminal}",
    "Kasir {name}, dibuka {since}. Hitung uang di laci per pecahan: ketik jumlah lembar/keping.":
        "Cashier {name}, opened {since}. Count the drawer by denomination: type the number of notes/coins.",
    "Tutup shift dan cetak laporan Z": "Close shift and make the Z report",
    "Modal {float} + tunai {sales} - refund tunai {refunds} + kas masuk {cash_in} - kas keluar {cash_out}":
        "Float {float} + cash {sales} - cash refunds {refunds} + cash in {cash_in} - cash out {cash_out}",
    "Tutup shift? Laporan Z tidak dapat diubah lagi.": "Close the shift? The Z report cannot be changed afterwards.",
    "Catatan (mis. alasan selisih)": "Note (e.g. why there is a difference)",
    "Shift belum ditutup": "Shift not closed",
    # the report view
    "Laporan Z {number}": "Z report {number}",
    "Laporan X terminal {terminal}": "X report terminal {terminal}",
    "Laporan Z {number} - shift ditutup": "Z report {number} - shift closed",
    "Laporan X (sementara) - {moment}, shift masih terbuka": "X report (interim) - {moment}, shift still open",
    "Cetak": "Print",
    "Simpan PDF": "Save PDF",
    "Mencetak laporan...": "Printing the report...",
    "Laporan terkirim ke printer.": "Report sent to the printer.",
    "Laporan belum tercetak.": "Report not printed.",
    "Tidak ada printer struk yang diatur; simpan sebagai PDF.": "No receipt printer is set up; save it as a PDF.",
    "Simpan laporan sebagai PDF": "Save the report as PDF",
    "Membuat PDF...": "Making the PDF...",
    "PDF tersimpan: {path}": "PDF saved: {path}",
    "PDF belum dibuat.": "PDF not made.",
}

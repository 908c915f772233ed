"""English texts for shifts, cash-up and the X/Z reports (slip, PDF, commands)."""

MESSAGES = {
    # Shifts and cash movements
    "Terminal {terminal} masih punya shift terbuka: {name} sejak {since}. Tutup shift itu dulu.":
        "Terminal {terminal} still has an open shift: {name} since {since}. Close that shift first.",
    "Terminal {terminal} sudah punya shift terbuka": "Terminal {terminal} already has an open shift",
    "Shift {terminal} ({name}) sudah ditutup pada {closed} dengan laporan {z_no}; shift yang sudah "
    "ditutup tidak dapat diubah":
        "Shift {terminal} ({name}) was closed at {closed} with report {z_no}; a closed shift cannot be changed",
    "Tidak ada shift yang terbuka di terminal {terminal}; buka shift dulu":
        "No shift is open on terminal {terminal}; open a shift first",
    "Tidak ada shift yang terbuka di terminal {terminal}": "No shift is open on terminal {terminal}",
    "ID terminal tidak boleh kosong": "The terminal ID cannot be empty",
    "Hanya kasir shift ini ({name}) atau supervisor/manajer yang boleh {action}":
        "Only this shift's cashier ({name}) or a supervisor/manager may {action}",
    "mencatat kas masuk/keluar": "record cash in/out",
    "menutup shift": "close the shift",
    "Jenis kas harus masuk (in) atau keluar (out), bukan {kind}": "Cash movement must be in or out, not {kind}",
    "Jumlah kas masuk/keluar harus lebih dari nol": "The cash in/out amount must be more than zero",
    "Alasan kas masuk/keluar wajib diisi": "A reason for the cash in/out is required",
    "Alasan terlalu panjang: paling banyak {max} huruf": "Reason too long: at most {max} characters",
    "Kas keluar {amount} melebihi uang yang seharusnya ada di laci terminal {terminal} ({drawer})":
        "Cash out of {amount} is more than the drawer of terminal {terminal} should hold ({drawer})",
    "Pembayaran UMKM hanya dapat dicatat sebagai kas keluar": "A vendor payout can only be recorded as cash out",
    "Pembayaran UMKM nomor {id} tidak ada": "Vendor payout number {id} does not exist",
    "Shift nomor {id} tidak ada": "Shift number {id} does not exist",
    "Shift nomor {id} milik terminal {other}, bukan {terminal}":
        "Shift number {id} belongs to terminal {other}, not {terminal}",
    # Z reports
    "Belum ada laporan Z": "No Z report yet",
    "Belum ada laporan Z terminal {terminal}": "No Z report yet for terminal {terminal}",
    "Belum ada laporan Z untuk tanggal {date}": "No Z report for {date}",
    "Belum ada laporan Z terminal {terminal} untuk tanggal {date}": "No Z report of terminal {terminal} for {date}",
    "Laporan Z {number} tidak ada": "Z report {number} does not exist",
    # Drawer count
    "Hitungan uang harus berupa daftar pecahan dan jumlah lembar":
        "The cash count must be a list of denominations and numbers of pieces",
    "Pecahan uang tidak dikenal: {value}": "Unknown denomination: {value}",
    "Jumlah lembar/keping {denomination} harus bilangan bulat: {value}":
        "The number of {denomination} notes/coins must be a whole number: {value}",
    "Jumlah lembar/keping {denomination} tidak boleh negatif: {value}":
        "The number of {denomination} notes/coins cannot be negative: {value}",
    "Jumlah lembar/keping {denomination} terlalu besar: {value}":
        "The number of {denomination} notes/coins is too large: {value}",
    # Report wording (slip and PDF)
    "LAPORAN X (SEMENTARA)": "X REPORT (INTERIM)",
    "LAPORAN Z": "Z REPORT",
    "SELISIH: {amount} ({word})": "VARIANCE: {amount} ({word})",
    "kurang": "short",
    "lebih": "over",
    "pas": "exact",
    "{first} s/d {last}": "{first} to {last}",
    "E-wallet": "E-wallet",
    "Marketplace": "Marketplace",
    "Kas masuk": "Cash in",
    "Kas keluar": "Cash out",
    "Jumlah transaksi": "Number of sales",
    "Penjualan kotor": "Gross sales",
    "Refund ({count}x)": "Refunds ({count}x)",
    "Refund {method} ({count}x)": "Refund {method} ({count}x)",
    "Refund {method}": "Refund {method}",
    "Struk pertama": "First receipt",
    "Struk terakhir": "Last receipt",
    "Modal awal": "Opening float",
    "Penjualan tunai": "Cash sales",
    "Refund tunai": "Cash refunds",
    "Supervisor/Manajer": "Supervisor/Manager",
    "Belum ada penjualan": "No sales yet",
    "Rincian kas masuk/keluar:": "Cash in/out details:",
    "Rincian kas masuk/keluar": "Cash in/out details",
    "PENJUALAN": "SALES",
    "PENJUALAN BERSIH": "NET SALES",
    "PER CARA BAYAR": "BY PAYMENT METHOD",
    "PER KASIR": "BY CASHIER",
    "KAS DI LACI": "CASH IN DRAWER",
    "KAS SEHARUSNYA": "EXPECTED CASH",
    "HITUNG UANG": "CASH COUNT",
    "KAS DIHITUNG": "COUNTED CASH",
    "Shift belum ditutup: angka dapat berubah": "Shift not closed: figures may change",
    "Laporan shift tidak dapat disusun untuk printer: {reason}":
        "The shift report cannot be prepared for the printer: {reason}",
    "Catatan: {note}": "Note: {note}",
    "Tgl usaha": "Business day",
    "Tanggal usaha": "Business day",
    "Dibuka": "Opened",
    "Ditutup": "Closed",
    "Ditutup oleh": "Closed by",
    "Dicetak": "Printed",
    "Terminal {terminal} - shift belum ditutup, angka dapat berubah":
        "Terminal {terminal} - shift not closed, figures may change",
    "shift masih terbuka": "shift still open",
    "Bersih": "Net",
    "Laporan X {terminal}": "X report {terminal}",
    "SEMENTARA": "INTERIM",
    "No. struk": "Receipt no.",
    "Penjualan": "Sales",
    "Rp": "Rp",
    "Penjualan bersih": "Net sales",
    "Cara bayar": "Payment method",
    "Transaksi": "Sales",
    "Kas di laci": "Cash in drawer",
    "Kas seharusnya": "Expected cash",
    "Pecahan": "Denomination",
    "Lembar/keping": "Pieces",
    "Kas dihitung": "Counted cash",
    "Waktu": "Time",
    "Tidak ada laporan shift untuk dijadikan PDF": "No shift report to make a PDF of",
    # Commands
    "tampilkan laporan Z (penutupan shift)": "show a Z report (shift closing)",
    "Tampilkan angka penutupan shift terakhir, atau semua penutupan pada satu tanggal usaha.":
        "Show the figures of the last shift closing, or of every closing on one business day.",
    "YYYY-MM-DD": "YYYY-MM-DD",
    "semua laporan Z dengan tanggal usaha ini (bawaan: penutupan terakhir)":
        "every Z report of this business day (default: the last closing)",
    "hanya terminal ini, mis. T01": "this terminal only, e.g. T01",
    "tulis juga laporan sebagai PDF A4": "also write the report as an A4 PDF",
    "tampilkan laporan X (angka shift yang sedang berjalan)": "show an X report (the figures of the current shift)",
    "Tampilkan angka shift yang masih terbuka tanpa menutupnya.":
        "Show the figures of the open shift without closing it.",
    "terminal yang shift-nya ditampilkan (bawaan: terminal di pengaturan)":
        "the terminal whose shift is shown (default: the terminal in the settings)",
    "PDF ditulis ke {path}": "PDF written to {path}",
    "harus tanggal YYYY-MM-DD: {value}": "must be a date YYYY-MM-DD: {value}",
}

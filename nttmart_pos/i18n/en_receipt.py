"""English texts for the printed receipt and the receipt printer."""

MESSAGES = {
    # Receipt (struk) labels
    "Telp. {phone}": "Tel. {phone}",
    "No. Struk": "Receipt no.",
    "Tanggal": "Date",
    "Kasir": "Cashier",
    "Terminal": "Terminal",
    "SALINAN": "COPY",
    "Diskon": "Discount",
    "Subtotal": "Subtotal",
    "TOTAL": "TOTAL",
    "Tunai": "Cash",
    "QRIS": "QRIS",
    "Kartu Debit/Kredit": "Card",
    "Transfer Bank": "Bank transfer",
    "Ref: {reference}": "Ref: {reference}",
    "Kembalian": "Change",
    "Terima kasih atas kunjungan Anda": "Thank you for shopping with us",
    # Printer addresses and paper
    "Alamat printer kosong. Gunakan tcp://, usb://, serial://, file:// atau none":
        "The printer address is empty. Use tcp://, usb://, serial://, file:// or none",
    "Jenis printer tidak dikenal: {url}. Gunakan tcp://, usb://, serial://, file:// atau none":
        "Unknown printer type: {url}. Use tcp://, usb://, serial://, file:// or none",
    "Alamat printer jaringan harus berisi host, misalnya tcp://192.168.1.50:9100: {url}":
        "A network printer address needs a host, for example tcp://192.168.1.50:9100: {url}",
    "Port printer tidak valid (1-65535): {url}": "Invalid printer port (1-65535): {url}",
    "Printer USB harus ditulis sebagai usb://VID:PID dalam heksadesimal, misalnya usb://0416:5011: {url}":
        "A USB printer must be written as usb://VID:PID in hexadecimal, for example usb://0416:5011: {url}",
    "Endpoint USB tidak valid: {url}": "Invalid USB endpoint: {url}",
    "Printer serial harus berisi nama perangkat, misalnya serial:///dev/ttyUSB0 atau serial://COM3: {url}":
        "A serial printer needs a device name, for example serial:///dev/ttyUSB0 or serial://COM3: {url}",
    "Baudrate printer serial tidak valid: {url}": "Invalid serial printer baud rate: {url}",
    "Berkas printer harus berisi path, misalnya file:///tmp/struk.bin: {url}":
        "A printer file needs a path, for example file:///tmp/receipt.bin: {url}",
    "Lebar kertas tidak didukung: {width} mm (pilih 58 atau 80)":
        "Unsupported paper width: {width} mm (choose 58 or 80)",
    # Printer failures
    "Printer tidak terjangkau ({address}): koneksi ditolak":
        "Printer not reachable ({address}): connection refused",
    "Printer tidak terjangkau ({address}): {reason}": "Printer not reachable ({address}): {reason}",
    "Nama printer tidak ditemukan di jaringan: {host}": "Printer name not found on the network: {host}",
    "Printer tidak merespons dalam {seconds} detik ({address})":
        "The printer did not respond within {seconds} seconds ({address})",
    "Koneksi ke printer terputus di tengah pencetakan ({address})":
        "The connection to the printer was lost while printing ({address})",
    "Dukungan printer USB belum terpasang (paket pyusb)":
        "USB printer support is not installed (package pyusb)",
    "Dukungan printer serial belum terpasang (paket pyserial)":
        "Serial printer support is not installed (package pyserial)",
    "Printer USB {address} tidak ditemukan atau kabelnya tidak terpasang":
        "USB printer {address} not found or its cable is not plugged in",
    "Printer serial {address} tidak dapat dibuka: {reason}": "Serial printer {address} cannot be opened: {reason}",
    "Gagal mengirim ke printer {address}: {reason}": "Could not send to printer {address}: {reason}",
    "Tidak dapat menulis ke berkas printer {path}: {reason}": "Cannot write to printer file {path}: {reason}",
    "Struk tidak dapat disusun untuk printer: {reason}": "The receipt cannot be prepared for the printer: {reason}",
}
MESSAGES.update({
    "{what} tidak dapat disusun untuk printer: {reason}": "{what} could not be prepared for the printer: {reason}",
    "Laporan shift": "Shift report",
})

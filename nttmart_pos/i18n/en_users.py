"""English for user management (the admin's "Pengguna" tab), the login lockout, the idle lock and the
cashier-limit settings."""

MESSAGES = {
    # services.users / auth.new_user
    "Pengguna tidak ditemukan": "User not found",
    "Anda tidak dapat menurunkan peran akun Anda sendiri; minta admin lain melakukannya":
        "You cannot lower your own account's role; ask another admin to do it",
    "Anda tidak dapat menonaktifkan akun Anda sendiri; minta admin lain melakukannya":
        "You cannot deactivate your own account; ask another admin to do it",
    "Harus tetap ada paling sedikit satu admin yang aktif": "There must always be at least one active admin",
    "Nama pengguna paling panjang 40 huruf, hanya huruf, angka, titik, garis bawah atau tanda minus, tanpa spasi":
        "A user name has at most 40 characters: letters, digits, dots, underscores or hyphens, no spaces",
    "Nama lengkap paling panjang 120 huruf": "The full name may be at most 120 characters",
    # the users tab
    "Kasir": "Cashier",
    "Supervisor": "Supervisor",
    "Manajer": "Manager",
    "Admin": "Admin",
    "Menjual, membatalkan baris, mencetak ulang struk dan menutup shift.":
        "Sells, voids lines, reprints receipts and closes shifts.",
    "Seperti kasir, ditambah membatalkan transaksi, pengembalian uang, diskon di atas batas, mengubah harga, "
    "membuka laci dan kas masuk/keluar. PIN-nya bisa menyetujui hal itu untuk kasir.":
        "Like a cashier, plus voiding whole sales, refunds, discounts above the limit, price changes, opening the "
        "drawer and cash in/out. Their PIN can approve these for a cashier.",
    "Seperti supervisor, ditambah barang, UMKM, stok, setoran UMKM, laporan dan pengaturan toko.":
        "Like a supervisor, plus products, vendors, stock, vendor settlements, reports and store settings.",
    "Seperti manajer, ditambah mengelola pengguna.": "Like a manager, plus managing users.",
    "Nama pengguna": "User name",
    "Nama lengkap": "Full name",
    "Peran": "Role",
    "Aktif": "Active",
    "Terkunci sampai": "Locked until",
    "PIN salah": "Wrong PINs",
    "ya": "yes",
    "tidak": "no",
    "Simpan": "Save",
    "Batal": "Cancel",
    "4-8 angka": "4-8 digits",
    "PIN dan ulangan PIN tidak sama": "The PIN and its repetition differ",
    "Pengguna baru": "New user",
    "mis. maria (huruf kecil, tanpa spasi)": "e.g. maria (lower case, no spaces)",
    "mis. Maria Bria": "e.g. Maria Bria",
    "PIN pertama": "First PIN",
    "Ulangi PIN": "Repeat PIN",
    "Ubah peran {name}": "Change the role of {name}",
    "Atur ulang PIN {name}": "Reset the PIN of {name}",
    "Ketik PIN baru bersama {name}, atau berikan secara pribadi. Kunci karena PIN salah ikut dibuka.":
        "Type the new PIN together with {name}, or give it to them in private. A lock from wrong PINs is lifted "
        "too.",
    "PIN baru": "New PIN",
    "Siapa yang boleh masuk ke kasir ini. Pengguna tidak pernah dihapus: nonaktifkan yang sudah berhenti, "
    "riwayat transaksinya tetap tersimpan. Setiap perubahan dicatat di jurnal.":
        "Who may log in to this till. Users are never deleted: deactivate those who have left, and their sales "
        "history is kept. Every change is recorded in the journal.",
    "Tambah pengguna...": "Add user...",
    "Ubah peran...": "Change role...",
    "Atur ulang PIN...": "Reset PIN...",
    "Nonaktifkan": "Deactivate",
    "Aktifkan": "Activate",
    "Nonaktifkan pengguna": "Deactivate user",
    "Nonaktifkan {name} ({username})?\n\nIa tidak bisa masuk atau memberi PIN persetujuan lagi. Riwayat "
    "transaksinya tetap tersimpan, dan ia bisa diaktifkan lagi kapan saja.":
        "Deactivate {name} ({username})?\n\nThey can no longer log in or approve with their PIN. Their sales "
        "history is kept, and they can be activated again at any time.",
    "Aktifkan pengguna": "Activate user",
    "Aktifkan lagi {name} ({username})?": "Activate {name} ({username}) again?",
    "{name} ditambahkan sebagai {role}; bisa masuk dengan nama pengguna {username}.":
        "{name} added as {role}; they can log in with the user name {username}.",
    "{name} sekarang {role}.": "{name} is now {role}.",
    "PIN {name} sudah diganti; kuncinya dibuka.": "{name}'s PIN has been changed; any lock is lifted.",
    "{name} aktif lagi.": "{name} is active again.",
    "{name} dinonaktifkan; riwayat transaksinya tetap tersimpan.":
        "{name} deactivated; their sales history is kept.",
    # the idle lock
    "Kasir terkunci": "Till locked",
    "PIN (4-8 angka)": "PIN (4-8 digits)",
    "Buka kunci": "Unlock",
    "Ganti pengguna": "Switch user",
    "{name} ({username}) - terkunci sejak {time}": "{name} ({username}) - locked since {time}",
    "Transaksi yang sedang berjalan tetap tersimpan. Ketik PIN {name} untuk melanjutkan.":
        "The open sale is kept. Type {name}'s PIN to go on.",
    "Ketik PIN {name} untuk melanjutkan, atau ganti pengguna.": "Type {name}'s PIN to go on, or switch user.",
    "Kasir sedang terkunci: pindaian diabaikan. Buka kunci dulu dengan PIN.":
        "The till is locked: the scan was ignored. Unlock it with the PIN first.",
    "Ketik PIN lalu tekan Enter": "Type the PIN, then press Enter",
    "PIN salah. Coba lagi.": "Wrong PIN. Try again.",
    "Transaksi {name} masih terbuka. {name} harus membuka kunci lalu menyelesaikan atau membatalkannya dulu.":
        "{name}'s sale is still open. {name} must unlock first, then finish or cancel it.",
    # settings dialog
    "Batas kasir dan kunci otomatis": "Cashier limits and automatic lock",
    "Diskon di atas persen ini dari total belanja perlu PIN supervisor":
        "A discount above this percentage of the sale needs a supervisor's PIN",
    " menit": " min",
    "tidak pernah": "never",
    "Kasir terkunci sendiri bila tidak ada tombol atau klik selama ini; 0 = tidak pernah":
        "The till locks itself after this long without a key press or click; 0 = never",
    "Batas diskon kasir": "Cashier discount limit",
    "Kunci otomatis setelah": "Lock automatically after",
    "lebih dari ini perlu PIN supervisor": "more needs a supervisor's PIN",
    "tanpa tombol atau klik; 0 = tidak pernah": "without a key press or click; 0 = never",
}

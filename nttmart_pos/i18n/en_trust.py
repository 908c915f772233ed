"""English for roles and permissions, PIN lockout, discounts and the journal."""

MESSAGES = {
    "Batas diskon kasir harus 0 sampai 100 persen, bukan {value}":
        "The cashier's discount limit must be 0 to 100 percent, not {value}",
    "Waktu kunci otomatis harus 0 sampai 240 menit, bukan {value}":
        "The automatic lock time must be 0 to 240 minutes, not {value}",
    "Alasan harus diisi": "A reason is required",
    "Alasan paling panjang {max} huruf": "The reason may be at most {max} characters",
    "Diskon baris tidak boleh melebihi {amount}": "The line discount may not exceed {amount}",
    "Harga dari label harga tidak dapat diubah; hapus dan pindai ulang":
        "A price from a price label cannot be changed; remove the line and scan again",
    "Persen harus bilangan bulat 0 sampai 100": "The percentage must be a whole number from 0 to 100",
    "{name} terkunci karena PIN salah {count} kali. Coba lagi setelah pukul {time} atau minta admin mengatur "
    "ulang PIN.":
        "{name} is locked after {count} wrong PINs. Try again after {time} or ask an admin to reset the PIN.",
    "Jurnal rusak: entri {seq} hilang. Jalankan 'nttmart-pos journal verify' dan hubungi manajer.":
        "The journal is damaged: entry {seq} is missing. Run 'nttmart-pos journal verify' and call a manager.",
    "Kunci jurnal belum dipasang, jadi transaksi tidak dapat dicatat. Jalankan 'nttmart-pos init' atau pasang "
    "berkas kunci jurnal.":
        "The journal key is not installed, so no transaction can be recorded. Run 'nttmart-pos init' or install "
        "the journal key file.",
    "Kunci jurnal tidak valid": "The journal key is not valid",
    "Peran Anda tidak boleh {action}; minta PIN supervisor atau manajer":
        "Your role may not {action}; ask for a supervisor's or manager's PIN",
    "melihat laporan": "view reports",
    "membatalkan baris": "void a line",
    "membatalkan seluruh transaksi": "void the whole sale",
    "memberi diskon di atas batas": "give a discount above the limit",
    "membuka laci tanpa transaksi": "open the drawer without a sale",
    "mencetak ulang struk": "reprint a receipt",
    "mengelola UMKM": "manage vendors",
    "mengelola barang": "manage products",
    "mengelola pengguna": "manage users",
    "mengelola stok": "manage stock",
    "mengubah harga": "override a price",
    "mengubah pengaturan": "change settings",
    "menjual": "sell",
    "{name} tidak boleh mengizinkan {action}": "{name} may not allow {action}",
}
MESSAGES.update({
    "Izin supervisor": "Supervisor approval",
    "Perlu izin supervisor atau manajer untuk {action}.": "A supervisor or manager must allow this: {action}.",
    "mis. supervisor": "e.g. supervisor",
    "Izinkan": "Allow",
})

"""English for the daily backup at shift close and its settings (issue 6: reliability)."""

MESSAGES = {
    # config
    "Jumlah cadangan yang disimpan harus 1 sampai {most}, bukan {value}":
        "The number of backups to keep must be 1 to {most}, not {value}",
    "Folder cadangan tidak valid: {value}": "Invalid backup folder: {value}",
    # ui.shift_bar
    "Cadangan harian tersimpan: {file}": "Daily backup saved: {file}",
    "Cadangan harian gagal: {reason} Laporan Z tetap tersimpan aman di database.":
        "Daily backup failed: {reason} The Z report is safely stored in the database all the same.",
    # ui.settings_dialog
    "Cadangan harian": "Daily backup",
    "Folder cadangan": "Backup folder",
    "Simpan cadangan": "Backups kept",
    "Pilih...": "Choose...",
    "kosong = folder backups di samping database": "empty = the backups folder beside the database",
    "Setiap kali shift ditutup, salinan database SQLite yang sudah diperiksa ditulis ke folder ini. "
    "Sebaiknya di flashdisk atau disk lain.":
        "Each time a shift is closed, a checked copy of the SQLite database is written to this folder. "
        "Best on a USB stick or another disk.",
    "Hanya untuk database SQLite; PostgreSQL dicadangkan di server dengan pg_dump":
        "For SQLite databases only; PostgreSQL is backed up on the server with pg_dump",
    "terbaru; yang lebih lama dihapus": "newest; older ones are deleted",
}

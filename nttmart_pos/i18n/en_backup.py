"""English for backups and restores, and for settings files that cannot be read."""

MESSAGES = {
    # services.backup / services.restore
    "Database {path} tidak dapat dibaca untuk dicadangkan ({error}); tidak ada cadangan yang ditulis.":
        "The database {path} cannot be read for a backup ({error}); no backup was written.",
    "Berkas {name} rusak atau bukan database NTT Mart POS ({error}); berkas ini tidak dipakai.":
        "The file {name} is damaged or not an NTT Mart POS database ({error}); it was not used.",
    "{path} tidak dapat ditulis: {error}": "{path} cannot be written: {error}",
    "Perintah ini hanya untuk database SQLite; PostgreSQL dicadangkan dengan pg_dump.":
        "This command is for SQLite databases only; PostgreSQL is backed up with pg_dump.",
    "Database ini tidak tersimpan sebagai berkas, jadi tidak dapat dicadangkan.":
        "This database is not stored in a file, so it cannot be backed up.",
    "Cadangan tidak boleh ditulis di atas database itu sendiri: {path}":
        "A backup must not be written over the database itself: {path}",
    "Jumlah cadangan yang disimpan harus 1 atau lebih, bukan {value}":
        "The number of backups to keep must be 1 or more, not {value}",
    "Jurnal dalam {name} tidak cocok, jadi berkas ini tidak dapat dipercaya: {problem}":
        "The journal in {name} does not match, so this file cannot be trusted: {problem}",
    "Berkas {name} rusak (pemeriksaan integritas SQLite gagal: {problems}); berkas ini tidak dipakai.":
        "The file {name} is damaged (SQLite's integrity check failed: {problems}); it was not used.",
    "Berkas {name} bukan database NTT Mart POS.": "The file {name} is not an NTT Mart POS database.",
    "Berkas {name} dibuat oleh versi program yang tidak dikenal (revisi {revision}); pakai program yang sama atau "
    "lebih baru.":
        "The file {name} was made by an unknown version of the program (revision {revision}); use the same "
        "version of the program or a newer one.",
    "Ruang disk penuh: {path} tidak dapat ditulis. Kosongkan ruang disk atau pilih tempat lain; tidak ada berkas "
    "setengah jadi yang tertinggal.":
        "The disk is full: {path} cannot be written. Free some disk space or choose another place; no "
        "half-written file was left behind.",
    "Folder {folder} tidak dapat ditulisi (hanya-baca atau tanpa izin): {name} tidak ditulis dan tidak ada yang "
    "diubah.":
        "The folder {folder} cannot be written to (read-only or no permission): {name} was not written and "
        "nothing was changed.",
    "Database {path} masih dibuka oleh program lain. Tutup program kasir di semua komputer lalu coba lagi; tidak "
    "ada yang diubah.":
        "The database {path} is still open in another program. Close the till program on every computer and "
        "try again; nothing was changed.",
    "Cadangan lama di {folder} tidak dapat dihapus: {error}": "Old backups in {folder} cannot be deleted: {error}",
    "Jurnal dalam {name} tidak dapat diperiksa tanpa berkas kunci jurnal toko ini; tidak ada yang diubah.":
        "The journal in {name} cannot be checked without this store's journal key file; nothing was changed.",
    "Berkas cadangan tidak ditemukan: {path}": "Backup file not found: {path}",
    "Berkas cadangan adalah database yang sedang dipakai: {path}":
        "The backup file is the database in use: {path}",
    # nttmart-pos backup / restore
    "jurnal utuh ({count} entri)": "journal intact ({count} entries)",
    "jurnal masih kosong": "journal still empty",
    "jurnal tidak diperiksa (kunci jurnal tidak ada)": "journal not checked (no journal key)",
    "Cadangan tersimpan: {path} ({size} byte, {sales} penjualan; integritas baik, {journal}).":
        "Backup saved: {path} ({size} bytes, {sales} sales; integrity good, {journal}).",
    "Ingat: simpan juga berkas kunci jurnal {path} di tempat yang aman.":
        "Remember: also keep the journal key file {path} in a safe place.",
    "Database dipulihkan dari {source}: {sales} penjualan, {entries} entri jurnal, revisi {revision}.":
        "Database restored from {source}: {sales} sales, {entries} journal entries, revision {revision}.",
    "Database sebelumnya disimpan sebagai {path}.": "The previous database was kept as {path}.",
    "harus bilangan bulat 1 sampai 10000: {value}": "must be a whole number from 1 to 10000: {value}",
    "salin database SQLite ke berkas cadangan yang sudah diperiksa":
        "copy the SQLite database to a checked backup file",
    "Salin database SQLite selagi kasir tetap berjalan, periksa salinannya (integritas dan jurnal), lalu simpan. "
    "Simpan juga berkas kunci jurnal sekali di tempat yang aman. Untuk PostgreSQL perintah ini menampilkan "
    "perintah pg_dump yang harus dipakai.":
        "Copy the SQLite database while the tills keep running, check the copy (integrity and journal), then "
        "save it. Also keep the journal key file in a safe place, once. For PostgreSQL this command shows the "
        "pg_dump command to use.",
    "berkas cadangan yang ditulis": "the backup file to write",
    "folder cadangan harian: nttmart-TTTTBBHH-JJMMDD.db, yang lama dihapus (lihat --keep)":
        "folder of daily backups: nttmart-YYYYMMDD-HHMMSS.db, old ones are deleted (see --keep)",
    "jumlah cadangan terbaru yang disimpan di --folder (bawaan: {n})":
        "how many of the newest backups to keep in --folder (default: {n})",
    "pulihkan database SQLite dari berkas cadangan": "restore the SQLite database from a backup file",
    "Periksa berkas cadangan (integritas, jurnal, versi), lalu ganti database dengannya. Database lama disimpan "
    "sebagai <nama>.before-restore-<waktu>. Tutup dulu program kasir di semua komputer: program yang masih "
    "berjalan tidak selalu dapat dikenali.":
        "Check the backup file (integrity, journal, version), then replace the database with it. The old "
        "database is kept as <name>.before-restore-<time>. Close the till program on every computer first: a "
        "program that is still running cannot always be detected.",
    "berkas cadangan yang dipulihkan": "the backup file to restore",
    "Database PostgreSQL dicadangkan dengan pg_dump, bukan dengan perintah ini. Jalankan:":
        "A PostgreSQL database is backed up with pg_dump, not with this command. Run:",
    "Database PostgreSQL dipulihkan dengan pg_restore, bukan dengan perintah ini. Jalankan:":
        "A PostgreSQL database is restored with pg_restore, not with this command. Run:",
    # config.load_settings
    "Pengaturan store di {path} harus berupa tabel [store]":
        "The store setting in {path} must be a [store] table",
    "QRIS di berkas pengaturan {path} tidak valid: {error}": "The QRIS in the settings file {path} is invalid: {error}",
    "isinya bersarang terlalu dalam": "it is nested too deeply",
}

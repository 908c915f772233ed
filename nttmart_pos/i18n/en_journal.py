"""English for the journal key file and ``nttmart-pos journal verify``."""

MESSAGES = {
    # the key file
    "berkas kunci jurnal (bawaan: $NTTMART_JOURNAL_KEY, atau journal.key di folder berkas pengaturan)":
        "journal key file (default: $NTTMART_JOURNAL_KEY, or journal.key in the settings file's folder)",
    "Berkas kunci jurnal {path} sudah ada; tidak ditimpa":
        "The journal key file {path} already exists; not overwritten",
    "Berkas kunci jurnal {path} tidak dapat dibuat: {error}": "The journal key file {path} cannot be created: {error}",
    "Berkas kunci jurnal tidak ditemukan: {path}": "Journal key file not found: {path}",
    "Berkas kunci jurnal {path} tidak dapat dibaca: {error}": "The journal key file {path} cannot be read: {error}",
    "Berkas kunci jurnal {path} rusak: isinya harus 64 angka heksadesimal":
        "The journal key file {path} is damaged: it must hold 64 hexadecimal digits",
    "Kunci jurnal tidak ditemukan di {path}; pulihkan dari cadangan (salin dari kasir lain yang memakai database "
    "yang sama). Jurnal yang ada tidak dapat dilanjutkan dengan kunci baru.":
        "The journal key is not at {path}; restore it from a backup (or copy it from another till using the same "
        "database). The existing journal cannot be continued with a new key.",
    "Kunci jurnal di {path} tidak cocok dengan jurnal di database ini, jadi kasir tidak dapat dibuka: salin berkas "
    "kunci dari kasir lain yang memakai database yang sama (atau dari cadangan).":
        "The journal key at {path} does not match this database's journal, so the till cannot open: copy the key "
        "file from another till that uses the same database (or from a backup).",
    "Kunci jurnal dibuat: {path}. Cadangkan berkas ini, dan salin ke setiap kasir yang memakai database yang sama.":
        "Journal key created: {path}. Back this file up, and copy it to every till that uses the same database.",
    # the command
    "periksa jurnal transaksi yang tidak dapat diubah": "check the unchangeable transaction journal",
    "Jurnal mencatat setiap penjualan, pengembalian, laporan Z dan tindakan penting, dirantai dengan HMAC memakai "
    "berkas kunci jurnal.":
        "The journal records every sale, refund, Z report and important action, chained by HMAC with the journal "
        "key file.",
    "periksa bahwa jurnal utuh dan data penjualan tidak diubah":
        "check that the journal is intact and no sales data was changed",
    "Periksa rantai HMAC setiap entri jurnal dengan berkas kunci jurnal, lalu bandingkan penjualan, pengembalian "
    "dan laporan Z di database dengan yang tercatat di jurnal. Keluar dengan status 0 bila utuh, 1 bila ada "
    "masalah (masalah pertama ditampilkan), 2 bila berkas kunci tidak ada atau tidak dapat dibaca.":
        "Check the HMAC chain of every journal entry with the journal key file, then compare the sales, refunds "
        "and Z reports in the database with what the journal recorded. Exits with status 0 when intact, 1 when "
        "there is a problem (the first one is shown), 2 when the key file is missing or cannot be read.",
    "peringatan: berkas kunci jurnal {path} dapat dibaca pengguna lain; batasi dengan 'chmod 600 {path}'":
        "warning: the journal key file {path} can be read by other users; restrict it with 'chmod 600 {path}'",
    "Jurnal utuh: {count} entri diperiksa": "Journal intact: {count} entries checked",
    "Jurnal TIDAK utuh: {problem}": "Journal NOT intact: {problem}",
    "Jangan ubah apa pun lagi: simpan salinan database dan berkas kunci jurnal, lalu hubungi manajer.":
        "Change nothing more: keep a copy of the database and the journal key file, then call a manager.",
    # what verify finds
    "Entri {seq} hilang dari jurnal (setelah entri {before} langsung entri {after})":
        "Entry {seq} is missing from the journal (entry {before} is followed directly by entry {after})",
    "Entri 1 hilang dari jurnal (jurnal dimulai dari entri {after})":
        "Entry 1 is missing from the journal (the journal starts at entry {after})",
    "Penghitung jurnal ({counter}) di bawah entri terakhir ({last}): penghitung diubah":
        "The journal counter ({counter}) is below the last entry ({last}): the counter was changed",
    "Entri 1 bukan awal rantai jurnal: entri sebelumnya dihapus atau diubah":
        "Entry 1 is not the start of the journal chain: earlier entries were deleted or changed",
    "Entri {seq} tidak tersambung ke entri {before}: rantai jurnal terputus, ada entri yang diubah, ditukar atau "
    "disisipkan":
        "Entry {seq} does not follow on from entry {before}: the journal chain is broken, an entry was changed, "
        "swapped or inserted",
    "HMAC entri {seq} tidak cocok: kunci salah atau entri diubah":
        "The HMAC of entry {seq} does not match: wrong key or the entry was changed",
    "Isi entri {seq} rusak": "The content of entry {seq} is damaged",
    "Entri {seq}: kolom {column} berisi {value}, padahal entri mencatat {recorded}":
        "Entry {seq}: column {column} holds {value}, but the entry recorded {recorded}",
    "Entri terakhir jurnal ({seq}) hilang: penghitung jurnal sudah {seq}, entri terakhir yang ada {last}":
        "The last journal entry ({seq}) is missing: the journal counter is at {seq}, the last entry present is "
        "{last}",
    "Entri {seq} sampai {last} hilang dari akhir jurnal (penghitung jurnal sudah {last})":
        "Entries {seq} to {last} are missing from the end of the journal (the journal counter is at {last})",
    "Penjualan {ref} (entri jurnal {seq}) tidak ada lagi di database: penjualan itu dihapus":
        "Sale {ref} (journal entry {seq}) is no longer in the database: the sale was deleted",
    "Pengembalian {ref} (entri jurnal {seq}) tidak ada lagi di database: pengembalian itu dihapus":
        "Refund {ref} (journal entry {seq}) is no longer in the database: the refund was deleted",
    "Laporan Z {ref} (entri jurnal {seq}) tidak ada lagi di database: laporan itu dihapus":
        "Z report {ref} (journal entry {seq}) is no longer in the database: the report was deleted",
    "Penjualan {ref} tidak sama dengan entri jurnal {seq} ({detail}): data diubah setelah dicatat":
        "Sale {ref} differs from journal entry {seq} ({detail}): the data was changed after it was recorded",
    "Pengembalian {ref} tidak sama dengan entri jurnal {seq} ({detail}): data diubah setelah dicatat":
        "Refund {ref} differs from journal entry {seq} ({detail}): the data was changed after it was recorded",
    "Laporan Z {ref} tidak sama dengan entri jurnal {seq} ({detail}): data diubah setelah dicatat":
        "Z report {ref} differs from journal entry {seq} ({detail}): the data was changed after it was recorded",
    "isi berbeda": "different content",
    "{field}: {before} -> {after} baris": "{field}: {before} -> {after} lines",
    "baris {number}, {change}": "line {number}, {change}",
    "{field} ke-{number}, {change}": "{field} no. {number}, {change}",
    "Penjualan {ref} tercatat lebih dari sekali di jurnal (lagi di entri {seq})":
        "Sale {ref} is recorded more than once in the journal (again in entry {seq})",
    "Pengembalian {ref} tercatat lebih dari sekali di jurnal (lagi di entri {seq})":
        "Refund {ref} is recorded more than once in the journal (again in entry {seq})",
    "Laporan Z {ref} tercatat lebih dari sekali di jurnal (lagi di entri {seq})":
        "Z report {ref} is recorded more than once in the journal (again in entry {seq})",
    "Penjualan {ref} tidak ada di jurnal: dicatat langsung ke database, tidak lewat program":
        "Sale {ref} is not in the journal: it was written straight into the database, not by the program",
    "Pengembalian {ref} tidak ada di jurnal: dicatat langsung ke database, tidak lewat program":
        "Refund {ref} is not in the journal: it was written straight into the database, not by the program",
    "Laporan Z {ref} tidak ada di jurnal: dicatat langsung ke database, tidak lewat program":
        "Z report {ref} is not in the journal: it was written straight into the database, not by the program",
    "Struk {receipt} tidak ada di database: nomor struk terminal {terminal} melompat, penjualan itu dihapus":
        "Receipt {receipt} is not in the database: the receipt numbers of terminal {terminal} skip it, the sale "
        "was deleted",
    "Nomor pengembalian {number} tidak sah": "Invalid refund number {number}",
    "Pengembalian R-{receipt} tidak ada di database: nomor pengembalian terminal {terminal} melompat, "
    "pengembalian itu dihapus":
        "Refund R-{receipt} is not in the database: the refund numbers of terminal {terminal} skip it, the refund "
        "was deleted",
}

"""``nttmart-pos backup`` and ``nttmart-pos restore``: a checked copy of the SQLite database, and putting one back.

``backup --out FILE`` writes one copy; ``backup --folder DIR [--keep N]``
writes ``nttmart-YYYYMMDD-HHMMSS.db`` there and keeps the newest N (for a
scheduled task).  ``restore FILE`` checks the backup first and refuses a bad
one with nothing changed; the program must be closed on every till before.
The journal key file is not in the database: back it up too, once.
On PostgreSQL both commands print the ``pg_dump``/``pg_restore`` command to
use instead and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from nttmart_pos.commands import upgraded_engine
from nttmart_pos.domain.money import format_number
from nttmart_pos.errors import JournalError
from nttmart_pos.i18n import _
from nttmart_pos.services.backup import backup_database, daily_backup, pg_dump_command, sqlite_file
from nttmart_pos.services.journal_key import load_key
from nttmart_pos.services.restore import pg_restore_command, restore_database

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
DEFAULT_KEEP = 14


def _keep(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 10_000):
        raise argparse.ArgumentTypeError(_("harus bilangan bulat 1 sampai 10000: {value}", value=text))
    return int(text)


def add_commands(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup", help=_("salin database SQLite ke berkas cadangan yang sudah diperiksa"),
        description=_("Salin database SQLite selagi kasir tetap berjalan, periksa salinannya (integritas dan "
                      "jurnal), lalu simpan. Simpan juga berkas kunci jurnal sekali di tempat yang aman. "
                      "Untuk PostgreSQL perintah ini menampilkan perintah pg_dump yang harus dipakai."))
    where = backup.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar=_("BERKAS"), help=_("berkas cadangan yang ditulis"))
    where.add_argument("--folder", metavar=_("FOLDER"),
                       help=_("folder cadangan harian: nttmart-TTTTBBHH-JJMMDD.db, yang lama dihapus (lihat --keep)"))
    backup.add_argument("--keep", type=_keep, default=DEFAULT_KEEP, metavar="N",
                        help=_("jumlah cadangan terbaru yang disimpan di --folder (bawaan: {n})", n=DEFAULT_KEEP))
    backup.set_defaults(run=run_backup)
    restore = subparsers.add_parser(
        "restore", help=_("pulihkan database SQLite dari berkas cadangan"),
        description=_("Periksa berkas cadangan (integritas, jurnal, versi), lalu ganti database dengannya. "
                      "Database lama disimpan sebagai <nama>.before-restore-<waktu>. Tutup dulu program kasir "
                      "di semua komputer: program yang masih berjalan tidak selalu dapat dikenali."))
    restore.add_argument("file", metavar=_("BERKAS"), help=_("berkas cadangan yang dipulihkan"))
    restore.set_defaults(run=run_restore)


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def run_backup(args: argparse.Namespace, options) -> int:
    if not _is_sqlite(options.db_url):
        out = args.out or str(Path(args.folder) / "nttmart.dump")
        print(_("Database PostgreSQL dicadangkan dengan pg_dump, bukan dengan perintah ini. Jalankan:"),
              file=sys.stderr)
        print(pg_dump_command(options.db_url, Path(out)))
        return EXIT_USAGE
    engine = upgraded_engine(options)
    try:
        if args.out:
            result = backup_database(engine, Path(args.out))
        else:
            result = daily_backup(engine, Path(args.folder), args.keep)
    finally:
        engine.dispose()
    if result.journal_checked:
        journal = _("jurnal utuh ({count} entri)", count=format_number(result.journal_entries))
    elif result.journal_entries == 0:
        journal = _("jurnal masih kosong")
    else:
        journal = _("jurnal tidak diperiksa (kunci jurnal tidak ada)")
    print(_("Cadangan tersimpan: {path} ({size} byte, {sales} penjualan; integritas baik, {journal}).",
            path=result.path, size=format_number(result.size), sales=format_number(result.sales), journal=journal))
    print(_("Ingat: simpan juga berkas kunci jurnal {path} di tempat yang aman.", path=options.journal_key_path))
    return EXIT_OK


def run_restore(args: argparse.Namespace, options) -> int:
    if not _is_sqlite(options.db_url):
        print(_("Database PostgreSQL dipulihkan dengan pg_restore, bukan dengan perintah ini. Jalankan:"),
              file=sys.stderr)
        print(pg_restore_command(options.db_url, Path(args.file)))
        return EXIT_USAGE
    live = sqlite_file(options.db_url)
    try:
        key = load_key(options.journal_key_path)  # read, never created: a new key verifies nothing
    except JournalError:
        key = None
    result = restore_database(live, Path(args.file), key=key)
    print(_("Database dipulihkan dari {source}: {sales} penjualan, {entries} entri jurnal, revisi {revision}.",
            source=args.file, sales=format_number(result.sales), entries=format_number(result.journal_entries),
            revision=result.revision))
    if result.previous is not None:
        print(_("Database sebelumnya disimpan sebagai {path}.", path=result.previous))
    return EXIT_OK

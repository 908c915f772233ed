"""``nttmart-pos journal verify``: check the journal's HMAC chain and the sales, refunds and Z reports it covers.

Exit status 0 when the journal is whole ("Jurnal utuh: 1.234 entri
diperiksa"), 1 with the first problem found, 2 when the check cannot run
(no journal key file, or one that cannot be read).  The key file is read,
never created: a new key could not verify an existing journal anyway.
"""

from __future__ import annotations

import argparse
import sys

from nttmart_pos.commands import upgraded_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import JournalError
from nttmart_pos.i18n import _, get_language
from nttmart_pos.services.journal_key import key_is_private, load_key
from nttmart_pos.services.journal_verify import verify_journal

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
PROG = "nttmart-pos journal"


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser(
        "journal", help=_("periksa jurnal transaksi yang tidak dapat diubah"),
        description=_("Jurnal mencatat setiap penjualan, pengembalian, laporan Z dan tindakan penting, "
                      "dirantai dengan HMAC memakai berkas kunci jurnal."))
    commands = parser.add_subparsers(dest="journal_command", required=True)
    verify = commands.add_parser(
        "verify", help=_("periksa bahwa jurnal utuh dan data penjualan tidak diubah"),
        description=_("Periksa rantai HMAC setiap entri jurnal dengan berkas kunci jurnal, lalu bandingkan "
                      "penjualan, pengembalian dan laporan Z di database dengan yang tercatat di jurnal. "
                      "Keluar dengan status 0 bila utuh, 1 bila ada masalah (masalah pertama ditampilkan), "
                      "2 bila berkas kunci tidak ada atau tidak dapat dibaca."))
    verify.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace, options) -> int:
    path = options.journal_key_path
    try:
        key = load_key(path)
    except JournalError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not key_is_private(path):
        print(f"{PROG}: " + _("peringatan: berkas kunci jurnal {path} dapat dibaca pengguna lain; batasi "
                              "dengan 'chmod 600 {path}'", path=path), file=sys.stderr)
    engine = upgraded_engine(options, journal_key=False)
    try:
        check = verify_journal(UnitOfWork(engine), key)
    finally:
        engine.dispose()
    if check.ok:
        print(_("Jurnal utuh: {count} entri diperiksa", count=_count(check.count)))
        return EXIT_OK
    print(_("Jurnal TIDAK utuh: {problem}", problem=check.problem))
    print(_("Jangan ubah apa pun lagi: simpan salinan database dan berkas kunci jurnal, lalu hubungi manajer."))
    return EXIT_ERROR


def _count(number: int) -> str:
    grouped = f"{number:,}"
    return grouped if get_language() == "en" else grouped.replace(",", ".")

"""``nttmart-pos payouts``: every vendor's payout (setoran) PDF for a period, the
summary PDF and ``payouts.csv``; ``--approve`` and ``--pay`` are the only state changes.

Without them nothing is saved: unsettled sales appear as previews ("PRATINJAU")
beside the payouts already saved for the period.  The command line has no
login; it acts as the first active admin or manager in the database.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from nttmart_pos.commands import upgraded_engine
from nttmart_pos.db.settlement_models import PAYOUT_METHODS
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.reports.payout_csv import payouts_csv
from nttmart_pos.reports.payout_batch import payout_pdfs
from nttmart_pos.reports.payout_pdf import payout_summary_pdf
from nttmart_pos.services.imports import command_line_user
from nttmart_pos.services.settlement import (
    approve_payout,
    create_payouts,
    list_payouts,
    pay_payout,
    payout_document,
    preview_document,
    settlement_figures,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
PROG = "nttmart-pos payouts"
CSV_NAME = "payouts.csv"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("tanggal tidak valid: {value} (pakai TTTT-BB-HH, mis. 2026-11-28)",
                                           value=text)) from None


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser(
        "payouts", help=_("tulis PDF setoran per UMKM, ringkasan PDF dan payouts.csv untuk satu periode"),
        description=_("Tulis bukti pembayaran (setoran) tiap UMKM sebagai PDF, ringkasan semua UMKM dan "
                      "payouts.csv untuk transfer bank. Tanpa --approve atau --pay tidak ada yang disimpan: "
                      "penjualan yang belum disetor tampil sebagai pratinjau. Perintah ini berjalan sebagai admin "
                      "atau manajer aktif pertama di database."))
    parser.add_argument("--from", dest="date_from", type=_day, metavar=_("TANGGAL"),
                        help=_("hari pertama periode, TTTT-BB-HH (bawaan: hari ini)"))
    parser.add_argument("--to", dest="date_to", type=_day, metavar=_("TANGGAL"),
                        help=_("hari terakhir periode (bawaan: sama dengan --from)"))
    parser.add_argument("--out", required=True, metavar=_("FOLDER"), help=_("folder tujuan (dibuat bila belum ada)"))
    parser.add_argument("--approve", action="store_true",
                        help=_("simpan penjualan yang belum disetor sebagai setoran dan setujui semua draf periode ini"))
    parser.add_argument("--pay", choices=PAYOUT_METHODS, metavar=_("METODE"),
                        help=_("tandai setoran yang sudah disetujui sebagai dibayar: transfer, ewallet atau cash "
                               "(tunai dari laci kasir yang shift-nya terbuka di terminal ini)"))
    parser.add_argument("--reference", default="", metavar="REF",
                        help=_("nomor referensi transfer atau e-wallet (wajib untuk --pay transfer/ewallet)"))
    parser.set_defaults(run=run_payouts)


def _usage(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_payouts(args: argparse.Namespace, options) -> int:
    date_from = args.date_from or date.today()
    date_to = args.date_to or date_from
    if date_to < date_from:
        return _usage(_("--to ({date_to}) sebelum --from ({date_from})", date_to=date_to.isoformat(),
                        date_from=date_from.isoformat()))
    if args.pay in ("transfer", "ewallet") and not args.reference.strip():
        return _usage(_("--pay {method} perlu --reference (nomor referensi pembayaran)", method=args.pay))
    if args.reference.strip() and not args.pay:
        return _usage(_("--reference hanya dipakai bersama --pay"))
    settings = options.settings()
    out = Path(args.out)
    engine = upgraded_engine(options)
    try:
        if args.approve or args.pay:
            _change_state(engine, args, settings.terminal_id, date_from, date_to)
        docs = _documents(engine, date_from, date_to)
    finally:
        engine.dispose()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PosError(_("Folder {path} tidak dapat dibuat: {error}", path=out, error=exc.strerror or exc)) from exc
    names: set[str] = set()
    jobs = [(doc, out / _file_name(doc, names)) for doc in docs]
    for doc, path in zip(docs, payout_pdfs(jobs, settings)):  # on every core, announced in order
        print(_("{vendor}: {amount} ({state}) -> {path}", vendor=doc.vendor_code, amount=format_rupiah(doc.amount),
                state=doc.payout_no or _("pratinjau"), path=path))
    summary = payout_summary_pdf(docs, settings, out / f"ringkasan-{date_from}-{date_to}.pdf", date_from, date_to)
    table = payouts_csv(docs, out / CSV_NAME)
    if not docs:
        print(_("Tidak ada penjualan UMKM pada periode ini."))
    print(_("{count} setoran, total dibayarkan {amount}; ringkasan: {summary}; CSV: {csv}", count=len(docs),
            amount=format_rupiah(sum(doc.amount for doc in docs)), summary=summary, csv=table))
    return EXIT_OK


def _change_state(engine, args: argparse.Namespace, terminal: str, date_from: date, date_to: date) -> None:
    """Draft and approve (``--approve``), then pay (``--pay``) the payouts of the period, announcing each."""
    user = command_line_user(UnitOfWork(engine))
    if args.approve:
        created = create_payouts(UnitOfWork(engine, write=True), user, date_from, date_to)
        for payout_no in created:
            print(_("Draf setoran {payout_no} dibuat.", payout_no=payout_no))
        drafts = [info.payout_no for info in list_payouts(UnitOfWork(engine), "draft", None, date_from, date_to)]
        for payout_no in drafts:
            approve_payout(UnitOfWork(engine, write=True), user, payout_no)
            print(_("Setoran {payout_no} disetujui.", payout_no=payout_no))
    if args.pay:
        approved = list_payouts(UnitOfWork(engine), "approved", None, date_from, date_to)
        if not approved:
            print(_("Tidak ada setoran yang sudah disetujui untuk dibayar pada periode ini."))
        for info in approved:
            pay_payout(UnitOfWork(engine, write=True), user, info.payout_no, args.pay, args.reference,
                       date.today(), terminal=terminal)
            print(_("Setoran {payout_no} ({vendor}) dibayar: {amount}.", payout_no=info.payout_no,
                    vendor=info.vendor_code, amount=format_rupiah(info.amount)))


def _documents(engine, date_from: date, date_to: date) -> list[PayoutDocument]:
    """The saved payouts whose period overlaps the dates, then previews of what is still unsettled."""
    saved = [payout_document(UnitOfWork(engine), info.payout_no)
             for info in list_payouts(UnitOfWork(engine), None, None, date_from, date_to)]
    previews = [preview_document(figures) for figures in settlement_figures(UnitOfWork(engine), date_from, date_to)
                if figures.has_lines]
    return sorted(saved + previews, key=lambda doc: (doc.vendor_code, doc.payout_no == "", doc.payout_no))


def _file_name(doc: PayoutDocument, used: set[str]) -> str:
    """``KOPI01-2026-12-01-2026-12-07.pdf``; a second document of the same vendor and period gets its number."""
    stem = _UNSAFE.sub("_", f"{doc.vendor_code}-{doc.period_from}-{doc.period_to}")
    if stem in used:
        stem = _UNSAFE.sub("_", f"{stem}-{doc.payout_no or 'pratinjau'}")
    used.add(stem)
    return f"{stem}.pdf"

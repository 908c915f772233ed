"""``nttmart-pos z-report`` and ``x-report``: a shift's figures as text (and PDF) from a terminal."""

from __future__ import annotations

import argparse
from datetime import date

from nttmart_pos.commands import upgraded_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.shift_report import ShiftReport
from nttmart_pos.errors import NotFoundError
from nttmart_pos.hardware.shift_slip import shift_report_lines
from nttmart_pos.i18n import _
from nttmart_pos.reports.shift_report_pdf import shift_reports_pdf
from nttmart_pos.services.shift_figures import last_z_report, no_z_report_message, x_report, z_reports

EXIT_OK = 0
TEXT_COLUMNS = 48  # as on 80 mm paper: wide enough to read, narrow enough for any terminal


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("harus tanggal YYYY-MM-DD: {value}", value=text)) from None


def add_commands(subparsers) -> None:
    z = subparsers.add_parser(
        "z-report", help=_("tampilkan laporan Z (penutupan shift)"),
        description=_("Tampilkan angka penutupan shift terakhir, atau semua penutupan pada satu tanggal usaha."))
    z.add_argument("--date", type=_day, metavar=_("YYYY-MM-DD"),
                   help=_("semua laporan Z dengan tanggal usaha ini (bawaan: penutupan terakhir)"))
    # dest differs from the global --terminal, which a subcommand default would otherwise overwrite
    z.add_argument("--terminal", dest="report_terminal", metavar="ID", help=_("hanya terminal ini, mis. T01"))
    z.add_argument("--pdf", metavar=_("BERKAS.pdf"), help=_("tulis juga laporan sebagai PDF A4"))
    z.set_defaults(run=run_z_report)
    x = subparsers.add_parser(
        "x-report", help=_("tampilkan laporan X (angka shift yang sedang berjalan)"),
        description=_("Tampilkan angka shift yang masih terbuka tanpa menutupnya."))
    x.add_argument("--terminal", dest="report_terminal", metavar="ID",
                   help=_("terminal yang shift-nya ditampilkan (bawaan: terminal di pengaturan)"))
    x.add_argument("--pdf", metavar=_("BERKAS.pdf"), help=_("tulis juga laporan sebagai PDF A4"))
    x.set_defaults(run=run_x_report)


def _show(reports: list[ShiftReport], args: argparse.Namespace, options) -> int:
    settings = options.settings()
    blocks = ["\n".join(shift_report_lines(report, TEXT_COLUMNS, settings.language, settings))
              for report in reports]
    print("\n\n".join(blocks))
    if args.pdf:
        path = shift_reports_pdf(reports, settings, args.pdf)
        print(_("PDF ditulis ke {path}", path=path))
    return EXIT_OK


def run_z_report(args: argparse.Namespace, options) -> int:
    terminal = args.report_terminal or options.terminal
    engine = upgraded_engine(options)
    try:
        if args.date is not None:
            reports = z_reports(UnitOfWork(engine), business_date=args.date, terminal=terminal)
        else:
            last = last_z_report(UnitOfWork(engine), terminal)
            reports = [last] if last is not None else []
    finally:
        engine.dispose()
    if not reports:
        raise NotFoundError(no_z_report_message(args.date, terminal))
    return _show(reports, args, options)


def run_x_report(args: argparse.Namespace, options) -> int:
    terminal = args.report_terminal or options.terminal or options.settings().terminal_id
    engine = upgraded_engine(options)
    try:
        report = x_report(UnitOfWork(engine), terminal)
    finally:
        engine.dispose()
    return _show([report], args, options)

"""``nttmart-pos import vendors|products|sales FILE [--dry-run]`` and ``nttmart-pos export vendors|products FILE``.

The command line has no login: these commands act as the first active admin
or manager in the database (the one price changes are recorded under); with
none, they refuse and say to run ``nttmart-pos init --admin NAME --pin PIN``.
A rejected import exits 1 and lists every bad row on stderr, one per line;
``import sales`` records every good order, lists every order on stdout and
exits 1 if any order was rejected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nttmart_pos.commands import upgraded_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.i18n import _
from nttmart_pos.services.exports import export_products, export_vendors
from nttmart_pos.services.import_sales import RECORDED, SKIPPED, SalesImportReport, import_sales
from nttmart_pos.services.imports import (CREATE, UPDATE, ImportError, ImportReport, command_line_user,
                                          import_products, import_vendors)

EXIT_OK, EXIT_ERROR = 0, 1
PROG = "nttmart-pos"


def add_commands(subparsers) -> None:
    identity = _("Baris perintah tidak punya login: perintah ini berjalan sebagai admin atau manajer aktif "
                 "pertama di database (buat dengan: nttmart-pos init --admin NAMA --pin PIN).")
    importer = subparsers.add_parser(
        "import", help=_("impor UMKM, barang atau penjualan dari CSV/XLSX"),
        description=_("Impor UMKM, barang atau penjualan dari CSV (koma atau titik koma, UTF-8) atau XLSX. UMKM "
                      "dan barang: semua baris atau tidak sama sekali, satu baris salah menolak seluruh berkas. "
                      "Penjualan: tiap pesanan utuh atau tidak sama sekali, pesanan lain tetap dicatat. {identity}",
                      identity=identity))
    import_kinds = importer.add_subparsers(dest="table_kind", metavar=_("JENIS"), required=True)
    exporter = subparsers.add_parser(
        "export", help=_("ekspor UMKM atau barang ke CSV/XLSX"),
        description=_("Tulis UMKM atau barang ke CSV (UTF-8, koma) atau XLSX, dengan kolom yang bisa diimpor "
                      "kembali. {identity}", identity=identity))
    export_kinds = exporter.add_subparsers(dest="table_kind", metavar=_("JENIS"), required=True)
    helps = {"vendors": (_("impor UMKM (kolom: {columns})", columns="code,name,owner,phone,regency,"
                                                                    "commission_pct,payout_method,payout_account"),
                         _("ekspor semua UMKM")),
             "products": (_("impor barang (kolom: {columns})", columns="barcode,name,category,vendor_code,price,"
                                                                       "harga_setor,commission_pct,unit,stock,"
                                                                       "pirt,bpom,halal,sni"),
                          _("ekspor semua barang"))}
    for kind, (import_help, export_help) in helps.items():
        parser = import_kinds.add_parser(kind, help=import_help, description=import_help)
        parser.add_argument("file", metavar=_("BERKAS"), help=_("berkas .csv atau .xlsx"))
        parser.add_argument("--dry-run", action="store_true",
                            help=_("periksa dan tampilkan perubahan tanpa menyimpan apa pun"))
        parser.set_defaults(run=run_import)
        parser = export_kinds.add_parser(kind, help=export_help, description=export_help)
        parser.add_argument("file", metavar=_("BERKAS"), help=_("berkas .csv atau .xlsx yang ditulis"))
        parser.set_defaults(run=run_export)
    sales_help = _("catat pesanan dari luar kasir: marketplace, WhatsApp, telepon ... (kolom: {columns}); "
                   "pesanan yang sudah diimpor dilewati", columns="order_id,date,barcode,qty,unit_price,channel,"
                                                                  "payment_method")
    sales_rules = _("Satu pesanan = semua baris dengan order_id yang sama; pesanan dengan baris salah ditolak utuh, "
                    "pesanan lain tetap dicatat. date: YYYY-MM-DD atau YYYY-MM-DD HH:MM, waktu setempat (tanggal saja "
                    "= pukul 12.00). channel: {channels}. payment_method: {methods}. unit_price: harga satuan "
                    "pesanan (per kg untuk barang timbangan, dengan kode label timbangan sebagai barcode).",
                    channels="marketplace, whatsapp, phone, website, other",
                    methods="cash, qris, card, transfer, ewallet, marketplace")
    parser = import_kinds.add_parser("sales", help=sales_help, description=f"{sales_help}. {sales_rules}")
    parser.add_argument("file", metavar=_("BERKAS"), help=_("berkas .csv atau .xlsx"))
    parser.add_argument("--dry-run", action="store_true", help=_("periksa semua pesanan tanpa menyimpan apa pun"))
    parser.set_defaults(run=run_import_sales)


def run_import(args: argparse.Namespace, options) -> int:
    engine = upgraded_engine(options)
    try:
        user = command_line_user(UnitOfWork(engine))
        run = import_vendors if args.table_kind == "vendors" else import_products
        try:
            report = run(UnitOfWork(engine, write=True), user, Path(args.file), dry_run=args.dry_run)
        except ImportError as exc:
            return _file_rejected(args.file, exc)
    finally:
        engine.dispose()
    _print_report(report)
    return EXIT_OK


def _file_rejected(path: str, exc: ImportError) -> int:
    print(f"{PROG}: " + _("berkas {path} ditolak, tidak ada yang disimpan ({count} kesalahan):",
                          path=path, count=len(exc.errors)), file=sys.stderr)
    for error in exc.errors:
        print(" ".join(str(error).split()), file=sys.stderr)
    return EXIT_ERROR


def _print_report(report: ImportReport) -> None:
    for row in report.rows:
        if row.action == CREATE:
            print(_("baris {row}: baru {key} {name}", row=row.row, key=row.key or _("(kode toko baru)"),
                    name=row.name))
        elif row.action == UPDATE:
            changes = "; ".join(_("{column} {old} -> {new}", column=c.column, old=c.old or "-", new=c.new or "-")
                                for c in row.changes)
            print(_("baris {row}: ubah {key} {name}: {changes}", row=row.row, key=row.key, name=row.name,
                    changes=changes))
    for note in report.notes:
        print(str(note))
    print(report.summary())


def run_import_sales(args: argparse.Namespace, options) -> int:
    engine = upgraded_engine(options)
    try:
        user = command_line_user(UnitOfWork(engine))
        try:
            report = import_sales(UnitOfWork(engine, write=True), user, Path(args.file), dry_run=args.dry_run)
        except ImportError as exc:
            return _file_rejected(args.file, exc)
    finally:
        engine.dispose()
    _print_sales_report(report)
    if report.rejected:
        count = len(report.rejected)
        print(f"{PROG}: " + (_("{count} pesanan akan ditolak; perbaiki barisnya sebelum mengimpor", count=count)
                             if report.dry_run else
                             _("{count} pesanan ditolak; perbaiki barisnya lalu impor lagi berkas yang sama "
                               "(pesanan yang sudah dicatat akan dilewati)", count=count)), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _print_sales_report(report: SalesImportReport) -> None:
    for order in report.orders:
        if order.status == RECORDED:
            values = {"order": order.order_id, "channel": order.channel, "receipt": order.receipt_no,
                      "lines": order.lines, "total": format_rupiah(order.total)}
            print(_("pesanan {order} ({channel}): akan dicatat sebagai {receipt}, {lines} baris, {total}", **values)
                  if report.dry_run else _("pesanan {order} ({channel}): dicatat {receipt}, {lines} baris, {total}",
                                           **values))
        elif order.status == SKIPPED:
            print(_("pesanan {order} ({channel}): sudah diimpor sebagai {receipt}, dilewati", order=order.order_id,
                    channel=order.channel, receipt=order.receipt_no))
        else:
            for message in order.messages():
                print(" ".join(message.split()))
    print(report.summary())


def run_export(args: argparse.Namespace, options) -> int:
    engine = upgraded_engine(options)
    try:
        user = command_line_user(UnitOfWork(engine))
        if args.table_kind == "vendors":
            count = export_vendors(UnitOfWork(engine), user, Path(args.file))
            print(_("{count} UMKM diekspor ke {path}.", count=count, path=args.file))
        else:
            count = export_products(UnitOfWork(engine), user, Path(args.file))
            print(_("{count} barang diekspor ke {path}.", count=count, path=args.file))
    finally:
        engine.dispose()
    return EXIT_OK

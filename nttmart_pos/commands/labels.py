"""``nttmart-pos labels``: barcode label sheets as a PDF for A4 label stock."""

from __future__ import annotations

import argparse
import sys

from nttmart_pos.commands import upgraded_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.labels import MAX_COPIES
from nttmart_pos.i18n import _
from nttmart_pos.reports.label_sheet import LAYOUTS, label_sheet_pdf
from nttmart_pos.services.labels import select_labels

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _whole_number(low: int, high: int):
    def parse(text: str) -> int:
        if not text.strip().isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(_("harus bilangan bulat {low} sampai {high}: {value}",
                                               low=low, high=high, value=text))
        return int(text)

    return parse


def add_commands(subparsers) -> None:
    most_cells = max(layout.per_page for layout in LAYOUTS.values())
    parser = subparsers.add_parser(
        "labels", help=_("cetak label barcode ke PDF untuk lembar label A4"),
        description=_("Buat PDF label barcode (nama, harga, kode UMKM, P-IRT/BPOM) untuk lembar label A4. "
                      "Tanpa --vendor, --barcode atau --document: semua barang aktif."))
    parser.add_argument("--out", required=True, metavar=_("BERKAS.pdf"), help=_("berkas PDF yang ditulis"))
    parser.add_argument("--vendor", metavar=_("KODE"), help=_("semua barang aktif dari UMKM ini"))
    parser.add_argument("--barcode", action="extend", nargs="+", default=[], metavar=_("KODE"),
                        help=_("barang dengan barcode ini (boleh beberapa)"))
    parser.add_argument("--document", metavar="TT-...",
                        help=_("barang dari tanda terima titipan ini; jumlah label = jumlah diterima"))
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="3x7",
                        help=_("lembar label: 3x7 (70 x 42,3 mm) atau 5x13 (38,1 x 21,2 mm); bawaan 3x7"))
    parser.add_argument("--start", type=_whole_number(1, most_cells), default=1, metavar="N",
                        help=_("posisi label pertama pada lembar yang sudah terpakai sebagian (bawaan 1)"))
    parser.add_argument("--copies", type=_whole_number(1, MAX_COPIES), metavar="N",
                        help=_("jumlah label per barang (bawaan 1, atau jumlah diterima dengan --document)"))
    parser.set_defaults(run=run_labels)


def run_labels(args: argparse.Namespace, options) -> int:
    layout = LAYOUTS[args.layout]
    if args.start > layout.per_page:
        message = _("--start harus 1 sampai {cells} untuk lembar {layout}", cells=layout.per_page, layout=layout.name)
        print(f"nttmart-pos labels: {message}", file=sys.stderr)
        return EXIT_USAGE
    engine = upgraded_engine(options)
    try:
        selection = select_labels(UnitOfWork(engine), vendor_code=args.vendor, barcodes=args.barcode,
                                  document_no=args.document, copies=args.copies)
    finally:
        engine.dispose()
    for note in selection.skipped:
        print(_("Dilewati {name} ({code}): {reason}", name=note.name, code=note.barcode, reason=note.reason))
    # No labels is an error (exit 1) raised by label_sheet_pdf with its own message.
    pages = label_sheet_pdf(selection.items, args.out, args.layout, args.start)
    print(_("{labels} label untuk {products} barang ditulis ke {path} ({pages} halaman {layout}).",
            labels=selection.label_count, products=len(selection.items), path=args.out, pages=pages,
            layout=layout.name))
    return EXIT_OK

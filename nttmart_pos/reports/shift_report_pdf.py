"""X and Z reports as an A4 PDF (reportlab): the same figures as the slip, in tables.

Sales and payment methods on the left, the drawer and its count on the right,
cash movements and signatures across the page.  Built with the shared PDF
parts (header, ruled tables, footers, all-or-nothing file write).
"""

from __future__ import annotations

import copy
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number
from nttmart_pos.domain.shift_report import (
    ShiftReport,
    local_moment,
    method_label,
    movement_label,
    receipt_range,
    report_title,
    variance_text,
)
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _, translate_to
from nttmart_pos.reports.payout_pdf_parts import (
    Layout,
    grid_table,
    header,
    pairs_table,
    signature_boxes,
    translator,
    write_pdf,
)
from nttmart_pos.reports.pdf_fonts import fonts_for

GAP = 6 * mm  # between the two columns
SHORT = colors.Color(0.75, 0.05, 0.05)
OVER = colors.Color(0.05, 0.45, 0.15)
RIGHT2 = ("body", "right")
RIGHT3 = ("body", "right", "right")


def _grid(*args, **kwargs) -> Table:
    """A shared ruled table with tighter rows, so that a whole Z report fits on one A4 page."""
    table = grid_table(*args, **kwargs)
    table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    return table


def _signed(amount: int) -> str:
    return f"+{format_number(amount)}" if amount > 0 else format_number(amount)


def _half(lay: Layout) -> Layout:
    """The same styles for one of the two columns."""
    half = copy.copy(lay)
    half.width = (lay.width - GAP) / 2
    return half


def _facts(report: ShiftReport, lay: Layout, t, language: str) -> Table:
    half = (lay.width - GAP) / 2
    left = [(t("Terminal"), report.terminal), (t("Kasir"), report.cashier_name),
            (t("Tanggal usaha"), report.business_date.strftime("%d-%m-%Y")),
            (t("No. struk"), receipt_range(report, language))]
    right = [(t("Dibuka"), local_moment(report.opened_at))]
    if report.is_final:
        right += [(t("Ditutup"), local_moment(report.closed_at)), (t("Ditutup oleh"), report.closed_by_name or "-")]
    else:
        right += [(t("Dicetak"), local_moment(report.generated_at)), (t("Status"), t("shift masih terbuka"))]
    outer = Table([[pairs_table(left, lay, half), "", pairs_table(right, lay, half)]], colWidths=[half, GAP, half])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return outer


def _sales(report: ShiftReport, lay: Layout, t) -> Table:
    rows = [[t("Jumlah transaksi"), format_number(report.sales_count)],
            [t("Penjualan kotor"), format_number(report.gross)],
            [t("Diskon"), format_number(-report.discounts)],
            [t("Refund ({count}x)", count=report.refunds_count), format_number(-report.refunds_total)]]
    return _grid(lay, [t("Penjualan"), t("Rp")], rows, [t("Penjualan bersih"), format_number(report.net)],
                      RIGHT2, name_column=0, total_span=0)


def _methods(report: ShiftReport, lay: Layout, t, language: str) -> Table:
    rows = [[method_label(m.method, language), format_number(m.count), format_number(m.amount)]
            for m in report.payments]
    rows += [[t("Refund {method}", method=method_label(m.method, language)), format_number(m.count),
              format_number(-m.amount)] for m in report.refund_methods]
    total = sum(m.amount for m in report.payments) - sum(m.amount for m in report.refund_methods)
    return _grid(lay, [t("Cara bayar"), t("Jml"), t("Rp")], rows, [t("Total"), "", format_number(total)],
                      RIGHT3, name_column=0, total_span=1)


def _cashiers(report: ShiftReport, lay: Layout, t) -> Table:
    rows = [[c.name, format_number(c.sales), format_number(c.total)] for c in report.cashiers]
    total = [t("Total"), format_number(sum(c.sales for c in report.cashiers)),
             format_number(sum(c.total for c in report.cashiers))]
    return _grid(lay, [t("Kasir"), t("Transaksi"), t("Rp")], rows, total, RIGHT3, name_column=0, total_span=0)


def _drawer(report: ShiftReport, lay: Layout, t) -> Table:
    rows = [[t("Modal awal"), format_number(report.opening_float)],
            [t("Penjualan tunai"), _signed(report.cash_sales)],
            [t("Refund tunai"), _signed(-report.cash_refunds)],
            [t("Kas masuk"), _signed(report.cash_in)],
            [t("Kas keluar"), _signed(-report.cash_out)]]
    return _grid(lay, [t("Kas di laci"), t("Rp")], rows,
                      [t("Kas seharusnya"), format_number(report.expected_cash)], RIGHT2, name_column=0, total_span=0)


def _count(report: ShiftReport, lay: Layout, t) -> Table:
    rows = [[format_number(d), format_number(n), format_number(d * n)] for d, n in report.counts]
    return _grid(lay, [t("Pecahan"), t("Lembar/keping"), t("Rp")], rows,
                      [t("Kas dihitung"), "", format_number(report.counted_cash or 0)], ("right",) * 3, name_column=0,
                      total_span=1)


def _variance_box(report: ShiftReport, lay: Layout, language: str) -> Table:
    amount = report.variance or 0
    style = copy.copy(lay.bold)
    style.fontSize, style.leading = lay.body.fontSize + 3, (lay.body.fontSize + 3) * 1.3
    style.textColor = SHORT if amount < 0 else OVER if amount > 0 else colors.black
    box = Table([[lay.p(variance_text(amount, language), style)]], colWidths=[lay.width])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, style.textColor), ("TOPPADDING", (0, 0), (-1, -1), 4),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return box


def _movements(report: ShiftReport, lay: Layout, t, language: str) -> Table:
    rows = [[local_moment(m.created_at), movement_label(m.kind, language), m.reason,
             _signed(m.amount if m.kind == "in" else -m.amount)] for m in report.movements]
    total = ["", "", t("Bersih"), _signed(report.cash_in - report.cash_out)]
    return _grid(lay, [t("Waktu"), t("Jenis"), t("Alasan"), t("Rp")], rows, total,
                      ("body", "body", "body", "right"), name_column=2, total_span=1)


def _columns(left: list, right: list, lay: Layout) -> Table:
    half = (lay.width - GAP) / 2
    table = Table([[left, "", right]], colWidths=[half, GAP, half])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _subtitle(report: ShiftReport, t) -> str:
    if report.is_final:
        return t("No. {number}", number=report.z_no)
    return t("Terminal {terminal} - shift belum ditutup, angka dapat berubah", terminal=report.terminal)


def _story(report: ShiftReport, settings: Settings, lay: Layout) -> list:
    language = settings.language
    t = translator(language)
    half = _half(lay)
    space = Spacer(1, 3 * mm)
    left = [_sales(report, half, t), space, _methods(report, half, t, language), space,
            _cashiers(report, half, t)]
    right = [_drawer(report, half, t)]
    if report.is_final:
        right += [space, _count(report, half, t), space, _variance_box(report, half, language)]
    story = [*header(settings, lay, report_title(report, language), _subtitle(report, t)), _facts(report, lay, t, language),
             Spacer(1, 4 * mm), _columns(left, right, lay), Spacer(1, 4 * mm)]
    if report.movements:
        story += [lay.p(t("Rincian kas masuk/keluar"), lay.bold), Spacer(1, 1 * mm),
                  _movements(report, lay, t, language), Spacer(1, 3 * mm)]
    if report.note:
        story.append(lay.p(t("Catatan: {note}", note=report.note), lay.body))
    if report.is_final:
        supervisor = report.closed_by_name if report.closed_by_name != report.cashier_name else ""
        story.append(KeepTogether(signature_boxes(lay, [(t("Kasir"), report.cashier_name),
                                                        (t("Supervisor/Manajer"), supervisor)], language)))
    return story


def _all_text(reports: list[ShiftReport], settings: Settings) -> list[str]:
    texts = [settings.store_name, settings.store_address, settings.store_phone]
    for report in reports:
        texts += [report.cashier_name, report.closed_by_name, report.note, *(c.name for c in report.cashiers),
                  *(m.reason for m in report.movements)]
    return texts


def _label(reports: list[ShiftReport], language: str) -> str:
    """What names the file in its footers: the Z number(s), or the terminal of an X report."""
    first, last = reports[0], reports[-1]
    if not first.is_final:
        return translate_to(language, "Laporan X {terminal}", terminal=first.terminal)
    if len(reports) == 1:
        return first.z_no
    return translate_to(language, "{first} s/d {last}", first=first.z_no, last=last.z_no)


def shift_reports_pdf(reports: list[ShiftReport], settings: Settings, path: Path) -> Path:
    """Write several reports (e.g. every closing of a day) into one A4 PDF, one report per page."""
    if not reports:
        raise ValidationError(_("Tidak ada laporan shift untuk dijadikan PDF"))
    language = settings.language
    lay = Layout("A4", fonts_for(_all_text(reports, settings)))
    story: list = []
    for report in reports:
        if story:
            story.append(PageBreak())
        story += _story(report, settings, lay)
    label = _label(reports, language)
    word = "" if reports[0].is_final else translate_to(language, "SEMENTARA")
    return write_pdf(Path(path), label, lay, settings, story, title=f"{report_title(reports[0], language)} {label}",
                     subject=settings.store_name, word=word)


def shift_report_pdf(report: ShiftReport, settings: Settings, path: Path) -> Path:
    """Write an X or Z report as an A4 PDF at ``path`` and return the path.

    An X report carries a pale "SEMENTARA" across the page.  Raises
    ``PosError`` with a message for the user if the file cannot be written;
    the target is then left as it was.
    """
    return shift_reports_pdf([report], settings, path)

"""X and Z reports on the receipt printer: plain ASCII lines for 32 (58 mm) or
48 (80 mm) columns, and their ESC/POS bytes.

The lines reuse the receipt's text helpers, so the report wraps, aligns and
transliterates exactly like the customer receipt.
"""

from __future__ import annotations

from itertools import zip_longest

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.shift_report import (
    ShiftReport,
    local_moment,
    method_label,
    movement_label,
    report_title,
    variance_text,
)
from nttmart_pos.hardware.escpos_render import styled_slip_bytes
from nttmart_pos.hardware.printer import parse_printer_url, profile_for, send_bytes
from nttmart_pos.hardware.receipt_layout import (
    Slip,
    BANNER,
    TEXT,
    TOTAL,
    center,
    fields,
    one_line,
    row,
    wrap_words,
)
from nttmart_pos.i18n import _

SIDE_BY_SIDE_COLUMNS = 48  # from this width the two signatures sit next to each other
SIGNATURE_SPACE = 3  # blank lines to sign in


def _signed(amount: int) -> str:
    return f"+{format_number(amount)}" if amount > 0 else format_number(amount)


def _signatures(report: ShiftReport, t, width: int) -> list[str]:
    side_by_side = width >= SIDE_BY_SIDE_COLUMNS
    box = (width - 2) // 2 if side_by_side else width
    people = [(t("Kasir"), report.cashier_name),
              (t("Supervisor/Manajer"), report.closed_by_name if report.closed_by_name != report.cashier_name
               else "")]
    dots = center("(" + "." * (min(box, 26) - 2) + ")", box)
    blocks = [center(one_line(caption), box) + [""] * SIGNATURE_SPACE + dots
              + center(one_line(name), box) for caption, name in people]
    if not side_by_side:
        return blocks[0] + [""] + blocks[1]
    return [(a.ljust(box) + "  " + b).rstrip() for a, b in zip_longest(*blocks, fillvalue="")]


def _sales(report: ShiftReport, t, width: int) -> list[tuple[str, list[str]]]:
    lines = row(t("Jumlah transaksi"), format_number(report.sales_count), width)
    lines += row(t("Penjualan kotor"), format_number(report.gross), width)
    lines += row(t("Diskon"), format_number(-report.discounts), width)
    lines += row(t("Refund ({count}x)", count=report.refunds_count), format_number(-report.refunds_total), width)
    tail = row(t("Struk pertama"), one_line(report.first_receipt) or "-", width)
    tail += row(t("Struk terakhir"), one_line(report.last_receipt) or "-", width)
    return [(BANNER, [t("PENJUALAN")]), (TEXT, lines),
            (TOTAL, row(t("PENJUALAN BERSIH"), format_rupiah(report.net), width)), (TEXT, tail)]


def _methods(report: ShiftReport, t, language: str, width: int) -> list[str]:
    lines: list[str] = []
    for total in report.payments:
        label = f"{one_line(method_label(total.method, language))} ({total.count}x)"
        lines += row(label, format_number(total.amount), width)
    if not report.payments:
        lines.append(t("Belum ada penjualan"))
    for total in report.refund_methods:
        label = t("Refund {method} ({count}x)", method=one_line(method_label(total.method, language)),
                  count=total.count)
        lines += row(label, format_number(-total.amount), width)
    return lines


def _cashiers(report: ShiftReport, width: int) -> list[str]:
    lines: list[str] = []
    for cashier in report.cashiers:
        lines += row(f"{one_line(cashier.name)} ({cashier.sales}x)", format_number(cashier.total), width)
    return lines or ["-"]


def _drawer(report: ShiftReport, t, language: str, width: int) -> list[tuple[str, list[str]]]:
    lines = row(t("Modal awal"), format_number(report.opening_float), width)
    lines += row(t("Penjualan tunai"), _signed(report.cash_sales), width)
    lines += row(t("Refund tunai"), _signed(-report.cash_refunds), width)
    lines += row(t("Kas masuk"), _signed(report.cash_in), width)
    lines += row(t("Kas keluar"), _signed(-report.cash_out), width)
    out = [(BANNER, [t("KAS DI LACI")]), (TEXT, lines),
           (TOTAL, row(t("KAS SEHARUSNYA"), format_rupiah(report.expected_cash), width))]
    if report.movements:
        detail = [t("Rincian kas masuk/keluar:")]
        for movement in report.movements:
            left = (f"{movement.created_at.astimezone():%H:%M} {one_line(movement_label(movement.kind, language))}:"
                    f" {one_line(movement.reason)}")
            amount = movement.amount if movement.kind == "in" else -movement.amount
            detail += row(left, _signed(amount), width, indent=1)
        out.append((TEXT, detail))
    return out


def _count(report: ShiftReport, t, language: str, width: int) -> list[tuple[str, list[str]]]:
    lines: list[str] = []
    for denomination, pieces in report.counts:
        # built by hand: ``row`` would squeeze the spaces that right-align the denominations
        left = f"{format_number(denomination):>7} x {format_number(pieces)}"
        amount = format_number(denomination * pieces)
        gap = width - len(left) - len(amount)
        lines += [left + " " * gap + amount] if gap >= 1 else [left[:width], amount.rjust(width)]
    return [(BANNER, [t("HITUNG UANG")]), (TEXT, lines),
            (TOTAL, row(t("KAS DIHITUNG"), format_rupiah(report.counted_cash or 0), width)),
            (BANNER, wrap_words(one_line(variance_text(report.variance or 0, language)), width))]


def shift_report_styled(report: ShiftReport, columns: int, language: str,
                        store: Settings | None = None) -> list[tuple[str, str]]:
    """The report's lines, each with its receipt style (``TITLE``, ``BANNER``, ``TOTAL`` or ``TEXT``)."""
    store = store or Settings()
    slip = Slip(columns, language, store)
    t, add, width, rule, out = slip.t, slip.add, slip.width, slip.rule, slip.lines
    add(BANNER, center(one_line(report_title(report, language)), width))
    if report.z_no:
        add(BANNER, center(one_line(report.z_no), width))
    add(TEXT, rule + fields([
        (t("Terminal"), one_line(report.terminal)),
        (t("Kasir"), one_line(report.cashier_name)),
        (t("Tgl usaha"), report.business_date.strftime("%d-%m-%Y")),
        (t("Dibuka"), local_moment(report.opened_at)),
        (t("Ditutup"), local_moment(report.closed_at) if report.is_final else ""),
        (t("Ditutup oleh"), one_line(report.closed_by_name)),
        (t("Dicetak"), "" if report.is_final else local_moment(report.generated_at)),
    ], width) + rule)
    for style, lines in _sales(report, t, width):
        add(style, lines)
    add(TEXT, rule)
    add(BANNER, [t("PER CARA BAYAR")])
    add(TEXT, _methods(report, t, language, width) + rule)
    add(BANNER, [t("PER KASIR")])
    add(TEXT, _cashiers(report, width) + rule)
    for style, lines in _drawer(report, t, language, width):
        add(style, lines)
    add(TEXT, rule)
    if report.is_final:
        for style, lines in _count(report, t, language, width):
            add(style, lines)
        add(TEXT, rule)
        if one_line(report.note):
            add(TEXT, wrap_words(t("Catatan: {note}", note=one_line(report.note)), width) + rule)
        add(TEXT, [""] + _signatures(report, t, width))
    else:
        add(BANNER, center(t("Shift belum ditutup: angka dapat berubah"), width))
    return out


def shift_report_lines(report: ShiftReport, columns: int, language: str, store: Settings | None = None) -> list[str]:
    """The plain ASCII lines of an X or Z report, each at most ``columns`` long.

    ``store`` gives the name, address and phone at the top (default settings
    if None); ``language`` is the store language the report is printed in.
    """
    return [line for _style, line in shift_report_styled(report, columns, language, store)]


def shift_report_bytes(report: ShiftReport, width_mm: int, language: str, store: Settings | None = None) -> bytes:
    """The complete ESC/POS byte stream of the report for 58 or 80 mm paper."""
    return styled_slip_bytes(shift_report_styled(report, profile_for(width_mm).columns, language, store), width_mm, _("Laporan shift"))


def print_shift_report(report: ShiftReport, settings: Settings, timeout: float = 5.0) -> None:
    """Print the report on the configured receipt printer (nothing when the printer is ``none``)."""
    target = parse_printer_url(settings.printer_url)
    if target.kind == "none":
        return
    send_bytes(target, shift_report_bytes(report, settings.paper_width, settings.language, settings), timeout)

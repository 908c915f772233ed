"""The refund receipt (bukti pengembalian barang) on a thermal printer: plain ASCII
lines for 32 (58 mm) or 48 (80 mm) columns, and their ESC/POS bytes.

The lines reuse the receipt's text helpers (``Slip``), so the refund receipt
wraps, aligns and transliterates exactly like the customer receipt; the bytes
end with the refund number as a Code128, like the sale receipt.
``RefundSlipData`` is what it prints, filled by ``services.printing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.shift_report import local_moment, method_label
from nttmart_pos.domain.stock_document import measured_text
from nttmart_pos.hardware.escpos_render import styled_slip_bytes
from nttmart_pos.hardware.printer import profile_for
from nttmart_pos.hardware.receipt_layout import (
    BANNER,
    TEXT,
    TOTAL,
    Slip,
    center,
    fields,
    indented,
    one_line,
    row,
    wrap_words,
)

SIGNATURE_SPACE = 3  # blank lines to sign in


@dataclass(frozen=True)
class RefundSlipLine:
    name: str
    measure: str  # "unit", "weight" (quantity in grams) or "price"
    quantity: int  # given back: pieces, or grams
    unit_price: int  # as sold: per piece, or per kg
    amount: int  # money given back for it
    discounted: bool = False  # the sale line had a discount: the amount is after it


@dataclass(frozen=True)
class RefundSlipData:
    """Everything printed on one refund receipt."""

    refund_no: str
    created_at: datetime
    receipt_no: str  # the original sale
    sold_at: datetime
    terminal: str
    user_name: str  # who gave the money back
    approver_name: str  # the supervisor whose PIN allowed it, "" if the user's own role did
    method: str  # "cash", "qris", ...
    total: int
    restock: bool  # goods back on the shelf, else written off as damaged
    reason: str
    lines: tuple[RefundSlipLine, ...]
    is_copy: bool = False


def _item_lines(line: RefundSlipLine, t, width: int) -> list[str]:
    lines = wrap_words(one_line(line.name), width) or ["-"]
    price = format_number(line.unit_price) + ("/kg" if line.measure == "weight" else "")
    lines += row(f"{measured_text(line.quantity, line.measure)} x {price}", format_number(line.amount), width,
                 indent=2)
    if line.discounted:
        lines += indented(t("(setelah diskon)"), width, 2)
    return lines


def _signature(t, width: int) -> list[str]:
    dots = "(" + "." * (min(width, 26) - 2) + ")"
    return center(t("Tanda tangan pelanggan"), width) + [""] * SIGNATURE_SPACE + center(dots, width)


def refund_slip_styled(data: RefundSlipData, columns: int, language: str,
                       store: Settings | None = None) -> list[tuple[str, str]]:
    """The refund receipt's lines, each with its style (``TITLE``, ``BANNER``, ``TOTAL`` or ``TEXT``)."""
    store = store or Settings()
    slip = Slip(columns, language, store)
    t, add, width, rule = slip.t, slip.add, slip.width, slip.rule
    add(BANNER, center(t("PENGEMBALIAN BARANG"), width) + center(one_line(data.refund_no), width))
    add(TEXT, rule + fields([
        (t("Tanggal"), local_moment(data.created_at)),
        (t("Struk asal"), one_line(data.receipt_no)),
        (t("Tgl. struk"), local_moment(data.sold_at)),
        (t("Terminal"), one_line(data.terminal)),
    ], width))
    if data.is_copy:
        add(TEXT, rule)
        add(BANNER, center(f"*** {t('SALINAN')} ***", width))
    add(TEXT, rule)
    for line in data.lines:
        add(TEXT, _item_lines(line, t, width))
    add(TEXT, rule)
    add(TOTAL, row(t("TOTAL DIKEMBALIKAN"), format_rupiah(data.total), width))
    add(TEXT, rule + fields([
        (t("Dikembalikan"), one_line(method_label(data.method, language))),
        (t("Barang"), t("kembali ke rak") if data.restock else t("rusak, dihapuskan")),
        (t("Alasan"), one_line(data.reason)),
        (t("Dilayani"), one_line(data.user_name)),
        (t("Disetujui"), one_line(data.approver_name)),
    ], width) + rule)
    add(TEXT, [""] + _signature(t, width))
    return slip.lines


def refund_slip_lines(data: RefundSlipData, columns: int, language: str, store: Settings | None = None) -> list[str]:
    """The plain ASCII lines of the refund receipt, each at most ``columns`` long.

    ``store`` gives the name, address and phone at the top (default settings
    if None); ``language`` is the store language it is printed in.
    """
    return [line for _style, line in refund_slip_styled(data, columns, language, store)]


def refund_slip_bytes(data: RefundSlipData, width_mm: int, language: str, store: Settings | None = None) -> bytes:
    """The complete ESC/POS byte stream of the refund receipt for 58 or 80 mm paper, with its barcode."""
    styled = refund_slip_styled(data, profile_for(width_mm).columns, language, store)
    return styled_slip_bytes(styled, width_mm, data.refund_no, barcode=data.refund_no)

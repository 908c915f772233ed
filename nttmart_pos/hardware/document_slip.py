"""Tanda terima titipan and nota retur on a thermal printer: plain ASCII lines
for 32 (58 mm) or 48 (80 mm) columns, and their ESC/POS bytes.

The lines reuse the receipt's text helpers, so a slip wraps, aligns and
transliterates exactly like the customer receipt.
"""

from __future__ import annotations

from itertools import zip_longest

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.stock_document import (
    INTAKE,
    DocumentLineView,
    DocumentView,
    document_title,
    long_date,
    quantity_text,
    reason_label,
    short_date,
    signatories,
    total_quantity_text,
)
from nttmart_pos.hardware.escpos_render import styled_slip_bytes
from nttmart_pos.hardware.printer import profile_for
from nttmart_pos.hardware.receipt_layout import (
    Slip,
    BANNER,
    TEXT,
    TOTAL,
    center,
    fields,
    indented,
    row,
    one_line,
    wrap_words,
)

SIDE_BY_SIDE_COLUMNS = 48  # from this width the two signatures sit next to each other
SIGNATURE_SPACE = 3  # blank lines to sign in


def _item_lines(line: DocumentLineView, kind: str, language: str, t, width: int) -> list[str]:
    """``1. Name`` wrapped under itself, then barcode, quantity x value, and expiry or reason."""
    number = f"{line.line_no}."
    indent = len(number) + 1
    name = wrap_words(one_line(line.name), width - indent) or ["-"]
    lines = [number.ljust(indent) + name[0]] + [" " * indent + more for more in name[1:]]
    lines += indented(one_line(line.barcode), width, indent)
    unit = format_number(line.unit_value) + ("/kg" if line.measure == "weight" else "")
    lines += row(f"{quantity_text(line)} x {unit}", format_number(line.value), width, indent=indent)
    if kind == INTAKE and line.expires_on:
        lines += indented(t("Kedaluwarsa: {date}", date=short_date(line.expires_on)), width, indent)
    elif kind != INTAKE:
        lines += indented(t("Alasan: {reason}", reason=one_line(reason_label(line.reason, language))), width,
                           indent)
    return lines


def _signature_lines(view: DocumentView, store_name: str, language: str, width: int) -> list[str]:
    """Caption, room to sign, ``(..........)`` and the name under it, for each party."""
    side_by_side = width >= SIDE_BY_SIDE_COLUMNS
    box = (width - 2) // 2 if side_by_side else width
    people = signatories(view, store_name, language)
    captions = [center(one_line(person.caption), box) for person in people]
    tallest = max(len(caption) for caption in captions) if side_by_side else 0
    dots = center("(" + "." * (min(box, 26) - 2) + ")", box)
    blocks = [caption + [""] * (tallest - len(caption) + SIGNATURE_SPACE) + dots
              + center(one_line(person.name), box) for caption, person in zip(captions, people)]
    if not side_by_side:
        return blocks[0] + [""] + blocks[1]
    left, right = blocks
    return [(a.ljust(box) + "  " + b).rstrip() for a, b in zip_longest(left, right, fillvalue="")]


def _aligned_fields(groups: list[list[tuple[str, str]]], width: int) -> list[list[str]]:
    """``fields`` of each group, with the colons of all groups in one column."""
    label_width = max((len(label) for group in groups for label, value in group if value), default=0)
    return [fields([(label.ljust(label_width), value) for label, value in group], width) for group in groups]


def document_slip_styled(view: DocumentView, columns: int, language: str,
                         store: Settings | None = None) -> list[tuple[str, str]]:
    """The slip's lines, each with its receipt style (``TITLE``, ``BANNER``, ``TOTAL`` or ``TEXT``)."""
    store = store or Settings()
    slip = Slip(columns, language, store)
    t, add, width, rule, out = slip.t, slip.add, slip.width, slip.rule, slip.lines
    add(BANNER, center(one_line(document_title(view.kind, language)), width))
    document_fields, vendor_fields = _aligned_fields([[
        (t("No."), one_line(view.doc_no)),
        (t("Tanggal"), one_line(f"{long_date(view.created_at, language)} {view.created_at:%H:%M}")),
        (t("Petugas"), one_line(view.user_name)),
    ], [
        (t("UMKM"), one_line(f"{view.vendor_code} - {view.vendor_name}")),
        (t("Pemilik"), one_line(view.vendor_owner)),
        (t("Kab/Kota"), one_line(view.vendor_regency)),
        (t("Telp."), one_line(view.vendor_phone)),
    ]], width)
    add(TEXT, rule + document_fields + rule + vendor_fields + rule)
    for line in view.lines:
        add(TEXT, _item_lines(line, view.kind, language, t, width))
    add(TEXT, rule + row(t("Jumlah barang"), total_quantity_text(view), width))
    add(TOTAL, row(t("TOTAL NILAI"), format_rupiah(view.total_value), width))
    basis = (t("Nilai menurut harga setor") if view.value_basis == "harga_setor"
             else t("Nilai menurut harga jual"))
    add(TEXT, center(basis, width) + rule)
    if one_line(view.notes):
        add(TEXT, wrap_words(t("Catatan: {notes}", notes=one_line(view.notes)), width) + rule)
    add(TEXT, [""] + _signature_lines(view, store.store_name, language, width))
    return out


def document_slip_lines(view: DocumentView, columns: int, language: str, store: Settings | None = None) -> list[str]:
    """The plain ASCII lines of the slip, each at most ``columns`` long.

    ``store`` gives the name, address and phone at the top (default settings
    if None); ``language`` is the store language the slip is printed in.
    """
    return [line for _style, line in document_slip_styled(view, columns, language, store)]


def document_slip_bytes(view: DocumentView, width_mm: int, language: str, store: Settings | None = None) -> bytes:
    """The complete ESC/POS byte stream of the slip for 58 or 80 mm paper."""
    return styled_slip_bytes(document_slip_styled(view, profile_for(width_mm).columns, language, store), width_mm, view.doc_no)

"""A vendor payout (setoran) on a thermal printer: plain ASCII lines for 32 (58 mm)
or 48 (80 mm) columns with the same content as the PDF, and their ESC/POS bytes.
"""

from __future__ import annotations

from itertools import zip_longest

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.payout_document import PayoutDocument, PayoutLine, PayoutRefund
from nttmart_pos.domain.payout_wording import (
    account_text,
    late_note,
    moment_text,
    negative_note,
    number_line,
    paid_text,
    payout_title,
    period_text,
    status_text,
    terms_text,
    unit_price_text,
    vendor_signatory,
)
from nttmart_pos.domain.stock_document import measured_text, short_date
from nttmart_pos.domain.terbilang import terbilang_rupiah
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
    one_line,
    row,
    wrap_words,
)

SIDE_BY_SIDE_COLUMNS = 48  # from this width the two signatures sit next to each other
SIGNATURE_SPACE = 3  # blank lines to sign in


def _numbered(number: int, name: str, width: int) -> tuple[list[str], int]:
    """``1. Name`` wrapped under itself; returns the lines and the indent for what follows."""
    prefix = f"{number}."
    indent = len(prefix) + 1
    wrapped = wrap_words(one_line(name), width - indent) or ["-"]
    return [prefix.ljust(indent) + wrapped[0]] + [" " * indent + more for more in wrapped[1:]], indent


def _sale_lines(number: int, line: PayoutLine, t, language: str, width: int) -> list[str]:
    lines, indent = _numbered(number, line.product_name, width)
    lines += indented(one_line(line.barcode), width, indent)
    quantity = measured_text(line.quantity, line.measure)
    lines += row(f"{quantity} x {unit_price_text(line)}", format_number(line.gross), width, indent=indent)
    if line.terms == "harga_setor":
        lines += row(t("Untuk UMKM ({terms})", terms=one_line(terms_text(line, language))),
                     format_number(line.vendor_amount), width, indent=indent)
    else:
        lines += row(one_line(terms_text(line, language)).capitalize(), format_number(-line.commission), width,
                     indent=indent)
        lines += row(t("Untuk UMKM"), format_number(line.vendor_amount), width, indent=indent)
    return lines


def _refund_lines(number: int, refund: PayoutRefund, t, width: int) -> list[str]:
    lines, indent = _numbered(number, refund.product_name, width)
    lines += indented(f"{one_line(refund.refund_no)} {short_date(refund.refunded_on)}", width, indent)
    lines += indented(t("Struk {receipt}", receipt=one_line(refund.receipt_no)), width, indent)
    lines += row(t("{quantity} dikembalikan", quantity=measured_text(refund.quantity, refund.measure)),
                 format_number(refund.amount), width, indent=indent)
    lines += row(t("Potongan UMKM"), format_number(refund.vendor_amount), width, indent=indent)
    return lines


def _signature_lines(parties: list[tuple[str, str]], width: int) -> list[str]:
    """Caption, room to sign, ``(..........)`` and the name under it, for each party."""
    side_by_side = width >= SIDE_BY_SIDE_COLUMNS
    box = (width - 2) // 2 if side_by_side else width
    captions = [center(one_line(caption), box) for caption, _name in parties]
    tallest = max(len(caption) for caption in captions) if side_by_side else 0
    dots = center("(" + "." * (min(box, 26) - 2) + ")", box)
    blocks = [caption + [""] * (tallest - len(caption) + SIGNATURE_SPACE) + dots + center(one_line(name), box)
              for caption, (_caption, name) in zip(captions, parties)]
    if not side_by_side:
        return blocks[0] + [""] + blocks[1]
    left, right = blocks
    return [(a.ljust(box) + "  " + b).rstrip() for a, b in zip_longest(left, right, fillvalue="")]


def _totals(doc: PayoutDocument, t, width: int) -> list[str]:
    lines = row(t("Penjualan bruto"), format_number(doc.gross), width)
    lines += row(t("Pengembalian"), format_number(-doc.refunds_total), width)
    lines += row(t("Komisi toko"), format_number(-doc.commission), width)
    if doc.carried_in:
        lines += row(t("Saldo minus sebelumnya"), format_number(doc.carried_in), width)
    return lines + row(t("Untuk UMKM"), format_number(doc.balance), width)


def payout_slip_styled(doc: PayoutDocument, columns: int, language: str,
                       store: Settings | None = None) -> list[tuple[str, str]]:
    """The slip's lines, each with its receipt style (``TITLE``, ``BANNER``, ``TOTAL`` or ``TEXT``)."""
    store = store or Settings()
    slip = Slip(columns, language, store)
    t, add, width, rule, out = slip.t, slip.add, slip.width, slip.rule, slip.lines
    add(BANNER, center(one_line(payout_title(language)), width) + center(one_line(number_line(doc, language)), width))
    pairs = [(t("Periode"), one_line(period_text(doc.period_from, doc.period_to, language))),
             (t("Dibuat"), one_line(moment_text(doc.created_at, language))),
             (t("Status"), one_line(status_text(doc.status, language))),
             (t("Disetujui"), one_line(doc.approved_by))]
    vendor = [(t("UMKM"), one_line(f"{doc.vendor_code} - {doc.vendor_name}")), (t("Pemilik"), one_line(doc.vendor_owner)),
              (t("Kab/Kota"), one_line(doc.vendor_regency)), (t("Telp."), one_line(doc.vendor_phone)),
              (t("Bayar ke"), one_line(account_text(doc, language)))]
    label_width = max(len(label) for label, value in pairs + vendor if value)
    add(TEXT, rule + fields([(label.ljust(label_width), value) for label, value in pairs], width) + rule
        + fields([(label.ljust(label_width), value) for label, value in vendor], width) + rule)
    if doc.lines:
        add(BANNER, [t("PENJUALAN")])
        for number, line in enumerate(doc.lines, start=1):
            add(TEXT, _sale_lines(number, line, t, language, width))
        if late_note(doc, language):
            add(TEXT, wrap_words(one_line(late_note(doc, language)), width))
    else:
        add(TEXT, wrap_words(t("Tidak ada penjualan pada periode ini."), width))
    if doc.refunds:
        add(TEXT, rule)
        add(BANNER, [t("PENGEMBALIAN UANG")])
        for number, refund in enumerate(doc.refunds, start=1):
            add(TEXT, _refund_lines(number, refund, t, width))
    add(TEXT, rule + _totals(doc, t, width))
    add(TOTAL, row(t("DIBAYARKAN"), format_rupiah(doc.amount), width))
    add(TEXT, [t("Terbilang:")] + wrap_words(terbilang_rupiah(doc.amount, capitalized=True), width) + rule)
    for note in (negative_note(doc, language), paid_text(doc, language)):
        if note:
            add(TEXT, wrap_words(one_line(note), width))
    parties = [(t("Penerima (UMKM)"), vendor_signatory(doc)),
               (t("Yang menyerahkan ({store})", store=one_line(store.store_name)), "")]
    add(TEXT, [""] + _signature_lines(parties, width))
    return out


def payout_slip_lines(doc: PayoutDocument, columns: int, language: str, store: Settings | None = None) -> list[str]:
    """The plain ASCII lines of the payout slip, each at most ``columns`` long.

    ``store`` gives the name, address and phone at the top (default settings
    if None); ``language`` is the store language the slip is printed in.
    """
    return [line for _style, line in payout_slip_styled(doc, columns, language, store)]


def payout_slip_bytes(doc: PayoutDocument, width_mm: int, language: str, store: Settings | None = None) -> bytes:
    """The complete ESC/POS byte stream of the payout slip for 58 or 80 mm paper."""
    return styled_slip_bytes(payout_slip_styled(doc, profile_for(width_mm).columns, language, store), width_mm,
                             doc.payout_no or doc.vendor_code)

"""The vendor payout (bukti pembayaran UMKM / setoran) as an A4 PDF, signed when
the money changes hands; ``payout_summary_pdf`` (all vendors) is re-exported here.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.domain.payout_wording import (
    account_text,
    document_label,
    late_note,
    moment_text,
    negative_note,
    number_line,
    paid_text,
    payout_title,
    period_text,
    status_text,
    terms_heading,
    terms_text,
    uniform_terms,
    unit_price_text,
    vendor_signatory,
    watermark,
)
from nttmart_pos.domain.settlement import measured_value
from nttmart_pos.domain.stock_document import measured_text, short_date, weight_text
from nttmart_pos.domain.terbilang import terbilang_rupiah
from nttmart_pos.reports.payout_pdf_parts import (
    DEFAULT_PADDING,
    SHADE,
    Layout,
    font_command,
    grid_table,
    header,
    pairs_table,
    signature_boxes,
    text_cell,
    translator,
    write_pdf,
)
from nttmart_pos.reports.payout_summary_pdf import payout_summary_pdf
from nttmart_pos.reports.pdf_fonts import fonts_for

__all__ = ["payout_pdf", "payout_summary_pdf"]


def _facts(doc: PayoutDocument, lay: Layout, language: str) -> Table:
    """The payout on the left, the vendor and where the money goes on the right."""
    t = translator(language)
    left = [(t("Nomor"), doc.payout_no or "-"), (t("Periode"), period_text(doc.period_from, doc.period_to, language)),
            (t("Dibuat"), moment_text(doc.created_at, language)), (t("Status"), status_text(doc.status, language))]
    if doc.approved_by.strip():
        left.append((t("Disetujui oleh"), doc.approved_by))
    right = [(t("Kode UMKM"), doc.vendor_code), (t("Nama UMKM"), doc.vendor_name),
             (t("Pemilik"), doc.vendor_owner or "-"), (t("Kabupaten/Kota"), doc.vendor_regency or "-"),
             (t("Telepon"), doc.vendor_phone or "-"), (t("Dibayar lewat"), account_text(doc, language))]
    half = lay.width / 2
    outer = Table([[pairs_table(left, lay, half), pairs_table(right, lay, half)]], colWidths=[half, half])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return outer


def _quantity_total(items) -> str:
    """``12``, ``1,500 kg`` or ``12 + 1,500 kg``."""
    pieces = sum(item.quantity for item in items if item.measure != "weight")
    grams = sum(item.quantity for item in items if item.measure == "weight")
    if not grams:
        return format_number(pieces)
    return f"{format_number(pieces)} + {weight_text(grams)}" if pieces else weight_text(grams)


def _lines_table(doc: PayoutDocument, lay: Layout, language: str) -> Table:
    t = translator(language)
    head = [t("Barcode"), t("Nama barang"), t("Jml"), t("Harga"), t("Bruto"), terms_heading(doc.lines, language),
            t("Komisi toko"), t("Untuk UMKM")]
    bare = bool(uniform_terms(doc.lines))
    texts = [[line.barcode, line.product_name, measured_text(line.quantity, line.measure), unit_price_text(line),
              format_number(line.gross), terms_text(line, language, bare), format_number(line.commission),
              format_number(line.vendor_amount)] for line in doc.lines]
    total = [t("Jumlah penjualan"), "", _quantity_total(doc.lines), "", format_number(sum(x.gross for x in doc.lines)),
             "", format_number(sum(x.commission for x in doc.lines)),
             format_number(sum(x.vendor_amount for x in doc.lines))]
    aligned = ("body", "body", "right", "right", "right", "body", "right", "right")
    return grid_table(lay, head, texts, total, aligned, name_column=1, total_span=1)


def _refunds_table(doc: PayoutDocument, lay: Layout, language: str) -> Table:
    """Money given back and how it divides: the store's commission part and the vendor's part."""
    t = translator(language)
    head = [t("Tanggal"), t("No. retur uang / struk"), t("Barang"), t("Jml"), t("Dikembalikan"),
            t("Potongan komisi"), t("Potongan UMKM")]
    texts = [[short_date(refund.refunded_on), f"{refund.refund_no} / {refund.receipt_no}", refund.product_name,
              measured_text(refund.quantity, refund.measure), format_number(refund.amount),
              format_number(-(refund.amount + refund.vendor_amount)), format_number(refund.vendor_amount)]
             for refund in doc.refunds]
    total = [t("Jumlah pengembalian"), "", "", _quantity_total(doc.refunds),
             format_number(sum(r.amount for r in doc.refunds)),
             format_number(-sum(r.amount + r.vendor_amount for r in doc.refunds)),
             format_number(sum(r.vendor_amount for r in doc.refunds))]
    aligned = ("body", "body", "body", "right", "right", "right", "right")
    # the two numbers wrap at the slash: the column needs only the longer one
    measured = [[*row[:1], max(row[1].split(" / "), key=len), *row[2:]] for row in texts]
    return grid_table(lay, head, texts, total, aligned, name_column=2, total_span=2, measured=measured)


def _totals(doc: PayoutDocument, lay: Layout, language: str) -> list:
    """The sums as a column of figures, then the amount paid in figures and in words."""
    t = translator(language)
    rows = [(t("Penjualan bruto"), format_rupiah(doc.gross)),
            (t("Pengembalian (retur uang)"), format_rupiah(-doc.refunds_total)),
            (t("Komisi toko setelah pengembalian") if doc.refunds else t("Komisi toko"),
             format_rupiah(-doc.commission))]
    if doc.carried_in:
        rows.append((t("Saldo minus dari setoran sebelumnya"), format_rupiah(doc.carried_in)))
    rows.append((t("Untuk UMKM"), format_rupiah(doc.balance)))
    big = ParagraphStyle("big", parent=lay.bold, fontSize=lay.body.fontSize + 2, leading=(lay.body.fontSize + 2) * 1.3)
    big_right = ParagraphStyle("big_right", parent=big, alignment=TA_RIGHT)
    # narrower than the page and flush right, so each label stays close to its figure
    widths = [0.42 * lay.width, 0.2 * lay.width]
    room = [w - 2 * DEFAULT_PADDING for w in widths]
    cells = [[text_cell(lay, label, lay.body, room[0]), text_cell(lay, amount, lay.right, room[1])]
             for label, amount in rows]
    cells.append([text_cell(lay, t("JUMLAH DIBAYARKAN"), big, room[0]),
                  text_cell(lay, format_rupiah(doc.amount), big_right, room[1])])
    figures = Table(cells, colWidths=widths, hAlign="RIGHT")
    figures.setStyle(TableStyle([
        font_command(lay.body, (0, 0), (-1, -2)), font_command(big, (0, -1), (-1, -1)),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEABOVE", (0, -2), (-1, -2), 0.5, colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    words = Table([[lay.p(t("Terbilang:"), lay.bold),
                    lay.p(terbilang_rupiah(doc.amount, capitalized=True), lay.bold)]],
                  colWidths=[0.15 * lay.width, 0.85 * lay.width])
    words.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.75, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    notes = [lay.p(text, lay.bold) for text in (negative_note(doc, language), paid_text(doc, language)) if text]
    return [figures, Spacer(1, 2 * mm), words, *([Spacer(1, 2 * mm)] if notes else []), *notes]


def _story(doc: PayoutDocument, settings: Settings, lay: Layout) -> list:
    language = settings.language
    t = translator(language)
    story = [*header(settings, lay, payout_title(language), number_line(doc, language)), _facts(doc, lay, language),
             Spacer(1, 4 * mm)]
    if doc.lines:
        story.append(_lines_table(doc, lay, language))
        if any(line.gross != measured_value(line.quantity, line.unit_price, line.measure) for line in doc.lines):
            story.append(lay.p(t("Bruto sudah dikurangi diskon penjualan."), lay.body))
        if late_note(doc, language):
            story.append(lay.p(late_note(doc, language), lay.bold))
        story.append(Spacer(1, 3 * mm))
    else:
        story += [lay.p(t("Tidak ada penjualan pada periode ini."), lay.body), Spacer(1, 3 * mm)]
    if doc.refunds:
        story += [KeepTogether([lay.p(t("Pengembalian uang atas barang yang terjual sebelumnya"), lay.bold),
                                Spacer(1, 1 * mm), _refunds_table(doc, lay, language)]), Spacer(1, 3 * mm)]
    parties = [(t("Penerima (UMKM)"), vendor_signatory(doc)),
               (t("Yang menyerahkan ({store})", store=settings.store_name), "")]
    # the amount and the signatures on one page: nobody signs a page without the figure
    story.append(KeepTogether([*_totals(doc, lay, language), *signature_boxes(lay, parties, language)]))
    return story


def _all_text(doc: PayoutDocument, settings: Settings) -> list[str]:
    texts = [settings.store_name, settings.store_address, settings.store_phone, doc.vendor_name, doc.vendor_owner,
             doc.vendor_phone, doc.vendor_regency, doc.payout_account, doc.approved_by, doc.paid_reference]
    return texts + [line.product_name for line in doc.lines] + [r.product_name for r in doc.refunds]


def payout_pdf(doc: PayoutDocument, settings: Settings, path: Path) -> Path:
    """Write the vendor's payout document as an A4 PDF at ``path`` and return the path.

    A draft or a preview carries a pale "DRAF" / "PRATINJAU" across the page.
    Raises ``PosError`` with a message for the user if the file cannot be
    written; the target is then left as it was.
    """
    lay = Layout("A4", fonts_for(_all_text(doc, settings)))
    label = document_label(doc)
    return write_pdf(path, label, lay, settings, _story(doc, settings, lay),
                     title=f"{payout_title(settings.language)} {label}", subject=doc.vendor_name,
                     word=watermark(doc, settings.language))

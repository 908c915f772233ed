"""The signed tanda terima titipan / nota retur as a PDF (A4 or A5, reportlab).

The file is written to a temporary name beside the target and renamed when it
is complete, so a full disk or a crash never leaves half a PDF behind.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.stock_document import (
    INTAKE,
    DocumentView,
    document_title,
    long_date,
    quantity_text,
    reason_label,
    short_date,
    signatories,
    total_quantity_text,
    value_label,
)
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _, translate_to
from nttmart_pos.reports.pdf_fonts import FontSet, fonts_for

PAGE_SIZES = {"A4": A4, "A5": A5}
GRID = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.92, 0.92, 0.92)


class _Layout:
    """Sizes and paragraph styles for one paper size."""

    def __init__(self, page_size: str, fonts: FontSet) -> None:
        small = page_size == "A5"
        self.size = PAGE_SIZES[page_size]
        self.margin = (10 if small else 16) * mm
        self.width = self.size[0] - 2 * self.margin
        self.fonts = fonts
        body = 7.5 if small else 9
        self.body = ParagraphStyle("body", fontName=fonts.regular, fontSize=body, leading=body * 1.25)
        self.bold = ParagraphStyle("bold", parent=self.body, fontName=fonts.bold)
        self.right = ParagraphStyle("right", parent=self.body, alignment=TA_RIGHT)
        self.right_bold = ParagraphStyle("right_bold", parent=self.bold, alignment=TA_RIGHT)
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER)
        self.store = ParagraphStyle("store", parent=self.bold, fontSize=body + 5, leading=(body + 5) * 1.2)
        self.title = ParagraphStyle("title", parent=self.bold, fontSize=body + 4, leading=(body + 4) * 1.3,
                                    alignment=TA_CENTER, spaceBefore=4, spaceAfter=1)
        self.number = ParagraphStyle("number", parent=self.center, fontSize=body + 1, leading=(body + 1) * 1.3)
        self.head_right = ParagraphStyle("head_right", parent=self.bold, alignment=TA_RIGHT)

    def p(self, text: object, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(self.fonts.clean(str(text))), style)


def _header(view: DocumentView, settings: Settings, lay: _Layout, t) -> list:
    store = [lay.p(settings.store_name, lay.store)]
    if settings.store_address.strip():
        store.append(lay.p(settings.store_address, lay.body))
    if settings.store_phone.strip():
        store.append(lay.p(t("Telp. {phone}", phone=settings.store_phone), lay.body))
    rule = Table([[""]], colWidths=[lay.width], rowHeights=[2])
    rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 1, colors.black)]))
    return [*store, Spacer(1, 2 * mm), rule, lay.p(document_title(view.kind, settings.language), lay.title),
            lay.p(t("No. {number}", number=view.doc_no), lay.number), Spacer(1, 3 * mm)]


def _facts(view: DocumentView, lay: _Layout, t, language: str) -> Table:
    """Document facts on the left, the vendor on the right."""
    moment = f"{long_date(view.created_at, language)}, {view.created_at:%H:%M}"
    left = [(t("Nomor"), view.doc_no), (t("Tanggal"), moment), (t("Petugas"), view.user_name)]
    right = [(t("Kode UMKM"), view.vendor_code), (t("Nama UMKM"), view.vendor_name),
             (t("Pemilik"), view.vendor_owner or "-"), (t("Kabupaten/Kota"), view.vendor_regency or "-"),
             (t("Telepon"), view.vendor_phone or "-")]
    half = lay.width / 2

    def block(pairs: list[tuple[str, str]]) -> Table:
        label = min(0.45 * half, 6 + max(stringWidth(lay.fonts.clean(name), lay.fonts.regular, lay.body.fontSize)
                                          for name, _value in pairs))
        table = Table([[lay.p(name, lay.body), lay.p(f": {value}", lay.body)] for name, value in pairs],
                      colWidths=[label, half - label - 3 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
        return table

    outer = Table([[block(left), block(right)]], colWidths=[half, half])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return outer


def _column_widths(rows: list[list[str]], head: list[str], lay: _Layout, name_column: int = 2) -> list[float]:
    """Every column as wide as its widest cell, the name column takes the rest.

    Headings stay on one line when that leaves the name a good share of the
    width (A4); on narrow paper (A5) they wrap between words instead.
    """
    padding = 10  # the cell's left and right padding, and some air

    def width(text: str, font: str) -> float:
        return stringWidth(lay.fonts.clean(text), font, lay.body.fontSize) + padding

    def widths_with(heading) -> list[float]:
        widths = [max([heading(title), *(width(row[index], lay.fonts.regular) for row in rows)])
                  for index, title in enumerate(head)]
        widths[name_column] = 0
        widths[name_column] = lay.width - sum(widths)
        return widths

    widths = widths_with(lambda title: width(title, lay.fonts.bold))
    if widths[name_column] >= 0.35 * lay.width:
        return widths
    widths = widths_with(lambda title: max(width(word, lay.fonts.bold) for word in title.split()))
    minimum = 0.25 * lay.width
    if widths[name_column] < minimum:  # squeeze the other columns; their cells then wrap
        others = lay.width - widths[name_column]
        widths = [w * (lay.width - minimum) / others for w in widths]
        widths[name_column] = minimum
    return widths


def _lines_table(view: DocumentView, lay: _Layout, t, language: str) -> Table:
    last = t("Kedaluwarsa") if view.kind == INTAKE else t("Alasan")
    head = [t("No"), t("Barcode"), t("Nama barang"), t("Jml"), value_label(view.value_basis, language),
            t("Nilai"), last]
    texts = []
    for line in view.lines:
        if view.kind == INTAKE:
            extra = short_date(line.expires_on) if line.expires_on else "-"
        else:
            extra = reason_label(line.reason, language)
        unit = format_number(line.unit_value) + ("/kg" if line.measure == "weight" else "")
        texts.append([str(line.line_no), line.barcode, line.name, quantity_text(line), unit,
                      format_number(line.value), extra])
    total_row = ["", "", "", "", "", format_number(view.total_value), ""]
    widths = _column_widths([*texts, total_row], head, lay)
    aligned = ("body", "body", "body", "right", "right", "right", "body")
    rows = [[lay.p(text, lay.head_right if style == "right" else lay.bold) for text, style in zip(head, aligned)]]
    rows += [[lay.p(text, getattr(lay, style)) for text, style in zip(row, aligned)] for row in texts]
    rows.append([lay.p(t("Total"), lay.bold), "", "", lay.p(total_quantity_text(view), lay.right_bold), "",
                 lay.p(format_number(view.total_value), lay.right_bold), ""])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("SPAN", (0, -1), (2, -1)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _signatures(view: DocumentView, settings: Settings, lay: _Layout, t) -> KeepTogether:
    cells = []
    for person in signatories(view, settings.store_name, settings.language):
        name = f"( {person.name} )" if person.name.strip() else "( " + "." * 40 + " )"
        cells.append([lay.p(person.caption, lay.center), Spacer(1, 18 * mm), lay.p(name, lay.center),
                      lay.p(t("Tanggal: ....................."), lay.center)])
    half = lay.width / 2
    table = Table([cells], colWidths=[half, half])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    return KeepTogether([Spacer(1, 6 * mm), table])


def _story(view: DocumentView, settings: Settings, lay: _Layout) -> list:
    language = settings.language

    def t(text: str, **values: object) -> str:
        return translate_to(language, text, **values)

    story = [*_header(view, settings, lay, t), _facts(view, lay, t, language), Spacer(1, 4 * mm),
             _lines_table(view, lay, t, language), Spacer(1, 2 * mm)]
    basis = (t("Total nilai (harga setor): {amount}", amount=format_rupiah(view.total_value))
             if view.value_basis == "harga_setor"
             else t("Total nilai (harga jual): {amount}", amount=format_rupiah(view.total_value)))
    story.append(lay.p(basis, lay.bold))
    if view.notes:
        story.append(lay.p(t("Catatan: {notes}", notes=view.notes), lay.body))
    story.append(_signatures(view, settings, lay, t))
    return story


def _canvas_maker(view: DocumentView, settings: Settings, lay: _Layout):
    """A canvas that holds the pages back to print "halaman 1 dari 3" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._held:
                self.__dict__.update(state)
                self.setFont(lay.fonts.regular, 7)
                self.drawRightString(lay.size[0] - lay.margin, lay.margin / 2, translate_to(
                    settings.language, "{number} - halaman {page} dari {pages}", number=view.doc_no,
                    page=self._pageNumber, pages=len(self._held)))
                super().showPage()
            super().save()

    return NumberedCanvas


def _all_text(view: DocumentView, settings: Settings) -> list[str]:
    texts = [settings.store_name, settings.store_address, settings.store_phone, view.vendor_name,
             view.vendor_owner, view.vendor_phone, view.vendor_regency, view.user_name, view.notes]
    return texts + [line.name for line in view.lines] + [line.barcode for line in view.lines]


def stock_document_pdf(view: DocumentView, settings: Settings, path: Path, page_size: str = "A4") -> Path:
    """Write the document as a PDF at ``path`` (A4 or A5) and return the path.

    Raises ``PosError`` with a message for the user if the file cannot be
    written; the target is then left as it was.
    """
    if str(page_size).upper() not in PAGE_SIZES:
        raise ValidationError(_("Ukuran kertas tidak dikenal: {size} (pilih A4 atau A5)", size=page_size))
    page_size = str(page_size).upper()
    path = Path(path)
    lay = _Layout(page_size, fonts_for(_all_text(view, settings)))
    title = f"{document_title(view.kind, settings.language)} {view.doc_no}"
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temporary, "xb") as handle:
            doc = SimpleDocTemplate(handle, pagesize=lay.size, leftMargin=lay.margin, rightMargin=lay.margin,
                                    topMargin=lay.margin, bottomMargin=lay.margin, title=title,
                                    author=settings.store_name, subject=view.vendor_name)
            doc.build(_story(view, settings, lay), canvasmaker=_canvas_maker(view, settings, lay))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise PosError(_("PDF {number} tidak dapat disimpan ke {path}: {reason}. Periksa ruang disk dan folder "
                         "tujuan, lalu coba lagi.", number=view.doc_no, path=path,
                         reason=exc.strerror or exc)) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path

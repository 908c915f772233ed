"""Building blocks of the payout PDFs: header, ruled tables, signature boxes, the
pale DRAF/PRATINJAU mark and the all-or-nothing file write.

Paragraph styles, column widths and "halaman 1 dari 2" footers come from the
stock document PDF, so that every document of the store looks alike.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from types import SimpleNamespace

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table, TableStyle

from nttmart_pos.config import Settings
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _, translate_to
from nttmart_pos.reports.stock_document_pdf import GRID, SHADE
from nttmart_pos.reports.stock_document_pdf import _canvas_maker as canvas_maker
from nttmart_pos.reports.stock_document_pdf import _column_widths as column_widths
from nttmart_pos.reports.stock_document_pdf import _Layout as Layout

__all__ = ["GRID", "SHADE", "Layout", "translator", "header", "pairs_table", "grid_table", "signature_boxes",
           "write_pdf"]

WATERMARK_GREY = colors.Color(0.85, 0.85, 0.85)


def translator(language: str):
    def t(text: str, **values: object) -> str:
        return translate_to(language, text, **values)

    return t


def header(settings: Settings, lay: Layout, title: str, subtitle: str) -> list:
    """Store name, address and phone over a rule, then the title and the line under it."""
    t = translator(settings.language)
    story = [lay.p(settings.store_name, lay.store)]
    if settings.store_address.strip():
        story.append(lay.p(settings.store_address, lay.body))
    if settings.store_phone.strip():
        story.append(lay.p(t("Telp. {phone}", phone=settings.store_phone), lay.body))
    rule = Table([[""]], colWidths=[lay.width], rowHeights=[2])
    rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 1, colors.black)]))
    return [*story, Spacer(1, 2 * mm), rule, lay.p(title, lay.title), lay.p(subtitle, lay.number), Spacer(1, 3 * mm)]


def pairs_table(pairs: list[tuple[str, str]], lay: Layout, width: float) -> Table:
    """``Label : value`` rows, the labels as wide as the longest one."""
    label = min(0.42 * width, 6 + max(stringWidth(lay.fonts.clean(name), lay.fonts.regular, lay.body.fontSize)
                                      for name, _value in pairs))
    table = Table([[lay.p(name, lay.body), lay.p(f": {value}", lay.body)] for name, value in pairs],
                  colWidths=[label, width - label - 3 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def grid_table(lay: Layout, head: list[str], texts: list[list[str]], total: list[str], aligned: tuple[str, ...],
               name_column: int, total_span: int, measured: list[list[str]] | None = None,
               widths: list[float] | None = None) -> Table:
    """A ruled table: shaded heading (repeated on every page), rows, a shaded total row.

    Columns are as wide as their widest cell (``measured`` stands in for
    ``texts`` when a cell will wrap at a known place); the name column takes the rest.
    ``widths`` overrides all that.
    """
    widths = widths or column_widths([*(measured or texts), total], head, lay, name_column)
    rows = [[lay.p(text, lay.head_right if style == "right" else lay.bold) for text, style in zip(head, aligned)]]
    rows += [[lay.p(text, getattr(lay, style)) for text, style in zip(row, aligned)] for row in texts]
    rows.append([lay.p(text, lay.right_bold if style == "right" else lay.bold) if text else ""
                 for text, style in zip(total, aligned)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("SPAN", (0, -1), (total_span, -1)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def signature_boxes(lay: Layout, parties: list[tuple[str, str]], language: str) -> list:
    """A ruled box per party: caption, room to sign, the name in brackets and a date to fill in.

    A list, for the caller's ``KeepTogether`` (which must not be nested: an
    inner one always reports an endless height, pushing the outer one to a new page).
    """
    t = translator(language)
    cells = []
    for caption, name in parties:
        shown = f"( {name} )" if name.strip() else "( " + "." * 40 + " )"
        cells.append([lay.p(caption, lay.center), Spacer(1, 18 * mm), lay.p(shown, lay.center),
                      lay.p(t("Tanggal: ....................."), lay.center)])
    box = lay.width / len(parties)
    table = Table([cells], colWidths=[box] * len(parties))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.75, GRID),
                               ("INNERGRID", (0, 0), (-1, -1), 0.75, GRID), ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return [Spacer(1, 6 * mm), table]


def _watermark_painter(word: str, lay: Layout):
    """An ``onPage`` hook that writes ``word`` large and pale across the page, under the content."""

    def paint(canvas, _doc) -> None:
        if not word:
            return
        canvas.saveState()
        canvas.setFillColor(WATERMARK_GREY)
        canvas.setFont(lay.fonts.bold, 110 if len(word) <= 5 else 80)
        canvas.translate(lay.size[0] / 2, lay.size[1] / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, -30, lay.fonts.clean(word))
        canvas.restoreState()

    return paint


def write_pdf(path: Path, label: str, lay: Layout, settings: Settings, story: list, *, title: str,
              subject: str = "", word: str = "") -> Path:
    """Build ``story`` into ``path`` through a temporary file; the target is replaced only when complete.

    ``label`` names the document in the page footers and in the error
    message; ``word`` is printed pale across every page (a draft's "DRAF").
    """
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temporary, "xb") as handle:
            pdf = BaseDocTemplate(handle, pagesize=lay.size, leftMargin=lay.margin, rightMargin=lay.margin,
                                  topMargin=lay.margin, bottomMargin=lay.margin, title=title,
                                  author=settings.store_name, subject=subject)
            # no frame padding: tables of lay.width then line up with the paragraphs above them
            frame = Frame(lay.margin, lay.margin, lay.width, lay.size[1] - 2 * lay.margin, leftPadding=0,
                          rightPadding=0, topPadding=0, bottomPadding=0)
            pdf.addPageTemplates([PageTemplate(frames=[frame], onPage=_watermark_painter(word, lay),
                                               pagesize=lay.size)])
            pdf.build(story, canvasmaker=canvas_maker(SimpleNamespace(doc_no=label), settings, lay))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise PosError(_("PDF {number} tidak dapat disimpan ke {path}: {reason}. Periksa ruang disk dan folder "
                         "tujuan, lalu coba lagi.", number=label, path=path, reason=exc.strerror or exc)) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path

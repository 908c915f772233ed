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
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from nttmart_pos.config import Settings
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _, translate_to
from nttmart_pos.reports.stock_document_pdf import GRID, SHADE
from nttmart_pos.reports.stock_document_pdf import _canvas_maker as canvas_maker
from nttmart_pos.reports.stock_document_pdf import _column_widths as column_widths
from nttmart_pos.reports.stock_document_pdf import _Layout as Layout

__all__ = ["ALIGN", "DEFAULT_PADDING", "GRID", "SHADE", "Layout", "translator", "header", "pairs_table", "text_cell",
           "font_command", "grid_table", "signature_boxes", "write_pdf"]

WATERMARK_GREY = colors.Color(0.85, 0.85, 0.85)
_CELL_PADDING = 3  # left and right, in points, in the ruled tables
DEFAULT_PADDING = 6  # a table cell's padding on the left and on the right, unless its style says otherwise
ALIGN = {TA_LEFT: "LEFT", TA_RIGHT: "RIGHT", TA_CENTER: "CENTER"}


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
    widths = [label, width - label - 3 * mm]
    room = [w - DEFAULT_PADDING for w in widths]  # no left padding, the default right one
    table = Table([[text_cell(lay, name, lay.body, room[0]), text_cell(lay, f": {value}", lay.body, room[1])]
                   for name, value in pairs], colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                               font_command(lay.body, (0, 0), (-1, -1))]))
    return table


def _fits(lay: Layout, text: str, style: ParagraphStyle, width: float) -> str | None:
    """``text`` as the table should draw it when it stays on one line ``width`` wide, else None.

    Most cells are one short line, and a Paragraph parses its text as markup
    and breaks it into lines at every wrap of the table (a payout PDF took
    twice as long with one in every cell); a plain string in the same font,
    size and leading lands exactly where the one-line Paragraph would.  Text
    with other white space than single spaces keeps its Paragraph, which
    collapses it.
    """
    clean = lay.fonts.clean(str(text))
    if any(ch.isspace() and ch != " " for ch in clean):
        return None
    clean = " ".join(clean.split())
    if stringWidth(clean, style.fontName, style.fontSize) > width - 0.5:  # well short of the edge, or wrap
        return None
    return clean


def text_cell(lay: Layout, text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell showing ``text`` in ``style`` within ``width`` (the cell's width less its paddings):
    a plain string when it fits on one line, else a Paragraph that wraps.

    The table draws a plain string in the font of its FONT command (``font_command``) and
    its ALIGN one: both must match ``style`` for the cell to look as the Paragraph would.
    """
    shown = _fits(lay, text, style, width)
    return lay.p(text, style) if shown is None else shown


def font_command(style: ParagraphStyle, first: tuple[int, int], last: tuple[int, int]) -> tuple:
    """The TableStyle FONT command that draws plain-string cells as ``style`` would."""
    return ("FONT", first, last, style.fontName, style.fontSize, style.leading)


def grid_table(lay: Layout, head: list[str], texts: list[list[str]], total: list[str], aligned: tuple[str, ...],
               name_column: int, total_span: int, measured: list[list[str]] | None = None,
               widths: list[float] | None = None) -> Table:
    """A ruled table: shaded heading (repeated on every page), rows, a shaded total row.

    Columns are as wide as their widest cell (``measured`` stands in for
    ``texts`` when a cell will wrap at a known place); the name column takes the rest.
    ``widths`` overrides all that.  Cells that fit on one line are plain
    strings in the style's font (see ``_fits``), the rest Paragraphs that wrap.
    """
    widths = widths or column_widths([*(measured or texts), total], head, lay, name_column)
    room = [w - 2 * _CELL_PADDING for w in widths]
    head_styles = [lay.head_right if style == "right" else lay.bold for style in aligned]
    body_styles = [getattr(lay, style) for style in aligned]
    total_styles = [lay.right_bold if style == "right" else lay.bold for style in aligned]
    total_room = [*room]
    total_room[0] = sum(widths[:total_span + 1]) - 2 * _CELL_PADDING  # the first cell spans the name
    rows = [[text_cell(lay, text, style, width) for text, style, width in zip(head, head_styles, room)]]
    rows += [[text_cell(lay, text, style, width) for text, style, width in zip(row, body_styles, room)]
             for row in texts]
    rows.append([text_cell(lay, text, style, width) if text else ""
                 for text, style, width in zip(total, total_styles, total_room)])
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("SPAN", (0, -1), (total_span, -1)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
    ]
    # the plain strings' font and place; an empty total cell keeps the table's default, as it always had
    for column, (head_style, body_style, total_style) in enumerate(zip(head_styles, body_styles, total_styles)):
        parts = [(0, 0, head_style)]
        if texts:
            parts.append((1, -2, body_style))
        if isinstance(rows[-1][column], str) and rows[-1][column]:
            parts.append((-1, -1, total_style))
        for first, last, style in parts:
            commands += [font_command(style, (column, first), (column, last)),
                         ("ALIGN", (column, first), (column, last), ALIGN[style.alignment])]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
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

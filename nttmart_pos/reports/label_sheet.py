"""Shelf labels on A4 label stock as a PDF (reportlab): 3x7 (70 x 42,3 mm) and 5x13 (38,1 x 21,2 mm).

Each label shows the product name, the price, the vendor code, a P-IRT/BPOM
number where there is one, and the EAN-13 (or EAN-8) with its digits.  The
barcode keeps its quiet zones and module width; when space runs short the
text shrinks, never the bars, so every label scans.
"""

from __future__ import annotations

import contextlib
import errno
import io
import math
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.eanbc import Ean8BarcodeWidget, Ean13BarcodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from nttmart_pos.domain.labels import LabelItem, Symbol, printable_labels
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
DIGITS_FONT = "Helvetica"
# Quiet zones in modules (GS1: 11 left, 7 right for EAN-13; 7 and 7 for EAN-8).
QUIET = {"EAN13": (11, 7), "EAN8": (7, 7)}
BAR_MODULES = {"EAN13": 95, "EAN8": 67}
EDGE_MM = 1.0  # the quiet zone stays this far inside the label edge, for sheets fed slightly askew
GAP_MM = 0.8  # between the text and the top of the bars
MIN_TEXT_SCALE = 0.6
NAME_LINES = 2
_QUANTITY = re.compile(r"(\d) (?=(?:g|gr|kg|mg|ml|l|lt|ltr|liter|cm|m|mm|pcs|biji|buah|butir|lembar|pak|sachet)\b)",
                       re.IGNORECASE)


@dataclass(frozen=True)
class SheetLayout:
    """An A4 label sheet: grid geometry (mm, from the page's top-left) and the type sizes (pt)."""

    name: str
    columns: int
    rows: int
    label_w: float
    label_h: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float
    pad_x: float
    pad_top: float
    pad_bottom: float
    module_widths: tuple[float, ...]  # tried largest first
    # Guard bar length in mm (digits included): the usual height, and the least the text may leave.
    bar_height: tuple[float, float]
    name_pt: float
    price_pt: float
    small_pt: float
    digits_pt: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def cell_box(self, cell: int) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` in mm from the page's top-left of ``cell`` (1-based, row by row)."""
        if not 1 <= cell <= self.per_page:
            raise ValueError(f"cell {cell} outside 1..{self.per_page}")
        row, column = divmod(cell - 1, self.columns)
        left = self.left + column * self.pitch_x
        top = self.top + row * self.pitch_y
        return left, top, left + self.label_w, top + self.label_h


LAYOUTS = {
    # 3 x 7 of 70 x 42,3 mm without gaps; the sheet has no margin either, so the padding keeps
    # text and bars clear of the strip along the paper edge that office printers cannot print.
    "3x7": SheetLayout("3x7", 3, 7, 70.0, 42.3, 0.0, 0.45, 70.0, 42.3, pad_x=5.0, pad_top=4.0, pad_bottom=3.5,
                       module_widths=(0.33,), bar_height=(12.0, 17.5),
                       name_pt=10.0, price_pt=18.0, small_pt=7.5, digits_pt=9.0),
    # 5 x 13 of 38,1 x 21,2 mm with 2,54 mm column gaps (L7651-type sheets).
    "5x13": SheetLayout("5x13", 5, 13, 38.1, 21.2, 4.67, 10.7, 40.64, 21.2, pad_x=1.6, pad_top=1.3, pad_bottom=1.0,
                        module_widths=(0.33, 0.30, 0.27, 0.25), bar_height=(7.0, 8.0),
                        name_pt=6.3, price_pt=10.0, small_pt=5.0, digits_pt=5.5),
}


def sheet_layout(name: str) -> SheetLayout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValidationError(_("Tata letak label tidak dikenal: {layout} (pilih {choices})",
                                layout=name, choices=" / ".join(LAYOUTS))) from None


def pdf_text(text: str) -> str:
    """``text`` as the PDF's standard fonts can show it (Windows-1252): others transliterated or dropped."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", " ".join(str(text).split())):
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            out.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode())
    return "".join(out).strip()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it is at most ``width`` points wide."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


@dataclass(frozen=True)
class TextLine:
    text: str
    font: str
    size: float
    align: str = "left"  # "left" or "right"; a right line shares the baseline of the line before


@dataclass(frozen=True)
class LabelPlan:
    """Where everything goes on one label, in points from the label's bottom-left corner."""

    lines: list[tuple[TextLine, float]]  # (line, baseline y)
    text_bottom: float
    module: float
    bar_x: float
    bar_y: float
    bar_height: float
    barcode_width: float


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap at plain spaces; a quantity stays with its unit ("100 g" is never split)."""
    lines: list[str] = []
    for word in filter(None, _QUANTITY.sub("\\1\u00a0", text).split(" ")):  # not split(): that breaks at U+00A0
        if lines and stringWidth(lines[-1] + " " + word, font, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _name_lines(name: str, size: float, width: float) -> tuple[list[str], float]:
    for shrink in (1.0, 0.9, 0.8):
        lines = _wrap(name, BOLD, size * shrink, width)
        if len(lines) <= NAME_LINES:
            return [_fit(line, BOLD, size * shrink, width) for line in lines], size * shrink
    size *= 0.8
    lines = _wrap(name, BOLD, size, width)
    kept = lines[:NAME_LINES - 1] + [" ".join(lines[NAME_LINES - 1:]) + "\u2026"]
    return [_fit(line, BOLD, size, width) for line in kept], size


def _text_lines(item: LabelItem, layout: SheetLayout, width: float, scale: float) -> list[TextLine]:
    names, name_size = _name_lines(pdf_text(item.name) or "-", layout.name_pt * scale, width)
    lines = [TextLine(line, BOLD, name_size) for line in names]
    price = format_rupiah(item.price)
    vendor_size = (layout.small_pt + 1) * scale
    vendor = pdf_text(item.vendor_code)
    # A short vendor code sits beside the price; a long one gets a line of its own rather than being cut.
    beside = stringWidth(vendor, FONT, vendor_size) <= width / 3
    room = width - (stringWidth(vendor, FONT, vendor_size) + 2 * mm if beside else 0)
    price_size = layout.price_pt * scale
    price_size = min(price_size, price_size * room / max(stringWidth(price, BOLD, price_size), 1))
    lines.append(TextLine(price, BOLD, price_size))
    if vendor:
        lines.append(TextLine(_fit(vendor, FONT, vendor_size, width), FONT, vendor_size, "right" if beside else "left"))
    certificate = pdf_text(item.certificate)
    if certificate:
        size = layout.small_pt * scale
        lines.append(TextLine(_fit(certificate, FONT, size, width), FONT, size))
    return lines


def _stack(lines: list[TextLine], top: float) -> tuple[list[tuple[TextLine, float]], float]:
    """Baselines from ``top`` down; returns the placed lines and the lowest descender."""
    placed: list[tuple[TextLine, float]] = []
    y = bottom = top
    baseline = top
    for line in lines:
        ascent, descent = getAscentDescent(line.font, line.size)
        if line.align == "right" and placed:
            placed.append((line, baseline))
            continue
        gap = line.size * 0.12 if placed else 0
        baseline = y - gap - ascent
        y = baseline + descent  # descent is negative
        bottom = min(bottom, y)
        placed.append((line, baseline))
    return placed, bottom


def module_width(layout: SheetLayout, symbol: Symbol) -> float:
    """The largest module width (mm) of the layout whose bars and quiet zones fit inside the label."""
    left, right = QUIET[symbol.kind]
    modules = BAR_MODULES[symbol.kind] + left + right
    for width in layout.module_widths:
        if modules * width <= layout.label_w - 2 * EDGE_MM:
            return width
    raise ValueError(f"{symbol.kind} does not fit a {layout.name} label")


def plan_label(item: LabelItem, symbol: Symbol, layout: SheetLayout) -> LabelPlan:
    """Lay one label out: the barcode at the bottom, text above it, shrunk until the bars have room.

    Bars are the same height on every label of a sheet unless a label's text
    cannot shrink further; even then they keep the layout's least height.
    """
    w, h = layout.label_w * mm, layout.label_h * mm
    module = module_width(layout, symbol) * mm
    left, right = QUIET[symbol.kind]
    barcode_width = module * (BAR_MODULES[symbol.kind] + left + right)
    min_bar, max_bar = (value * mm for value in layout.bar_height)
    bar_y = layout.pad_bottom * mm
    scale = 1.0
    while True:
        placed, text_bottom = _stack(_text_lines(item, layout, w - 2 * layout.pad_x * mm, scale),
                                     h - layout.pad_top * mm)
        room = text_bottom - GAP_MM * mm - bar_y
        if room >= max_bar or scale <= MIN_TEXT_SCALE:
            break
        scale = max(MIN_TEXT_SCALE, scale * 0.92)
    return LabelPlan(placed, text_bottom, module, (w - barcode_width) / 2, bar_y,
                     max(min_bar, min(max_bar, room)), barcode_width)


def _barcode_drawing(symbol: Symbol, plan: LabelPlan, digits_pt: float) -> Drawing:
    """The bars and digits; the quiet zones are left blank around it by ``plan``.

    reportlab's own quiet zones only come in whole default sizes, so the widget
    draws none and the drawing starts at the first bar (the leading EAN-13
    digit then sits in the left quiet zone, where it belongs).  reportlab
    recomputes the check digit: it gets the validated code without it.
    """
    widget_class = Ean13BarcodeWidget if symbol.kind == "EAN13" else Ean8BarcodeWidget
    widget = widget_class(value=symbol.digits[:-1], barWidth=plan.module, barHeight=plan.bar_height,
                          fontName=DIGITS_FONT, fontSize=digits_pt, humanReadable=True, quiet=False)
    drawing = Drawing(BAR_MODULES[symbol.kind] * plan.module, plan.bar_height)
    drawing.add(widget)
    return drawing


def _draw_label(canvas: Canvas, layout: SheetLayout, x0: float, y0: float, item: LabelItem, symbol: Symbol) -> None:
    plan = plan_label(item, symbol, layout)
    pad = layout.pad_x * mm
    right_edge = x0 + layout.label_w * mm - pad
    for line, baseline in plan.lines:
        canvas.setFont(line.font, line.size)
        if line.align == "right":
            canvas.drawRightString(right_edge, y0 + baseline, line.text)
        else:
            canvas.drawString(x0 + pad, y0 + baseline, line.text)
    bars_x = x0 + plan.bar_x + QUIET[symbol.kind][0] * plan.module
    renderPDF.draw(_barcode_drawing(symbol, plan, layout.digits_pt), canvas, bars_x, y0 + plan.bar_y)


def render_sheets(items: list[LabelItem], layout: str = "3x7", start_position: int = 1) -> tuple[bytes, int]:
    """The PDF bytes and page count; checks every barcode before drawing anything."""
    grid = sheet_layout(layout)
    if isinstance(start_position, bool) or not isinstance(start_position, int) \
            or not 1 <= start_position <= grid.per_page:
        raise ValidationError(_("Posisi awal harus 1 sampai {cells} untuk lembar {layout}: {start}",
                                cells=grid.per_page, layout=grid.name, start=start_position))
    labels = printable_labels(items)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(_("Label barcode"))
    canvas.setCreator("NTT Mart POS")
    page_height = A4[1]
    first = start_position - 1
    pages = math.ceil((first + len(labels)) / grid.per_page)
    for index, (item, symbol) in enumerate(labels, start=first):
        if index > first and index % grid.per_page == 0:
            canvas.showPage()
        left, _top, _right, bottom = grid.cell_box(index % grid.per_page + 1)
        _draw_label(canvas, grid, left * mm, page_height - bottom * mm, item, symbol)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), pages


def _write_reason(exc: OSError) -> str:
    reasons = {
        errno.ENOENT: _("foldernya tidak ada"),
        errno.EACCES: _("tidak ada izin menulis"),
        errno.EPERM: _("tidak ada izin menulis"),
        errno.ENOSPC: _("disk penuh"),
        errno.EROFS: _("disk hanya-baca"),
        errno.EISDIR: _("itu sebuah folder"),
    }
    return reasons.get(exc.errno, exc.strerror or type(exc).__name__)


def write_atomically(data: bytes, path: str | os.PathLike) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failure never leaves half a file."""
    target = Path(path)
    temp_name = None
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise PosError(_("Berkas label tidak dapat ditulis: {path} ({reason})",
                         path=target, reason=_write_reason(exc))) from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def label_sheet_pdf(items: list[LabelItem], path: str | os.PathLike, layout: str = "3x7",
                    start_position: int = 1) -> int:
    """Write the label sheets for ``items`` to ``path`` (atomically); returns the number of pages.

    ``start_position`` (1-based, row by row) skips the labels already used on
    a half-used first sheet.
    """
    data, pages = render_sheets(items, layout, start_position)
    write_atomically(data, path)
    return pages

"""Shelf labels on a thermal receipt printer (58/80 mm) as ESC/POS bytes, one label after another.

Each label: the name, the price (large), the vendor code and P-IRT/BPOM
number, the EAN as a raster image drawn dot-exact (as the receipt's Code128
on 58 mm printers) with its digits below, then a cut or a feed to tear off.
"""

from __future__ import annotations

import contextlib
import io

from nttmart_pos.domain.labels import LabelItem, Symbol, printable_labels
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import PrinterError
from nttmart_pos.hardware.escpos_render import FEED_LINES_WITHOUT_CUTTER, bars_image, media_pixels, import_escpos
from nttmart_pos.hardware.printer import PaperProfile, profile_for
from nttmart_pos.hardware.receipt_layout import one_line, wrap_words
from nttmart_pos.i18n import _

BAR_HEIGHT_DOTS = 96  # 12 mm at 203 dpi
MODULE_DOTS = (4, 3, 2)  # tried widest first; 58 mm paper takes 3 (0.375 mm), 80 mm takes 4
QUIET = {"EAN13": (11, 7), "EAN8": (7, 7)}
NAME_LINES = 3


def _modules(symbol: Symbol) -> str:
    """The bar pattern (``1`` = bar) of a validated code; python-barcode only encodes here."""
    import barcode as pybarcode

    encoder = pybarcode.get_barcode_class("ean13" if symbol.kind == "EAN13" else "ean8")(
        symbol.digits, no_checksum=True)
    if str(encoder) != symbol.digits:  # it would silently "fix" a check digit; ours is already right
        raise ValueError(f"python-barcode changed {symbol.digits} to {encoder}")
    return encoder.build()[0]


def _barcode_image(symbol: Symbol, pixels: int):
    """The bars with their quiet zones, every module the same whole number of dots."""
    from PIL import Image

    modules = _modules(symbol)
    left, right = QUIET[symbol.kind]
    dots = next((d for d in MODULE_DOTS if (len(modules) + left + right) * d <= pixels), None)
    if dots is None:
        raise PrinterError(_("Barcode {code} terlalu lebar untuk kertas ini", code=symbol.digits))
    bars = bars_image(modules, dots, BAR_HEIGHT_DOTS)
    image = Image.new("L", ((len(modules) + left + right) * dots, BAR_HEIGHT_DOTS), 255)
    image.paste(bars, (left * dots, 0))
    return image


def _name_lines(name: str, columns: int) -> list[str]:
    lines = wrap_words(one_line(name) or "-", columns)
    if len(lines) > NAME_LINES:
        lines = lines[:NAME_LINES]
        lines[-1] = lines[-1][: columns - 3].rstrip() + "..."
    return lines


def _render_label(printer, item: LabelItem, symbol: Symbol, profile: PaperProfile) -> None:
    columns = profile.columns
    printer.set(align="center", bold=True)
    printer.text("".join(line + "\n" for line in _name_lines(item.name, columns)))
    price = format_rupiah(item.price)
    printer.set(align="center", bold=True, double_height=True, double_width=len(price) * 2 <= columns)
    printer.text(price + "\n")
    printer.set(align="center", bold=False, normal_textsize=True)
    details = [one_line(item.vendor_code), one_line(item.certificate)]
    printer.text("".join(line[:columns] + "\n" for line in details if line))
    impl = "bitImageRaster" if printer.profile.supports("bitImageRaster") else "bitImageColumn"
    printer.image(_barcode_image(symbol, media_pixels(printer)), impl=impl, center=True)
    printer.set(align="center")
    printer.text(symbol.digits + "\n")
    printer.set(align="left")
    if profile.has_cutter:
        printer.cut()
    else:
        printer.ln(FEED_LINES_WITHOUT_CUTTER)


def label_bytes(items: list[LabelItem], width_mm: int) -> bytes:
    """The ESC/POS byte stream of every label (copies included) for 58 or 80 mm paper.

    Every code is checked before a single byte is made, so a bad code never
    leaves half a run on the printer.
    """
    profile = profile_for(width_mm)
    labels = printable_labels(items)
    import_escpos()
    from escpos.exceptions import Error as EscposError
    from escpos.printer import Dummy

    printer = Dummy(profile=profile.profile_name)
    try:
        printer.hw("INIT")
        with contextlib.redirect_stdout(io.StringIO()):  # image() prints chatter
            for item, symbol in labels:
                _render_label(printer, item, symbol, profile)
    except EscposError as exc:
        raise PrinterError(_("Label tidak dapat disusun untuk printer: {reason}", reason=exc)) from exc
    return printer.output

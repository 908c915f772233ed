"""Write a customer receipt as ESC/POS commands onto a python-escpos printer object.

``render_receipt`` prints the text of ``receipt_layout`` (store name and total
bold, double height), the receipt number as a Code128 barcode, then cuts the
paper or feeds it past the tear bar.  python-escpos is imported lazily through
``import_escpos`` because its import installs a root logging handler and makes
a temporary directory.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import tempfile
from itertools import groupby
from pathlib import Path

from nttmart_pos.domain.receipt import ReceiptData
from nttmart_pos.errors import PrinterError
from nttmart_pos.i18n import _
from nttmart_pos.hardware.receipt_layout import BANNER, TEXT, TITLE, TOTAL, one_line, styled_lines

log = logging.getLogger(__name__)

BARCODE_HEIGHT_DOTS = 64
FEED_LINES_WITHOUT_CUTTER = 4
_DEFAULT_PIXELS = 384


def _capabilities_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("nttmart-pos")) / "escpos"


def import_escpos() -> None:
    """Import python-escpos once without letting it take over logging.

    Its import calls ``logging.basicConfig()``; a root handler added that way
    is removed again so that the program's own logging set-up still applies.
    The capabilities cache goes to a fixed user cache directory instead of a
    new temporary directory on every start.
    """
    if "escpos.printer" in sys.modules:
        return
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        try:
            cache = _capabilities_cache_dir()
            cache.mkdir(parents=True, exist_ok=True)
            os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(cache)
        except OSError:
            pass  # python-escpos falls back to a temporary directory
    root = logging.getLogger()
    before = list(root.handlers)
    # python-escpos evaluates ``mkdtemp()`` as a default argument at import even
    # when the variable above is set: note the directories it makes and remove
    # the empty ones, so no start of the till leaves a stray folder in /tmp.
    made: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def recording_mkdtemp(*args, **kwargs):
        made.append(real_mkdtemp(*args, **kwargs))
        return made[-1]

    tempfile.mkdtemp = recording_mkdtemp
    try:
        import escpos.printer  # noqa: F401  (the import is the point)
    finally:
        tempfile.mkdtemp = real_mkdtemp
    for folder in made:
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # only succeeds while empty

    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)


def media_pixels(printer) -> int:
    try:
        return int(printer.profile.profile_data["media"]["width"]["pixels"])
    except (AttributeError, KeyError, TypeError, ValueError):
        return _DEFAULT_PIXELS


def _print_text(printer, data: ReceiptData, columns: int) -> None:
    for style, group in groupby(styled_lines(data, columns), key=lambda pair: pair[0]):
        text = "".join(line + "\n" for _, line in group)
        if style in (TITLE, TOTAL):
            printer.set(bold=True, double_height=True)
        elif style == BANNER:
            printer.set(bold=True)
        printer.text(text)
        if style != TEXT:
            printer.set(bold=False, normal_textsize=True)


def _hardware_barcode(printer, code: str) -> bool:
    """Code128 drawn by the printer itself (code set B); False if it cannot fit."""
    modules = 11 * len(code) + 35  # start + data + check (11 each) + stop (13)
    pixels = media_pixels(printer)
    width = next((w for w in (3, 2) if modules * w <= pixels), None)
    data = "{B" + code.replace("{", "{{")
    if width is None or len(data) > 255:
        return False
    printer.barcode(data, "CODE128", height=BARCODE_HEIGHT_DOTS, width=width, pos="BELOW",
                    font="A", align_ct=True, function_type="B")
    return True


def bars_image(modules: str, module_px: int, height: int):
    """Black bars on white, every module exactly ``module_px`` dots wide."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (len(modules) * module_px, height), 255)
    draw = ImageDraw.Draw(image)
    for index, bit in enumerate(modules):
        if bit == "1":
            draw.rectangle((index * module_px, 0, (index + 1) * module_px - 1, height - 1), fill=0)
    return image


def _software_barcode(printer, code: str) -> bool:
    """Code128 sent as a raster image (58 mm clones have no barcode command).

    python-escpos' own software barcode (``force_software``) sizes modules in
    millimetres, so at 203 dpi they come out 1 to 3 dots wide at random and
    scanners fail; here python-barcode only encodes (it packs digit runs in
    code set C) and the bars are drawn dot-exact.  The number is printed
    below in the printer's font.
    """
    import barcode as pybarcode

    modules = pybarcode.get_barcode_class("code128")(code).build()[0]
    pixels = media_pixels(printer)
    width = next((w for w in (3, 2) if len(modules) * w <= pixels), None)
    if width is None:
        return False
    impl = "bitImageRaster" if printer.profile.supports("bitImageRaster") else "bitImageColumn"
    printer.image(bars_image(modules, width, BARCODE_HEIGHT_DOTS), impl=impl, center=True)
    printer.set(align="center")
    printer.text(code + "\n")
    return True


def _print_barcode(printer, receipt_no: str, hardware_barcode: bool) -> None:
    from escpos.exceptions import Error as EscposError

    code = one_line(receipt_no)
    if not code:
        return
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # barcode()/image() print chatter
            # A number too long for the printer's own Code128 (set B only) may
            # still fit as an image, where digit runs are packed in set C.
            done = (hardware_barcode and _hardware_barcode(printer, code)) or _software_barcode(printer, code)
        if not done:
            log.warning("receipt number %r too long for a barcode on this paper", code)
    except (EscposError, ValueError) as exc:  # ValueError: python-barcode rendering
        log.warning("barcode for receipt %r skipped: %s", code, exc)
    printer.set(align="left")


def render_receipt(printer, data: ReceiptData, columns: int, hardware_barcode: bool) -> None:
    """Write the receipt ``data`` onto the python-escpos ``printer`` (any ``Escpos`` object).

    ``columns`` is 32 for 58 mm paper and 48 for 80 mm.  With
    ``hardware_barcode`` the printer draws the Code128 itself; otherwise (or
    if it would not fit) it is drawn here and sent as a raster image.  The
    paper is cut if the printer's profile has a cutter, else fed past the
    tear bar.
    """
    import_escpos()
    # ESC @ alone resets font A, left alignment and normal size; more set-up
    # commands only risk being printed as text by cheap clones.
    printer.hw("INIT")
    _print_text(printer, data, columns)
    printer.ln()
    _print_barcode(printer, data.receipt_no, hardware_barcode)
    profile = printer.profile
    if profile.supports("paperFullCut") or profile.supports("paperPartCut"):
        printer.cut()
    else:
        printer.ln(FEED_LINES_WITHOUT_CUTTER)


def styled_slip_bytes(styled: list[tuple[str, str]], width_mm: int, what: str, barcode: str = "") -> bytes:
    """ESC/POS bytes of a slip given as (style, line) pairs: titles and totals bold and
    double height, banners bold; cut where the printer has a cutter, else feed.

    ``what`` names the document in the error message (e.g. its number);
    ``barcode``, if given, is printed as a Code128 under the text, as on the receipt.
    """
    from nttmart_pos.hardware.printer import profile_for

    profile = profile_for(width_mm)
    import_escpos()
    from escpos.exceptions import Error as EscposError
    from escpos.printer import Dummy

    printer = Dummy(profile=profile.profile_name)
    try:
        printer.hw("INIT")
        for style, group in groupby(styled, key=lambda pair: pair[0]):
            if style in (TITLE, TOTAL):
                printer.set(bold=True, double_height=True)
            elif style == BANNER:
                printer.set(bold=True)
            printer.text("".join(line + "\n" for _style, line in group))
            if style != TEXT:
                printer.set(bold=False, normal_textsize=True)
        if barcode:
            printer.ln()
            _print_barcode(printer, barcode, profile.hardware_barcode)
        if printer.profile.supports("paperFullCut") or printer.profile.supports("paperPartCut"):
            printer.cut()
        else:
            printer.ln(FEED_LINES_WITHOUT_CUTTER)
    except EscposError as exc:
        raise PrinterError(_("{what} tidak dapat disusun untuk printer: {reason}", what=what, reason=exc)) from exc
    return printer.output

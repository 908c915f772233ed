"""What goes on one shelf label, and the check every label passes before anything is printed.

Both label printers (A4 sheets in ``reports.label_sheet``, thermal labels in
``hardware.label_printer``) print from ``printable_labels``, so no code with a
wrong check digit reaches paper whichever library draws the bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from nttmart_pos.domain.barcodes import validate_barcode
from nttmart_pos.errors import BarcodeError, ValidationError
from nttmart_pos.i18n import _

MAX_COPIES = 1000  # per product and print run: a typo of 5000 must not empty the label stock


@dataclass(frozen=True)
class LabelItem:
    """One product's label and how many of it to print."""

    barcode: str
    name: str
    price: int
    vendor_code: str
    certificate: str = ""  # "P-IRT No. ..." or "BPOM RI MD ...", else empty
    copies: int = 1


@dataclass(frozen=True)
class Symbol:
    """The bars to draw: ``EAN13`` (UPC-A as EAN-13 with a leading 0) or ``EAN8``."""

    kind: str
    digits: str


def label_symbol(code: str) -> Symbol:
    """The symbol for a stored code; ``BarcodeError`` for anything that is not a valid EAN-13/UPC-A/EAN-8."""
    code = validate_barcode(code)
    if len(code) == 8:
        return Symbol("EAN8", code)
    # A UPC-A is the same bars as an EAN-13 with a leading 0; the till accepts both forms.
    return Symbol("EAN13", code.rjust(13, "0"))


def check_copies(name: str, copies: object) -> int:
    if isinstance(copies, bool) or not isinstance(copies, int) or not 0 <= copies <= MAX_COPIES:
        raise ValidationError(_("Jumlah label untuk {name} harus 0 sampai {max}: {copies}",
                                name=name, max=MAX_COPIES, copies=copies))
    return copies


def printable_labels(items: list[LabelItem]) -> list[tuple[LabelItem, Symbol]]:
    """Every label to print, copies expanded, in order; refuses the whole run if one code is bad.

    All codes are checked first and every bad one is named, so a run never
    stops half printed and the manager can fix all of them at once.
    """
    symbols: list[Symbol] = []
    bad: list[str] = []
    for item in items:
        check_copies(item.name, item.copies)
        try:
            symbols.append(label_symbol(item.barcode))
        except BarcodeError as exc:
            bad.append(f"{item.name}: {exc}")
    if bad:
        raise BarcodeError(_("Label tidak dicetak, barcode salah: {details}", details="; ".join(bad)))
    labels = [(item, symbol) for item, symbol in zip(items, symbols) for _copy in range(item.copies)]
    if not labels:
        raise ValidationError(_("Tidak ada label untuk dicetak"))
    return labels

"""A tanda terima titipan or retur being filled in on screen, before it is posted:
its lines, how a scan merges into them, and the totals shown to the manager.

The service values the posted document itself; these rules only preview it,
with the same valuation (harga setor on harga-setor terms, else the price).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nttmart_pos.domain.stock_document import line_value, measured_text, weight_text

DEFAULT_REASON = "unsold"  # a retur line's reason until the manager picks another


@dataclass(frozen=True)
class DraftProduct:
    """What the screen knows of one of the vendor's products."""

    product_id: int
    barcode: str
    name: str
    unit: str
    measure: str  # "weight": quantities in grams, unit_value per kg
    unit_value: int
    stock_on_hand: int
    active: bool = True


@dataclass
class DraftLine:
    product: DraftProduct
    quantity: int
    expires_on: date | None = None  # intake: best-before of this batch
    reason: str = DEFAULT_REASON  # retur only

    @property
    def value(self) -> int:
        return line_value(self.quantity, self.product.unit_value, self.product.measure)

    @property
    def over_stock(self) -> bool:
        return self.quantity > self.product.stock_on_hand


def unit_value_for(terms: str, price: int, harga_setor: int | None) -> int:
    """What one unit is worth on the document: harga setor on those terms, else the price."""
    if terms == "harga_setor" and harga_setor is not None:
        return harga_setor
    return price


def add_to_draft(lines: list[DraftLine], product: DraftProduct, quantity: int,
                 reason: str = DEFAULT_REASON) -> int:
    """Add ``quantity`` of ``product``; returns the row that took it.

    A repeat scan goes onto the product's line that still has no best-before
    date and the same reason; a line the manager already dated (another batch)
    or gave another reason is left alone and a new line starts.
    """
    for row, line in enumerate(lines):
        if line.product.product_id == product.product_id and line.expires_on is None and line.reason == reason:
            line.quantity += quantity
            line.product = product  # the newest stock figure
            return row
    lines.append(DraftLine(product, quantity, reason=reason))
    return len(lines) - 1


def draft_value(lines: list[DraftLine]) -> int:
    return sum(line.value for line in lines)


def draft_quantity_text(lines: list[DraftLine]) -> str:
    """``12``, ``1,500 kg`` or ``12 + 1,500 kg``, like the printed document's total."""
    pieces = sum(line.quantity for line in lines if line.product.measure != "weight")
    grams = sum(line.quantity for line in lines if line.product.measure == "weight")
    if not grams:
        return measured_text(pieces, "unit")
    return f"{measured_text(pieces, 'unit')} + {weight_text(grams)}" if pieces else weight_text(grams)

"""Stok opname arithmetic: one product's count against its expected stock, the
value of a difference at the selling price, and the totals of a whole count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from nttmart_pos.domain.money import round_half_up_div
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _

# Pieces, or grams for weighed goods (1.000 kg).  A larger figure is far more
# likely a barcode scanned into the quantity box than a real shelf.
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class CountRow:
    """One product of a stock take: what the ledger expected, what was counted.

    ``expected`` is the ledger stock when the product was first counted (for a
    product not counted yet: the ledger stock now).  ``stock_now`` is the
    ledger stock at the moment the row was read; ``stock_now - expected`` is
    what was sold, refunded or received since the first count.
    """

    product_id: int
    barcode: str
    name: str
    vendor_code: str
    vendor_name: str
    category: str
    unit: str
    measure: str  # "unit", "weight" (quantities in grams) or "price"
    price: int
    expected: int
    counted: int  # 0 while not counted yet
    is_counted: bool
    stock_now: int
    first_counted_at: datetime | None = None
    last_counted_at: datetime | None = None

    @property
    def difference(self) -> int:
        """Counted minus expected: positive is a surplus, negative a shortage; 0 while not counted."""
        return self.counted - self.expected if self.is_counted else 0

    @property
    def moved_since_count(self) -> int:
        """Net ledger movement since the first count (a sale during the count is -1)."""
        return self.stock_now - self.expected if self.is_counted else 0

    @property
    def stock_after_posting(self) -> int:
        """An open stock take's stock once the difference is booked: the count plus what moved since."""
        return self.stock_now + self.difference


@dataclass(frozen=True)
class StockTakeSummary:
    """Totals of a stock take; weighed goods are in grams, apart from the pieces."""

    products_in_scope: int
    products_counted: int
    surplus_units: int
    shortage_units: int
    surplus_grams: int
    shortage_grams: int
    surplus_value: int  # Rupiah at the selling price
    shortage_value: int


def stock_value(measure: str, quantity: int, price: int) -> int:
    """Selling value of ``quantity`` (pieces, or grams at ``price`` per kg), in whole Rupiah."""
    if measure == "weight":
        value = round_half_up_div(abs(quantity) * price, 1000)
        return -value if quantity < 0 else value
    return quantity * price


def summarize(rows: Iterable[CountRow], products_in_scope: int) -> StockTakeSummary:
    totals = {"surplus_units": 0, "shortage_units": 0, "surplus_grams": 0, "shortage_grams": 0,
              "surplus_value": 0, "shortage_value": 0}
    counted = 0
    for row in rows:
        counted += row.is_counted
        difference = row.difference
        if not difference:
            continue
        side = "surplus" if difference > 0 else "shortage"
        amount = abs(difference)
        totals[f"{side}_{'grams' if row.measure == 'weight' else 'units'}"] += amount
        totals[f"{side}_value"] += stock_value(row.measure, amount, row.price)
    return StockTakeSummary(products_in_scope=products_in_scope, products_counted=counted, **totals)


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("Jumlah hitungan harus bilangan bulat: {value}", value=value))
    return value


def check_added(quantity: object) -> int:
    """A typed or scanned amount to add (negative takes back a wrong scan)."""
    quantity = _whole(quantity)
    if quantity == 0:
        raise ValidationError(_("Jumlah hitungan tidak boleh nol"))
    if abs(quantity) > MAX_COUNT:
        raise ValidationError(_("Jumlah {value} terlalu besar: mungkin barcode terpindai ke kolom jumlah?",
                                value=quantity))
    return quantity


def check_count(counted: object) -> int:
    """A corrected count that replaces the figure so far."""
    counted = _whole(counted)
    if counted < 0:
        raise ValidationError(_("Jumlah hitungan tidak boleh negatif: {value}", value=counted))
    if counted > MAX_COUNT:
        raise ValidationError(_("Jumlah {value} terlalu besar: mungkin barcode terpindai ke kolom jumlah?",
                                value=counted))
    return counted


def stocktake_number(year: int, number: int) -> str:
    """``2026``, 1 -> ``SO-2026-0001``."""
    return f"SO-{year}-{number:04d}"

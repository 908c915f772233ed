"""The demo catalog: UMKM vendors from across NTT and the goods they leave on consignment.

Pure data, read from ``vendors.csv`` and ``products.csv`` beside this module
(shipped as package data and read through ``importlib.resources``).  Nothing
here touches a database; a loader elsewhere turns these records into rows.

Conventions of the data:

* Money is whole Rupiah (``int``), every price a multiple of Rp500.
* ``terms`` is ``"commission"`` (the store keeps ``commission_pct`` percent of
  the sale price) or ``"harga_setor"`` (the vendor receives a fixed amount per
  unit sold, the product's ``harga_setor``).
* A product's ``commission_pct`` is ``None`` unless it overrides the vendor's
  default; ``harga_setor`` is set only for products of harga-setor vendors.
* ``barcode`` is a GS1 Indonesia EAN-13 (``899...``, valid check digit), a
  7-digit variable-measure lookup code ``21IIIII`` for weighed goods (scale
  labels read ``21 IIIII WWWWW C``), or ``None`` when the goods carry no code
  and the store must label them.
* ``measure`` is ``"unit"`` or ``"weight"``.  For weighed goods ``price`` is per
  kilogram and ``stock`` is in grams; otherwise ``stock`` counts units.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

_PACKAGE = "nttmart_pos.demo"


@dataclass(frozen=True)
class DemoVendor:
    """One UMKM that supplies the store on consignment (titip jual)."""

    code: str
    name: str
    owner: str
    phone: str
    regency: str  # one of the 22 kabupaten/kota of NTT, e.g. "Kota Kupang", "TTS"
    village: str
    terms: str  # "commission" or "harga_setor"
    commission_pct: int | None  # set for commission vendors only
    payout_method: str  # "transfer", "cash" or "ewallet"
    payout_account: str  # "" when paid in cash


@dataclass(frozen=True)
class DemoProduct:
    """One item on the shelf, owned by its vendor until it sells."""

    barcode: str | None
    name: str
    category: str
    vendor_code: str
    price: int  # per unit, or per kg when measure == "weight"
    harga_setor: int | None
    commission_pct: int | None  # per-product override of the vendor's commission
    unit: str  # "pcs", "bks", "btl", "lbr", "toples" or "kg"
    measure: str  # "unit" or "weight"
    stock: int  # units, or grams when measure == "weight"


def demo_vendors() -> list[DemoVendor]:
    """All demo vendors, in code order; the same list on every call."""
    return list(_vendors())


def demo_products() -> list[DemoProduct]:
    """All demo products, grouped by vendor; the same list on every call."""
    return list(_products())


@cache
def _vendors() -> tuple[DemoVendor, ...]:
    return tuple(
        DemoVendor(
            code=row["code"],
            name=row["name"],
            owner=row["owner"],
            phone=row["phone"],
            regency=row["regency"],
            village=row["village"],
            terms=row["terms"],
            commission_pct=_optional_int(row["commission_pct"]),
            payout_method=row["payout_method"],
            payout_account=row["payout_account"],
        )
        for row in _read_csv("vendors.csv")
    )


@cache
def _products() -> tuple[DemoProduct, ...]:
    return tuple(
        DemoProduct(
            barcode=row["barcode"] or None,
            name=row["name"],
            category=row["category"],
            vendor_code=row["vendor_code"],
            price=int(row["price"]),
            harga_setor=_optional_int(row["harga_setor"]),
            commission_pct=_optional_int(row["commission_pct"]),
            unit=row["unit"],
            measure=row["measure"],
            stock=int(row["stock"]),
        )
        for row in _read_csv("products.csv")
    )


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _optional_int(text: str) -> int | None:
    return int(text) if text else None

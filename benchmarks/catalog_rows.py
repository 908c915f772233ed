"""The benchmark store's people and catalogue: users, vendors (UMKM), products and certificates.

Rows are written straight into the tables (see ``benchmarks.dataset``) but
keep every rule the services keep: valid EAN-13 codes (and 7-digit scale
codes ``21xxxxx`` for weighed goods), harga setor only for harga-setor
vendors and never above the price, regencies spelled as ``domain.regions``
spells them, real scrypt PIN hashes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Protocol

from nttmart_pos.domain.barcodes import gs1_check_digit
from nttmart_pos.domain.regions import NTT_REGENCIES
from nttmart_pos.services.auth import hash_pin

TERMINAL = "T01"
# (username, full name, role, PIN): ``kasir``/1234 logs in for the UI benchmarks.
USERS = (
    ("admin", "Admin Toko", "admin", "123456"),
    ("manajer", "Yohanes Seran", "manager", "9999"),
    ("supervisor", "Agustina Lay", "supervisor", "5555"),
    ("kasir", "Maria Bria", "cashier", "1234"),
    ("kasir2", "Fransiska Tefa", "cashier", "2345"),
    ("kasir3", "Yakobus Nenabu", "cashier", "3456"),
)
MANAGER_ID, SUPERVISOR_ID, FIRST_CASHIER_ID = 2, 3, 4
CASHIER_IDS = (4, 5, 6)
NAMES = {index: full for index, (_user, full, _role, _pin) in enumerate(USERS, start=1)}

_KINDS = ("Kopi", "Teh Daun Kelor", "Madu Hutan", "Kain Tenun", "Keripik Pisang", "Sambal Luat", "Kacang Mete",
          "Gula Aren", "Minyak Kelapa", "Sabun Sereh", "Anyaman Lontar", "Dodol Rumput Laut", "Abon Ikan",
          "Jagung Bose", "Se'i Sapi", "Selendang Ikat", "Garam Kusamba", "Kue Rambut", "Sopi Manis", "Cokelat Flores")
_VARIANTS = ("100 g", "250 g", "500 g", "1 kg", "250 ml", "500 ml", "1 lembar", "1 bungkus", "isi 10", "kecil",
             "sedang", "besar")
_CATEGORIES = ("Makanan", "Minuman", "Kerajinan", "Kain", "Bumbu", "Kecantikan")
WEIGHED_SHARE = 200  # one product in this many is sold by weight (at most 99,999 such codes exist)


class Sink(Protocol):
    """Where generated rows go (``benchmarks.dataset``): one backend's value forms and bulk insert."""

    def ts(self, moment: datetime) -> Any: ...

    def day(self, value: date) -> Any: ...

    def flag(self, value: bool) -> Any: ...

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None: ...

    def update_stock(self, rows: list[tuple[int, int]]) -> None: ...  # (stock_on_hand, product id)


@dataclass
class Catalog:
    """What the history generator needs to know of every vendor and product (index = id - 1)."""

    vendor_code: list[str]
    vendor_name: list[str]
    vendor_terms: list[str]
    vendor_pct: list[int | None]
    barcode: list[str]
    name: list[str]
    vendor_id: list[int]
    price: list[int]
    harga_setor: list[int | None]
    product_pct: list[int | None]
    measure: list[str]
    active: list[bool]

    def snapshot_pct(self, product_id: int) -> int | None:
        """The commission percentage a sale line keeps (as ``services.checkout._commission``)."""
        vendor = self.vendor_id[product_id - 1] - 1
        if self.vendor_terms[vendor] == "harga_setor":
            return None
        own = self.product_pct[product_id - 1]
        if own is not None:
            return own
        return self.vendor_pct[vendor] if self.vendor_pct[vendor] is not None else 0


def local_moment(day: date, seconds: float) -> datetime:
    """UTC moment ``seconds`` after local midnight of ``day`` (the machine's time zone, like the program)."""
    start = datetime.combine(day, time()).astimezone()
    return (start + timedelta(seconds=seconds)).astimezone(timezone.utc)


def ean13(prefix: str, number: int) -> str:
    body = f"{prefix}{number:0{12 - len(prefix)}d}"
    return body + gs1_check_digit(body)


def write_users(sink: Sink, start: date) -> None:
    created = sink.ts(local_moment(start, 6 * 3600))
    rows = [(index, username, full, role, hash_pin(pin), sink.flag(True), created, 0, 0)
            for index, (username, full, role, pin) in enumerate(USERS, start=1)]
    sink.insert("users", ("id", "username", "full_name", "role", "pin_hash", "active", "created_at", "failed_pins",
                          "lock_count"), rows)


def write_catalog(sink: Sink, rng: random.Random, vendors: int, products: int, end: date) -> Catalog:
    """Vendors (every third on harga setor), products spread over them, and P-IRT certificates."""
    cat = Catalog([], [], [], [], [], [], [], [], [], [], [], [])
    vendor_rows = []
    for index in range(1, vendors + 1):
        setor = index % 3 == 0
        code, name = f"UMKM{index:04d}", f"UMKM {rng.choice(_KINDS)} {rng.choice(NTT_REGENCIES)} {index}"
        pct = None if setor else rng.choice((10, 12, 15, 20, 25, 30))
        method = "cash" if index % 5 == 0 else "transfer"
        account = "" if method == "cash" else f"BRI 0{rng.randrange(10**11, 10**12)}"
        vendor_rows.append((index, code, name, f"Pemilik {index}", f"0812{rng.randrange(10**7, 10**8)}",
                            NTT_REGENCIES[index % len(NTT_REGENCIES)], f"Desa {index}",
                            "harga_setor" if setor else "commission", pct, method, account, "", sink.flag(True)))
        cat.vendor_code.append(code)
        cat.vendor_name.append(name)
        cat.vendor_terms.append("harga_setor" if setor else "commission")
        cat.vendor_pct.append(pct)
    sink.insert("vendors", ("id", "code", "name", "owner", "phone", "regency", "village", "terms", "commission_pct",
                            "payout_method", "payout_account", "notes", "active"), vendor_rows)
    product_rows, certificate_rows = [], []
    weighed = 0
    for index in range(1, products + 1):
        vendor_id = rng.randrange(vendors) + 1
        setor = cat.vendor_terms[vendor_id - 1] == "harga_setor"
        kind = rng.choice(_KINDS)
        if index % WEIGHED_SHARE == 0 and weighed < 99_999:
            weighed += 1
            measure, unit, code = "weight", "kg", f"21{weighed:05d}"
            price = rng.randrange(40, 400) * 1000  # per kg
        else:
            measure, unit, code = "unit", "pcs", ean13("899", index)
            price = rng.randrange(10, 500) * 500
        name = f"{kind} {rng.choice(_VARIANTS)} {index}"
        harga_setor = price * rng.randrange(70, 86) // 100 // 100 * 100 if setor else None
        own_pct = rng.choice((5, 8, 10)) if not setor and rng.random() < 0.1 else None
        active = rng.random() >= 0.01
        product_rows.append((index, code, name, rng.choice(_CATEGORIES), vendor_id, price, harga_setor, own_pct, unit,
                             measure, 5, sink.flag(active), 0, name.lower()))
        for column, value in zip((cat.barcode, cat.name, cat.vendor_id, cat.price, cat.harga_setor, cat.product_pct,
                                  cat.measure, cat.active),
                                 (code, name, vendor_id, price, harga_setor, own_pct, measure, active)):
            column.append(value)
        if rng.random() < 0.1:
            expires = end + timedelta(days=rng.randrange(-60, 900))
            certificate_rows.append((len(certificate_rows) + 1, index, "pirt", f"P-IRT {rng.randrange(10**14):015d}",
                                     sink.day(expires)))
        if len(product_rows) >= 20_000:
            _products(sink, product_rows)
            product_rows = []
    _products(sink, product_rows)
    sink.insert("product_certificates", ("id", "product_id", "kind", "number", "expires_on"), certificate_rows)
    return cat


def _products(sink: Sink, rows: list[tuple]) -> None:
    sink.insert("products", ("id", "barcode", "name", "category", "vendor_id", "price", "harga_setor",
                             "commission_pct", "unit", "measure", "reorder_level", "active", "stock_on_hand",
                             "name_search"), rows)

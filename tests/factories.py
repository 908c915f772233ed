"""Small builders for test data, going through the services like the program does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.auth import UserInfo, create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor
from nttmart_pos.services.catalog_admin import get_product

COFFEE = "8991234567891"


def seed_store(engine) -> dict:
    """Two vendors (commission and harga setor), four products, a cashier."""
    add_vendor(UnitOfWork(engine), VendorInput("KOPI01", "Kopi Bajawa Flores", regency="Ngada", commission_pct=15))
    add_vendor(UnitOfWork(engine), VendorInput("TENUN1", "Tenun Ina Ndao", regency="Rote Ndao", terms="harga_setor",
                                                commission_pct=None))
    ids = {
        "coffee": add_product(UnitOfWork(engine), ProductInput(COFFEE, "Kopi Arabika Bajawa 250 g", "KOPI01", 65000,
                                                                opening_stock=20)),
        "honey": add_product(UnitOfWork(engine), ProductInput(None, "Madu Hutan Timor 500 ml", "KOPI01", 85000,
                                                               commission_pct=20, opening_stock=10)),
        "scarf": add_product(UnitOfWork(engine), ProductInput(None, "Selendang Tenun Rote", "TENUN1", 250000,
                                                               harga_setor=200000, opening_stock=5)),
        "cashew": add_product(UnitOfWork(engine), ProductInput("2100001", "Kacang Mete Curah", "KOPI01", 120000,
                                                                unit="kg", measure="weight", opening_stock=5000)),
    }
    cashier = create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")
    return {"ids": ids, "cashier": cashier}


def cashier_info(seed: dict) -> UserInfo:
    return seed["cashier"]


@contextmanager
def seeded_database(url: str, *, manager: bool = True, codes: bool = False) -> Iterator[dict]:
    """An engine on the migrated database ``url`` with ``seed_store`` in it, disposed of on leaving.

    Yields the seed with ``engine``, a ``manager`` (manajer / PIN 9999) unless
    ``manager=False``, and with ``codes=True`` each product's barcode by name.
    """
    engine = make_engine(url)
    seed = seed_store(engine)
    if manager:
        seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    if codes:
        seed["codes"] = {name: get_product(UnitOfWork(engine), pid).barcode for name, pid in seed["ids"].items()}
    seed["engine"] = engine
    yield seed
    engine.dispose()

"""Small builders for test data, going through the services like the program does."""

from __future__ import annotations

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.auth import UserInfo, create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor

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

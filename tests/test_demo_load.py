"""Loading the demo store on SQLite and PostgreSQL: complete, consistent, all or nothing."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from nttmart_pos.db.models import Counter, Product, StockMovement, User, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.demo.catalog import DemoProduct, demo_products, demo_vendors
from nttmart_pos.domain.barcodes import is_instore, validate_barcode
from nttmart_pos.errors import BarcodeError, ValidationError
from nttmart_pos.services import demo as demo_module
from nttmart_pos.services.auth import create_user, login
from nttmart_pos.services.auth import user_exists
from nttmart_pos.services.demo import DEMO_USERS, has_demo_data, is_empty, load_demo


def rows(engine, model) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def products_by_name(engine) -> dict[str, SimpleNamespace]:
    """Plain copies: the unit of work's rollback on exit expires ORM objects."""
    columns = [column.key for column in Product.__table__.columns]
    with UnitOfWork(engine) as uow:
        return {p.name: SimpleNamespace(**{key: getattr(p, key) for key in columns})
                for p in uow.session.scalars(select(Product))}


def ledger_sums(engine) -> dict[int, int]:
    with UnitOfWork(engine) as uow:
        return dict(uow.session.execute(
            select(StockMovement.product_id, func.sum(StockMovement.quantity)).group_by(StockMovement.product_id)
        ).all())


def test_loads_the_whole_catalog_in_one_go(engine):
    assert is_empty(UnitOfWork(engine)) and not has_demo_data(UnitOfWork(engine))
    started = time.perf_counter()
    summary = load_demo(UnitOfWork(engine, write=True))
    elapsed = time.perf_counter() - started
    if engine.dialect.name == "sqlite":
        assert elapsed < 3, f"demo load took {elapsed:.2f} s"
    assert (summary.vendors, summary.products, summary.users) == (len(demo_vendors()), len(demo_products()),
                                                                  len(DEMO_USERS))
    assert summary.vendors >= 30 and summary.products >= 300
    assert rows(engine, Vendor) == summary.vendors and rows(engine, Product) == summary.products
    assert not is_empty(UnitOfWork(engine)) and has_demo_data(UnitOfWork(engine))


def test_products_keep_their_codes_terms_and_stock(engine):
    load_demo(UnitOfWork(engine, write=True))
    loaded = products_by_name(engine)
    with UnitOfWork(engine) as uow:
        vendor_codes = dict(uow.session.execute(select(Vendor.id, Vendor.code)).all())
    for item in demo_products():
        product = loaded[item.name]
        assert vendor_codes[product.vendor_id] == item.vendor_code
        assert (product.price, product.harga_setor, product.commission_pct) == (
            item.price, item.harga_setor, item.commission_pct)
        assert (product.unit, product.measure, product.category) == (item.unit, item.measure, item.category)
        assert product.stock_on_hand == item.stock  # weighed goods: grams, as the catalog gives them
        if item.barcode is not None:
            assert product.barcode == item.barcode
        else:
            assert is_instore(product.barcode) and product.barcode.startswith("20")


def test_barcodes_are_unique_and_valid_and_instore_codes_gapless(engine):
    load_demo(UnitOfWork(engine, write=True))
    products = list(products_by_name(engine).values())
    assert len({p.barcode for p in products}) == len(products)
    for product in products:
        if product.measure == "unit":
            assert validate_barcode(product.barcode) == product.barcode
        else:
            assert len(product.barcode) == 7 and product.barcode.startswith("21")
    unlabelled = sum(1 for item in demo_products() if item.barcode is None)
    instore = sorted(int(p.barcode[2:12]) for p in products if p.barcode.startswith("20"))
    assert instore == list(range(1, unlabelled + 1))
    with UnitOfWork(engine) as uow:
        assert uow.session.get(Counter, "instore-code").value == unlabelled


def test_stock_on_hand_equals_the_ledger(engine):
    load_demo(UnitOfWork(engine, write=True))
    sums = ledger_sums(engine)
    for product in products_by_name(engine).values():
        assert product.stock_on_hand == sums[product.id] > 0
    with UnitOfWork(engine) as uow:
        kinds = {tuple(row) for row in uow.session.execute(select(StockMovement.kind, StockMovement.reference))}
    assert kinds == {("received", "stok awal")}


def test_demo_users_log_in(engine):
    load_demo(UnitOfWork(engine, write=True))
    cashier = login(UnitOfWork(engine), "kasir", "1234")
    manager = login(UnitOfWork(engine), "manajer", "9999")
    assert (cashier.role, cashier.full_name) == ("cashier", "Kasir Demo")
    assert (manager.role, manager.full_name) == ("manager", "Manajer Demo")
    assert login(UnitOfWork(engine), "supervisor", "5555").role == "supervisor"
    assert login(UnitOfWork(engine), "admin", "0000").role == "admin"
    assert user_exists(UnitOfWork(engine), " Kasir ") and not user_exists(UnitOfWork(engine), "budi")


def test_an_existing_user_of_the_same_name_is_kept(engine):
    create_user(UnitOfWork(engine, write=True), "kasir", "Maria Bria", "cashier", "5555")
    summary = load_demo(UnitOfWork(engine, write=True))
    assert summary.users == len(DEMO_USERS) - 1
    assert login(UnitOfWork(engine), "kasir", "5555").full_name == "Maria Bria"
    assert rows(engine, User) == len(DEMO_USERS)


def test_a_second_load_is_refused_and_changes_nothing(engine):
    load_demo(UnitOfWork(engine, write=True))
    before = (rows(engine, Vendor), rows(engine, Product), rows(engine, StockMovement), rows(engine, User))
    with pytest.raises(ValidationError, match="sudah berisi data UMKM"):
        load_demo(UnitOfWork(engine, write=True))
    assert (rows(engine, Vendor), rows(engine, Product), rows(engine, StockMovement), rows(engine, User)) == before


def test_a_failure_half_way_leaves_nothing_behind(engine, monkeypatch):
    broken = DemoProduct("8991234567890", "Kopi Rusak", "Kopi & Teh", "V001", 10000, None, None, "bks", "unit", 1)
    monkeypatch.setattr(demo_module, "demo_products", lambda: demo_products() + [broken])
    with pytest.raises(BarcodeError):
        load_demo(UnitOfWork(engine, write=True))
    assert is_empty(UnitOfWork(engine))
    assert (rows(engine, Product), rows(engine, StockMovement), rows(engine, User)) == (0, 0, 0)
    with UnitOfWork(engine) as uow:
        assert uow.session.get(Counter, "instore-code") is None  # in-store numbers were given back




def test_demo_products_have_reorder_levels_for_the_low_stock_list(engine):
    from nttmart_pos.db.models import Product

    load_demo(UnitOfWork(engine, write=True))
    with UnitOfWork(engine) as uow:
        products = uow.session.scalars(select(Product)).all()
        assert all(p.reorder_level == max(1, p.stock_on_hand // 5) for p in products if p.measure == "unit")
        assert all(p.reorder_level == 0 for p in products if p.measure == "weight")

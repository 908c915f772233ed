"""Checkout on SQLite and PostgreSQL: totals, change, split payment, numbering,
snapshots of consignment terms, and all-or-nothing commits."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from nttmart_pos.db.models import Payment, Product, Sale, SaleLine, StockMovement
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import NotFoundError, PaymentError, PermissionDenied, ValidationError
from nttmart_pos.services import sale_writer
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.stock import ledger_stock


def scan(engine, cart: Cart, code: str) -> None:
    found = product_for_scan(UnitOfWork(engine), code)
    cart.add(found.product, grams=found.grams, fixed_total=found.price)


def sell(engine, seed, codes, payments, terminal="T01"):
    cart = Cart()
    for code in codes:
        scan(engine, cart, code)
    return checkout(UnitOfWork(engine, write=True), cart, payments, seed["cashier"], terminal)


def barcode_of(engine, product_id):
    with UnitOfWork(engine) as uow:
        return uow.session.get(Product, product_id).barcode


def count(engine, model) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_cash_sale_with_change_is_recorded_with_lines_payments_and_stock(engine):
    seed = seed_store(engine)
    honey = barcode_of(engine, seed["ids"]["honey"])
    result = sell(engine, seed, [COFFEE, honey, COFFEE], [PaymentEntry("cash", 250000)])
    assert result.receipt_no == "T01-000001"
    assert result.total == 2 * 65000 + 85000
    assert result.change == 250000 - 215000
    with UnitOfWork(engine) as uow:
        sale = uow.session.scalar(select(Sale))
        assert [(l.product_name, l.quantity, l.line_total) for l in sale.lines] == [
            ("Kopi Arabika Bajawa 250 g", 2, 130000), ("Madu Hutan Timor 500 ml", 1, 85000)]
        assert [(p.method, p.amount, p.tendered) for p in sale.payments] == [("cash", 215000, 250000)]
        assert sale.paid == 250000 and sale.change == 35000
        coffee = uow.session.get(Product, seed["ids"]["coffee"])
        assert coffee.stock_on_hand == 18 == ledger_stock(uow.session, coffee.id)


def test_split_payment_qris_and_cash(engine):
    seed = seed_store(engine)
    result = sell(engine, seed, [COFFEE], [PaymentEntry("qris", 40000), PaymentEntry("cash", 30000)])
    assert result.change == 5000
    with UnitOfWork(engine) as uow:
        payments = uow.session.scalars(select(Payment).order_by(Payment.id)).all()
        assert [(p.method, p.amount) for p in payments] == [("qris", 40000), ("cash", 25000)]
        assert sum(p.amount for p in payments) == result.total


def test_payment_short_or_non_cash_overpaid_is_refused_and_nothing_written(engine):
    seed = seed_store(engine)
    with pytest.raises(PaymentError, match="kurang Rp5.000"):
        sell(engine, seed, [COFFEE], [PaymentEntry("cash", 60000)])
    with pytest.raises(PaymentError):
        sell(engine, seed, [COFFEE], [PaymentEntry("card", 70000)])
    with pytest.raises(ValidationError):
        checkout(UnitOfWork(engine, write=True), Cart(), [PaymentEntry("cash", 1000)], seed["cashier"], "T01")
    assert count(engine, Sale) == 0


def test_receipt_numbers_are_per_terminal_gapless_and_unique(engine):
    seed = seed_store(engine)
    numbers = [sell(engine, seed, [COFFEE], [PaymentEntry("cash", 65000)], terminal=t).receipt_no
               for t in ("T01", "T02", "T01", "T01", "T02")]
    assert numbers == ["T01-000001", "T02-000001", "T01-000002", "T01-000003", "T02-000002"]


def test_terms_are_snapshotted_so_later_edits_change_nothing(engine):
    seed = seed_store(engine)
    scarf = barcode_of(engine, seed["ids"]["scarf"])
    honey = barcode_of(engine, seed["ids"]["honey"])
    sell(engine, seed, [COFFEE, scarf, honey], [PaymentEntry("card", 400000, reference="APPR 123")])
    with UnitOfWork(engine, write=True) as uow:
        for product in uow.session.scalars(select(Product)):
            product.price += 1000
            product.name = "Diubah"
            if product.harga_setor:
                product.harga_setor = 1000
        product.vendor.commission_pct = 50
        uow.commit()
    with UnitOfWork(engine) as uow:
        lines = uow.session.scalars(select(SaleLine).order_by(SaleLine.line_no)).all()
        assert [(l.product_name, l.unit_price, l.vendor_code, l.terms, l.harga_setor, l.commission_pct)
                for l in lines] == [
            ("Kopi Arabika Bajawa 250 g", 65000, "KOPI01", "commission", None, 15),
            ("Selendang Tenun Rote", 250000, "TENUN1", "harga_setor", 200000, None),
            ("Madu Hutan Timor 500 ml", 85000, "KOPI01", "commission", None, 20),
        ]


def test_weight_label_sells_grams_at_price_per_kg(engine):
    seed = seed_store(engine)
    result = sell(engine, seed, ["2100001015008"], [PaymentEntry("cash", 200000)])
    assert result.total == 180000  # 1,5 kg x Rp120.000
    with UnitOfWork(engine) as uow:
        line = uow.session.scalar(select(SaleLine))
        assert (line.quantity, line.unit_price, line.line_total) == (1500, 120000, 180000)
        assert uow.session.get(Product, seed["ids"]["cashew"]).stock_on_hand == 3500


def test_failure_mid_commit_writes_nothing_and_keeps_numbering(engine, monkeypatch):
    seed = seed_store(engine)
    sell(engine, seed, [COFFEE], [PaymentEntry("cash", 65000)])
    before = {m: count(engine, m) for m in (Sale, SaleLine, Payment, StockMovement)}

    real = sale_writer.append

    def journal_then_power_cut(*args, **kwargs):  # every row of the sale is written, the journal too
        real(*args, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(sale_writer, "append", journal_then_power_cut)
    honey = barcode_of(engine, seed["ids"]["honey"])
    with pytest.raises(RuntimeError):
        sell(engine, seed, [COFFEE, honey], [PaymentEntry("cash", 200000)])
    monkeypatch.setattr(sale_writer, "append", real)
    assert {m: count(engine, m) for m in before} == before
    with UnitOfWork(engine) as uow:
        assert uow.session.get(Product, seed["ids"]["coffee"]).stock_on_hand == 19
    assert sell(engine, seed, [COFFEE], [PaymentEntry("cash", 65000)]).receipt_no == "T01-000002"


def test_unknown_and_malformed_codes(engine):
    seed_store(engine)
    with pytest.raises(NotFoundError, match="tidak dikenal"):
        product_for_scan(UnitOfWork(engine), "8990000000013")
    with pytest.raises(ValidationError):
        product_for_scan(UnitOfWork(engine), "8991234567890")
    with pytest.raises(ValidationError):
        product_for_scan(UnitOfWork(engine), "2100001")  # a scale item needs its label


def test_price_label_and_upc_a_scanned_as_ean13(engine):
    from nttmart_pos.services.catalog import ProductInput, add_product

    seed = seed_store(engine)
    add_product(UnitOfWork(engine), ProductInput("2200002", "Se'i Sapi Curah", "KOPI01", 0, measure="price"))
    add_product(UnitOfWork(engine), ProductInput("036000291452", "Impor UPC-A", "KOPI01", 10000))
    # 22 00002 04750 C: a scale label that carries the price Rp4.750
    result = sell(engine, seed, ["2200002047500", "0036000291452", "036000291452"], [PaymentEntry("cash", 30000)])
    assert result.total == 4750 + 2 * 10000
    with UnitOfWork(engine) as uow:
        lines = uow.session.scalars(select(SaleLine).order_by(SaleLine.line_no)).all()
        assert [(l.product_name, l.quantity, l.line_total) for l in lines] == [
            ("Se'i Sapi Curah", 1, 4750), ("Impor UPC-A", 2, 20000)]


def test_sale_discount_is_spread_over_the_lines_exactly(engine):
    seed = seed_store(engine)
    cart = Cart()
    for code in (COFFEE, barcode_of(engine, seed["ids"]["honey"]), barcode_of(engine, seed["ids"]["scarf"])):
        found = product_for_scan(UnitOfWork(engine), code)
        cart.add(found.product)
    cart.set_sale_discount(10001, "pelanggan tetap")  # 2,5 %: within a cashier's limit
    result = checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", 400000)], seed["cashier"], "T01")
    assert result.total == 65000 + 85000 + 250000 - 10001
    with UnitOfWork(engine) as uow:
        sale = uow.session.get(Sale, result.sale_id)
        shares = [line.sale_discount_share for line in sale.lines]
        assert sum(shares) == 10001 == sale.discount
        assert sum(line.line_total - line.sale_discount_share for line in sale.lines) == sale.total
    with pytest.raises(ValidationError):
        cart.set_sale_discount(10**9)


def test_only_a_user_with_a_known_role_may_sell_and_nothing_is_written_otherwise(engine):
    seed = seed_store(engine)
    cart = Cart()
    cart.add(product_for_scan(UnitOfWork(engine), COFFEE).product)
    with pytest.raises(PermissionDenied, match="menjual"):
        checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", 65000)],
                 UserInfo(seed["cashier"].id, "kasir", "Maria Bria", "tamu"), "T01")
    assert count(engine, Sale) == 0


def test_a_free_item_sells_with_no_payment_row_and_a_valid_journal(engine):
    """A Rp0 product (a sample, a gift bag): the sale, its line and stock are recorded, no payment row."""
    from nttmart_pos.services.catalog import ProductInput, add_product
    from nttmart_pos.services.journal_verify import verify_journal
    from conftest import TEST_JOURNAL_KEY

    seed = seed_store(engine)
    gift = add_product(UnitOfWork(engine), ProductInput(None, "Tas Kain Hadiah", "KOPI01", 0))
    result = sell(engine, seed, [barcode_of(engine, gift)], [PaymentEntry("cash", 1000)])
    assert (result.total, result.change) == (0, 1000)
    assert (count(engine, Sale), count(engine, SaleLine), count(engine, Payment)) == (1, 1, 0)
    assert verify_journal(UnitOfWork(engine), TEST_JOURNAL_KEY).ok

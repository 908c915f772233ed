"""Discounts and price overrides at checkout: the limit to the Rupiah, reasons, what is stored and
journalled, and what the vendors get for such a sale; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from factories import seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Sale, SaleLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, CartProduct, PaymentEntry, percent_of
from nttmart_pos.domain.refunds import line_net, sold_line_split
from nttmart_pos.errors import PermissionDenied, ValidationError
from nttmart_pos.hardware.receipt_layout import layout_receipt
from nttmart_pos.services.auth import authorize_override, create_user
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.permissions import DISCOUNT_OVER_LIMIT, PRICE_OVERRIDE
from nttmart_pos.services.receipts import receipt_for
from nttmart_pos.services.settlement import settlement_figures
from settlement_helpers import at, cart_product, give_back, journal_written_last, net_sales, past_day

DAY = past_day(2)


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["supervisor"] = create_user(UnitOfWork(engine), "spv", "Yohana Lado", "supervisor", "5678")
    seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    return seed


def coffee_cart(engine, store, pieces: int = 2) -> Cart:
    cart = Cart()
    cart.add(cart_product(engine, store["ids"]["coffee"]), pieces)  # Rp65.000 a piece
    return cart


def pay(engine, user, cart: Cart, **kwargs):
    return checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", max(cart.total, 1))], user, "T01",
                    **kwargs)


def approval(engine, username: str, pin: str, permission: str):
    return authorize_override(UnitOfWork(engine, write=True), username, pin, permission, terminal="T01")


def sales(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(Sale))


def journal(engine, kind: str) -> list[SimpleNamespace]:
    """The journal entries of ``kind``, oldest first: ref, user_name, approver_name and the event's data."""
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(JournalEntry).where(JournalEntry.kind == kind).order_by(JournalEntry.seq))
        return [SimpleNamespace(ref=row.ref, user_name=row.user_name, approver_name=row.approver_name,
                                data=json.loads(row.body)["data"]) for row in rows]


def test_percent_of_rounds_half_up_and_takes_whole_percents_only():
    assert percent_of(130_000, 5) == 6_500
    assert percent_of(12_345, 10) == 1_235  # 1.234,5
    assert percent_of(999, 50) == 500  # 499,5
    assert percent_of(7_350, 0) == 0 and percent_of(7_350, 100) == 7_350
    for bad in (101, -1, 5.5, True, "5"):
        with pytest.raises(ValidationError):
            percent_of(10_000, bad)


def test_fewer_pieces_drop_a_line_discount_larger_than_the_line():
    cart = Cart()
    cart.add(CartProduct(1, "8991234567891", "Kopi", 65_000), 3)
    cart.set_line_discount(0, 100_000, "rusak")
    cart.set_quantity(0, 2)  # 130.000 still covers the discount
    assert (cart.lines[0].discount, cart.total, cart.discount_total) == (100_000, 30_000, 100_000)
    cart.set_quantity(0, 1)  # 65.000 does not: the discount must be given again
    assert (cart.lines[0].discount, cart.lines[0].discount_reason, cart.total) == (0, "", 65_000)


def test_a_cashier_may_give_exactly_the_limit_and_one_rupiah_more_needs_a_supervisor(engine, store):
    cashier = store["cashier"]
    cart = coffee_cart(engine, store)  # gross 130.000; 5 % = 6.500
    cart.set_line_discount(0, 3_000, "kemasan penyok")
    cart.set_sale_discount(percent_of(cart.gross, 5) - 3_000, "pelanggan tetap")
    assert cart.discount_total == 6_500 and not cart.discount_percent_exceeds(5)
    assert pay(engine, cashier, cart).total == 123_500

    cart = coffee_cart(engine, store)
    cart.set_line_discount(0, 3_000, "kemasan penyok")
    cart.set_sale_discount(3_501, "pelanggan tetap")
    assert cart.discount_percent_exceeds(5)
    with pytest.raises(PermissionDenied, match="memberi diskon di atas batas"):
        pay(engine, cashier, cart)
    assert sales(engine) == 1
    assert pay(engine, cashier, cart, discount_limit_pct=10).total == 123_499  # a store with a higher limit
    assert pay(engine, store["supervisor"], cart).total == 123_499  # a supervisor's own role allows it
    with UnitOfWork(engine) as uow:
        assert uow.session.scalars(select(Sale.approver_name).order_by(Sale.id)).all() == ["", "", ""]
    assert journal(engine, "discount.override") == []  # nobody's approval was needed

    allowed = approval(engine, "spv", "5678", DISCOUNT_OVER_LIMIT)
    with journal_written_last(engine) as transactions:
        result = pay(engine, cashier, cart, approvals=[allowed])
    assert [writes[-2:] for writes in transactions] == [["journal", "journal"]]  # the sale, then the override
    with UnitOfWork(engine) as uow:
        sale = uow.session.get(Sale, result.sale_id)
        assert (sale.cashier_name, sale.approver_id, sale.approver_name, sale.discount, sale.discount_reason) == (
            "Maria Bria", store["supervisor"].id, "Yohana Lado", 3_501, "pelanggan tetap")
    [entry] = journal(engine, "discount.override")
    assert (entry.ref, entry.user_name, entry.approver_name) == (result.receipt_no, "Maria Bria", "Yohana Lado")
    data = entry.data
    assert (data["receipt_no"], data["gross"], data["discount"], data["percent"], data["limit_pct"]) == (
        result.receipt_no, 130_000, 6_501, "5.00", 5)
    assert (data["sale_discount"], data["sale_discount_reason"]) == (3_501, "pelanggan tetap")
    assert data["lines"] == [{"line_no": 1, "barcode": "8991234567891", "name": "Kopi Arabika Bajawa 250 g",
                              "gross": 130_000, "discount": 3_000, "reason": "kemasan penyok"}]
    sale_entry = journal(engine, "sale")[-1]
    assert (sale_entry.ref, sale_entry.approver_name) == (result.receipt_no, "Yohana Lado")


def test_every_discount_and_changed_price_needs_a_reason(engine, store):
    supervisor = store["supervisor"]
    cart = coffee_cart(engine, store)
    with pytest.raises(ValidationError, match="Alasan harus diisi"):
        cart.set_line_discount(0, 1_000, "  ")
    with pytest.raises(ValidationError, match="Alasan harus diisi"):
        cart.set_line_price(0, 60_000, "")
    cart.set_sale_discount(1_000)
    with pytest.raises(ValidationError, match="Diskon transaksi harus diberi alasan"):
        pay(engine, supervisor, cart)
    cart = coffee_cart(engine, store)
    cart.lines[0].discount = 1_000  # set around the cart's own check
    with pytest.raises(ValidationError, match="Diskon untuk Kopi Arabika Bajawa 250 g harus diberi alasan"):
        pay(engine, supervisor, cart)
    cart = coffee_cart(engine, store)
    cart.lines[0].price_override = 60_000
    with pytest.raises(ValidationError, match="Perubahan harga Kopi Arabika Bajawa 250 g harus diberi alasan"):
        pay(engine, supervisor, cart)
    cart.lines[0].price_override, cart.lines[0].override_reason = -1, "x"
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        pay(engine, supervisor, cart)
    assert sales(engine) == 0 and journal(engine, "sale") == []


def test_line_discount_and_changed_price_are_stored_and_the_price_needs_its_own_approval(engine, store):
    cashier = store["cashier"]
    cart = coffee_cart(engine, store)
    cart.set_line_price(0, 60_000, "harga grosir")
    cart.set_line_discount(0, 5_000, "kemasan penyok")
    assert (cart.gross, cart.total, cart.discount_total) == (120_000, 115_000, 5_000)  # 4,17 %: within the limit
    with pytest.raises(PermissionDenied, match="mengubah harga"):
        pay(engine, cashier, cart)
    wrong = approval(engine, "spv", "5678", DISCOUNT_OVER_LIMIT)
    with pytest.raises(PermissionDenied, match="mengubah harga"):
        pay(engine, cashier, cart, approvals=[wrong])
    assert sales(engine) == 0
    result = pay(engine, cashier, cart, approvals=[wrong, approval(engine, "manajer", "9999", PRICE_OVERRIDE)])
    with UnitOfWork(engine) as uow:
        line = uow.session.scalar(select(SaleLine).where(SaleLine.sale_id == result.sale_id))
        assert (line.unit_price, line.list_price, line.discount, line.line_total, line.discount_reason) == (
            60_000, 65_000, 5_000, 115_000, "kemasan penyok; harga: harga grosir")
        assert uow.session.get(Sale, result.sale_id).approver_name == "Yohanes Seran"
    [entry] = journal(engine, "price.override")
    assert (entry.user_name, entry.approver_name) == ("Maria Bria", "Yohanes Seran")
    assert entry.data["lines"] == [{
        "line_no": 1, "barcode": "8991234567891", "name": "Kopi Arabika Bajawa 250 g", "measure": "unit",
        "quantity": 2, "list_price": 65_000, "unit_price": 60_000, "reason": "harga grosir"}]
    assert journal(engine, "discount.override") == []  # the wrong approval was not used

    cart = coffee_cart(engine, store, 1)
    cart.set_line_price(0, 65_000, "")  # the catalogue's own price is no override
    assert cart.lines[0].price_override is None
    assert pay(engine, cashier, cart).total == 65_000


def test_vendors_are_paid_right_after_line_discounts_a_changed_price_and_two_approvers(engine, store):
    ids, cashier = store["ids"], store["cashier"]
    cart = Cart()
    cart.add(cart_product(engine, ids["coffee"]), 2)  # commission 15 %
    cart.add(cart_product(engine, ids["scarf"]), 1)  # harga setor Rp200.000
    cart.add(cart_product(engine, ids["honey"]), 1)  # commission 20 %
    cart.set_line_price(0, 60_000, "harga grosir")
    cart.set_line_discount(0, 5_000, "kemasan penyok")
    cart.set_line_discount(1, 20_000, "warna pudar")
    cart.set_sale_discount(4_300, "pelanggan tetap")
    assert (cart.gross, cart.subtotal, cart.discount_total, cart.total) == (455_000, 430_000, 29_300, 425_700)
    approvals = [approval(engine, "spv", "5678", DISCOUNT_OVER_LIMIT),
                 approval(engine, "manajer", "9999", PRICE_OVERRIDE)]
    result = checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", 430_000)], cashier, "T01",
                      now=at(DAY), approvals=approvals)
    with UnitOfWork(engine) as uow:
        sale = uow.session.get(Sale, result.sale_id)
        assert (sale.approver_id, sale.approver_name) == (store["supervisor"].id, "Yohana Lado, Yohanes Seran")
        lines = sorted(sale.lines, key=lambda line: line.line_no)
        # 4.300 spread over 115.000 / 230.000 / 85.000: 1.150 / 2.300 / 850
        assert [(l.line_total, l.discount, l.sale_discount_share, line_net(l)) for l in lines] == [
            (115_000, 5_000, 1_150, 113_850), (230_000, 20_000, 2_300, 227_700), (85_000, 0, 850, 84_150)]
        # 15 % of 113.850 = 17.077,5 -> 17.078; 20 % of 84.150 = 16.830; harga setor whatever the discounts
        assert [sold_line_split(l).vendor_amount for l in lines] == [96_772, 200_000, 67_320]
    kopi, tenun = settlement_figures(UnitOfWork(engine), DAY, DAY, ["KOPI01", "TENUN1"])
    assert (kopi.gross, kopi.vendor_amount, kopi.commission) == (198_000, 164_092, 33_908)
    assert (tenun.gross, tenun.vendor_amount, tenun.commission) == (227_700, 200_000, 27_700)
    assert [s.unit_price for s in kopi.sales] == [60_000, 85_000]  # the price charged, not the catalogue's
    assert kopi.vendor_amount + kopi.commission + tenun.vendor_amount + tenun.commission == net_sales(
        engine, DAY, DAY) == 425_700

    give_back(engine, store["supervisor"], result.receipt_no, [(1, 1)], DAY)
    kopi = settlement_figures(UnitOfWork(engine), DAY, DAY, ["KOPI01"])[0]
    [back] = kopi.refunds
    assert (back.split.amount, back.split.vendor_amount) == (56_925, 48_386)  # half of 113.850 and of 96.772
    assert kopi.vendor_amount == 164_092 - 48_386

    receipt = "\n".join(layout_receipt(receipt_for(UnitOfWork(engine), result.receipt_no, Settings()), 48))
    assert "Diskon" in receipt and "-5.000" in receipt and "-20.000" in receipt and "-4.300" in receipt

"""The dashboard's figures on hand-made sales in WITA (UTC+8), on SQLite and PostgreSQL:
local-day bounds, totals with a sale discount and a refund, every breakdown, slow movers."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from factories import COFFEE, seed_store
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.domain.chart_scale import axis_scale, axis_ticks, percent_text, short_amount
from nttmart_pos.domain.periods import local_date, local_day_bounds, local_hour, period_bounds
from nttmart_pos.domain.regions import NTT_REGENCIES
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import set_language
from nttmart_pos.services import sale_writer
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor, product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.dashboard import OTHER_REGION, dashboard
from nttmart_pos.services.refunds import RefundRequest, refund

DAY = date(2026, 3, 10)
WITA = timezone(timedelta(hours=8))


@pytest.fixture
def wita(monkeypatch):
    """The till's clock in Kupang: local days start at 16:00 UTC the day before."""
    monkeypatch.setenv("TZ", "Asia/Makassar")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WITA)


def sell(engine, seed, monkeypatch, when: datetime, codes: list[str], payments: list[PaymentEntry],
         discount: int = 0) -> str:
    cart = Cart()
    for code in codes:
        found = product_for_scan(UnitOfWork(engine), code)
        cart.add(found.product, grams=found.grams, fixed_total=found.price)
    cart.set_sale_discount(discount, "promo" if discount else "")
    monkeypatch.setattr(sale_writer, "utcnow", lambda: when.astimezone(timezone.utc))
    return checkout(UnitOfWork(engine, write=True), cart, payments, seed["cashier"], "T01").receipt_no


def barcode(engine, product_id: int) -> str:
    with UnitOfWork(engine) as uow:
        return uow.session.get(Product, product_id).barcode


@pytest.fixture
def store(engine, wita, monkeypatch):
    """Sales around the local day DAY, one with a sale discount, and a refund."""
    seed = seed_store(engine)
    manager = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    add_vendor(UnitOfWork(engine), VendorInput("IKAT01", "Ikat Sumba Lambanapu", regency="Sumba Timur"))
    seed["ids"]["ikat"] = add_product(UnitOfWork(engine), ProductInput(None, "Kain Ikat Sumba", "IKAT01", 900000,
                                                                      opening_stock=2))
    honey, scarf = barcode(engine, seed["ids"]["honey"]), barcode(engine, seed["ids"]["scarf"])
    before = sell(engine, seed, monkeypatch, at(DAY - timedelta(days=1), 23, 58), [honey],
                  [PaymentEntry("cash", 85000)])
    sell(engine, seed, monkeypatch, at(DAY, 0, 30), [honey], [PaymentEntry("transfer", 85000)])
    second = sell(engine, seed, monkeypatch, at(DAY, 9, 15), [COFFEE, honey, COFFEE], [PaymentEntry("cash", 250000)])
    sell(engine, seed, monkeypatch, at(DAY, 9, 40), [scarf, COFFEE],
         [PaymentEntry("qris", 100000), PaymentEntry("cash", 200000)], discount=15000)
    sell(engine, seed, monkeypatch, at(DAY, 14, 5), ["2100001015008"], [PaymentEntry("card", 180000)])
    sell(engine, seed, monkeypatch, at(DAY + timedelta(days=1), 0, 0), [COFFEE], [PaymentEntry("cash", 65000)])
    # one coffee of the 9.15 sale back, in cash, at 16.00; a refund the day before counts on that day
    refund(UnitOfWork(engine, write=True), manager, second, [RefundRequest(1, 1)], method="cash", restock=True,
           reason="Kemasan rusak", terminal="T01", now=at(DAY, 16))
    refund(UnitOfWork(engine, write=True), manager, before, [RefundRequest(1, 1)], method="cash", restock=True,
           reason="Salah beli", terminal="T01", now=at(DAY - timedelta(days=1), 23, 59))
    return seed


def test_totals_of_a_local_day(engine, store):
    totals = dashboard(UnitOfWork(engine), DAY, DAY).totals
    # 00.30, 9.15, 9.40 and 14.05 local; 23.58 the day before and 00.00 the day after are not this day
    assert totals.sales == 4
    assert totals.gross == 85000 + 215000 + 315000 + 180000
    assert totals.discounts == 15000
    assert (totals.refunds, totals.refund_count) == (65000, 1)
    assert totals.net == 795000 - 15000 - 65000 == 715000
    assert totals.average_sale == 780000 // 4
    assert totals.items_sold == 1 + 3 + 2 + 1  # the 1,5 kg of cashews is one item


def test_every_breakdown_adds_up_to_the_net(engine, store):
    board = dashboard(UnitOfWork(engine), DAY, DAY)
    hours = {h.hour: (h.sales, h.net) for h in board.by_hour if h.sales or h.net}
    assert hours == {0: (1, 85000), 9: (2, 215000 + 300000), 14: (1, 180000), 16: (0, -65000)}
    assert len(board.by_hour) == 24
    assert [(m.method, m.sales, m.received, m.refunded, m.net, m.share_permille) for m in board.by_method] == [
        ("cash", 2, 215000 + 200000, 65000, 350000, 490), ("card", 1, 180000, 0, 180000, 252),
        ("qris", 1, 100000, 0, 100000, 140), ("transfer", 1, 85000, 0, 85000, 119)]
    # the 15.000 discount: 11.905 on the scarf (larger remainder), 3.095 on the coffee
    assert [(p.name, p.quantity, p.net) for p in board.top_products] == [
        ("Selendang Tenun Rote", 1, 250000 - 11905), ("Kacang Mete Curah", 1500, 180000),
        ("Madu Hutan Timor 500 ml", 2, 170000), ("Kopi Arabika Bajawa 250 g", 3, 130000 + 61905 - 65000)]
    assert [(v.code, v.regency, v.items, v.net) for v in board.top_vendors] == [
        ("KOPI01", "Ngada", 6, 476905), ("TENUN1", "Rote Ndao", 1, 238095)]
    for rows in (board.by_hour, board.by_method, board.top_products, board.top_vendors, board.by_regency):
        assert sum(row.net for row in rows) == board.totals.net
    assert (board.received, board.non_cash_received, board.non_cash_permille) == (780000, 365000, 468)
    assert (board.top_products_permille, board.top_vendors_permille) == (1000, 1000)


def test_regencies_all_22_sorted_with_shares(engine, store):
    board = dashboard(UnitOfWork(engine), DAY, DAY)
    regions = board.by_regency
    assert sorted(r.regency for r in regions) == sorted(NTT_REGENCIES)
    assert [(r.regency, r.vendors, r.items, r.net, r.share_permille) for r in regions[:2]] == [
        ("Ngada", 1, 6, 476905, 667), ("Rote Ndao", 1, 1, 238095, 333)]
    assert all(r.net == 0 and r.share_permille == 0 for r in regions[2:])
    # the zeros keep the official order: the backers see every regency
    assert [r.regency for r in regions[2:]] == [n for n in NTT_REGENCIES if n not in ("Ngada", "Rote Ndao")]
    assert board.regencies_with_sales == 2


def test_slow_movers_least_sold_then_most_stock_value(engine, store):
    board = dashboard(UnitOfWork(engine), DAY, DAY)
    movers = [(m.name, m.sold, m.stock_on_hand, m.stock_value, m.last_sold, m.days_since_sale)
              for m in board.slow_movers]
    assert movers == [
        ("Kain Ikat Sumba", 0, 2, 1800000, None, None),
        ("Selendang Tenun Rote", 1, 4, 1000000, DAY, 0),
        ("Kacang Mete Curah", 1, 3500, 420000, DAY, 0),  # 3,5 kg at Rp120.000/kg; one sale line
        ("Madu Hutan Timor 500 ml", 2, 8, 680000, DAY, 0),  # 10 - 3 sold + 1 back on the shelf
        ("Kopi Arabika Bajawa 250 g", 3, 17, 1105000, DAY, 0),  # 20 - 4 sold (one the next day) + 1 back
    ]
    assert board.slow_movers_stock_value == 1800000 + 1000000 + 420000 + 680000 + 1105000
    # the next day only a coffee sold: the others' last sale is a day old
    later = {m.name: (m.sold, m.days_since_sale) for m in dashboard(UnitOfWork(engine), DAY + timedelta(days=1),
                                                                      DAY + timedelta(days=1)).slow_movers}
    assert later["Selendang Tenun Rote"] == (0, 1)
    assert later["Kopi Arabika Bajawa 250 g"] == (1, 0)


def test_a_period_of_days_and_an_empty_one(engine, store):
    two_days = dashboard(UnitOfWork(engine), DAY - timedelta(days=1), DAY)
    assert two_days.totals.sales == 5
    assert two_days.totals.refunds == 65000 + 85000
    assert two_days.totals.net == 715000 + 85000 - 85000
    empty = dashboard(UnitOfWork(engine), date(2026, 1, 1), date(2026, 1, 1))
    assert (empty.totals.sales, empty.totals.net, empty.totals.average_sale) == (0, 0, 0)
    assert empty.top_products == () and empty.top_vendors == () and empty.by_method == ()
    assert len(empty.by_regency) == 22 and empty.regencies_with_sales == 0
    with pytest.raises(ValidationError, match="lebih awal"):
        dashboard(UnitOfWork(engine), DAY, DAY - timedelta(days=1))


def test_vendor_outside_ntt_is_grouped_last(engine, wita, monkeypatch):
    seed = seed_store(engine)
    vendor_id = add_vendor(UnitOfWork(engine), VendorInput("LUAR01", "Toko Titipan Luar", regency="Alor"))
    with UnitOfWork(engine, write=True) as uow:  # a vendor from before regencies were required
        uow.session.get(Vendor, vendor_id).regency = ""
        uow.commit()
    pid = add_product(UnitOfWork(engine), ProductInput(None, "Gantungan Kunci", "LUAR01", 15000, opening_stock=5))
    sell(engine, seed, monkeypatch, at(DAY, 10), [barcode(engine, pid)], [PaymentEntry("cash", 15000)])
    regions = dashboard(UnitOfWork(engine), DAY, DAY).by_regency
    assert len(regions) == 23
    assert (regions[-1].regency, regions[-1].net, regions[-1].share_permille) == (OTHER_REGION, 15000, 1000)


def test_short_amounts_ticks_and_percentages():
    assert [short_amount(a) for a in (0, 950, 12500, 350000, 999950, 1250000, 1240000, 15_000_000_000)] == [
        "0", "950", "12,5 rb", "350 rb", "1 jt", "1,3 jt", "1,2 jt", "15 M"]
    assert axis_ticks(48000) == [0, 10000, 20000, 30000, 40000, 50000]
    assert axis_ticks(1234) == [0, 250, 500, 750, 1000, 1250]
    assert axis_ticks(0) == [0, 1]
    assert axis_scale([40000, -30000]) == (-30000, [-30000, -20000, -10000, 0, 10000, 20000, 30000, 40000])
    assert axis_scale([40000, -800]) == (-1000, [0, 10000, 20000, 30000, 40000])  # a sliver for a small refund
    assert percent_text(667) == "66,7%"
    set_language("en")
    assert (short_amount(1250000), short_amount(350000), percent_text(667)) == ("1.3M", "350K", "66.7%")


def test_local_days_in_utc(wita, monkeypatch):
    start, end = local_day_bounds(DAY)
    assert start == datetime(2026, 3, 9, 16, tzinfo=timezone.utc)
    assert end == datetime(2026, 3, 10, 16, tzinfo=timezone.utc)
    assert period_bounds(DAY, DAY + timedelta(days=6))[1] == datetime(2026, 3, 16, 16, tzinfo=timezone.utc)
    assert local_date(datetime(2026, 3, 9, 16, tzinfo=timezone.utc)) == DAY
    assert local_date(datetime(2026, 3, 9, 15, 59)) == DAY - timedelta(days=1)  # naive: UTC, as stored
    assert local_hour(datetime(2026, 3, 10, 1, 15, tzinfo=timezone.utc)) == 9
    monkeypatch.setenv("TZ", "Europe/Berlin")  # a day with a clock change is 23 hours long, not 24
    time.tzset()
    start, end = local_day_bounds(date(2026, 3, 29))
    assert end - start == timedelta(hours=23)

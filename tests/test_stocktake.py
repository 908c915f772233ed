"""Stok opname on SQLite and PostgreSQL: counting by scan and by typed quantity,
expected against counted, posting adjustments, sales during the count, scope,
one open stock take, permissions, and the ledger invariant."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from nttmart_pos.db.inventory_models import StockTake, StockTakeCount
from nttmart_pos.db.models import Product, StockMovement
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import gs1_check_digit
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.errors import BarcodeError, NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.i18n import set_language
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, add_product, product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.stock import ledger_stock
from nttmart_pos.services.stocktake import (
    cancel_stocktake,
    count_item,
    open_stocktake,
    post_stocktake,
    reset_count,
    start_stocktake,
    stocktake_view,
)

YEAR = datetime.now().astimezone().year


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Manajer Toko", "manager", "9999")
    with UnitOfWork(engine) as uow:
        seed["codes"] = {name: uow.session.get(Product, pid).barcode for name, pid in seed["ids"].items()}
    return seed


def w(engine) -> UnitOfWork:
    return UnitOfWork(engine, write=True)


def start(engine, store, scope="all", value=""):
    return start_stocktake(w(engine), store["manager"], scope, value).number


def count(engine, number, item, quantity=1, **kw):
    return count_item(w(engine), number, item, quantity, **kw)


def sell(engine, store, code, pay):
    found = product_for_scan(UnitOfWork(engine), code)
    cart = Cart()
    cart.add(found.product, grams=found.grams, fixed_total=found.price)
    return checkout(w(engine), cart, [PaymentEntry("cash", pay)], store["cashier"], "T01")


def stock(engine, product_id) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.get(Product, product_id).stock_on_hand


def adjustments(engine) -> list[tuple[int, int, str]]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(StockMovement).where(StockMovement.kind == "adjusted")
                                   .order_by(StockMovement.id))
        return [(m.product_id, m.quantity, m.reference) for m in rows]


def assert_stock_is_ledger_sum(engine) -> None:
    with UnitOfWork(engine) as uow:
        for product in uow.session.scalars(select(Product)):
            assert product.stock_on_hand == ledger_stock(uow.session, product.id), product.name


def test_each_scan_counts_one_and_a_typed_quantity_adds(engine, store):
    ids = store["ids"]
    number = start(engine, store)
    assert number == f"SO-{YEAR}-0001"
    info = open_stocktake(UnitOfWork(engine))
    assert (info.number, info.scope_label, info.status, info.started_by) == (number, "Semua barang", "open",
                                                                             "Manajer Toko")
    for _ in range(3):
        row = count(engine, number, COFFEE)
    assert (row.counted, row.expected, row.is_counted, row.difference) == (3, 20, True, -17)
    assert count(engine, number, COFFEE, 10).counted == 13
    assert count(engine, number, f" {COFFEE}\n", -1).counted == 12  # takes back a scan too many
    assert count(engine, number, COFFEE, set_to=18).counted == 18  # a correction keeps the snapshot
    assert count(engine, number, store["codes"]["honey"]).counted == 1
    assert count(engine, number, ids["honey"], 11).counted == 12  # by id, as picked from a search
    # weighed goods are counted in grams: typed, or read from a scale label
    assert count(engine, number, ids["cashew"], 4500).counted == 4500
    label = "210000101500"
    row = count(engine, number, label + gs1_check_digit(label))
    assert (row.counted, row.expected, row.unit, row.measure) == (6000, 5000, "kg", "weight")
    assert open_stocktake(UnitOfWork(engine)).products_counted == 3
    assert stock(engine, ids["coffee"]) == 20  # counting alone books nothing
    assert adjustments(engine) == []


def test_view_shows_expected_counted_and_difference_for_every_product_in_scope(engine, store):
    number = start(engine, store)
    count(engine, number, COFFEE, 18)
    count(engine, number, store["ids"]["honey"], 12)
    view = stocktake_view(UnitOfWork(engine), number.lower())
    table = [(r.vendor_code, r.name, r.expected, r.counted, r.is_counted, r.difference) for r in view.rows]
    assert table == [
        ("KOPI01", "Kacang Mete Curah", 5000, 0, False, 0),
        ("KOPI01", "Kopi Arabika Bajawa 250 g", 20, 18, True, -2),
        ("KOPI01", "Madu Hutan Timor 500 ml", 10, 12, True, 2),
        ("TENUN1", "Selendang Tenun Rote", 5, 0, False, 0),
    ]
    scarf = view.rows[3]
    assert (scarf.vendor_name, scarf.category, scarf.barcode) == ("Tenun Ina Ndao", "", store["codes"]["scarf"])
    assert view.rows[1].first_counted_at is not None and scarf.first_counted_at is None
    summary = view.summary
    assert (summary.products_in_scope, summary.products_counted) == (4, 2)
    assert (summary.surplus_units, summary.shortage_units) == (2, 2)
    assert (summary.surplus_value, summary.shortage_value) == (2 * 85000, 2 * 65000)
    assert view.info.products_counted == 2


def test_posting_books_the_differences_and_the_stock_then_equals_the_count(engine, store):
    ids = store["ids"]
    number = start(engine, store)
    count(engine, number, COFFEE, 18)
    count(engine, number, ids["honey"], 12)
    count(engine, number, ids["scarf"], 5)
    result = post_stocktake(w(engine), store["manager"], number, "  Stok opname akhir bulan  ")
    assert [(r.name, r.difference) for r in result.adjustments] == [
        ("Kopi Arabika Bajawa 250 g", -2), ("Madu Hutan Timor 500 ml", 2)]
    assert (result.info.status, result.info.posted_by, result.info.reason) == ("posted", "Manajer Toko",
                                                                              "Stok opname akhir bulan")
    assert result.info.posted_at is not None
    assert (result.summary.shortage_units, result.summary.surplus_units) == (2, 2)
    assert sorted(adjustments(engine)) == sorted([(ids["coffee"], -2, number), (ids["honey"], 2, number)])
    assert [stock(engine, ids[k]) for k in ("coffee", "honey", "scarf", "cashew")] == [18, 12, 5, 5000]
    with UnitOfWork(engine) as uow:
        users = set(uow.session.scalars(select(StockMovement.user_id).where(StockMovement.kind == "adjusted")))
    assert users == {store["manager"].id}
    assert open_stocktake(UnitOfWork(engine)) is None
    assert_stock_is_ledger_sum(engine)


def test_a_sale_during_the_count_is_not_booked_as_a_shortage(engine, store):
    ids = store["ids"]
    number = start(engine, store)
    # Honey sells before anyone counts it: its snapshot is taken after the sale.
    sell(engine, store, store["codes"]["honey"], 85000)
    # Coffee: the first packet is scanned, then a customer buys a packet
    # already counted; the counter scans the other 19 on the shelf.
    count(engine, number, COFFEE)
    sell(engine, store, COFFEE, 65000)
    count(engine, number, COFFEE, 19)
    honey = count(engine, number, ids["honey"], 9)
    assert (honey.expected, honey.difference) == (9, 0)
    # Scarf: one is really missing (4 on the shelf, 5 in the books) and one
    # of the four sells after it was counted.
    count(engine, number, ids["scarf"], 4)
    sell(engine, store, store["codes"]["scarf"], 250000)
    view = {r.name: r for r in stocktake_view(UnitOfWork(engine), number).rows}
    coffee = view["Kopi Arabika Bajawa 250 g"]
    assert (coffee.expected, coffee.counted, coffee.difference) == (20, 20, 0)
    assert (coffee.stock_now, coffee.moved_since_count, coffee.stock_after_posting) == (19, -1, 19)
    assert view["Selendang Tenun Rote"].stock_after_posting == 3
    post_stocktake(w(engine), store["manager"], number, "Opname mingguan")
    assert adjustments(engine) == [(ids["scarf"], -1, number)]
    assert [stock(engine, ids[k]) for k in ("coffee", "honey", "scarf")] == [19, 9, 3]
    assert_stock_is_ledger_sum(engine)


def test_a_recount_from_scratch_takes_a_fresh_snapshot(engine, store):
    number = start(engine, store)
    count(engine, number, COFFEE, 7)
    sell(engine, store, COFFEE, 65000)
    reset_count(w(engine), number, store["ids"]["coffee"])
    row = count(engine, number, COFFEE, 19)
    assert (row.expected, row.counted, row.difference) == (19, 19, 0)


def test_counting_outside_the_scope_is_refused(engine, store):
    ids = store["ids"]
    number = start(engine, store, "vendor", " kopi01 ")
    assert open_stocktake(UnitOfWork(engine)).scope_label == "UMKM KOPI01 Kopi Bajawa Flores"
    with pytest.raises(ValidationError, match=rf"Selendang Tenun Rote \(TENUN1\) tidak termasuk stok opname "
                                              rf"{number}: UMKM KOPI01 Kopi Bajawa Flores"):
        count(engine, number, ids["scarf"])
    with pytest.raises(ValidationError, match="tidak termasuk"):
        count(engine, number, store["codes"]["scarf"])
    view = stocktake_view(UnitOfWork(engine), number)
    assert {r.vendor_code for r in view.rows} == {"KOPI01"} and view.summary.products_counted == 0
    cancel_stocktake(w(engine), store["manager"], number)

    robusta = add_product(UnitOfWork(engine, write=True), ProductInput(
        None, "Kopi Robusta Manggarai", "KOPI01", 45000, category="Kopi", opening_stock=6))
    number = start(engine, store, "category", "KOPI")
    assert open_stocktake(UnitOfWork(engine)).scope_label == "Kategori Kopi"
    with pytest.raises(ValidationError, match="Kopi Arabika Bajawa 250 g \\(KOPI01\\) tidak termasuk"):
        count(engine, number, COFFEE)
    assert count(engine, number, robusta, 6).difference == 0
    assert [r.name for r in stocktake_view(UnitOfWork(engine), number).rows] == ["Kopi Robusta Manggarai"]
    cancel_stocktake(w(engine), store["manager"], number)

    with pytest.raises(NotFoundError, match="UMKM dengan kode XX9 tidak ada"):
        start(engine, store, "vendor", "XX9")
    with pytest.raises(NotFoundError, match="kategori Sabun"):
        start(engine, store, "category", "Sabun")
    with pytest.raises(ValidationError, match="Pilih kategori"):
        start(engine, store, "category", "  ")
    with pytest.raises(ValidationError, match="Cakupan stok opname tidak dikenal: rak"):
        start(engine, store, "rak")


def test_only_one_stock_take_is_open_at_a_time(engine, store):
    first = start(engine, store, "vendor", "TENUN1")
    with pytest.raises(ValidationError, match=f"Stok opname {first} masih terbuka"):
        start(engine, store)
    info = cancel_stocktake(w(engine), store["manager"], first, "salah cakupan")
    assert (info.status, info.reason, info.posted_by) == ("cancelled", "salah cakupan", "Manajer Toko")
    assert open_stocktake(UnitOfWork(engine)) is None
    with pytest.raises(ValidationError, match=f"Stok opname {first} sudah dibatalkan"):
        count(engine, first, store["ids"]["scarf"])
    # the refused start gave its number back: numbers stay gapless
    assert start(engine, store) == f"SO-{YEAR}-0002"
    with pytest.raises(NotFoundError, match="Stok opname SO-1999-0001 tidak ditemukan"):
        stocktake_view(UnitOfWork(engine), "SO-1999-0001")


def test_the_number_follows_the_year_of_the_start(engine, store):
    mid_2027 = datetime(2027, 6, 15, 3, 0, tzinfo=timezone.utc)
    info = start_stocktake(w(engine), store["manager"], now=mid_2027)
    assert info.number == "SO-2027-0001" and info.started_at == mid_2027


def test_posting_twice_is_refused_and_a_posted_stock_take_is_closed(engine, store):
    number = start(engine, store)
    count(engine, number, COFFEE, 15)
    post_stocktake(w(engine), store["manager"], number, "Opname")
    booked = adjustments(engine)
    assert booked == [(store["ids"]["coffee"], -5, number)]
    with pytest.raises(ValidationError, match=f"Stok opname {number} sudah diposting"):
        post_stocktake(w(engine), store["manager"], number, "Opname lagi")
    with pytest.raises(ValidationError, match="sudah diposting"):
        count(engine, number, COFFEE)
    with pytest.raises(ValidationError, match="sudah diposting"):
        cancel_stocktake(w(engine), store["manager"], number)
    assert adjustments(engine) == booked and stock(engine, store["ids"]["coffee"]) == 15
    view = stocktake_view(UnitOfWork(engine), number)
    assert view.info.status == "posted" and view.rows[1].counted == 15


def test_a_cashier_counts_but_cannot_start_post_or_cancel(engine, store):
    cashier = store["cashier"]
    with pytest.raises(PermissionDenied, match="Peran Anda tidak boleh mengelola stok"):
        start_stocktake(w(engine), cashier)
    number = start(engine, store)
    count(engine, number, COFFEE, 10)  # counting needs no manager
    with pytest.raises(PermissionDenied, match="Peran Anda tidak boleh mengelola stok"):
        post_stocktake(w(engine), cashier, number, "Opname")
    with pytest.raises(PermissionDenied):
        cancel_stocktake(w(engine), cashier, number)
    assert adjustments(engine) == [] and stock(engine, store["ids"]["coffee"]) == 20
    assert open_stocktake(UnitOfWork(engine)).status == "open"


def test_a_reason_is_required_to_post(engine, store):
    number = start(engine, store)
    count(engine, number, COFFEE, 10)
    for reason in ("", "   \n"):
        with pytest.raises(ValidationError, match="Alasan penyesuaian stok opname wajib diisi"):
            post_stocktake(w(engine), store["manager"], number, reason)
    with pytest.raises(ValidationError, match="belum dihitung tidak dikenal: semua"):
        post_stocktake(w(engine), store["manager"], number, "Opname", uncounted="semua")
    assert adjustments(engine) == [] and open_stocktake(UnitOfWork(engine)).status == "open"


def test_uncounted_zero_takes_every_uncounted_product_in_scope_as_gone(engine, store):
    ids = store["ids"]
    number = start(engine, store, "vendor", "KOPI01")
    count(engine, number, COFFEE, 20)
    result = post_stocktake(w(engine), store["manager"], number, "Rak madu dan mete kosong", uncounted="zero")
    assert sorted(adjustments(engine)) == sorted([(ids["honey"], -10, number), (ids["cashew"], -5000, number)])
    assert [stock(engine, ids[k]) for k in ("coffee", "honey", "cashew", "scarf")] == [20, 0, 0, 5]
    summary = result.summary
    assert (summary.products_in_scope, summary.products_counted) == (3, 3)
    assert (summary.shortage_units, summary.shortage_grams) == (10, 5000)
    assert summary.shortage_value == 10 * 85000 + 5000 * 120000 // 1000
    view = {r.name: r for r in stocktake_view(UnitOfWork(engine), number).rows}
    assert (view["Madu Hutan Timor 500 ml"].is_counted, view["Madu Hutan Timor 500 ml"].counted) == (True, 0)
    assert_stock_is_ledger_sum(engine)


def test_bad_quantities_and_codes_are_refused_and_nothing_is_written(engine, store):
    number = start(engine, store)
    bad = [
        ((COFFEE, 0), {}, ValidationError, "tidak boleh nol"),
        ((COFFEE, 1.5), {}, ValidationError, "bilangan bulat"),
        ((COFFEE, True), {}, ValidationError, "bilangan bulat"),
        ((COFFEE, -1), {}, ValidationError, "tidak boleh kurang dari nol \\(sekarang 0\\)"),
        ((COFFEE, 8991234567891), {}, ValidationError, "terlalu besar"),
        ((COFFEE,), {"set_to": -3}, ValidationError, "tidak boleh negatif"),
        (("8991234567890",), {}, BarcodeError, "seharusnya 1"),
        (("8990000000006",), {}, NotFoundError, "Barang tidak dikenal"),
        ((999999,), {}, NotFoundError, "Barang dengan id 999999 tidak ada"),
    ]
    for args, kw, error, message in bad:
        with pytest.raises(error, match=message):
            count(engine, number, *args, **kw)
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(StockTakeCount)) == 0


def test_two_counters_scanning_the_same_product_at_once_lose_no_scan(engine, store):
    number = start(engine, store)
    barrier = threading.Barrier(2)
    errors = []

    def scan_many():
        try:
            barrier.wait()
            for _ in range(12):
                count(engine, number, COFFEE)
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=scan_many) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    row = stocktake_view(UnitOfWork(engine), number).rows[1]
    assert (row.counted, row.expected) == (24, 20)


def test_two_managers_starting_at_once_open_only_one(engine, store):
    barrier = threading.Barrier(2)
    outcomes = []

    def start_one():
        barrier.wait()
        try:
            outcomes.append(start(engine, store))
        except ValidationError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=start_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    number = f"SO-{YEAR}-0001"
    assert sorted(outcomes) == sorted([number, f"Stok opname {number} masih terbuka: posting atau batalkan dulu "
                                               "sebelum memulai yang baru"])
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(StockTake)) == 1


def test_messages_in_english(engine, store):
    number = start(engine, store, "vendor", "TENUN1")
    set_language("en")
    with pytest.raises(ValidationError, match=r"Kopi Arabika Bajawa 250 g \(KOPI01\) is not part of stock take "
                                              rf"{number}: Vendor TENUN1 Tenun Ina Ndao"):
        count(engine, number, COFFEE)
    with pytest.raises(ValidationError, match=f"Stock take {number} is still open"):
        start(engine, store)


def test_the_stock_take_tables_hold_one_row_per_counted_product(engine, store):
    number = start(engine, store)
    for _ in range(3):
        count(engine, number, COFFEE)
    with UnitOfWork(engine) as uow:
        take = uow.session.scalar(select(StockTake).where(StockTake.number == number))
        assert [(c.product_id, c.counted, c.expected) for c in take.counts] == [(store["ids"]["coffee"], 3, 20)]
        assert take.counts[0].first_counted_at <= take.counts[0].last_counted_at

"""Shifts and cash-up on SQLite and PostgreSQL: the drawer arithmetic checked by
hand, variance, numbered Z reports that never change, X reports that write
nothing, and two shifts a day on two tills kept apart."""

from __future__ import annotations

from datetime import date

import json

import pytest
from sqlalchemy import func, select, text

from factories import COFFEE, seed_store
from nttmart_pos.db.models import Base, Counter, Product, User
from nttmart_pos.db.settlement_models import CashMovement, Payout, Shift, ZReport
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.domain.cashup import DENOMINATIONS, count_total, expected_cash, full_counts, variance
from nttmart_pos.domain.periods import local_date
from nttmart_pos.domain.shift_report import ShiftReport
from nttmart_pos.errors import MoneyError, NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.services.auth import UserInfo, authorize_override, create_user
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.permissions import CASH_IN_OUT, OPEN_DRAWER
from nttmart_pos.services.refunds import RefundRequest, refund
from nttmart_pos.services.shift_figures import last_z_report, shift_figures, x_report, z_report, z_reports
from nttmart_pos.services.shifts import (
    cash_movement,
    close_shift,
    current_shift,
    open_shift,
    record_cash_out,
    require_open_shift,
)

# 295.000 in the drawer: 5.000 short of the 300.000 expected in the worked example
SHORT_COUNT = {100000: 2, 50000: 1, 20000: 2, 5000: 1}


def quick_user(engine, username: str, role: str) -> UserInfo:
    """A user without a real PIN hash (scrypt is slow and no PIN is checked here)."""
    with UnitOfWork(engine, write=True) as uow:
        user = User(username=username, full_name=username.title(), role=role, pin_hash="-")
        uow.session.add(user)
        uow.commit()
        return UserInfo(user.id, user.username, user.full_name, user.role)


def sell(engine, cashier, codes, payments, *, discount=0, terminal="T01"):
    cart = Cart()
    for code in codes:
        found = product_for_scan(UnitOfWork(engine), code)
        cart.add(found.product, grams=found.grams, fixed_total=found.price)
    cart.set_sale_discount(discount, "promo" if discount else "")
    return checkout(UnitOfWork(engine, write=True), cart, payments, cashier, terminal, discount_limit_pct=100)


def barcode_of(engine, product_id):
    with UnitOfWork(engine) as uow:
        return uow.session.get(Product, product_id).barcode


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    return {"engine": engine, "cashier": seed["cashier"], "ids": seed["ids"],
            "supervisor": create_user(UnitOfWork(engine), "spv", "Spv", "supervisor", "4321"),
            "other": quick_user(engine, "kasir2", "cashier")}


def supervisor_pin(engine):
    """The supervisor's PIN-checked consent to a cashier's cash in/out."""
    return authorize_override(UnitOfWork(engine, write=True), "spv", "4321", CASH_IN_OUT, terminal="T01")


def worked_example(store):
    """Float 200.000; cash sales 65.000 + 70.000; a cash refund of 65.000; cash in 50.000, out 20.000."""
    engine, cashier = store["engine"], store["cashier"]
    honey = barcode_of(engine, store["ids"]["honey"])
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 200000)
    first = sell(engine, cashier, [COFFEE], [PaymentEntry("cash", 100000)])  # 35.000 change
    # 130.000 - 10.000 discount = 120.000: 50.000 by QRIS, 100.000 cash handed over, 30.000 change
    sell(engine, cashier, [COFFEE, COFFEE], [PaymentEntry("qris", 50000), PaymentEntry("cash", 100000)],
         discount=10000)
    sell(engine, cashier, [honey], [PaymentEntry("card", 85000)])
    refund(UnitOfWork(engine, write=True), store["supervisor"], first.receipt_no, [RefundRequest(1, 1)],
           method="cash", restock=True, reason="Kemasan rusak", terminal="T01")
    approval = supervisor_pin(engine)  # a cashier moves cash with a supervisor's PIN
    cash_movement(UnitOfWork(engine, write=True), cashier, "T01", "in", 50000, "Tambah uang kecil", approval=approval)
    cash_movement(UnitOfWork(engine, write=True), cashier, "T01", "out", 20000, "Beli kantong plastik",
                  approval=approval)


def test_denominations_and_count_total():
    assert DENOMINATIONS == (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100)
    assert count_total({}) == 0
    assert count_total({100000: 2, 1000: 3, 100: 7}) == 203700
    assert count_total(SHORT_COUNT) == 295000
    assert full_counts({500: 4})[7] == (500, 4) and len(full_counts({})) == 10
    for bad, words in (({25000: 1}, "tidak dikenal: 25000"), ({1000: -1}, "tidak boleh negatif: -1"),
                       ({1000: 1.5}, "bilangan bulat"), ({1000: True}, "bilangan bulat"),
                       ({"1000": 1}, "tidak dikenal"), ({1000: 10**6}, "terlalu besar")):
        with pytest.raises(ValidationError, match=words):
            count_total(bad)
    assert expected_cash(200000, 135000, 65000, 50000, 20000) == 300000
    assert variance(295000, 300000) == -5000 and variance(301000, 300000) == 1000


def test_cash_up_arithmetic_by_hand_and_a_short_drawer(store):
    engine = store["engine"]
    worked_example(store)
    x = x_report(UnitOfWork(engine), "T01")
    assert (x.kind, x.z_no, x.sales_count) == ("X", "", 3)
    assert (x.gross, x.discounts, x.refunds_count, x.refunds_total) == (65000 + 130000 + 85000, 10000, 1, 65000)
    assert x.net == 280000 - 10000 - 65000
    assert [(p.method, p.count, p.amount) for p in x.payments] == [
        ("cash", 2, 65000 + 70000), ("qris", 1, 50000), ("card", 1, 85000)]
    assert [(r.method, r.amount) for r in x.refund_methods] == [("cash", 65000)]
    assert (x.cash_sales, x.cash_refunds, x.cash_in, x.cash_out) == (135000, 65000, 50000, 20000)
    assert x.expected_cash == 200000 + 135000 - 65000 + 50000 - 20000 == 300000
    assert [(c.name, c.sales, c.total) for c in x.cashiers] == [("Maria Bria", 3, 65000 + 120000 + 85000)]
    assert (x.first_receipt, x.last_receipt) == ("T01-000001", "T01-000003")
    assert [(m.kind, m.amount, m.reason) for m in x.movements] == [
        ("in", 50000, "Tambah uang kecil"), ("out", 20000, "Beli kantong plastik")]

    closed = close_shift(UnitOfWork(engine, write=True), store["cashier"], "T01", SHORT_COUNT, note="Kurang receh")
    assert (closed.z_no, closed.expected_cash, closed.counted_cash, closed.variance) == (
        "Z-T01-000001", 300000, 295000, -5000)
    report = closed.report
    assert (report.kind, report.z_no, report.variance, report.note) == ("Z", "Z-T01-000001", -5000, "Kurang receh")
    assert dict(report.counts) == {**dict.fromkeys(DENOMINATIONS, 0), **SHORT_COUNT}
    assert report.net == x.net and report.payments == x.payments and report.movements == x.movements
    assert report.closed_by_name == "Maria Bria" and report.closed_at is not None
    with UnitOfWork(engine) as uow:
        shift = uow.session.scalar(select(Shift))
        assert (shift.status, shift.expected_cash, shift.counted_cash) == ("closed", 300000, 295000)
        assert shift.closed_by == store["cashier"].id
        stored = uow.session.scalar(select(ZReport))
        assert (stored.z_no, stored.terminal, stored.shift_id) == ("Z-T01-000001", "T01", shift.id)
        assert stored.business_date == local_date(shift.opened_at) == report.business_date
        assert uow.session.get(Counter, "z:T01").value == 1
        stored_figures = stored.figures
    # canonical JSON: sorted keys, no spaces, whole-Rupiah integers
    figures = json.loads(stored_figures)
    assert stored_figures == json.dumps(figures, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert figures["variance"] == -5000 and figures["expected_cash"] == 300000
    assert figures["counts"][0] == [100000, 2] and all(isinstance(c, int) for _d, c in figures["counts"])
    # stored and read back equal
    assert z_report(UnitOfWork(engine), "Z-T01-000001") == report
    assert z_report(UnitOfWork(engine), "z-t01-000001") == report
    assert shift_figures(UnitOfWork(engine), report.shift_id) == report
    assert ShiftReport.from_json(report.to_json()) == report


def test_an_over_count_and_a_shift_with_no_sales(store):
    engine, cashier = store["engine"], store["cashier"]
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 150000)
    empty = x_report(UnitOfWork(engine), "T01")
    assert (empty.sales_count, empty.gross, empty.net, empty.payments, empty.first_receipt) == (0, 0, 0, (), "")
    closed = close_shift(UnitOfWork(engine, write=True), store["supervisor"], "T01", {100000: 1, 50000: 1, 1000: 2})
    assert (closed.expected_cash, closed.counted_cash, closed.variance) == (150000, 152000, 2000)
    assert closed.report.closed_by_name == "Spv"


def test_two_shifts_on_one_day_and_two_tills_are_kept_apart(store):
    engine, cashier, other = store["engine"], store["cashier"], store["other"]
    honey = barcode_of(engine, store["ids"]["honey"])
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 100000)
    open_shift(UnitOfWork(engine, write=True), other, "T02", 50000)
    sell(engine, cashier, [COFFEE], [PaymentEntry("cash", 65000)])
    sell(engine, other, [honey], [PaymentEntry("cash", 100000)], terminal="T02")
    sell(engine, cashier, [honey], [PaymentEntry("qris", 85000)])
    morning = close_shift(UnitOfWork(engine, write=True), cashier, "T01", {100000: 1, 20000: 3, 5000: 1})
    open_shift(UnitOfWork(engine, write=True), other, "T01", 200000)
    sell(engine, other, [COFFEE, COFFEE], [PaymentEntry("cash", 130000)])
    cash_movement(UnitOfWork(engine, write=True), other, "T01", "out", 30000, "Setor ke brankas",
                  approval=supervisor_pin(engine))
    afternoon = close_shift(UnitOfWork(engine, write=True), other, "T01", {100000: 3})
    till2 = close_shift(UnitOfWork(engine, write=True), other, "T02", {100000: 1, 20000: 1, 10000: 1, 5000: 1})

    assert [morning.z_no, afternoon.z_no, till2.z_no] == ["Z-T01-000001", "Z-T01-000002", "Z-T02-000001"]
    m, a, t2 = morning.report, afternoon.report, till2.report
    assert (m.sales_count, m.gross, m.cash_sales, m.expected_cash, m.variance) == (2, 150000, 65000, 165000, 0)
    assert (m.first_receipt, m.last_receipt) == ("T01-000001", "T01-000002")
    assert (a.sales_count, a.gross, a.cash_sales, a.cash_out) == (1, 130000, 130000, 30000)
    assert (a.expected_cash, a.variance) == (200000 + 130000 - 30000, 0)
    assert (a.first_receipt, a.last_receipt, a.cashier_name) == ("T01-000003", "T01-000003", "Kasir2")
    assert (t2.sales_count, t2.cash_sales, t2.expected_cash, t2.variance) == (1, 85000, 135000, 0)
    assert t2.terminal == "T02" and t2.first_receipt == "T02-000001"

    today = m.business_date
    assert [r.z_no for r in z_reports(UnitOfWork(engine), business_date=today)] == [
        "Z-T01-000001", "Z-T01-000002", "Z-T02-000001"]
    assert [r.z_no for r in z_reports(UnitOfWork(engine), terminal="T01")] == ["Z-T01-000001", "Z-T01-000002"]
    assert last_z_report(UnitOfWork(engine), "T01").z_no == "Z-T01-000002"
    assert last_z_report(UnitOfWork(engine)).z_no == "Z-T02-000001"
    assert last_z_report(UnitOfWork(engine), "T09") is None
    assert z_report(UnitOfWork(engine), business_date=today, terminal="T01").z_no == "Z-T01-000002"
    assert z_reports(UnitOfWork(engine), business_date=date(2001, 1, 1)) == []
    with pytest.raises(NotFoundError, match="Belum ada laporan Z untuk tanggal 01-01-2001"):
        z_report(UnitOfWork(engine), business_date=date(2001, 1, 1))
    with pytest.raises(NotFoundError, match="Z-T01-000009"):
        z_report(UnitOfWork(engine), "Z-T01-000009")


def test_a_closed_shift_cannot_be_changed(store):
    engine, cashier = store["engine"], store["cashier"]
    worked_example(store)
    closed = close_shift(UnitOfWork(engine, write=True), cashier, "T01", SHORT_COUNT)
    with UnitOfWork(engine) as uow:
        before = uow.session.scalar(select(ZReport.figures))
    with pytest.raises(NotFoundError, match="Tidak ada shift yang terbuka di terminal T01"):
        close_shift(UnitOfWork(engine, write=True), cashier, "T01", {100000: 3})
    with pytest.raises(ValidationError, match="sudah ditutup .* Z-T01-000001; shift yang sudah ditutup tidak dapat"):
        close_shift(UnitOfWork(engine, write=True), cashier, "T01", {100000: 3}, shift_id=closed.shift_id)
    with pytest.raises(NotFoundError, match="buka shift dulu"):
        cash_movement(UnitOfWork(engine, write=True), store["supervisor"], "T01", "in", 10000, "Tambah modal")
    with UnitOfWork(engine, write=True) as uow:
        shift = uow.session.get(Shift, closed.shift_id)
        with pytest.raises(ValidationError, match="Z-T01-000001"):
            record_cash_out(uow.session, shift, 1000, "Bayar UMKM", None, store["supervisor"])
    # a new shift on the till does not reopen or touch the closed one
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 100000)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        close_shift(UnitOfWork(engine, write=True), cashier, "T01", {100000: 1}, shift_id=closed.shift_id)
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(ZReport.figures).where(ZReport.shift_id == closed.shift_id)) == before
        assert uow.session.scalar(select(func.count()).select_from(ZReport)) == 1
        assert uow.session.scalar(select(func.count()).select_from(CashMovement)) == 2
        assert uow.session.get(Shift, closed.shift_id).counted_cash == 295000
    assert z_report(UnitOfWork(engine), "Z-T01-000001") == closed.report


def test_one_open_shift_per_terminal(store):
    engine, cashier, other = store["engine"], store["cashier"], store["other"]
    first = open_shift(UnitOfWork(engine, write=True), cashier, "T01", 200000)
    assert (first.status, first.opening_float, first.cashier_name) == ("open", 200000, "Maria Bria")
    assert current_shift(UnitOfWork(engine), "T01") == first
    assert current_shift(UnitOfWork(engine), "T02") is None
    since = first.opened_at.astimezone().strftime("%d-%m-%Y %H:%M")
    with pytest.raises(ValidationError, match=f"Terminal T01 masih punya shift terbuka: Maria Bria sejak {since}"):
        open_shift(UnitOfWork(engine, write=True), other, "T01", 100000)
    assert open_shift(UnitOfWork(engine, write=True), other, "T02", 0).terminal == "T02"
    for bad in (-1, 1000.0, True, "100000"):
        with pytest.raises(MoneyError):
            open_shift(UnitOfWork(engine, write=True), other, "T03", bad)
    with pytest.raises(ValidationError, match="ID terminal"):
        open_shift(UnitOfWork(engine, write=True), other, "  ", 0)
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Shift)) == 2


def test_the_database_refuses_a_second_open_shift_too(store):
    engine = store["engine"]
    open_shift(UnitOfWork(engine, write=True), store["cashier"], "T01", 0)
    with UnitOfWork(engine, write=True) as uow:
        uow.session.add(Shift(terminal="T01", cashier_id=store["other"].id, cashier_name="x", opening_float=0))
        with pytest.raises(Exception, match="(?i)unique"):
            uow.session.flush()


def test_cash_movements_are_checked(store):
    engine, cashier, other, supervisor = store["engine"], store["cashier"], store["other"], store["supervisor"]
    approval = supervisor_pin(engine)
    with pytest.raises(NotFoundError, match="terminal T01"):
        cash_movement(UnitOfWork(engine, write=True), cashier, "T01", "in", 1000, "Modal", approval=approval)
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 100000)
    for kind, amount, reason, error, words in (
            ("keluar", 1000, "x", ValidationError, "bukan keluar"),
            ("in", 0, "x", ValidationError, "lebih dari nol"),
            ("in", 1000.0, "x", MoneyError, "bilangan bulat"),
            ("in", 1000, "   ", ValidationError, "Alasan kas masuk/keluar wajib diisi"),
            ("in", 1000, "x" * 201, ValidationError, "paling banyak 200"),
            ("out", 100001, "Setor", ValidationError, r"Kas keluar Rp100\.001 melebihi .* T01 \(Rp100\.000\)")):
        with pytest.raises(error, match=words):
            cash_movement(UnitOfWork(engine, write=True), cashier, "T01", kind, amount, reason, approval=approval)
    # another till's cashier may not, even with a supervisor's PIN: the drawer is Maria's
    with pytest.raises(PermissionDenied, match="Maria Bria"):
        cash_movement(UnitOfWork(engine, write=True), other, "T01", "in", 1000, "Modal", approval=approval)
    moved = cash_movement(UnitOfWork(engine, write=True), cashier, "T01", "out", 100000, "  Setor  ke brankas ",
                          approval=approval)
    assert (moved.reason, moved.expected_cash) == ("Setor ke brankas", 0)
    assert cash_movement(UnitOfWork(engine, write=True), supervisor, "T01", "in", 5000, "Receh").expected_cash == 5000
    with pytest.raises(NotFoundError, match="nomor 999"):
        cash_movement(UnitOfWork(engine, write=True), supervisor, "T01", "out", 1000, "Bayar", payout_id=999)
    with pytest.raises(ValidationError, match="kas keluar"):
        cash_movement(UnitOfWork(engine, write=True), supervisor, "T01", "in", 1000, "Bayar", payout_id=999)


def test_a_cash_payout_is_taken_from_the_drawer_in_the_callers_transaction(store):
    engine, supervisor = store["engine"], store["supervisor"]
    open_shift(UnitOfWork(engine, write=True), store["cashier"], "T01", 300000)
    with UnitOfWork(engine, write=True) as uow:
        vendor_id = uow.session.scalar(text("SELECT id FROM vendors ORDER BY id LIMIT 1"))
        payout = Payout(payout_no="PO-TEST-1", vendor_id=vendor_id, period_from=date.today(),
                        period_to=date.today(), status="approved", amount=120000)
        uow.session.add(payout)
        uow.session.flush()
        shift = require_open_shift(uow.session, "T01")
        moved = record_cash_out(uow.session, shift, 120000, "Pembayaran UMKM PO-TEST-1", payout.id, supervisor)
        uow.commit()
    assert (moved.kind, moved.payout_id, moved.expected_cash) == ("out", payout.id, 180000)
    report = x_report(UnitOfWork(engine), "T01")
    assert report.cash_out == 120000 and report.movements[0].payout_id == payout.id
    assert report.expected_cash == 180000
    with UnitOfWork(engine, write=True) as uow:  # nothing is kept when the caller does not commit
        record_cash_out(uow.session, require_open_shift(uow.session, "T01"), 1000, "Coba", None, supervisor)
    assert x_report(UnitOfWork(engine), "T01").cash_out == 120000


def test_a_cashier_needs_a_supervisors_pin_for_cash_in_and_out(store):
    engine, cashier, supervisor = store["engine"], store["cashier"], store["supervisor"]
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 100000)
    for kind in ("in", "out"):
        with pytest.raises(PermissionDenied, match="mencatat kas masuk/keluar; minta PIN supervisor atau manajer"):
            cash_movement(UnitOfWork(engine, write=True), cashier, "T01", kind, 1000, "Tambah receh")
    # an approval for another action does not do
    other_approval = authorize_override(UnitOfWork(engine, write=True), "spv", "4321", OPEN_DRAWER)
    with pytest.raises(PermissionDenied):
        cash_movement(UnitOfWork(engine, write=True), cashier, "T01", "in", 1000, "Tambah receh",
                      approval=other_approval)
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(CashMovement)) == 0
    assert cash_movement(UnitOfWork(engine, write=True), cashier, "T01", "in", 1000, "Tambah receh",
                         approval=supervisor_pin(engine)).expected_cash == 101000
    assert cash_movement(UnitOfWork(engine, write=True), supervisor, "T01", "out", 500, "Beli lakban"
                         ).expected_cash == 100500


def _row_counts(engine) -> dict:
    with UnitOfWork(engine) as uow:
        counts = {table.name: uow.session.scalar(select(func.count()).select_from(table))
                  for table in Base.metadata.sorted_tables}
        counts["counter values"] = sorted(uow.session.execute(select(Counter.name, Counter.value)).all())
        return counts


def test_x_report_writes_nothing(store):
    engine = store["engine"]
    worked_example(store)
    before = _row_counts(engine)
    first = x_report(UnitOfWork(engine), "T01")
    second = shift_figures(UnitOfWork(engine), first.shift_id)
    assert _row_counts(engine) == before
    assert first.generated_at <= second.generated_at
    assert {**first.__dict__, "generated_at": None} == {**second.__dict__, "generated_at": None}
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(Shift.status)) == "open"
    with pytest.raises(NotFoundError, match="Tidak ada shift yang terbuka di terminal T02"):
        x_report(UnitOfWork(engine), "T02")
    with pytest.raises(NotFoundError, match="Shift nomor 999"):
        shift_figures(UnitOfWork(engine), 999)


def test_who_may_close_and_a_bad_count_leaves_the_shift_open(store):
    engine, cashier, other = store["engine"], store["cashier"], store["other"]
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 100000)
    with pytest.raises(PermissionDenied, match=r"Hanya kasir shift ini \(Maria Bria\)"):
        close_shift(UnitOfWork(engine, write=True), other, "T01", {100000: 1})
    with pytest.raises(ValidationError, match="tidak dikenal: 75000"):
        close_shift(UnitOfWork(engine, write=True), cashier, "T01", {75000: 1})
    with pytest.raises(ValidationError, match="terminal T01, bukan T02"):
        shift_id = current_shift(UnitOfWork(engine), "T01").id
        close_shift(UnitOfWork(engine, write=True), cashier, "T02", {100000: 1}, shift_id=shift_id)
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(Shift.status)) == "open"
        assert uow.session.scalar(select(func.count()).select_from(ZReport)) == 0
        assert uow.session.get(Counter, "z:T01") is None
    manager = quick_user(engine, "manajer", "manager")
    closed = close_shift(UnitOfWork(engine, write=True), manager, "T01", {100000: 1}, shift_id=shift_id)
    assert closed.report.closed_by_name == "Manajer" and closed.variance == 0

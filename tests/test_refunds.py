"""Refunds on SQLite and PostgreSQL: amounts that add up to a line's net, refusals
that write nothing, stock, methods, roles, numbering, shifts and concurrency."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Counter, Product, SaleLine, StockMovement
from nttmart_pos.db.settlement_models import Refund, RefundLine, Shift
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.domain.refunds import line_net, refund_line_split, sold_line_split
from nttmart_pos.domain.settlement import Split
from nttmart_pos.errors import NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.services import refunds as refunds_module
from nttmart_pos.services.auth import authorize_override, create_user
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.permissions import OPEN_DRAWER, REFUND
from nttmart_pos.services.refunds import (
    RefundRequest,
    refund,
    refund_line_splits,
    refund_view,
    refundable_lines,
    refunds_of_sale,
)
from nttmart_pos.services.stock import ledger_stock


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["supervisor"] = create_user(UnitOfWork(engine), "spv", "Yohana Lado", "supervisor", "5678")
    with UnitOfWork(engine) as uow:
        seed["barcodes"] = {name: uow.session.get(Product, pid).barcode for name, pid in seed["ids"].items()}
    return seed


def sell(engine, store, items, payments, *, discount=0, terminal="T01"):
    """``items``: (product key, quantity) pairs, or a scale label code for weighed goods."""
    cart = Cart()
    for item in items:
        if isinstance(item, str):
            found = product_for_scan(UnitOfWork(engine), item)
            cart.add(found.product, grams=found.grams, fixed_total=found.price)
        else:
            name, quantity = item
            cart.add(product_for_scan(UnitOfWork(engine), store["barcodes"][name]).product, quantity)
    if discount:
        cart.set_sale_discount(discount, "pelanggan tetap")
    return checkout(UnitOfWork(engine, write=True), cart, payments, store["cashier"], terminal)


def give_back(engine, user, receipt_no, requests, *, method="cash", restock=True, reason="Rusak",
              terminal="T01"):
    return refund(UnitOfWork(engine, write=True), user, receipt_no,
                  [RefundRequest(line_no, quantity) for line_no, quantity in requests],
                  method=method, restock=restock, reason=reason, terminal=terminal)


def counts(engine):
    with UnitOfWork(engine) as uow:
        session = uow.session
        return (session.scalar(select(func.count()).select_from(Refund)),
                session.scalar(select(func.count()).select_from(RefundLine)),
                session.scalar(select(func.count()).select_from(StockMovement)),
                session.scalar(select(func.coalesce(func.sum(Counter.value), 0))
                               .where(Counter.name.like("refund:%"))))


def stock(engine, product_id):
    with UnitOfWork(engine) as uow:
        cached = uow.session.get(Product, product_id).stock_on_hand
        assert cached == ledger_stock(uow.session, product_id)
        return cached


def test_refundable_lines_show_the_sale_and_accept_a_typed_or_scanned_number(engine, store):
    sale = sell(engine, store, [("coffee", 2), ("honey", 1)],
                [PaymentEntry("qris", 100000), PaymentEntry("cash", 120000)])
    give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)])
    found = refundable_lines(UnitOfWork(engine), "  t01-000001 \n")
    assert (found.receipt_no, found.terminal, found.cashier_name, found.total) == (
        "T01-000001", "T01", "Maria Bria", 215000)
    assert [(p.method, p.amount) for p in found.payments] == [("qris", 100000), ("cash", 115000)]
    assert found.refund_methods == ("cash", "qris")
    assert [(l.line_no, l.barcode, l.name, l.quantity, l.refunded, l.refundable, l.net, l.refundable_amount)
            for l in found.lines] == [
        (1, COFFEE, "Kopi Arabika Bajawa 250 g", 2, 1, 1, 130000, 65000),
        (2, store["barcodes"]["honey"], "Madu Hutan Timor 500 ml", 1, 0, 1, 85000, 85000)]
    assert not found.fully_refunded
    with pytest.raises(NotFoundError, match="T01-000099"):
        refundable_lines(UnitOfWork(engine), "T01-000099")


def test_refunding_in_steps_gives_back_exactly_each_lines_net_after_a_sale_discount(engine, store):
    sale = sell(engine, store, [("coffee", 3), ("honey", 1), ("scarf", 1)], [PaymentEntry("cash", 600000)],
                discount=10001)
    with UnitOfWork(engine) as uow:
        lines = uow.session.scalars(select(SaleLine).order_by(SaleLine.line_no)).all()
        # 10.001 spread pro rata over 195.000 / 85.000 / 250.000, leftover to the largest remainders
        assert [l.sale_discount_share for l in lines] == [3680, 1604, 4717]
        nets = [line_net(l) for l in lines]
        vendor_shares = [sold_line_split(l).vendor_amount for l in lines]
        line_ids = [l.id for l in lines]
        scarf_vendor = lines[2].vendor_id
    assert nets == [191320, 83396, 245283]
    assert vendor_shares == [191320 - 28698, 83396 - 16679, 200000]  # 15 %, 20 %, harga setor
    supervisor = store["supervisor"]
    first = give_back(engine, supervisor, sale.receipt_no, [(1, 1)])
    assert first.refund_no == "R-T01-000001" and first.total == 63773  # 191.320 / 3, rounded
    second = give_back(engine, supervisor, sale.receipt_no, [(1, 2), (2, 1)])
    third = give_back(engine, supervisor, sale.receipt_no, [(3, 1)], restock=False)
    assert second.total == 127547 + 83396 and third.total == 245283
    assert first.total + second.total + third.total == sale.total
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(RefundLine).order_by(RefundLine.id)).all()
        by_line = {}
        for row in rows:
            by_line.setdefault(row.sale_line_id, []).append(row.amount)
        assert [sum(by_line[i]) for i in line_ids] == nets
        splits = refund_line_splits(uow.session, [row.id for row in rows])
        assert [splits[row.id].amount for row in rows] == [row.amount for row in rows]
        vendor_back = {}
        for row in rows:
            vendor_back[row.sale_line_id] = vendor_back.get(row.sale_line_id, 0) + splits[row.id].vendor_amount
        assert [vendor_back[i] for i in line_ids] == vendor_shares
        assert {row.vendor_id for row in rows if row.sale_line_id == line_ids[2]} == {scarf_vendor}
    assert refundable_lines(UnitOfWork(engine), sale.receipt_no).fully_refunded


def test_weighed_line_is_refunded_in_grams(engine, store):
    sale = sell(engine, store, ["2100001015008"], [PaymentEntry("cash", 180000)])  # 1,500 kg x Rp120.000
    before = stock(engine, store["ids"]["cashew"])
    assert give_back(engine, store["supervisor"], sale.receipt_no, [(1, 500)]).total == 60000
    assert give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1000)]).total == 120000
    assert stock(engine, store["ids"]["cashew"]) == before + 1500
    with pytest.raises(ValidationError, match="terjual 1,500 kg, sudah dikembalikan 1,500 kg"):
        give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)])


def test_refusals_name_the_problem_and_write_nothing(engine, store):
    sale = sell(engine, store, [("coffee", 3), ("honey", 1)], [PaymentEntry("cash", 300000)])
    give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)])
    before = counts(engine)
    supervisor = store["supervisor"]
    with pytest.raises(ValidationError) as refused:
        give_back(engine, supervisor, sale.receipt_no, [(2, 1), (1, 3)])
    assert ("Kopi Arabika Bajawa 250 g (8991234567891): dikembalikan 3, terjual 3, sudah dikembalikan 1, sisa 2"
            in str(refused.value))
    with pytest.raises(ValidationError, match="sisa 2"):
        give_back(engine, supervisor, sale.receipt_no, [(1, 1), (1, 2)])  # repeats add up
    with pytest.raises(ValidationError, match="Madu Hutan Timor 500 ml: .* lebih dari nol, bukan 0"):
        give_back(engine, supervisor, sale.receipt_no, [(1, 1), (2, 0)])
    with pytest.raises(ValidationError, match="bukan -1"):
        give_back(engine, supervisor, sale.receipt_no, [(1, -1)])
    with pytest.raises(ValidationError, match="tidak punya baris 7"):
        give_back(engine, supervisor, sale.receipt_no, [(7, 1)])
    with pytest.raises(ValidationError, match="paling sedikit satu barang"):
        give_back(engine, supervisor, sale.receipt_no, [])
    with pytest.raises(ValidationError, match="Alasan"):
        give_back(engine, supervisor, sale.receipt_no, [(1, 1)], reason="  ")
    with pytest.raises(NotFoundError):
        give_back(engine, supervisor, "T09-000001", [(1, 1)])
    assert counts(engine) == before
    assert give_back(engine, supervisor, sale.receipt_no, [(1, 2)]).refund_no == "R-T01-000002"


def test_restock_puts_goods_back_and_a_write_off_does_not(engine, store):
    sale = sell(engine, store, [("coffee", 3)], [PaymentEntry("cash", 195000)])
    coffee = store["ids"]["coffee"]
    assert stock(engine, coffee) == 17
    kept = give_back(engine, store["supervisor"], sale.receipt_no, [(1, 2)], restock=True)
    assert stock(engine, coffee) == 19
    give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)], restock=False, reason="Kemasan pecah")
    assert stock(engine, coffee) == 19
    with UnitOfWork(engine) as uow:
        movements = uow.session.scalars(select(StockMovement).where(StockMovement.kind == "refunded")).all()
        assert [(m.product_id, m.quantity, m.reference) for m in movements] == [(coffee, 2, kept.refund_no)]


def test_money_goes_back_in_cash_or_by_the_original_method(engine, store):
    cash_sale = sell(engine, store, [("coffee", 1)], [PaymentEntry("cash", 65000)])
    with pytest.raises(ValidationError, match=r"semula \(tunai\), bukan kartu"):
        give_back(engine, store["supervisor"], cash_sale.receipt_no, [(1, 1)], method="card")
    split_sale = sell(engine, store, [("coffee", 1), ("honey", 1)],
                      [PaymentEntry("qris", 70000), PaymentEntry("cash", 80000)])
    before = counts(engine)
    with pytest.raises(ValidationError, match="melebihi sisa"):  # Rp85.000 back by QRIS, which paid Rp70.000
        give_back(engine, store["supervisor"], split_sale.receipt_no, [(2, 1)], method="qris")
    assert counts(engine) == before
    by_qris = give_back(engine, store["supervisor"], split_sale.receipt_no, [(1, 1)], method=" QRIS ")
    assert (by_qris.method, by_qris.total) == ("qris", 65000)
    by_cash = give_back(engine, store["supervisor"], split_sale.receipt_no, [(2, 1)], method="cash")
    assert by_cash.total == 85000
    assert [(r.method, r.total) for r in refunds_of_sale(UnitOfWork(engine), split_sale.receipt_no)] == [
        ("qris", 65000), ("cash", 85000)]


def test_a_cashier_is_refused_and_a_supervisor_or_manager_allowed(engine, store):
    sale = sell(engine, store, [("coffee", 3)], [PaymentEntry("cash", 195000)])
    before = counts(engine)
    with pytest.raises(PermissionDenied, match="mengembalikan uang"):
        give_back(engine, store["cashier"], sale.receipt_no, [(1, 1)])
    assert counts(engine) == before
    manager = create_user(UnitOfWork(engine), "manajer", "Manajer", "manager", "9999")
    by_supervisor = give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)])
    assert (by_supervisor.total, by_supervisor.approver_name) == (65000, "")
    assert give_back(engine, manager, sale.receipt_no, [(1, 1)]).total == 65000


def test_a_cashier_may_refund_on_a_supervisors_pin_and_both_names_are_recorded(engine, store):
    sale = sell(engine, store, [("coffee", 2)], [PaymentEntry("cash", 130000)])
    wrong = authorize_override(UnitOfWork(engine, write=True), "spv", "5678", OPEN_DRAWER, terminal="T01")
    with pytest.raises(PermissionDenied, match="mengembalikan uang"):
        refund(UnitOfWork(engine, write=True), store["cashier"], sale.receipt_no, [RefundRequest(1, 1)],
               method="cash", restock=True, reason="Rusak", terminal="T01", approval=wrong)
    approval = authorize_override(UnitOfWork(engine, write=True), "spv", "5678", REFUND, terminal="T01")
    result = refund(UnitOfWork(engine, write=True), store["cashier"], sale.receipt_no, [RefundRequest(1, 1)],
                    method="cash", restock=True, reason="Rusak", terminal="T01", approval=approval)
    assert (result.total, result.approver_name) == (65000, "Yohana Lado")
    with UnitOfWork(engine) as uow:
        row = uow.session.scalar(select(Refund))
        assert (row.user_id, row.user_name, row.approver_id, row.approver_name) == (
            store["cashier"].id, "Maria Bria", store["supervisor"].id, "Yohana Lado")
        entry = uow.session.scalar(select(JournalEntry).where(JournalEntry.kind == "refund"))
        assert (entry.ref, entry.user_name, entry.approver_name) == (result.refund_no, "Maria Bria", "Yohana Lado")
    view = refund_view(UnitOfWork(engine), result.refund_no)
    assert (view.user_name, view.approver_name) == ("Maria Bria", "Yohana Lado")


def test_refund_numbers_are_gapless_per_terminal(engine, store):
    sale = sell(engine, store, [("coffee", 5)], [PaymentEntry("cash", 325000)])
    supervisor = store["supervisor"]
    numbers = [give_back(engine, supervisor, sale.receipt_no, [(1, 1)], terminal="T01").refund_no,
               give_back(engine, supervisor, sale.receipt_no, [(1, 1)], terminal="T02").refund_no]
    with pytest.raises(ValidationError):
        give_back(engine, supervisor, sale.receipt_no, [(1, 9)], terminal="T01")
    numbers += [give_back(engine, supervisor, sale.receipt_no, [(1, 1)], terminal=t).refund_no
                for t in ("T01", "T01")]
    assert numbers == ["R-T01-000001", "R-T02-000001", "R-T01-000002", "R-T01-000003"]


def test_a_refund_in_an_open_shift_is_linked_to_it(engine, store):
    sale = sell(engine, store, [("coffee", 2)], [PaymentEntry("cash", 130000)])
    with UnitOfWork(engine, write=True) as uow:
        shift = Shift(terminal="T01", cashier_id=store["supervisor"].id, cashier_name="Yohana Lado",
                      opening_float=200000, status="open")
        uow.session.add(shift)
        uow.commit()
    in_shift = give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)], terminal="T01")
    elsewhere = give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)], terminal="T02")
    assert (in_shift.shift_id, elsewhere.shift_id) == (shift.id, None)
    view = refund_view(UnitOfWork(engine), " r-t01-000001 ")
    assert (view.refund_no, view.receipt_no, view.shift_id, view.user_name, view.method, view.reason) == (
        "R-T01-000001", sale.receipt_no, shift.id, "Yohana Lado", "cash", "Rusak")
    assert [(l.line_no, l.name, l.quantity, l.amount) for l in view.lines] == [
        (1, "Kopi Arabika Bajawa 250 g", 1, 65000)]
    with pytest.raises(NotFoundError, match="R-T01-000009"):
        refund_view(UnitOfWork(engine), "R-T01-000009")


def test_two_refunds_of_the_last_unit_at_once_only_one_succeeds(engine, store, monkeypatch):
    sale = sell(engine, store, [("coffee", 2)], [PaymentEntry("cash", 130000)])
    give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)])
    real = refunds_module._refunded

    def slow_refunded(*args, **kwargs):
        # widen the gap between reading what was refunded and writing the refund
        found = real(*args, **kwargs)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(refunds_module, "_refunded", slow_refunded)
    start = threading.Barrier(2)
    outcomes = []

    def attempt(terminal):
        start.wait()
        try:
            outcomes.append(give_back(engine, store["supervisor"], sale.receipt_no, [(1, 1)], terminal=terminal))
        except ValidationError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=attempt, args=(t,)) for t in ("T01", "T02")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2
    errors = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(errors) == 1 and "terjual 2, sudah dikembalikan 2, sisa 0" in str(errors[0])
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.sum(RefundLine.quantity))) == 2
        assert uow.session.scalar(select(func.sum(Refund.total))) == 130000
    assert stock(engine, store["ids"]["coffee"]) == 20


def test_refund_line_split_is_the_cumulative_share_of_the_sold_line():
    class Line:
        quantity, measure, line_total, sale_discount_share = 2, "unit", 14700, 0
        terms, harga_setor, commission_pct = "commission", None, 15

    assert sold_line_split(Line()) == Split(14700, 12495, 2205)
    first, second = refund_line_split(Line(), 0, 1), refund_line_split(Line(), 1, 1)
    assert (first.amount + second.amount, first.vendor_amount + second.vendor_amount) == (14700, 12495)
    with pytest.raises(ValueError):
        refund_line_split(Line(), 1, 2)

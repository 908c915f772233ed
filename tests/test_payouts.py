"""The payout lifecycle: draft -> approved -> paid, each line settled once, negative balances
carried forward, refusals with clear messages; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from factories import seed_store
from nttmart_pos.db.models import SaleLine
from nttmart_pos.db.settlement_models import CashMovement, Payout, PayoutItem
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.services import payouts as payouts_module
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor
from nttmart_pos.services.settlement import (
    approve_payout,
    create_payouts,
    discard_draft,
    list_payouts,
    pay_payout,
    payout_document,
    payout_summary,
    settlement_figures,
)
from nttmart_pos.services.shifts import open_shift
from settlement_helpers import give_back, past_day, quick_user, sell

DAY1, DAY2, DAY3, TODAY = past_day(3), past_day(2), past_day(1), past_day(0)
YEAR = date.today().year


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    add_vendor(UnitOfWork(engine), VendorInput("SAMBA1", "Sambal Luat Ibu Ina", regency="Alor", commission_pct=15,
                                               payout_method="transfer", payout_account="BRI 1234567890"))
    ids = dict(seed["ids"])
    ids["sambal"] = add_product(UnitOfWork(engine), ProductInput(None, "Sambal Luat 100 g", "SAMBA1", 7350))
    return {"ids": ids, "cashier": seed["cashier"], "manager": quick_user(engine, "manajer", "manager")}


def create(engine, store, date_from, date_to=None, codes=None):
    return create_payouts(UnitOfWork(engine, write=True), store["manager"], date_from, date_to or date_from, codes)


def approve(engine, store, number):
    approve_payout(UnitOfWork(engine, write=True), store["manager"], number)


def pay(engine, store, number, method="transfer", reference="TRF-0001", paid_on=None, terminal=None):
    pay_payout(UnitOfWork(engine, write=True), store["manager"], number, method, reference, paid_on or TODAY,
               terminal=terminal)


def payout(engine, number) -> Payout:
    with UnitOfWork(engine) as uow:
        row = uow.session.scalar(select(Payout).where(Payout.payout_no == number))
        uow.session.expunge(row)  # keeps its values after the read-only transaction rolls back
        return row


def count(engine, model) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_refund_after_payout_carries_a_negative_balance_that_is_never_paid(engine, store):
    sambal, cashier = store["ids"]["sambal"], store["cashier"]
    sale = sell(engine, cashier, [(sambal, 2)], day=DAY1)
    [first] = create(engine, store, DAY1)
    assert first == f"PO-{YEAR}-000001"
    approve(engine, store, first)
    pay(engine, store, first, paid_on=DAY1)
    assert payout(engine, first).amount == 12495

    give_back(engine, store["manager"], sale.receipt_no, [(1, 2)], DAY2)  # the settled line comes back
    [refunded] = create(engine, store, DAY2)
    document = payout_document(UnitOfWork(engine), refunded)
    assert (document.gross, document.refunds_total, document.commission) == (0, 14700, -2205)
    assert (document.balance, document.amount, document.lines) == (-12495, 0, ())
    [line] = document.refunds
    assert (line.receipt_no, line.refunded_on, line.quantity, line.amount, line.vendor_amount) == (
        sale.receipt_no, DAY2, 2, 14700, -12495)

    sell(engine, cashier, [(sambal, 1)], day=DAY3)
    # a draft's negative balance is not carried yet: the draft may still be discarded
    assert settlement_figures(UnitOfWork(engine), DAY3, DAY3)[0].carried_in == 0
    approve(engine, store, refunded)
    pay(engine, store, refunded, reference="")  # nothing is handed over, so no reference either
    closed = payout(engine, refunded)
    assert (closed.status, closed.amount, closed.balance) == ("paid", 0, -12495)

    [third] = create(engine, store, DAY3)
    third_doc = payout_document(UnitOfWork(engine), third)
    assert (third_doc.gross, third_doc.carried_in, third_doc.balance, third_doc.amount) == (7350, -12495, -6248, 0)
    approve(engine, store, third)
    pay(engine, store, third, method="cash", reference="")  # amount 0: no drawer needed

    sell(engine, cashier, [(sambal, 2)], day=TODAY)
    [fourth] = create(engine, store, TODAY)
    fourth_doc = payout_document(UnitOfWork(engine), fourth)
    assert (fourth_doc.carried_in, fourth_doc.balance, fourth_doc.amount) == (-6248, 6247, 6247)
    with UnitOfWork(engine) as uow:
        carries = uow.session.execute(select(PayoutItem.payout_id, PayoutItem.carried_from_id)
                                      .where(PayoutItem.kind == "carry").order_by(PayoutItem.id)).all()
    assert [(a, b) for a, b in carries] == [(payout(engine, third).id, payout(engine, refunded).id),
                                            (payout(engine, fourth).id, payout(engine, third).id)]
    # over the four payouts the vendor is paid its share of what stayed sold (1 + 2 units), to the Rupiah
    assert sum(payout(engine, n).amount for n in (first, refunded, third, fourth)) == 6247 + 12495


def test_each_vendor_gets_one_draft_and_each_line_is_settled_once(engine, store):
    ids, cashier = store["ids"], store["cashier"]
    sell(engine, cashier, [(ids["coffee"], 1), (ids["sambal"], 2), (ids["scarf"], 1)], day=DAY1)
    sell(engine, cashier, [(ids["honey"], 1)], day=DAY1, minute=7)
    numbers = create(engine, store, DAY1)
    assert numbers == [f"PO-{YEAR}-00000{n}" for n in (1, 2, 3)]
    assert [(p.vendor_code, p.status, p.amount) for p in list_payouts(UnitOfWork(engine))] == [
        ("KOPI01", "draft", 65000 - 9750 + 85000 - 17000), ("SAMBA1", "draft", 12495), ("TENUN1", "draft", 200000)]
    assert create(engine, store, DAY1) == []  # nothing left to settle
    assert settlement_figures(UnitOfWork(engine), DAY1, DAY1) == []
    with UnitOfWork(engine) as uow:
        settled = uow.session.scalars(select(PayoutItem.sale_line_id).where(PayoutItem.kind == "sale")).all()
        assert sorted(settled) == sorted(uow.session.scalars(select(SaleLine.id)).all())


def test_a_line_settled_concurrently_is_refused_by_the_database_with_a_clear_message(engine, store, monkeypatch):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 1)], day=DAY1)
    stale = settlement_figures(UnitOfWork(engine), DAY1, DAY1)
    create(engine, store, DAY1)
    # as if a second manager had computed the same figures just before the first one saved them
    monkeypatch.setattr(payouts_module, "unsettled_figures", lambda *args, **kwargs: stale)
    monkeypatch.setattr(payouts_module, "_refuse_overlap", lambda *args: None)
    with pytest.raises(ValidationError, match="baru saja masuk setoran lain"):
        create(engine, store, DAY1)
    assert count(engine, Payout) == 1 and count(engine, PayoutItem) == 1


def test_overlapping_period_for_the_same_vendor_is_refused_naming_the_other_payout(engine, store):
    ids, cashier = store["ids"], store["cashier"]
    sell(engine, cashier, [(ids["sambal"], 1)], day=DAY1)
    [first] = create(engine, store, DAY1, DAY2)
    sell(engine, cashier, [(ids["sambal"], 1)], day=DAY2, minute=600)  # sold after the payout was made
    sell(engine, cashier, [(ids["coffee"], 1)], day=DAY3)
    with pytest.raises(ValidationError) as refused:
        create(engine, store, DAY2, DAY3)
    assert first in str(refused.value) and DAY1.isoformat() in str(refused.value)
    assert "SAMBA1" in str(refused.value)
    assert count(engine, Payout) == 1  # all or nothing
    # another period is fine: the other vendor, and SAMBA1's late line of DAY2 in its next payout
    later = [payout_document(UnitOfWork(engine), number) for number in create(engine, store, DAY3, DAY3)]
    assert [(doc.vendor_code, doc.units, doc.late_sales_from) for doc in later] == [
        ("KOPI01", 1, None), ("SAMBA1", 1, DAY2)]


def test_double_approval_and_double_payment_are_refused(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY1)
    [number] = create(engine, store, DAY1)
    with pytest.raises(ValidationError, match="belum disetujui"):
        pay(engine, store, number)
    approve(engine, store, number)
    with pytest.raises(ValidationError, match="sudah disetujui"):
        approve(engine, store, number)
    with pytest.raises(ValidationError, match="hanya draf"):
        discard_draft(UnitOfWork(engine, write=True), store["manager"], number)
    pay(engine, store, number, reference="TRF-77", paid_on=DAY2)
    with pytest.raises(ValidationError, match=f"{number} sudah dibayar pada {DAY2.isoformat()}"):
        pay(engine, store, number)
    with pytest.raises(ValidationError, match="sudah dibayar"):
        approve(engine, store, number)
    document = payout_document(UnitOfWork(engine), number)
    assert (document.status, document.paid_method, document.paid_reference, document.paid_on) == (
        "paid", "transfer", "TRF-77", DAY2)
    assert document.approved_by == "Manajer" and document.payout_account == "BRI 1234567890"


def test_payment_details_are_checked(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY1)
    [number] = create(engine, store, DAY1)
    approve(engine, store, number)
    with pytest.raises(ValidationError, match="cek"):
        pay(engine, store, number, method="cek")
    with pytest.raises(ValidationError, match="referensi"):
        pay(engine, store, number, method="ewallet", reference="  ")
    with pytest.raises(ValidationError, match="masa depan"):
        pay(engine, store, number, paid_on=TODAY + timedelta(days=1))
    with pytest.raises(NotFoundError, match="PO-1999-000001"):
        pay(engine, store, "PO-1999-000001")
    assert payout(engine, number).status == "approved"


def test_cash_payout_leaves_the_drawer_of_an_open_shift(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY1)
    [number] = create(engine, store, DAY1)
    approve(engine, store, number)
    with pytest.raises(ValidationError, match="terminal"):
        pay(engine, store, number, method="cash", reference="")
    with pytest.raises(NotFoundError, match="T02"):
        pay(engine, store, number, method="cash", reference="", terminal="T02")
    open_shift(UnitOfWork(engine, write=True), store["cashier"], "T02", 100000)
    pay(engine, store, number, method="cash", reference="", terminal="T02")
    with UnitOfWork(engine) as uow:
        [movement] = uow.session.scalars(select(CashMovement)).all()
        uow.session.expunge(movement)
    assert (movement.kind, movement.amount, movement.payout_id) == ("out", 12495, payout(engine, number).id)
    assert number in movement.reason and "Sambal Luat Ibu Ina" in movement.reason


def test_discarding_a_draft_frees_its_lines(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY1)
    [number] = create(engine, store, DAY1)
    discard_draft(UnitOfWork(engine, write=True), store["manager"], number)
    assert count(engine, Payout) == 0 and count(engine, PayoutItem) == 0
    [again] = create(engine, store, DAY1)
    assert again == f"PO-{YEAR}-000002"  # a discarded draft's number is not handed out again
    with pytest.raises(NotFoundError):
        discard_draft(UnitOfWork(engine, write=True), store["manager"], number)


def test_a_cashier_may_not_settle(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY1)
    cashier = store["cashier"]
    with pytest.raises(PermissionDenied):
        create_payouts(UnitOfWork(engine, write=True), cashier, DAY1, DAY1)
    [number] = create(engine, store, DAY1)
    for action in (lambda: approve_payout(UnitOfWork(engine, write=True), cashier, number),
                   lambda: discard_draft(UnitOfWork(engine, write=True), cashier, number)):
        with pytest.raises(PermissionDenied):
            action()
    approve(engine, store, number)
    with pytest.raises(PermissionDenied):
        pay_payout(UnitOfWork(engine, write=True), cashier, number, "transfer", "TRF", TODAY)
    assert payout(engine, number).status == "approved"


def test_lists_and_summary(engine, store):
    ids, cashier = store["ids"], store["cashier"]
    sell(engine, cashier, [(ids["sambal"], 2), (ids["coffee"], 1)], day=DAY1)
    sell(engine, cashier, [(ids["scarf"], 1)], day=DAY2)
    [kopi, sambal] = create(engine, store, DAY1)
    approve(engine, store, sambal)
    assert [p.payout_no for p in list_payouts(UnitOfWork(engine), status="approved")] == [sambal]
    assert [p.payout_no for p in list_payouts(UnitOfWork(engine), vendor_code="kopi01")] == [kopi]
    assert list_payouts(UnitOfWork(engine), date_from=DAY2, date_to=DAY3) == []
    with pytest.raises(ValidationError, match="lunas"):
        list_payouts(UnitOfWork(engine), status="lunas")
    summary = payout_summary(UnitOfWork(engine), DAY1, DAY2)
    assert [(r.vendor_code, r.payout_no, r.status) for r in summary.rows] == [
        ("KOPI01", kopi, "draft"), ("SAMBA1", sambal, "approved"), ("TENUN1", "", "preview")]
    assert (summary.gross, summary.amount) == (14700 + 65000 + 250000, 12495 + 55250 + 200000)

"""The settlement invariant, with hypothesis over random sales, discounts, refunds (some after a
payout) and terms, through the real checkout, refund and payout services: up to any day, vendor
payouts plus store commission plus what is unsettled equal the net sales, and carried balances lose no Rupiah."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import exists, func, select, text
from sqlalchemy.event import listen as event_listen

from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.models import Base, Sale, SaleLine
from nttmart_pos.db.settlement_models import Payout, PayoutItem, Refund, RefundLine
from nttmart_pos.domain.periods import period_bounds
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.settlement import payable
from nttmart_pos.services.catalog import ProductInput, VendorInput, create_product, create_vendor
from nttmart_pos.services.settlement import (approve_payout, create_payouts, discard_draft, pay_payout,
                                             settlement_figures)
from nttmart_pos.services.settlement_totals import settlement_totals
from settlement_helpers import give_back, net_sales, past_day, quick_user, sell

DAYS = [past_day(4), past_day(3), past_day(2), past_day(1)]
TERMS = st.one_of(st.tuples(st.just("commission"), st.integers(0, 100)),
                  st.tuples(st.just("harga_setor"), st.none()))


@dataclass(frozen=True)
class ProductSpec:
    vendor: int
    measure: str
    price: int
    harga_setor: int | None
    commission_pct: int | None


@dataclass(frozen=True)
class Scenario:
    vendors: list[tuple[str, int | None]]
    products: list[ProductSpec]
    sales: list[tuple[int, list[tuple[int, int]], int]]  # day, (product, size), discount per mille
    refunds: list[tuple[int, int, int, int]]  # days after the sale, sale, line, quarters of what is left
    settle: list[str]  # per day: "none", "draft", "discarded" (drafted, then discarded), "approved" or "paid"


@st.composite
def scenarios(draw) -> Scenario:
    vendors = draw(st.lists(TERMS, min_size=1, max_size=3))
    products = []
    for index, (terms, _pct) in enumerate(vendors):
        for _ in range(draw(st.integers(1, 2))):
            price = draw(st.integers(0, 120_000))
            products.append(ProductSpec(
                index, draw(st.sampled_from(["unit", "unit", "weight", "price"])), price,
                draw(st.integers(0, price)) if terms == "harga_setor" else None,
                draw(st.none() | st.integers(0, 100)) if terms == "commission" else None))
    line = st.tuples(st.integers(0, 99), st.integers(1, 2500))
    sales = draw(st.lists(st.tuples(st.integers(0, len(DAYS) - 1), st.lists(line, min_size=1, max_size=4),
                                    st.integers(0, 1000)), min_size=1, max_size=7))
    # a refund comes on the day of its sale or up to two days later (often after a payout)
    refunds = draw(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 99), st.integers(0, 99),
                                      st.integers(1, 4)), max_size=6))
    settle = draw(st.lists(st.sampled_from(["none", "draft", "discarded", "approved", "paid", "paid"]),
                           min_size=len(DAYS), max_size=len(DAYS)))
    return Scenario(vendors, products, sales, refunds, settle)


def _size(measure: str, size: int) -> int:
    """Pieces for counted goods, grams for weighed ones, the label's price for price labels."""
    return {"unit": 1 + size % 5, "weight": size, "price": size * 100}[measure]


def _catalog(engine, scenario: Scenario) -> list[tuple[int, str]]:
    with UnitOfWork(engine, write=True) as uow:
        for index, (terms, pct) in enumerate(scenario.vendors):
            create_vendor(uow.session, VendorInput(f"V{index}", f"UMKM {index}", regency="Alor", terms=terms,
                                                   commission_pct=pct))
        products = []
        for number, spec in enumerate(scenario.products):
            barcode = {"unit": None, "weight": f"21{number:05d}", "price": f"22{number:05d}"}[spec.measure]
            product = create_product(uow.session, ProductInput(
                barcode, f"Barang {number}", f"V{spec.vendor}", spec.price, harga_setor=spec.harga_setor,
                commission_pct=spec.commission_pct, measure=spec.measure,
                unit="kg" if spec.measure == "weight" else "pcs"))
            products.append((product.id, spec.measure))
        uow.commit()
    return products


def _settled(engine) -> int:
    """What the saved payouts hold of the net sales: each one's own lines, without what it carried in."""
    with UnitOfWork(engine) as uow:
        return int(uow.session.scalar(select(func.coalesce(
            func.sum(Payout.balance - Payout.carried_in + Payout.commission), 0))))


def _open_lines(engine, day) -> tuple[set[int], set[int]]:
    """Every sale and refund line up to ``day`` that no payout holds, by brute force (no settlement marks)."""
    _start, end = period_bounds(day, day)
    with UnitOfWork(engine) as uow:
        session = uow.session
        sales = set(session.scalars(select(SaleLine.id).join(Sale, Sale.id == SaleLine.sale_id).where(
            Sale.created_at < end, ~exists().where(PayoutItem.sale_line_id == SaleLine.id))))
        refunds = set(session.scalars(select(RefundLine.id).join(Refund, Refund.id == RefundLine.refund_id).where(
            Refund.created_at < end, ~exists().where(PayoutItem.refund_line_id == RefundLine.id))))
    return sales, refunds


def _check_figures(engine, day) -> list:
    """A day's figures take every unsettled line up to that day (late lines of earlier days too)."""
    figures = settlement_figures(UnitOfWork(engine), day, day)
    # the settlement marks only skip lines that are settled: every open line is in the figures
    assert ({line.sale_line_id for f in figures for line in f.sales},
            {line.refund_line_id for f in figures for line in f.refunds}) == _open_lines(engine, day)
    # the day-end summary's sums, added up by the database, are the lines' sums
    fields = ("vendor_code", "units", "gross", "refunds_total", "commission", "vendor_amount", "carried_in",
              "balance", "amount")
    assert [tuple(getattr(t, name) for name in fields) for t in settlement_totals(UnitOfWork(engine), day, day)] == \
        [tuple(getattr(f, name) for name in fields) for f in figures]
    assert _settled(engine) + sum(f.vendor_amount + f.commission for f in figures) == net_sales(engine, DAYS[0], day)
    for f in figures:
        assert f.gross - f.refunds_total == f.vendor_amount + f.commission
        assert f.balance == f.vendor_amount + f.carried_in and f.amount == payable(f.balance) >= 0
    return figures


def _settle(engine, manager, day, how: str, figures) -> None:
    numbers = create_payouts(UnitOfWork(engine, write=True), manager, day, day)
    by_vendor = {f.vendor_id: f for f in figures}
    with UnitOfWork(engine) as uow:
        saved = uow.session.scalars(select(Payout).where(Payout.payout_no.in_(numbers))).all()
        for payout in saved:  # exactly the figures shown before saving
            f = by_vendor[payout.vendor_id]
            assert (payout.gross, payout.refunds, payout.commission, payout.carried_in, payout.balance,
                    payout.amount, payout.units) == (f.gross, f.refunds_total, f.commission, f.carried_in,
                                                     f.balance, f.amount, f.units)
    for number in numbers:
        if how == "discarded":
            discard_draft(UnitOfWork(engine, write=True), manager, number)
        if how in ("approved", "paid"):
            approve_payout(UnitOfWork(engine, write=True), manager, number)
        if how == "paid":
            pay_payout(UnitOfWork(engine, write=True), manager, number, "transfer", "TRF-1", day)


def _check_payouts(engine) -> None:
    """Every payout adds up; over a vendor's payouts, carries neither lose nor double a Rupiah."""
    with UnitOfWork(engine) as uow:
        session = uow.session
        payouts = session.scalars(select(Payout)).all()
        carried = set(session.scalars(select(PayoutItem.carried_from_id).where(PayoutItem.kind == "carry")))
        for payout in payouts:
            items = session.scalars(select(PayoutItem).where(PayoutItem.payout_id == payout.id)).all()
            assert payout.balance == sum(item.vendor_amount for item in items)
            assert payout.gross - payout.refunds == sum(i.gross for i in items)
            assert payout.commission == sum(i.commission for i in items)
            assert payout.gross - payout.refunds - payout.commission + payout.carried_in == payout.balance
            assert payout.amount == payable(payout.balance)
        for vendor_id in {p.vendor_id for p in payouts}:
            own = [p for p in payouts if p.vendor_id == vendor_id]
            assert all(p.balance < 0 and p.status != "draft" for p in own if p.id in carried)
            earned = sum(p.balance - p.carried_in for p in own)
            paid_or_owed = sum(p.amount for p in own)
            still_negative = sum(p.balance for p in own if p.balance < 0 and p.id not in carried)
            assert earned == paid_or_owed + still_negative
        if carried:
            event("a negative balance was carried forward")
        if session.scalar(select(func.count()).select_from(PayoutItem).where(PayoutItem.kind == "refund")):
            event("a payout took refunds off")
        settled = session.scalar(select(func.count(PayoutItem.sale_line_id.distinct())))
        assert settled == session.scalar(select(func.count()).select_from(PayoutItem)
                                         .where(PayoutItem.kind == "sale"))
        assert settled <= session.scalar(select(func.count()).select_from(SaleLine))


def run_scenario(engine, scenario: Scenario) -> None:
    cashier, manager = quick_user(engine, "kasir", "cashier"), quick_user(engine, "manajer", "manager")
    products = _catalog(engine, scenario)
    sold: list[tuple[int, str, list[int]]] = []  # day, receipt, quantity left per line
    for day_index, day in enumerate(DAYS):
        for minute, (_d, lines, permille) in enumerate(s for s in scenario.sales if s[0] == day_index):
            items = [(products[p % len(products)][0], _size(products[p % len(products)][1], size))
                     for p, size in lines]
            result = sell(engine, cashier, items, discount_permille=permille, day=day, minute=minute)
            with UnitOfWork(engine) as uow:
                quantities = uow.session.scalars(select(SaleLine.quantity).where(SaleLine.sale_id == result.sale_id)
                                                 .order_by(SaleLine.line_no)).all()
            sold.append((day_index, result.receipt_no, list(quantities)))
        for minute, (later, sale, line, quarters) in enumerate(scenario.refunds):
            if not sold or sold[sale % len(sold)][0] + later != day_index:
                continue
            _sale_day, receipt_no, left = sold[sale % len(sold)]
            index = line % len(left)
            if left[index] == 0:
                continue
            quantity = -(-left[index] * quarters // 4)  # a quarter to all of what is left, rounded up
            give_back(engine, manager, receipt_no, [(index + 1, quantity)], day, minute)
            left[index] -= quantity
        figures = _check_figures(engine, day)
        if scenario.settle[day_index] != "none":
            _settle(engine, manager, day, scenario.settle[day_index], figures)
    _check_payouts(engine)
    # over the whole range: what was settled plus what is not equals the net sales
    unsettled = settlement_figures(UnitOfWork(engine), DAYS[0], DAYS[-1])
    assert _settled(engine) + sum(f.vendor_amount + f.commission for f in unsettled) == net_sales(engine, DAYS[0],
                                                                                              DAYS[-1])


SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=30, **SLOW)
@given(scenario=scenarios())
def test_payouts_plus_commission_equal_net_sales_on_sqlite(sqlite_template, scenario):
    folder = Path(tempfile.mkdtemp(prefix="settle-"))
    try:
        shutil.copy(sqlite_template, folder / "pos.db")
        engine = make_engine(f"sqlite:///{folder / 'pos.db'}")
        # a throw-away file: no need to wait for the disk on every commit (runs after the engine's own setup)
        event_listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA synchronous=OFF"))
        try:
            run_scenario(engine, scenario)
        finally:
            engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.postgres
@settings(max_examples=8, **SLOW)
@given(scenario=scenarios())
def test_payouts_plus_commission_equal_net_sales_on_postgresql(pg_base_url, scenario):
    engine = make_engine(pg_base_url)
    try:
        with engine.begin() as conn:  # a few rows: DELETE is much quicker than TRUNCATE here
            # the append-only triggers refuse DELETE; a test's own cleanup may bypass them (superuser)
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
        run_scenario(engine, scenario)
    finally:
        engine.dispose()

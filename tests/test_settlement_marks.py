"""Settlement marks (services.settlement_marks): day-end reads only the open tail, and never skips a line."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from factories import seed_store
from nttmart_pos.db.models import SaleLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor
from nttmart_pos.services.settlement import create_payouts, discard_draft, settlement_figures
from nttmart_pos.services.settlement_marks import REFUND_LINES, SALE_LINES, open_from
from nttmart_pos.services.settlement_totals import settlement_totals
from settlement_helpers import give_back, past_day, sell


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    ids = dict(seed["ids"])
    manager = create_user(UnitOfWork(engine), "manajer", "Manajer Toko", "manager", "9999")
    return {"ids": ids, "cashier": seed["cashier"], "manager": manager}


def _mark(engine, table: str = SALE_LINES) -> int:
    with UnitOfWork(engine) as uow:
        return open_from(uow.session, table)


def _last_line(engine) -> int:
    with UnitOfWork(engine) as uow:
        return int(uow.session.scalar(select(func.max(SaleLine.id))))


def _open_line_ids(engine, day) -> set[int]:
    return {line.sale_line_id for f in settlement_figures(UnitOfWork(engine), day, day) for line in f.sales}


def test_a_payout_moves_the_mark_past_what_it_settled_and_a_discard_moves_it_back(engine, store):
    day1, day2 = past_day(2), past_day(1)
    ids, cashier, manager = store["ids"], store["cashier"], store["manager"]
    first = sell(engine, cashier, [(ids["coffee"], 2), (ids["scarf"], 1)], day=day1)
    given = give_back(engine, manager, first.receipt_no, [(1, 1)], day1, minute=30)
    assert _mark(engine) == 0  # never settled: every line is looked at
    numbers = create_payouts(UnitOfWork(engine, write=True), manager, day1, day1)
    assert _mark(engine) == _last_line(engine) + 1 and _mark(engine, REFUND_LINES) > 0
    second = sell(engine, cashier, [(ids["coffee"], 1)], day=day2)
    assert _open_line_ids(engine, day2) == {_last_line(engine)}  # only the new line is open
    for number in numbers:
        discard_draft(UnitOfWork(engine, write=True), manager, number)
    with UnitOfWork(engine) as uow:
        first_lines = set(uow.session.scalars(select(SaleLine.id).where(SaleLine.sale_id == first.sale_id)))
    assert _mark(engine) == min(first_lines)  # released: read again from the first discarded line
    assert _open_line_ids(engine, day2) == first_lines | {_last_line(engine)}
    refunded = {r.refund_line_id for f in settlement_figures(UnitOfWork(engine), day2, day2) for r in f.refunds}
    assert len(refunded) == 1 and given.refund_no
    assert second.receipt_no


def test_the_summary_adds_up_big_amounts_without_overflow(engine, store):
    """Weighed goods at a harga setor per kg and a costly line with a high commission pass 2^31 when
    multiplied: PostgreSQL's 32-bit INTEGER would overflow if the database did not sum in 64 bits."""
    manager, cashier = store["manager"], store["cashier"]
    add_vendor(UnitOfWork(engine), VendorInput("PALA01", "Pala Banda Ibu Sarah", regency="Alor",
                                               terms="harga_setor", commission_pct=None))
    add_vendor(UnitOfWork(engine), VendorInput("IKAT99", "Tenun Ikat Mahal", regency="Sumba Timur",
                                               commission_pct=80))
    nutmeg = add_product(UnitOfWork(engine), ProductInput("2100077", "Pala kering per kg", "PALA01", 180_000,
                                                          harga_setor=150_000, measure="weight", unit="kg"))
    ikat = add_product(UnitOfWork(engine), ProductInput(None, "Kain Ikat Sumba Pahikung", "IKAT99", 10_000_000))
    day = past_day(1)
    sell(engine, cashier, [(nutmeg, 25_000), (ikat, 3)], day=day)  # 25 kg: 25,000 g x 150,000
    totals = {t.vendor_code: t for t in settlement_totals(UnitOfWork(engine), day, day)}
    figures = {f.vendor_code: f for f in settlement_figures(UnitOfWork(engine), day, day)}
    assert (totals["PALA01"].vendor_amount, totals["PALA01"].gross) == (3_750_000, 4_500_000)
    assert (totals["IKAT99"].commission, totals["IKAT99"].vendor_amount) == (24_000_000, 6_000_000)
    for code in ("PALA01", "IKAT99"):
        assert (totals[code].units, totals[code].gross, totals[code].commission, totals[code].balance) == \
            (figures[code].units, figures[code].gross, figures[code].commission, figures[code].balance)
    assert manager


@pytest.mark.postgres
def test_a_sale_being_written_during_the_payout_keeps_the_mark_where_it_was(pg_base_url):
    """On PostgreSQL a line id handed out to a transaction that has not committed yet may be smaller than
    the ids the payout settles: while any till is writing, the mark must not move past it."""
    from nttmart_pos.db.engine import make_engine

    engine = make_engine(pg_base_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            from nttmart_pos.db.models import Base
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
        seed = seed_store(engine)
        manager = create_user(UnitOfWork(engine), "manajer", "Manajer Toko", "manager", "9999")
        day = past_day(1)
        sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 1)], day=day)
        till = engine.connect()
        writing = till.begin()
        till.execute(text("LOCK TABLE sale_lines IN ROW EXCLUSIVE MODE"))  # what a till's INSERT holds
        try:
            assert create_payouts(UnitOfWork(engine, write=True), manager, day, day)
            assert _mark(engine) == 0
        finally:
            writing.rollback()
            till.close()
        sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 1)], day=day)
        create_payouts(UnitOfWork(engine, write=True), manager, past_day(0), past_day(0))
        assert _mark(engine) == _last_line(engine) + 1  # nobody writing: it moves
    finally:
        engine.dispose()

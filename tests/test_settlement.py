"""Vendor settlement figures on the worked examples of ../shared/STYLE.md, through the real
checkout and refund services, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select, text, update

from factories import seed_store
from nttmart_pos.db.models import Base, Product, SaleLine
from nttmart_pos.db.settlement_models import Payout, PayoutItem
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor
from nttmart_pos.services.settlement import (
    approve_payout,
    create_payouts,
    list_payouts,
    payout_document,
    payout_summary,
    preview_document,
    settlement_figures,
)
from settlement_helpers import give_back, net_sales, past_day, sell

DAY = past_day(3)


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    add_vendor(UnitOfWork(engine), VendorInput("SAMBA1", "Sambal Luat Ibu Ina", regency="Alor", commission_pct=15))
    add_vendor(UnitOfWork(engine), VendorInput("TIGA01", "Tiga Saudara", regency="Kota Kupang", commission_pct=10))
    ids = dict(seed["ids"])
    ids["setor25"] = add_product(UnitOfWork(engine), ProductInput(None, "Kain Ikat Sabu", "TENUN1", 25000,
                                                                  harga_setor=20000))
    ids["sambal"] = add_product(UnitOfWork(engine), ProductInput(None, "Sambal Luat 100 g", "SAMBA1", 7350))
    for name in ("Jagung Titi", "Se'i Sapi", "Kopi Robusta"):
        ids[name] = add_product(UnitOfWork(engine), ProductInput(None, name, "TIGA01", 10000))
    manager = create_user(UnitOfWork(engine), "manajer", "Manajer Toko", "manager", "9999")
    return {"ids": ids, "cashier": seed["cashier"], "manager": manager}


def figures_of(engine, code, date_from=DAY, date_to=None):
    found = settlement_figures(UnitOfWork(engine), date_from, date_to or date_from, [code])
    assert len(found) == 1, found
    return found[0]


def test_harga_setor_vendor_gets_qty_times_setor_whatever_the_discount(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["setor25"], 3)], discount=5000, day=DAY)
    tenun = figures_of(engine, "TENUN1")
    assert (tenun.units, tenun.gross, tenun.refunds_total) == (3, 70000, 0)
    assert (tenun.vendor_amount, tenun.commission, tenun.balance, tenun.amount) == (60000, 10000, 60000, 60000)
    [line] = tenun.sales
    assert (line.quantity, line.unit_price, line.terms, line.harga_setor) == (3, 25000, "harga_setor", 20000)


def test_commission_is_rounded_half_up_per_sale_line(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY)
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 1)], day=DAY, minute=5)
    sambal = figures_of(engine, "SAMBA1")
    assert [(s.split.amount, s.split.commission, s.split.vendor_amount) for s in sambal.sales] == [
        (14700, 2205, 12495), (7350, 1103, 6247)]
    assert (sambal.units, sambal.gross, sambal.commission, sambal.vendor_amount) == (3, 22050, 3308, 18742)
    document = preview_document(sambal)
    [line] = document.lines  # one product, one price, one set of terms
    assert (line.quantity, line.gross, line.commission, line.vendor_amount, line.commission_pct) == (
        3, 22050, 3308, 18742, 15)
    assert (document.payout_no, document.status, document.amount) == ("", "preview", 18742)


def test_sale_discount_is_spread_with_the_leftover_rupiah_on_the_first_line(engine, store):
    ids = store["ids"]
    sale = sell(engine, store["cashier"], [(ids["Jagung Titi"], 1), (ids["Se'i Sapi"], 1), (ids["Kopi Robusta"], 1)],
                discount=10000, day=DAY)
    assert sale.total == 20000
    with UnitOfWork(engine) as uow:
        shares = uow.session.scalars(select(SaleLine.sale_discount_share).where(SaleLine.sale_id == sale.sale_id)
                                     .order_by(SaleLine.line_no)).all()
    assert shares == [3334, 3333, 3333]
    tiga = figures_of(engine, "TIGA01")
    assert [s.split.amount for s in tiga.sales] == [6666, 6667, 6667]
    # 10 % of each line, half up: 667 + 667 + 667
    assert (tiga.gross, tiga.commission, tiga.vendor_amount) == (20000, 2001, 17999)
    assert tiga.vendor_amount + tiga.commission == net_sales(engine, DAY, DAY)


def test_refund_in_the_same_period_comes_off_the_same_payout(engine, store):
    sale = sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY)
    give_back(engine, store["manager"], sale.receipt_no, [(1, 1)], DAY)
    sambal = figures_of(engine, "SAMBA1")
    [refund] = sambal.refunds
    # half of the line: 14.700 / 2 back to the customer, 12.495 / 2 = 6.247,5 -> 6.248 off the vendor
    assert (refund.quantity, refund.split.amount, refund.split.vendor_amount, refund.split.commission) == (
        1, 7350, 6248, 1102)
    assert (sambal.gross, sambal.refunds_total, sambal.vendor_amount, sambal.commission) == (14700, 7350, 6247, 1103)
    assert sambal.vendor_amount + sambal.commission == net_sales(engine, DAY, DAY) == 7350
    [listed] = preview_document(sambal).refunds
    assert (listed.receipt_no, listed.refunded_on, listed.amount, listed.vendor_amount) == (
        sale.receipt_no, DAY, 7350, -6248)


def test_refunds_in_steps_give_back_exactly_the_vendor_share(engine, store):
    sale = sell(engine, store["cashier"], [(store["ids"]["sambal"], 3)], day=DAY)
    for step in range(3):
        give_back(engine, store["manager"], sale.receipt_no, [(1, 1)], DAY, minute=step)
    sambal = figures_of(engine, "SAMBA1")
    assert sum(r.split.vendor_amount for r in sambal.refunds) == sambal.sales[0].split.vendor_amount
    assert (sambal.vendor_amount, sambal.commission, sambal.refunds_total) == (0, 0, 22050)


def test_weighed_goods_count_as_one_unit_and_grams_against_price_per_kg(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["cashew"], 1500), (store["ids"]["coffee"], 2)], day=DAY)
    kopi = figures_of(engine, "KOPI01")
    assert kopi.units == 3
    weighed = next(s for s in kopi.sales if s.measure == "weight")
    assert (weighed.quantity, weighed.split.amount, weighed.split.commission) == (1500, 180000, 27000)


def test_period_is_in_local_days_inclusive_and_vendors_in_code_order(engine, store):
    ids, cashier = store["ids"], store["cashier"]
    sell(engine, cashier, [(ids["sambal"], 1)], day=past_day(4))
    sell(engine, cashier, [(ids["setor25"], 1)], day=DAY)
    sell(engine, cashier, [(ids["coffee"], 1)], day=past_day(2))
    # a period takes every unsettled line up to its last day: the earlier sambal sale too, not the later coffee
    one_day = settlement_figures(UnitOfWork(engine), DAY, DAY)
    assert [(f.vendor_code, f.late_sales_from) for f in one_day] == [("SAMBA1", past_day(4)), ("TENUN1", None)]
    assert settlement_figures(UnitOfWork(engine), past_day(5), past_day(5)) == []
    three = settlement_figures(UnitOfWork(engine), past_day(4), past_day(2))
    assert [f.vendor_code for f in three] == ["KOPI01", "SAMBA1", "TENUN1"]
    assert sum(f.vendor_amount + f.commission for f in three) == net_sales(engine, past_day(4), past_day(2))
    later = settlement_figures(UnitOfWork(engine), past_day(1), past_day(0))
    assert [(f.vendor_code, f.late_sales_from) for f in later] == [
        ("KOPI01", past_day(2)), ("SAMBA1", past_day(4)), ("TENUN1", DAY)]
    assert sum(f.vendor_amount + f.commission for f in later) == net_sales(engine, past_day(4), past_day(0))


def test_figures_use_the_snapshot_not_todays_price_or_terms(engine, store):
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 2)], day=DAY)
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(update(Product).where(Product.id == store["ids"]["sambal"])
                            .values(price=9000, commission_pct=40))
        uow.commit()
    sell(engine, store["cashier"], [(store["ids"]["sambal"], 1)], day=DAY, minute=9)
    sambal = figures_of(engine, "SAMBA1")
    assert [(s.unit_price, s.commission_pct, s.split.commission) for s in sambal.sales] == [
        (7350, 15, 2205), (9000, 40, 3600)]
    assert len(preview_document(sambal).lines) == 2  # another price and terms: another document line


def test_bad_period_or_unknown_vendor_is_refused_with_its_name(engine, store):
    with pytest.raises(ValidationError, match="tidak valid"):
        settlement_figures(UnitOfWork(engine), DAY, past_day(4))
    with pytest.raises(NotFoundError, match="NOPE99"):
        settlement_figures(UnitOfWork(engine), DAY, DAY, ["KOPI01", "nope99"])


def _row_counts(engine) -> dict[str, int]:
    with UnitOfWork(engine) as uow:
        counts = {t.name: uow.session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
        counts["counter values"] = uow.session.scalar(text("SELECT COALESCE(SUM(value), 0) FROM counters"))
        return counts


def test_reading_settlement_writes_nothing(engine, store):
    sale = sell(engine, store["cashier"], [(store["ids"]["sambal"], 2), (store["ids"]["setor25"], 1)], day=DAY)
    give_back(engine, store["manager"], sale.receipt_no, [(2, 1)], DAY)
    before = _row_counts(engine)
    for figures in settlement_figures(UnitOfWork(engine), DAY, DAY):
        preview_document(figures)
    summary = payout_summary(UnitOfWork(engine), DAY, DAY)
    assert list_payouts(UnitOfWork(engine)) == []
    assert _row_counts(engine) == before
    assert [row.status for row in summary.rows] == ["preview", "preview"]
    assert summary.balance + summary.commission == net_sales(engine, DAY, DAY)


def test_preview_and_saved_document_say_the_same(engine, store):
    ids = store["ids"]
    sale = sell(engine, store["cashier"], [(ids["coffee"], 2), (ids["honey"], 1), (ids["cashew"], 750)],
                discount=3000, day=DAY)
    sell(engine, store["cashier"], [(ids["coffee"], 1)], day=DAY, minute=3)
    give_back(engine, store["manager"], sale.receipt_no, [(2, 1)], DAY)
    preview = preview_document(figures_of(engine, "KOPI01"))
    [number] = create_payouts(UnitOfWork(engine, write=True), store["manager"], DAY, DAY, ["KOPI01"])
    saved = payout_document(UnitOfWork(engine), number)
    assert saved.status == "draft" and saved.payout_no == number
    assert replace(saved, payout_no="", status="preview", created_at=preview.created_at) == preview
    # coffee sold twice at one price and terms: one line; honey and cashew: one each
    assert [(line.product_name, line.quantity) for line in saved.lines] == [
        ("Kacang Mete Curah", 750), ("Kopi Arabika Bajawa 250 g", 3), ("Madu Hutan Timor 500 ml", 1)]
    assert saved.gross - saved.refunds_total - saved.commission + saved.carried_in == saved.balance == saved.amount


def test_a_late_sale_on_a_settled_day_goes_into_the_next_payout_exactly_once(engine, store):
    """A till sale rung up at 21:00 after the day's payouts were made at 20:00 is settled the next day."""
    day1, day2 = past_day(2), past_day(1)
    ids, cashier, manager = store["ids"], store["cashier"], store["manager"]
    sell(engine, cashier, [(ids["sambal"], 2)], day=day1)
    [first] = create_payouts(UnitOfWork(engine, write=True), manager, day1, day1, ["SAMBA1"])
    approve_payout(UnitOfWork(engine, write=True), manager, first)
    late = sell(engine, cashier, [(ids["sambal"], 1), (ids["setor25"], 1)], day=day1, minute=13 * 60)
    sell(engine, cashier, [(ids["sambal"], 3)], day=day2)
    with pytest.raises(ValidationError, match=first):  # the saved payout's period is still not covered twice
        create_payouts(UnitOfWork(engine, write=True), manager, day1, day1, ["SAMBA1"])
    numbers = create_payouts(UnitOfWork(engine, write=True), manager, day2, day2)
    assert len(numbers) == 2  # SAMBA1 and TENUN1, whose only line is the late one
    with UnitOfWork(engine) as uow:
        settled = uow.session.execute(select(PayoutItem.sale_line_id, Payout.payout_no)
                                      .join(Payout, Payout.id == PayoutItem.payout_id)
                                      .where(PayoutItem.kind == "sale")).all()
        late_lines = uow.session.scalars(select(SaleLine.id).where(SaleLine.sale_id == late.sale_id)).all()
        total_lines = uow.session.scalar(select(func.count()).select_from(SaleLine))
        settled_total = uow.session.scalar(select(func.sum(Payout.balance + Payout.commission)))
    assert len(settled) == len({line_id for line_id, _no in settled}) == total_lines == 4
    assert {no for line_id, no in settled if line_id in late_lines} <= set(numbers)
    [sambal_no] = [row.payout_no for row in list_payouts(UnitOfWork(engine), vendor_code="SAMBA1", date_from=day2)]
    sambal = payout_document(UnitOfWork(engine), sambal_no)
    assert (sambal.period_from, sambal.late_sales_from, sambal.lines[0].quantity) == (day2, day1, 4)
    assert payout_document(UnitOfWork(engine), first).late_sales_from is None
    assert settled_total == net_sales(engine, day1, day2)
    assert settlement_figures(UnitOfWork(engine), day1, day2) == []

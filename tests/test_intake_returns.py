"""Consignment intake and retur on SQLite and PostgreSQL: stock through the ledger,
all-or-nothing documents, gapless numbering per kind and year, no retur below
zero (also when two managers post at once), and reading documents back."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from factories import COFFEE, seed_store
from nttmart_pos.db.inventory_models import StockDocument, StockDocumentLine
from nttmart_pos.db.models import Counter, Product, StockMovement, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import NotFoundError, PermissionDenied, PosError, ValidationError
from nttmart_pos.services import returns as returns_module
from nttmart_pos.services import stock_documents
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.returns import ReturnLine, return_goods
from nttmart_pos.services.stock import ledger_stock
from nttmart_pos.services.stock_documents import document, list_documents

JUNE = datetime(2026, 6, 15, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Yosef Manajer", "manager", "9999")
    return seed


def receive(engine, store, vendor, lines, **kw):
    return receive_goods(UnitOfWork(engine, write=True), store["manager"], vendor, lines, **kw)


def give_back(engine, store, vendor, lines, **kw):
    return return_goods(UnitOfWork(engine, write=True), store["manager"], vendor, lines, **kw)


def stock(engine, product_id) -> tuple[int, int]:
    """(cached stock_on_hand, ledger sum)."""
    with UnitOfWork(engine) as uow:
        return uow.session.get(Product, product_id).stock_on_hand, ledger_stock(uow.session, product_id)


def snapshot(engine) -> tuple:
    """Everything an intake or retur could write."""
    with UnitOfWork(engine) as uow:
        s = uow.session
        return (s.scalar(select(func.count()).select_from(StockDocument)),
                s.scalar(select(func.count()).select_from(StockDocumentLine)),
                s.scalar(select(func.count()).select_from(StockMovement)),
                tuple(s.scalars(select(Product.stock_on_hand).order_by(Product.id))),
                tuple(s.execute(select(Counter.name, Counter.value).order_by(Counter.name))))


def test_intake_adds_stock_through_the_ledger_with_a_signed_document(engine, store):
    ids = store["ids"]
    result = receive(engine, store, "kopi01", [IntakeLine(ids["coffee"], 12, date(2027, 3, 1)),
                                               IntakeLine(ids["honey"], 3)], now=JUNE)
    assert result.doc_no == "TT-2026-000001" and result.kind == "intake" and result.line_count == 2
    assert result.total_value == 12 * 65000 + 3 * 85000  # commission vendor: valued at the price
    assert stock(engine, ids["coffee"]) == (32, 32)
    assert stock(engine, ids["honey"]) == (13, 13)
    with UnitOfWork(engine) as uow:
        moves = uow.session.scalars(select(StockMovement).where(StockMovement.reference == result.doc_no)
                                    .order_by(StockMovement.id)).all()
        assert [(m.product_id, m.kind, m.quantity, m.document_id, m.user_id) for m in moves] == [
            (ids["coffee"], "received", 12, result.document_id, store["manager"].id),
            (ids["honey"], "received", 3, result.document_id, store["manager"].id)]
        doc = uow.session.get(StockDocument, result.document_id)
        assert (doc.user_name, doc.total_value, doc.created_at) == ("Yosef Manajer", result.total_value, JUNE)
        assert [(l.line_no, l.barcode, l.product_name, l.unit_value, l.expires_on) for l in doc.lines] == [
            (1, COFFEE, "Kopi Arabika Bajawa 250 g", 65000, date(2027, 3, 1)),
            (2, doc.lines[1].barcode, "Madu Hutan Timor 500 ml", 85000, None)]


def test_harga_setor_vendor_is_valued_at_harga_setor_and_weighed_goods_per_kg(engine, store):
    ids = store["ids"]
    scarf = receive(engine, store, "TENUN1", [IntakeLine(ids["scarf"], 2)])
    assert scarf.total_value == 2 * 200000
    cashew = receive(engine, store, "KOPI01", [IntakeLine(ids["cashew"], 1250)])  # grams
    assert cashew.total_value == 150000  # 1,250 kg x 120.000
    assert stock(engine, ids["cashew"]) == (6250, 6250)
    view = document(UnitOfWork(engine), cashew.doc_no)
    assert (view.lines[0].measure, view.lines[0].value, view.value_basis) == ("weight", 150000, "price")
    assert document(UnitOfWork(engine), scarf.doc_no).value_basis == "harga_setor"


def test_the_same_product_twice_is_one_line_unless_the_batches_differ(engine, store):
    ids = store["ids"]
    result = receive(engine, store, "KOPI01", [
        IntakeLine(ids["coffee"], 2), IntakeLine(ids["honey"], 1), IntakeLine(ids["coffee"], 3),
        IntakeLine(ids["honey"], 4, date(2027, 1, 1)),
    ])
    view = document(UnitOfWork(engine), result.doc_no)
    assert [(l.name, l.quantity, l.expires_on) for l in view.lines] == [
        ("Kopi Arabika Bajawa 250 g", 5, None), ("Madu Hutan Timor 500 ml", 1, None),
        ("Madu Hutan Timor 500 ml", 4, date(2027, 1, 1))]
    assert stock(engine, ids["honey"]) == (15, 15)


BAD_INTAKES = {
    "other vendor's product": (lambda ids: [IntakeLine(ids["coffee"], 1), IntakeLine(ids["scarf"], 1)],
                               ValidationError, "bukan barang UMKM KOPI01"),
    "zero": (lambda ids: [IntakeLine(ids["coffee"], 1), IntakeLine(ids["honey"], 0)],
             ValidationError, "Baris 2: jumlah"),
    "too many": (lambda ids: [IntakeLine(ids["coffee"], 100_001)], ValidationError, "100.000"),
    "merged too many": (lambda ids: [IntakeLine(ids["coffee"], 60_000), IntakeLine(ids["coffee"], 60_000)],
                        ValidationError, "100.000"),
    "fraction": (lambda ids: [IntakeLine(ids["coffee"], 1.5)], ValidationError, "1.5"),
    "unknown product": (lambda ids: [IntakeLine(ids["coffee"], 1), IntakeLine(99999, 1)],
                        NotFoundError, "99999"),
    "expired batch": (lambda ids: [IntakeLine(ids["honey"], 1, date(2026, 6, 14))],
                      ValidationError, "kedaluwarsa (14-06-2026)"),
    "no lines": (lambda ids: [], ValidationError, "paling sedikit satu barang"),
}


def test_a_bad_intake_writes_nothing_and_uses_no_number(engine, store):
    before = snapshot(engine)
    for case, (make_lines, error, text) in BAD_INTAKES.items():
        with pytest.raises(error) as raised:
            receive(engine, store, "KOPI01", make_lines(store["ids"]), now=JUNE)
        assert text in str(raised.value), case
        assert snapshot(engine) == before, case
    assert receive(engine, store, "KOPI01", [IntakeLine(store["ids"]["coffee"], 1)], now=JUNE).doc_no == \
        "TT-2026-000001"


def test_unknown_or_inactive_vendor_and_inactive_product_are_refused(engine, store):
    ids = store["ids"]
    with pytest.raises(NotFoundError, match="XX99"):
        receive(engine, store, "XX99", [IntakeLine(ids["coffee"], 1)])
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(update(Product).where(Product.id == ids["honey"]).values(active=False))
        uow.commit()
    with pytest.raises(ValidationError, match="Madu Hutan Timor 500 ml .* sudah tidak aktif"):
        receive(engine, store, "KOPI01", [IntakeLine(ids["honey"], 1)])
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(update(Vendor).where(Vendor.code == "TENUN1").values(active=False))
        uow.commit()
    before = snapshot(engine)
    with pytest.raises(ValidationError, match="TENUN1 .*tidak aktif"):
        receive(engine, store, "TENUN1", [IntakeLine(ids["scarf"], 1)])
    assert snapshot(engine) == before
    # what is left of an inactive vendor's or product's goods may still go back
    assert give_back(engine, store, "TENUN1", [ReturnLine(ids["scarf"], 5, "unsold")]).total_value == 1_000_000
    assert give_back(engine, store, "KOPI01", [ReturnLine(ids["honey"], 10, "unsold")]).doc_no.endswith("000002")


def test_a_database_failure_halfway_rolls_back_the_whole_intake(engine, store, monkeypatch):
    calls = []
    real = stock_documents.record_movement

    def failing(session, *args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise PosError("disk hilang")
        return real(session, *args, **kwargs)

    monkeypatch.setattr(stock_documents, "record_movement", failing)
    before = snapshot(engine)
    ids = store["ids"]
    with pytest.raises(PosError, match="disk hilang"):
        receive(engine, store, "KOPI01", [IntakeLine(ids["coffee"], 1), IntakeLine(ids["honey"], 1)])
    assert snapshot(engine) == before


def test_only_a_manager_receives_or_returns_goods(engine, store):
    ids = store["ids"]
    before = snapshot(engine)
    with pytest.raises(PermissionDenied, match="Peran Anda tidak boleh mengelola stok"):
        receive_goods(UnitOfWork(engine, write=True), store["cashier"], "KOPI01", [IntakeLine(ids["coffee"], 1)])
    with pytest.raises(PermissionDenied, match="Peran Anda tidak boleh mengelola stok"):
        return_goods(UnitOfWork(engine, write=True), store["cashier"], "KOPI01",
                     [ReturnLine(ids["coffee"], 1, "unsold")])
    assert snapshot(engine) == before


def test_retur_takes_stock_out_through_the_ledger_but_never_below_zero(engine, store):
    ids = store["ids"]
    before = snapshot(engine)
    with pytest.raises(ValidationError, match=r"Selendang Tenun Rote \(\d+\): diretur 6, stok hanya 5"):
        give_back(engine, store, "TENUN1", [ReturnLine(ids["scarf"], 6, "damaged")])
    # two reasons for one product count together against its stock
    with pytest.raises(ValidationError, match="diretur 6, stok hanya 5"):
        give_back(engine, store, "TENUN1", [ReturnLine(ids["scarf"], 3, "unsold"),
                                            ReturnLine(ids["scarf"], 3, "damaged")])
    with pytest.raises(ValidationError, match="alasan retur tidak dikenal: hilang"):
        give_back(engine, store, "TENUN1", [ReturnLine(ids["scarf"], 1, "hilang")])
    assert snapshot(engine) == before

    result = give_back(engine, store, "TENUN1", [ReturnLine(ids["scarf"], 2, "unsold"),
                                                 ReturnLine(ids["scarf"], 3, "damaged")], now=JUNE)
    assert (result.doc_no, result.total_value) == ("RT-2026-000001", 5 * 200000)
    assert stock(engine, ids["scarf"]) == (0, 0)
    with UnitOfWork(engine) as uow:
        moves = uow.session.scalars(select(StockMovement).where(StockMovement.document_id == result.document_id))
        assert sorted((m.kind, m.quantity) for m in moves) == [("returned", -3), ("returned", -2)]
    with pytest.raises(ValidationError, match="stok hanya 0"):
        give_back(engine, store, "TENUN1", [ReturnLine(ids["scarf"], 1, "unsold")])
    assert stock(engine, ids["scarf"]) == (0, 0)


def test_retur_of_weighed_goods_names_the_weight(engine, store):
    with pytest.raises(ValidationError, match="diretur 5,001 kg, stok hanya 5,000 kg"):
        give_back(engine, store, "KOPI01", [ReturnLine(store["ids"]["cashew"], 5001, "expired")])


def test_two_managers_returning_at_once_cannot_go_below_zero(engine, store, monkeypatch):
    """The ledger read waits for the other retur's commit (row lock / BEGIN IMMEDIATE)."""
    real = returns_module._ledger_stock

    def slow(session, ids):
        found = real(session, ids)
        time.sleep(0.3)  # the window in which an unlocked check would let both through
        return found

    monkeypatch.setattr(returns_module, "_ledger_stock", slow)
    scarf = store["ids"]["scarf"]
    outcomes: list = []

    def worker():
        try:
            outcomes.append(give_back(engine, store, "TENUN1", [ReturnLine(scarf, 3, "unsold")]).doc_no)
        except ValidationError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(map(type, outcomes), key=str) == sorted([str, ValidationError], key=str)
    assert stock(engine, scarf) == (2, 2)


def test_numbers_are_gapless_per_kind_and_year(engine, store):
    ids = store["ids"]
    coffee = [IntakeLine(ids["coffee"], 1)]
    new_year = datetime(2027, 1, 10, 4, 0, tzinfo=timezone.utc)
    numbers = [receive(engine, store, "KOPI01", coffee, now=JUNE).doc_no,
               give_back(engine, store, "KOPI01", [ReturnLine(ids["coffee"], 1, "unsold")], now=JUNE).doc_no]
    with pytest.raises(ValidationError):
        receive(engine, store, "KOPI01", [IntakeLine(ids["coffee"], 0)], now=JUNE)
    numbers += [receive(engine, store, "KOPI01", coffee, now=JUNE + timedelta(days=1)).doc_no,
                receive(engine, store, "KOPI01", coffee, now=new_year).doc_no,
                give_back(engine, store, "KOPI01", [ReturnLine(ids["coffee"], 2, "expired")], now=new_year).doc_no,
                receive(engine, store, "KOPI01", coffee, now=new_year).doc_no]
    assert numbers == ["TT-2026-000001", "RT-2026-000001", "TT-2026-000002", "TT-2027-000001",
                       "RT-2027-000001", "TT-2027-000002"]


def test_a_document_reads_back_for_reprint_and_lists_newest_first(engine, store):
    ids = store["ids"]
    intake = receive(engine, store, "KOPI01", [IntakeLine(ids["coffee"], 4, date(2027, 2, 1)),
                                               IntakeLine(ids["cashew"], 1500)], notes="Titipan minggu ke-2",
                     now=JUNE)
    retur = give_back(engine, store, "KOPI01", [ReturnLine(ids["coffee"], 2, "expired")],
                      now=JUNE + timedelta(hours=1))
    scarf = receive(engine, store, "TENUN1", [IntakeLine(ids["scarf"], 1)], now=JUNE + timedelta(hours=2))

    view = document(UnitOfWork(engine), " tt-2026-000001 ")
    assert (view.doc_no, view.kind, view.vendor_code, view.vendor_name, view.vendor_regency, view.user_name,
            view.notes) == ("TT-2026-000001", "intake", "KOPI01", "Kopi Bajawa Flores", "Ngada", "Yosef Manajer",
                            "Titipan minggu ke-2")
    assert view.created_at == JUNE and view.created_at.tzinfo is not None
    assert [(l.barcode, l.quantity, l.unit_value, l.value, l.expires_on) for l in view.lines] == [
        (COFFEE, 4, 65000, 260000, date(2027, 2, 1)), ("2100001", 1500, 120000, 180000, None)]
    assert (view.total_pieces, view.total_grams, view.total_value) == (4, 1500, intake.total_value)
    back = document(UnitOfWork(engine), retur.doc_no)
    assert [(l.reason, l.quantity, l.value) for l in back.lines] == [("expired", 2, 130000)]
    with pytest.raises(NotFoundError, match="TT-2026-999999"):
        document(UnitOfWork(engine), "TT-2026-999999")

    everything = list_documents(UnitOfWork(engine))
    assert [d.doc_no for d in everything] == [scarf.doc_no, retur.doc_no, intake.doc_no]
    assert (everything[2].line_count, everything[2].total_value) == (2, intake.total_value)
    assert [d.doc_no for d in list_documents(UnitOfWork(engine), vendor_code="kopi01", kind="intake")] == [
        intake.doc_no]
    assert [d.doc_no for d in list_documents(UnitOfWork(engine), kind="return")] == [retur.doc_no]
    assert len(list_documents(UnitOfWork(engine), limit=1)) == 1
    with pytest.raises(ValidationError):
        list_documents(UnitOfWork(engine), kind="opname")

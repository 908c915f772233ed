"""Upgrading a store's database from every earlier revision keeps its data, and the upgraded schema works.

For each revision of the Alembic history, on SQLite and PostgreSQL: a fresh
database is brought to that revision, filled with plain SQL in the shape the
program of that time wrote (a vendor, products, users, a sale with lines and
a payment, stock movements; later a stock document, a stock take, a shift
with its Z report, a refund, a paid payout ...), then upgraded to head.
Every row and every column that existed before must read back the same, and
the services must work on it: a login, a scan, a sale, a refund, the journal.
(An empty database upgraded to head equals the models: tests/test_database.py.)
"""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Date, bindparam, create_engine, inspect, text
from sqlalchemy.engine import make_url

from conftest import PG_ENV, TEST_JOURNAL_KEY
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.migrate import alembic_config, current_revision, head_revision, upgrade
from nttmart_pos.db.models import Base, UtcDateTime
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.shift_report import CashierTotal, MethodTotal, ShiftReport
from nttmart_pos.services.auth import hash_pin, login
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.journal_key import start_journal
from nttmart_pos.services.refunds import RefundRequest, refund
from nttmart_pos.services.shift_figures import z_report
from nttmart_pos.services.stock import ledger_stock
from settlement_helpers import sell

REVISIONS = [script.revision for script in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))]
COFFEE, SCARF = "8991234567891", "2000010000104"
WHEN = datetime(2025, 6, 2, 2, 30, tzinfo=timezone.utc)  # 10:30 in Kupang
DAY = timedelta(days=1)


def test_the_history_is_one_line_from_0001():
    assert REVISIONS[0] == "0001" and REVISIONS[-1] == head_revision()
    assert REVISIONS == sorted(REVISIONS) and len(set(REVISIONS)) == len(REVISIONS)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    """A new, empty database (no tables at all) on each backend, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    name = f"nttmart_migrate_{uuid.uuid4().hex[:10]}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# -- plain SQL, as an older program wrote it ----------------------------------------

def put(conn, table: str, **values) -> int:
    """INSERT one row (identifiers are this file's constants) and return its id."""
    names = list(values)
    statement = text(f'INSERT INTO {table} ({", ".join(f"{chr(34)}{n}{chr(34)}" for n in names)}) '
                     f'VALUES ({", ".join(":" + n for n in names)}) RETURNING id')
    typed = [bindparam(n, type_=UtcDateTime() if isinstance(v, datetime) else Date())
             for n, v in values.items() if isinstance(v, date)]
    return conn.execute(statement.bindparams(*typed), values).scalar_one()


def move_stock(conn, product_id: int, kind: str, quantity: int, reference: str, **extra) -> None:
    put(conn, "stock_movements", product_id=product_id, kind=kind, quantity=quantity, reference=reference,
        created_at=extra.pop("created_at", WHEN), **extra)
    conn.execute(text("UPDATE products SET stock_on_hand = stock_on_hand + :q WHERE id = :p"),
                 {"q": quantity, "p": product_id})


def sale(conn, ids: dict, number: int, lines: list[tuple[str, int]], payment: tuple[str, int, int, str], *,
         at: datetime, terminal: str = "T01", discount: int = 0, cashier: str = "cashier", **extra) -> int:
    """A completed sale with its lines (product key, quantity), one payment and its stock movements."""
    products = {"coffee": (COFFEE, "Kopi Arabika Bajawa 250 g", 65000, "vendor", "KOPI01", "Kopi Bajawa Flores",
                           "commission", None, 15),
                "scarf": (SCARF, "Selendang Tenun Rote", 250000, "weaver", "TENUN1", "Tenun Ina Ndao",
                          "harga_setor", 200000, None)}
    subtotal = sum(products[key][2] * quantity for key, quantity in lines)
    method, amount, tendered, reference = payment
    line_extra = extra.pop("line_extra", {})
    sale_id = put(conn, "sales", receipt_no=f"{terminal}-{number:06d}", terminal=terminal, number=number,
                  cashier_id=ids[cashier], cashier_name="Maria Bria" if cashier == "cashier" else "Yohanes Seran",
                  created_at=at, subtotal=subtotal, discount=discount, total=subtotal - discount,
                  paid=tendered, change=tendered - (subtotal - discount), status="completed", **extra)
    for line_no, (key, quantity) in enumerate(lines, start=1):
        barcode, name, price, vendor, code, vendor_name, terms, setor, pct = products[key]
        ids[f"line:{number}:{terminal}:{line_no}"] = put(
            conn, "sale_lines", sale_id=sale_id, line_no=line_no, product_id=ids[key], barcode=barcode,
            product_name=name, measure="unit", quantity=quantity, unit_price=price, line_total=price * quantity,
            discount=0, vendor_id=ids[vendor], vendor_code=code, vendor_name=vendor_name, terms=terms,
            harga_setor=setor, commission_pct=pct, **line_extra)
        move_stock(conn, ids[key], "sold", -quantity, f"{terminal}-{number:06d}", sale_id=sale_id,
                   user_id=ids[cashier], created_at=at)
    put(conn, "payments", sale_id=sale_id, method=method, amount=amount, tendered=tendered, reference=reference)
    return sale_id


def data_0001(conn, ids: dict) -> dict[str, int]:
    ids["cashier"] = put(conn, "users", username="kasir", full_name="Maria Bria", role="cashier",
                         pin_hash=hash_pin("1234"), active=True, created_at=WHEN - 30 * DAY)
    ids["manager"] = put(conn, "users", username="manajer", full_name="Yohanes Seran", role="manager",
                         pin_hash=hash_pin("9999"), active=True, created_at=WHEN - 30 * DAY)
    ids["vendor"] = put(conn, "vendors", code="KOPI01", name="Kopi Bajawa Flores", owner="Yosef Dhiu",
                        phone="081234567890", regency="Ngada", village="Beiposo", terms="commission",
                        commission_pct=15, payout_method="transfer", payout_account="BRI 0123-01-000123-50-1",
                        notes="", active=True)
    ids["weaver"] = put(conn, "vendors", code="TENUN1", name="Tenun Ina Ndao", owner="Ina Ndao", phone="",
                        regency="Rote Ndao", village="", terms="harga_setor", commission_pct=None,
                        payout_method="cash", payout_account="", notes="ambil uang di toko", active=True)
    ids["coffee"] = put(conn, "products", barcode=COFFEE, name="Kopi Arabika Bajawa 250 g", category="Minuman",
                        vendor_id=ids["vendor"], price=65000, harga_setor=None, commission_pct=None, unit="pcs",
                        measure="unit", reorder_level=5, active=True, stock_on_hand=0,
                        name_search="kopi arabika bajawa 250 g")
    ids["scarf"] = put(conn, "products", barcode=SCARF, name="Selendang Tenun Rote", category="Tenun",
                       vendor_id=ids["weaver"], price=250000, harga_setor=200000, commission_pct=None, unit="pcs",
                       measure="unit", reorder_level=1, active=True, stock_on_hand=0,
                       name_search="selendang tenun rote")
    move_stock(conn, ids["coffee"], "received", 20, "stok awal", user_id=ids["manager"])
    move_stock(conn, ids["scarf"], "received", 5, "stok awal", user_id=ids["manager"])
    ids["sale1"] = sale(conn, ids, 1, [("coffee", 2), ("scarf", 1)], ("cash", 380000, 400000, ""), at=WHEN)
    return {"receipt:T01": 1}


def data_0002(conn, ids: dict) -> dict[str, int]:
    doc = put(conn, "stock_documents", doc_no="TT-2025-000001", kind="intake", vendor_id=ids["vendor"],
              created_at=WHEN + DAY, user_id=ids["manager"], user_name="Yohanes Seran", notes="titipan minggu ini",
              total_value=552500)
    put(conn, "stock_document_lines", document_id=doc, line_no=1, product_id=ids["coffee"], barcode=COFFEE,
        product_name="Kopi Arabika Bajawa 250 g", quantity=10, unit_value=55250, reason="",
        expires_on=date(2026, 6, 1))
    move_stock(conn, ids["coffee"], "received", 10, "TT-2025-000001", document_id=doc, user_id=ids["manager"],
               created_at=WHEN + DAY)
    put(conn, "price_changes", product_id=ids["coffee"], changed_at=WHEN - DAY, user_id=ids["manager"],
        user_name="Yohanes Seran", old_price=60000, new_price=65000, old_harga_setor=None, new_harga_setor=None,
        old_commission_pct=None, new_commission_pct=None)
    put(conn, "product_certificates", product_id=ids["coffee"], kind="pirt", number="206530101012325",
        expires_on=date(2029, 1, 31))
    take = put(conn, "stock_takes", number="SO-2025-0001", scope="all", scope_value="", status="posted",
               started_at=WHEN + DAY, started_by=ids["manager"], posted_at=WHEN + DAY + timedelta(hours=2),
               posted_by=ids["manager"], reason="stok opname bulanan")
    put(conn, "stock_take_counts", stock_take_id=take, product_id=ids["scarf"], counted=3, expected=4,
        first_counted_at=WHEN + DAY, last_counted_at=WHEN + DAY)
    move_stock(conn, ids["scarf"], "adjusted", -1, "SO-2025-0001", user_id=ids["manager"], created_at=WHEN + DAY)
    return {"intake:2025": 1, "stocktake:2025": 1}


def data_0003(conn, ids: dict) -> dict[str, int]:
    opened, closed = WHEN + 2 * DAY, WHEN + 2 * DAY + timedelta(hours=8)
    shift = put(conn, "shifts", terminal="T01", cashier_id=ids["cashier"], cashier_name="Maria Bria",
                opened_at=opened, opening_float=200000, status="closed", closed_at=closed, closed_by=ids["cashier"],
                expected_cash=315000, counted_cash=315000)
    sale(conn, ids, 2, [("coffee", 1)], ("cash", 65000, 65000, ""), at=opened + timedelta(hours=1), shift_id=shift,
         channel="till", line_extra={"sale_discount_share": 0})
    put(conn, "cash_movements", shift_id=shift, kind="in", amount=50000, reason="tambah uang kecil", payout_id=None,
        created_at=opened + timedelta(hours=2), user_id=ids["cashier"])
    report = ShiftReport(
        kind="Z", z_no="Z-T01-000001", shift_id=shift, terminal="T01", cashier_id=ids["cashier"],
        cashier_name="Maria Bria", opened_at=opened, closed_at=closed, generated_at=closed,
        business_date=date(2025, 6, 4), opening_float=200000, sales_count=1, gross=65000, discounts=0,
        refunds_count=0, refunds_total=0, net=65000, payments=(MethodTotal("cash", 1, 65000),), refund_methods=(),
        cashiers=(CashierTotal(ids["cashier"], "Maria Bria", 1, 65000),), cash_sales=65000, cash_refunds=0,
        cash_in=50000, cash_out=0, expected_cash=315000, first_receipt="T01-000002", last_receipt="T01-000002",
        counts=((100000, 3), (5000, 3)), counted_cash=315000, variance=0, closed_by_name="Maria Bria")
    put(conn, "z_reports", z_no="Z-T01-000001", shift_id=shift, terminal="T01", created_at=closed,
        business_date=date(2025, 6, 4), figures=report.to_json())
    sale(conn, ids, 1, [("scarf", 1)], ("marketplace", 250000, 250000, "TKP-88"), at=WHEN + 3 * DAY,
         terminal="ONL", cashier="manager", channel="marketplace", external_order_id="TKP-88",
         line_extra={"sale_discount_share": 0})
    refund_id = put(conn, "refunds", refund_no="R-T01-000001", sale_id=ids["sale1"], terminal="T01", shift_id=shift,
                    created_at=opened + timedelta(hours=3), user_id=ids["manager"], user_name="Yohanes Seran",
                    method="cash", total=65000, restock=True, reason="kemasan rusak")
    put(conn, "refund_lines", refund_id=refund_id, sale_line_id=ids["line:1:T01:1"], vendor_id=ids["vendor"],
        quantity=1, amount=65000)
    move_stock(conn, ids["coffee"], "refunded", 1, "R-T01-000001", sale_id=ids["sale1"], user_id=ids["manager"],
               created_at=opened + timedelta(hours=3))
    payout = put(conn, "payouts", payout_no="PO-2025-000001", vendor_id=ids["weaver"], period_from=date(2025, 6, 1),
                 period_to=date(2025, 6, 7), status="paid", created_at=WHEN + 7 * DAY, created_by=ids["manager"],
                 approved_at=WHEN + 7 * DAY, approved_by=ids["manager"], paid_at=WHEN + 8 * DAY,
                 paid_by=ids["manager"], paid_method="transfer", paid_reference="BRI-778899",
                 paid_on=date(2025, 6, 10), units=1, gross=250000, refunds=0, commission=50000, carried_in=0,
                 balance=200000, amount=200000)
    put(conn, "payout_items", payout_id=payout, kind="sale", sale_line_id=ids["line:1:T01:2"], refund_line_id=None,
        carried_from_id=None, quantity=1, gross=250000, commission=50000, vendor_amount=200000)
    return {"receipt:T01": 2, "receipt:ONL": 1, "refund:T01": 1, "z:T01": 1, "payout:2025": 1}


def data_0004(conn, ids: dict) -> dict[str, int]:
    sale(conn, ids, 3, [("coffee", 1)], ("qris", 60000, 60000, ""), at=WHEN + 9 * DAY, discount=5000,
         discount_reason="pelanggan tetap", approver_id=ids["manager"], approver_name="Yohanes Seran",
         line_extra={"sale_discount_share": 5000, "discount_reason": "", "list_price": None})
    conn.execute(text("UPDATE users SET failed_pins = 2 WHERE id = :id"), {"id": ids["cashier"]})
    return {"receipt:T01": 3}


def data_0005(conn, ids: dict) -> dict[str, int]:
    put(conn, "print_jobs", created_at=WHEN + 9 * DAY, terminal="T01", kind="sale", ref="T01-000003", copy=False,
        kick_drawer=False, status="printed", attempts=1, last_error="", printed_at=WHEN + 9 * DAY)
    return {}


def data_0006(conn, ids: dict) -> dict[str, int]:
    """A paid payout whose refunds made its balance negative (what the new partial index holds)."""
    put(conn, "payouts", payout_no="PO-2025-000002", vendor_id=ids["weaver"], period_from=date(2025, 6, 8),
        period_to=date(2025, 6, 14), status="approved", created_at=WHEN + 14 * DAY, created_by=ids["manager"],
        approved_at=WHEN + 14 * DAY, approved_by=ids["manager"], paid_at=None, paid_by=None, paid_method=None,
        paid_reference="", paid_on=None, units=0, gross=0, refunds=250000, commission=-50000, carried_in=0,
        balance=-200000, amount=0)
    return {"payout:2025": 2}


DATA = {"0001": data_0001, "0002": data_0002, "0003": data_0003, "0004": data_0004, "0005": data_0005,
        "0006": data_0006}


def fill(engine, revision: str) -> dict:
    """Every data set up to ``revision``, then the counters as that program would have left them."""
    ids: dict = {}
    counters: dict[str, int] = {}
    with engine.begin() as conn:
        for rev in REVISIONS[: REVISIONS.index(revision) + 1]:
            counters.update(DATA[rev](conn, ids))
        for name, value in counters.items():
            conn.execute(text("INSERT INTO counters (name, value) VALUES (:n, :v)"), {"n": name, "v": value})
    return ids


def snapshot(engine) -> dict[str, list[dict]]:
    """Every row of every table but alembic_version, as the driver returns it, in id (or key) order."""
    tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    with engine.connect() as conn:
        return {table: [dict(row._mapping) for row in conn.execute(text(f'SELECT * FROM "{table}" ORDER BY 1'))]
                for table in tables}


def test_every_revision_has_a_data_set():
    assert set(DATA) == set(REVISIONS), "a new migration needs a data set here: what did its tables hold?"


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrade_from_each_revision_keeps_the_data_and_works(empty_url, revision):
    engine = make_engine(empty_url)
    try:
        upgrade(engine, revision)
        assert current_revision(engine) == revision
        ids = fill(engine, revision)
        before = snapshot(engine)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        after = snapshot(engine)
        for table, rows in before.items():  # every old row and column reads back the same
            old_columns = list(rows[0]) if rows else []
            assert [{name: row[name] for name in old_columns} for row in after[table]] == rows, table
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        _head_works(engine, ids, revision)
    finally:
        engine.dispose()


def _head_works(engine, ids: dict, revision: str) -> None:
    """The services on the upgraded data: stock, login, scan, a sale, a refund, the journal, old Z reports."""
    from nttmart_pos.services.journal_verify import verify_journal

    with UnitOfWork(engine) as uow:
        for key in ("coffee", "scarf"):
            assert ledger_stock(uow.session, ids[key]) == uow.session.execute(
                text("SELECT stock_on_hand FROM products WHERE id = :id"), {"id": ids[key]}).scalar_one()
    cashier = login(UnitOfWork(engine, write=True), "kasir", "1234")
    manager = login(UnitOfWork(engine, write=True), "manajer", "9999")
    assert (cashier.id, manager.role) == (ids["cashier"], "manager")
    assert product_for_scan(UnitOfWork(engine), COFFEE).product.product_id == ids["coffee"]
    start_journal(engine)  # what the program does first on a database that has sales but no journal yet
    till_sales = {"0001": 1, "0002": 1, "0003": 2}.get(revision, 3)
    result = sell(engine, cashier, [(ids["coffee"], 1), (ids["scarf"], 1)])
    assert result.receipt_no == f"T01-{till_sales + 1:06d}"
    given = refund(UnitOfWork(engine, write=True), manager, "T01-000001", [RefundRequest(1, 1)], method="cash",
                   restock=True, reason="kemasan penyok", terminal="T01")
    earlier_refunds = 1 if revision >= "0003" else 0
    assert given.refund_no == f"R-T01-{earlier_refunds + 1:06d}"
    if revision >= "0003":
        old = z_report(UnitOfWork(engine), "Z-T01-000001")
        assert (old.expected_cash, old.counted_cash, old.first_receipt) == (315000, 315000, "T01-000002")
    check = verify_journal(UnitOfWork(engine), TEST_JOURNAL_KEY)
    assert check.ok, check.problem
    assert check.count == 3  # journal.start, the new sale, the new refund

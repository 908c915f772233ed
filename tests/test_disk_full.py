"""A SQLite database that can no longer be written: a full disk, or a file (or connection) that is read-only.

A full disk is simulated with ``PRAGMA max_page_count`` a few pages above the
database's size on every connection of the till's engine: sales are rung up
until one no longer fits.  That sale fails with a ``DatabaseError`` saying the
storage is full, and leaves nothing behind; every sale committed before is
whole (lines, payments, stock == ledger, the journal verifies) and receipt
numbers have no gap.  Once there is room again, the same cart is paid.

Read-only: the file is made read-only (``chmod 0444``; tests run as root, who
may write anyway, so the connection is also opened read-only with ``mode=ro``),
or the connection is (SQLite ``query_only``; a PostgreSQL read-only session,
as on a standby server).  Paying fails with the "hanya-baca" message and the
sales already there stay as they were.  PostgreSQL's "No space left on device"
is a full disk too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from conftest import TEST_JOURNAL_KEY
from factories import seed_store
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork, database_error
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.errors import DatabaseError
from nttmart_pos.services.checkout import checkout
from sale_checks import check_journal, check_numbers, check_sales_whole, check_sqlite_file, check_stock
from settlement_helpers import cart_product

FULL = "Penyimpanan penuh"
READ_ONLY = "hanya-baca"
SPARE_PAGES = 6
MAX_SALES = 2_000  # far more than fit into a few spare pages


@pytest.fixture
def store(sqlite_url):
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    engine.dispose()
    return seed


def cart_of(engine, store, quantity: int = 1) -> Cart:
    cart = Cart()
    cart.add(cart_product(engine, store["ids"]["honey"]), quantity)
    cart.add(cart_product(engine, store["ids"]["cashew"]), grams=250)
    return cart


def pay(engine, cart, store):
    return checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", cart.total)], store["cashier"],
                    "T01")


def page_count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return int(conn.exec_driver_sql("PRAGMA page_count").scalar())
    finally:
        engine.dispose()


def check_whole(engine, receipts: list[str]) -> None:
    """The sales of ``receipts``, and only they, are in the database, whole, numbered without a gap."""
    with UnitOfWork(engine) as uow:
        stored = [row[0] for row in uow.session.execute(text("SELECT receipt_no FROM sales ORDER BY number"))]
    assert stored == receipts
    assert check_sales_whole(engine) == len(receipts)
    check_numbers(engine)
    check_stock(engine)
    check_journal(engine, TEST_JOURNAL_KEY)
    if engine.dialect.name == "sqlite":
        check_sqlite_file(engine)


def test_a_full_disk_refuses_the_sale_that_no_longer_fits_and_keeps_every_sale_before(sqlite_url, store):
    limit = page_count(sqlite_url) + SPARE_PAGES
    engine = make_engine(sqlite_url)

    @event.listens_for(engine, "connect")
    def _small_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    receipts: list[str] = []
    error = None
    try:
        for _ in range(MAX_SALES):
            try:
                receipts.append(pay(engine, cart_of(engine, store), store).receipt_no)
            except DatabaseError as exc:
                error = exc
                break
        assert error is not None, "the database never filled up"
        assert receipts, "not even one sale fitted: the test needs more spare pages"
        assert str(error).startswith(FULL), str(error)
        # the refused sale left nothing: no half sale, its receipt number not used up
        check_whole(engine, receipts)
        with pytest.raises(DatabaseError, match=FULL):  # still full: refused again, not half-written
            pay(engine, cart_of(engine, store), store)
    finally:
        engine.dispose()

    roomy = make_engine(sqlite_url)  # room made on the disk
    try:
        next_receipt = pay(roomy, cart_of(roomy, store), store).receipt_no
        assert next_receipt == f"T01-{len(receipts) + 1:06d}"
        check_whole(roomy, [*receipts, next_receipt])
    finally:
        roomy.dispose()


def _read_only_uri(url: str) -> str:
    path = Path(make_url(url).database).resolve()
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def sell_three(url, store) -> list[str]:
    engine = make_engine(url)
    try:
        return [pay(engine, cart_of(engine, store), store).receipt_no for _ in range(3)]
    finally:
        engine.dispose()


def check_read_only_refusal(engine, store, receipts: list[str]) -> None:
    cart = cart_of(engine, store)  # reading still works
    with pytest.raises(DatabaseError) as refused:
        pay(engine, cart, store)
    assert READ_ONLY in str(refused.value), str(refused.value)
    with UnitOfWork(engine) as uow:
        stored = [row[0] for row in uow.session.execute(text("SELECT receipt_no FROM sales ORDER BY number"))]
    assert stored == receipts


def test_a_read_only_database_file_refuses_the_sale_and_keeps_what_is_there(sqlite_url, store):
    receipts = sell_three(sqlite_url, store)
    page_count(sqlite_url)  # everything checkpointed into the file
    path = Path(make_url(sqlite_url).database)
    mode = stat.S_IMODE(path.stat().st_mode)
    os.chmod(path, 0o444)
    try:
        engine = make_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")  # root ignores the chmod
        try:
            check_read_only_refusal(engine, store, receipts)
        finally:
            engine.dispose()
    finally:
        os.chmod(path, mode)
    engine = make_engine(sqlite_url)
    try:
        check_whole(engine, receipts)
    finally:
        engine.dispose()


@pytest.fixture
def seeded_url(db_url):
    engine = make_engine(db_url)
    seed = seed_store(engine)
    engine.dispose()
    return db_url, seed


def test_a_read_only_connection_refuses_the_sale_on_either_database(seeded_url):
    """SQLite ``query_only``; PostgreSQL read-only transactions (a standby, or a database set read-only)."""
    url, store = seeded_url
    receipts = sell_three(url, store)
    engine = make_engine(url)
    statement = ("PRAGMA query_only = ON" if engine.dialect.name == "sqlite"
                 else "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        if engine.dialect.name != "sqlite":
            dbapi_connection.commit()

    try:
        check_read_only_refusal(engine, store, receipts)
    finally:
        engine.dispose()
    engine = make_engine(url)
    try:
        check_whole(engine, receipts)
    finally:
        engine.dispose()


@pytest.mark.parametrize("message", [
    "database or disk is full",  # SQLite (SQLITE_FULL, also what it makes of ENOSPC)
    'could not extend file "base/16384/16385": No space left on device',  # PostgreSQL 53100
    'could not write to file "pg_wal/xlogtemp.123": No space left on device',
])
def test_every_full_disk_message_tells_the_cashier_the_storage_is_full(message):
    assert str(database_error(Exception(message))).startswith(FULL)

"""The scan's held connection (db.fast_read): fresh data, no open transaction, recovery after a lost link."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import text

from factories import COFFEE, seed_store
from nttmart_pos.db import fast_read
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.catalog import SCAN_ONE, product_for_scan


def _held_connection(engine):
    return fast_read._held_connection(engine)


def test_a_scan_sees_what_another_connection_just_committed(engine):
    store = seed_store(engine)
    assert product_for_scan(UnitOfWork(engine), COFFEE).product.price == 65000
    with engine.begin() as conn:  # e.g. a price change saved on the manager's PC
        conn.execute(text("UPDATE products SET price = 70000 WHERE id = :id"), {"id": store["ids"]["coffee"]})
    assert product_for_scan(UnitOfWork(engine), COFFEE).product.price == 70000


def test_values_come_back_typed_as_sqlalchemy_gives_them(engine):
    seed_store(engine)
    params = {"today": date(2026, 11, 29), "code_1": COFFEE}
    [row] = UnitOfWork(engine).read_rows(SCAN_ONE, params)
    assert row[7] is True  # SQLite stores 1
    assert isinstance(row[3], int) and row[8] is None and row[9] is None


@pytest.mark.postgres
def test_the_held_postgresql_connection_is_never_left_in_a_transaction(pg_base_url):
    engine = make_engine(pg_base_url)
    try:
        product_for_scan_or_unknown(engine)
        pid = _held_connection(engine).info.backend_pid
        with engine.connect() as conn:
            state = conn.execute(text("SELECT state FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}).scalar()
        assert state == "idle"  # not "idle in transaction": it holds no snapshot and no lock
    finally:
        engine.dispose()


def product_for_scan_or_unknown(engine) -> None:
    try:
        product_for_scan(UnitOfWork(engine), COFFEE)
    except Exception:  # noqa: BLE001 - an empty database: the scan still ran its query
        pass


def test_a_broken_held_connection_is_replaced_without_the_cashier_noticing(engine):
    seed_store(engine)
    product_for_scan(UnitOfWork(engine), COFFEE)
    first = _held_connection(engine)
    first.close()  # the server restarted, or the link dropped
    assert product_for_scan(UnitOfWork(engine), COFFEE).product.price == 65000
    assert _held_connection(engine) is not first


def test_disposing_the_engine_closes_the_held_connections_of_every_thread(engine):
    seed_store(engine)
    product_for_scan(UnitOfWork(engine), COFFEE)
    held = []

    def scan_elsewhere() -> None:
        product_for_scan(UnitOfWork(engine), COFFEE)
        held.append(_held_connection(engine))

    worker = threading.Thread(target=scan_elsewhere)
    worker.start()
    worker.join()
    mine = _held_connection(engine)
    assert held[0] is not mine  # one per thread
    engine.dispose()
    for connection in (mine, held[0]):
        with pytest.raises(Exception):
            connection.cursor().execute("SELECT 1")
    assert product_for_scan(UnitOfWork(engine), COFFEE).product.price == 65000  # and scanning goes on


def test_an_unreachable_database_is_a_clear_message(tmp_path):
    from nttmart_pos.errors import DatabaseError

    engine = make_engine(f"sqlite:///{tmp_path / 'missing' / 'pos.db'}")
    (tmp_path / "missing").rmdir()
    try:
        with pytest.raises(DatabaseError, match="Database"):
            product_for_scan(UnitOfWork(engine), COFFEE)
    finally:
        engine.dispose()

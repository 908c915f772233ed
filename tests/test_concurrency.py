"""Several tills selling at once on one database: nothing lost, nothing doubled, no collision reaches the cashier.

``db.retry.run_with_retry`` runs a transaction again when the database rolled
it back because of another till (PostgreSQL serialization failure 40001 or
deadlock 40P01, SQLite "database is locked"): checked on made-up errors, then
on real collisions.  Then tills in separate processes (``tests/sale_worker.py``)
flood one database with sales and refunds of the same few products, some of
which run out (stock may go below zero: a physical item can always be sold),
and afterwards every sale is there, stock equals the ledger and opening stock
less what was sold plus what came back, receipt numbers are unique and
gapless per till, and the journal verifies.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import psycopg.errors
import pytest
from sqlalchemy import event, select, text, update
from sqlalchemy.exc import OperationalError

from conftest import TEST_JOURNAL_KEY
from factories import seed_store
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.models import Counter, Product
from nttmart_pos.db.retry import busy_error, is_retryable, run_with_retry, sqlstate
from nttmart_pos.db.uow import UnitOfWork, database_error
from nttmart_pos.errors import DatabaseError, ValidationError
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, add_product
from nttmart_pos.services.shifts import open_shift
from sale_checks import (
    check_journal,
    check_numbers,
    check_reported_present,
    check_sales_whole,
    check_sqlite_file,
    check_stock,
    is_postgres,
    opening_stock,
    read_report,
    start_worker,
    wait_ready,
)


def _wrapped(driver_error: Exception) -> DatabaseError:
    """A driver error as the program sees it: SQLAlchemy's error inside our DatabaseError (db/uow.py)."""
    try:
        try:
            raise OperationalError("UPDATE counters ...", {}, driver_error)
        except OperationalError as exc:
            raise database_error(exc) from exc
    except DatabaseError as wrapped:
        return wrapped


def _busy_sqlite() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = 5  # as the sqlite3 module sets it (SQLITE_BUSY)
    return error


# ---- which errors are collisions ----------------------------------------------------------------------------

def test_serialization_failures_deadlocks_and_busy_sqlite_are_retryable():
    serialization = _wrapped(psycopg.errors.SerializationFailure("could not serialize access"))
    deadlock = _wrapped(psycopg.errors.DeadlockDetected("deadlock detected"))
    assert sqlstate(serialization) == "40001" and sqlstate(deadlock) == "40P01"
    assert is_retryable(serialization) and is_retryable(deadlock) and is_retryable(_wrapped(_busy_sqlite()))
    assert is_retryable(serialization.__cause__)  # SQLAlchemy's error itself
    assert is_retryable(psycopg.errors.DeadlockDetected("deadlock detected"))  # the bare driver error
    assert is_retryable(sqlite3.OperationalError("database is locked"))  # no error code: by its text


def test_other_failures_are_not_retried():
    assert not is_retryable(_wrapped(psycopg.errors.UniqueViolation("duplicate key")))
    assert not is_retryable(_wrapped(psycopg.OperationalError("server closed the connection unexpectedly")))
    assert not is_retryable(_wrapped(sqlite3.OperationalError("disk I/O error")))
    assert not is_retryable(DatabaseError("Database tidak dapat dihubungi"))
    assert not is_retryable(ValueError("database is locked"))
    try:  # the program's own refusal is never a collision, whatever it was raised from
        raise ValidationError("Keranjang masih kosong") from psycopg.errors.DeadlockDetected("deadlock detected")
    except ValidationError as refusal:
        assert not is_retryable(refusal)


def test_run_with_retry_reruns_the_whole_transaction_until_it_goes_through():
    calls, retries, pauses = [], [], []

    def transaction():
        calls.append(1)
        if len(calls) < 3:
            raise _wrapped(psycopg.errors.DeadlockDetected("deadlock detected"))
        return "T01-000001"

    result = run_with_retry(transaction, on_retry=lambda attempt, exc: retries.append(attempt), sleep=pauses.append)
    assert result == "T01-000001" and len(calls) == 3 and retries == [1, 2]
    assert len(pauses) == 2 and 0.01 <= pauses[0] <= 0.03 and 0.02 <= pauses[1] <= 0.06  # doubling, with jitter


def test_run_with_retry_gives_up_with_a_busy_message_and_passes_other_errors_at_once():
    calls = []

    def always_collides():
        calls.append(1)
        raise _wrapped(psycopg.errors.SerializationFailure("could not serialize access"))

    with pytest.raises(DatabaseError) as raised:
        run_with_retry(always_collides, attempts=4, sleep=lambda _s: None)
    assert len(calls) == 4 and str(raised.value) == str(busy_error())
    assert "sibuk" in str(raised.value) and sqlstate(raised.value) == "40001"  # chained to the last collision

    def refused():
        calls.append(1)
        raise ValidationError("Keranjang masih kosong")

    calls.clear()
    with pytest.raises(ValidationError):
        run_with_retry(refused, sleep=lambda _s: None)
    assert len(calls) == 1


# ---- real collisions ----------------------------------------------------------------------------------------

def _counters(engine, *names: str) -> None:
    with UnitOfWork(engine, write=True) as uow:
        uow.session.add_all([Counter(name=name, value=0) for name in names])
        uow.commit()


def _bump(session, name: str) -> None:
    session.execute(update(Counter).where(Counter.name == name).values(value=Counter.value + 1))


def _value(engine, name: str) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(Counter.value).where(Counter.name == name))


def test_a_real_collision_is_retried_and_both_transactions_count_once(engine):
    """PostgreSQL: two transactions lock two rows in opposite order, a deadlock; SQLite: a write lock held
    past the busy timeout.  The loser is run again and goes through; nothing is counted twice."""
    _counters(engine, "left", "right")
    retries: list[BaseException] = []
    if is_postgres(engine):
        barrier = threading.Barrier(2, timeout=20)

        def crossing(first: str, second: str):
            def transaction():
                with UnitOfWork(engine, write=True) as uow:
                    _bump(uow.session, first)
                    if not retries:  # the first attempts meet in the middle; a rerun goes straight through
                        try:
                            barrier.wait()
                        except threading.BrokenBarrierError:
                            pass
                    _bump(uow.session, second)
                    uow.commit()
            return lambda: run_with_retry(transaction, on_retry=lambda _n, exc: retries.append(exc))

        outcomes: list[BaseException | None] = []

        def run(work):
            try:
                work()
                outcomes.append(None)
            except BaseException as exc:  # noqa: BLE001 - reported below
                outcomes.append(exc)

        threads = [threading.Thread(target=run, args=(crossing("left", "right"),)),
                   threading.Thread(target=run, args=(crossing("right", "left"),))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert outcomes == [None, None]
        assert [sqlstate(exc) for exc in retries] == ["40P01"]
    else:
        @event.listens_for(engine, "connect")
        def _short_busy_timeout(dbapi_connection, _record):  # runs after make_engine's 10-second setting
            dbapi_connection.execute("PRAGMA busy_timeout=50")

        engine.dispose()
        holder = sqlite3.connect(engine.url.database, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")  # another till holding the write lock for 0.4 s
        release = threading.Timer(0.4, lambda: holder.execute("ROLLBACK"))
        release.start()

        def transaction():
            with UnitOfWork(engine, write=True) as uow:
                _bump(uow.session, "left")
                _bump(uow.session, "right")
                uow.commit()

        run_with_retry(transaction, attempts=30, base_delay=0.02, on_retry=lambda _n, exc: retries.append(exc))
        release.join()
        holder.close()
        assert retries and all("locked" in str(exc.__cause__) for exc in retries)
    assert (_value(engine, "left"), _value(engine, "right")) == (
        (2, 2) if is_postgres(engine) else (1, 1))


def test_a_real_serialization_failure_is_retried(pg_base_url):
    """PostgreSQL, REPEATABLE READ: a row changed by another till since the snapshot is 40001; the rerun works."""
    engine = make_engine(pg_base_url)
    try:
        name = f"serial-{time.monotonic_ns()}"
        _counters(engine, name)
        attempts: list[int] = []

        def transaction():
            with UnitOfWork(engine, write=True) as uow:
                uow.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                uow.session.scalar(select(Counter.value).where(Counter.name == name))  # the snapshot is taken
                attempts.append(1)
                if len(attempts) == 1:  # meanwhile another till changes the row and commits
                    with UnitOfWork(engine, write=True) as other:
                        _bump(other.session, name)
                        other.commit()
                _bump(uow.session, name)
                uow.commit()

        retries: list[BaseException] = []
        run_with_retry(transaction, on_retry=lambda _n, exc: retries.append(exc))
        assert len(attempts) == 2 and [sqlstate(exc) for exc in retries] == ["40001"]
        assert _value(engine, name) == 2
    finally:
        engine.dispose()


# ---- many tills at once -------------------------------------------------------------------------------------

FLOOD = {"postgresql": (4, 250), "sqlite": (2, 150)}  # tills x sales each


def test_tills_flooding_one_database_lose_nothing(db_url, tmp_path: Path):
    engine = make_engine(db_url)
    try:
        seed = seed_store(engine)
        create_user(UnitOfWork(engine), "sari", "Sari Ndun", "supervisor", "4321")
        last_units = add_product(UnitOfWork(engine), ProductInput(None, "Sopi Timor 600 ml", "KOPI01", 90000,
                                                                  opening_stock=3))
        tills, count = FLOOD[engine.dialect.name]
        terminals = [f"T{n:02d}" for n in range(1, tills + 1)]
        for terminal in terminals:
            open_shift(UnitOfWork(engine, write=True), seed["cashier"], terminal, 200000)
        initial = opening_stock(engine)
        reports = {terminal: tmp_path / f"{terminal}.jsonl" for terminal in terminals}
        workers = [start_worker(db_url, terminal, count, reports[terminal], refund_every=10, wait_go=True)
                   for terminal in terminals]
        try:
            for worker in workers:
                wait_ready(worker)
            started = time.monotonic()
            for worker in workers:  # all together
                worker.stdin.write("go\n")
                worker.stdin.flush()
            for worker in workers:
                worker.wait(timeout=900)
            elapsed = time.monotonic() - started
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait()
                worker.stdin.close()
                worker.stdout.close()
        assert [worker.returncode for worker in workers] == [0] * tills, \
            [path.with_suffix(".stderr").read_text() for path in reports.values()]
        records = {terminal: read_report(path) for terminal, path in reports.items()}
        every = [record for found in records.values() for record in found]
        assert [r for r in every if r["kind"] == "error"] == []  # no collision reached a cashier
        retried = [r for r in every if r["kind"] == "retry"]
        sales = check_sales_whole(engine)
        assert sales == tills * count
        for terminal, found in records.items():
            assert sum(r["kind"] == "sale" for r in found) == count
        net = check_reported_present(engine, every)
        check_stock(engine, initial, net)  # no lost update: opening - sold + refunded == cached == ledger
        check_numbers(engine)
        with UnitOfWork(engine) as uow:
            sellers = uow.session.scalars(text(
                "SELECT DISTINCT s.terminal FROM sales s JOIN sale_lines l ON l.sale_id = s.id "
                "WHERE l.product_id = :p"), {"p": last_units}).all()
            left = uow.session.scalar(select(Product.stock_on_hand).where(Product.id == last_units))
        assert len(sellers) >= 2 and left < 0  # several tills sold the last three, and more
        kinds = check_journal(engine, TEST_JOURNAL_KEY)
        refunds = sum(r["kind"] == "refund" for r in every)
        assert (kinds["sale"], kinds["refund"]) == (sales, refunds) and refunds > 0
        entries = sum(kinds.values())
        if not is_postgres(engine):
            check_sqlite_file(engine)
        print(f"\n{engine.dialect.name}: {tills} tills x {count} sales + {refunds} refunds in {elapsed:.1f} s, "
              f"{len(retried)} collisions retried, {entries} journal entries")
    finally:
        engine.dispose()

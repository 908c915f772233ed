"""A day of till activity for the journal tests, and a way in for a tamperer with database access."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import select

from factories import seed_store
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.refunds import RefundRequest, refund
from nttmart_pos.services.shifts import close_shift, open_shift
from settlement_helpers import quick_user, sell

APPEND_ONLY = ("sales", "sale_lines", "payments", "refunds", "refund_lines", "z_reports", "journal_entries")


def day_of_activity(engine) -> dict:
    """A shift on T01 with three sales, a refund and its Z report; one sale on T02 after it."""
    seed = seed_store(engine)
    ids, cashier = seed["ids"], seed["cashier"]
    supervisor = quick_user(engine, "sari", "supervisor")
    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 200000)
    sales = [sell(engine, cashier, [(ids["coffee"], 2)]),
             sell(engine, cashier, [(ids["honey"], 1), (ids["scarf"], 1)]),
             sell(engine, cashier, [(ids["cashew"], 250)])]
    returned = refund(UnitOfWork(engine, write=True), supervisor, sales[1].receipt_no, [RefundRequest(1, 1)],
                      method="cash", restock=True, reason="segel rusak", terminal="T01")
    z_report = close_shift(UnitOfWork(engine, write=True), cashier, "T01", {100000: 5})
    sales.append(sell(engine, cashier, [(ids["coffee"], 1)], terminal="T02"))
    return {**seed, "supervisor": supervisor, "sales": sales, "refund": returned, "z_report": z_report}


def entry_seq(engine, kind: str, ref: str) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(JournalEntry.seq).where(JournalEntry.kind == kind, JournalEntry.ref == ref))


def entry_count(engine) -> int:
    with UnitOfWork(engine) as uow:
        return len(uow.session.scalars(select(JournalEntry.seq)).all())


@contextmanager
def tampering(engine):
    """A transaction in which the append-only triggers (and on PostgreSQL foreign keys) no longer fire."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        else:
            for table in APPEND_ONLY:
                for action in ("update", "delete"):
                    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
        yield conn

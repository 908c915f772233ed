"""Gapless named counters, bumped inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Counter


def next_value(session: Session, name: str) -> int:
    """Return the counter's next value; the row stays locked until commit.

    The UPDATE takes the row lock on PostgreSQL (and SQLite's write lock is
    already held by ``BEGIN IMMEDIATE``), so two tills can never draw the same
    number, and a rollback returns the number unused.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(Counter).values(name=name, value=0).on_conflict_do_nothing(index_elements=["name"]))
    return int(session.execute(
        update(Counter).where(Counter.name == name).values(value=Counter.value + 1).returning(Counter.value)
    ).scalar_one())

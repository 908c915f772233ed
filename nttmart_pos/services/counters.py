"""Gapless named counters, bumped inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Counter


def next_value(session: Session, name: str) -> int:
    """Return the counter's next value; the row stays locked until commit.

    The upsert takes the row lock on PostgreSQL (and SQLite's write lock is
    already held by ``BEGIN IMMEDIATE``), so two tills can never draw the same
    number, and a rollback returns the number unused.
    """
    session.flush()  # what the caller added so far is written first, as an ORM query would (autoflush)
    connection = session.connection()
    statement = _BUMP[connection.dialect.name == "postgresql"]
    return int(connection.execute(statement, {"counter": name}).scalar_one())


def _bump(insert):
    """One statement: the first use creates the row at 1, every later one adds 1 under the row's lock."""
    return insert(Counter).values(name=bindparam("counter"), value=1).on_conflict_do_update(
        index_elements=["name"], set_={"value": Counter.value + 1}).returning(Counter.value)


_BUMP = {False: _bump(sqlite.insert), True: _bump(postgresql.insert)}

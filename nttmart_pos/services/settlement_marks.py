"""Where the unsettled lines begin: a watermark per line table, so day-end reads only the open tail.

Settlement needs every sale line (and refund line) that no payout holds yet,
whatever its date.  Scanning a year of lines for the few open ones took half
a second; instead the counter ``settle:<table>`` holds the first line id
that may still be open: **every line with a smaller id is in a payout**.

- ``open_from`` reads it (0 when never set: every line is looked at).
- ``advance`` moves it up to the first open line; ``create_payouts`` calls it
  after writing its items.  That needs every line that will ever get a smaller
  id to be visible, i.e. no sale or refund still being written:
  SQLite's write lock (``BEGIN IMMEDIATE``) already guarantees that; on
  PostgreSQL the tables are locked in SHARE mode (tills wait the few
  milliseconds until this transaction commits).  If a till is writing at that
  very moment (``NOWAIT`` fails) the mark simply stays where it was.
- ``release`` moves it back down to the lines of a discarded draft.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import exists, func, select, text, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Counter, Sale, SaleLine
from nttmart_pos.db.settlement_models import PayoutItem, RefundLine

SALE_LINES, REFUND_LINES = "sale_lines", "refund_lines"
_LINES = {SALE_LINES: (SaleLine.id, PayoutItem.sale_line_id), REFUND_LINES: (RefundLine.id, PayoutItem.refund_line_id)}


def mark_name(table: str) -> str:
    return f"settle:{table}"


def open_from(session: Session, table: str) -> int:
    """The first ``table`` line id that may be unsettled (all below are in a payout)."""
    value = session.scalar(select(Counter.value).where(Counter.name == mark_name(table)))
    return int(value or 0)


def open_sales(first_line, dialect: str):
    """On PostgreSQL ``Sale.id IN (sales of the lines from first_line on)``: joining sales to the open tail, its
    planner otherwise scans every sale of the year to hash-join a few thousand lines (60 ms instead of 7).
    SQLite already walks the tail by primary key, and the hint would only slow it down."""
    if dialect != "postgresql":
        return true()
    return Sale.id.in_(select(SaleLine.sale_id).where(SaleLine.id >= first_line).scalar_subquery())


def open_from_both(session: Session) -> tuple[int, int]:
    """``open_from`` of the sale lines and of the refund lines, in one query."""
    found = dict(session.connection().execute(select(Counter.name, Counter.value).where(
        Counter.name.in_([mark_name(SALE_LINES), mark_name(REFUND_LINES)]))).all())
    return int(found.get(mark_name(SALE_LINES)) or 0), int(found.get(mark_name(REFUND_LINES)) or 0)


def _locked(session: Session, table: str) -> int:
    """The mark, its row locked until commit: an advance and a discard never interleave."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(Counter).values(name=mark_name(table), value=0)
                    .on_conflict_do_nothing(index_elements=["name"]))
    return int(session.scalar(select(Counter.value).where(Counter.name == mark_name(table)).with_for_update()))


def _set(session: Session, table: str, value: int) -> None:
    session.execute(update(Counter).where(Counter.name == mark_name(table)).values(value=value))


def first_open(session: Session, table: str, start: int) -> int:
    """The smallest line id >= ``start`` that no payout holds, or one past the last line."""
    line_id, item_line_id = _LINES[table]
    found = session.scalar(select(line_id).where(line_id >= start, ~exists().where(item_line_id == line_id))
                           .order_by(line_id).limit(1))
    if found is not None:
        return int(found)
    last = session.scalar(select(func.max(line_id)))
    return max(start, int(last or 0) + 1)


def _no_line_being_written(session: Session) -> bool:
    """True once no other transaction can still add a sale or refund line (see the module docstring)."""
    if session.get_bind().dialect.name != "postgresql":
        return True  # SQLite: our write transaction holds the only write lock
    try:
        with session.begin_nested():
            session.execute(text("LOCK TABLE sale_lines, refund_lines IN SHARE MODE NOWAIT"))
    except DBAPIError:
        return False  # a till is writing right now: leave the marks where they are
    return True


def advance(session: Session) -> None:
    """Move both marks up to the first open line; inside the caller's write transaction, before its journal."""
    current = {table: _locked(session, table) for table in (SALE_LINES, REFUND_LINES)}
    if not _no_line_being_written(session):
        return
    for table in (SALE_LINES, REFUND_LINES):
        moved = first_open(session, table, current[table])
        if moved != current[table]:
            _set(session, table, moved)


def release(session: Session, sale_line_ids: Iterable[int], refund_line_ids: Iterable[int]) -> None:
    """Lines leave a discarded draft: the marks go back down to the lowest of them."""
    for table, ids in ((SALE_LINES, sale_line_ids), (REFUND_LINES, refund_line_ids)):
        lowest = min((i for i in ids if i is not None), default=None)
        if lowest is not None and lowest < _locked(session, table):
            _set(session, table, lowest)

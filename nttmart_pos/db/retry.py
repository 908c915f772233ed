"""Running a transaction again when the database gave it up because of another till.

Several tills writing to one database at once may collide in ways that are
nobody's fault and that the database resolves by rolling one transaction
back: a PostgreSQL serialization failure (SQLSTATE ``40001``) or deadlock
(``40P01``), or SQLite's "database is locked" when another till held the
write lock longer than the busy timeout.  In each of these cases the whole
transaction was rolled back (receipt number included), so running it again
from the start is safe and is what the database asks for::

    result = run_with_retry(lambda: checkout(UnitOfWork(engine, write=True), cart, payments, user, "T01"))

``fn`` must do the WHOLE transaction, opening its own ``UnitOfWork`` (a
``UnitOfWork`` may also be entered again: each ``with`` opens a new session),
and must have no effect outside the database before it commits (no printing,
no drawer kick).  Any other error (a lost connection, whose outcome is
unknown; a ``PosError`` of the program's own) is raised at once, unchanged.
When every attempt collided, a ``DatabaseError`` saying the database is busy
is raised, chained to the last collision.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from nttmart_pos.errors import DatabaseError, PosError
from nttmart_pos.i18n import _

log = logging.getLogger(__name__)

T = TypeVar("T")

SERIALIZATION_FAILURE = "40001"
DEADLOCK_DETECTED = "40P01"
RETRY_SQLSTATES = frozenset({SERIALIZATION_FAILURE, DEADLOCK_DETECTED})
SQLITE_BUSY = 5  # primary result code; extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, ...) share the low byte
_SQLITE_BUSY_TEXTS = ("database is locked", "database is busy")
MAX_DELAY = 1.0  # seconds: no single pause longer than this


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the errors it was raised from: ``__cause__`` and SQLAlchemy's ``.orig``.

    (Not ``__context__``: an error raised while handling a collision is not itself one.)
    """
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or any(current is known for known in seen):
            continue
        seen.append(current)
        orig = getattr(current, "orig", None)
        todo.extend([current.__cause__, orig if isinstance(orig, BaseException) else None])
    return seen


def sqlstate(exc: BaseException) -> str | None:
    """The PostgreSQL SQLSTATE found anywhere in ``exc``'s chain (psycopg ``.sqlstate``, psycopg2 ``.pgcode``)."""
    for item in _chain(exc):
        code = getattr(item, "sqlstate", None) or getattr(item, "pgcode", None)
        if isinstance(code, str) and code:
            return code
    return None


def _is_sqlite_busy(item: BaseException) -> bool:
    code = getattr(item, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == SQLITE_BUSY
    if type(item).__module__ != "sqlite3":
        return False
    text = str(item).lower()
    return any(busy in text for busy in _SQLITE_BUSY_TEXTS)


def is_retryable(exc: BaseException) -> bool:
    """True if the database rolled the transaction back only because of a concurrent one."""
    if isinstance(exc, PosError) and not isinstance(exc, DatabaseError):
        return False  # the program's own refusal (validation, permission ...), whatever caused it
    if sqlstate(exc) in RETRY_SQLSTATES:
        return True
    return any(_is_sqlite_busy(item) for item in _chain(exc))


def retry_delay(attempt: int, base_delay: float) -> float:
    """The pause before attempt ``attempt + 1``: doubling from ``base_delay``, with jitter so tills drift apart."""
    return min(MAX_DELAY, base_delay * (2 ** (attempt - 1))) * random.uniform(0.5, 1.5)


def busy_error() -> DatabaseError:
    return DatabaseError(_("Database sedang sibuk melayani kasir lain, jadi transaksi belum tersimpan. "
                           "Coba lagi sebentar."))


def run_with_retry(fn: Callable[[], T], *, attempts: int = 5, base_delay: float = 0.02,
                   on_retry: Callable[[int, BaseException], None] | None = None,
                   sleep: Callable[[float], None] = time.sleep) -> T:
    """Return ``fn()``, running it again (up to ``attempts`` times in all) after a retryable collision.

    ``on_retry(attempt, error)`` is called before each new attempt (e.g. to
    count or log them).  After the last failed attempt a ``DatabaseError``
    ("database busy") is raised from the last collision.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - only retryable collisions are caught, the rest re-raised
            if not is_retryable(exc):
                raise
            if attempt == attempts:
                log.warning("transaction gave up after %d attempts: %s", attempts, exc)
                raise busy_error() from exc
            log.info("transaction collided with another (attempt %d of %d, SQLSTATE %s): retrying",
                     attempt, attempts, sqlstate(exc) or "sqlite busy")
            if on_retry is not None:
                on_retry(attempt, exc)
            sleep(retry_delay(attempt, base_delay))
    raise AssertionError("unreachable")  # pragma: no cover

"""The till's hot read path: one prepared SELECT on a connection each thread keeps.

A scan must cost about what the database itself costs.  A ``Session`` per scan
(pool checkout, ``BEGIN``, ORM rows, rollback) costs about a millisecond; the
indexed lookup itself costs microseconds.  ``FastReader`` keeps, per thread and
engine, one connection taken from the engine's own pool (so it has every
connect-time setting: WAL, foreign keys, timeouts) and runs statements that
SQLAlchemy compiled for that engine's dialect, straight on its DB-API cursor,
outside any transaction:

- SQLite: the connection is in autocommit mode, so each SELECT reads the
  latest committed data and holds no lock once its rows are fetched.
- PostgreSQL: the connection is switched to autocommit (no idle transaction).

Only reads go this way; every write stays in a ``UnitOfWork``.  A connection
that fails (server restarted, file gone) is dropped and the statement retried
once on a new one; a second failure becomes the usual ``DatabaseError``.
Listeners on ``before_cursor_execute`` still see each statement (tests count
them), at no cost when nobody listens.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, Select, event
from sqlalchemy.pool import SingletonThreadPool, StaticPool

_SHARED_POOLS = (SingletonThreadPool, StaticPool)

_local = threading.local()


class FastReader:
    """One compiled SELECT for one engine; ``rows(params)`` returns all its rows as tuples."""

    def __init__(self, engine: Engine, statement: Select) -> None:
        dialect = engine.dialect
        compiled = statement.compile(dialect=dialect)
        self.engine = engine
        self.sql = str(compiled)
        self._order = tuple(compiled.positiontup) if compiled.positional else None
        self._defaults = {name: bind.value for name, bind in compiled.binds.items() if bind.value is not None}
        self._bind = {name: process for name, bind in compiled.binds.items()
                      if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None}
        processors = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                      for column in statement.selected_columns]
        self._result = [(index, process) for index, process in enumerate(processors) if process is not None]

    def rows(self, params: Mapping[str, Any]) -> list[tuple]:
        """All rows, values as SQLAlchemy would give them (dates, booleans); ``params`` by bind name."""
        values = {**self._defaults, **params}
        for name, process in self._bind.items():
            values[name] = process(values[name])
        args: Sequence[Any] | Mapping[str, Any] = (
            tuple(values[name] for name in self._order) if self._order is not None else values)
        rows = self._rows(args)
        if not self._result:
            return rows
        processed = []
        for row in rows:
            values = list(row)
            for index, process in self._result:
                values[index] = process(values[index])
            processed.append(tuple(values))
        return processed

    def _rows(self, args) -> list[tuple]:
        try:
            return self._run(args)
        except self.engine.dialect.loaded_dbapi.Error:
            _drop(self.engine)
        try:
            return self._run(args)
        except self.engine.dialect.loaded_dbapi.Error as exc:
            _drop(self.engine)
            from nttmart_pos.db.uow import database_error

            raise database_error(exc) from exc

    def _run(self, args) -> list[tuple]:
        engine = self.engine
        if isinstance(engine.pool, _SHARED_POOLS):  # one in-memory database per pool: borrow, never keep
            fairy = engine.raw_connection()
            try:
                return self._execute(fairy.cursor(), args)
            finally:
                fairy.close()
        return self._execute(_cursor(engine), args)

    def _execute(self, cursor, args) -> list[tuple]:
        if self.engine.dispatch.before_cursor_execute:
            self.engine.dispatch.before_cursor_execute(None, cursor, self.sql, args, None, False)
        cursor.execute(self.sql, args)
        return cursor.fetchall()


def _held() -> weakref.WeakKeyDictionary:
    held = getattr(_local, "held", None)
    if held is None:
        held = _local.held = weakref.WeakKeyDictionary()
    return held


def _cursor(engine: Engine):
    entry = _held().get(engine)
    if entry is None:
        fairy = engine.raw_connection()
        fairy.detach()  # ours for good: the pool neither reuses nor resets it
        dbapi = fairy.dbapi_connection
        if engine.dialect.name != "sqlite":
            dbapi.rollback()
            dbapi.autocommit = True
        entry = _held()[engine] = (dbapi, dbapi.cursor())
        _watch(engine)
    return entry[1]


def _drop(engine: Engine) -> None:
    entry = _held().pop(engine, None)
    if entry is not None:
        with _lock:
            _all_held[:] = [(ref, dbapi) for ref, dbapi in _all_held if dbapi is not entry[0]]
        _close(entry[0])


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - a broken connection may refuse even to close
        pass


_watched: "weakref.WeakSet[Engine]" = weakref.WeakSet()
_all_held: list[tuple[weakref.ref, Any]] = []
_lock = threading.Lock()


def _watch(engine: Engine) -> None:
    """Close every thread's held connection when the engine is disposed (tests, restore, shutdown)."""
    dbapi = _held()[engine][0]
    with _lock:
        _all_held.append((weakref.ref(engine), dbapi))
        if engine in _watched:
            return
        _watched.add(engine)
    event.listen(engine, "engine_disposed", _on_dispose)


def _on_dispose(engine: Engine) -> None:
    with _lock:
        mine = [dbapi for ref, dbapi in _all_held if ref() is engine]
        _all_held[:] = [(ref, dbapi) for ref, dbapi in _all_held if ref() is not None and ref() is not engine]
    for dbapi in mine:
        _close(dbapi)
    _held().pop(engine, None)


_readers: "weakref.WeakKeyDictionary[Engine, dict[int, FastReader]]" = weakref.WeakKeyDictionary()


def fast_rows(engine: Engine, statement: Select, params: Mapping[str, Any]) -> list[tuple]:
    """``statement``'s rows for ``params`` on this thread's held connection (compiled once per engine)."""
    readers = _readers.get(engine)
    if readers is None:
        with _lock:
            readers = _readers.setdefault(engine, {})
    reader = readers.get(id(statement))
    if reader is None:
        reader = readers[id(statement)] = FastReader(engine, statement)
    return reader.rows(params)

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
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, Select, event
from sqlalchemy.pool import SingletonThreadPool, StaticPool

_SHARED_POOLS = (SingletonThreadPool, StaticPool)

_STATE = "_nttmart_fast_reads"  # attribute on the engine: its readers and held connections die with it
_lock = threading.Lock()
_MISSING = object()


class _EngineReads:
    """One engine's compiled readers and the connections its threads hold."""

    def __init__(self, engine: Engine) -> None:
        self.readers: dict[int, FastReader] = {}  # by id() of the statement: module-level constants
        self.local = threading.local()  # .connection, .cursor of this thread
        self.held: list[Any] = []  # every thread's held DB-API connection, closed when the engine is disposed
        self.shared = isinstance(engine.pool, _SHARED_POOLS)  # one in-memory database per pool


def _reads(engine: Engine) -> _EngineReads:
    reads = engine.__dict__.get(_STATE)
    if reads is None:
        with _lock:
            reads = engine.__dict__.get(_STATE)
            if reads is None:
                reads = _EngineReads(engine)
                setattr(engine, _STATE, reads)
                event.listen(engine, "engine_disposed", _on_dispose)
    return reads


class FastReader:
    """One compiled SELECT for one engine; ``rows(params)`` returns all its rows as tuples."""

    def __init__(self, engine: Engine, statement: Select) -> None:
        dialect = engine.dialect
        compiled = statement.compile(dialect=dialect)
        self.engine = engine
        self.reads = _reads(engine)
        self.sql = str(compiled)
        self.errors = dialect.loaded_dbapi.Error
        self.positional = compiled.positional
        names = compiled.positiontup if compiled.positional else list(compiled.binds)
        # per placeholder: its name, the value the statement carries (if any), the type's bind conversion
        self._args = [(name, compiled.binds[name].value if compiled.binds[name].value is not None else _MISSING,
                       compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names]
        processors = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                      for column in statement.selected_columns]
        self._result = [(index, process) for index, process in enumerate(processors) if process is not None]

    def rows(self, params: Mapping[str, Any]) -> list[tuple]:
        """All rows, values as SQLAlchemy would give them (dates, booleans); ``params`` by bind name."""
        values = []
        for name, default, process in self._args:
            value = params[name] if default is _MISSING else params.get(name, default)
            values.append(value if process is None else process(value))
        args: Sequence[Any] | Mapping[str, Any] = (
            tuple(values) if self.positional else dict(zip((a[0] for a in self._args), values)))
        rows = self._rows(args)
        if not self._result or not rows:
            return rows
        processed = []
        for row in rows:
            converted = list(row)
            for index, process in self._result:
                converted[index] = process(converted[index])
            processed.append(tuple(converted))
        return processed

    def _rows(self, args) -> list[tuple]:
        try:
            return self._run(args)
        except self.errors:
            _drop(self.reads)
        try:
            return self._run(args)
        except self.errors as exc:
            _drop(self.reads)
            from nttmart_pos.db.uow import database_error

            raise database_error(exc) from exc

    def _run(self, args) -> list[tuple]:
        if self.reads.shared:  # an in-memory database lives in its one connection: borrow, never keep
            fairy = self.engine.raw_connection()
            try:
                return self._execute(fairy.cursor(), args)
            finally:
                fairy.close()
        cursor = getattr(self.reads.local, "cursor", None)
        return self._execute(cursor if cursor is not None else _hold(self.engine, self.reads), args)

    def _execute(self, cursor, args) -> list[tuple]:
        if self.engine.dispatch.before_cursor_execute:
            self.engine.dispatch.before_cursor_execute(None, cursor, self.sql, args, None, False)
        cursor.execute(self.sql, args)
        return cursor.fetchall()


def _hold(engine: Engine, reads: _EngineReads):
    """This thread's connection, taken from the engine's pool for good (all connect-time settings applied)."""
    fairy = engine.raw_connection()
    fairy.detach()  # ours: the pool neither reuses nor resets it
    dbapi = fairy.dbapi_connection
    if engine.dialect.name != "sqlite":
        dbapi.rollback()
        dbapi.autocommit = True
    with _lock:
        reads.held.append(dbapi)
    reads.local.connection, reads.local.cursor = dbapi, dbapi.cursor()
    return reads.local.cursor


def _held_connection(engine: Engine):
    """This thread's held connection for ``engine``, or None (for tests)."""
    reads = engine.__dict__.get(_STATE)
    return getattr(reads.local, "connection", None) if reads is not None else None


def _drop(reads: _EngineReads) -> None:
    connection = getattr(reads.local, "connection", None)
    reads.local.connection = reads.local.cursor = None
    if connection is not None:
        with _lock:
            reads.held[:] = [held for held in reads.held if held is not connection]
        _close(connection)


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - a broken connection may refuse even to close
        pass


def _on_dispose(engine: Engine) -> None:
    """Close every thread's held connection when the engine is disposed (tests, restore, shutdown);
    a thread that reads again takes a new one (its old cursor fails once and is replaced)."""
    reads = engine.__dict__.get(_STATE)
    if reads is None:
        return
    with _lock:
        held, reads.held = reads.held, []
    for connection in held:
        _close(connection)
    reads.local.connection = reads.local.cursor = None


def fast_rows(engine: Engine, statement: Select, params: Mapping[str, Any]) -> list[tuple]:
    """``statement``'s rows for ``params`` on this thread's held connection (compiled once per engine)."""
    reads = engine.__dict__.get(_STATE) or _reads(engine)
    reader = reads.readers.get(id(statement))
    if reader is None:
        reader = reads.readers[id(statement)] = FastReader(engine, statement)
    return reader.rows(params)

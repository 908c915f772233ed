"""Engine creation: which database, and the SQLite settings that keep sales safe.

SQLite runs in WAL mode with ``synchronous=FULL`` (a committed sale survives a
power cut), foreign keys on and a busy timeout.  pysqlite's own transaction
handling is switched off so that we emit ``BEGIN`` ourselves: a unit of work
that will write (a sale) asks for ``BEGIN IMMEDIATE`` and so takes the write
lock up front instead of failing with ``SQLITE_BUSY`` halfway.

PostgreSQL connections give up on a server that does not answer: a connect
timeout, TCP keepalives and a TCP user timeout (``PG_CONNECT_ARGS``), so a till
whose network or server went away shows an error within seconds instead of
freezing for minutes.  A value given in the URL's query wins.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from nttmart_pos.errors import ConfigError
from nttmart_pos.i18n import _

APP_NAME = "nttmart-pos"
SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_ARGS = {
    "connect_timeout": 5,  # seconds to reach the server and log in
    "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,  # idle link gone
    "tcp_user_timeout": 15_000,  # ms a request may stay unacknowledged (a cable pulled mid-sale)
}


def default_db_url() -> str:
    path = Path(platformdirs.user_data_dir(APP_NAME)) / "nttmart.db"
    return f"sqlite:///{path}"


def resolve_db_url(option: str | None = None) -> str:
    """``--db``, else ``$NTTMART_DB_URL``, else a file in the user's data directory."""
    return option or os.environ.get("NTTMART_DB_URL") or default_db_url()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(_("Alamat database tidak valid: {url}", url=url)) from exc
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    connect_args = {key: value for key, value in PG_CONNECT_ARGS.items() if key not in parsed.query}
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url) -> Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(_("Folder database tidak dapat dibuat: {error}", error=exc)) from exc
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        if database and database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"

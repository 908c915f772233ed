"""Building, caching and copying the benchmark database.

The schema comes from the program's own migrations (``db.migrate.upgrade``);
the rows are bulk-inserted (``executemany`` on SQLite with
``synchronous=OFF`` and no rollback journal while loading only; ``COPY`` on
PostgreSQL), then the database is put back to the program's settings (WAL).
A generated database is kept under ``/tmp/nttmart-bench/cache`` (a
PostgreSQL one as a template database) keyed by backend, scale and time
zone, and every run works on a fresh copy of it, so runs do not disturb each
other and a re-run starts in seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.catalog_rows import write_catalog, write_users
from benchmarks.history_rows import History
from benchmarks.scales import Scale
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.migrate import upgrade

GENERATOR_VERSION = 2  # bump when the generated rows change: cached databases are rebuilt
DATA_END = date(2026, 6, 30)  # the last day of every generated history: "the day" of the day-end figures
PG_ENV = "NTTMART_TEST_PG_URL"


def bench_root() -> Path:
    """Where caches, run copies and results go: ``$NTTMART_BENCH_DIR``, else ``/tmp/nttmart-bench``."""
    return Path(os.environ.get("NTTMART_BENCH_DIR") or "/tmp/nttmart-bench")


@dataclass(frozen=True)
class Dataset:
    """A database to measure: its URL, the journal key file and what was generated."""

    backend: str
    url: str
    key_path: Path
    meta: dict

    @property
    def key(self) -> bytes:
        return bytes.fromhex(self.key_path.read_text().strip())

    @property
    def last_day(self) -> date:
        return date.fromisoformat(self.meta["last_day"])

    @property
    def first_day(self) -> date:
        return date.fromisoformat(self.meta["first_day"])


# -- sinks: one backend's value forms and bulk insert ---------------------------
class SqliteSink:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "cache_size=-1000000",
                       "temp_store=MEMORY"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.conn.execute("BEGIN")

    @staticmethod
    def ts(moment: datetime) -> str:
        return f"{moment:%Y-%m-%d %H:%M:%S.%f}"  # what SQLAlchemy stores for a UTC moment

    @staticmethod
    def day(value: date) -> str:
        return value.isoformat()

    @staticmethod
    def flag(value: bool) -> int:
        return 1 if value else 0

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def update_stock(self, rows: list[tuple[int, int]]) -> None:
        self.conn.executemany("UPDATE products SET stock_on_hand = ? WHERE id = ?", rows)

    def finish(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.execute("PRAGMA journal_mode=WAL")  # the program's settings from here on
        self.conn.close()


class PgSink:
    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(_psycopg_url(url))
        self.conn.execute("SET session_replication_role = replica")  # no FK checks while loading

    @staticmethod
    def ts(moment: datetime) -> datetime:
        return moment

    @staticmethod
    def day(value: date) -> date:
        return value

    @staticmethod
    def flag(value: bool) -> bool:
        return value

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        with self.conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def update_stock(self, rows: list[tuple[int, int]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE stock_fill (stock bigint, id integer)")
            with cursor.copy("COPY stock_fill (stock, id) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("UPDATE products p SET stock_on_hand = f.stock FROM stock_fill f WHERE p.id = f.id")

    def finish(self) -> None:
        tables = [row[0] for row in self.conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' "
            "AND column_default LIKE 'nextval%'")]
        for table in tables:
            self.conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"GREATEST((SELECT max(id) FROM {table}), 1))")
        self.conn.commit()
        self.conn.autocommit = True
        self.conn.execute("ANALYZE")  # what autovacuum does on a live server
        self.conn.close()


def _psycopg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# -- generating ------------------------------------------------------------------
def generate(url: str, backend: str, scale: Scale, key: bytes, log=print) -> dict:
    """Migrate the empty database at ``url`` and fill it for ``scale``; what was made, for meta.json."""
    started = time.perf_counter()
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    sink = SqliteSink(Path(make_url(url).database)) if backend == "sqlite" else PgSink(url)
    rng = random.Random(f"nttmart-{scale.name}")
    days = [DATA_END - timedelta(days=scale.days - 1 - i) for i in range(scale.days)]
    first = days[0] if days else DATA_END
    write_users(sink, first - timedelta(days=1))
    catalog = write_catalog(sink, rng, scale.vendors, scale.products, DATA_END)
    history = History(sink, rng, catalog, key, scale.sales_per_day, log)
    history.write(days)
    history.finish(first - timedelta(days=1), DATA_END + timedelta(days=1))
    sink.finish()
    return {"scale": scale.name, "backend": backend, "first_day": first.isoformat(),
            "last_day": DATA_END.isoformat(), "products": scale.products, "vendors": scale.vendors,
            "days": scale.days, "sales": dict(history.ids).get("sales", 0),
            "sale_lines": dict(history.ids).get("sale_lines", 0), "refunds": dict(history.ids).get("refunds", 0),
            "payouts": dict(history.ids).get("payouts", 0),
            "journal_entries": dict(history.ids).get("journal_entries", 0),
            "generated_seconds": round(time.perf_counter() - started, 1), "timezone": _tz_name(),
            "journal": "one valid HMAC chain over every sale and refund; payouts are not journalled",
            "version": GENERATOR_VERSION}


def _tz_name() -> str:
    now = datetime.now().astimezone()
    return f"{now.tzname()}{now.strftime('%z')}"


def _fingerprint(scale: Scale) -> str:
    parts = (GENERATOR_VERSION, scale.products, scale.vendors, scale.days, scale.sales_per_day, DATA_END.isoformat(),
             _tz_name())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:10]


def _template_name(scale: Scale, folder: Path) -> str:
    """The PostgreSQL template of ``folder``'s cache: each cache folder has its own (and its own key)."""
    place = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:6]
    return f"nttmart_bench_{scale.name.replace('-', '_')}_{_fingerprint(scale)}_{place}"


def drop_cache(backend: str, scale: Scale) -> None:
    """Forget the cached database of ``scale`` (the folder, and the template database on PostgreSQL)."""
    folder = bench_root() / "cache" / f"{backend}-{scale.name}-{_fingerprint(scale)}"
    if backend == "postgresql":
        _pg_admin(f'DROP DATABASE IF EXISTS "{_template_name(scale, folder)}" WITH (FORCE)')
    shutil.rmtree(folder, ignore_errors=True)


def _new_key(path: Path) -> bytes:
    key = os.urandom(32)
    path.write_text(key.hex() + "\n")
    path.chmod(0o600)
    return key


def cached(backend: str, scale: Scale, log=print) -> tuple[Path, str]:
    """The cache folder and the template URL (SQLite file or PostgreSQL database) for ``scale``, built if missing."""
    folder = bench_root() / "cache" / f"{backend}-{scale.name}-{_fingerprint(scale)}"
    meta = folder / "meta.json"
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'pos.db'}"
        if meta.exists() and (folder / "pos.db").exists():
            return folder, url
    else:
        url = _pg_url(_template_name(scale, folder))
        if meta.exists() and _pg_exists(url):
            return folder, url
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if backend == "postgresql":
        _pg_create(url, drop=True)
    log(f"generating the {scale.name} database on {backend} (cached in {folder}) ...")
    info = generate(url, backend, scale, _new_key(folder / "journal.key"), log)
    meta.write_text(json.dumps(info, indent=2))
    log(f"  generated in {info['generated_seconds']} s: {info['sales']} sales, {info['sale_lines']} lines")
    return folder, url


def _settlement_marks(engine) -> None:
    """Where the weekly payouts would have left the settlement marks (``services.settlement_marks``):
    set by the program at each payout, so written once into a cache built without them."""
    from nttmart_pos.db.uow import UnitOfWork
    from nttmart_pos.services import settlement_marks

    with UnitOfWork(engine, write=True) as uow:
        settlement_marks.advance(uow.session)
        uow.commit()


def work_copy(backend: str, scale: Scale, log=print) -> Dataset:
    """A fresh copy of the cached database for one run (``discard`` removes it)."""
    folder, template = cached(backend, scale, log)
    engine = make_engine(template)
    upgrade(engine)  # a migration added since the cache was built is applied once, to the cache
    _settlement_marks(engine)
    engine.dispose()
    meta = json.loads((folder / "meta.json").read_text())
    if backend == "sqlite":
        run = bench_root() / f"run-{os.getpid()}-{uuid.uuid4().hex[:6]}" / scale.name
        run.mkdir(parents=True)
        for suffix in ("", "-wal", "-shm"):
            source = folder / f"pos.db{suffix}"
            if source.exists():
                shutil.copyfile(source, run / f"pos.db{suffix}")
        return Dataset(backend, f"sqlite:///{run / 'pos.db'}", folder / "journal.key", meta)
    name = f"nttmart_bench_run_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = _pg_url(name)
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template).database}"')
    return Dataset(backend, url, folder / "journal.key", meta)


# Indexes the lead may add by a migration (``--try-indexes`` builds them on the run's copy only).
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_bench_sale_lines_cover ON sale_lines (sale_id, product_id, vendor_id, measure, "
    "quantity, line_total, sale_discount_share, discount)",
    "CREATE INDEX IF NOT EXISTS ix_bench_sale_lines_product_sale ON sale_lines (product_id, sale_id)",
    "CREATE INDEX IF NOT EXISTS ix_bench_payments_sale_method ON payments (sale_id, method, amount)",
)


def add_proposed_indexes(dataset: Dataset) -> float:
    """Build ``PROPOSED_INDEXES`` on the run's copy; the seconds it took."""
    engine = create_engine(dataset.url) if dataset.backend != "sqlite" else make_engine(dataset.url)
    started = time.perf_counter()
    try:
        with engine.begin() as conn:
            for statement in PROPOSED_INDEXES:
                conn.exec_driver_sql(statement)
            if dataset.backend != "sqlite":
                conn.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()
    return time.perf_counter() - started


def discard(dataset: Dataset) -> None:
    if dataset.backend == "sqlite":
        shutil.rmtree(Path(make_url(dataset.url).database).parent.parent, ignore_errors=True)
    else:
        _pg_admin(f'DROP DATABASE IF EXISTS "{make_url(dataset.url).database}" WITH (FORCE)')


# -- PostgreSQL housekeeping ------------------------------------------------------
def _pg_base() -> str:
    base = os.environ.get(PG_ENV)
    if not base:
        raise SystemExit(f"--db postgresql needs ${PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    return base


def _pg_url(database: str) -> str:
    parsed = make_url(_pg_base())
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.set(database=database).render_as_string(hide_password=False)


def _pg_admin(statement: str) -> list:
    admin = create_engine(_pg_url(make_url(_pg_base()).database or "postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            result = conn.execute(text(statement))
            return list(result) if result.returns_rows else []
    finally:
        admin.dispose()


def _pg_exists(url: str) -> bool:
    name = make_url(url).database
    return bool(_pg_admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def _pg_create(url: str, *, drop: bool) -> None:
    name = make_url(url).database
    if drop:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg_admin(f'CREATE DATABASE "{name}"')

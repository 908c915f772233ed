"""Database plumbing: SQLite safety settings, write transactions, migrations == models, URL choice."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, text

from nttmart_pos.db.engine import default_db_url, make_engine, resolve_db_url
from nttmart_pos.db.migrate import head_revision, is_up_to_date, upgrade
from nttmart_pos.db.models import Base
from nttmart_pos.db.uow import UnitOfWork


def test_sqlite_runs_wal_full_sync_foreign_keys_and_busy_timeout(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_write_unit_of_work_begins_immediate_and_reads_do_not(sqlite_url):
    engine = make_engine(sqlite_url)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cur, stmt, *a: statements.append(stmt))
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(text("SELECT 1"))
    with UnitOfWork(engine) as uow:
        uow.session.execute(text("SELECT 1"))
    assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN IMMEDIATE", "BEGIN"]
    engine.dispose()


def test_migrations_build_exactly_the_models(engine):
    assert is_up_to_date(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    upgrade(engine)
    upgrade(engine)
    assert is_up_to_date(engine) and head_revision() >= "0002"
    engine.dispose()


def test_database_url_choice(monkeypatch):
    monkeypatch.delenv("NTTMART_DB_URL", raising=False)
    assert resolve_db_url(None) == default_db_url() and default_db_url().startswith("sqlite:///")
    monkeypatch.setenv("NTTMART_DB_URL", "sqlite:////tmp/from-env.db")
    assert resolve_db_url(None) == "sqlite:////tmp/from-env.db"
    assert resolve_db_url("sqlite:////tmp/option.db") == "sqlite:////tmp/option.db"


def test_upgrade_from_0001_keeps_sales_and_stock(tmp_path):
    from sqlalchemy import func, select

    from nttmart_pos.db.models import Product, StockMovement

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    with engine.begin() as conn:  # a 0001 database with a vendor, a product, a sale, written in 0001's shape
        conn.execute(text("INSERT INTO users (id, username, full_name, role, pin_hash, active, created_at) "
                          "VALUES (1, 'kasir', 'Kasir', 'cashier', 'x', 1, '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO vendors (id, code, name, owner, phone, regency, village, terms, "
                          "commission_pct, payout_method, payout_account, notes, active) VALUES "
                          "(1, 'V1', 'Kopi', '', '', 'Ngada', '', 'commission', 15, 'cash', '', '', 1)"))
        conn.execute(text("INSERT INTO products (id, barcode, name, category, vendor_id, price, unit, measure, "
                          "reorder_level, active, stock_on_hand, name_search) VALUES "
                          "(1, '8991234567891', 'Kopi', '', 1, 65000, 'pcs', 'unit', 0, 1, 4, 'kopi')"))
        conn.execute(text("INSERT INTO stock_movements (product_id, kind, quantity, created_at, reference) "
                          "VALUES (1, 'received', 4, '2026-01-01 00:00:00', 'stok awal')"))
    upgrade(engine)
    assert is_up_to_date(engine)
    with UnitOfWork(engine) as uow:
        assert uow.session.get(Product, 1).stock_on_hand == 4
        assert uow.session.scalar(select(func.count()).select_from(StockMovement)) == 1
    engine.dispose()

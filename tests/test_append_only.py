"""The database itself refuses to change or delete finished records (triggers of migration 0004), on SQLite
and PostgreSQL, whatever program talks to it; the program turns the refusal into a message; inserts still work;
0004 goes down to 0003 and up again."""

from __future__ import annotations

import pytest
from sqlalchemy import Table, delete, func, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from journal_helpers import APPEND_ONLY, day_of_activity, entry_count
from nttmart_pos.db.models import Base, Sale
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import DatabaseError
from nttmart_pos.services.journal import key_for
from nttmart_pos.services.journal_key import start_journal
from nttmart_pos.services.journal_verify import verify_journal
from settlement_helpers import sell

REFUSED = "Data yang sudah selesai (penjualan, pengembalian, laporan Z, jurnal) tidak dapat diubah atau dihapus."


def first_row(engine, table: Table) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.min(table.c.id)))


def changes(table: Table, row_id: int):
    column = next(c for c in table.columns if not c.primary_key and not c.foreign_keys)
    yield "UPDATE", update(table).where(table.c.id == row_id).values({column.name: column})
    yield "DELETE", delete(table).where(table.c.id == row_id)


def test_finished_records_cannot_be_updated_or_deleted(engine):
    day_of_activity(engine)
    before = entry_count(engine)
    for name in APPEND_ONLY:
        table = Base.metadata.tables[name]
        row_id = first_row(engine, table)
        assert row_id is not None, f"no {name} row to try"
        for action, statement in changes(table, row_id):
            with pytest.raises(DBAPIError, match="append-only") as raised:
                with engine.begin() as conn:
                    conn.execute(statement)
            assert f"{name}: {action} refused" in str(raised.value), (name, action)
            with pytest.raises(DatabaseError) as message:
                with UnitOfWork(engine, write=True) as uow:
                    uow.session.execute(statement)
                    uow.commit()
            assert str(message.value) == REFUSED, (name, action)
    assert entry_count(engine) == before
    assert verify_journal(UnitOfWork(engine), key_for(engine)).ok


def test_the_orm_cannot_edit_a_sale_either(engine):
    day = day_of_activity(engine)
    receipt = day["sales"][0].receipt_no
    with pytest.raises(DatabaseError, match="tidak dapat diubah"):
        with UnitOfWork(engine, write=True) as uow:
            sale = uow.session.scalar(select(Sale).where(Sale.receipt_no == receipt))
            sale.lines[0].quantity += 1
            uow.commit()
    with pytest.raises(DatabaseError, match="tidak dapat diubah"):
        with UnitOfWork(engine, write=True) as uow:
            sale = uow.session.scalar(select(Sale).where(Sale.receipt_no == receipt))
            for payment in sale.payments:
                uow.session.delete(payment)
            uow.commit()
    assert verify_journal(UnitOfWork(engine), key_for(engine)).ok


def test_new_records_are_still_written(engine):
    day = day_of_activity(engine)
    before = entry_count(engine)
    sale = sell(engine, day["cashier"], [(day["ids"]["honey"], 1)], terminal="T02")
    assert sale.receipt_no == "T02-000002" and entry_count(engine) == before + 1
    result = verify_journal(UnitOfWork(engine), key_for(engine))
    assert result.ok and result.count == before + 1


def test_migration_0004_goes_down_and_up_again(engine):
    """Downgrading to 0003 drops the triggers and the journal (the sales stay); upgrading brings both back."""
    from alembic import command

    from nttmart_pos.db.migrate import alembic_config, current_revision, head_revision, upgrade

    day = day_of_activity(engine)
    config = alembic_config()
    try:
        with engine.connect() as conn:  # like db.migrate.upgrade: SQLite rebuilds tables with foreign keys off
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                config.attributes["connection"] = conn
                command.downgrade(config, "0003")
                assert not sqlite or conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
        assert current_revision(engine) == "0003"
        with engine.begin() as conn:  # no trigger any more: the old program could change a sale
            conn.execute(text("UPDATE sales SET discount = discount WHERE receipt_no = :r"),
                         {"r": day["sales"][0].receipt_no})
            assert "journal_entries" not in inspect(conn).get_table_names()
    finally:
        upgrade(engine)
    assert current_revision(engine) == head_revision()
    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM sales"))
    start_journal(engine)  # what the program does first: the journal starts again at 1, after the old sales
    sell(engine, day["cashier"], [(day["ids"]["coffee"], 1)])
    result = verify_journal(UnitOfWork(engine), key_for(engine))
    assert (result.ok, result.count) == (True, 2), result.problem

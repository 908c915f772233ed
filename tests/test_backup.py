"""Backups and restores of the SQLite database: consistent while a till sells, checked, atomic, refused when bad.

Backups are SQLite only (PostgreSQL has ``pg_dump``; the commands print it),
so these tests run on SQLite files, apart from the PostgreSQL usage checks.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import tempfile
import threading
from datetime import datetime
from pathlib import Path

import pytest

from factories import seed_store
from nttmart_pos import cli
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.migrate import current_revision, head_revision, upgrade
from nttmart_pos.errors import ValidationError
from nttmart_pos.services import backup as backup_module
from nttmart_pos.services.backup import BackupError, backup_database, daily_backup, rotate_backups
from nttmart_pos.services.journal import install_key
from nttmart_pos.services.journal_key import create_key
from nttmart_pos.services.restore import restore_database
from settlement_helpers import sell

TEST_KEY = b"test-journal-key-not-for-a-store!"  # the fallback key tests/conftest.py installs


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def sale_count(path: Path) -> int:
    return rows(path, "SELECT count(*) FROM sales")[0][0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


@pytest.fixture
def store(sqlite_url):
    """A seeded SQLite store with two sales; the file, the engine and the seed."""
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    for _ in range(2):
        sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 1), (seed["ids"]["honey"], 2)])
    yield {"engine": engine, "seed": seed, "path": Path(engine.url.database)}
    engine.dispose()


def assert_complete(copy: Path) -> int:
    """The copy passes integrity_check and each sale in it is whole: lines, payments, stock, journal entry."""
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    broken = rows(copy, """
        SELECT s.receipt_no FROM sales s
        WHERE (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id) = 0
           OR (SELECT coalesce(sum(l.line_total), 0) FROM sale_lines l WHERE l.sale_id = s.id) - s.discount != s.total
           OR (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.sale_id = s.id) < s.total
           OR (SELECT count(*) FROM stock_movements m WHERE m.sale_id = s.id)
              != (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id)
           OR (SELECT count(*) FROM journal_entries j WHERE j.kind = 'sale' AND j.ref = s.receipt_no) != 1""")
    assert broken == []
    drift = rows(copy, """SELECT p.id FROM products p WHERE p.stock_on_hand !=
                          (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.product_id = p.id)""")
    assert drift == []
    assert rows(copy, "SELECT count(*) FROM journal_entries")[0][0] == rows(copy, "SELECT max(seq) FROM journal_entries")[0][0]
    return sale_count(copy)


def test_backup_while_a_till_keeps_selling_is_consistent(store, tmp_path):
    engine, seed = store["engine"], store["seed"]
    stop, sold, failures = threading.Event(), [], []

    def till():
        try:
            while not stop.is_set():
                sold.append(sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 1), (seed["ids"]["scarf"], 1)],
                                 terminal="T02").receipt_no)
        except Exception as exc:  # reported below: the till must never fail because of a backup
            failures.append(exc)

    thread = threading.Thread(target=till)
    thread.start()
    try:
        counts = []
        for number in range(4):
            while len(sold) < 3 * (number + 1) and thread.is_alive():
                threading.Event().wait(0.01)
            result = backup_database(engine, tmp_path / "copies" / f"copy{number}.db")
            assert result.journal_checked and result.size == result.path.stat().st_size
            counts.append(assert_complete(result.path))
            assert result.sales == counts[-1]
    finally:
        stop.set()
        thread.join(30)
    assert not failures
    assert counts == sorted(counts) and counts[-1] > counts[0] >= 2 + 3
    assert leftovers(tmp_path / "copies") == []


def test_the_copy_is_one_self_contained_file(store, tmp_path):
    result = backup_database(store["engine"], tmp_path / "bk" / "b.db")
    assert rows(result.path, "PRAGMA journal_mode") == [("delete",)]
    assert sorted(p.name for p in (tmp_path / "bk").iterdir()) == ["b.db"]
    assert result.sales == 2 and result.journal_entries == 2


def test_a_backup_never_overwrites_the_database_itself(store):
    before = digest(store["path"])
    with pytest.raises(BackupError, match="database itu sendiri"):
        backup_database(store["engine"], store["path"])
    assert digest(store["path"]) == before


def test_full_disk_leaves_no_partial_file_and_keeps_the_old_backup(store, tmp_path, monkeypatch):
    folder = tmp_path / "bk"
    folder.mkdir()
    target = folder / "b.db"
    target.write_bytes(b"yesterday's backup")

    def full(engine, temp):
        Path(temp).write_bytes(b"half a database")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "_copy_database", full)
    with pytest.raises(BackupError, match="Ruang disk penuh") as caught:
        backup_database(store["engine"], target)
    assert "setengah jadi" in str(caught.value)
    assert target.read_bytes() == b"yesterday's backup"
    assert sorted(p.name for p in folder.iterdir()) == ["b.db"]


def test_sqlite_reporting_a_full_disk_is_the_same_message(store, tmp_path, monkeypatch):
    def full(engine, temp):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_copy_database", full)
    with pytest.raises(BackupError, match="Ruang disk penuh"):
        backup_database(store["engine"], tmp_path / "bk" / "b.db")
    assert list((tmp_path / "bk").iterdir()) == []


def test_read_only_folder_is_a_clear_message_and_nothing_is_written(store, tmp_path, monkeypatch):
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        probe = folder / "probe"
        try:
            probe.write_bytes(b"")  # root writes anyway: then the refusal is simulated where it would happen
            probe.unlink()

            def refused(*args, **kwargs):
                raise PermissionError(errno.EACCES, "Permission denied")

            monkeypatch.setattr(tempfile, "mkstemp", refused)
        except PermissionError:
            pass
        with pytest.raises(BackupError, match="tidak dapat ditulisi") as caught:
            backup_database(store["engine"], folder / "b.db")
        assert "hanya-baca" in str(caught.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_copy_that_fails_its_check_is_not_kept(store, tmp_path, monkeypatch):
    def garbled(engine, temp):
        Path(temp).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)

    monkeypatch.setattr(backup_module, "_copy_database", garbled)
    with pytest.raises(BackupError, match="rusak"):
        backup_database(store["engine"], tmp_path / "bk" / "b.db")
    assert list((tmp_path / "bk").iterdir()) == []


def test_rotation_keeps_the_newest_n_and_nothing_else_is_touched(tmp_path):
    names = [f"nttmart-2026{month:02d}01-0{hour}3000.db" for month in (1, 2, 3) for hour in (8, 9)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    others = ["notes.txt", "nttmart-2025.db", "nttmart-20250101-000000.db.before-restore-x", "nttmart.db"]
    for name in others:
        (tmp_path / name).write_bytes(b"y")
    removed = rotate_backups(tmp_path, 4)
    assert [p.name for p in removed] == sorted(names)[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(sorted(names)[2:] + others)
    assert rotate_backups(tmp_path, 4) == []
    with pytest.raises(ValidationError):
        rotate_backups(tmp_path, 0)


def test_daily_backup_names_by_local_time_and_rotates(store, tmp_path):
    folder = tmp_path / "daily"
    for day in (1, 2, 3):
        result = daily_backup(store["engine"], folder, keep=2, now=datetime(2026, 12, day, 21, 5, 9))
        assert result.path.name == f"nttmart-202612{day:02d}-210509.db"
    assert sorted(p.name for p in folder.iterdir()) == ["nttmart-20261202-210509.db", "nttmart-20261203-210509.db"]


def test_restore_of_a_good_backup_brings_the_data_back(store, tmp_path):
    engine, seed = store["engine"], store["seed"]
    saved = backup_database(engine, tmp_path / "b.db")
    sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 3)])  # after the backup: undone by the restore
    engine.dispose()
    store["path"].chmod(0o664)  # the tills' group may write it: the restored file keeps that
    result = restore_database(store["path"], saved.path, key=TEST_KEY, now=datetime(2026, 12, 1, 7, 0, 0))
    assert result.sales == 2 and result.journal_entries == 2 and result.revision == head_revision()
    assert sale_count(store["path"]) == 2
    assert result.previous == store["path"].with_name("pos.db.before-restore-20261201-070000")
    assert sale_count(result.previous) == 3
    assert leftovers(store["path"].parent) == []
    assert store["path"].stat().st_mode & 0o777 == 0o664
    again = make_engine(f"sqlite:///{store['path']}")  # the till works on the restored file
    try:
        assert sell(again, seed["cashier"], [(seed["ids"]["honey"], 1)]).receipt_no
        assert rows(store["path"], "PRAGMA integrity_check") == [("ok",)]
    finally:
        again.dispose()


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _garbled(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page * 3):  # every third page's header and first cells
        data[start:start + 200] = bytes(range(7, 207))
    path.write_bytes(bytes(data))


def _bad_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:16] = b"not a database!!"
    path.write_bytes(bytes(data))


def _newer_program(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")


def _edited_sale(path: Path) -> None:  # a consistent file whose sale no longer says what the journal recorded
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TRIGGER sale_lines_no_update")
        connection.execute("UPDATE sale_lines SET unit_price = unit_price - 5000, line_total = line_total - 5000 "
                           "WHERE id = 1")


def _other_store(path: Path) -> None:
    path.write_bytes(b"order_id,date,barcode\n1,2026-01-01,8991234567891\n")


@pytest.mark.parametrize("damage, reason", [(_truncated, "rusak"), (_garbled, "rusak"), (_bad_header, "rusak"),
                                            (_newer_program, "tidak dikenal"), (_edited_sale, "Jurnal"),
                                            (_other_store, "rusak")])
def test_restore_refuses_a_bad_file_and_changes_nothing(store, tmp_path, damage, reason):
    saved = backup_database(store["engine"], tmp_path / "b.db").path
    damage(saved)
    store["engine"].dispose()
    live = store["path"]
    before = {p.name: digest(p) for p in live.parent.iterdir()}
    with pytest.raises(BackupError, match=reason):
        restore_database(live, saved, key=TEST_KEY)
    assert {p.name: digest(p) for p in live.parent.iterdir()} == before


def test_restore_refuses_a_journal_it_cannot_check_without_the_key(store, tmp_path):
    saved = backup_database(store["engine"], tmp_path / "b.db").path
    store["engine"].dispose()
    before = digest(store["path"])
    with pytest.raises(BackupError, match="kunci jurnal"):
        restore_database(store["path"], saved, key=None)
    with pytest.raises(BackupError, match="Jurnal"):
        restore_database(store["path"], saved, key=b"another-store's-key-32-bytes-xx!")
    assert digest(store["path"]) == before


def test_restore_stops_while_the_database_is_still_open(store, tmp_path):
    saved = backup_database(store["engine"], tmp_path / "b.db").path
    with store["engine"].connect() as connection:  # a till that is still running on this computer
        connection.exec_driver_sql("SELECT 1").all()
        with pytest.raises(BackupError, match="masih dibuka"):
            restore_database(store["path"], saved, key=TEST_KEY)
    assert sale_count(store["path"]) == 2
    assert not list(store["path"].parent.glob("*.before-restore-*"))


def test_an_older_backup_is_restored_and_upgraded_at_the_next_start(store, tmp_path):
    old = make_engine(f"sqlite:///{tmp_path / 'old' / 'v3.db'}")
    upgrade(old, "0003")
    with old.begin() as conn:
        conn.exec_driver_sql("INSERT INTO counters (name, value) VALUES ('instore-code', 41)")
    old.dispose()
    store["engine"].dispose()
    result = restore_database(store["path"], tmp_path / "old" / "v3.db", key=TEST_KEY)
    assert (result.revision, result.sales, result.journal_entries) == ("0003", 0, 0)
    again = make_engine(f"sqlite:///{store['path']}")
    try:
        upgrade(again)
        assert current_revision(again) == head_revision()
    finally:
        again.dispose()


def test_restore_into_a_missing_database_just_puts_the_file_there(store, tmp_path):
    saved = backup_database(store["engine"], tmp_path / "b.db").path
    result = restore_database(tmp_path / "new" / "nttmart.db", saved, key=TEST_KEY)
    assert result.previous is None and sale_count(result.path) == 2


# -- the commands ------------------------------------------------------------

@pytest.fixture
def keyed_store(sqlite_url, tmp_path):
    """A store whose journal is signed with a real key file, as the program does; and the CLI options."""
    key_path = tmp_path / "conf" / "journal.key"
    key = create_key(key_path)
    engine = make_engine(sqlite_url)
    install_key(engine, key)
    seed = seed_store(engine)
    sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 1)])
    options = ["--db", sqlite_url, "--config", str(tmp_path / "conf" / "settings.toml")]
    yield {"engine": engine, "seed": seed, "path": Path(engine.url.database), "options": options}
    engine.dispose()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_and_restore_commands(keyed_store, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NTTMART_JOURNAL_KEY", raising=False)
    target = tmp_path / "usb" / "toko.db"
    code, out, err = run(capsys, *keyed_store["options"], "backup", "--out", str(target))
    assert (code, err) == (0, "")
    assert f"Cadangan tersimpan: {target}" in out and "1 penjualan" in out and "jurnal utuh (1 entri)" in out
    assert "journal.key" in out  # the reminder to keep the key file too
    engine, seed = keyed_store["engine"], keyed_store["seed"]
    sell(engine, seed["cashier"], [(seed["ids"]["honey"], 1)])
    engine.dispose()
    code, out, err = run(capsys, *keyed_store["options"], "restore", str(target))
    assert (code, err) == (0, "")
    assert "1 penjualan" in out and "before-restore" in out
    assert sale_count(keyed_store["path"]) == 1


def test_restore_command_refuses_a_damaged_file_with_exit_1(keyed_store, tmp_path, capsys):
    target = tmp_path / "b.db"
    assert run(capsys, *keyed_store["options"], "backup", "--out", str(target))[0] == 0
    _truncated(target)
    keyed_store["engine"].dispose()
    before = digest(keyed_store["path"])
    code, out, err = run(capsys, *keyed_store["options"], "restore", str(target))
    assert code == 1 and out == "" and "rusak" in err and "\n" == err[-1] and err.count("\n") == 1
    assert digest(keyed_store["path"]) == before


def test_backup_folder_keeps_n(keyed_store, tmp_path, capsys):
    folder = tmp_path / "harian"
    for name in ("nttmart-20250101-000000.db", "nttmart-20250102-000000.db"):
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(b"old")
    code, _out, _err = run(capsys, *keyed_store["options"], "backup", "--folder", str(folder), "--keep", "2")
    assert code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and names[0] == "nttmart-20250102-000000.db" and sale_count(folder / names[1]) == 1


@pytest.mark.parametrize("command", [["backup", "--out", "/tmp/x.dump"], ["restore", "/tmp/x.dump"]])
def test_postgresql_gets_the_pg_tool_command_and_exit_2(capsys, command, tmp_path):
    url = "postgresql+psycopg://kasir:rahasia@db.toko.lan:5433/nttmart"
    code, out, err = run(capsys, "--db", url, "--config", str(tmp_path / "s.toml"), *command)
    assert code == 2
    tool = "pg_dump" if command[0] == "backup" else "pg_restore"
    assert out.startswith(tool) and "--host=db.toko.lan" in out and "--port=5433" in out
    assert "--username=kasir" in out and "nttmart" in out and "/tmp/x.dump" in out
    assert "rahasia" not in out + err and tool in err


def test_backup_usage_errors_exit_2(capsys, tmp_path):
    base = ["--db", f"sqlite:///{tmp_path}/x.db", "--config", str(tmp_path / "s.toml"), "backup"]
    assert run(capsys, *base)[0] == 2
    assert run(capsys, *base, "--out", "a.db", "--folder", "b")[0] == 2
    assert run(capsys, *base, "--folder", "b", "--keep", "0")[0] == 2
    assert not (tmp_path / "x.db").exists()


def test_a_damaged_live_database_is_named_and_leaves_no_temporary_file(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00" * 8192)
    engine = make_engine(f"sqlite:///{broken}")
    try:
        with pytest.raises(BackupError, match="tidak dapat dibaca untuk dicadangkan"):
            backup_database(engine, tmp_path / "out" / "b.db")
    finally:
        engine.dispose()
    assert list((tmp_path / "out").iterdir()) == []
    assert os.path.exists(broken)

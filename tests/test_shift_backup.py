"""The daily backup written after a shift closing, and its two settings (folder, how many to keep).

Closing a shift in the real window writes ``nttmart-YYYYMMDD-HHMMSS.db`` (a
checked copy) into ``Settings.backup_folder`` in the background and keeps the
newest ``Settings.backup_keep``; the result is shown on the Z report and in the
window's status bar.  A backup that cannot be written is a warning only: the
Z report is already committed.  PostgreSQL is not copied (``pg_dump`` is).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox
from sqlalchemy import func, select

from factories import seeded_database
from nttmart_pos.app import build
from nttmart_pos.config import Settings, load_settings, save_settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.models import User
from nttmart_pos.db.settlement_models import ZReport
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import ConfigError
from nttmart_pos.services.backup import BACKUP_NAME, check_copy
from nttmart_pos.services.journal_key import load_key
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.ui.settings_dialog import SettingsDialog
from nttmart_pos.ui.shift_bar import backup_folder
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child

OLD_BACKUPS = ("nttmart-20250101-210000.db", "nttmart-20250102-210000.db", "nttmart-20250103-210000.db")


# -- settings -----------------------------------------------------------------

def test_backup_settings_default_to_beside_the_database_and_fourteen(tmp_path):
    settings = Settings()
    assert (settings.backup_folder, settings.backup_keep) == ("", 14)
    path = tmp_path / "settings.toml"
    save_settings(Settings(backup_folder="/media/kasir/USB/cadangan", backup_keep=30), path)
    assert (load_settings(path).backup_folder, load_settings(path).backup_keep) == ("/media/kasir/USB/cadangan", 30)


@pytest.mark.parametrize("line", ['backup_keep = 0', 'backup_keep = "14"', 'backup_keep = 10001',
                                  'backup_folder = 7', 'backup_folder = "a\\nb"'])
def test_a_bad_backup_setting_is_refused_with_a_message(tmp_path, line):
    path = tmp_path / "settings.toml"
    path.write_text(f"[store]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(path)


def test_where_the_backup_goes(tmp_path, sqlite_url):
    engine = make_engine(sqlite_url)
    here = Path(engine.url.database).resolve().parent
    try:
        assert backup_folder(Settings(), engine) == here / "backups"
        assert backup_folder(Settings(backup_folder=str(tmp_path / "usb")), engine) == tmp_path / "usb"
        assert backup_folder(Settings(backup_folder="cadangan"), engine) == here / "cadangan"
    finally:
        engine.dispose()
    postgres = make_engine("postgresql+psycopg://pos@192.168.1.10/nttmart")  # never connected
    assert backup_folder(Settings(), postgres) is None  # backed up with pg_dump on the server
    memory = make_engine("sqlite://")
    assert backup_folder(Settings(), memory) is None


MANAGER = UserInfo(3, "manajer", "Agustina Lay", "manager")


def test_the_settings_dialog_shows_and_saves_the_backup_settings(qtbot, tmp_path, sqlite_engine):
    with UnitOfWork(sqlite_engine, write=True) as uow:
        uow.session.add(User(id=MANAGER.id, username=MANAGER.username, full_name=MANAGER.full_name,
                             role=MANAGER.role, pin_hash="-"))
        uow.commit()
    path = tmp_path / "settings.toml"
    dialog = SettingsDialog(Settings(backup_keep=7), MANAGER, path,
                            open_uow=lambda write=False: UnitOfWork(sqlite_engine, write=write))
    qtbot.addWidget(dialog)
    dialog.show()
    folder, keep = child(dialog, QLineEdit, "backupFolderInput"), child(dialog, QSpinBox, "backupKeepInput")
    assert (folder.text(), keep.value()) == ("", 7)
    assert "samping database" in folder.placeholderText()
    dialog.grab().save(str(tmp_path / "settings-dialog.png"))
    qtbot.keyClicks(folder, "  /media/kasir/USB/cadangan ")
    keep.setValue(30)
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    written = load_settings(path)
    assert (written.backup_folder, written.backup_keep) == ("/media/kasir/USB/cadangan", 30)


# -- closing a shift in the window ----------------------------------------------

@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url, manager=False) as seed:
        yield seed


def open_window(qtbot, sqlite_url, tmp_path, settings: Settings):
    config = tmp_path / "settings.toml"
    save_settings(settings, config)
    window = build(["--db", sqlite_url, "--config", str(config), "--printer", "none"])
    qtbot.addWidget(window)
    return window


def top_dialog(window, name):
    """The visible dialog ``name`` of ``window`` (an earlier test's window may not be deleted yet)."""
    def belongs(widget) -> bool:
        while widget is not None and widget is not window:
            widget = widget.parentWidget()
        return widget is window

    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible() and belongs(w)]
    assert len(found) == 1, f"{len(found)} visible {name}"
    return found[0]


def click(qtbot, widget, cls, name):
    qtbot.mouseClick(child(widget, cls, name), Qt.MouseButton.LeftButton)


def log_in(qtbot, window):
    qtbot.keyClicks(child(window, QLineEdit, "loginUser"), "kasir")
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "1234")
    click(qtbot, window, QPushButton, "loginButton")


def open_and_close_a_shift(qtbot, window):
    log_in(qtbot, window)
    opening = top_dialog(window, "shiftOpenDialog")
    qtbot.keyClicks(child(opening, QLineEdit, "shiftFloat"), "100.000")
    click(qtbot, opening, QPushButton, "shiftOpen")
    click(qtbot, window, QPushButton, "shiftCloseButton")
    closing = top_dialog(window, "shiftCloseDialog")
    qtbot.keyClicks(child(closing, QLineEdit, "shiftCount100000"), "1")
    click(qtbot, closing, QPushButton, "shiftCloseConfirm")
    box = top_dialog(window, "shiftCloseAsk")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    z_view = top_dialog(window, "shiftReportView")
    bar = window.cashier.shiftBar
    qtbot.waitUntil(lambda: not bar.backup_running, timeout=20_000)
    wait_for_background()
    return z_view


def z_reports(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(ZReport))


def test_closing_a_shift_writes_a_checked_backup_and_keeps_only_the_newest(qtbot, sqlite_url, store, tmp_path):
    folder = tmp_path / "cadangan"
    folder.mkdir()
    for name in OLD_BACKUPS:
        (folder / name).write_bytes(b"an older backup")
    (folder / "catatan.txt").write_text("not a backup: never touched", encoding="utf-8")
    window = open_window(qtbot, sqlite_url, tmp_path, Settings(backup_folder=str(folder), backup_keep=2))

    z_view = open_and_close_a_shift(qtbot, window)

    backups = sorted(p.name for p in folder.iterdir() if BACKUP_NAME.fullmatch(p.name))
    assert len(backups) == 2 and backups[0] == OLD_BACKUPS[-1]  # the newest old one, and today's
    new = folder / backups[1]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*backups, "catatan.txt"])  # no temporary file left
    check = check_copy(new, load_key(tmp_path / "journal.key"))  # the key the window made beside its settings
    assert check.journal_checked and check.journal_entries >= 1  # the Z report's entry is in the copy
    with sqlite3.connect(new) as copy:
        assert copy.execute("SELECT z_no FROM z_reports").fetchall() == [("Z-T01-000001",)]
    status = child(z_view, QLabel, "shiftReportStatus")
    assert status.text() == f"Cadangan harian tersimpan: {new}"
    backup_line = child(window, QLabel, "shiftBackupStatus")
    assert backup_line.text() == status.text() and "#1b5e20" in backup_line.styleSheet()
    z_view.grab().save(str(tmp_path / "z-with-backup.png"))
    window.grab().save(str(tmp_path / "login-after-close.png"))


def test_a_backup_that_cannot_be_written_is_a_warning_and_the_z_report_stays(qtbot, sqlite_url, store, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    window = open_window(qtbot, sqlite_url, tmp_path, Settings(backup_folder=str(blocker / "cadangan")))

    z_view = open_and_close_a_shift(qtbot, window)

    status = child(z_view, QLabel, "shiftReportStatus")
    assert status.text().startswith("Cadangan harian gagal: ") and ". Laporan Z tetap tersimpan" in status.text()
    assert "#e65100" in status.styleSheet()
    assert z_reports(store["engine"]) == 1
    assert window.stack.currentWidget() is window.login  # nothing blocked: the till is ready for the next cashier
    z_view.grab().save(str(tmp_path / "z-backup-failed.png"))
    qtbot.mouseClick(child(z_view, QPushButton, "shiftReportClose"), Qt.MouseButton.LeftButton)

    # the next cashier sees the warning under the shift row, and it stays after the new shift is opened
    log_in(qtbot, window)
    backup_line = child(window, QLabel, "shiftBackupStatus")
    assert backup_line.isVisible() and backup_line.text() == status.text()
    opening = top_dialog(window, "shiftOpenDialog")
    qtbot.keyClicks(child(opening, QLineEdit, "shiftFloat"), "100.000")
    click(qtbot, opening, QPushButton, "shiftOpen")
    assert backup_line.isVisible() and "#e65100" in backup_line.styleSheet()
    qtbot.wait(50)  # the layout makes room for the line
    window.grab().save(str(tmp_path / "till-backup-failed.png"))

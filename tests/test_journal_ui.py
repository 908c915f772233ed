"""The Jurnal tab: the list with its filters, the CSV file, and the integrity check (pytest-qt)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPushButton, QTableWidget
from sqlalchemy import text

from factories import seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import JournalError
from nttmart_pos.services.journal import append
from nttmart_pos.services.journal_verify import JournalCheck
from nttmart_pos.services.permissions import VIEW_REPORTS
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import journal
from nttmart_pos.ui.manager.window import ManagerWindow, tab_modules
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child
from settlement_helpers import at, past_day, quick_user, sell

WAIT_MS = 15_000
FORMULA = "=cmd|' /C calc'!A0"
VOID = {"items": [{"barcode": "8991234567891", "name": "Kopi Arabika Bajawa 250 g", "quantity": 1, "amount": 65000,
                   "measure": "unit"}], "total": 65000, "reason": "Salah pindai"}


def log(engine, kind, data, user, *, ref="", approver=None, day=None, minute=0):
    with UnitOfWork(engine, write=True) as uow:
        append(uow.session, kind, data, user=user, terminal="T01", ref=ref, approver=approver,
               now=at(day, minute) if day is not None else None)
        uow.commit()


@pytest.fixture
def store(sqlite_url, tmp_path):
    """A void, a drawer opening approved by the supervisor, a new user (days ago), then two sales: seq 1..5."""
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    cashier, ids = seed["cashier"], seed["ids"]
    manager = quick_user(engine, "manajer", "manager")
    supervisor = quick_user(engine, "spv", "supervisor")
    log(engine, "void.line", {**VOID, "reason": FORMULA}, cashier, day=past_day(2))  # seq 1
    log(engine, "drawer.open", {"reason": "Tukar uang kecil"}, cashier, approver=supervisor,
        day=past_day(1))  # seq 2
    log(engine, "user.create", {"username": "ina", "full_name": "Ina Ndun", "role": "cashier"}, manager,
        ref="ina", day=past_day(1), minute=4)  # seq 3
    # the journal dates a sale when it is written
    sell(engine, cashier, [(ids["coffee"], 2), (ids["honey"], 1)])  # seq 4
    sell(engine, cashier, [(ids["scarf"], 1)])  # seq 5
    yield {"engine": engine, "manager": manager, "cashier": cashier, "supervisor": supervisor, "tmp": tmp_path}
    wait_for_background()
    engine.dispose()


def make_tab(qtbot, store, user=None):
    context = AppContext(store["engine"], Settings(), store["tmp"] / "s.toml", user or store["manager"])
    tab = journal.build(context, None)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.reload()
    return tab


def table_rows(tab) -> list[list[str]]:
    table = child(tab, QTableWidget, "journalTable")
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def choose(qtbot, tab, combo_name: str, value) -> None:
    combo = child(tab, QComboBox, combo_name)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(combo.findData(value))


def test_the_tab_is_a_manager_tab():
    assert journal in tab_modules()
    assert (journal.TITLE, journal.ORDER, journal.PERMISSION) == ("Jurnal", 85, VIEW_REPORTS)


def test_lists_the_week_newest_first_with_indonesian_columns(qtbot, store):
    tab = make_tab(qtbot, store)
    table = child(tab, QTableWidget, "journalTable")
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == [
        "No", "Waktu", "Jenis", "Terminal", "Pengguna", "Disetujui", "Referensi", "Keterangan"]
    rows = table_rows(tab)
    assert [row[0] for row in rows] == ["5", "4", "3", "2", "1"]
    assert rows[0][2:5] == ["Penjualan", "T01", "Maria Bria"] and rows[0][7] == "Penjualan Rp250.000, 1 baris, tunai"
    assert rows[1][7] == "Penjualan Rp215.000, 2 baris, tunai"
    assert rows[2][2] == "Pengguna baru" and rows[2][4] == "Manajer" and rows[2][6] == "ina"
    assert rows[3][2] == "Buka laci" and rows[3][5] == "Spv" and rows[3][7] == "Laci dibuka tanpa transaksi - " \
        "Tukar uang kecil"
    assert rows[4][7] == f"Batal baris: Kopi Arabika Bajawa 250 g x1 Rp65.000 - {FORMULA}"
    assert rows[4][1].startswith(f"{past_day(2):%d-%m-%Y} 08:00")
    assert child(tab, QLabel, "journalCount").text() == "5 entri, terbaru di atas"
    users = child(tab, QComboBox, "journalUserCombo")
    assert [users.itemText(i) for i in range(users.count())] == ["Semua pengguna", "Manajer (manajer)",
                                                                 "Maria Bria (kasir)"]


def test_filters_narrow_the_list(qtbot, store):
    tab = make_tab(qtbot, store)
    choose(qtbot, tab, "journalKindCombo", "sale")
    assert [row[0] for row in table_rows(tab)] == ["5", "4"]
    choose(qtbot, tab, "journalKindCombo", "void.")
    assert [row[0] for row in table_rows(tab)] == ["1"]
    choose(qtbot, tab, "journalKindCombo", "")
    choose(qtbot, tab, "journalUserCombo", store["manager"].id)
    assert [row[0] for row in table_rows(tab)] == ["3"]
    choose(qtbot, tab, "journalUserCombo", None)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.set_period(past_day(2), past_day(1))
    assert [row[0] for row in table_rows(tab)] == ["3", "2", "1"]
    assert child(tab, QDateEdit, "journalFromDate").date().toPython() == past_day(2)
    # typing a date reads the list again once the typing stops
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        child(tab, QDateEdit, "journalToDate").setDate(past_day(0))
    assert [row[0] for row in table_rows(tab)] == ["5", "4", "3", "2", "1"]
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        child(tab, QDateEdit, "journalFromDate").setDate(past_day(0))
    assert [row[0] for row in table_rows(tab)] == ["5", "4"]


def test_export_writes_the_rows_shown(qtbot, store):
    tab = make_tab(qtbot, store)
    choose(qtbot, tab, "journalKindCombo", "void.")
    tab.save_path = store["tmp"] / "jurnal.csv"
    with qtbot.waitSignal(tab.export_done, timeout=WAIT_MS) as done:
        qtbot.mouseClick(child(tab, QPushButton, "journalExportButton"), Qt.MouseButton.LeftButton)
    assert done.args == [tab.save_path]
    with open(tab.save_path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["No", "Waktu", "Jenis", "Terminal", "Pengguna", "Disetujui", "Referensi", "Keterangan"]
    assert len(lines) == 2 and lines[1][0] == "1" and lines[1][7].endswith(FORMULA)
    assert "1 baris disimpan" in child(tab, QLabel, "journalStatus").text()


def test_verify_reports_a_whole_journal(qtbot, store):
    tab = make_tab(qtbot, store)
    with qtbot.waitSignal(tab.verified, timeout=WAIT_MS) as done:
        qtbot.mouseClick(child(tab, QPushButton, "journalVerifyButton"), Qt.MouseButton.LeftButton)
    assert done.args[0].ok
    result = child(tab, QLabel, "journalVerifyResult")
    assert result.text() == "Jurnal utuh: 5 entri diperiksa" and "#1b5e20" in result.styleSheet()


def test_verify_names_a_changed_entry_and_shows_it(qtbot, store):
    with store["engine"].begin() as conn:
        conn.execute(text("DROP TRIGGER journal_entries_no_update"))
        conn.execute(text("UPDATE journal_entries SET body = replace(body, 'Tukar uang kecil', 'Ambil uang') "
                          "WHERE seq = 2"))
    tab = make_tab(qtbot, store)
    with qtbot.waitSignal(tab.verified, timeout=WAIT_MS) as done:
        qtbot.mouseClick(child(tab, QPushButton, "journalVerifyButton"), Qt.MouseButton.LeftButton)
    check = done.args[0]
    assert not check.ok and check.failed_seq == 2
    result = child(tab, QLabel, "journalVerifyResult")
    assert result.text().startswith("Jurnal TIDAK utuh: ") and check.problem in result.text()
    assert "#b00020" in result.styleSheet()
    table = child(tab, QTableWidget, "journalTable")
    assert [index.row() for index in table.selectionModel().selectedRows()] == [3]  # entry 2


def test_verify_result_of_a_mocked_check_and_a_missing_key(qtbot, store, monkeypatch):
    tab = make_tab(qtbot, store)
    monkeypatch.setattr(journal, "verify_journal",
                        lambda uow, key: JournalCheck(False, 3, 4, "HMAC entri 4 tidak cocok"))
    with qtbot.waitSignal(tab.verified, timeout=WAIT_MS):
        tab.verify()
    assert "HMAC entri 4 tidak cocok (3 entri diperiksa" in child(tab, QLabel, "journalVerifyResult").text()

    def no_key(_bind):
        raise JournalError("Kunci jurnal belum dipasang")

    monkeypatch.setattr(journal, "key_for", no_key)
    with qtbot.waitSignal(tab.verified, timeout=WAIT_MS) as done:
        tab.verify()
    assert done.args == [None]
    assert child(tab, QLabel, "journalVerifyResult").text() == "Kunci jurnal belum dipasang"


def test_a_cashier_sees_no_entries(qtbot, store, monkeypatch):
    shown = []
    monkeypatch.setattr(journal, "show_error", lambda parent, exc: shown.append(str(exc)))
    tab = make_tab(qtbot, store, user=store["cashier"])
    assert table_rows(tab) == [] and shown and "melihat laporan" in shown[-1]
    assert not child(tab, QPushButton, "journalExportButton").isEnabled()


def test_the_manager_window_has_the_tab(qtbot, store):
    context = AppContext(store["engine"], Settings(), store["tmp"] / "s.toml", store["manager"])
    window = ManagerWindow(context)
    qtbot.addWidget(window)
    tab = window.show_tab("Jurnal")
    assert tab.objectName() == "journalTab"
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.reload()
    assert len(table_rows(tab)) == 5

"""The "Retur" tab as a manager uses it: return a damaged unit, be refused above stock,
add a vendor's expiring batches, and reprint the nota retur (pytest-qt)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QTableView, QTableWidget
from pypdf import PdfReader

import document_ui_helpers as helpers
from document_ui_helpers import WAIT_MS, child, choose_vendor, click, confirm, rows, scan, stock, wait_idle
from factories import COFFEE
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.catalog_admin import set_product_active
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.stock_documents import document, list_documents
from nttmart_pos.ui.manager import returns_tab


@pytest.fixture
def store(sqlite_url, tmp_path, monkeypatch):
    with helpers.document_store(sqlite_url, tmp_path, monkeypatch) as seed:
        yield seed


def open_tab(qtbot, store, tmp_path):
    return helpers.open_tab(qtbot, returns_tab, store, tmp_path)


def choose_reason(qtbot, tab, row, code):
    table = child(tab, QTableView, "returnLines")
    model = table.model()
    table.edit(model.index(row, model.column("reason")))
    editor = child(table, QComboBox, "lineReasonEditor")
    index = editor.findData(code)
    editor.setCurrentIndex(index)
    editor.activated.emit(index)  # what a click on the choice does
    qtbot.waitUntil(lambda: model.lines[row].reason == code, timeout=WAIT_MS)


def test_return_one_damaged_unit_lowers_the_stock_by_one(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    before = stock(store, "coffee")
    choose_vendor(tab, "return", "KOPI01")
    scan(qtbot, tab, "return", COFFEE)
    assert rows(tab, "return") == [(COFFEE, "Kopi Arabika Bajawa 250 g", "20", "1", "tidak laku", "65.000",
                                    "65.000")]
    choose_reason(qtbot, tab, 0, "damaged")
    assert rows(tab, "return")[0][4] == "rusak"
    click(qtbot, tab, "returnPost")
    assert confirm(qtbot, tab, "returnPostConfirm") == "Simpan nota retur untuk 1 barang senilai Rp65.000?"

    number = f"RT-{date.today().year}-000001"
    assert number in child(tab, QLabel, "returnResult").text()
    assert stock(store, "coffee") == before - 1
    assert [(line.quantity, line.reason) for line in document(UnitOfWork(store["engine"]), number).lines] == [
        (1, "damaged")]
    click(qtbot, tab, "returnPdf")
    wait_idle(qtbot, tab)
    text = PdfReader(tmp_path / "pdf" / f"{number}.pdf").pages[0].extract_text()
    assert number in text and "rusak" in text
    click(qtbot, tab, "returnSlip")
    wait_idle(qtbot, tab)
    assert number.encode() in store["slip"].read_bytes()


def test_a_return_above_stock_shows_the_message_and_changes_nothing(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "return", "TENUN1")
    scan(qtbot, tab, "return", f"6*{store['codes']['scarf']}")
    table = child(tab, QTableView, "returnLines")
    assert table.model().index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is not None  # stock 5 shown in red
    click(qtbot, tab, "returnPost")
    confirm(qtbot, tab, "returnPostConfirm")
    message = child(tab, QMessageBox, "errorBox").text()
    assert "Retur ditolak, stok tidak cukup" in message and "diretur 6, stok hanya 5" in message
    assert stock(store, "scarf") == 5
    assert list_documents(UnitOfWork(store["engine"]), kind="return") == []
    assert len(rows(tab, "return")) == 1  # kept, to correct and post again


def test_a_product_of_another_vendor_is_refused(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "return", "TENUN1")
    scan(qtbot, tab, "return", COFFEE)
    assert "bukan UMKM TENUN1" in child(tab, QLabel, "returnStatus").text()
    assert rows(tab, "return") == []


def test_an_inactive_product_can_still_go_back(qtbot, store, tmp_path):
    set_product_active(UnitOfWork(store["engine"], write=True), store["manager"], store["ids"]["honey"], False)
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "return", "KOPI01")
    scan(qtbot, tab, "return", store["codes"]["honey"])
    assert rows(tab, "return")[0][1] == "Madu Hutan Timor 500 ml (tidak aktif)"


def test_expiring_batches_are_added_with_reason_expired(qtbot, store, tmp_path):
    receive_goods(UnitOfWork(store["engine"], write=True), store["manager"], "KOPI01",
                  [IntakeLine(store["ids"]["honey"], 3, date.today() + timedelta(days=5))])
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "return", "KOPI01")
    panel = child(tab, QTableWidget, "returnExpiring")
    assert panel.rowCount() == 1 and panel.item(0, 0).text() == "Madu Hutan Timor 500 ml"
    assert "5 hari lagi" in panel.item(0, 1).text() and panel.item(0, 2).text() == "3"
    click(qtbot, tab, "returnAddExpiring")
    assert [(r[1], r[3], r[4]) for r in rows(tab, "return")] == [("Madu Hutan Timor 500 ml", "3", "kedaluwarsa")]
    assert not child(tab, QPushButton, "returnAddExpiring").isEnabled()  # not twice
    click(qtbot, tab, "returnPost")
    confirm(qtbot, tab, "returnPostConfirm")
    assert stock(store, "honey") == 10
    number = list_documents(UnitOfWork(store["engine"]), kind="return")[0].doc_no
    assert [(line.quantity, line.reason) for line in document(UnitOfWork(store["engine"]), number).lines] == [
        (3, "expired")]

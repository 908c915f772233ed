"""Driving the manager's intake ("Barang masuk") and retur tabs in pytest-qt tests:
a seeded store, the tab, scanning, editing cells, confirming, reading stock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QMessageBox, QPushButton, QTableView

from factories import seeded_database
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.stock import ledger_stock
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import document_lines
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter

WAIT_MS = 15_000


@contextmanager
def document_store(sqlite_url, tmp_path, monkeypatch) -> Iterator[dict]:
    """``factories.seeded_database`` with the barcodes and a file printer for slips; no beeps.

    On leaving, waits for the tab's background work before the engine goes.
    """
    monkeypatch.setattr(document_lines.sound, "error_beep", lambda: None)
    with seeded_database(sqlite_url, codes=True) as seed:
        seed["slip"] = tmp_path / "slip.bin"
        yield seed
        wait_for_background()


def context_for(store, tmp_path, printer_url: str | None = None) -> AppContext:
    url = printer_url or "file://" + str(store["slip"])
    return AppContext(store["engine"], Settings(printer_url=url), tmp_path / "s.toml", user=store["manager"])


def open_tab(qtbot, module, store, tmp_path, printer_url: str | None = None):
    """The tab of ``module``, PDFs going to ``tmp_path/pdf`` and "opened" into ``tab.opened``."""
    tab = module.build(context_for(store, tmp_path, printer_url), None)
    qtbot.addWidget(tab)
    tab.resize(1100, 680)
    tab.show()
    tab.output.set_folder(tmp_path / "pdf")
    tab.opened = []
    tab.output.opener = lambda path: tab.opened.append(path) or True
    return tab


def click(qtbot, widget, name):
    qtbot.mouseClick(child(widget, QPushButton, name), Qt.MouseButton.LeftButton)


def choose_vendor(tab, prefix, code):
    combo = child(tab, QComboBox, f"{prefix}Vendor")
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def scan(qtbot, tab, prefix, text):
    type_and_enter(qtbot, tab, f"{prefix}Scan", text)


def rows(tab, prefix):
    model = child(tab, QTableView, f"{prefix}Lines").model()
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def type_into_cell(qtbot, tab, prefix, row, column_key, text):
    """Edit a cell the way a manager does: open its editor, type, Enter."""
    table = child(tab, QTableView, f"{prefix}Lines")
    model = table.model()
    table.edit(model.index(row, model.column(column_key)))
    editor = table.findChild(QLineEdit, "lineQuantityEditor" if column_key == "quantity" else "lineExpiryEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the view commits and closes the editor in a queued call
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState, timeout=WAIT_MS)


def confirm(qtbot, tab, name) -> str:
    """Answer Yes to the question box ``name``; returns its text."""
    box = child(tab, QMessageBox, name)
    text = box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    return text


def stock(store, name):
    with UnitOfWork(store["engine"]) as uow:
        return ledger_stock(uow.session, store["ids"][name])


def wait_idle(qtbot, tab):
    qtbot.waitUntil(lambda: not tab.output.busy, timeout=WAIT_MS)

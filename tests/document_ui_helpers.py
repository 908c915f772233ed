"""Driving the manager's intake ("Barang masuk") and retur tabs in pytest-qt tests:
a seeded store, the tab, scanning, editing cells, confirming, reading stock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QMessageBox, QPushButton, QTableView

from factories import seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog_admin import get_product
from nttmart_pos.services.stock import ledger_stock
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import document_lines

WAIT_MS = 15_000


def make_store(sqlite_url, tmp_path, monkeypatch) -> dict:
    """``factories.seed_store`` plus a manager, the barcodes, and a file printer for slips; no beeps."""
    monkeypatch.setattr(document_lines.sound, "error_beep", lambda: None)
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    seed["engine"] = engine
    seed["codes"] = {name: get_product(UnitOfWork(engine), pid).barcode for name, pid in seed["ids"].items()}
    seed["slip"] = tmp_path / "slip.bin"
    return seed


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


def child(widget, cls, name):
    found = widget.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name}"
    return found


def click(qtbot, widget, name):
    qtbot.mouseClick(child(widget, QPushButton, name), Qt.MouseButton.LeftButton)


def choose_vendor(tab, prefix, code):
    combo = child(tab, QComboBox, f"{prefix}Vendor")
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def scan(qtbot, tab, prefix, text):
    field = child(tab, QLineEdit, f"{prefix}Scan")
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


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

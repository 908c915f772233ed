"""The cashier's path through the real window: log in, scan, pay, receipt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QTableView
from sqlalchemy import select

from factories import COFFEE, seeded_database
from nttmart_pos.app import build
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Sale
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter


@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url, manager=False, codes=True) as seed:
        yield seed


@pytest.fixture
def window(qtbot, sqlite_url, store, tmp_path):
    window = build(["--db", sqlite_url, "--config", str(tmp_path / "settings.toml"), "--printer", "none"])
    qtbot.addWidget(window)
    yield window
    wait_for_background()


def log_in(qtbot, window, user="kasir", pin="1234"):
    qtbot.keyClicks(child(window, QLineEdit, "loginUser"), user)
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), pin)
    qtbot.mouseClick(child(window, QPushButton, "loginButton"), Qt.MouseButton.LeftButton)


def scan(qtbot, window, code):
    type_and_enter(qtbot, window, "scanInput", code)


def cart_rows(window):
    """Name, quantity, price and total of each line (the "Diskon" column is left out)."""
    model = child(window, QTableView, "cartTable").model()
    columns = (0, 1, 2, model.columnCount() - 1)
    return [tuple(model.index(r, c).data() for c in columns) for r in range(model.rowCount())]


def test_wrong_pin_is_refused_with_a_message(qtbot, window):
    log_in(qtbot, window, pin="0000")
    assert "PIN salah" in child(window, QLabel, "loginMessage").text()
    assert child(window, QLineEdit, "scanInput").isVisible() is False


def test_scan_three_products_pay_cash_with_change(qtbot, window, store):
    log_in(qtbot, window)
    scan(qtbot, window, COFFEE)
    scan(qtbot, window, store["codes"]["honey"])
    scan(qtbot, window, COFFEE)
    assert cart_rows(window) == [("Kopi Arabika Bajawa 250 g", "2", "65.000", "130.000"),
                                 ("Madu Hutan Timor 500 ml", "1", "85.000", "85.000")]
    assert child(window, QLabel, "totalLabel").text() == "Rp215.000"

    qtbot.mouseClick(child(window, QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    dialog = window.findChild(QLabel, "changeLabel").window()
    assert dialog.objectName() == "paymentDialog"
    qtbot.mouseClick(dialog.findChild(QPushButton, "payCash"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "cashTendered"), "250.000")
    assert dialog.findChild(QLabel, "changeLabel").text() == "Kembalian Rp35.000"
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmPayment"), Qt.MouseButton.LeftButton)

    assert cart_rows(window) == []
    assert child(window, QLabel, "totalLabel").text() == "Rp0"
    assert "Rp35.000" in child(window, QLabel, "lastChangeLabel").text()
    assert "T01-000001" in child(window, QLabel, "statusMessage").text()
    with UnitOfWork(store["engine"]) as uow:
        sale = uow.session.scalar(select(Sale))
        assert (sale.receipt_no, sale.total, sale.change, sale.cashier_name) == ("T01-000001", 215000, 35000,
                                                                                  "Maria Bria")
        assert [(l.barcode, l.quantity) for l in sale.lines] == [(COFFEE, 2), (store["codes"]["honey"], 1)]
        assert [(p.method, p.amount) for p in sale.payments] == [("cash", 215000)]


def test_unknown_barcode_leaves_cart_unchanged_and_says_so(qtbot, window, store):
    log_in(qtbot, window)
    scan(qtbot, window, COFFEE)
    before = cart_rows(window)
    scan(qtbot, window, "8990000000013")
    assert cart_rows(window) == before
    assert "Barang tidak dikenal: 8990000000013" in child(window, QLabel, "statusMessage").text()
    scan(qtbot, window, "8991234567890")
    assert cart_rows(window) == before
    assert "Digit pemeriksa" in child(window, QLabel, "statusMessage").text()
    assert child(window, QLineEdit, "scanInput").hasFocus() or not window.isActiveWindow()


def _post_keys(widget, text):
    for char in text:
        QCoreApplication.postEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))
    QCoreApplication.postEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                                 Qt.KeyboardModifier.NoModifier, "\r"))


def test_200_scans_at_scanner_speed_all_arrive(qtbot, window, store):
    log_in(qtbot, window)
    field = child(window, QLineEdit, "scanInput")
    codes = [COFFEE, store["codes"]["honey"], store["codes"]["scarf"]]
    # a burst: every key event of all 200 scans is queued before the first is handled
    for index in range(200):
        _post_keys(field, codes[index % 3])
    QApplication.processEvents()
    quantities = {row[0]: int(row[1]) for row in cart_rows(window)}
    assert quantities == {"Kopi Arabika Bajawa 250 g": 67, "Madu Hutan Timor 500 ml": 67,
                          "Selendang Tenun Rote": 66}
    assert field.text() == ""


def test_quantity_prefix_and_remove_line(qtbot, window, store):
    log_in(qtbot, window)
    scan(qtbot, window, f"3*{COFFEE}")
    scan(qtbot, window, store["codes"]["honey"])
    assert [r[1] for r in cart_rows(window)] == ["3", "1"]
    qtbot.mouseClick(child(window, QPushButton, "removeButton"), Qt.MouseButton.LeftButton)
    # a removal is a journalled void: it asks for a reason first ("Salah pindai" is preselected)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QDialog, "voidDialog")))
    assert len(cart_rows(window)) == 2
    dialog = next(d for d in window.findChildren(QDialog, "voidDialog") if d.isVisible())
    qtbot.mouseClick(child(dialog, QPushButton, "voidOkButton"), Qt.MouseButton.LeftButton)
    assert cart_rows(window) == [("Kopi Arabika Bajawa 250 g", "3", "65.000", "195.000")]
    with UnitOfWork(store["engine"]) as uow:
        assert uow.session.scalars(select(JournalEntry.kind)).all() == ["void.line"]


def test_expired_pirt_warns_but_the_item_is_sold(qtbot, window, store):
    from datetime import date

    from nttmart_pos.db.inventory_models import ProductCertificate

    with UnitOfWork(store["engine"], write=True) as uow:
        uow.session.add(ProductCertificate(product_id=store["ids"]["coffee"], kind="pirt",
                                           number="123456789012345", expires_on=date(2025, 10, 1)))
        uow.commit()
    log_in(qtbot, window)
    scan(qtbot, window, COFFEE)
    assert cart_rows(window) == [("Kopi Arabika Bajawa 250 g", "1", "65.000", "65.000")]
    message = child(window, QLabel, "statusMessage").text()
    assert "P-IRT kedaluwarsa sejak 01-10-2025" in message

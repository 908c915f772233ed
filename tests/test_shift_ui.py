"""The till's shift screens through the real window: open with a float, sell, cash out
(with a supervisor's PIN), X report, close with a short drawer and see the Z report."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton
from sqlalchemy import select

from factories import COFFEE, seeded_database
from nttmart_pos.app import build
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Sale
from nttmart_pos.db.settlement_models import CashMovement, Shift, ZReport
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.shift_report import ShiftReport
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.shifts import current_shift
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter


@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url, manager=False, codes=True) as seed:
        create_user(UnitOfWork(seed["engine"]), "spv", "Yohanes Tefa", "supervisor", "4321")
        yield seed


@pytest.fixture
def window(qtbot, sqlite_url, store, tmp_path):
    window = build(["--db", sqlite_url, "--config", str(tmp_path / "settings.toml"), "--printer", "none"])
    qtbot.addWidget(window)
    yield window
    wait_for_background()


def click(qtbot, widget, cls, name):
    qtbot.mouseClick(child(widget, cls, name), Qt.MouseButton.LeftButton)


def top_dialog(name):
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
    assert found, f"no visible {name}"
    return found[-1]


def log_in(qtbot, window):
    qtbot.keyClicks(child(window, QLineEdit, "loginUser"), "kasir")
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "1234")
    click(qtbot, window, QPushButton, "loginButton")


def open_shift_with(qtbot, text):
    dialog = top_dialog("shiftOpenDialog")
    qtbot.keyClicks(child(dialog, QLineEdit, "shiftFloat"), text)
    click(qtbot, dialog, QPushButton, "shiftOpen")
    return dialog


def sell_coffee_for_cash(qtbot, window):
    type_and_enter(qtbot, window, "scanInput", COFFEE)
    click(qtbot, window, QPushButton, "payButton")
    payment = top_dialog("paymentDialog")
    click(qtbot, payment, QPushButton, "payCash")
    qtbot.keyClicks(child(payment, QLineEdit, "cashTendered"), "100.000")
    click(qtbot, payment, QPushButton, "confirmPayment")


def answer_yes(qtbot, name):
    box = top_dialog(name)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)


def test_login_asks_for_a_float_and_opens_the_shift(qtbot, window, store):
    log_in(qtbot, window)
    assert "Belum ada shift" in child(window, QLabel, "shiftStatus").text()
    assert not child(window, QPushButton, "shiftCloseButton").isEnabled()
    dialog = top_dialog("shiftOpenDialog")
    qtbot.keyClicks(child(dialog, QLineEdit, "shiftFloat"), "12,5")
    click(qtbot, dialog, QPushButton, "shiftOpen")
    assert dialog.isVisible() and child(dialog, QLabel, "shiftOpenHint").text()
    assert current_shift(UnitOfWork(store["engine"]), "T01") is None
    child(dialog, QLineEdit, "shiftFloat").clear()
    open_shift_with(qtbot, "Rp200.000")
    shift = current_shift(UnitOfWork(store["engine"]), "T01")
    assert (shift.opening_float, shift.cashier_name) == (200000, "Maria Bria")
    assert not dialog.isVisible()
    assert "Rp200.000" in child(window, QLabel, "shiftStatus").text()
    assert child(window, QPushButton, "shiftCloseButton").isEnabled()


def test_sell_cash_out_x_report_and_close_short(qtbot, window, store, tmp_path):
    engine = store["engine"]
    log_in(qtbot, window)
    open_shift_with(qtbot, "200.000")
    sell_coffee_for_cash(qtbot, window)  # Rp65.000 in cash

    click(qtbot, window, QPushButton, "shiftCashButton")
    cash = top_dialog("shiftCashDialog")
    qtbot.keyClicks(child(cash, QLineEdit, "shiftCashAmount"), "50.000")
    click(qtbot, cash, QPushButton, "shiftCashSave")  # no reason yet: refused in the dialog
    assert cash.isVisible() and "Alasan" in child(cash, QLabel, "shiftCashHint").text()
    qtbot.keyClicks(child(cash, QLineEdit, "shiftCashReason"), "beli kantong plastik")
    click(qtbot, cash, QPushButton, "shiftCashSave")
    # a cashier takes cash out with a supervisor's PIN
    override = top_dialog("overrideDialog")
    assert "mencatat kas masuk/keluar" in child(override, QLabel, "overrideTitle").text()
    assert child(override, QLabel, "overrideDetail").text() == "Kas keluar Rp50.000: beli kantong plastik"
    qtbot.keyClicks(child(override, QLineEdit, "overrideUser"), "spv")
    qtbot.keyClicks(child(override, QLineEdit, "overridePin"), "4321")
    click(qtbot, override, QPushButton, "overrideOk")
    assert not override.isVisible()
    assert not cash.isVisible()
    assert "Rp215.000" in child(window, QLabel, "statusMessage").text()  # 200.000 + 65.000 - 50.000

    click(qtbot, window, QPushButton, "shiftXButton")
    x_view = top_dialog("shiftReportView")
    x_text = child(x_view, QPlainTextEdit, "shiftReportText").toPlainText()
    assert "LAPORAN X" in x_text and "T01-000001" in x_text and "215.000" in x_text
    assert "SELISIH" not in x_text
    x_view.pdf_path = tmp_path / "x.pdf"
    click(qtbot, x_view, QPushButton, "shiftReportPdf")
    qtbot.waitUntil(lambda: not x_view.busy, timeout=10000)
    assert "x.pdf" in child(x_view, QLabel, "shiftReportStatus").text()
    assert (tmp_path / "x.pdf").stat().st_size > 1000
    click(qtbot, x_view, QPushButton, "shiftReportClose")

    click(qtbot, window, QPushButton, "shiftCloseButton")
    close = top_dialog("shiftCloseDialog")
    assert child(close, QLabel, "shiftExpected").text() == "Rp215.000"
    qtbot.keyClicks(child(close, QLineEdit, "shiftCount100000"), "2")
    qtbot.keyClicks(child(close, QLineEdit, "shiftCount5000"), "2")
    assert child(close, QLabel, "shiftCounted").text() == "Rp210.000"
    variance = child(close, QLabel, "shiftVariance")
    assert "(kurang)" in variance.text() and "-Rp5.000" in variance.text() and "#b00020" in variance.styleSheet()
    child(close, QLineEdit, "shiftCount5000").setText("3")
    assert "(pas)" in variance.text() and "#1b5e20" in variance.styleSheet()
    child(close, QLineEdit, "shiftCount500").setText("2")
    assert "(lebih)" in variance.text() and "#e65100" in variance.styleSheet()
    child(close, QLineEdit, "shiftCount500").clear()
    child(close, QLineEdit, "shiftCount5000").setText("2")
    qtbot.keyClicks(child(close, QLineEdit, "shiftNote"), "uang kembalian salah hitung")
    click(qtbot, close, QPushButton, "shiftCloseConfirm")
    assert close.isVisible()  # nothing closed before the question is answered
    answer_yes(qtbot, "shiftCloseAsk")

    z_view = top_dialog("shiftReportView")
    assert "Z-T01-000001" in child(z_view, QLabel, "shiftReportTitle").text()
    assert "(kurang)" in child(z_view, QLabel, "shiftReportVariance").text()
    z_text = child(z_view, QPlainTextEdit, "shiftReportText").toPlainText()
    assert "Z-T01-000001" in z_text and "(kurang)" in z_text and "210.000" in z_text
    assert window.stack.currentWidget() is window.login  # the cashier is done
    with UnitOfWork(engine) as uow:
        shift = uow.session.scalar(select(Shift))
        assert (shift.status, shift.expected_cash, shift.counted_cash) == ("closed", 215000, 210000)
        assert uow.session.scalar(select(Sale.shift_id)) == shift.id
        assert [(m.kind, m.amount, m.reason) for m in uow.session.scalars(select(CashMovement))] == [
            ("out", 50000, "beli kantong plastik")]
        entry = uow.session.scalar(select(JournalEntry).where(JournalEntry.kind == "cash.out"))
        assert (entry.user_name, entry.approver_name) == ("Maria Bria", "Yohanes Tefa")
        z = uow.session.scalar(select(ZReport))
        report = ShiftReport.from_json(z.figures)
        assert (z.z_no, report.variance, report.note) == ("Z-T01-000001", -5000, "uang kembalian salah hitung")
    click(qtbot, z_view, QPushButton, "shiftReportClose")


def test_selling_without_a_shift_still_works(qtbot, window, store):
    log_in(qtbot, window)
    top_dialog("shiftOpenDialog")  # asked, but not answered
    sell_coffee_for_cash(qtbot, window)
    with UnitOfWork(store["engine"]) as uow:
        assert uow.session.scalar(select(Sale.shift_id)) is None
        assert uow.session.scalar(select(Sale.total)) == 65000

"""The refund screen at the till (F8): find the sale, choose what comes back, approval, receipt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QTableWidget)
from sqlalchemy import func, select

from factories import seeded_database
from nttmart_pos.app import build
from nttmart_pos.db.settlement_models import Refund, RefundLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.shifts import open_shift
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter
from settlement_helpers import cart_product, give_back, past_day, sell

PAPER = "printer.bin"


@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url, manager=False, codes=True) as seed:
        seed["supervisor"] = create_user(UnitOfWork(seed["engine"]), "spv", "Yohana Lado", "supervisor", "5678")
        # T01-000001: 3 coffee, 1 honey, 1,5 kg cashews, paid in cash
        seed["sale"] = sell(seed["engine"], seed["cashier"],
                            [(seed["ids"]["coffee"], 3), (seed["ids"]["honey"], 1), (seed["ids"]["cashew"], 1500)])
        yield seed


@pytest.fixture
def window(qtbot, sqlite_url, store, tmp_path):
    window = build(["--db", sqlite_url, "--config", str(tmp_path / "settings.toml"),
                    "--printer", f"file://{tmp_path / PAPER}"])
    qtbot.addWidget(window)
    yield window
    wait_for_background()


def log_in(qtbot, window, user, pin):
    qtbot.keyClicks(child(window, QLineEdit, "loginUser"), user)
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), pin)
    qtbot.mouseClick(child(window, QPushButton, "loginButton"), Qt.MouseButton.LeftButton)


def open_refund(qtbot, window, user="spv", pin="5678") -> QDialog:
    log_in(qtbot, window, user, pin)
    qtbot.mouseClick(child(window, QPushButton, "refundButton"), Qt.MouseButton.LeftButton)
    dialog = child(window, QDialog, "refundDialog")
    assert dialog.isVisible()
    return dialog


def find(qtbot, dialog, number="T01-000001"):
    type_and_enter(qtbot, dialog, "refundReceiptInput", number)


def rows(dialog):
    table = child(dialog, QTableWidget, "refundLinesTable")
    return [tuple(table.item(r, c).text() for c in (0, 1, 2, 4)) for r in range(table.rowCount())]


def spin(dialog, row) -> QSpinBox:
    return child(dialog, QSpinBox, f"refundQuantity{row}")


def message(dialog) -> str:
    return child(dialog, QLabel, "refundMessage").text()


def fill_reason(qtbot, dialog, reason="Salah beli"):
    qtbot.keyClicks(child(dialog, QComboBox, "refundReasonInput").lineEdit(), reason)


def confirm(qtbot, dialog):
    qtbot.mouseClick(child(dialog, QPushButton, "refundOkButton"), Qt.MouseButton.LeftButton)


def refunds(engine):
    with UnitOfWork(engine) as uow:
        return [(r.refund_no, r.total, r.method, r.restock, r.reason, r.user_name, r.approver_name)
                for r in uow.session.scalars(select(Refund).order_by(Refund.id))]


def printed(tmp_path) -> bytes:
    path = tmp_path / PAPER
    return path.read_bytes() if path.exists() else b""


def test_find_a_sale_by_typing_and_by_scanning(qtbot, window, store):
    dialog = open_refund(qtbot, window)
    assert child(dialog, QLineEdit, "refundReceiptInput").hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClicks(child(dialog, QLineEdit, "refundReceiptInput"), " t01 - 000001 ")
    qtbot.mouseClick(child(dialog, QPushButton, "refundFindButton"), Qt.MouseButton.LeftButton)
    assert rows(dialog) == [("Kopi Arabika Bajawa 250 g", "3", "-", "0"), ("Madu Hutan Timor 500 ml", "1", "-", "0"),
                            ("Kacang Mete Curah", "1,500 kg", "-", "0")]
    info = child(dialog, QLabel, "refundSaleInfo").text()
    assert "T01-000001" in info and "Maria Bria" in info and "Total Rp460.000" in info and "Tunai Rp460.000" in info
    assert child(dialog, QLineEdit, "refundReceiptInput").text() == ""  # ready for the next scan
    assert spin(dialog, 2).suffix() == " g" and spin(dialog, 2).maximum() == 1500

    # a scanner types the Code128 and Enter: the sale loads, nothing is confirmed
    find(qtbot, dialog)
    assert dialog.isVisible() and len(rows(dialog)) == 3 and refunds(store["engine"]) == []

    find(qtbot, dialog, "T01-999999")
    assert "Struk T01-999999 tidak ditemukan" in message(dialog)
    assert rows(dialog) == [] and not child(dialog, QPushButton, "refundOkButton").isEnabled()


def test_partial_refund_of_one_of_three_prints_and_shows_the_money(qtbot, window, store, tmp_path):
    dialog = open_refund(qtbot, window)
    find(qtbot, dialog)
    spin(dialog, 0).setValue(1)
    assert rows(dialog)[0][3] == "65.000"
    assert child(dialog, QLabel, "refundTotalLabel").text() == "Total dikembalikan: Rp65.000"
    spin(dialog, 2).setValue(500)
    assert rows(dialog)[2][3] == "60.000"
    assert child(dialog, QLabel, "refundTotalLabel").text() == "Total dikembalikan: Rp125.000"
    spin(dialog, 2).setValue(0)
    combo = child(dialog, QComboBox, "refundMethodCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == ["Tunai"]
    assert child(dialog, QCheckBox, "refundRestockCheck").isChecked()
    fill_reason(qtbot, dialog)
    confirm(qtbot, dialog)

    assert not dialog.isVisible()
    assert refunds(store["engine"]) == [("R-T01-000001", 65000, "cash", True, "Salah beli", "Yohana Lado", "")]
    assert "Rp65.000" in child(window, QLabel, "lastChangeLabel").text()
    status = child(window, QLabel, "statusMessage")
    assert "R-T01-000001" in status.text()
    qtbot.waitUntil(lambda: "tercetak" in status.text(), timeout=5000)
    paper = printed(tmp_path)
    for words in (b"PENGEMBALIAN BARANG", b"R-T01-000001", b"Struk asal : T01-000001", b"Kopi Arabika Bajawa 250 g",
                  b"1 x 65.000", b"TOTAL DIKEMBALIKAN", b"Rp65.000", b"Dikembalikan : Tunai",
                  b"Barang       : kembali ke rak", b"Alasan       : Salah beli", b"Dilayani     : Yohana Lado",
                  b"Tanda tangan pelanggan"):
        assert words in paper
    assert b"Disetujui" not in paper and b"SALINAN" not in paper

    # the same sale again: what was given back shows, and only the rest is left
    qtbot.mouseClick(child(window, QPushButton, "refundButton"), Qt.MouseButton.LeftButton)
    again = [d for d in window.findChildren(QDialog, "refundDialog") if d.isVisible()][0]
    find(qtbot, again)
    assert rows(again)[0][:3] == ("Kopi Arabika Bajawa 250 g", "3", "1")
    assert spin(again, 0).maximum() == 2


def test_over_refund_is_stopped_by_the_spin_box_and_by_the_service(qtbot, window, store):
    dialog = open_refund(qtbot, window)
    find(qtbot, dialog)
    spin(dialog, 0).setValue(5)
    assert spin(dialog, 0).value() == 3  # the spin box never goes past what is left
    # meanwhile another till gives two of them back
    give_back(store["engine"], store["supervisor"], "T01-000001", [(1, 2)], past_day(0))
    fill_reason(qtbot, dialog)
    confirm(qtbot, dialog)
    assert dialog.isVisible()
    assert "Pengembalian ditolak, melebihi yang terjual" in message(dialog) and "sisa 1" in message(dialog)
    assert len(refunds(store["engine"])) == 1


def test_nothing_chosen_or_no_reason_is_said_in_the_dialog(qtbot, window, store):
    dialog = open_refund(qtbot, window)
    assert not child(dialog, QPushButton, "refundOkButton").isEnabled()  # no sale yet
    find(qtbot, dialog)
    confirm(qtbot, dialog)
    assert message(dialog) == "Isi jumlah barang yang dikembalikan"
    spin(dialog, 1).setValue(1)
    confirm(qtbot, dialog)
    assert message(dialog) == "Alasan pengembalian harus diisi"
    reason = child(dialog, QComboBox, "refundReasonInput")
    reason.setCurrentIndex(reason.findText("Barang rusak"))
    reason.activated.emit(reason.currentIndex())
    assert not child(dialog, QCheckBox, "refundRestockCheck").isChecked()  # damaged goods are written off
    assert "rusak" in child(dialog, QLabel, "refundRestockHint").text()
    confirm(qtbot, dialog)
    assert not dialog.isVisible()
    assert refunds(store["engine"]) == [("R-T01-000001", 85000, "cash", False, "Barang rusak", "Yohana Lado", "")]


def test_a_cashier_needs_a_supervisors_pin(qtbot, window, store, tmp_path):
    dialog = open_refund(qtbot, window, "kasir", "1234")
    find(qtbot, dialog)
    spin(dialog, 0).setValue(1)
    fill_reason(qtbot, dialog, "Tidak sesuai")
    confirm(qtbot, dialog)
    override = child(dialog, QDialog, "overrideDialog")
    assert override.isVisible() and "Rp65.000" in child(override, QLabel, "overrideDetail").text()
    qtbot.keyClicks(child(override, QLineEdit, "overrideUser"), "spv")
    qtbot.keyClicks(child(override, QLineEdit, "overridePin"), "0000")
    qtbot.mouseClick(child(override, QPushButton, "overrideOk"), Qt.MouseButton.LeftButton)
    assert "PIN salah" in child(override, QLabel, "overrideMessage").text()
    assert refunds(store["engine"]) == []

    qtbot.keyClicks(child(override, QLineEdit, "overridePin"), "5678")
    qtbot.mouseClick(child(override, QPushButton, "overrideOk"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert refunds(store["engine"]) == [("R-T01-000001", 65000, "cash", True, "Tidak sesuai", "Maria Bria",
                                         "Yohana Lado")]
    status = child(window, QLabel, "statusMessage")
    qtbot.waitUntil(lambda: "tercetak" in status.text(), timeout=5000)
    paper = printed(tmp_path)
    assert b"Dilayani     : Maria Bria" in paper and b"Disetujui    : Yohana Lado" in paper


def test_a_cashier_who_cancels_the_pin_refunds_nothing(qtbot, window, store):
    dialog = open_refund(qtbot, window, "kasir", "1234")
    find(qtbot, dialog)
    spin(dialog, 1).setValue(1)
    fill_reason(qtbot, dialog)
    confirm(qtbot, dialog)
    override = child(dialog, QDialog, "overrideDialog")
    qtbot.mouseClick(child(override, QPushButton, "overrideCancel"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and refunds(store["engine"]) == []


def test_a_fully_refunded_sale_says_so(qtbot, window, store):
    give_back(store["engine"], store["supervisor"], "T01-000001", [(1, 3), (2, 1), (3, 1500)], past_day(0))
    dialog = open_refund(qtbot, window)
    find(qtbot, dialog)
    assert message(dialog) == "Semua barang pada struk T01-000001 sudah dikembalikan"
    assert not child(dialog, QPushButton, "refundOkButton").isEnabled()
    assert [r[2] for r in rows(dialog)] == ["3", "1", "1,500 kg"]


def test_money_back_by_the_original_method_only_up_to_what_it_paid(qtbot, window, store):
    engine = store["engine"]
    cart = Cart()
    cart.add(cart_product(engine, store["ids"]["coffee"]), 2)
    checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("qris", 50_000, "QR-1"),
                                                    PaymentEntry("cash", 80_000)], store["cashier"], "T01")
    dialog = open_refund(qtbot, window)
    find(qtbot, dialog, "T01-000002")
    combo = child(dialog, QComboBox, "refundMethodCombo")
    assert [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == [("Tunai", "cash"),
                                                                                      ("QRIS", "qris")]
    combo.setCurrentIndex(1)
    spin(dialog, 0).setValue(1)
    fill_reason(qtbot, dialog)
    confirm(qtbot, dialog)
    assert "melebihi sisa yang dibayar dengan QRIS" in message(dialog) and dialog.isVisible()
    combo.setCurrentIndex(0)
    confirm(qtbot, dialog)
    assert not dialog.isVisible()
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(RefundLine)) == 1


def test_f8_opens_the_refund_screen_and_everything_can_come_back_at_once(qtbot, window, store):
    open_shift(UnitOfWork(store["engine"], write=True), store["supervisor"], "T01", 200000)  # no float prompt
    window.activateWindow()  # the till's keys are window shortcuts
    qtbot.waitActive(window)
    log_in(qtbot, window, "spv", "5678")
    qtbot.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_F8)
    dialog = child(window, QDialog, "refundDialog")
    assert dialog.isVisible()
    find(qtbot, dialog)
    qtbot.mouseClick(child(dialog, QPushButton, "refundAllButton"), Qt.MouseButton.LeftButton)
    assert [spin(dialog, row).value() for row in range(3)] == [3, 1, 1500]
    assert child(dialog, QLabel, "refundTotalLabel").text() == "Total dikembalikan: Rp460.000"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and refunds(store["engine"]) == []

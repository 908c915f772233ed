"""The payment dialog on its own: cash change, QRIS code, card, split payments."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from nttmart_pos.domain.cart import PaymentEntry
from nttmart_pos.domain.qris import amount_of, validate_qris
from nttmart_pos.ui.payment_dialog import PaymentDialog

STATIC = ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215"
          "ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7")


@pytest.fixture
def dialog(qtbot):
    dialog = PaymentDialog(215000, STATIC)
    qtbot.addWidget(dialog)
    dialog.show()
    paid = []
    dialog.paid.connect(paid.append)
    dialog.collected = paid
    return dialog


def click(qtbot, dialog, name):
    qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_quick_cash_buttons_and_change(qtbot, dialog):
    click(qtbot, dialog, "quick100000")
    assert dialog.findChild(QLabel, "changeLabel").text() == "Kurang Rp115.000"
    click(qtbot, dialog, "quickExact")
    assert dialog.findChild(QLabel, "changeLabel").text() == "Kembalian Rp0"
    dialog.findChild(QLineEdit, "cashTendered").setText("Rp 300.000")
    assert dialog.findChild(QLabel, "changeLabel").text() == "Kembalian Rp85.000"
    click(qtbot, dialog, "confirmPayment")
    assert dialog.collected == [[PaymentEntry("cash", 300000)]]


def test_bad_cash_text_is_refused_without_closing(qtbot, dialog):
    qtbot.keyClicks(dialog.findChild(QLineEdit, "cashTendered"), "12,5")
    assert dialog.findChild(QLabel, "changeLabel").text() == "Jumlah uang tidak valid"
    click(qtbot, dialog, "confirmPayment")
    assert dialog.collected == [] and dialog.isVisible()


def test_qris_shows_a_scannable_dynamic_code_for_the_exact_total(qtbot, dialog, tmp_path):
    click(qtbot, dialog, "payQris")
    view = dialog.findChild(QLabel, "qrisView")
    payload = view.property("payload")
    validate_qris(payload)
    assert amount_of(payload) == 215000
    path = tmp_path / "qris.png"
    view.pixmap().save(str(path))
    decoded = zxingcpp.read_barcodes(Image.open(path))
    assert [d.text for d in decoded] == [payload]
    click(qtbot, dialog, "confirmPayment")
    assert dialog.collected == [[PaymentEntry("qris", 215000)]]


def test_split_qris_after_partial_cash(qtbot, dialog):
    qtbot.keyClicks(dialog.findChild(QLineEdit, "cashTendered"), "15000")
    click(qtbot, dialog, "confirmPayment")
    assert dialog.collected == [] and "Rp200.000" in dialog.findChild(QLabel, "remainingLabel").text()
    click(qtbot, dialog, "payQris")
    assert amount_of(dialog.findChild(QLabel, "qrisView").property("payload")) == 200000
    click(qtbot, dialog, "confirmPayment")
    assert dialog.collected == [[PaymentEntry("cash", 15000), PaymentEntry("qris", 200000)]]


def test_card_with_reference_and_no_overpayment(qtbot, dialog):
    click(qtbot, dialog, "payCard")
    amount = dialog.findChild(QLineEdit, "otherAmount")
    assert amount.text() == "Rp215.000"
    amount.setText("300000")
    click(qtbot, dialog, "confirmPayment")
    assert dialog.collected == []
    amount.setText("215000")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "paymentReference"), "APPR 889201")
    click(qtbot, dialog, "confirmPayment")
    assert dialog.collected == [[PaymentEntry("card", 215000, reference="APPR 889201")]]


def test_qris_without_store_payload_explains_and_refuses(qtbot):
    dialog = PaymentDialog(10000, "")
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog, "payQris")
    assert "belum diatur" in dialog.findChild(QLabel, "qrisHint").text()
    paid = []
    dialog.paid.connect(paid.append)
    click(qtbot, dialog, "confirmPayment")
    assert paid == []

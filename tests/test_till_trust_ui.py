"""The till's trust features through the real window: discounts, price changes, voids, the drawer, reprints.

A cashier (kasir / 1234) works the till; a supervisor (sari / 5678) allows
what the cashier's role does not with a PIN in the override dialog.  These
run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QTableView)
from sqlalchemy import select

from factories import COFFEE, seeded_database
from nttmart_pos.app import build
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Sale
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services import permissions
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.shifts import open_shift
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter


@pytest.fixture
def store(db_url):
    with seeded_database(db_url, codes=True) as seed:
        seed["supervisor"] = create_user(UnitOfWork(seed["engine"]), "sari", "Sari Ndun", "supervisor", "5678")
        open_shift(UnitOfWork(seed["engine"], write=True), seed["cashier"], "T01", 200000)  # no float prompt
        yield seed


def open_till(qtbot, db_url, tmp_path, printer="none", user="kasir", pin="1234"):
    window = build(["--db", db_url, "--config", str(tmp_path / "settings.toml"), "--printer", printer])
    qtbot.addWidget(window)
    window.activateWindow()  # the till's keys are window shortcuts
    qtbot.waitActive(window)
    child(window, QLineEdit, "loginUser").setText(user)
    child(window, QLineEdit, "loginPin").setText(pin)
    qtbot.mouseClick(child(window, QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    return window


@pytest.fixture
def window(qtbot, db_url, store, tmp_path):
    window = open_till(qtbot, db_url, tmp_path)
    yield window
    wait_for_background()


def scan(qtbot, window, code):
    type_and_enter(qtbot, window, "scanInput", code)


def click(qtbot, widget, name):
    qtbot.mouseClick(child(widget, QPushButton, name), Qt.MouseButton.LeftButton)


def dialog(qtbot, window, name) -> QDialog:
    """The open dialog ``name`` (closed ones may linger until deleted)."""
    def shown():
        return [d for d in window.findChildren(QDialog, name) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=3000)
    return shown()[0]


def no_dialog(window, name) -> bool:
    return not any(d.isVisible() for d in window.findChildren(QDialog, name))


def approve(qtbot, window, user="sari", pin="5678"):
    box = dialog(qtbot, window, "overrideDialog")
    child(box, QLineEdit, "overrideUser").setText(user)
    child(box, QLineEdit, "overridePin").setText(pin)
    click(qtbot, box, "overrideOk")
    return box


def give_discount(qtbot, window, value, reason="Promo toko", *, whole_sale=False, percent=False):
    click(qtbot, window, "discountButton")
    box = dialog(qtbot, window, "discountDialog")
    child(box, QRadioButton, "discountSaleRadio" if whole_sale else "discountLineRadio").setChecked(True)
    child(box, QRadioButton, "discountPercentRadio" if percent else "discountAmountRadio").setChecked(True)
    qtbot.keyClicks(child(box, QLineEdit, "discountValueInput"), value)
    child(box, QComboBox, "discountReasonInput").setEditText(reason)
    click(qtbot, box, "discountOkButton")


def total(window) -> str:
    return child(window, QLabel, "totalLabel").text()


def status(window) -> str:
    return child(window, QLabel, "statusMessage").text()


def cell(window, row, column):
    model = child(window, QTableView, "cartTable").model()
    return model.index(row, column).data()


def pay_exact(qtbot, window):
    click(qtbot, window, "payButton")
    box = dialog(qtbot, window, "paymentDialog")
    click(qtbot, box, "quickExact")
    click(qtbot, box, "confirmPayment")


def journal(engine, kind):
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(JournalEntry).where(JournalEntry.kind == kind)
                                   .order_by(JournalEntry.seq)).all()
        return [(row.user_name, row.approver_name, json.loads(row.body)["data"]) for row in rows]


def the_sale(engine) -> SimpleNamespace:
    """The one sale as plain values (the session is gone once the unit of work ends)."""
    def values(row, names):
        return SimpleNamespace(**{name: getattr(row, name) for name in names})

    with UnitOfWork(engine) as uow:
        sale = uow.session.scalar(select(Sale))
        lines = [values(line, ("unit_price", "list_price", "discount", "discount_reason", "line_total"))
                 for line in sale.lines]
        return SimpleNamespace(lines=lines, **vars(values(sale, ("total", "discount", "discount_reason",
                                                                 "approver_name"))))


# -- discounts ---------------------------------------------------------------
def test_line_percent_and_sale_amount_discounts_change_the_total(qtbot, window, store):
    scan(qtbot, window, f"2*{COFFEE}")
    scan(qtbot, window, store["codes"]["honey"])  # selected: Madu 85.000
    assert total(window) == "Rp215.000"
    give_discount(qtbot, window, "5", percent=True)  # 5% of 85.000 = 4.250
    assert total(window) == "Rp210.750"
    assert (cell(window, 1, 3), cell(window, 1, 4)) == ("-4.250", "80.750")
    assert cell(window, 0, 3) == ""
    give_discount(qtbot, window, "5.000", "Pelanggan tetap", whole_sale=True)
    assert total(window) == "Rp205.750"
    assert "-Rp9.250" in child(window, QLabel, "discountInfo").text()
    assert no_dialog(window, "overrideDialog")  # 4.3% stays under the 5% limit

    pay_exact(qtbot, window)
    sale = the_sale(store["engine"])
    assert (sale.total, sale.discount, sale.discount_reason, sale.approver_name) == (205750, 5000,
                                                                                     "Pelanggan tetap", "")
    assert [(line.discount, line.discount_reason) for line in sale.lines] == [(0, ""), (4250, "Promo toko")]


def test_discount_above_the_limit_needs_a_supervisor_who_is_recorded_on_the_sale(qtbot, window, store):
    scan(qtbot, window, COFFEE)
    give_discount(qtbot, window, "10%", "Barang cacat ringan")  # "%" typed: percent by itself
    assert total(window) == "Rp58.500"
    box = dialog(qtbot, window, "overrideDialog")
    assert "Rp6.500" in child(box, QLabel, "overrideDetail").text()
    approve(qtbot, window)
    qtbot.waitUntil(lambda: "Sari Ndun" in status(window))
    assert total(window) == "Rp58.500"

    pay_exact(qtbot, window)
    qtbot.waitUntil(lambda: "T01-000001" in status(window))
    sale = the_sale(store["engine"])
    assert (sale.total, sale.approver_name) == (58500, "Sari Ndun")
    assert (sale.lines[0].discount, sale.lines[0].discount_reason) == (6500, "Barang cacat ringan")
    [(cashier, approver, body)] = journal(store["engine"], "discount.override")
    assert (cashier, approver, body["discount"]) == ("Maria Bria", "Sari Ndun", 6500)


def test_cancelling_the_override_takes_the_discount_back(qtbot, window, store):
    scan(qtbot, window, COFFEE)
    give_discount(qtbot, window, "20.000")
    click(qtbot, dialog(qtbot, window, "overrideDialog"), "overrideCancel")
    assert total(window) == "Rp65.000"
    assert cell(window, 0, 3) == ""
    assert "Diskon tidak diberikan" in status(window)


def test_an_expired_approval_is_asked_for_again_before_payment(qtbot, window, store, monkeypatch):
    scan(qtbot, window, COFFEE)
    give_discount(qtbot, window, "10.000")
    approve(qtbot, window)
    qtbot.waitUntil(lambda: no_dialog(window, "overrideDialog"))
    monkeypatch.setattr(permissions, "APPROVAL_SECONDS", -1)  # five minutes went by
    click(qtbot, window, "payButton")
    box = dialog(qtbot, window, "overrideDialog")
    assert "Sebelum bayar" in status(window) and no_dialog(window, "paymentDialog")
    monkeypatch.setattr(permissions, "APPROVAL_SECONDS", 300)
    child(box, QLineEdit, "overrideUser").setText("manajer")
    child(box, QLineEdit, "overridePin").setText("9999")
    click(qtbot, box, "overrideOk")
    box = dialog(qtbot, window, "paymentDialog")
    click(qtbot, box, "quickExact")
    click(qtbot, box, "confirmPayment")
    assert the_sale(store["engine"]).approver_name == "Yohanes Seran"


def test_a_supervisor_at_the_till_gives_any_discount_without_a_pin(qtbot, db_url, store, tmp_path):
    window = open_till(qtbot, db_url, tmp_path, user="sari", pin="5678")
    scan(qtbot, window, COFFEE)
    give_discount(qtbot, window, "50", percent=True)
    assert total(window) == "Rp32.500" and no_dialog(window, "overrideDialog")
    pay_exact(qtbot, window)
    assert the_sale(store["engine"]).approver_name == ""
    wait_for_background()


# -- price -------------------------------------------------------------------
def test_a_cashier_changes_a_price_only_with_a_supervisors_pin(qtbot, window, store):
    scan(qtbot, window, f"2*{COFFEE}")
    click(qtbot, window, "priceButton")
    box = dialog(qtbot, window, "priceDialog")
    field = child(box, QLineEdit, "priceInput")
    assert field.text() == "65.000"
    field.setText("60.000")
    click(qtbot, box, "priceOkButton")
    assert "Alasan harus diisi" in child(box, QLabel, "priceMessage").text()
    child(box, QComboBox, "priceReasonInput").setEditText("Harga di rak berbeda")
    click(qtbot, box, "priceOkButton")
    override = dialog(qtbot, window, "overrideDialog")
    assert total(window) == "Rp130.000"  # not before the PIN
    approve(qtbot, window, "sari", "1111")
    assert override.isVisible() and "salah" in child(override, QLabel, "overrideMessage").text()
    approve(qtbot, window)
    qtbot.waitUntil(lambda: total(window) == "Rp120.000")
    assert cell(window, 0, 2) == "60.000"

    pay_exact(qtbot, window)
    sale = the_sale(store["engine"])
    line = sale.lines[0]
    assert (line.unit_price, line.list_price, sale.approver_name) == (60000, 65000, "Sari Ndun")
    assert "Harga di rak berbeda" in line.discount_reason
    [(_cashier, approver, _body)] = journal(store["engine"], "price.override")
    assert approver == "Sari Ndun"


# -- voids -------------------------------------------------------------------
def test_lowering_a_quantity_asks_a_reason_and_journals_the_void(qtbot, window, store):
    scan(qtbot, window, f"3*{COFFEE}")
    click(qtbot, window, "quantityButton")
    box = dialog(qtbot, window, "quantityDialog")
    box.setIntValue(1)
    box.accept()
    void = dialog(qtbot, window, "voidDialog")
    assert child(void, QComboBox, "voidReasonInput").currentText() == "Salah pindai"
    assert cell(window, 0, 1) == "3"
    child(void, QComboBox, "voidReasonInput").setEditText("Pelanggan tidak jadi membeli")
    click(qtbot, void, "voidOkButton")
    assert cell(window, 0, 1) == "1" and total(window) == "Rp65.000"
    qtbot.waitUntil(lambda: window.focusWidget() is child(window, QLineEdit, "scanInput"))  # next scan
    [(cashier, approver, body)] = journal(store["engine"], "void.line")
    assert (cashier, approver, body["reason"]) == ("Maria Bria", "", "Pelanggan tidak jadi membeli")
    assert [(item["barcode"], item["quantity"], item["amount"]) for item in body["items"]] == [(COFFEE, 2, 130000)]


def test_a_refused_void_leaves_the_cart_as_it_was(qtbot, window, store, monkeypatch):
    from nttmart_pos.errors import PermissionDenied
    from nttmart_pos.ui import till_actions

    def refuse(*_args, **_kwargs):
        raise PermissionDenied("Ditolak untuk uji")

    monkeypatch.setattr(till_actions, "record_void", refuse)
    scan(qtbot, window, COFFEE)
    qtbot.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_Delete)
    qtbot.keyClick(child(dialog(qtbot, window, "voidDialog"), QComboBox, "voidReasonInput"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: no_dialog(window, "voidDialog"))
    assert total(window) == "Rp65.000" and "Ditolak untuk uji" in status(window)


def test_escape_twice_voids_the_sale_with_a_supervisors_pin(qtbot, window, store):
    scan(qtbot, window, f"2*{COFFEE}")
    scan(qtbot, window, store["codes"]["honey"])
    field = child(window, QLineEdit, "scanInput")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert "Esc sekali lagi" in status(window)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    approve(qtbot, window)
    void = dialog(qtbot, window, "voidDialog")
    assert total(window) == "Rp215.000"
    assert child(void, QComboBox, "voidReasonInput").currentText() == "Pelanggan batal belanja"
    qtbot.keyClick(child(void, QComboBox, "voidReasonInput"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: total(window) == "Rp0")
    assert "Transaksi dibatalkan" in status(window)
    [(cashier, approver, body)] = journal(store["engine"], "void.sale")
    assert (cashier, approver, body["reason"], body["total"]) == ("Maria Bria", "Sari Ndun",
                                                                  "Pelanggan batal belanja", 215000)
    assert [item["quantity"] for item in body["items"]] == [2, 1]


def test_cancelling_the_pin_keeps_the_sale(qtbot, window, store):
    scan(qtbot, window, COFFEE)
    click(qtbot, window, "cancelButton")
    click(qtbot, window, "cancelButton")
    click(qtbot, dialog(qtbot, window, "overrideDialog"), "overrideCancel")
    assert total(window) == "Rp65.000" and journal(store["engine"], "void.sale") == []


# -- drawer and reprint --------------------------------------------------------
def test_drawer_button_kicks_the_drawer_through_the_printer(qtbot, db_url, store, tmp_path):
    printer = tmp_path / "printer.bin"
    window = open_till(qtbot, db_url, tmp_path, printer=f"file://{printer}")
    click(qtbot, window, "drawerButton")
    approve(qtbot, window)
    box = dialog(qtbot, window, "drawerDialog")
    click(qtbot, box, "drawerOkButton")
    assert "Alasan harus diisi" in child(box, QLabel, "drawerMessage").text()
    child(box, QComboBox, "drawerReasonInput").setEditText("Tukar uang kecil")
    click(qtbot, box, "drawerOkButton")
    qtbot.waitUntil(lambda: "Laci terbuka" in status(window), timeout=5000)
    assert printer.read_bytes() == b"\x1bp\x00\x19\xfa"
    [(cashier, approver, body)] = journal(store["engine"], "drawer.open")
    assert (cashier, approver, body["reason"]) == ("Maria Bria", "Sari Ndun", "Tukar uang kecil")
    wait_for_background()


def test_reprint_is_journalled(qtbot, window, store):
    scan(qtbot, window, COFFEE)
    pay_exact(qtbot, window)
    # the original receipt leaves the queue first (F9 while it waits prints it, not a copy)
    queue = window.cashier.printQueue
    qtbot.waitUntil(lambda: not queue.running and queue.last is not None)
    click(qtbot, window, "reprintButton")  # "F9 Cetak ulang"
    # the final word, not the passing "Mencetak ulang ..." (a fast printer replaces it at once)
    qtbot.waitUntil(lambda: "Salinan struk T01-000001 tercetak (cetak ulang)" in status(window))
    [(cashier, approver, body)] = journal(store["engine"], "reprint")
    assert (cashier, approver, body["receipt_no"]) == ("Maria Bria", "", "T01-000001")

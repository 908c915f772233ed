"""Driving the manager's UMKM and Barang tabs and their dialogs in pytest-qt tests
(also meant for the end-to-end test: vendor, product, intake, sale)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from nttmart_pos.config import Settings
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import products_tab, vendors_tab


def open_tab(qtbot, module, engine, user, tmp_path):
    """Build the tab of ``module`` (vendors_tab or products_tab) for ``user`` and wait for its list."""
    context = AppContext(engine, Settings(), tmp_path / "s.toml", user=user)
    tab = module.build(context, None)
    qtbot.addWidget(tab)
    tab.show()
    wait_loaded(qtbot, tab)
    return tab


def open_vendors(qtbot, engine, user, tmp_path):
    return open_tab(qtbot, vendors_tab, engine, user, tmp_path)


def open_products(qtbot, engine, user, tmp_path):
    return open_tab(qtbot, products_tab, engine, user, tmp_path)


def wait_loaded(qtbot, tab) -> None:
    """Until the search pause is over and the list read (the read itself is immediate)."""
    qtbot.waitUntil(lambda: not tab._timer.isActive(), timeout=3000)


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_button(qtbot, parent: QWidget, name: str) -> None:
    button = parent.findChild(QPushButton, name)
    assert button is not None, f"no button {name}"
    assert button.isEnabled(), f"button {name} is disabled"
    click(qtbot, button)


def error_texts(widget: QWidget) -> list[str]:
    """The messages of the error boxes open over ``widget``; closes them."""
    boxes = [box for box in widget.findChildren(QMessageBox, "errorBox") if box.isVisible()]
    texts = [box.text() for box in boxes]
    for box in boxes:
        box.close()
    return texts


def answer(qtbot, parent: QWidget, name: str, yes: bool) -> str:
    """Answer the confirmation box ``name``; returns its text."""
    # A box answered before may linger, closed, until Qt deletes it.
    boxes = [box for box in parent.findChildren(QMessageBox, name) if box.isVisible()]
    assert len(boxes) == 1, f"no open question {name}"
    box = boxes[0]
    text = box.text()
    button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
    click(qtbot, box.button(button))
    return text


def table_texts(tab, column: int) -> list[str]:
    model = tab.model
    return [model.text(row, column) for row in range(model.rowCount())]


def select_row(tab, key) -> None:
    assert tab.select_key(key), f"{key} is not in the list"


def search(qtbot, tab, text: str) -> None:
    tab.search.clear()
    qtbot.keyClicks(tab.search, text)
    assert tab._timer.isActive()  # filtering waits for a pause in the typing
    wait_loaded(qtbot, tab)


def fill_vendor(qtbot, dialog, *, code: str | None = None, name: str = "", owner: str = "", phone: str = "",
                regency: str | None = None, village: str = "", terms: str = "commission", commission: int = 15,
                payout_method: str = "cash", payout_account: str = "") -> None:
    """Type into the vendor dialog as a person would (the regency chosen from its list)."""
    if code is not None:
        dialog.code.clear()
        qtbot.keyClicks(dialog.code, code)
    for field, text in ((dialog.name, name), (dialog.owner, owner), (dialog.phone, phone),
                        (dialog.village, village), (dialog.payout_account, payout_account)):
        field.setText(text)
    if regency is not None:
        index = dialog.regency.findText(regency)
        assert index >= 0, f"{regency} is not in the regency list"
        dialog.regency.setCurrentIndex(index)
    dialog.terms.setCurrentIndex(dialog.terms.findData(terms))
    if dialog.commission.isEnabled():
        dialog.commission.setValue(commission)
    dialog.payout_method.setCurrentIndex(dialog.payout_method.findData(payout_method))


def fill_product(dialog, *, vendor_code: str | None = None, barcode: str | None = None, name: str | None = None,
                 category: str | None = None, price: str | None = None, harga_setor: str | None = None,
                 commission: int | None = None, unit: str | None = None, reorder: int | None = None,
                 opening_stock: int | None = None, certificates: dict[str, tuple[str, date | None]] | None = None):
    """Fill the product dialog; money as typed text ("12.500"); certificates {kind: (number, expiry)}."""
    if vendor_code is not None:
        index = dialog.vendor.findData(vendor_code)
        assert index >= 0, f"vendor {vendor_code} is not offered"
        dialog.vendor.setCurrentIndex(index)
    for field, text in ((dialog.barcode, barcode), (dialog.name, name), (dialog.price, price),
                        (dialog.harga_setor, harga_setor)):
        if text is not None:
            field.setText(text)
    if category is not None:
        dialog.category.setCurrentText(category)
    if unit is not None:
        dialog.unit.setCurrentText(unit)
    if commission is not None:
        dialog.commission.setValue(commission)
    if reorder is not None:
        dialog.reorder.setValue(reorder)
    if opening_stock is not None:
        dialog.opening_stock.setValue(opening_stock)
    for kind, (number, expiry) in (certificates or {}).items():
        dialog.certificates.numbers[kind].setText(number)
        edit = dialog.certificates.expiries[kind]
        edit.set_expiry(expiry)
        assert edit.expiry() == expiry and (expiry is None or edit.date() == QDate(expiry))

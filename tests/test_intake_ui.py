"""The "Barang masuk" tab as a manager uses it: pick a vendor, scan and search its goods,
edit quantities and best-before dates, post, then PDF, slip and labels; and the issue's
end-to-end path from a new vendor to a sale at the till (pytest-qt)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QMessageBox, QPushButton, QTableView, QWidget
from pypdf import PdfReader

import catalog_ui_helpers as catalog_ui
import document_ui_helpers as helpers
from document_ui_helpers import (WAIT_MS, child, choose_vendor, click, confirm, context_for, rows, scan, stock,
                                 type_into_cell, wait_idle)
from factories import COFFEE
from nttmart_pos.app import build as build_app
from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.stock_document import short_date
from nttmart_pos.i18n import set_language
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog_admin import get_product, list_products
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.stock import ledger_stock
from nttmart_pos.services.stock_documents import document, list_documents
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import document_lines, intake_tab
from nttmart_pos.ui.manager.document_lines_model import parse_day
from nttmart_pos.ui.manager.window import ManagerWindow


@pytest.fixture
def store(sqlite_url, tmp_path, monkeypatch):
    with helpers.document_store(sqlite_url, tmp_path, monkeypatch) as seed:
        yield seed


def open_tab(qtbot, store, tmp_path, printer_url: str | None = None):
    return helpers.open_tab(qtbot, intake_tab, store, tmp_path, printer_url)


def test_receive_two_products_then_pdf_and_slip(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    before = {name: stock(store, name) for name in ("coffee", "honey")}
    choose_vendor(tab, "intake", "KOPI01")
    scan(qtbot, tab, "intake", COFFEE)
    scan(qtbot, tab, "intake", store["codes"]["honey"])
    scan(qtbot, tab, "intake", COFFEE)
    assert [(r[1], r[2]) for r in rows(tab, "intake")] == [("Kopi Arabika Bajawa 250 g", "2"),
                                                           ("Madu Hutan Timor 500 ml", "1")]
    best_before = date.today() + timedelta(days=200)
    type_into_cell(qtbot, tab, "intake", 1, "quantity", "5")
    type_into_cell(qtbot, tab, "intake", 1, "expires", short_date(best_before))
    assert rows(tab, "intake")[1] == (store["codes"]["honey"], "Madu Hutan Timor 500 ml", "5",
                                      short_date(best_before), "85.000", "425.000")
    assert "Rp555.000" in child(tab, QLabel, "intakeTotal").text()

    click(qtbot, tab, "intakePost")
    assert confirm(qtbot, tab, "intakePostConfirm") == "Simpan tanda terima untuk 7 barang senilai Rp555.000?"

    number = f"TT-{date.today().year}-000001"
    assert number in child(tab, QLabel, "intakeResult").text()
    assert stock(store, "coffee") == before["coffee"] + 2 and stock(store, "honey") == before["honey"] + 5
    assert rows(tab, "intake") == []
    view = document(UnitOfWork(store["engine"]), number)
    assert [(line.name, line.quantity, line.expires_on) for line in view.lines] == [
        ("Kopi Arabika Bajawa 250 g", 2, None), ("Madu Hutan Timor 500 ml", 5, best_before)]
    assert tab.output.current() == number

    child(tab, QComboBox, "intakePageSize").setCurrentIndex(1)  # A5
    click(qtbot, tab, "intakePdf")
    wait_idle(qtbot, tab)
    path = tmp_path / "pdf" / f"{number}.pdf"
    assert tab.opened == [path]
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert number in text and "Kopi Bajawa Flores" in text
    assert round(float(reader.pages[0].mediabox.width)) == 420  # A5: 148 mm

    click(qtbot, tab, "intakeSlip")
    wait_idle(qtbot, tab)
    assert number.encode() in store["slip"].read_bytes()
    assert "dikirim ke printer" in child(tab, QLabel, "intakeOutputStatus").text()


def test_a_product_of_another_vendor_is_refused_with_a_clear_message(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    scan(qtbot, tab, "intake", COFFEE)
    assert "Pilih UMKM dulu" in child(tab, QLabel, "intakeStatus").text()
    choose_vendor(tab, "intake", "KOPI01")
    scan(qtbot, tab, "intake", store["codes"]["scarf"])
    message = child(tab, QLabel, "intakeStatus").text()
    assert "Selendang Tenun Rote" in message and "UMKM TENUN1" in message and "bukan UMKM KOPI01" in message
    assert rows(tab, "intake") == []
    assert not child(tab, QPushButton, "intakePost").isEnabled()


def test_search_by_name_shows_only_that_vendors_products(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "intake", "KOPI01")
    scan(qtbot, tab, "intake", "madu")  # one match: added at once
    assert [r[1] for r in rows(tab, "intake")] == ["Madu Hutan Timor 500 ml"]
    scan(qtbot, tab, "intake", "a")  # several: a list to pick from
    results = child(tab, QListWidget, "intakeResults")
    assert results.isVisible()
    names = [results.item(i).text().split("  |  ")[0] for i in range(results.count())]
    assert sorted(names) == ["Kacang Mete Curah", "Kopi Arabika Bajawa 250 g", "Madu Hutan Timor 500 ml"]
    results.setCurrentRow(names.index("Kacang Mete Curah"))
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert not results.isVisible()
    assert [(r[1], r[2]) for r in rows(tab, "intake")] == [("Madu Hutan Timor 500 ml", "1"),
                                                           ("Kacang Mete Curah", "1,000 kg")]
    scan(qtbot, tab, "intake", "selendang")
    assert "Selendang Tenun Rote dari UMKM TENUN1" in child(tab, QLabel, "intakeStatus").text()


def test_the_vendor_is_found_by_typing_part_of_its_name(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    combo = child(tab, QComboBox, "intakeVendor")
    assert [combo.itemData(i) for i in range(combo.count())] == ["KOPI01", "TENUN1"]
    qtbot.keyClicks(combo.lineEdit(), "ina nd")
    popup = combo.completer().popup()
    assert combo.completer().completionCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentData() == "TENUN1" and tab.lines.vendor_code == "TENUN1"
    assert "Tenun Ina Ndao: 1 barang" in child(tab, QLabel, "intakeStatus").text()


def test_bad_cell_input_is_refused_on_the_status_line(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "intake", "KOPI01")
    scan(qtbot, tab, "intake", f"3*{COFFEE}")
    type_into_cell(qtbot, tab, "intake", 0, "quantity", "0")
    assert "bilangan bulat 1 atau lebih" in child(tab, QLabel, "intakeStatus").text()
    type_into_cell(qtbot, tab, "intake", 0, "expires", "31-02-2030")
    assert "Tanggal kedaluwarsa tidak dikenal" in child(tab, QLabel, "intakeStatus").text()
    assert rows(tab, "intake")[0][2:4] == ("3", "-")
    assert parse_day("1/2/31") == date(2031, 2, 1) and parse_day("") is None


def test_changing_vendor_with_lines_asks_first(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "intake", "KOPI01")
    scan(qtbot, tab, "intake", COFFEE)
    choose_vendor(tab, "intake", "TENUN1")
    box = child(tab, QMessageBox, "intakeVendorConfirm")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert child(tab, QComboBox, "intakeVendor").currentData() == "KOPI01" and len(rows(tab, "intake")) == 1
    choose_vendor(tab, "intake", "TENUN1")
    confirm(qtbot, tab, "intakeVendorConfirm")
    assert child(tab, QComboBox, "intakeVendor").currentData() == "TENUN1" and rows(tab, "intake") == []
    scan(qtbot, tab, "intake", store["codes"]["scarf"])
    assert rows(tab, "intake")[0][4:] == ("200.000", "200.000")  # harga setor vendor: valued at harga setor
    assert child(tab, QTableView, "intakeLines").model().headerData(4, Qt.Orientation.Horizontal) == "Harga setor"


def test_no_printer_and_reprint_of_an_older_document(qtbot, store, tmp_path):
    receive_goods(UnitOfWork(store["engine"], write=True), store["manager"], "TENUN1",
                  [IntakeLine(store["ids"]["scarf"], 4)])
    tab = open_tab(qtbot, store, tmp_path, printer_url="none")
    number = list_documents(UnitOfWork(store["engine"]), kind="intake")[0].doc_no
    assert not child(tab, QPushButton, "intakePdf").isEnabled()
    child(tab, QWidget, "intakeHistory").selectRow(0)
    assert number in child(tab, QLabel, "intakeSelected").text()
    click(qtbot, tab, "intakeSlip")
    assert "Printer struk belum diatur" in child(tab, QMessageBox, "errorBox").text()
    click(qtbot, tab, "intakePdf")
    wait_idle(qtbot, tab)
    assert "Tenun Ina Ndao" in PdfReader(tmp_path / "pdf" / f"{number}.pdf").pages[0].extract_text()


def test_the_labels_button_opens_the_label_tab_with_the_new_receipt(qtbot, store, tmp_path):
    window = ManagerWindow(context_for(store, tmp_path))
    qtbot.addWidget(window)
    window.show()
    tab = window.show_tab(intake_tab.TITLE)
    choose_vendor(tab, "intake", "KOPI01")
    scan(qtbot, tab, "intake", f"4*{COFFEE}")
    click(qtbot, tab, "intakePost")
    confirm(qtbot, tab, "intakePostConfirm")
    click(qtbot, tab, "intakeLabels")
    labels = window.tabs.currentWidget()
    assert labels.objectName() == "labelsTab"
    number = f"TT-{date.today().year}-000001"
    assert child(labels, QComboBox, "labelsDocument").currentData() == number


def test_the_tab_in_english(qtbot, store, tmp_path):
    set_language("en")
    tab = open_tab(qtbot, store, tmp_path)
    choose_vendor(tab, "intake", "KOPI01")
    scan(qtbot, tab, "intake", store["codes"]["scarf"])
    assert "belongs to vendor TENUN1" in child(tab, QLabel, "intakeStatus").text()
    assert child(tab, QPushButton, "intakePost").text() == "Save receipt..."


def test_end_to_end_new_vendor_intake_of_ten_then_the_till_sells_one(qtbot, sqlite_url, tmp_path, monkeypatch):
    """The issue's path: a manager creates a UMKM and a product on their screens, receives 10 on this
    screen, and the till then sells one: stock 9."""
    monkeypatch.setattr(document_lines.sound, "error_beep", lambda: None)
    engine = make_engine(sqlite_url)
    manager = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")
    vendors = catalog_ui.open_vendors(qtbot, engine, manager, tmp_path)
    catalog_ui.click_button(qtbot, vendors, "vendorNew")
    catalog_ui.fill_vendor(qtbot, vendors.dialog, code="SABU01", name="Gula Lontar Sabu", owner="Ina Djami",
                           regency="Sabu Raijua", commission=10)
    catalog_ui.click_button(qtbot, vendors.dialog, "vendorSave")
    assert not vendors.dialog.isVisible(), catalog_ui.error_texts(vendors.dialog)
    products = catalog_ui.open_products(qtbot, engine, manager, tmp_path)
    catalog_ui.click_button(qtbot, products, "productNew")
    dialog = products.dialog
    catalog_ui.fill_product(dialog, vendor_code="SABU01", name="Gula Sabu Cair 500 ml", category="Gula Lontar",
                            price="35.000", unit="btl")
    catalog_ui.click_button(qtbot, dialog, "productSave")
    assert not dialog.isVisible(), catalog_ui.error_texts(dialog)
    [product] = list_products(UnitOfWork(engine), vendor_code="SABU01")
    assert (product.name, product.price, product.stock_on_hand) == ("Gula Sabu Cair 500 ml", 35000, 0)

    context = AppContext(engine, Settings(), tmp_path / "s.toml", user=manager)
    tab = intake_tab.build(context, None)
    qtbot.addWidget(tab)
    tab.show()
    choose_vendor(tab, "intake", "SABU01")
    scan(qtbot, tab, "intake", product.barcode)
    type_into_cell(qtbot, tab, "intake", 0, "quantity", "10")
    click(qtbot, tab, "intakePost")
    assert confirm(qtbot, tab, "intakePostConfirm") == "Simpan tanda terima untuk 10 barang senilai Rp350.000?"
    with UnitOfWork(engine) as uow:
        assert ledger_stock(uow.session, product.id) == 10

    till = build_app(["--db", sqlite_url, "--config", str(tmp_path / "till.toml"), "--printer", "none"])
    qtbot.addWidget(till)
    qtbot.keyClicks(child(till, QLineEdit, "loginUser"), "kasir")
    qtbot.keyClicks(child(till, QLineEdit, "loginPin"), "1234")
    qtbot.mouseClick(child(till, QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    field = child(till, QLineEdit, "scanInput")
    qtbot.keyClicks(field, product.barcode)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.mouseClick(child(till, QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    dialog = child(till, QLabel, "changeLabel").window()
    qtbot.mouseClick(child(dialog, QPushButton, "payCash"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(dialog, QLineEdit, "cashTendered"), "50.000")
    qtbot.mouseClick(child(dialog, QPushButton, "confirmPayment"), Qt.MouseButton.LeftButton)
    # the receipt is "printed" (no printer) in the background; its message ends the sale
    qtbot.waitUntil(lambda: "tercetak" in child(till, QLabel, "statusMessage").text(), timeout=WAIT_MS)
    with UnitOfWork(engine) as uow:
        assert ledger_stock(uow.session, product.id) == 9
    assert get_product(UnitOfWork(engine), product.id).stock_on_hand == 9
    engine.dispose()


def test_draft_rules_merge_repeat_scans_but_keep_dated_batches_apart():
    from nttmart_pos.domain.document_draft import (DraftProduct, add_to_draft, draft_quantity_text, draft_value,
                                                   unit_value_for)

    coffee = DraftProduct(1, COFFEE, "Kopi", "bks", "unit", unit_value_for("commission", 65000, None), 20)
    cashew = DraftProduct(2, "2100001", "Mete", "kg", "weight", unit_value_for("harga_setor", 120000, 90000), 5000)
    lines = []
    assert add_to_draft(lines, coffee, 1) == 0 and add_to_draft(lines, coffee, 2) == 0
    lines[0].expires_on = date(2031, 1, 1)  # the manager dated that batch: a new scan starts a new line
    assert add_to_draft(lines, coffee, 1) == 1
    assert add_to_draft(lines, coffee, 1, reason="damaged") == 2
    add_to_draft(lines, cashew, 1500)
    assert [line.quantity for line in lines] == [3, 1, 1, 1500]
    assert draft_value(lines) == 5 * 65000 + 135000  # 1,5 kg at harga setor 90.000/kg
    assert draft_quantity_text(lines) == "5 + 1,500 kg"

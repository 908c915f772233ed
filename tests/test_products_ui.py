"""The Barang tab as a manager uses it: a new UMKM and its product through the dialogs,
price changes with their history, certificates, deactivation; bad input keeps the
dialog open and writes nothing; a cashier is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from catalog_ui_helpers import (answer, click_button, error_texts, fill_product, fill_vendor, open_products,
                                open_vendors, search, select_row, table_texts, wait_loaded)
from factories import COFFEE, seeded_database
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import is_instore
from nttmart_pos.errors import DatabaseError
from nttmart_pos.services.catalog import VendorInput, add_vendor
from nttmart_pos.services.catalog_admin import get_product, list_products, price_history
from nttmart_pos.services.product_certificates import product_certificates, set_certificates
from nttmart_pos.ui.manager import product_dialog

PIRT = "P-IRT No. 2065301010123-27"
NAME, PRICE, BARCODE, WARNING, ACTIVE = 1, 4, 0, 9, 10


@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url) as seed:
        yield seed


@pytest.fixture
def tab(qtbot, store, tmp_path):
    return open_products(qtbot, store["engine"], store["manager"], tmp_path)


def products(store, **filters):
    return list_products(UnitOfWork(store["engine"]), include_inactive=True, **filters)


def new_dialog(qtbot, tab):
    click_button(qtbot, tab, "productNew")
    assert tab.dialog.objectName() == "productDialog" and tab.dialog.isVisible()
    return tab.dialog


def test_a_new_vendor_and_its_product_through_the_dialogs(qtbot, store, tmp_path):
    engine, manager = store["engine"], store["manager"]
    vendors = open_vendors(qtbot, engine, manager, tmp_path)
    click_button(qtbot, vendors, "vendorNew")
    fill_vendor(qtbot, vendors.dialog, code="ALOR01", name="Minyak Kelapa Alor", owner="Hamid Lamma",
                regency="Alor", commission=15)
    click_button(qtbot, vendors.dialog, "vendorSave")
    assert not vendors.dialog.isVisible()

    tab = open_products(qtbot, engine, manager, tmp_path)
    assert tab.vendor_filter.findData("ALOR01") >= 0
    dialog = new_dialog(qtbot, tab)
    assert dialog.product_form.isRowVisible(dialog.opening_stock)
    fill_product(dialog, vendor_code="ALOR01", name="Minyak Kelapa Murni 250 ml", category="Minyak",
                 price="Rp12.500", unit="btl", reorder=3, opening_stock=6,
                 certificates={"pirt": ("206530101012327", date.today() + timedelta(days=700))})
    assert dialog.price_form.isRowVisible(dialog.commission)  # commission vendor: own commission possible
    assert not dialog.price_form.isRowVisible(dialog.harga_setor)
    assert "komisi 15%" in dialog.terms_hint.text()
    click_button(qtbot, dialog, "productSave")
    assert not dialog.isVisible(), error_texts(dialog)

    [row] = products(store, vendor_code="ALOR01")
    assert is_instore(row.barcode)  # no barcode typed: the program assigned one
    assert (row.name, row.category, row.price, row.harga_setor, row.commission_pct) == (
        "Minyak Kelapa Murni 250 ml", "Minyak", 12500, None, None)
    assert (row.unit, row.reorder_level, row.stock_on_hand, row.effective_commission_pct) == ("btl", 3, 6, 15)
    [pirt] = product_certificates(UnitOfWork(engine), row.id)
    assert (pirt.kind, pirt.number, pirt.formatted) == ("pirt", "206530101012327", PIRT)
    notice = [box for box in tab.findChildren(QMessageBox, "productCreatedBox") if box.isVisible()]
    assert len(notice) == 1 and row.barcode in notice[0].text() and "Label barcode" in notice[0].text()
    notice[0].close()

    wait_loaded(qtbot, tab)
    search(qtbot, tab, "kelapa murni")
    assert table_texts(tab, BARCODE) == [row.barcode] and table_texts(tab, PRICE) == ["Rp12.500"]

    # The price goes up: the history says from what to what, and who did it.
    select_row(tab, row.id)
    click_button(qtbot, tab, "productEdit")
    dialog = tab.dialog
    assert not dialog.product_form.isRowVisible(dialog.opening_stock)
    assert dialog.barcode.text() == row.barcode and dialog.certificates.numbers["pirt"].text() == PIRT
    dialog.price.setText("15.000")
    click_button(qtbot, dialog, "productSave")
    assert not dialog.isVisible(), error_texts(dialog)
    wait_loaded(qtbot, tab)
    assert table_texts(tab, PRICE) == ["Rp15.000"]
    assert get_product(UnitOfWork(engine), row.id).stock_on_hand == 6  # editing never moves stock
    click_button(qtbot, tab, "productHistory")
    history = tab.history
    assert history.objectName() == "priceHistoryDialog" and history.isVisible()
    [(_when, who, price, setor, _commission)] = history.texts()
    assert (who, price, setor) == ("Yohanes Seran", "Rp12.500 \u2192 Rp15.000", "-")
    history.accept()

    # Deactivated, it leaves the list but not the database; "tampilkan yang nonaktif" shows it.
    select_row(tab, row.id)
    click_button(qtbot, tab, "productToggleActive")
    text = answer(qtbot, tab, "productToggleConfirm", yes=True)
    assert "tetap disimpan" in text
    wait_loaded(qtbot, tab)
    assert table_texts(tab, BARCODE) == []
    tab.show_inactive.setChecked(True)
    wait_loaded(qtbot, tab)
    assert table_texts(tab, BARCODE) == [row.barcode] and table_texts(tab, ACTIVE) == ["tidak"]
    assert not get_product(UnitOfWork(engine), row.id).active


def test_the_list_filters_by_vendor_and_category_and_warns_of_certificates(qtbot, tab, store):
    ids = store["ids"]
    set_certificates(UnitOfWork(store["engine"], write=True), store["manager"], ids["honey"],
                     bpom="MD 123456789012", expiries={"bpom": date.today() - timedelta(days=3)})
    tab.reload()
    wait_loaded(qtbot, tab)
    assert len(table_texts(tab, NAME)) == 4
    honey = table_texts(tab, NAME).index("Madu Hutan Timor 500 ml")
    assert table_texts(tab, WARNING)[honey].startswith("BPOM kedaluwarsa")
    tab.vendor_filter.setCurrentIndex(tab.vendor_filter.findData("TENUN1"))
    wait_loaded(qtbot, tab)
    assert table_texts(tab, NAME) == ["Selendang Tenun Rote"]
    assert table_texts(tab, 5) == ["Rp200.000"]  # harga setor of a harga setor vendor
    dialog = new_dialog(qtbot, tab)  # a new product starts with the vendor being looked at
    assert dialog.vendor.currentData() == "TENUN1"
    assert dialog.price_form.isRowVisible(dialog.harga_setor)
    assert not dialog.price_form.isRowVisible(dialog.commission)
    dialog.reject()

    set_product = store["ids"]["coffee"]
    tab.vendor_filter.setCurrentIndex(0)
    wait_loaded(qtbot, tab)
    select_row(tab, set_product)
    click_button(qtbot, tab, "productEdit")
    tab.dialog.category.setCurrentText("Kopi & Teh")
    click_button(qtbot, tab.dialog, "productSave")
    wait_loaded(qtbot, tab)
    category = tab.category_filter.findData("Kopi & Teh")
    assert category > 0  # the new category is offered at once
    tab.category_filter.setCurrentIndex(category)
    wait_loaded(qtbot, tab)
    assert table_texts(tab, NAME) == ["Kopi Arabika Bajawa 250 g"]


def test_coming_back_to_the_tab_offers_vendors_added_meanwhile(qtbot, tab, store):
    tab.hide()
    add_vendor(UnitOfWork(store["engine"]), VendorInput("LONTAR", "Gula Lontar Rote", regency="Rote Ndao"))
    assert tab.vendor_filter.findData("LONTAR") < 0
    tab.show()
    assert tab.vendor_filter.findData("LONTAR") > 0
    dialog = new_dialog(qtbot, tab)
    assert dialog.vendor.findData("LONTAR") >= 0


@pytest.mark.parametrize("fields, message", [
    (dict(vendor_code="TENUN1", price="100.000", harga_setor="120.000"), "Harga setor tidak boleh melebihi harga jual"),
    (dict(vendor_code="TENUN1", price="100.000"), "harga setor barang wajib diisi"),
    (dict(price="12,5"), "Jumlah uang tidak valid: 12,5"),
    (dict(price="-500"), "Jumlah uang tidak boleh negatif"),
    (dict(price=""), "Harga jual wajib diisi"),
    (dict(certificates={"pirt": ("12345", None)}), "Nomor P-IRT harus 15 angka: 12345"),
    (dict(certificates={"bpom": ("MD 12345", None)}), "Nomor BPOM harus MD atau ML"),
    (dict(certificates={"pirt": ("", date.today() + timedelta(days=30))}), "Isi dulu nomor P-IRT"),
    (dict(certificates={"pirt": ("206530101012327", date.today() + timedelta(days=6 * 365))}),
     "P-IRT berlaku paling lama 5 tahun"),
    (dict(barcode="8991234567890"), "8991234567890"),  # wrong check digit
    (dict(barcode=COFFEE), "sudah dipakai"),
])
def test_bad_input_keeps_the_dialog_open_and_writes_nothing(qtbot, tab, store, fields, message):
    before = products(store)
    dialog = new_dialog(qtbot, tab)
    values = dict(vendor_code="KOPI01", name="Kopi Robusta Manggarai 200 g", price="45.000", opening_stock=5)
    values.update(fields)
    fill_product(dialog, **values)
    click_button(qtbot, dialog, "productSave")
    assert dialog.isVisible()
    texts = error_texts(dialog)
    assert len(texts) == 1 and message in texts[0], texts
    assert products(store) == before
    assert dialog.name.text() == "Kopi Robusta Manggarai 200 g"  # kept for correcting


def test_the_enter_after_a_scanned_barcode_does_not_save(qtbot, tab, store):
    before = products(store)
    dialog = new_dialog(qtbot, tab)
    qtbot.keyClicks(dialog.barcode, "8991234567891"[:-1] + "0")
    qtbot.keyClick(dialog.barcode, Qt.Key.Key_Return)  # what a scanner sends after the code
    assert dialog.isVisible() and error_texts(dialog) == []
    assert products(store) == before


@pytest.mark.parametrize("typed", ["12500", "12.500", "Rp12.500", "Rp 12.500"])
def test_prices_are_read_as_people_write_them(qtbot, tab, store, typed):
    dialog = new_dialog(qtbot, tab)
    fill_product(dialog, vendor_code="TENUN1", name="Kain Tenun Kecil",
                 price="15.000", harga_setor=typed)
    click_button(qtbot, dialog, "productSave")
    assert not dialog.isVisible(), error_texts(dialog)
    [row] = [p for p in products(store) if p.name == "Kain Tenun Kecil"]
    assert (row.price, row.harga_setor) == (15000, 12500)


def test_a_certificate_change_and_removal(qtbot, tab, store):
    honey = store["ids"]["honey"]
    engine = store["engine"]
    set_certificates(UnitOfWork(engine, write=True), store["manager"], honey, pirt="206530101012327",
                     halal="ID00110000123450123")
    select_row(tab, honey)
    click_button(qtbot, tab, "productEdit")
    dialog = tab.dialog
    assert dialog.certificates.numbers["halal"].text() == "ID00110000123450123"
    assert dialog.certificates.expiries["pirt"].expiry() is None
    assert dialog.commission.value() == 20  # the product's own commission
    expiry = date.today() + timedelta(days=30)
    fill_product(dialog, certificates={"halal": ("", None), "pirt": ("2065301010123-28", expiry)})
    click_button(qtbot, dialog, "productSave")
    assert not dialog.isVisible(), error_texts(dialog)
    [pirt] = product_certificates(UnitOfWork(engine), honey)
    assert (pirt.kind, pirt.number, pirt.expires_on, pirt.state) == ("pirt", "206530101012328", expiry, "soon")
    assert price_history(UnitOfWork(engine), honey) == []  # nothing about the price changed


def test_when_certificates_fail_after_the_product_is_saved_the_dialog_says_so(qtbot, tab, store, monkeypatch):
    def broken(*_args, **_kwargs):
        raise DatabaseError("Database sedang sibuk. Coba lagi sebentar.")

    monkeypatch.setattr(product_dialog, "set_certificates", broken)
    dialog = new_dialog(qtbot, tab)
    fill_product(dialog, vendor_code="KOPI01", name="Kopi Robusta Manggarai 200 g", price="45.000",
                 opening_stock=5, certificates={"pirt": ("206530101012327", None)})
    click_button(qtbot, dialog, "productSave")
    assert dialog.isVisible()
    [text] = error_texts(dialog)
    [row] = [p for p in products(store) if p.name == "Kopi Robusta Manggarai 200 g"]
    assert "SUDAH disimpan" in text and row.barcode in text and "BELUM" in text and "sibuk" in text
    assert product_certificates(UnitOfWork(store["engine"]), row.id) == []
    # Still open, now for the saved product: another Simpan must not make a second one or book stock again.
    assert dialog.barcode.text() == row.barcode and not dialog.product_form.isRowVisible(dialog.opening_stock)
    monkeypatch.setattr(product_dialog, "set_certificates", set_certificates)
    click_button(qtbot, dialog, "productSave")
    assert not dialog.isVisible(), error_texts(dialog)
    [row] = [p for p in products(store) if p.name == "Kopi Robusta Manggarai 200 g"]
    assert row.stock_on_hand == 5
    assert [c.number for c in product_certificates(UnitOfWork(store["engine"]), row.id)] == ["206530101012327"]
    notice = [box for box in tab.findChildren(QMessageBox, "productCreatedBox") if box.isVisible()]
    assert len(notice) == 1 and row.barcode in notice[0].text()


def test_a_cashier_is_refused_and_nothing_is_written(qtbot, store, tmp_path):
    tab = open_products(qtbot, store["engine"], store["cashier"], tmp_path)
    before = products(store)
    dialog = new_dialog(qtbot, tab)
    fill_product(dialog, vendor_code="KOPI01", name="Kopi Robusta Manggarai 200 g", price="45.000",
                 certificates={"pirt": ("206530101012327", None)})
    click_button(qtbot, dialog, "productSave")
    assert dialog.isVisible()
    assert error_texts(dialog) == ["Peran Anda tidak boleh mengelola barang"]
    dialog.reject()
    select_row(tab, store["ids"]["coffee"])
    click_button(qtbot, tab, "productToggleActive")
    answer(qtbot, tab, "productToggleConfirm", yes=True)
    assert error_texts(tab) == ["Peran Anda tidak boleh mengelola barang"]
    assert products(store) == before
    assert tab.findChild(QPushButton, "productHistory").isEnabled()  # looking is allowed

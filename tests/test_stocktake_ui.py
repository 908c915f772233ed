"""The stok opname tab as a manager uses it: start, count by scanning and typing,
correct, filter, post (with a reason, ignoring or zeroing what was not counted), cancel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QApplication, QComboBox, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QRadioButton, QTableView)
from sqlalchemy import select

from factories import COFFEE, seed_store, seeded_database
from nttmart_pos.config import Settings
from nttmart_pos.db.inventory_models import StockTake, StockTakeCount
from nttmart_pos.db.models import Product
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.i18n import set_language
from nttmart_pos.services.catalog import ProductInput, add_product
from nttmart_pos.services.lookups import list_categories
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import stocktake_count
from nttmart_pos.ui.manager.stocktake_tab import StockTakeTab, build
from nttmart_pos.ui.manager.window import ManagerWindow
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter


@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url, codes=True) as seed:
        yield seed
        wait_for_background()


@pytest.fixture
def beeps(monkeypatch):
    calls = []
    monkeypatch.setattr(stocktake_count, "error_beep", lambda: calls.append(1))
    return calls


def open_tab(qtbot, store, tmp_path):
    context = AppContext(store["engine"], Settings(), tmp_path / "s.toml", user=store["manager"])
    tab = build(context, None)
    qtbot.addWidget(tab)
    tab.show()
    wait_loaded(qtbot, tab)
    return tab


@pytest.fixture
def tab(qtbot, store, tmp_path):
    return open_tab(qtbot, store, tmp_path)


def wait_loaded(qtbot, tab):
    qtbot.waitUntil(lambda: child(tab, QLabel, "stocktakeLoading").isHidden(), timeout=5000)


def click(qtbot, widget, cls, name):
    qtbot.mouseClick(child(widget, cls, name), Qt.MouseButton.LeftButton)


def start(qtbot, tab, scope_index=0, value_index=0):
    child(tab, QComboBox, "stocktakeScope").setCurrentIndex(scope_index)
    child(tab, QComboBox, "stocktakeScopeValue").setCurrentIndex(value_index)
    click(qtbot, tab, QPushButton, "stocktakeStart")
    wait_loaded(qtbot, tab)


def scan(qtbot, tab, code):
    type_and_enter(qtbot, tab, "stocktakeScan", code)


def table(tab):
    model = child(tab, QTableView, "stocktakeTable").model()
    return {model.index(r, 1).data(): tuple(model.index(r, c).data() for c in (3, 4, 5))
            for r in range(model.rowCount())}


def stocks(store):
    with UnitOfWork(store["engine"]) as uow:
        return {name: uow.session.get(Product, pid).stock_on_hand for name, pid in store["ids"].items()}


def status(tab):
    return child(tab, QLabel, "stocktakeStatus").text()


def post_dialog(qtbot, tab):
    click(qtbot, tab, QPushButton, "stocktakePost")
    dialog = child(tab, QLineEdit, "stocktakeReason").window()
    assert dialog.objectName() == "stocktakePostDialog" and dialog.isVisible()
    return dialog


def confirm_post(qtbot, tab, dialog):
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        click(qtbot, dialog, QPushButton, "stocktakePostConfirm")


def test_count_by_scans_and_typed_quantity_then_post(qtbot, tab, store):
    assert child(tab, QPushButton, "stocktakeStart").isVisible()
    start(qtbot, tab)
    assert "SO-" in child(tab, QLabel, "stocktakeInfo").text() and "Semua barang" in \
        child(tab, QLabel, "stocktakeInfo").text()
    assert len(table(tab)) == 4 and child(tab, QLineEdit, "stocktakeScan").hasFocus()
    for _ in range(3):
        scan(qtbot, tab, COFFEE)
    quantity = child(tab, QLineEdit, "stocktakeQuantity")
    quantity.clear()
    qtbot.keyClicks(quantity, "2")
    qtbot.keyClick(quantity, Qt.Key.Key_Return)
    assert child(tab, QLineEdit, "stocktakeScan").hasFocus()  # back to the scanner
    scan(qtbot, tab, store["codes"]["honey"])
    assert quantity.text() == "1"  # a typed quantity is for one scan
    scan(qtbot, tab, f"7*{store['codes']['scarf']}")
    assert table(tab) == {"Kopi Arabika Bajawa 250 g": ("20", "3", "-17"),
                          "Madu Hutan Timor 500 ml": ("10", "2", "-8"),
                          "Selendang Tenun Rote": ("5", "7", "+2"),
                          "Kacang Mete Curah": ("5,000 kg", "belum", "")}
    assert "Selendang Tenun Rote: dihitung 7 (tercatat 5, selisih +2)" in status(tab)
    summary = child(tab, QLabel, "stocktakeSummary").text()
    for text in ("Dihitung 3 dari 4 barang", "Kurang 25 pcs (Rp1.785.000)", "Lebih 2 pcs (Rp500.000)"):
        assert text in summary
    model = child(tab, QTableView, "stocktakeTable").model()
    colors = {model.index(r, 1).data(): model.index(r, 5).data(Qt.ItemDataRole.ForegroundRole)
              for r in range(4)}
    assert colors["Kopi Arabika Bajawa 250 g"].color().name() == "#b00020"
    assert colors["Selendang Tenun Rote"].color().name() == "#1b5e20"

    dialog = post_dialog(qtbot, tab)
    assert "3 barang berselisih" in child(dialog, QLabel, "stocktakePostSummary").text()
    assert child(dialog, QRadioButton, "stocktakeUncountedIgnore").isChecked()
    qtbot.keyClicks(child(dialog, QLineEdit, "stocktakeReason"), "Stok opname akhir bulan")
    confirm_post(qtbot, tab, dialog)
    wait_loaded(qtbot, tab)

    assert stocks(store) == {"coffee": 3, "honey": 2, "scarf": 7, "cashew": 5000}
    result = child(tab, QLabel, "stocktakeResult").text()
    assert "sudah diposting: 3 penyesuaian stok" in result and "Rp1.785.000" in result
    assert "Stok opname akhir bulan" in result
    assert child(tab, QPushButton, "stocktakeStart").isVisible()
    with UnitOfWork(store["engine"]) as uow:
        assert uow.session.scalar(select(StockTake.status)) == "posted"


def test_unknown_code_shows_a_message_and_changes_nothing(qtbot, tab, store, beeps):
    start(qtbot, tab)
    scan(qtbot, tab, COFFEE)
    before = table(tab)
    scan(qtbot, tab, "8990000000013")
    assert "Barang tidak dikenal: 8990000000013" in status(tab)
    assert beeps == [1] and tab.findChild(QMessageBox) is None  # no box to swallow the next scan
    assert table(tab) == before
    scan(qtbot, tab, "0*" + COFFEE)
    assert "tidak boleh nol" in status(tab) and table(tab) == before
    with UnitOfWork(store["engine"]) as uow:
        assert [c.counted for c in uow.session.scalars(select(StockTakeCount))] == [1]
    assert child(tab, QLineEdit, "stocktakeScan").text() == ""

    # a barcode scanned into the quantity box by mistake is refused, not kept as a count
    quantity = child(tab, QLineEdit, "stocktakeQuantity")
    quantity.setFocus()
    quantity.selectAll()
    qtbot.keyClicks(quantity, COFFEE)
    qtbot.keyClick(quantity, Qt.Key.Key_Return)
    assert "terlalu besar: mungkin barcode terpindai ke kolom jumlah" in status(tab) and beeps == [1, 1, 1]
    scan(qtbot, tab, COFFEE)
    assert table(tab) == before
    quantity.setText("1,5")
    scan(qtbot, tab, COFFEE)
    assert "harus bilangan bulat: 1,5" in status(tab) and table(tab) == before


def test_posting_needs_a_reason_and_anggap_nol_zeroes_the_rest(qtbot, tab, store):
    start(qtbot, tab)
    scan(qtbot, tab, COFFEE)
    dialog = post_dialog(qtbot, tab)
    confirm_post(qtbot, tab, dialog)  # no reason
    box = child(dialog, QMessageBox, "errorBox")
    assert "Alasan penyesuaian stok opname wajib diisi" in box.text()
    box.accept()
    assert dialog.isVisible() and child(dialog, QPushButton, "stocktakePostConfirm").isEnabled()
    assert stocks(store)["coffee"] == 20
    with UnitOfWork(store["engine"]) as uow:
        assert uow.session.scalar(select(StockTake.status)) == "open"

    warning = child(dialog, QLabel, "stocktakeZeroWarning")
    assert warning.isHidden()
    child(dialog, QRadioButton, "stocktakeUncountedZero").setChecked(True)
    assert not warning.isHidden() and "3 barang yang belum dihitung akan dicatat hilang" in warning.text()
    assert "Madu Hutan Timor 500 ml" in warning.text() and "kurang 15 pcs + 5,000 kg" in warning.text()
    qtbot.keyClicks(child(dialog, QLineEdit, "stocktakeReason"), "Rak kosong setelah banjir")
    confirm_post(qtbot, tab, dialog)
    assert stocks(store) == {"coffee": 1, "honey": 0, "scarf": 0, "cashew": 0}
    assert "4 penyesuaian stok" in child(tab, QLabel, "stocktakeResult").text()


def test_correct_recount_and_filter(qtbot, tab, store):
    start(qtbot, tab)
    for _ in range(2):
        scan(qtbot, tab, COFFEE)
    scan(qtbot, tab, store["codes"]["honey"])
    table_view = child(tab, QTableView, "stocktakeTable")
    assert table_view.model().index(table_view.currentIndex().row(), 1).data() == "Madu Hutan Timor 500 ml"

    click(qtbot, tab, QPushButton, "stocktakeSetCount")  # the row just scanned is selected
    dialog = child(tab, QInputDialog, "stocktakeCountDialog")
    assert "Madu Hutan Timor 500 ml" in dialog.labelText()
    assert dialog.textValue() == "1"
    dialog.setTextValue("10")
    dialog.accept()
    assert table(tab)["Madu Hutan Timor 500 ml"] == ("10", "10", "0")

    combo = child(tab, QComboBox, "stocktakeFilter")
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData("difference"))
    assert list(table(tab)) == ["Kopi Arabika Bajawa 250 g"]
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData("uncounted"))
    assert set(table(tab)) == {"Selendang Tenun Rote", "Kacang Mete Curah"}
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData("counted"))
    assert set(table(tab)) == {"Kopi Arabika Bajawa 250 g", "Madu Hutan Timor 500 ml"}

    table_view.selectRow(0)  # Kopi
    click(qtbot, tab, QPushButton, "stocktakeReset")
    box = child(tab, QMessageBox, "stocktakeResetConfirm")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert table(tab)["Kopi Arabika Bajawa 250 g"] == ("20", "belum", "")
    assert "Dihitung 1 dari 4 barang" in child(tab, QLabel, "stocktakeSummary").text()
    with UnitOfWork(store["engine"]) as uow:
        assert uow.session.scalar(select(StockTakeCount.product_id)) == store["ids"]["honey"]


def test_vendor_scope_and_cancel(qtbot, tab, store):
    scope = child(tab, QComboBox, "stocktakeScope")
    values = child(tab, QComboBox, "stocktakeScopeValue")
    assert values.isHidden()  # nothing to choose for "semua barang"
    scope.setCurrentIndex(scope.findData("vendor"))
    assert not values.isHidden()
    assert [values.itemText(i) for i in range(values.count())] == ["KOPI01 - Kopi Bajawa Flores (3 barang)",
                                                                   "TENUN1 - Tenun Ina Ndao (1 barang)"]
    start(qtbot, tab, scope.findData("vendor"), 1)
    assert list(table(tab)) == ["Selendang Tenun Rote"]
    scan(qtbot, tab, COFFEE)
    assert "tidak termasuk stok opname" in status(tab)

    click(qtbot, tab, QPushButton, "stocktakeCancel")
    box = child(tab, QMessageBox, "stocktakeCancelConfirm")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert "dibatalkan" in child(tab, QLabel, "stocktakeResult").text()
    with UnitOfWork(store["engine"]) as uow:
        assert uow.session.scalars(select(StockTake.status)).all() == ["cancelled"]


def test_an_open_stock_take_is_found_again_and_scans_at_scanner_speed_all_arrive(qtbot, tab, store, tmp_path):
    start(qtbot, tab)
    again = open_tab(qtbot, store, tmp_path)  # the tab of another window, or after a restart
    assert child(again, QLineEdit, "stocktakeScan").isVisible()
    field = child(again, QLineEdit, "stocktakeScan")
    codes = [COFFEE, store["codes"]["honey"], store["codes"]["scarf"]]
    for index in range(60):  # every key event of all the scans queued before the first is handled
        for char in codes[index % 3]:
            QCoreApplication.postEvent(field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier,
                                                        char))
        QCoreApplication.postEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                                    Qt.KeyboardModifier.NoModifier, "\r"))
    QApplication.processEvents()
    assert {name: row[1] for name, row in table(again).items()} == {
        "Kopi Arabika Bajawa 250 g": "20", "Madu Hutan Timor 500 ml": "20", "Selendang Tenun Rote": "20",
        "Kacang Mete Curah": "belum"}


def test_english(qtbot, store, tmp_path):
    set_language("en")
    tab = open_tab(qtbot, store, tmp_path)
    assert child(tab, QPushButton, "stocktakeStart").text() == "Start a stock take"
    start(qtbot, tab)
    scan(qtbot, tab, COFFEE)
    model = child(tab, QTableView, "stocktakeTable").model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Barcode", "Product", "Vendor", "Expected", "Counted", "Difference"]
    assert "Counted 1 of 4 products" in child(tab, QLabel, "stocktakeSummary").text()


def test_category_scope_and_the_manager_window(qtbot, store, tmp_path):
    add_product(UnitOfWork(store["engine"]), ProductInput(None, "Sambal Lu'at", "KOPI01", 30000, category="Bumbu ",
                                                          opening_stock=8))
    context = AppContext(store["engine"], Settings(), tmp_path / "s.toml", user=store["manager"])
    window = ManagerWindow(context)
    qtbot.addWidget(window)
    tab = window.show_tab("Stok opname")
    assert isinstance(tab, StockTakeTab)
    window.show()
    wait_loaded(qtbot, tab)
    scope = child(tab, QComboBox, "stocktakeScope")
    scope.setCurrentIndex(scope.findData("category"))
    values = child(tab, QComboBox, "stocktakeScopeValue")
    assert [values.itemText(i) for i in range(values.count())] == ["Bumbu"]
    start(qtbot, tab, scope.findData("category"), 0)
    assert list(table(tab)) == ["Sambal Lu'at"]
    assert "Kategori Bumbu" in child(tab, QLabel, "stocktakeInfo").text()
    field = child(tab, QLineEdit, "stocktakeScan")
    assert field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_F4)  # F4 with no row selected says so, without a box
    assert "Pilih barisnya dulu" in status(tab)


def test_list_categories_on_both_backends(engine):
    seed_store(engine)
    for name, category in (("Sambal", "Bumbu"), ("Garam", "bumbu"), ("Sopi", " Minuman "), ("Tanpa", "")):
        add_product(UnitOfWork(engine), ProductInput(None, name, "KOPI01", 10000, category=category))
    assert list_categories(UnitOfWork(engine)) == ["Bumbu", "Minuman"]

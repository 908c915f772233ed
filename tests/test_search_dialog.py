"""The product search dialog (F2): type a name, pick with Enter or a double click."""

from __future__ import annotations

import pytest
from factories import COFFEE, seed_store
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableWidget

from nttmart_pos.db.engine import make_engine
from nttmart_pos.domain.cart import CartProduct
from nttmart_pos.ui.search_dialog import ProductSearchDialog, price_text, stock_text


@pytest.fixture
def store(sqlite_url):
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    yield engine, seed["ids"]
    engine.dispose()


@pytest.fixture
def dialog(qtbot, store):
    dialog = ProductSearchDialog(store[0])
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def widgets(dialog):
    return (dialog.findChild(QLineEdit, "searchQuery"), dialog.findChild(QTableWidget, "searchResults"),
            dialog.findChild(QLabel, "searchMessage"), dialog.findChild(QPushButton, "searchPick"))


def empty_text(dialog) -> str:
    """The message shown in place of the list, or "" while the list is shown."""
    label = dialog.findChild(QLabel, "searchEmpty")
    return label.text() if label.isVisible() else ""


def row_texts(table: QTableWidget, row: int) -> list[str]:
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_typing_shows_results_and_enter_picks_the_product(qtbot, dialog, store):
    query, table, message, pick = widgets(dialog)
    assert dialog.objectName() == "searchDialog" and not pick.isEnabled()
    assert empty_text(dialog) == "Ketik nama barang untuk mencari" and not table.isVisible()
    qtbot.keyClicks(query, "kopi")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=2000)
    assert row_texts(table, 0) == ["Kopi Arabika Bajawa 250 g", COFFEE, "Rp65.000", "20 pcs"]
    assert message.text() == "1 barang ditemukan" and pick.isEnabled()
    assert table.isVisible() and empty_text(dialog) == ""
    with qtbot.waitSignal(dialog.picked, timeout=2000) as blocker:
        qtbot.keyClick(query, Qt.Key.Key_Return)
    product = blocker.args[0]
    assert isinstance(product, CartProduct)
    assert (product.product_id, product.barcode, product.price) == (store[1]["coffee"], COFFEE, 65000)
    assert dialog.result() == ProductSearchDialog.DialogCode.Accepted and not dialog.isVisible()


def test_search_waits_for_a_pause_in_typing(qtbot, dialog):
    query, table, _message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "madu")
    assert table.rowCount() == 0  # the debounce timer has not fired yet
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=2000)


def test_enter_before_the_pause_still_picks_what_was_typed(qtbot, dialog, store):
    query, _table, _message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "madu hutan")
    with qtbot.waitSignal(dialog.picked, timeout=1000) as blocker:
        qtbot.keyClick(query, Qt.Key.Key_Enter)
    assert blocker.args[0].product_id == store[1]["honey"]


def test_up_and_down_in_the_query_move_the_highlight(qtbot, dialog, store):
    query, table, message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "a")  # every seeded product has an "a" in its name
    qtbot.waitUntil(lambda: table.rowCount() == 4, timeout=2000)
    names = [table.item(row, 0).text() for row in range(4)]
    assert names == sorted(names) and message.text() == "4 barang ditemukan"
    assert table.currentRow() == 0
    qtbot.keyClick(query, Qt.Key.Key_Down)
    qtbot.keyClick(query, Qt.Key.Key_Down)
    assert table.currentRow() == 2
    qtbot.keyClick(query, Qt.Key.Key_Up)
    assert table.currentRow() == 1
    qtbot.keyClick(query, Qt.Key.Key_Up)
    qtbot.keyClick(query, Qt.Key.Key_Up)
    assert table.currentRow() == 0
    for _ in range(6):
        qtbot.keyClick(query, Qt.Key.Key_Down)
    assert table.currentRow() == 3
    assert query.text() == "a"
    with qtbot.waitSignal(dialog.picked, timeout=1000) as blocker:
        qtbot.keyClick(query, Qt.Key.Key_Return)
    assert blocker.args[0].name == names[3]


def test_double_click_picks_that_row(qtbot, dialog, store):
    query, table, _message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "tenun")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=2000)
    rect = table.visualItemRect(table.item(0, 0))
    with qtbot.waitSignal(dialog.picked, timeout=1000) as blocker:
        # a real double click starts with a press; QTest's mouseDClick alone does not send one
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].product_id == store[1]["scarf"]


def test_pick_button_picks_the_highlighted_row(qtbot, dialog, store):
    query, table, _message, pick = widgets(dialog)
    qtbot.keyClicks(query, "selendang")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=2000)
    with qtbot.waitSignal(dialog.picked, timeout=1000) as blocker:
        qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    assert blocker.args[0].product_id == store[1]["scarf"]


def test_no_match_shows_the_message_and_enter_picks_nothing(qtbot, dialog):
    query, table, message, pick = widgets(dialog)
    qtbot.keyClicks(query, "sopi")
    qtbot.waitUntil(lambda: empty_text(dialog) == "Tidak ada barang yang cocok", timeout=2000)
    assert table.rowCount() == 0 and not table.isVisible() and not pick.isEnabled() and message.text() == ""
    with qtbot.assertNotEmitted(dialog.picked):
        qtbot.keyClick(query, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_clearing_the_query_empties_the_list(qtbot, dialog):
    query, table, message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "kopi")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=2000)
    query.clear()
    qtbot.waitUntil(lambda: table.rowCount() == 0, timeout=2000)
    assert empty_text(dialog) == "Ketik nama barang untuk mencari"


def test_escape_cancels(qtbot, dialog):
    query, _table, _message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "kopi")
    with qtbot.assertNotEmitted(dialog.picked):
        qtbot.keyClick(query, Qt.Key.Key_Escape)
    assert dialog.result() == ProductSearchDialog.DialogCode.Rejected and not dialog.isVisible()


def test_weighed_goods_show_price_per_kg_and_stock_in_kg(qtbot, dialog):
    query, table, _message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "mete")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=2000)
    assert row_texts(table, 0)[2:] == ["Rp120.000/kg", "5,000 kg"]


def test_price_and_stock_texts():
    piece = CartProduct(1, "2000010000104", "Tenun", 1250000, stock_on_hand=1200, unit="lembar")
    assert (price_text(piece), stock_text(piece)) == ("Rp1.250.000", "1.200 lembar")
    weighed = CartProduct(2, "2100001", "Mete", 120000, measure="weight", unit="kg", stock_on_hand=-250)
    assert (price_text(weighed), stock_text(weighed)) == ("Rp120.000/kg", "-0,250 kg")


def test_the_same_dialog_can_be_opened_again(qtbot, dialog, store):
    query, table, _message, _pick = widgets(dialog)
    qtbot.keyClicks(query, "kopi")
    with qtbot.waitSignal(dialog.picked, timeout=1000):
        qtbot.keyClick(query, Qt.Key.Key_Return)
    dialog.open()
    assert query.selectedText() == "kopi"
    qtbot.keyClicks(query, "madu")
    with qtbot.waitSignal(dialog.picked, timeout=1000) as blocker:
        qtbot.keyClick(query, Qt.Key.Key_Return)
    assert blocker.args[0].product_id == store[1]["honey"]

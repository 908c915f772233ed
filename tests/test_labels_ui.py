"""The barcode label tab: choose products, change numbers, save a PDF and print thermal labels (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton
from pypdf import PdfReader

from factories import COFFEE, seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.i18n import set_language
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import labels_tab
from nttmart_pos.ui.manager.window import ManagerWindow
from nttmart_pos.ui.worker import wait_for_background

WAIT_MS = 15_000


@pytest.fixture
def store(sqlite_url, tmp_path):
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    manager = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    yield {"engine": engine, "ids": seed["ids"], "manager": manager, "printer": tmp_path / "labels.bin"}
    wait_for_background()
    engine.dispose()


def make_tab(qtbot, store, printer_url: str | None = None):
    url = printer_url or "file://" + str(store["printer"])
    context = AppContext(store["engine"], Settings(printer_url=url), store["printer"].parent / "s.toml",
                         store["manager"])
    tab = labels_tab.build(context, None)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    return tab


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def rows(tab) -> list[tuple[str, str, int]]:
    table = tab.table
    return [(table.item(r, 0).text(), table.item(r, 1).text(), table.copies_box(r).value())
            for r in range(table.rowCount())]


def barcode_of(tab, name_start: str) -> str:
    return next(code for code, name, _copies in rows(tab) if name.startswith(name_start))


def set_copies(tab, row: int, value: int) -> None:
    box = tab.table.copies_box(row)
    box.setValue(value)  # what the arrows or typing + Enter do (keyboard tracking is off)


def test_the_manager_window_has_the_label_tab(qtbot, store, tmp_path):
    context = AppContext(store["engine"], Settings(), tmp_path / "s.toml", store["manager"])
    window = ManagerWindow(context)
    qtbot.addWidget(window)
    assert window.show_tab("Label barcode").objectName() == "labelsTab"


def test_a_vendor_fills_the_table_and_weighed_goods_are_listed_as_skipped(qtbot, store):
    tab = make_tab(qtbot, store)
    assert tab.vendorCombo.itemText(1).startswith("Semua UMKM")
    assert not tab.pdfButton.isEnabled() and not tab.printButton.isEnabled()
    choose(tab.vendorCombo, "KOPI01")
    assert [(name, copies) for _code, name, copies in rows(tab)] == [
        ("Kopi Arabika Bajawa 250 g", 1), ("Madu Hutan Timor 500 ml", 1)]
    assert tab.table.item(0, 2).text() == "Rp65.000" and tab.table.item(0, 3).text() == "KOPI01"
    skipped = tab.skipped.texts()
    assert len(skipped) == 1 and skipped[0].startswith("Kacang Mete Curah (2100001): barang timbangan")
    assert tab.skipped.isVisible()
    assert tab.summaryLabel.text() == "Total 2 label untuk 2 barang = 1 lembar A4 3x7"
    # "Semua UMKM": every active product of every vendor.
    choose(tab.vendorCombo, labels_tab.ALL_VENDORS)
    assert {name for _code, name, _copies in rows(tab)} == {
        "Kopi Arabika Bajawa 250 g", "Madu Hutan Timor 500 ml", "Selendang Tenun Rote"}


def test_an_intake_document_gives_the_received_quantities(qtbot, store):
    ids = store["ids"]
    result = receive_goods(UnitOfWork(store["engine"], write=True), store["manager"], "KOPI01",
                           [IntakeLine(ids["honey"], 4), IntakeLine(ids["coffee"], 6)])
    tab = make_tab(qtbot, store)
    assert tab.documentCombo.itemText(1).startswith(f"{result.doc_no} - KOPI01 Kopi Bajawa Flores - ")
    choose(tab.vendorCombo, "TENUN1")
    choose(tab.documentCombo, result.doc_no)
    assert tab.vendorCombo.currentIndex() == 0  # the list now comes from the document only
    assert [(name, copies) for _code, name, copies in rows(tab)] == [
        ("Madu Hutan Timor 500 ml", 4), ("Kopi Arabika Bajawa 250 g", 6)]
    assert tab.summaryLabel.text().startswith("Total 10 label untuk 2 barang")


def test_change_a_quantity_and_save_the_pdf(qtbot, store, tmp_path, monkeypatch):
    tab = make_tab(qtbot, store)
    choose(tab.vendorCombo, "KOPI01")
    set_copies(tab, 0, 3)
    assert tab.table.items()[0].copies == 3
    assert tab.summaryLabel.text() == "Total 4 label untuk 2 barang = 1 lembar A4 3x7"
    # A half-used 3x7 sheet: starting at label 20 the 4 labels take 2 sheets.
    tab.sheet.startBox.setValue(20)
    assert tab.sheet.startLabel.text() == "mulai dari label ke-20 (baris 7, kolom 2)"
    assert tab.summaryLabel.text() == "Total 4 label untuk 2 barang = 2 lembar A4 3x7"
    tab.save_path = tmp_path / "label-kopi.pdf"
    qtbot.mouseClick(tab.pdfButton, Qt.MouseButton.LeftButton)
    assert tab.busy and not tab.pdfButton.isEnabled()
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT_MS)
    assert not tab.busyBar.isVisible()
    assert tab.statusLabel.text().startswith("PDF 4 label (2 lembar 3x7) disimpan di ")
    reader = PdfReader(tmp_path / "label-kopi.pdf")
    assert len(reader.pages) == 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert text.count("Kopi Arabika Bajawa 250") == 3 and text.count("Madu Hutan Timor") == 1
    assert "Kacang Mete" not in text
    # The PDF is offered for opening.
    opened = []
    monkeypatch.setattr(labels_tab.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert tab.openButton.isVisible()
    qtbot.mouseClick(tab.openButton, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "label-kopi.pdf")]


def test_zero_removes_a_row_and_the_5x13_layout_counts_its_cells(qtbot, store):
    tab = make_tab(qtbot, store)
    choose(tab.vendorCombo, "KOPI01")
    set_copies(tab, 0, 0)
    assert [name for _code, name, _copies in rows(tab)] == ["Madu Hutan Timor 500 ml"]
    choose(tab.sheet.layoutCombo, "5x13")
    assert tab.sheet.layoutCombo.currentText() == "5x13: 65 per lembar, 38,1 x 21,2 mm"
    assert tab.sheet.startBox.maximum() == 65
    tab.sheet.startBox.setValue(65)
    assert tab.sheet.startLabel.text() == "mulai dari label ke-65 (baris 13, kolom 5)"
    set_copies(tab, 0, 2)
    assert tab.summaryLabel.text() == "Total 2 label untuk 1 barang = 2 lembar A4 5x13"
    choose(tab.sheet.layoutCombo, "3x7")
    assert tab.sheet.startBox.value() == 21  # clamped to the smaller sheet
    set_copies(tab, 0, 0)
    assert tab.table.rowCount() == 0 and not tab.pdfButton.isEnabled()
    assert tab.summaryLabel.text() == "Belum ada label dalam daftar"


def test_clicking_the_sheet_picture_sets_the_start(qtbot, store):
    tab = make_tab(qtbot, store)
    picture = tab.sheet.picture
    page = picture._page()
    cell = picture._cell_rect(page, 5)  # row 2, column 2 of the 3x7 sheet
    qtbot.mouseClick(picture, Qt.MouseButton.LeftButton, pos=cell.center().toPoint())
    assert tab.sheet.start == 5
    assert tab.sheet.startLabel.text() == "mulai dari label ke-5 (baris 2, kolom 2)"


def test_scanning_adds_products_and_an_unknown_code_leaves_the_table_alone(qtbot, store):
    tab = make_tab(qtbot, store)
    scan = tab.findChild(QLineEdit, "labelsScan")
    qtbot.keyClicks(scan, COFFEE)
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    qtbot.keyClicks(scan, "3*" + COFFEE)
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert rows(tab) == [(COFFEE, "Kopi Arabika Bajawa 250 g", 4)]
    assert tab.statusLabel.text() == "Kopi Arabika Bajawa 250 g: 4 label"
    before = rows(tab)
    qtbot.keyClicks(scan, "8990000000000")
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert tab.statusLabel.text() == "Barang tidak dikenal: 8990000000000"
    assert rows(tab) == before and scan.text() == ""
    assert tab.findChild(QMessageBox) is None  # a box would swallow the next scan
    # A weighed product is refused with its reason, and listed below the table.
    qtbot.keyClicks(scan, "2100001")
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert rows(tab) == before
    assert "tidak diberi label: barang timbangan" in tab.statusLabel.text()
    assert tab.skipped.texts() == ["Kacang Mete Curah (2100001): barang timbangan, labelnya dicetak oleh timbangan"]


def test_print_thermal_labels_to_the_configured_printer(qtbot, store):
    tab = make_tab(qtbot, store)
    choose(tab.vendorCombo, "KOPI01")
    set_copies(tab, 1, 2)
    assert tab.printerLabel.text() == f"Printer struk: file://{store['printer']}, kertas 58 mm"
    qtbot.mouseClick(tab.printButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT_MS)
    data = store["printer"].read_bytes()
    assert data.count(b"Kopi Arabika Bajawa 250 g") == 1 and data.count(b"Madu Hutan Timor 500 ml") == 2
    assert data.count(b"Rp85.000") == 2 and data.count(COFFEE.encode()) == 1
    assert tab.statusLabel.text() == f"3 label dikirim ke printer {store['printer']}"


def test_a_printer_error_is_shown_and_nothing_is_lost(qtbot, store):
    tab = make_tab(qtbot, store, printer_url="tcp://127.0.0.1:1")  # nothing listens on port 1
    choose(tab.vendorCombo, "KOPI01")
    set_copies(tab, 0, 5)
    before = rows(tab)
    qtbot.mouseClick(tab.printButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT_MS)
    box = tab.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert "Printer tidak terjangkau (127.0.0.1:1)" in box.text()
    assert tab.statusLabel.text().startswith("Label belum tercetak. Daftar tetap ada")
    assert rows(tab) == before and tab.printButton.isEnabled()


def test_no_printer_configured_says_where_to_set_it(qtbot, store):
    tab = make_tab(qtbot, store, printer_url="none")
    choose(tab.vendorCombo, "KOPI01")
    assert tab.printerLabel.text() == "Printer struk belum diatur (Pengaturan toko)"
    qtbot.mouseClick(tab.printButton, Qt.MouseButton.LeftButton)
    box = tab.findChild(QMessageBox, "errorBox")
    assert box is not None and "Pengaturan toko" in box.text()
    assert not tab.busy


def test_a_long_thermal_run_asks_first(qtbot, store):
    tab = make_tab(qtbot, store)
    choose(tab.vendorCombo, "KOPI01")
    set_copies(tab, 0, labels_tab.CONFIRM_THERMAL_ABOVE + 1)
    qtbot.mouseClick(tab.printButton, Qt.MouseButton.LeftButton)
    box = tab.findChild(QMessageBox, "labelsPrintConfirm")
    assert box is not None and box.isVisible() and not tab.busy
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert not tab.busy and not Path(store["printer"]).exists()
    qtbot.mouseClick(tab.printButton, Qt.MouseButton.LeftButton)
    [box] = [b for b in tab.findChildren(QMessageBox, "labelsPrintConfirm") if b.isVisible()]
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT_MS)
    assert store["printer"].read_bytes().count(b"Kopi Arabika Bajawa 250 g") == labels_tab.CONFIRM_THERMAL_ABOVE + 1


def test_the_tab_in_english(qtbot, store):
    set_language("en")
    tab = make_tab(qtbot, store)
    choose(tab.vendorCombo, "KOPI01")
    assert tab.findChild(QPushButton, "labelsPdf").text() == "Save label sheet PDF..."
    assert tab.sheet.layoutCombo.itemText(1) == "5x13: 65 per sheet, 38.1 x 21.2 mm"
    assert tab.summaryLabel.text() == "Labels: 2, products: 2, A4 3x7 sheets: 1"
    assert tab.findChild(QLabel, "labelsStartText").text() == "starting at label 1 (row 1, column 1)"


def test_a_pdf_that_cannot_be_written_says_why_and_keeps_the_list(qtbot, store, tmp_path):
    tab = make_tab(qtbot, store)
    choose(tab.vendorCombo, "KOPI01")
    before = rows(tab)
    tab.save_path = tmp_path / "no-such-folder" / "label.pdf"
    qtbot.mouseClick(tab.pdfButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT_MS)
    box = tab.findChild(QMessageBox, "errorBox")
    assert box is not None and "Berkas label tidak dapat ditulis" in box.text() and "foldernya tidak ada" in box.text()
    assert tab.statusLabel.text() == "PDF label belum dibuat." and not tab.openButton.isVisible()
    assert rows(tab) == before and tab.pdfButton.isEnabled()


def test_search_by_name_adds_a_product_and_clear_empties_the_list(qtbot, store):
    tab = make_tab(qtbot, store)
    qtbot.mouseClick(tab.findChild(QPushButton, "labelsSearch"), Qt.MouseButton.LeftButton)
    dialog = tab.findChild(QDialog, "searchDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.query.setText("selendang")
    dialog.run_search()
    dialog.pick()
    assert [(name, copies) for _code, name, copies in rows(tab)] == [("Selendang Tenun Rote", 1)]
    qtbot.mouseClick(tab.findChild(QPushButton, "labelsClear"), Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 0 and not tab.skipped.isVisible()


def test_a_new_intake_appears_when_the_tab_is_shown_again(qtbot, store):
    tab = make_tab(qtbot, store)
    assert tab.documentCombo.count() == 1  # only "- pilih tanda terima titipan -"
    choose(tab.vendorCombo, "TENUN1")
    tab.hide()
    result = receive_goods(UnitOfWork(store["engine"], write=True), store["manager"], "TENUN1",
                           [IntakeLine(store["ids"]["scarf"], 2)])
    tab.show()
    assert tab.documentCombo.findData(result.doc_no) == 1
    assert tab.vendorCombo.currentData() == "TENUN1" and tab.table.rowCount() == 1  # the choice is kept


def test_the_save_dialog_suggests_a_name_and_writes_where_the_manager_chose(qtbot, store, tmp_path):
    tab = make_tab(qtbot, store)
    choose(tab.vendorCombo, "TENUN1")
    qtbot.mouseClick(tab.pdfButton, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(QFileDialog, "labelsSaveDialog")
    assert dialog is not None and dialog.isVisible() and not tab.busy
    assert Path(dialog.selectedFiles()[0]).name.startswith("label-TENUN1-")
    dialog.setDirectory(str(tmp_path))
    dialog.selectFile("tenun")  # the .pdf is added
    dialog.accept()
    qtbot.waitUntil(lambda: tab.last_pdf is not None and not tab.busy, timeout=WAIT_MS)
    assert tab.last_pdf == tmp_path / "tenun.pdf"
    assert "Selendang Tenun Rote" in " ".join(PdfReader(tmp_path / "tenun.pdf").pages[0].extract_text().split())

"""The import/export tab: a dry-run preview, importing it, a rejected file's rows, exports that import back (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QListWidget, QMessageBox, QPushButton, QTableView

from factories import COFFEE, seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import NotFoundError
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog_admin import get_product, list_products
from nttmart_pos.services.import_rows import PRODUCT_COLUMNS, VENDOR_COLUMNS
from nttmart_pos.services.imports import import_products
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import import_tab
from nttmart_pos.ui.manager.window import ManagerWindow
from nttmart_pos.ui.worker import wait_for_background

WAIT_MS = 15_000
NEW_CODE = "8991234020624"
PRODUCTS = ("barcode,name,vendor_code,price\n"
            f"{COFFEE},Kopi Arabika Bajawa 250 g,KOPI01,Rp70.000\n"
            f"{NEW_CODE},Kopi Bubuk Robusta Manggarai,KOPI01,40.000\n")
BAD_PRODUCTS = ("barcode,name,vendor_code,price\n"
                "8991234567890,Kopi Salah Cek Digit,KOPI01,40000\n"
                f"{NEW_CODE},Kopi Bubuk Robusta Manggarai,KOPI01,40000\n"
                "8991234020709,Kopi Tanpa UMKM,NOPE,40000\n")


@pytest.fixture
def store(sqlite_url):
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    manager = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    yield {"engine": engine, "manager": manager, "cashier": seed["cashier"]}
    wait_for_background()
    engine.dispose()


def make_tab(qtbot, store, tmp_path, user=None):
    context = AppContext(store["engine"], Settings(), tmp_path / "s.toml", user or store["manager"])
    tab = import_tab.build(context, None)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    return tab


def choose_kind(tab, kind: str) -> None:
    tab.kindCombo.setCurrentIndex(tab.kindCombo.findData(kind))


def preview_file(qtbot, tab, path: Path) -> None:
    with qtbot.waitSignal(tab.previewed, timeout=WAIT_MS):
        tab.choose_file(path)


def table_rows(tab, name: str) -> list[list[str]]:
    model = tab.findChild(QTableView, name).model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def text_of(tab, name: str) -> str:
    return tab.findChild(QLabel, name).text()


def apply_button(tab) -> QPushButton:
    return tab.findChild(QPushButton, "importApply")


def price_of(store, code: str) -> int:
    return get_product(UnitOfWork(store["engine"]), code).price


def product_count(store) -> int:
    return len(list_products(UnitOfWork(store["engine"]), include_inactive=True))


def error_text(tab) -> str:
    boxes = [box for box in tab.findChildren(QMessageBox, "errorBox") if box.isVisible()]
    assert boxes, "no error shown"
    return boxes[-1].text()


def test_the_manager_window_has_the_import_tab(qtbot, store, tmp_path):
    window = ManagerWindow(AppContext(store["engine"], Settings(), tmp_path / "s.toml", store["manager"]))
    qtbot.addWidget(window)
    assert window.show_tab("Impor/Ekspor").objectName() == "importTab"


def test_preview_then_import_then_nothing_left_to_change(qtbot, store, tmp_path):
    path = tmp_path / "barang.csv"
    path.write_text(PRODUCTS, encoding="utf-8")
    tab = make_tab(qtbot, store, tmp_path)
    choose_kind(tab, "products")
    assert not apply_button(tab).isEnabled()
    preview_file(qtbot, tab, path)

    assert text_of(tab, "importFile") == "barang.csv"
    assert text_of(tab, "importSummary") == "1 baru, 1 berubah, 0 tidak berubah"
    rows = table_rows(tab, "importPreview")
    assert [row[:2] for row in rows] == [["2", "Ubah"], ["3", "Baru"]]
    assert rows[0][2] == COFFEE and "harga: Rp65.000 \u2192 Rp70.000" in rows[0][4]
    assert rows[1][2:4] == [NEW_CODE, "Kopi Bubuk Robusta Manggarai"]
    assert tab.findChild(QTableView, "importPreview").isVisible()
    assert not tab.findChild(QTableView, "importErrors").isVisible()
    # A dry run only: nothing in the database changed yet.
    assert price_of(store, COFFEE) == 65000
    with pytest.raises(NotFoundError):
        get_product(UnitOfWork(store["engine"]), NEW_CODE)

    assert apply_button(tab).isEnabled()
    qtbot.mouseClick(apply_button(tab), Qt.MouseButton.LeftButton)
    box = tab.findChild(QMessageBox, "importConfirm")
    assert box.isVisible() and box.text() == "Impor 1 barang baru dan 1 perubahan?"
    with qtbot.waitSignal(tab.previewed, timeout=WAIT_MS):  # the preview made again after importing
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    assert price_of(store, COFFEE) == 70000
    assert get_product(UnitOfWork(store["engine"]), NEW_CODE).name == "Kopi Bubuk Robusta Manggarai"
    assert text_of(tab, "importStatus") == "Impor selesai: 1 dibuat, 1 diubah, 0 tetap."
    assert text_of(tab, "importSummary") == "0 baru, 0 berubah, 2 tidak berubah"
    assert table_rows(tab, "importPreview") == []
    tab.onlyChanges.setChecked(False)
    assert [row[1] for row in table_rows(tab, "importPreview")] == ["Tetap", "Tetap"]
    assert not apply_button(tab).isEnabled()


def test_a_file_with_bad_rows_lists_them_and_cannot_be_imported(qtbot, store, tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text(BAD_PRODUCTS, encoding="utf-8")
    before = product_count(store)
    tab = make_tab(qtbot, store, tmp_path)
    choose_kind(tab, "products")
    preview_file(qtbot, tab, path)

    assert tab.findChild(QTableView, "importErrors").isVisible()
    assert not tab.findChild(QTableView, "importPreview").isVisible()
    heading = text_of(tab, "importErrorsHeading")
    assert heading == "Berkas tidak diimpor: 2 baris bermasalah. Perbaiki lalu pilih berkas lagi."
    rows = table_rows(tab, "importErrors")
    assert [row[:2] for row in rows] == [["2", "barcode"], ["4", "vendor_code"]]
    assert "NOPE" in rows[1][2]
    assert not apply_button(tab).isEnabled()
    tab.confirm_apply()  # even asked directly, nothing is offered
    assert tab.findChild(QMessageBox, "importConfirm") is None
    assert product_count(store) == before

    # Fixed in the spreadsheet, then checked again without choosing the file a second time.
    path.write_text(PRODUCTS, encoding="utf-8")
    with qtbot.waitSignal(tab.previewed, timeout=WAIT_MS):
        qtbot.mouseClick(tab.findChild(QPushButton, "importReload"), Qt.MouseButton.LeftButton)
    assert tab.findChild(QTableView, "importPreview").isVisible()
    assert apply_button(tab).isEnabled()


def test_a_vendor_file_previews_with_column_names_in_indonesian(qtbot, store, tmp_path):
    path = tmp_path / "umkm.csv"
    path.write_text("code;name;regency;commission_pct\nKOPI01;Kopi Bajawa Flores;Ngada;20\n"
                    "SABU01;Tenun Ikat Sabu;Sabu Raijua;\n", encoding="utf-8")
    tab = make_tab(qtbot, store, tmp_path)
    choose_kind(tab, "vendors")
    preview_file(qtbot, tab, path)
    rows = table_rows(tab, "importPreview")
    assert [row[:4] for row in rows] == [["2", "Ubah", "KOPI01", "Kopi Bajawa Flores"],
                                         ["3", "Baru", "SABU01", "Tenun Ikat Sabu"]]
    assert rows[0][4] == "komisi: 15% \u2192 20%"
    # Switching the kind checks the same file as products: its columns are wrong for that.
    with qtbot.waitSignal(tab.previewed, timeout=WAIT_MS):
        choose_kind(tab, "products")
    assert "kolom" in table_rows(tab, "importErrors")[0][2]
    assert not apply_button(tab).isEnabled()


def test_stock_of_an_existing_product_is_a_note(qtbot, store, tmp_path):
    path = tmp_path / "stok.csv"
    path.write_text(f"barcode,name,vendor_code,price,stock\n{COFFEE},Kopi Arabika Bajawa 250 g,KOPI01,65000,99\n",
                    encoding="utf-8")
    tab = make_tab(qtbot, store, tmp_path)
    choose_kind(tab, "products")
    preview_file(qtbot, tab, path)
    notes = tab.findChild(QListWidget, "importNotes")
    assert notes.isVisible() and notes.count() == 1
    assert notes.item(0).text().startswith("baris 2: stok 99 diabaikan")
    assert not apply_button(tab).isEnabled()  # nothing to change


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_imports_back_with_no_changes(qtbot, store, tmp_path, suffix):
    tab = make_tab(qtbot, store, tmp_path)
    panel = tab.exportPanel
    panel.kindCombo.setCurrentIndex(panel.kindCombo.findData("products"))
    path = tmp_path / f"barang{suffix}"
    with qtbot.waitSignal(panel.exported, timeout=WAIT_MS):
        panel.export_to(path)
    assert text_of(tab, "exportStatus") == f"4 barang diekspor ke {path}"
    report = import_products(UnitOfWork(store["engine"], write=True), store["manager"], path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)

    opened = []
    panel.opener = lambda target: opened.append(target) or True
    qtbot.mouseClick(tab.findChild(QPushButton, "exportOpenFolder"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.findChild(QPushButton, "exportOpenFile"), Qt.MouseButton.LeftButton)
    assert opened == [tmp_path, path]


def test_templates_have_the_import_columns(qtbot, store, tmp_path):
    tab = make_tab(qtbot, store, tmp_path)
    for kind, columns in (("vendors", VENDOR_COLUMNS), ("products", PRODUCT_COLUMNS)):
        choose_kind(tab, kind)
        path = tmp_path / f"template-{kind}.csv"
        tab.write_template(path)
        assert path.read_text(encoding="utf-8-sig").splitlines() == [",".join(columns)]
        assert str(path) in text_of(tab, "importStatus")
        preview_file(qtbot, tab, path)  # an empty template is a valid, empty import
        assert text_of(tab, "importSummary") == "0 baru, 0 berubah, 0 tidak berubah"


def test_the_buttons_open_file_dialogs(qtbot, store, tmp_path):
    tab = make_tab(qtbot, store, tmp_path)
    qtbot.mouseClick(tab.findChild(QPushButton, "importChoose"), Qt.MouseButton.LeftButton)
    dialog = tab.findChild(QFileDialog, "importDialog")
    assert dialog.isVisible() and dialog.nameFilters() == ["CSV atau Excel (*.csv *.xlsx)"]
    dialog.reject()
    qtbot.mouseClick(tab.findChild(QPushButton, "exportRun"), Qt.MouseButton.LeftButton)
    dialog = tab.findChild(QFileDialog, "exportDialog")
    assert dialog.isVisible() and Path(dialog.selectedFiles()[0]).suffix == ".xlsx"
    dialog.setDirectory(str(tmp_path))
    dialog.selectFile("semua-barang")  # the chosen type's suffix is added
    with qtbot.waitSignal(tab.exportPanel.exported, timeout=WAIT_MS):
        dialog.accept()
    assert (tmp_path / "semua-barang.xlsx").is_file()


def test_a_cashier_is_refused_by_the_services(qtbot, store, tmp_path):
    path = tmp_path / "barang.csv"
    path.write_text(PRODUCTS, encoding="utf-8")
    tab = make_tab(qtbot, store, tmp_path, user=store["cashier"])
    choose_kind(tab, "products")
    preview_file(qtbot, tab, path)
    assert error_text(tab) == "Peran Anda tidak boleh mengelola barang"
    assert "Peran Anda tidak boleh mengelola barang" in text_of(tab, "importStatus")
    assert not apply_button(tab).isEnabled()
    with qtbot.waitSignal(tab.exportPanel.exported, timeout=WAIT_MS):
        tab.exportPanel.export_to(tmp_path / "barang.xlsx")
    assert error_text(tab.exportPanel) == "Peran Anda tidak boleh melihat laporan"
    assert not (tmp_path / "barang.xlsx").exists() and price_of(store, COFFEE) == 65000

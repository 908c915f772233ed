"""The Peringatan (alerts) tab: low stock per vendor, lapsing certificates, expiring batches, CSV exports (pytest-qt)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QSpinBox, QTreeWidget

from factories import COFFEE, seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.i18n import set_language
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor
from nttmart_pos.services.catalog_admin import get_product
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.product_certificates import set_certificates
from nttmart_pos.services.stock import record_movement
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import alerts_tab
from nttmart_pos.ui.manager.window import ManagerWindow, tab_modules
from nttmart_pos.ui.worker import wait_for_background

WAIT_MS = 15_000
TODAY = date(2026, 10, 15)
RECEIVED = datetime(2026, 10, 1, 2, tzinfo=timezone.utc)
RED, ORANGE = "#b00020", "#e65100"
DAPUR = "=Dapur Mama Lena (DAPUR1) \u00b7 Lena Ndun \u00b7 telp. 0813-3900-1122"
KOPI = "Kopi Bajawa Flores (KOPI01) \u00b7 nomor telepon belum dicatat"
TENUN = "Tenun Ina Ndao (TENUN1) \u00b7 nomor telepon belum dicatat"


@pytest.fixture
def store(sqlite_url, tmp_path):
    """seed_store, plus: a vendor whose name looks like a formula with one product below its reorder level,
    the scarf sold out, an expired P-IRT (coffee) and a halal certificate running out (honey), and an intake
    of honey that expires in 10 days and of coffee that expires in 45."""
    engine = make_engine(sqlite_url)
    ids = seed_store(engine)["ids"]
    manager = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    add_vendor(UnitOfWork(engine), VendorInput("DAPUR1", "=Dapur Mama Lena", owner="Lena Ndun",
                                                phone="0813-3900-1122", regency="Kota Kupang"))
    ids["cake"] = add_product(UnitOfWork(engine), ProductInput(None, "Kue Rambut 200 g", "DAPUR1", 15000,
                                                                opening_stock=3, reorder_level=10))
    with UnitOfWork(engine, write=True) as uow:
        record_movement(uow.session, ids["scarf"], "sold", -5)
        uow.commit()
    set_certificates(UnitOfWork(engine, write=True), manager, ids["coffee"], pirt="P-IRT 1234567890123-45",
                     expiries={"pirt": TODAY - timedelta(days=5)}, today=TODAY)
    set_certificates(UnitOfWork(engine, write=True), manager, ids["honey"], halal="ID31110000123",
                     expiries={"halal": TODAY + timedelta(days=20)}, today=TODAY)
    set_certificates(UnitOfWork(engine, write=True), manager, ids["cashew"], sni="SNI 01-2906-1992",
                     expiries={"sni": TODAY + timedelta(days=200)}, today=TODAY)  # far off: no alert
    receive_goods(UnitOfWork(engine, write=True), manager, "KOPI01",
                  [IntakeLine(ids["honey"], 6, TODAY + timedelta(days=10)),
                   IntakeLine(ids["coffee"], 4, TODAY + timedelta(days=45))], now=RECEIVED)
    yield {"engine": engine, "ids": ids, "manager": manager, "tmp": tmp_path}
    wait_for_background()
    engine.dispose()


def make_tab(qtbot, store):
    context = AppContext(store["engine"], Settings(), store["tmp"] / "s.toml", store["manager"])
    tab = alerts_tab.build(context, None)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.reload(today=TODAY)
    return tab


def tree_rows(tab, name: str) -> list[tuple[str, list[tuple[str, ...]]]]:
    """Each vendor heading with the cells of its rows."""
    tree = tab.findChild(QTreeWidget, name)
    result = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        rows = [tuple(group.child(r).text(c) for c in range(tree.columnCount())) for r in range(group.childCount())]
        result.append((group.text(0), rows))
    return result


def color(tab, name: str, group: int, row: int, column: int) -> str:
    item = tab.findChild(QTreeWidget, name).topLevelItem(group).child(row)
    return item.foreground(column).color().name()


def export(qtbot, tab, button_name: str, path) -> list[list[str]]:
    tab.save_path = path
    with qtbot.waitSignal(tab.export_done, timeout=WAIT_MS) as done:
        qtbot.mouseClick(tab.findChild(QPushButton, button_name), Qt.MouseButton.LeftButton)
    assert done.args == [path]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_alerts_is_the_first_manager_tab():
    modules = tab_modules()
    assert modules[0] is alerts_tab and alerts_tab.TITLE == "Peringatan"
    assert all(m.ORDER > alerts_tab.ORDER for m in modules[1:])


def test_the_three_lists_show_exactly_what_needs_attention(qtbot, store):
    tab = make_tab(qtbot, store)
    cake = get_product(UnitOfWork(store["engine"]), store["ids"]["cake"])
    assert "Kamis, 15 Oktober 2026" in tab.findChild(QLabel, "alertsTitle").text()
    assert [tab.sections.tabText(i) for i in range(3)] == ["Stok menipis (2)", "Sertifikat (2)", "Kedaluwarsa (1)"]
    assert tree_rows(tab, "alertsLowStock") == [
        (f"{DAPUR} \u2014 1 barang", [("Kue Rambut 200 g", cake.barcode, "3 pcs", "10 pcs")]),
        (f"{TENUN} \u2014 1 barang", [("Selendang Tenun Rote", get_product(UnitOfWork(store["engine"]),
                                                                            store["ids"]["scarf"]).barcode,
                                       "HABIS", "0 pcs")])]
    assert color(tab, "alertsLowStock", 1, 0, 2) == RED
    assert tree_rows(tab, "alertsCertificates") == [(f"{KOPI} \u2014 2 sertifikat", [
        ("Kopi Arabika Bajawa 250 g", "P-IRT", "P-IRT No. 1234567890123-45", "10-10-2026", "lewat 5 hari",
         "KEDALUWARSA"),
        ("Madu Hutan Timor 500 ml", "Halal", "ID31110000123", "04-11-2026", "20 hari lagi", "segera habis")])]
    assert color(tab, "alertsCertificates", 0, 0, 5) == RED
    assert color(tab, "alertsCertificates", 0, 1, 5) == ORANGE
    assert tree_rows(tab, "alertsBatches") == [(f"{KOPI} \u2014 1 batch", [
        ("Madu Hutan Timor 500 ml", "TT-2026-000001, 01-10-2026", "25-10-2026", "10 hari lagi",
         "segera kedaluwarsa", "6 dari 6 pcs")])]
    assert color(tab, "alertsBatches", 0, 0, 4) == ORANGE
    assert "Retur" in tab.batches.introLabel.text()

    days = tab.findChild(QSpinBox, "alertsBatchDays")
    assert days.value() == 30
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        days.setValue(60)
    [(_heading, rows)] = tree_rows(tab, "alertsBatches")
    assert [(r[0], r[2], r[3]) for r in rows] == [("Madu Hutan Timor 500 ml", "25-10-2026", "10 hari lagi"),
                                                  ("Kopi Arabika Bajawa 250 g", "29-11-2026", "45 hari lagi")]
    assert tab.sections.tabText(2) == "Kedaluwarsa (2)"


def test_reading_runs_in_the_background_and_refresh_reads_again(qtbot, store):
    tab = make_tab(qtbot, store)
    loading = tab.findChild(QLabel, "alertsLoading")
    assert loading.isHidden() and tab.findChild(QPushButton, "alertsLowStockExport").isEnabled()
    with UnitOfWork(store["engine"], write=True) as uow:  # the honey all sold: no batch left, and out of stock
        record_movement(uow.session, store["ids"]["honey"], "sold", -16)
        uow.commit()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(tab.findChild(QPushButton, "alertsRefresh"), Qt.MouseButton.LeftButton)
        assert loading.isVisible() and loading.text() == "Memuat..."
        assert not tab.findChild(QPushButton, "alertsBatchesExport").isEnabled()
    assert loading.isHidden()
    assert tab.sections.tabText(2) == "Kedaluwarsa (0)"
    tab.sections.setCurrentIndex(2)
    assert tab.findChild(QLabel, "alertsBatchesEmpty").isVisible()
    assert not tab.findChild(QTreeWidget, "alertsBatches").isVisible()
    assert not tab.findChild(QPushButton, "alertsBatchesExport").isEnabled()  # nothing to export
    assert [name for _vendor, rows in tree_rows(tab, "alertsLowStock") for name, *_rest in rows] == [
        "Kue Rambut 200 g", "Madu Hutan Timor 500 ml", "Selendang Tenun Rote"]


def test_vendor_filter_narrows_the_low_stock_list_and_its_export(qtbot, store):
    tab = make_tab(qtbot, store)
    combo = tab.findChild(QComboBox, "alertsLowStockVendor")
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Semua UMKM", "DAPUR1 - =Dapur Mama Lena (1 barang)", "TENUN1 - Tenun Ina Ndao (1 barang)"]
    combo.setCurrentIndex(combo.findData("TENUN1"))
    assert [heading for heading, _rows in tree_rows(tab, "alertsLowStock")] == [f"{TENUN} \u2014 1 barang"]
    assert tab.lowStock.summaryLabel.text() == "1 dari 2 barang"
    rows = export(qtbot, tab, "alertsLowStockExport", store["tmp"] / "tenun.csv")
    assert [row[:2] for row in rows[1:]] == [["TENUN1", "Tenun Ina Ndao"]]
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):  # the choice survives a reload
        tab.reload()
    assert combo.currentData() == "TENUN1"


def test_csv_exports_hold_the_rows_with_bom_and_no_formulas(qtbot, store, tmp_path):
    tab = make_tab(qtbot, store)
    out = tmp_path / "ekspor"
    out.mkdir()
    cake = get_product(UnitOfWork(store["engine"]), store["ids"]["cake"])
    scarf = get_product(UnitOfWork(store["engine"]), store["ids"]["scarf"])
    low = export(qtbot, tab, "alertsLowStockExport", out / "stok.csv")
    assert low == [
        ["Kode UMKM", "UMKM", "Pemilik", "Telepon", "Barcode", "Barang", "Stok", "Batas pesan ulang", "Satuan"],
        ["DAPUR1", "'=Dapur Mama Lena", "Lena Ndun", "0813-3900-1122", cake.barcode, "Kue Rambut 200 g", "3", "10",
         "pcs"],
        ["TENUN1", "Tenun Ina Ndao", "", "", scarf.barcode, "Selendang Tenun Rote", "0", "0", "pcs"]]
    assert "2 baris disimpan di" in tab.findChild(QLabel, "alertsStatus").text()

    certificates = export(qtbot, tab, "alertsCertificatesExport", out / "sertifikat.csv")
    assert certificates == [
        ["Barcode", "Barang", "Kode UMKM", "UMKM", "Jenis", "Nomor", "Berlaku sampai", "Status", "Sisa hari"],
        [COFFEE, "Kopi Arabika Bajawa 250 g", "KOPI01", "Kopi Bajawa Flores", "P-IRT", "P-IRT No. 1234567890123-45",
         "2026-10-10", "KEDALUWARSA", "-5"],
        [get_product(UnitOfWork(store["engine"]), store["ids"]["honey"]).barcode, "Madu Hutan Timor 500 ml",
         "KOPI01", "Kopi Bajawa Flores", "Halal", "ID31110000123", "2026-11-04", "segera habis", "20"]]

    batches = export(qtbot, tab, "alertsBatchesExport", out / "kedaluwarsa.csv")
    assert batches[0][:6] == ["Kode UMKM", "UMKM", "Telepon", "Barcode", "Barang", "Dokumen masuk"]
    assert [row[4:] for row in batches[1:]] == [
        ["Madu Hutan Timor 500 ml", "TT-2026-000001", "2026-10-01", "2026-10-25", "segera kedaluwarsa", "10", "6",
         "6", "pcs"]]
    assert sorted(p.name for p in out.iterdir()) == [
        "kedaluwarsa.csv", "sertifikat.csv", "stok.csv"]  # no temporary file left behind


def test_an_expiring_batch_leads_to_a_retur_for_its_vendor(qtbot, store):
    context = AppContext(store["engine"], Settings(), store["tmp"] / "s.toml", store["manager"])
    window = ManagerWindow(context)
    qtbot.addWidget(window)
    window.show()
    tab = window.tabs.currentWidget()
    assert tab.objectName() == "alertsTab"  # what the manager sees first
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.reload(today=TODAY)
    tab.sections.setCurrentIndex(2)
    button = tab.findChild(QPushButton, "alertsBatchesReturn")
    assert not button.isEnabled()  # nothing chosen yet
    tree = tab.findChild(QTreeWidget, "alertsBatches")
    tree.setCurrentItem(tree.topLevelItem(0).child(0))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    returns = window.tabs.currentWidget()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Retur"
    assert returns.findChild(QComboBox, "returnVendor").currentData() == "KOPI01"


def test_a_file_that_cannot_be_written_is_reported(qtbot, store, tmp_path):
    tab = make_tab(qtbot, store)
    target = tmp_path / "tidak-ada" / "stok.csv"
    tab.save_path = target
    with qtbot.waitSignal(tab.export_done, timeout=WAIT_MS) as done:
        qtbot.mouseClick(tab.findChild(QPushButton, "alertsLowStockExport"), Qt.MouseButton.LeftButton)
    assert done.args == [None] and not target.exists()
    box = tab.findChild(QMessageBox, "errorBox")
    assert box is not None and str(target) in box.text()
    assert tab.findChild(QPushButton, "alertsLowStockExport").isEnabled()  # try again elsewhere


def test_english(qtbot, store):
    set_language("en")
    tab = make_tab(qtbot, store)
    assert "Thursday, 15 October 2026" in tab.findChild(QLabel, "alertsTitle").text()
    assert [tab.sections.tabText(i) for i in range(3)] == ["Low stock (2)", "Certificates (2)", "Expiring (1)"]
    [(_heading, [row])] = tree_rows(tab, "alertsBatches")
    assert row[3:] == ("in 10 days", "expires soon", "6 of 6 pcs")

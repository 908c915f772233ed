"""The Dasbor tab on the demo store with sales made through checkout: it loads off the GUI thread,
shows the service's totals, switches chart/table, exports a chart's numbers, ignores late results."""

from __future__ import annotations

import csv
import shutil
import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QProgressBar, QPushButton, QTableWidget
from sqlalchemy import select

from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.models import Product
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.errors import DatabaseError
from nttmart_pos.i18n import set_language
from nttmart_pos.services.auth import login
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.dashboard import dashboard
from nttmart_pos.services.demo import load_demo
from nttmart_pos.services.refunds import RefundRequest, refund
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import dashboard_tab
from nttmart_pos.ui.manager.dashboard_tables import file_name, hour_range_text, period_text
from nttmart_pos.ui.manager.window import tab_modules
from nttmart_pos.ui.worker import wait_for_background


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, sqlite_template):
    """The demo store with a dozen sales of today (one with a sale discount) and a refund."""
    path = tmp_path_factory.mktemp("dashboard") / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    load_demo(UnitOfWork(engine, write=True))
    cashier = login(UnitOfWork(engine), "kasir", "1234")
    manager = login(UnitOfWork(engine), "manajer", "9999")
    with UnitOfWork(engine) as uow:
        codes = uow.session.scalars(select(Product.barcode).where(Product.measure == "unit", Product.price > 0,
                                                                  Product.stock_on_hand > 5)
                                    .order_by(Product.id).limit(8)).all()
    first = None
    for number in range(12):
        cart = Cart()
        for code in (codes[number % 8], codes[(number * 3) % 8]):
            found = product_for_scan(UnitOfWork(engine), code)
            cart.add(found.product)
        if number == 4:
            cart.set_sale_discount(5000, "promo")
        method = ("cash", "qris", "card")[number % 3]
        sale = checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry(method, cart.total)], cashier, "T01",
                        discount_limit_pct=100)
        first = first or sale.receipt_no
    refund(UnitOfWork(engine, write=True), manager, first, [RefundRequest(1, 1)], method="cash", restock=True,
           reason="Kemasan rusak", terminal="T01")
    engine.dispose()
    return path


@pytest.fixture
def engine(demo_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def open_tab(qtbot, engine, tmp_path):
    manager = login(UnitOfWork(engine), "manajer", "9999")
    context = AppContext(engine=engine, settings=Settings(), settings_path=tmp_path / "s.toml", user=manager)
    tab = dashboard_tab.build(context, None)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.loading and tab.board is not None, timeout=10_000)
    return tab


def label(tab, name: str) -> str:
    return tab.findChild(QLabel, name).text()


def test_dashboard_comes_right_after_the_alerts():
    second = tab_modules()[1]
    assert second is dashboard_tab and second.TITLE == "Dasbor"


def test_opens_on_today_with_the_services_totals(qtbot, engine, tmp_path):
    tab = open_tab(qtbot, engine, tmp_path)
    today = date.today()
    expected = dashboard(UnitOfWork(engine), today, today).totals
    assert tab.findChild(QComboBox, "dashboardPeriod").currentData() == "today"
    assert tab.period() == (today, today)
    assert expected.sales == 12 and expected.refunds > 0 and expected.discounts == 5000
    assert label(tab, "dashboardNet") == format_rupiah(expected.net)
    assert label(tab, "dashboardSalesCount") == format_number(expected.sales)
    assert label(tab, "dashboardAverage") == format_rupiah(expected.average_sale)
    assert label(tab, "dashboardItems") == format_number(expected.items_sold)
    assert label(tab, "dashboardRefunds") == format_rupiah(expected.refunds)
    assert not tab.findChild(QProgressBar, "dashboardBusy").isVisible()
    for name in ("dashboardByHour", "dashboardByMethod", "dashboardByRegency", "dashboardTopProducts",
                 "dashboardTopVendors", "dashboardSlowMovers"):
        assert tab.findChild(QLabel, f"{name}Title").text(), name


def test_chart_and_table_switch_and_match_the_service(qtbot, engine, tmp_path):
    tab = open_tab(qtbot, engine, tmp_path)
    board = tab.board
    panel = tab.panels["top_products"]
    assert panel.pages.currentIndex() == 0  # the chart first
    qtbot.mouseClick(tab.findChild(QPushButton, "dashboardTopProductsShowTable"), Qt.MouseButton.LeftButton)
    table = tab.findChild(QTableWidget, "dashboardTopProductsTable")
    assert panel.pages.currentWidget() is table
    assert table.rowCount() == len(board.top_products)
    assert [table.item(r, 4).text() for r in range(table.rowCount())] == [
        format_rupiah(p.net) for p in board.top_products]
    qtbot.mouseClick(tab.findChild(QPushButton, "dashboardTopProductsShowChart"), Qt.MouseButton.LeftButton)
    assert panel.pages.currentIndex() == 0
    regions = tab.findChild(QTableWidget, "dashboardByRegencyTable")
    assert regions.rowCount() == 22
    # the slow movers are a list: no chart to switch to
    assert not tab.findChild(QPushButton, "dashboardSlowMoversShowChart").isVisibleTo(tab)


def test_export_one_chart_as_csv(qtbot, engine, tmp_path):
    tab = open_tab(qtbot, engine, tmp_path)
    board = tab.board
    tab.save_path = tmp_path / "kabupaten.csv"
    with qtbot.waitSignal(tab.export_done, timeout=10_000) as done:
        qtbot.mouseClick(tab.findChild(QPushButton, "dashboardByRegencyExport"), Qt.MouseButton.LeftButton)
    assert done.args == [tab.save_path]
    raw = tab.save_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["Kabupaten/kota", "Jumlah UMKM", "Barang terjual", "Penjualan bersih", "Porsi (%)"]
    assert len(rows) == 1 + 22
    assert sum(int(row[3]) for row in rows[1:]) == board.totals.net
    assert rows[1][0] == board.by_regency[0].regency and int(rows[1][3]) == board.by_regency[0].net
    assert "disimpan" in label(tab, "dashboardStatus")


def test_presets_and_chosen_dates(qtbot, engine, tmp_path):
    tab = open_tab(qtbot, engine, tmp_path)
    tab.today = date(2026, 3, 18)
    for key, expected in (("yesterday", (date(2026, 3, 17),) * 2), ("last7", (date(2026, 3, 12), date(2026, 3, 18))),
                          ("month", (date(2026, 3, 1), date(2026, 3, 18)))):
        with qtbot.waitSignal(tab.loaded, timeout=10_000):
            tab.choose(key)
        assert tab.period() == expected and tab.board.date_from == expected[0]
        assert tab.board.totals.sales == 0
    assert "Belum ada penjualan" in tab.panels["by_hour"].emptyLabel.text()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.choose("today")
    tab.today = date(2026, 3, 19)  # the tab left open past midnight: "Hari ini" moves on with a reload
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        qtbot.mouseClick(tab.findChild(QPushButton, "dashboardRefresh"), Qt.MouseButton.LeftButton)
    assert tab.period() == (date(2026, 3, 19), date(2026, 3, 19))
    # typing a date switches to "Pilih tanggal..." and reads once typing stops; the end follows the start
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.findChild(QDateEdit, "dashboardFrom").setDate(date(2026, 4, 2))
    assert tab.findChild(QComboBox, "dashboardPeriod").currentData() == "custom"
    assert tab.period() == (date(2026, 4, 2), date(2026, 4, 2))


def test_a_late_result_for_an_older_period_is_ignored(qtbot, engine, tmp_path, monkeypatch):
    tab = open_tab(qtbot, engine, tmp_path)
    old_day = date.today() - timedelta(days=40)
    release = threading.Event()
    real = dashboard_tab.load

    def slow_for_the_old_day(engine_, date_from, date_to):
        if date_from == old_day:
            release.wait(10)
        return real(engine_, date_from, date_to)

    monkeypatch.setattr(dashboard_tab, "load", slow_for_the_old_day)
    tab.set_period(old_day, old_day)
    assert tab.findChild(QProgressBar, "dashboardBusy").isVisibleTo(tab)
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.choose("today")
    assert tab.board.date_from == date.today() and tab.board.totals.sales == 12
    release.set()
    wait_for_background()
    qtbot.wait(100)  # the old read's result is delivered now, and dropped
    assert tab.board.date_from == date.today()
    assert label(tab, "dashboardSalesCount") == "12"


def test_a_failed_read_is_shown(qtbot, engine, tmp_path, monkeypatch):
    tab = open_tab(qtbot, engine, tmp_path)

    def broken(*_args):
        raise DatabaseError("Database tidak dapat dihubungi. Periksa koneksi lalu coba lagi.")

    monkeypatch.setattr(dashboard_tab, "load", broken)
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        qtbot.mouseClick(tab.findChild(QPushButton, "dashboardRefresh"), Qt.MouseButton.LeftButton)
    assert "belum dapat dimuat" in label(tab, "dashboardStatus")
    box = tab.findChild(QLabel, "qt_msgbox_label")
    assert box is not None and "tidak dapat dihubungi" in box.text()


def test_english(qtbot, engine, tmp_path):
    set_language("en")
    tab = open_tab(qtbot, engine, tmp_path)
    assert tab.findChild(QComboBox, "dashboardPeriod").currentText() == "Today"
    assert label(tab, "dashboardTitle").startswith("Sales ")
    assert tab.sectionTabs.tabText(2) == "Vendors' regency"
    assert tab.panels["by_hour"].headline.text().startswith("Busiest hour: ")


def test_period_words_and_file_names():
    assert period_text(date(2026, 3, 18), date(2026, 3, 18)) == "Rabu, 18 Maret 2026"
    assert period_text(date(2026, 3, 1), date(2026, 3, 18)) == "1–18 Maret 2026"
    assert period_text(date(2026, 2, 25), date(2026, 3, 3)) == "25 Februari – 3 Maret 2026"
    assert period_text(date(2025, 12, 29), date(2026, 1, 4)) == "29 Desember 2025 – 4 Januari 2026"
    assert file_name("by_hour", date(2026, 3, 1), date(2026, 3, 18)) == "dasbor-per-jam-2026-03-01_2026-03-18.csv"
    assert file_name("slow_movers", date(2026, 3, 18), date(2026, 3, 18)) == "dasbor-barang-lambat-laku-2026-03-18.csv"
    assert hour_range_text(7) == "07.00–07.59"
    set_language("en")
    assert period_text(date(2026, 3, 1), date(2026, 3, 18)) == "1–18 March 2026"
    assert hour_range_text(7) == "07:00–07:59"

"""Selling beyond the stock in the system: "allow" sells and lists the product under "Stok minus",
"block" refuses (race-free between tills), the alerts section, the setting and the till."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QTreeWidget
from sqlalchemy import func, select, update

from factories import COFFEE, seed_store, seeded_database
from nttmart_pos.config import Settings, load_settings, save_settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.models import Counter, Product, Sale, SaleLine, StockMovement, User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.errors import ConfigError, ValidationError
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.stock import ledger_stock
from nttmart_pos.services.stock_alerts import negative_stock
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import alerts_tab
from nttmart_pos.ui.settings_dialog import SettingsDialog
from nttmart_pos.ui.worker import wait_for_background
from settlement_helpers import cart_product, journal_written_last, quick_user, sell

WAIT_MS = 15_000
BLOCK_TAIL = ("pengaturan toko menolak penjualan melebihi stok. Catat barang masuk dulu atau minta manajer "
              "mengubah pengaturan.")


def cart_of(engine, items: list[tuple[int, int]]) -> Cart:
    """(product id, pieces or grams) per line; weighed goods get a line each."""
    cart = Cart()
    for product_id, quantity in items:
        product = cart_product(engine, product_id)
        if product.measure == "weight":
            cart.add(product, grams=quantity)
        else:
            cart.add(product, quantity)
    return cart


def pay(engine, cashier, items, *, policy: str, terminal: str = "T01"):
    cart = cart_of(engine, items)
    return checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", cart.total)], cashier, terminal,
                    negative_stock=policy)


def stock_of(engine, product_id: int) -> int:
    with UnitOfWork(engine) as uow:
        stock = uow.session.get(Product, product_id).stock_on_hand
        assert stock == ledger_stock(uow.session, product_id)
        return stock


def count(engine, model) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


# -- the service ------------------------------------------------------------------

def test_allow_sells_beyond_stock_and_lists_the_product(engine):
    seed = seed_store(engine)
    ids, cashier = seed["ids"], seed["cashier"]
    result = pay(engine, cashier, [(ids["coffee"], 23), (ids["cashew"], 5250)], policy="allow")
    assert result.receipt_no == "T01-000001"
    assert stock_of(engine, ids["coffee"]) == -3 and stock_of(engine, ids["cashew"]) == -250  # grams
    sell(engine, cashier, [(ids["honey"], 4)])  # within stock: not listed
    with UnitOfWork(engine) as uow:
        sold_at = uow.session.scalar(select(StockMovement.created_at).where(
            StockMovement.product_id == ids["coffee"], StockMovement.kind == "sold"))
    rows = negative_stock(UnitOfWork(engine))
    assert [(r.vendor_code, r.vendor_name, r.product_name, r.barcode, r.unit, r.measure, r.stock_on_hand, r.active)
            for r in rows] == [
        ("KOPI01", "Kopi Bajawa Flores", "Kacang Mete Curah", "2100001", "kg", "weight", -250, True),
        ("KOPI01", "Kopi Bajawa Flores", "Kopi Arabika Bajawa 250 g", COFFEE, "pcs", "unit", -3, True)]
    assert rows[1].last_sold_at == sold_at == rows[1].negative_since
    assert rows[1].vendor_phone == ""


def test_the_list_shows_inactive_products_and_when_the_stock_last_went_below_zero(engine):
    seed = seed_store(engine)
    ids, cashier = seed["ids"], seed["cashier"]
    manager = quick_user(engine, "manajer", "manager")
    sell(engine, cashier, [(ids["honey"], 12)])  # 10 -> -2: below zero the first time
    receive_goods(UnitOfWork(engine, write=True), manager, "KOPI01", [IntakeLine(ids["honey"], 5)])  # 3
    sell(engine, cashier, [(ids["honey"], 2)])  # 1: still fine
    sell(engine, cashier, [(ids["honey"], 2)])  # -1: below zero again, this time
    sell(engine, cashier, [(ids["honey"], 1)])  # -2: still below zero, a later sale
    sell(engine, cashier, [(ids["scarf"], 6)])  # 5 -> -1, then the scarf is no longer sold
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(update(Product).where(Product.id == ids["scarf"]).values(active=False))
        honey_sales = uow.session.execute(select(StockMovement.created_at).where(
            StockMovement.product_id == ids["honey"], StockMovement.kind == "sold")
            .order_by(StockMovement.id)).scalars().all()
        uow.commit()
    rows = {r.product_name: r for r in negative_stock(UnitOfWork(engine))}
    assert sorted(rows) == ["Madu Hutan Timor 500 ml", "Selendang Tenun Rote"]
    honey = rows["Madu Hutan Timor 500 ml"]
    assert honey.stock_on_hand == -2
    assert honey.negative_since == honey_sales[2] and honey.last_sold_at == honey_sales[3]
    scarf = rows["Selendang Tenun Rote"]
    assert (scarf.active, scarf.vendor_code, scarf.stock_on_hand) == (False, "TENUN1", -1)


def test_an_empty_list_when_nothing_is_below_zero(engine):
    seed = seed_store(engine)
    sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 20)])  # exactly the stock: 0 is not negative
    assert negative_stock(UnitOfWork(engine)) == []


def test_block_refuses_and_writes_nothing(engine):
    seed = seed_store(engine)
    ids, cashier = seed["ids"], seed["cashier"]
    sell(engine, cashier, [(ids["coffee"], 18)])  # 2 left
    before = (count(engine, Sale), count(engine, SaleLine), count(engine, StockMovement))
    with pytest.raises(ValidationError) as refused:
        pay(engine, cashier, [(ids["honey"], 1), (ids["coffee"], 3)], policy="block")
    assert str(refused.value) == f"Stok Kopi Arabika Bajawa 250 g di sistem tinggal 2 pcs; {BLOCK_TAIL}"
    assert (count(engine, Sale), count(engine, SaleLine), count(engine, StockMovement)) == before
    assert stock_of(engine, ids["coffee"]) == 2 and stock_of(engine, ids["honey"]) == 10
    with UnitOfWork(engine) as uow:
        assert uow.session.get(Counter, "receipt:T01").value == 1  # the refused sale took no number

    with journal_written_last(engine) as transactions:  # within the stock: sold, the journal still written last
        result = pay(engine, cashier, [(ids["coffee"], 2)], policy="block")
    assert result.receipt_no == "T01-000002" and len(transactions) == 1
    assert stock_of(engine, ids["coffee"]) == 0
    with pytest.raises(ValidationError, match="^Stok Kopi Arabika Bajawa 250 g di sistem sudah habis; pengaturan"):
        pay(engine, cashier, [(ids["coffee"], 1)], policy="block")
    assert negative_stock(UnitOfWork(engine)) == []


def test_block_counts_grams_and_every_line_of_a_product(engine):
    seed = seed_store(engine)
    ids, cashier = seed["ids"], seed["cashier"]  # 5000 g of cashews
    with pytest.raises(ValidationError, match="^Stok Kacang Mete Curah di sistem tinggal 5,000 kg; "):
        pay(engine, cashier, [(ids["cashew"], 3000), (ids["cashew"], 2001)], policy="block")
    with pytest.raises(ValidationError) as refused:  # two products short: the first is named, the other counted
        pay(engine, cashier, [(ids["scarf"], 6), (ids["cashew"], 5001), (ids["honey"], 1)], policy="block")
    assert str(refused.value).startswith("Stok Selendang Tenun Rote di sistem tinggal 5 pcs; ")
    assert str(refused.value).endswith(" 1 barang lain di keranjang juga melebihi stok.")
    pay(engine, cashier, [(ids["cashew"], 3000), (ids["cashew"], 2000)], policy="block")
    assert stock_of(engine, ids["cashew"]) == 0


def test_block_names_a_stock_already_below_zero(engine):
    seed = seed_store(engine)
    ids, cashier = seed["ids"], seed["cashier"]
    pay(engine, cashier, [(ids["scarf"], 7)], policy="allow")
    with pytest.raises(ValidationError, match=r"^Stok Selendang Tenun Rote di sistem sudah minus \(-2 pcs\); "):
        pay(engine, cashier, [(ids["scarf"], 1)], policy="block")


def test_an_unknown_policy_is_a_programming_error(engine):
    seed = seed_store(engine)
    with pytest.raises(ValueError):
        pay(engine, seed["cashier"], [(seed["ids"]["coffee"], 1)], policy="maybe")


def test_two_tills_selling_the_last_piece_with_block_only_one_succeeds(engine):
    """Each round: one piece left, two tills (own connections) pay for it at the same moment."""
    seed = seed_store(engine)
    ids, cashier = seed["ids"], seed["cashier"]
    manager = quick_user(engine, "manajer", "manager")
    sell(engine, cashier, [(ids["honey"], 10)])
    for round_no in range(6):
        receive_goods(UnitOfWork(engine, write=True), manager, "KOPI01", [IntakeLine(ids["honey"], 1)])
        carts = {terminal: cart_of(engine, [(ids["coffee"], 1), (ids["honey"], 1)]) for terminal in ("T01", "T02")}
        barrier = threading.Barrier(2, timeout=20)
        outcomes: dict[str, object] = {}

        def till(terminal: str) -> None:
            cart = carts[terminal]
            uow = UnitOfWork(engine, write=True)
            barrier.wait()
            try:
                outcomes[terminal] = checkout(uow, cart, [PaymentEntry("cash", cart.total)], cashier, terminal,
                                              negative_stock="block").receipt_no
            except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
                outcomes[terminal] = exc

        threads = [threading.Thread(target=till, args=(terminal,)) for terminal in carts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        receipts = [o for o in outcomes.values() if isinstance(o, str)]
        refusals = [o for o in outcomes.values() if isinstance(o, ValidationError)]
        assert len(receipts) == 1 and len(refusals) == 1, (round_no, outcomes)
        assert "Madu Hutan Timor 500 ml di sistem sudah habis" in str(refusals[0])
        assert stock_of(engine, ids["honey"]) == 0
    assert stock_of(engine, ids["coffee"]) == 20 - 6
    assert count(engine, Sale) == 1 + 6


# -- the setting --------------------------------------------------------------------

def test_the_setting_is_checked_and_read_from_the_file(tmp_path):
    assert Settings().negative_stock == "allow"
    with pytest.raises(ConfigError, match="Aturan stok minus tidak dikenal: kadang"):
        Settings(negative_stock="kadang").validated()
    path = tmp_path / "settings.toml"
    save_settings(Settings(negative_stock="block"), path)
    assert load_settings(path).negative_stock == "block"
    path.write_text('[store]\nnegative_stock = "never"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(path)


def test_the_settings_combo_saves_the_policy(qtbot, tmp_path, sqlite_engine):
    manager = UserInfo(3, "manajer", "Agustina Lay", "manager")
    with UnitOfWork(sqlite_engine, write=True) as uow:
        uow.session.add(User(id=manager.id, username=manager.username, full_name=manager.full_name,
                             role=manager.role, pin_hash="-"))
        uow.commit()
    path = tmp_path / "settings.toml"
    dialog = SettingsDialog(Settings(), manager, path, open_uow=lambda write=False: UnitOfWork(sqlite_engine,
                                                                                                write=write))
    qtbot.addWidget(dialog)
    dialog.open()
    combo = dialog.findChild(QComboBox, "negativeStockCombo")
    assert [combo.itemData(i) for i in range(combo.count())] == ["allow", "block"]
    assert combo.currentData() == "allow"
    assert combo.itemText(0) == "Tetap dijual, lalu muncul di daftar Stok minus"
    dialog.grab().save(str(tmp_path / "settings.png"))
    combo.setCurrentIndex(combo.findData("block"))
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_settings(path).negative_stock == "block"
    again = SettingsDialog(load_settings(path), manager, path, open_uow=lambda write=False: None)
    qtbot.addWidget(again)
    assert again.findChild(QComboBox, "negativeStockCombo").currentData() == "block"


# -- the alerts section and the till ---------------------------------------------------

@pytest.fixture
def store(sqlite_url, tmp_path):
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    add_vendor(UnitOfWork(engine), VendorInput("DAPUR1", "Dapur Mama Lena", owner="Lena Ndun",
                                                phone="0813-3900-1122", regency="Kota Kupang"))
    seed["ids"]["cake"] = add_product(UnitOfWork(engine), ProductInput(None, "Kue Rambut 200 g", "DAPUR1", 15000,
                                                                        unit="bks", opening_stock=3))
    seed.update(engine=engine, tmp=tmp_path, manager=quick_user(engine, "manajer", "manager"))
    yield seed
    wait_for_background()
    engine.dispose()


def test_the_alerts_section_lists_the_negative_products(qtbot, store, tmp_path):
    ids, cashier, engine = store["ids"], store["cashier"], store["engine"]
    pay(engine, cashier, [(ids["cake"], 5), (ids["cashew"], 5400), (ids["coffee"], 2)], policy="allow")
    context = AppContext(engine, Settings(), tmp_path / "s.toml", store["manager"])
    tab = alerts_tab.build(context, None)
    qtbot.addWidget(tab)
    tab.resize(1100, 560)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.reload()
    assert tab.sections.tabText(3) == "Stok minus (2)"
    assert tab.sections.tabBar().tabTextColor(3).name() == "#b00020"
    tab.sections.setCurrentIndex(3)
    tree = tab.findChild(QTreeWidget, "negativeStockTable")
    assert tree.isVisible()
    headings = [tree.topLevelItem(g).text(0) for g in range(tree.topLevelItemCount())]
    assert headings == [
        "Dapur Mama Lena (DAPUR1) \u00b7 Lena Ndun \u00b7 telp. 0813-3900-1122 \u2014 1 barang",
        "Kopi Bajawa Flores (KOPI01) \u00b7 nomor telepon belum dicatat \u2014 1 barang"]
    cells = [[tree.topLevelItem(g).child(0).text(c) for c in range(3)] for g in range(2)]
    assert cells[0][0] == "Kue Rambut 200 g" and cells[0][2] == "-2 bks"
    assert cells[1][0] == "Kacang Mete Curah" and cells[1][2] == "-0,400 kg"
    assert tree.topLevelItem(0).child(0).text(3) != "-" and tree.topLevelItem(0).child(0).text(4) != "-"
    assert tree.topLevelItem(0).child(0).foreground(2).color().name() == "#b00020"
    assert tab.negativeStock.introLabel.text() == (
        "Barang terjual melebihi stok di sistem: periksa rak, lalu catat barang masuk atau stok opname.")
    assert tab.negativeStock.summaryLabel.text() == "2 barang dari 2 UMKM"
    tab.grab().save(str(tmp_path / "alerts-negative.png"))

    tab.save_path = tmp_path / "stok-minus.csv"
    with qtbot.waitSignal(tab.export_done, timeout=WAIT_MS) as done:
        qtbot.mouseClick(tab.findChild(QPushButton, "negativeStockExport"), Qt.MouseButton.LeftButton)
    assert done.args == [tab.save_path]
    lines = tab.save_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Kode UMKM,UMKM,Telepon,Barcode,Barang,Aktif,Stok,Satuan,Minus sejak,Terakhir terjual"
    assert lines[2].split(",")[:8] == ["KOPI01", "Kopi Bajawa Flores", "", "2100001", "Kacang Mete Curah", "ya",
                                       "-400", "gram"]


def test_the_alerts_section_says_so_when_nothing_is_negative(qtbot, store, tmp_path):
    context = AppContext(store["engine"], Settings(), tmp_path / "s.toml", store["manager"])
    tab = alerts_tab.build(context, None)
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT_MS):
        tab.reload()
    assert tab.sections.tabText(3) == "Stok minus (0)"
    tab.sections.setCurrentIndex(3)
    assert tab.findChild(QLabel, "negativeStockTableEmpty").isVisible()
    assert not tab.findChild(QPushButton, "negativeStockExport").isEnabled()


def test_the_till_passes_the_setting_to_checkout(qtbot, sqlite_url, tmp_path):
    from nttmart_pos.app import build
    from nttmart_pos.ui.cashier import CashierScreen
    from qt_helpers import child, type_and_enter

    settings_path = tmp_path / "settings.toml"
    save_settings(Settings(negative_stock="block"), settings_path)
    with seeded_database(sqlite_url, manager=False) as seed:
        sell(seed["engine"], seed["cashier"], [(seed["ids"]["coffee"], 19)])  # one left
        window = build(["--db", sqlite_url, "--config", str(settings_path), "--printer", "none"])
        qtbot.addWidget(window)
        qtbot.keyClicks(child(window, QLineEdit, "loginUser"), "kasir")
        qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "1234")
        qtbot.mouseClick(child(window, QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
        for _times in range(2):
            type_and_enter(qtbot, window, "scanInput", COFFEE)
        till = window.findChild(CashierScreen)
        till.complete_sale([PaymentEntry("cash", 130000)])
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and "Stok Kopi Arabika Bajawa 250 g di sistem tinggal 1 pcs" in box.text()
        assert count(seed["engine"], Sale) == 1 and not till.cart.is_empty  # nothing recorded, the cart kept
        wait_for_background()

"""The settings dialog: a manager saves to the file (journalled), a cashier is told no and nothing is written.

The fields sit on four tabs so the dialog fits a 1366x768 till screen; a test that types into a field first
clicks its tab, as a manager would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from nttmart_pos.config import Settings, load_settings
from nttmart_pos.db.models import User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.i18n import set_language
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.ui.settings_dialog import SettingsDialog

QRIS_STATIC = (
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215"
    "ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
)
CASHIER = UserInfo(1, "kasir", "Maria Bria", "cashier")
MANAGER = UserInfo(3, "manajer", "Agustina Lay", "manager")

OBJECT_NAMES = {
    QLineEdit: ["settingStoreName", "settingStoreAddress", "settingStorePhone", "settingFooter", "settingTerminal",
                "settingPrinter"],
    QComboBox: ["settingPaperWidth", "settingLanguage", "settingTaxMode"],
    QPlainTextEdit: ["settingQris"],
    QPushButton: ["settingsSave", "settingsCancel"],
    QSpinBox: ["discountLimitInput", "idleLockInput"],
}


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "settings.toml"


@pytest.fixture
def open_uow(sqlite_engine):
    """``AppContext.uow`` on a database that knows the dialog's users (a saved change is journalled)."""
    with UnitOfWork(sqlite_engine, write=True) as uow:
        for user in (CASHIER, MANAGER):
            uow.session.add(User(id=user.id, username=user.username, full_name=user.full_name, role=user.role,
                                 pin_hash="-"))
        uow.commit()
    return lambda write=False: UnitOfWork(sqlite_engine, write=write)


def make_dialog(qtbot, path, open_uow, user=MANAGER, settings=None) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), user, path, open_uow=open_uow)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def child(dialog, kind, name):
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def bring_forward(qtbot, dialog, widget: QWidget) -> None:
    """Click the tab that holds ``widget``, so it can be typed into."""
    tabs = child(dialog, QTabWidget, "settingsTabs")
    index = next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(widget))
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index and widget.isVisible()


def choose(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def error_box(dialog) -> QMessageBox | None:
    return dialog.findChild(QMessageBox, "errorBox")


def test_every_field_has_its_object_name_and_shows_the_settings(qtbot, path, open_uow):
    current = Settings(store_name="NTT Mart Oebobo", paper_width=80, language="en", tax_mode="pkp",
                       qris_static=QRIS_STATIC, printer_url="usb://0416:5011")
    dialog = make_dialog(qtbot, path, open_uow, settings=current)
    assert dialog.objectName() == "settingsDialog"
    for kind, names in OBJECT_NAMES.items():
        for name in names:
            child(dialog, kind, name)
    assert child(dialog, QLineEdit, "settingStoreName").text() == "NTT Mart Oebobo"
    assert child(dialog, QComboBox, "settingPaperWidth").currentData() == 80
    assert child(dialog, QComboBox, "settingLanguage").currentText() == "English"
    assert child(dialog, QComboBox, "settingTaxMode").currentText() == "PKP (PPN 12% termasuk harga)"
    assert dialog.entered_settings() == current


def test_manager_fills_fields_and_save_writes_the_file(qtbot, path, open_uow):
    dialog = make_dialog(qtbot, path, open_uow)
    name = child(dialog, QLineEdit, "settingStoreName")
    assert name.isVisible()  # the store tab comes first
    name.clear()
    qtbot.keyClicks(name, "NTT Mart Oesapa")
    printer = child(dialog, QLineEdit, "settingPrinter")
    bring_forward(qtbot, dialog, printer)
    printer.clear()
    qtbot.keyClicks(printer, "tcp://192.168.1.50:9100")
    terminal = child(dialog, QLineEdit, "settingTerminal")
    terminal.clear()
    qtbot.keyClicks(terminal, "T02")
    choose(child(dialog, QComboBox, "settingPaperWidth"), 80)
    choose(child(dialog, QComboBox, "settingTaxMode"), "pkp")
    choose(child(dialog, QComboBox, "settingLanguage"), "en")
    child(dialog, QPlainTextEdit, "settingQris").setPlainText(QRIS_STATIC + "\n")

    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)

    written = load_settings(path)
    assert blocker.args == [written]
    assert (written.store_name, written.printer_url, written.terminal_id) == (
        "NTT Mart Oesapa", "tcp://192.168.1.50:9100", "T02")
    assert (written.paper_width, written.tax_mode, written.language) == (80, "pkp", "en")
    assert written.qris_static == QRIS_STATIC
    assert dialog.result() == SettingsDialog.DialogCode.Accepted and not dialog.isVisible()
    assert error_box(dialog) is None


def test_cashier_sees_the_error_and_nothing_is_written(qtbot, path, open_uow):
    dialog = make_dialog(qtbot, path, open_uow, user=CASHIER)
    assert dialog.findChild(object, "settingsPermissionNote") is not None
    child(dialog, QLineEdit, "settingStoreName").setText("Toko Lain")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    box = error_box(dialog)
    assert box is not None and box.isVisible()
    assert "tidak boleh mengubah pengaturan" in box.text()  # the permission table's message
    assert dialog.isVisible()
    assert not path.exists()
    box.close()


def test_invalid_qris_shows_the_problem_and_is_not_saved(qtbot, path, open_uow):
    dialog = make_dialog(qtbot, path, open_uow)
    status = child(dialog, object, "settingQrisMerchant")
    qris = child(dialog, QPlainTextEdit, "settingQris")
    assert "Belum ada QRIS" in status.text()
    qris.setPlainText(QRIS_STATIC)
    assert status.text() == "Merchant: Warung Sayur Bu Sugeng"
    qris.setPlainText(QRIS_STATIC[:-4] + "0000")
    assert status.text() == "QRIS tidak dapat dipakai: CRC QRIS tidak cocok"
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert "CRC QRIS tidak cocok" in error_box(dialog).text()
    assert dialog.isVisible() and not path.exists()


def test_discount_limit_and_idle_lock_are_shown_and_saved(qtbot, path, open_uow):
    dialog = make_dialog(qtbot, path, open_uow, settings=Settings(discount_limit_pct=7, idle_lock_minutes=15))
    limit, idle = child(dialog, QSpinBox, "discountLimitInput"), child(dialog, QSpinBox, "idleLockInput")
    bring_forward(qtbot, dialog, limit)
    assert (limit.value(), limit.text(), idle.value(), idle.text()) == (7, "7 %", 15, "15 menit")
    assert (limit.minimum(), limit.maximum(), idle.minimum(), idle.maximum()) == (0, 100, 0, 240)
    limit.clear()
    qtbot.keyClicks(limit, "12")
    idle.setValue(0)
    assert idle.text() == "tidak pernah"
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    written = load_settings(path)
    assert (written.discount_limit_pct, written.idle_lock_minutes) == (12, 0)


def test_cancel_writes_nothing(qtbot, path, open_uow):
    dialog = make_dialog(qtbot, path, open_uow)
    child(dialog, QLineEdit, "settingStoreName").setText("Toko Lain")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(child(dialog, QPushButton, "settingsCancel"), Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Rejected and not path.exists()


def test_dialog_speaks_english_when_asked(qtbot, path, open_uow):
    set_language("en")
    dialog = make_dialog(qtbot, path, open_uow)
    assert dialog.windowTitle() == "Store Settings"
    assert child(dialog, QPushButton, "settingsSave").text() == "Save"
    assert child(dialog, QComboBox, "settingTaxMode").itemText(0) == "Not VAT-registered (no PPN)"




TABS = ["Toko", "Printer dan QRIS", "Kasir dan keamanan", "Cadangan"]
ON_TAB = {  # every field, by the tab it is on
    "Toko": ["settingStoreName", "settingStoreAddress", "settingStorePhone", "settingFooter", "settingLanguage",
             "settingTaxMode"],
    "Printer dan QRIS": ["settingTerminal", "settingPrinter", "settingPaperWidth", "settingQris",
                         "settingQrisMerchant"],
    "Kasir dan keamanan": ["discountLimitInput", "idleLockInput", "negativeStockCombo"],
    "Cadangan": ["backupFolderInput", "backupFolderBrowse", "backupKeepInput"],
}


@pytest.mark.parametrize("user", [MANAGER, CASHIER])
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_tab_fits_a_till_screen_with_the_buttons_in_sight(qtbot, path, open_uow, user, language):
    """1366x768 less the taskbar and the title bar leaves about 700 px: no tab may need more."""
    set_language(language)
    dialog = make_dialog(qtbot, path, open_uow, user=user)
    tabs = child(dialog, QTabWidget, "settingsTabs")
    assert tabs.count() == len(TABS)
    buttons = [child(dialog, QPushButton, name) for name in ("settingsSave", "settingsCancel")]
    for index, title in enumerate(TABS):
        tabs.setCurrentIndex(index)
        dialog.adjustSize()
        assert dialog.height() <= 700 and dialog.width() <= 1366, (title, dialog.size())
        assert all(button.isVisible() for button in buttons)
        for name in ON_TAB[title]:
            assert child(dialog, QWidget, name).isVisible(), (title, name)
    assert [tabs.tabText(i) for i in range(tabs.count())] == (
        TABS if language == "id" else ["Store", "Printer and QRIS", "Till and security", "Backup"])


@pytest.mark.parametrize(("field", "kind", "value", "tab"), [
    ("settingStoreName", QLineEdit, "   ", "Toko"),
    ("settingTerminal", QLineEdit, "KASIR-01", "Printer dan QRIS"),
    ("settingPrinter", QLineEdit, "lpt://1", "Printer dan QRIS"),
    ("settingQris", QPlainTextEdit, QRIS_STATIC[:-4] + "0000", "Printer dan QRIS"),
    ("backupFolderInput", QLineEdit, "D:\\cadangan\tlama", "Cadangan"),  # a tab pasted in
])
def test_a_refused_save_brings_the_refused_field_forward(qtbot, path, open_uow, field, kind, value, tab):
    """The error names the problem; its field may be on a tab not shown, so that tab comes forward."""
    dialog = make_dialog(qtbot, path, open_uow)
    tabs = child(dialog, QTabWidget, "settingsTabs")
    widget = child(dialog, kind, field)
    widget.setPlainText(value) if kind is QPlainTextEdit else widget.setText(value)
    tabs.setCurrentIndex(2 if tab != "Kasir dan keamanan" else 0)  # somewhere else
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    box = error_box(dialog)
    assert box is not None and box.isVisible()
    assert tabs.tabText(tabs.currentIndex()) == tab
    assert widget.isVisible() and dialog.focusWidget() is widget
    assert not path.exists()
    box.close()


def test_a_save_refused_only_for_permission_leaves_the_tab_alone(qtbot, path, open_uow):
    dialog = make_dialog(qtbot, path, open_uow, user=CASHIER)
    tabs = child(dialog, QTabWidget, "settingsTabs")
    tabs.setCurrentIndex(3)
    qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert "tidak boleh mengubah pengaturan" in error_box(dialog).text()
    assert tabs.currentIndex() == 3
    error_box(dialog).close()


def test_with_two_refused_fields_the_one_the_message_names_comes_forward(qtbot, path, open_uow):
    dialog = make_dialog(qtbot, path, open_uow)
    tabs = child(dialog, QTabWidget, "settingsTabs")
    child(dialog, QPlainTextEdit, "settingQris").setPlainText("bukan qris")
    name = child(dialog, QLineEdit, "settingStoreName")
    name.clear()
    tabs.setCurrentIndex(3)
    qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert "Nama toko tidak boleh kosong" in error_box(dialog).text()
    assert tabs.currentIndex() == 0 and dialog.focusWidget() is name
    error_box(dialog).close()

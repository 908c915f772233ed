"""The settings dialog: a manager saves to the file (journalled), a cashier is told no and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox

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
    name.clear()
    qtbot.keyClicks(name, "NTT Mart Oesapa")
    printer = child(dialog, QLineEdit, "settingPrinter")
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



"""The manager entry point: only managers see it; it opens the manager window and the store settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTabWidget

from factories import seed_store
from nttmart_pos.app import build
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.auth import create_user


def open_till(qtbot, sqlite_url, tmp_path, user, pin):
    engine = make_engine(sqlite_url)
    seed_store(engine)
    create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    window = build(["--db", sqlite_url, "--config", str(tmp_path / "s.toml")])
    qtbot.addWidget(window)
    window.findChild(QLineEdit, "loginUser").setText(user)
    window.findChild(QLineEdit, "loginPin").setText(pin)
    qtbot.mouseClick(window.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    return window


def test_cashier_has_no_manager_entry(qtbot, sqlite_url, tmp_path):
    window = open_till(qtbot, sqlite_url, tmp_path, "kasir", "1234")
    assert not window.findChild(QPushButton, "managerButton").isVisible()
    qtbot.keyClick(window.findChild(QLineEdit, "scanInput"), Qt.Key.Key_F10)
    assert window.manager is None


def test_manager_opens_the_manager_window_and_settings(qtbot, sqlite_url, tmp_path):
    window = open_till(qtbot, sqlite_url, tmp_path, "manajer", "9999")
    button = window.findChild(QPushButton, "managerButton")
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    manager = window.manager
    qtbot.addWidget(manager)
    assert manager.isVisible() and manager.findChild(QTabWidget, "managerTabs") is not None
    qtbot.mouseClick(manager.findChild(QPushButton, "managerSettings"), Qt.MouseButton.LeftButton)
    dialog = manager.findChild(QPushButton, "settingsSave").window()
    assert dialog.objectName() == "settingsDialog" and dialog.isVisible()

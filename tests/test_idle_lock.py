"""The till locks itself when nobody touches it: the open sale waits behind the lock, only the same user's
PIN unlocks (wrong ones count towards the lockout), scans are ignored, "Ganti pengguna" logs out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from sqlalchemy import select

from factories import COFFEE, seeded_database
from nttmart_pos.app import build
from nttmart_pos.config import Settings, save_settings
from nttmart_pos.db.models import User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter


@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url, codes=True) as seed:
        yield seed


def open_window(qtbot, sqlite_url, tmp_path, **settings):
    config = tmp_path / "settings.toml"
    save_settings(Settings(**settings), config)
    window = build(["--db", sqlite_url, "--config", str(config), "--printer", "none"])
    qtbot.addWidget(window)
    return window


@pytest.fixture
def window(qtbot, sqlite_url, store, tmp_path):
    window = open_window(qtbot, sqlite_url, tmp_path)
    yield window
    wait_for_background()


def log_in(qtbot, window, user="kasir", pin="1234"):
    child(window, QLineEdit, "loginUser").setText(user)
    child(window, QLineEdit, "loginPin").setText(pin)
    qtbot.mouseClick(child(window, QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    assert window.context.user is not None and window.context.user.username == user


def lock_after_idle(qtbot, window) -> QWidget:
    window.idle_lock.set_interval_ms(30)
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=3000)
    return child(window, QWidget, "idleLockDialog")


def enter_pin(qtbot, window, pin: str) -> str:
    """Type the PIN as a person does (not at a scanner's speed), Enter; the lock screen's message."""
    field = child(window, QLineEdit, "idleLockPin")
    field.setText(pin)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return child(window, QLabel, "idleLockMessage").text()


def failed_pins(engine, username="kasir") -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(User.failed_pins).where(User.username == username))


def test_idle_till_locks_and_the_sale_survives_unlocking(qtbot, window, store):
    log_in(qtbot, window)
    type_and_enter(qtbot, window, "scanInput", COFFEE)
    type_and_enter(qtbot, window, "scanInput", "2*" + store["codes"]["honey"])
    assert len(window.cashier.cart.lines) == 2
    lock = lock_after_idle(qtbot, window)
    assert lock.isVisible() and not window.cashier.isVisible()
    assert not child(window, QLineEdit, "scanInput").isVisible()
    assert "Maria Bria" in child(window, QLabel, "idleLockWho").text()
    assert "tetap tersimpan" in child(window, QLabel, "idleLockNote").text()

    message = enter_pin(qtbot, window, "9999")
    assert message == "PIN salah. Coba lagi."
    assert window.idle_lock.locked and failed_pins(store["engine"]) == 1  # counts towards the lockout

    message = enter_pin(qtbot, window, "1234")
    assert not window.idle_lock.locked and window.cashier.isVisible() and not lock.isVisible()
    assert [(line.product.name, line.quantity) for line in window.cashier.cart.lines] == [
        ("Kopi Arabika Bajawa 250 g", 1), ("Madu Hutan Timor 500 ml", 2)]
    assert failed_pins(store["engine"]) == 0 and window.context.user.username == "kasir"
    type_and_enter(qtbot, window, "scanInput", COFFEE)  # the till goes on where it was
    assert [line.quantity for line in window.cashier.cart.lines] == [2, 2]
    assert window.idle_lock.watcher.timer.isActive()  # watching again


def test_scans_and_till_keys_while_locked_do_nothing(qtbot, window, store):
    log_in(qtbot, window)
    type_and_enter(qtbot, window, "scanInput", COFFEE)
    lock_after_idle(qtbot, window)
    pin = child(window, QLineEdit, "idleLockPin")
    assert window.focusWidget() is pin
    type_and_enter(qtbot, window, "idleLockPin", COFFEE)  # the scanner types at its own speed
    assert "pindaian diabaikan" in child(window, QLabel, "idleLockMessage").text()
    assert failed_pins(store["engine"]) == 0 and pin.text() == ""
    type_and_enter(qtbot, window, "idleLockPin", "12345678")  # even one that looks like a PIN
    assert failed_pins(store["engine"]) == 0
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_F12, Qt.Key.Key_Delete, Qt.Key.Key_F2):
        qtbot.keyClick(pin, key)
    assert window.idle_lock.locked and len(window.cashier.cart.lines) == 1
    assert window.cashier.findChild(QWidget, "paymentDialog") is None or \
        not window.cashier.findChild(QWidget, "paymentDialog").isVisible()
    qtbot.keyClicks(pin, "1234", delay=50)  # typed by a person
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert not window.idle_lock.locked and len(window.cashier.cart.lines) == 1


def test_five_wrong_pins_at_the_lock_lock_the_user_out(qtbot, window, store):
    log_in(qtbot, window)
    lock_after_idle(qtbot, window)
    for _attempt in range(4):
        enter_pin(qtbot, window, "0000")
    assert "terkunci karena PIN salah 5 kali" in enter_pin(qtbot, window, "0000")
    assert "terkunci karena PIN salah" in enter_pin(qtbot, window, "1234")
    assert window.idle_lock.locked
    qtbot.mouseClick(child(window, QPushButton, "idleLogoutButton"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.login and window.context.user is None


def test_switch_user_waits_for_the_open_sale(qtbot, window, store):
    log_in(qtbot, window)
    type_and_enter(qtbot, window, "scanInput", COFFEE)
    lock_after_idle(qtbot, window)
    qtbot.mouseClick(child(window, QPushButton, "idleLogoutButton"), Qt.MouseButton.LeftButton)
    assert "masih terbuka" in child(window, QLabel, "idleLockMessage").text()
    assert window.idle_lock.locked and window.context.user.username == "kasir"
    enter_pin(qtbot, window, "1234")
    window.cashier.new_sale()  # the cashier finishes or cancels the sale ...
    lock_after_idle(qtbot, window)
    qtbot.mouseClick(child(window, QPushButton, "idleLogoutButton"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.login and window.context.user is None
    assert not window.idle_lock.watcher.timer.isActive()  # nobody to lock
    log_in(qtbot, window, "manajer", "9999")  # ... and the next one logs in
    assert window.stack.currentWidget() is window.cashier


def test_manager_window_hides_behind_the_lock(qtbot, window, store):
    log_in(qtbot, window, "manajer", "9999")
    qtbot.mouseClick(child(window, QPushButton, "managerButton"), Qt.MouseButton.LeftButton)
    manager = window.manager
    qtbot.addWidget(manager)
    assert manager.isVisible()
    lock_after_idle(qtbot, window)
    assert not manager.isVisible()
    enter_pin(qtbot, window, "9999")
    assert manager.isVisible() and not window.idle_lock.locked


def test_any_key_or_click_restarts_the_wait(qtbot, window):
    log_in(qtbot, window)
    window.idle_lock.set_interval_ms(600)
    for step in range(6):  # 1.5 s of work, never 0.6 s without a key or a click
        qtbot.wait(250)
        if step % 2:
            qtbot.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_A)
        else:
            qtbot.mouseClick(window.cashier.cartTable.viewport(), Qt.MouseButton.LeftButton)
        assert not window.idle_lock.locked
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=3000)


def test_lock_time_comes_from_the_settings_and_zero_never_locks(qtbot, sqlite_url, store, tmp_path):
    window = open_window(qtbot, sqlite_url, tmp_path, idle_lock_minutes=7)
    assert window.idle_lock.watcher.interval_ms == 7 * 60_000
    log_in(qtbot, window)
    assert window.idle_lock.watcher.timer.isActive()
    window.apply_settings(Settings(idle_lock_minutes=0))
    assert not window.idle_lock.watcher.timer.isActive()
    window.idle_lock.lock_now()  # by hand it still locks
    assert window.idle_lock.locked
    enter_pin(qtbot, window, "1234")
    assert not window.idle_lock.locked and not window.idle_lock.watcher.timer.isActive()


def test_nothing_locks_before_anyone_logs_in(qtbot, window):
    window.idle_lock.set_interval_ms(20)
    window.idle_lock.lock_now()
    qtbot.wait(80)
    assert not window.idle_lock.locked and window.stack.currentWidget() is window.login


def test_an_open_dialog_hides_behind_the_lock_and_comes_back(qtbot, window, store):
    log_in(qtbot, window)
    type_and_enter(qtbot, window, "scanInput", COFFEE)
    window.cashier.open_payment()
    dialog = window.cashier.findChild(QWidget, "paymentDialog")
    assert dialog is not None and dialog.isVisible()
    window.idle_lock.lock_now()
    assert not dialog.isVisible() and window.idle_lock.locked
    enter_pin(qtbot, window, "1234")
    assert dialog.isVisible() and dialog.isEnabled() and len(window.cashier.cart.lines) == 1
    dialog.reject()

"""Wrong PINs lock a user out: five in a row, for a time that doubles with each lock; logins and a
supervisor's override PIN count alike; the login screen says until when."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from sqlalchemy import select

from nttmart_pos.app import build
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import User, utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import AuthError
from nttmart_pos.services.auth import MAX_FAILED_PINS, authorize_override, create_user, login
from nttmart_pos.services.permissions import REFUND

LOCKED = "terkunci karena PIN salah"


def wrong_logins(engine, username: str, count: int, now) -> None:
    for _attempt in range(count):
        with pytest.raises(AuthError):
            login(UnitOfWork(engine, write=True), username, "0000", now=now)


def locks(engine) -> list[dict]:
    with UnitOfWork(engine) as work:
        rows = work.session.scalars(select(JournalEntry).where(JournalEntry.kind == "user.locked")
                                    .order_by(JournalEntry.seq))
        return [{"terminal": row.terminal, **json.loads(row.body)["data"]} for row in rows]


@pytest.fixture
def kasir(engine):
    return create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")


def test_five_wrong_pins_lock_the_user_even_against_the_right_pin(engine, kasir):
    now = utcnow()
    wrong_logins(engine, "kasir", MAX_FAILED_PINS - 1, now)
    assert locks(engine) == []
    with pytest.raises(AuthError, match=LOCKED):  # the fifth says so at once
        login(UnitOfWork(engine, write=True), "kasir", "0000", now=now, terminal="T03")
    with pytest.raises(AuthError, match=LOCKED) as refused:
        login(UnitOfWork(engine, write=True), "kasir", "1234", now=now + timedelta(seconds=59))
    until = (now + timedelta(minutes=1)).astimezone().strftime("%H:%M")
    assert f"setelah pukul {until}" in str(refused.value)
    [entry] = locks(engine)
    assert (entry["username"], entry["locks"], entry["terminal"]) == ("kasir", 1, "T03")
    # after the lock time the right PIN works again
    assert login(UnitOfWork(engine, write=True), "kasir", "1234", now=now + timedelta(minutes=1, seconds=1)) == kasir


def test_a_right_pin_before_the_fifth_starts_the_count_again(engine, kasir):
    now = utcnow()
    wrong_logins(engine, "kasir", MAX_FAILED_PINS - 1, now)
    login(UnitOfWork(engine, write=True), "kasir", "1234", now=now)
    wrong_logins(engine, "kasir", MAX_FAILED_PINS - 1, now)
    assert login(UnitOfWork(engine, write=True), "kasir", "1234", now=now) == kasir
    assert locks(engine) == []


def test_the_second_lock_lasts_twice_as_long(engine, kasir):
    first = utcnow()
    wrong_logins(engine, "kasir", MAX_FAILED_PINS, first)
    second = first + timedelta(minutes=1, seconds=5)
    wrong_logins(engine, "kasir", MAX_FAILED_PINS, second)  # the first lock is over: five more lock again
    for later in (timedelta(minutes=1, seconds=30), timedelta(minutes=1, seconds=59)):
        with pytest.raises(AuthError, match=LOCKED):
            login(UnitOfWork(engine, write=True), "kasir", "1234", now=second + later)
    assert login(UnitOfWork(engine, write=True), "kasir", "1234", now=second + timedelta(minutes=2, seconds=1))
    assert [(e["username"], e["locks"]) for e in locks(engine)] == [("kasir", 1), ("kasir", 2)]
    with UnitOfWork(engine) as work:
        user = work.session.scalar(select(User).where(User.username == "kasir"))
        assert (user.failed_pins, user.lock_count, user.locked_until) == (0, 0, None)


def test_wrong_override_pins_count_too(engine, kasir):
    create_user(UnitOfWork(engine), "spv", "Yohana Lado", "supervisor", "4711")
    now = utcnow()
    wrong_logins(engine, "spv", 2, now)
    for _attempt in range(MAX_FAILED_PINS - 2):
        with pytest.raises(AuthError):
            authorize_override(UnitOfWork(engine, write=True), "spv", "0000", REFUND, now=now, terminal="T01")
    with pytest.raises(AuthError, match=LOCKED):
        authorize_override(UnitOfWork(engine, write=True), "spv", "4711", REFUND, now=now)
    with pytest.raises(AuthError, match=LOCKED):
        login(UnitOfWork(engine, write=True), "spv", "4711", now=now)
    assert [(e["username"], e["terminal"]) for e in locks(engine)] == [("spv", "T01")]
    later = now + timedelta(minutes=2)
    assert authorize_override(UnitOfWork(engine, write=True), "spv", "4711", REFUND, now=later).approver.username == "spv"


def test_unknown_and_locked_users_do_not_lock_anyone_else(engine, kasir):
    now = utcnow()
    for _attempt in range(MAX_FAILED_PINS + 2):
        with pytest.raises(AuthError, match="Nama pengguna atau PIN salah"):
            login(UnitOfWork(engine, write=True), "tidakada", "1234", now=now)
    assert login(UnitOfWork(engine, write=True), "kasir", "1234", now=now) == kasir
    assert locks(engine) == []


# -- the login screen -------------------------------------------------------------------------------

def try_pin(qtbot, window, user: str, pin: str) -> str:
    window.findChild(QLineEdit, "loginUser").setText(user)
    window.findChild(QLineEdit, "loginPin").setText(pin)
    qtbot.mouseClick(window.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    return window.findChild(QLabel, "loginMessage").text()


def test_login_screen_locks_after_five_wrong_pins_and_says_until_when(qtbot, sqlite_url, tmp_path, monkeypatch):
    engine = make_engine(sqlite_url)
    create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")
    window = build(["--db", sqlite_url, "--config", str(tmp_path / "s.toml"), "--terminal", "T07"])
    qtbot.addWidget(window)
    for _attempt in range(MAX_FAILED_PINS - 1):
        assert try_pin(qtbot, window, "kasir", "4321") == "Nama pengguna atau PIN salah"
    message = try_pin(qtbot, window, "kasir", "4321")
    assert LOCKED in message and "pukul" in message
    message = try_pin(qtbot, window, "kasir", "1234")  # the right PIN, while locked
    assert LOCKED in message
    assert window.stack.currentWidget() is window.login and window.context.user is None
    assert window.findChild(QLineEdit, "loginPin").text() == ""
    assert [(e["username"], e["terminal"]) for e in locks(engine)] == [("kasir", "T07")]

    later = utcnow() + timedelta(minutes=1, seconds=5)
    monkeypatch.setattr("nttmart_pos.services.auth.utcnow", lambda: later)
    assert try_pin(qtbot, window, "kasir", "1234") == ""
    assert window.stack.currentWidget() is window.cashier and window.context.user.username == "kasir"
    engine.dispose()

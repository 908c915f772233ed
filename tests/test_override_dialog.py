"""The supervisor override dialog: a PIN-checked Approval for one action, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from sqlalchemy import select

from nttmart_pos.config import Settings
from nttmart_pos.db.models import User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.permissions import OPEN_DRAWER, VOID_LINE, VOID_SALE
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.override_dialog import request_override
from qt_helpers import child


@pytest.fixture
def people(engine):
    return {"cashier": create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234"),
            "supervisor": create_user(UnitOfWork(engine), "sari", "Sari Ndun", "supervisor", "5678")}


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def context(engine, user) -> AppContext:
    return AppContext(engine=engine, settings=Settings(), settings_path=Path("unused.toml"), user=user)


def failed_pins(engine, username) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(User.failed_pins).where(User.username == username))


def enter(qtbot, dialog, user, pin):
    child(dialog, QLineEdit, "overrideUser").setText(user)
    pin_field = child(dialog, QLineEdit, "overridePin")
    pin_field.setText(pin)
    qtbot.keyClick(pin_field, Qt.Key.Key_Return)


def test_own_role_runs_at_once_without_a_dialog(engine, people, parent):
    got = []
    assert request_override(parent, context(engine, people["cashier"]), VOID_LINE, got.append) is None
    assert got == [None]


def test_wrong_pin_says_so_and_counts_once_then_the_right_pin_approves(qtbot, engine, people, parent):
    got = []
    dialog = request_override(parent, context(engine, people["cashier"]), VOID_SALE, got.append,
                              detail="2 baris, Rp215.000")
    assert dialog.objectName() == "overrideDialog" and dialog.isVisible()
    assert "membatalkan seluruh transaksi" in child(dialog, QLabel, "overrideTitle").text()
    assert child(dialog, QLabel, "overrideDetail").text() == "2 baris, Rp215.000"
    enter(qtbot, dialog, "sari", "0000")
    assert "PIN salah" in child(dialog, QLabel, "overrideMessage").text()
    assert child(dialog, QLineEdit, "overridePin").text() == "" and dialog.isVisible() and got == []
    assert failed_pins(engine, "sari") == 1  # Enter submits once, not once more through the default button
    enter(qtbot, dialog, "sari", "5678")
    [approval] = got
    assert (approval.approver.full_name, approval.permission) == ("Sari Ndun", VOID_SALE)
    assert not dialog.isVisible() and failed_pins(engine, "sari") == 0


def test_a_cashier_cannot_approve_and_cancel_does_nothing(qtbot, engine, people, parent):
    got = []
    dialog = request_override(parent, context(engine, people["cashier"]), OPEN_DRAWER, got.append)
    enter(qtbot, dialog, "kasir", "1234")
    assert "tidak boleh mengizinkan" in child(dialog, QLabel, "overrideMessage").text()
    qtbot.mouseClick(child(dialog, QPushButton, "overrideCancel"), Qt.MouseButton.LeftButton)
    assert got == [] and not dialog.isVisible()

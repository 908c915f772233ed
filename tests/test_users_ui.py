"""The admin's "Pengguna" tab: only admins see it; add a user, change a role, reset a PIN, deactivate."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget, QTabWidget

from sqlalchemy import select

from nttmart_pos.config import Settings
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import AuthError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import create_user, login
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager.users import UsersTab
from nttmart_pos.ui.manager.window import ManagerWindow
from qt_helpers import child


@pytest.fixture
def engine(sqlite_url):
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def admin(engine):
    return create_user(UnitOfWork(engine), "admin", "Agustina Lay", "admin", "2580")


@pytest.fixture
def kasir(engine):
    return create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")


def context_for(engine, user, tmp_path) -> AppContext:
    return AppContext(engine=engine, settings=Settings(terminal_id="T04"), settings_path=tmp_path / "s.toml",
                      user=user)


@pytest.fixture
def tab(qtbot, engine, admin, kasir, tmp_path) -> UsersTab:
    tab = UsersTab(context_for(engine, admin, tmp_path))
    qtbot.addWidget(tab)
    tab.show()
    return tab


def table(tab) -> list[tuple[str, ...]]:
    widget = child(tab, QTableWidget, "usersTable")
    return [tuple(widget.item(r, c).text() for c in range(widget.columnCount())) for r in range(widget.rowCount())]


def click(widget, name) -> None:
    button = child(widget, QPushButton, name)
    assert button.isEnabled(), name
    button.click()


def tab_titles(window) -> list[str]:
    tabs = child(window, QTabWidget, "managerTabs")
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_only_admins_see_the_users_tab(qtbot, engine, admin, tmp_path):
    manager = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    for user, visible in ((admin, True), (manager, False)):
        window = ManagerWindow(context_for(engine, user, tmp_path))
        qtbot.addWidget(window)
        titles = tab_titles(window)
        assert ("Pengguna" in titles) is visible
        assert "UMKM" in titles and "Barang" in titles  # the other tabs stay for both
    assert window.findChild(QTableWidget, "usersTable") is None


def test_the_table_shows_role_active_and_lock(tab, engine, kasir):
    for _attempt in range(5):
        with pytest.raises(AuthError):
            login(UnitOfWork(engine, write=True), "kasir", "0000")
    tab.reload()
    rows = table(tab)
    assert [row[:4] for row in rows] == [("admin", "Agustina Lay", "Admin", "ya"), ("kasir", "Maria Bria", "Kasir", "ya")]
    assert rows[0][4] == "-" and rows[1][4] != "-"  # kasir is locked: until when
    for name in ("changeRoleButton", "resetPinButton", "toggleActiveButton"):
        assert not child(tab, QPushButton, name).isEnabled()  # nothing chosen yet
    assert child(tab, QPushButton, "addUserButton").isEnabled()


def test_add_a_user_through_the_dialog(qtbot, tab, engine):
    click(tab, "addUserButton")
    dialog = tab.dialog
    assert dialog.objectName() == "addUserDialog" and dialog.isVisible()
    qtbot.keyClicks(child(dialog, QLineEdit, "newUserName"), "yohana")
    qtbot.keyClicks(child(dialog, QLineEdit, "newUserFullName"), "Yohana Lado")
    role = child(dialog, QComboBox, "newUserRole")
    role.setCurrentIndex(role.findData("supervisor"))
    assert "Seperti kasir" in child(dialog, QLabel, "newUserRoleHint").text()
    qtbot.keyClicks(child(dialog, QLineEdit, "newUserPin"), "4711")
    qtbot.keyClicks(child(dialog, QLineEdit, "newUserPinRepeat"), "4712")
    click(dialog, "addUserSave")
    assert child(dialog, QLabel, "addUserMessage").text() == "PIN dan ulangan PIN tidak sama"
    assert dialog.isVisible() and len(table(tab)) == 2
    qtbot.keyClicks(child(dialog, QLineEdit, "newUserPinRepeat"), "4711")
    click(dialog, "addUserSave")
    assert not dialog.isVisible()
    assert ("yohana", "Yohana Lado", "Supervisor", "ya", "-", "0") in table(tab)
    assert "Yohana Lado ditambahkan" in child(tab, QLabel, "usersStatus").text()
    assert tab.current().username == "yohana"
    assert login(UnitOfWork(engine, write=True), "yohana", "4711").role == "supervisor"


def test_a_refused_user_keeps_the_dialog_open_with_the_reason(qtbot, tab):
    click(tab, "addUserButton")
    dialog = tab.dialog
    child(dialog, QLineEdit, "newUserName").setText("kasir")
    child(dialog, QLineEdit, "newUserPin").setText("1111")
    child(dialog, QLineEdit, "newUserPinRepeat").setText("1111")
    click(dialog, "addUserSave")
    assert "sudah dipakai" in child(dialog, QLabel, "addUserMessage").text() and dialog.isVisible()
    click(dialog, "addUserCancel")
    assert len(table(tab)) == 2


def test_change_role(qtbot, tab, engine):
    tab.select_user("kasir")
    click(tab, "changeRoleButton")
    dialog = tab.dialog
    assert dialog.objectName() == "changeRoleDialog"
    combo = child(dialog, QComboBox, "changeRoleCombo")
    assert combo.currentData() == "cashier"
    combo.setCurrentIndex(combo.findData("manager"))
    click(dialog, "changeRoleSave")
    assert not dialog.isVisible()
    assert table(tab)[1][:3] == ("kasir", "Maria Bria", "Manajer")
    assert child(tab, QLabel, "usersStatus").text() == "Maria Bria sekarang Manajer."
    with UnitOfWork(engine) as uow:
        entry = uow.session.scalar(select(JournalEntry).where(JournalEntry.kind == "user.role"))
        assert (entry.user_name, entry.terminal, entry.ref) == ("Agustina Lay", "T04", "kasir")


def test_an_admin_cannot_demote_themselves_in_the_dialog(qtbot, tab):
    tab.select_user("admin")
    click(tab, "changeRoleButton")
    combo = child(tab.dialog, QComboBox, "changeRoleCombo")
    combo.setCurrentIndex(combo.findData("cashier"))
    click(tab.dialog, "changeRoleSave")
    assert "akun Anda sendiri" in child(tab.dialog, QLabel, "changeRoleMessage").text()
    assert table(tab)[0][2] == "Admin"


def test_reset_pin_lifts_the_lock(qtbot, tab, engine):
    for _attempt in range(5):
        with pytest.raises(AuthError):
            login(UnitOfWork(engine, write=True), "kasir", "0000")
    tab.reload()
    tab.select_user("kasir")
    click(tab, "resetPinButton")
    dialog = tab.dialog
    assert dialog.objectName() == "resetPinDialog"
    child(dialog, QLineEdit, "resetPinInput").setText("8642")
    child(dialog, QLineEdit, "resetPinRepeat").setText("8642")
    click(dialog, "resetPinSave")
    assert not dialog.isVisible()
    assert table(tab)[1][4] == "-"
    assert "kuncinya dibuka" in child(tab, QLabel, "usersStatus").text()
    assert login(UnitOfWork(engine, write=True), "kasir", "8642").username == "kasir"


def test_deactivate_and_activate_after_confirming(qtbot, tab, engine):
    tab.select_user("kasir")
    toggle = child(tab, QPushButton, "toggleActiveButton")
    assert toggle.text() == "Nonaktifkan"
    box = tab.toggle_active()
    assert box.objectName() == "toggleActiveConfirm" and "Maria Bria" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert table(tab)[1][3] == "ya"
    box = tab.toggle_active()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert table(tab)[1][3] == "tidak" and toggle.text() == "Aktifkan"
    with pytest.raises(AuthError):
        login(UnitOfWork(engine, write=True), "kasir", "1234")
    tab.toggle_active().button(QMessageBox.StandardButton.Yes).click()
    assert table(tab)[1][3] == "ya"
    assert login(UnitOfWork(engine, write=True), "kasir", "1234").username == "kasir"


def test_the_admin_cannot_deactivate_themselves(qtbot, tab):
    tab.select_user("admin")
    tab.toggle_active().button(QMessageBox.StandardButton.Yes).click()
    box = tab.findChild(QMessageBox, "errorBox")
    assert box is not None and "akun Anda sendiri" in box.text()
    box.close()
    assert table(tab)[0][3] == "ya"


def test_tab_speaks_english(qtbot, engine, admin, tmp_path):
    from nttmart_pos.i18n import set_language

    set_language("en")
    tab = UsersTab(context_for(engine, admin, tmp_path))
    qtbot.addWidget(tab)
    assert child(tab, QPushButton, "addUserButton").text() == "Add user..."
    assert table(tab)[0][2:4] == ("Admin", "yes")
    assert _("Pengguna") == "User"

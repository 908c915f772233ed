"""The "Pengguna" tab of the manager window, for admins only: add users, change a role, reset a PIN
(which also lifts a lock from wrong PINs), deactivate and activate.

``services.users`` checks every change again and journals it; this screen only
gathers what was typed.  A user is never deleted: their sales stay theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableWidget, QVBoxLayout, QWidget)

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.users import ROLES
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.permissions import MANAGE_USERS
from nttmart_pos.services.users import UserRow, add_user, change_role, list_users, reset_pin, set_active
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.widgets import read_only_cell

TITLE = "Pengguna"
ORDER = 90
PERMISSION = MANAGE_USERS

# Untranslated Indonesian texts; shown through _().
ROLE_NAMES = {"cashier": "Kasir", "supervisor": "Supervisor", "manager": "Manajer", "admin": "Admin"}
ROLE_HINTS = {
    "cashier": "Menjual, membatalkan baris, mencetak ulang struk dan menutup shift.",
    "supervisor": "Seperti kasir, ditambah membatalkan transaksi, pengembalian uang, diskon di atas batas, "
                  "mengubah harga, membuka laci dan kas masuk/keluar. PIN-nya bisa menyetujui hal itu untuk kasir.",
    "manager": "Seperti supervisor, ditambah barang, UMKM, stok, setoran UMKM, laporan dan pengaturan toko.",
    "admin": "Seperti manajer, ditambah mengelola pengguna.",
}
COLUMNS = ("Nama pengguna", "Nama lengkap", "Peran", "Aktif", "Terkunci sampai", "PIN salah")
OK, PROBLEM, MUTED = "#1b5e20", "#b00020", "#8a8a8a"


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return UsersTab(context, parent)


def role_name(role: str) -> str:
    return _(ROLE_NAMES[role]) if role in ROLE_NAMES else role


def locked_text(row: UserRow) -> str:
    return row.locked_until.astimezone().strftime("%d-%m-%Y %H:%M") if row.locked() else "-"


def _pin_field(name: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(8)
    field.setPlaceholderText(_("4-8 angka"))
    return field


def _role_combo(name: str, current: str = "cashier") -> tuple[QComboBox, QLabel]:
    combo = QComboBox(objectName=name)
    for role in ROLES:
        combo.addItem(role_name(role), role)
    hint = QLabel(objectName=f"{name}Hint")
    hint.setWordWrap(True)
    hint.setStyleSheet("color: #555555;")
    combo.currentIndexChanged.connect(lambda _i: hint.setText(_(ROLE_HINTS[combo.currentData()])))
    combo.setCurrentIndex(combo.findData(current))
    hint.setText(_(ROLE_HINTS[combo.currentData()]))
    return combo, hint


class _FormDialog(QDialog):
    """A small form with a message line and save/cancel; stays open with the message on an error."""

    succeeded = Signal(object)  # what the service returned

    def __init__(self, name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.message = QLabel(objectName=f"{name.removesuffix('Dialog')}Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {PROBLEM};")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save = QPushButton(_("Simpan"), objectName=f"{name.removesuffix('Dialog')}Save")
        self.save.setDefault(True)
        self.save.clicked.connect(lambda _checked=False: self.submit())
        cancel = QPushButton(_("Batal"), objectName=f"{name.removesuffix('Dialog')}Cancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        row.addWidget(self.save)
        row.addWidget(cancel)
        layout.addLayout(row)

    def submit(self) -> None:
        raise NotImplementedError

    def attempt(self, work: Callable[[], object]) -> None:
        try:
            result = work()
        except PosError as exc:
            self.message.setText(user_message(exc))
            return
        self.succeeded.emit(result)
        self.accept()

    def pins_match(self, pin: QLineEdit, again: QLineEdit) -> bool:
        if pin.text() == again.text():
            return True
        self.message.setText(_("PIN dan ulangan PIN tidak sama"))
        again.clear()
        again.setFocus()
        return False


class AddUserDialog(_FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("addUserDialog", _("Pengguna baru"), parent)
        self.context = context
        self.username = QLineEdit(objectName="newUserName")
        self.username.setMaxLength(40)
        self.username.setPlaceholderText(_("mis. maria (huruf kecil, tanpa spasi)"))
        self.full_name = QLineEdit(objectName="newUserFullName")
        self.full_name.setMaxLength(120)
        self.full_name.setPlaceholderText(_("mis. Maria Bria"))
        self.role, hint = _role_combo("newUserRole")
        self.pin = _pin_field("newUserPin")
        self.pin_again = _pin_field("newUserPinRepeat")
        self.form.addRow(_("Nama pengguna"), self.username)
        self.form.addRow(_("Nama lengkap"), self.full_name)
        self.form.addRow(_("Peran"), self.role)
        self.form.addRow("", hint)
        self.form.addRow(_("PIN pertama"), self.pin)
        self.form.addRow(_("Ulangi PIN"), self.pin_again)

    def submit(self) -> None:
        if self.pins_match(self.pin, self.pin_again):
            self.attempt(lambda: add_user(self.context.uow(write=True), self.context.user, self.username.text(),
                                          self.full_name.text(), self.role.currentData(), self.pin.text(),
                                          terminal=self.context.settings.terminal_id))


class ChangeRoleDialog(_FormDialog):
    def __init__(self, context: AppContext, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__("changeRoleDialog", _("Ubah peran {name}", name=user.full_name), parent)
        self.context, self.user = context, user
        self.role, hint = _role_combo("changeRoleCombo", user.role)
        self.form.addRow(_("Pengguna"), QLabel(f"{user.full_name} ({user.username})"))
        self.form.addRow(_("Peran"), self.role)
        self.form.addRow("", hint)

    def submit(self) -> None:
        self.attempt(lambda: change_role(self.context.uow(write=True), self.context.user, self.user.id,
                                         self.role.currentData(), terminal=self.context.settings.terminal_id))


class ResetPinDialog(_FormDialog):
    def __init__(self, context: AppContext, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__("resetPinDialog", _("Atur ulang PIN {name}", name=user.full_name), parent)
        self.context, self.user = context, user
        note = QLabel(_("Ketik PIN baru bersama {name}, atau berikan secara pribadi. Kunci karena PIN salah ikut "
                        "dibuka.", name=user.full_name))
        note.setWordWrap(True)
        self.pin = _pin_field("resetPinInput")
        self.pin_again = _pin_field("resetPinRepeat")
        self.form.addRow(note)
        self.form.addRow(_("PIN baru"), self.pin)
        self.form.addRow(_("Ulangi PIN"), self.pin_again)

    def submit(self) -> None:
        if self.pins_match(self.pin, self.pin_again):
            self.attempt(lambda: reset_pin(self.context.uow(write=True), self.context.user, self.user.id,
                                           self.pin.text(), terminal=self.context.settings.terminal_id))


class UsersTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersTab")
        self.context = context
        self.rows: list[UserRow] = []
        self.dialog: QDialog | None = None  # the dialog last opened (tests drive it)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Siapa yang boleh masuk ke kasir ini. Pengguna tidak pernah dihapus: nonaktifkan yang "
                         "sudah berhenti, riwayat transaksinya tetap tersimpan. Setiap perubahan dicatat di "
                         "jurnal."), objectName="usersIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS), objectName="usersTable")
        self.table.setHorizontalHeaderLabels([_(text) for text in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self.selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.status = QLabel(objectName="usersStatus")
        self.status.setWordWrap(True)
        buttons.addWidget(self.status, 1)
        self.addUserButton = self._button("addUserButton", _("Tambah pengguna..."), self.add_user)
        self.changeRoleButton = self._button("changeRoleButton", _("Ubah peran..."), self.change_role)
        self.resetPinButton = self._button("resetPinButton", _("Atur ulang PIN..."), self.reset_pin)
        self.toggleActiveButton = self._button("toggleActiveButton", _("Nonaktifkan"), self.toggle_active)
        for button in (self.addUserButton, self.changeRoleButton, self.resetPinButton, self.toggleActiveButton):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setMinimumHeight(34)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- the list ---------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        """Read the users again; select the user ``keep`` (an id) or the one selected before."""
        if keep is None and (current := self.current()) is not None:
            keep = current.id
        try:
            self.rows = list_users(UnitOfWork(self.context.engine), self.context.user)
        except PosError as exc:
            show_error(self, exc)
            self.rows = []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = (row.username, row.full_name, role_name(row.role), _("ya") if row.active else _("tidak"),
                     locked_text(row), str(row.failed_pins))
            for column, text in enumerate(cells):
                item = read_only_cell(text, align_right=column == 5)
                if not row.active:
                    item.setForeground(QBrush(QColor(MUTED)))
                elif column == 4 and row.locked():
                    item.setForeground(QBrush(QColor(PROBLEM)))
                self.table.setItem(index, column, item)
        selected = next((i for i, row in enumerate(self.rows) if row.id == keep), None)
        if selected is not None:
            self.table.selectRow(selected)
        self.selection_changed()

    def current(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select_user(self, username: str) -> None:
        for index, row in enumerate(self.rows):
            if row.username == username:
                self.table.selectRow(index)

    def selection_changed(self) -> None:
        user = self.current()
        for button in (self.changeRoleButton, self.resetPinButton, self.toggleActiveButton):
            button.setEnabled(user is not None)
        self.toggleActiveButton.setText(_("Aktifkan") if user is not None and not user.active else _("Nonaktifkan"))

    def show_status(self, text: str, color: str = OK) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {color};")

    # -- actions ----------------------------------------------------------------
    def _open(self, dialog: _FormDialog, on_done: Callable[[object], None]) -> _FormDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(on_done)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_user(self) -> _FormDialog:
        def added(user) -> None:
            self.show_status(_("{name} ditambahkan sebagai {role}; bisa masuk dengan nama pengguna {username}.",
                               name=user.full_name, role=role_name(user.role), username=user.username))
            self.reload(keep=user.id)

        return self._open(AddUserDialog(self.context, self), added)

    def change_role(self) -> _FormDialog | None:
        user = self.current()
        if user is None:
            return None

        def changed(row: UserRow) -> None:
            self.show_status(_("{name} sekarang {role}.", name=row.full_name, role=role_name(row.role)))
            self.reload(keep=row.id)

        return self._open(ChangeRoleDialog(self.context, user, self), changed)

    def reset_pin(self) -> _FormDialog | None:
        user = self.current()
        if user is None:
            return None

        def reset(row: UserRow) -> None:
            self.show_status(_("PIN {name} sudah diganti; kuncinya dibuka.", name=row.full_name))
            self.reload(keep=row.id)

        return self._open(ResetPinDialog(self.context, user, self), reset)

    def toggle_active(self) -> QMessageBox | None:
        user = self.current()
        if user is None:
            return None
        if user.active:
            title = _("Nonaktifkan pengguna")
            text = _("Nonaktifkan {name} ({username})?\n\nIa tidak bisa masuk atau memberi PIN persetujuan lagi. "
                     "Riwayat transaksinya tetap tersimpan, dan ia bisa diaktifkan lagi kapan saja.",
                     name=user.full_name, username=user.username)
        else:
            title = _("Aktifkan pengguna")
            text = _("Aktifkan lagi {name} ({username})?", name=user.full_name, username=user.username)
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("toggleActiveConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(title)
        box.button(QMessageBox.StandardButton.No).setText(_("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(lambda b: self._set_active(user, not user.active)
                                  if box.standardButton(b) == yes else None)
        box.open()
        return box

    def _set_active(self, user: UserRow, active: bool) -> None:
        try:
            row = set_active(self.context.uow(write=True), self.context.user, user.id, active,
                             terminal=self.context.settings.terminal_id)
        except PosError as exc:
            show_error(self, exc)
            return
        if row.active:
            self.show_status(_("{name} aktif lagi.", name=row.full_name))
        else:
            self.show_status(_("{name} dinonaktifkan; riwayat transaksinya tetap tersimpan.", name=row.full_name))
        self.reload(keep=row.id)

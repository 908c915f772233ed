"""Login screen: user name and PIN.

Wrong PINs count towards the user's lockout (``services.auth.login`` writes
them), so the screen logs in through a write unit of work; a locked user
reads until when.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo, login
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import user_message


class LoginScreen(QWidget):
    logged_in = Signal(object)  # UserInfo

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        outer = QVBoxLayout(self)
        outer.addStretch()
        card = QFrame(objectName="loginCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(400)
        card.setMaximumWidth(460)
        card.setStyleSheet("QLineEdit, QPushButton { font-size: 16px; padding: 4px; }")
        form = QFormLayout(card)
        title = QLabel(context.settings.store_name, objectName="loginTitle")
        title.setStyleSheet("font-size: 24px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form.addRow(title)
        form.addRow(QLabel(_("Masuk untuk mulai berjualan"), alignment=Qt.AlignmentFlag.AlignCenter))
        self.user = QLineEdit(objectName="loginUser")
        self.user.setPlaceholderText(_("mis. kasir"))
        self.pin = QLineEdit(objectName="loginPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText(_("4-8 angka"))
        form.addRow(_("Pengguna"), self.user)
        form.addRow(_("PIN"), self.pin)
        self.button = QPushButton(_("Masuk"), objectName="loginButton")
        self.button.setMinimumHeight(40)
        self.button.setDefault(True)
        form.addRow(self.button)
        self.message = QLabel(objectName="loginMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        # room for a two-line message (a lock says until when), so the card does not jump or overlap
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 8)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.message)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch()
        self.user.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)

    def submit(self) -> None:
        try:
            user: UserInfo = login(self.context.uow(write=True), self.user.text(), self.pin.text(),
                                   terminal=self.context.settings.terminal_id)
        except PosError as exc:
            self.message.setText(user_message(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.message.clear()
        self.pin.clear()
        self.logged_in.emit(user)

    def reset(self) -> None:
        self.user.clear()
        self.pin.clear()
        self.message.clear()
        self.user.setFocus()

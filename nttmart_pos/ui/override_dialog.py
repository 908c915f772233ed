"""Manager override: a supervisor or manager allows one action with their PIN.

``request_override`` opens a small dialog (objectName ``overrideDialog``)
asking for an approver's user name and PIN.  The PIN is checked by
``services.auth.authorize_override`` (wrong PINs count towards that user's
lockout) and the resulting ``Approval`` is handed to ``on_approved``; the
service the caller then runs checks it again and records both names.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import authorize_override
from nttmart_pos.services.permissions import Approval, allowed, permission_label
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import user_message


class OverrideDialog(QDialog):
    def __init__(self, context: AppContext, permission: str, detail: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overrideDialog")
        self.context = context
        self.permission = permission
        self.approval: Approval | None = None
        self.setWindowTitle(_("Izin supervisor"))
        layout = QVBoxLayout(self)
        title = QLabel(_("Perlu izin supervisor atau manajer untuk {action}.",
                         action=permission_label(permission)), objectName="overrideTitle")
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(title)
        if detail:
            info = QLabel(detail, objectName="overrideDetail")
            info.setWordWrap(True)
            layout.addWidget(info)
        form = QFormLayout()
        self.userInput = QLineEdit(objectName="overrideUser")
        self.userInput.setPlaceholderText(_("mis. supervisor"))
        self.pinInput = QLineEdit(objectName="overridePin")
        self.pinInput.setEchoMode(QLineEdit.EchoMode.Password)
        self.pinInput.setMaxLength(8)
        form.addRow(_("Pengguna"), self.userInput)
        form.addRow(_("PIN"), self.pinInput)
        layout.addLayout(form)
        self.message = QLabel(objectName="overrideMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancelButton = QPushButton(_("Batal (Esc)"), objectName="overrideCancel")
        self.okButton = QPushButton(_("Izinkan (Enter)"), objectName="overrideOk")
        self.okButton.setStyleSheet("font-weight: bold;")
        self.okButton.setMinimumHeight(38)
        for button in (self.cancelButton, self.okButton):
            # no default button: Enter in the user field only moves to the PIN, Enter in the PIN submits
            # once (a default button would submit again with the PIN just cleared: two wrong PINs counted)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.insertStretch(1)
        self.okButton.clicked.connect(self.submit)
        self.cancelButton.clicked.connect(self.reject)
        layout.addLayout(buttons)
        self.userInput.returnPressed.connect(self.pinInput.setFocus)
        self.pinInput.returnPressed.connect(self.submit)
        self.setMinimumWidth(380)
        self.userInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        try:
            self.approval = authorize_override(self.context.uow(write=True), self.userInput.text(),
                                               self.pinInput.text(), self.permission,
                                               terminal=self.context.settings.terminal_id)
        except PosError as exc:
            self.message.setText(user_message(exc))
            self.pinInput.clear()
            self.pinInput.setFocus()
            return
        self.accept()


def request_override(parent: QWidget, context: AppContext, permission: str,
                     on_approved: Callable[[Approval | None], None], *, detail: str = "") -> OverrideDialog | None:
    """Run ``on_approved`` once the action is allowed.

    If the logged-in user's own role allows ``permission`` it runs at once
    with ``None``; otherwise an ``OverrideDialog`` opens (and is returned) and
    ``on_approved`` runs with the approval after a right PIN.  Cancelling
    does nothing.
    """
    if allowed(context.user, permission):
        on_approved(None)
        return None
    dialog = OverrideDialog(context, permission, detail, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a later request gets a fresh dialog
    dialog.accepted.connect(lambda: on_approved(dialog.approval))
    dialog.open()
    return dialog

"""The till's small shift dialogs: opening a shift with its float, and cash in/out
of the drawer with a reason.  Each gathers input and calls one service."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from nttmart_pos.domain.money import format_rupiah, parse_rupiah
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.permissions import CASH_IN_OUT
from nttmart_pos.services.shifts import MAX_REASON, cash_movement, open_shift
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.override_dialog import request_override

FIELD_STYLE = "font-size: 20px; padding: 4px;"
HINT_STYLE = "color: #b00020;"


def _money_field(name: str, placeholder: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setPlaceholderText(placeholder)
    field.setStyleSheet(FIELD_STYLE)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    field.setMaxLength(20)
    return field


def _amount(field: QLineEdit, hint: QLabel) -> int | None:
    """The Rupiah typed in ``field``, or None with the reason in ``hint``."""
    text = field.text().strip()
    try:
        amount = parse_rupiah(text) if text else None
    except PosError as exc:
        hint.setText(str(exc))
        return None
    hint.setText("" if amount is not None else _("Isi jumlah uangnya dulu"))
    return amount


class OpenShiftDialog(QDialog):
    """Asks the opening float (modal awal) and opens the terminal's shift."""

    opened = Signal(object)  # services.shifts.ShiftInfo

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("shiftOpenDialog")
        self.setWindowTitle(_("Buka shift"))
        layout = QVBoxLayout(self)
        title = QLabel(_("Buka shift - terminal {terminal}", terminal=context.settings.terminal_id),
                       objectName="shiftOpenTitle")
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(title)
        text = QLabel(_("Belum ada shift terbuka di terminal ini. Hitung uang modal di laci, ketik jumlahnya, "
                        "lalu tekan Buka shift."), wordWrap=True)
        layout.addWidget(text)
        form = QFormLayout()
        self.floatField = _money_field("shiftFloat", _("mis. 200.000"))
        form.addRow(_("Modal awal (Rp)"), self.floatField)
        layout.addLayout(form)
        self.hint = QLabel(objectName="shiftOpenHint", wordWrap=True)
        self.hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        later = QPushButton(_("Nanti"), objectName="shiftOpenLater")
        later.clicked.connect(self.reject)
        self.openButton = QPushButton(_("Buka shift"), objectName="shiftOpen")
        self.openButton.setMinimumHeight(44)
        self.openButton.setDefault(True)
        self.openButton.setStyleSheet("font-size: 16px; font-weight: bold; background: #1565c0; color: white;")
        self.openButton.clicked.connect(self.submit)
        self.floatField.returnPressed.connect(self.submit)
        buttons.addWidget(later)
        buttons.addStretch()
        buttons.addWidget(self.openButton)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)

    def submit(self) -> None:
        amount = _amount(self.floatField, self.hint)
        if amount is None:
            return
        try:
            info = open_shift(self.context.uow(write=True), self.context.user, self.context.settings.terminal_id,
                              amount)
        except PosError as exc:
            show_error(self, exc, _("Shift belum dibuka"))
            return
        self.opened.emit(info)
        self.accept()


class CashMovementDialog(QDialog):
    """Cash put into or taken out of the drawer during the shift (kas masuk/keluar), with its reason."""

    saved = Signal(object)  # services.shifts.CashMovementInfo

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("shiftCashDialog")
        self.setWindowTitle(_("Kas masuk/keluar"))
        layout = QVBoxLayout(self)
        kinds = QHBoxLayout()
        self.inButton = QRadioButton(_("Kas masuk"), objectName="shiftCashIn")
        self.outButton = QRadioButton(_("Kas keluar"), objectName="shiftCashOut")
        self.outButton.setChecked(True)  # money leaving the drawer is by far the common case
        group = QButtonGroup(self)
        for button in (self.inButton, self.outButton):
            button.setStyleSheet("font-size: 16px;")
            group.addButton(button)
            kinds.addWidget(button)
        kinds.addStretch()
        layout.addLayout(kinds)
        form = QFormLayout()
        self.amountField = _money_field("shiftCashAmount", _("mis. 50.000"))
        self.reasonField = QLineEdit(objectName="shiftCashReason")
        self.reasonField.setMaxLength(MAX_REASON)
        self.reasonField.setPlaceholderText(_("wajib, mis. beli plastik, setor ke bank, tambah uang kecil"))
        form.addRow(_("Jumlah (Rp)"), self.amountField)
        form.addRow(_("Alasan"), self.reasonField)
        layout.addLayout(form)
        self.hint = QLabel(objectName="shiftCashHint", wordWrap=True)
        self.hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        cancel = QPushButton(_("Batal"), objectName="shiftCashCancel")
        cancel.clicked.connect(self.reject)
        self.saveButton = QPushButton(_("Simpan"), objectName="shiftCashSave")
        self.saveButton.setMinimumHeight(44)
        self.saveButton.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.saveButton.clicked.connect(self.submit)
        buttons.addWidget(cancel)
        buttons.addStretch()
        buttons.addWidget(self.saveButton)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        amount = _amount(self.amountField, self.hint)
        if amount is None:
            return
        reason = self.reasonField.text().strip()
        if not reason:
            self.hint.setText(_("Alasan wajib diisi"))
            self.reasonField.setFocus()
            return
        kind = "in" if self.inButton.isChecked() else "out"
        # a cashier needs a supervisor's PIN (the service checks it again)
        detail = (_("Kas masuk {amount}: {reason}", amount=format_rupiah(amount), reason=reason) if kind == "in"
                  else _("Kas keluar {amount}: {reason}", amount=format_rupiah(amount), reason=reason))
        request_override(self, self.context, CASH_IN_OUT, lambda approval: self._save(kind, amount, reason, approval),
                         detail=detail)

    def _save(self, kind: str, amount: int, reason: str, approval) -> None:
        try:
            info = cash_movement(self.context.uow(write=True), self.context.user, self.context.settings.terminal_id,
                                 kind, amount, reason, approval=approval)
        except PosError as exc:
            show_error(self, exc, _("Kas masuk/keluar belum tercatat"))
            return
        self.saved.emit(info)
        self.accept()


def movement_message(info) -> str:
    """What the till's status line says after a cash movement."""
    if info.kind == "in":
        text = _("Kas masuk {amount} tercatat.", amount=format_rupiah(info.amount))
    else:
        text = _("Kas keluar {amount} tercatat.", amount=format_rupiah(info.amount))
    return text + " " + _("Uang di laci seharusnya {amount}.", amount=format_rupiah(info.expected_cash))


"""Asking the cashier why: voiding a line or a sale, opening the drawer.

``ReasonDialog`` shows what is about to happen and an editable combo box of
quick reasons; one reason is preselected so that the common case is a single
Enter, and typing replaces it.  It emits ``chosen(reason)`` and changes
nothing itself.  Object names are built from a prefix: ``voidDialog``,
``voidReasonInput``, ``voidOkButton``, ``voidCancelButton``, ``voidMessage``
for voids, ``drawerDialog``... for the drawer.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget)

from nttmart_pos.domain.cart import REASON_MAX
from nttmart_pos.i18n import _


def void_line_reasons() -> tuple[str, ...]:
    return _("Salah pindai"), _("Pelanggan tidak jadi membeli"), _("Barang rusak"), _("Harga tidak sesuai")


def void_sale_reasons() -> tuple[str, ...]:
    return _("Pelanggan batal belanja"), _("Uang pelanggan kurang"), _("Salah pindai"), _("Transaksi uji coba")


def drawer_reasons() -> tuple[str, ...]:
    return _("Tukar uang kecil"), _("Salah kembalian"), _("Periksa uang di laci")


def reason_combo(name: str, reasons: Sequence[str], default: str = "") -> QComboBox:
    """An editable combo box of quick ``reasons``; ``default`` is preselected, else it starts empty.

    An editable combo box keeps Enter to itself, so the dialog connects
    ``combo.lineEdit().returnPressed`` to its submit.
    """
    combo = QComboBox(objectName=name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(reasons))
    combo.lineEdit().setMaxLength(REASON_MAX)
    combo.lineEdit().setPlaceholderText(_("Tulis alasan atau pilih (panah bawah)"))
    combo.setEditText(default)
    combo.lineEdit().selectAll()
    combo.setStyleSheet("font-size: 16px;")
    return combo


def reason_text(combo: QComboBox) -> str:
    return " ".join(combo.currentText().split())


def dialog_buttons(prefix: str, ok_text: str, dialog: QDialog) -> tuple[QHBoxLayout, QPushButton]:
    """Cancel (Esc) on the left, the default OK button on the right."""
    row = QHBoxLayout()
    cancel = QPushButton(_("Batal (Esc)"), objectName=f"{prefix}CancelButton")
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    ok = QPushButton(ok_text, objectName=f"{prefix}OkButton")
    ok.setDefault(True)
    ok.setMinimumHeight(42)
    ok.setStyleSheet("font-size: 15px; font-weight: bold;")
    row.addWidget(cancel)
    row.addStretch()
    row.addWidget(ok)
    return row, ok


def message_label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    return label


class ReasonDialog(QDialog):
    chosen = Signal(str)  # the reason, one line, never empty

    def __init__(self, prefix: str, title: str, detail: str, reasons: Sequence[str], default: str, ok_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}Dialog")
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        heading = QLabel(detail, objectName=f"{prefix}Detail")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(QLabel(_("Alasan (wajib diisi)")))
        self.reasonInput = reason_combo(f"{prefix}ReasonInput", reasons, default)
        layout.addWidget(self.reasonInput)
        self.message = message_label(f"{prefix}Message")
        layout.addWidget(self.message)
        row, self.okButton = dialog_buttons(prefix, ok_text, self)
        self.okButton.clicked.connect(self.submit)
        self.reasonInput.lineEdit().returnPressed.connect(self.submit)
        self.reasonInput.editTextChanged.connect(lambda _text: self.message.clear())
        layout.addLayout(row)
        self.setMinimumWidth(440)
        self.reasonInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        reason = reason_text(self.reasonInput)
        if not reason:
            self.message.setText(_("Alasan harus diisi"))
            self.reasonInput.setFocus()
            return
        self.chosen.emit(reason)
        self.accept()


def void_dialog(detail: str, *, whole_sale: bool, parent: QWidget | None = None) -> ReasonDialog:
    """The reason for voiding a line (default "Salah pindai") or the whole sale."""
    if whole_sale:
        reasons = void_sale_reasons()
        return ReasonDialog("void", _("Batalkan transaksi"), detail, reasons, reasons[0],
                            _("Batalkan transaksi (Enter)"), parent)
    reasons = void_line_reasons()
    return ReasonDialog("void", _("Hapus barang"), detail, reasons, reasons[0], _("Hapus (Enter)"), parent)


def drawer_dialog(parent: QWidget | None = None) -> ReasonDialog:
    """The reason for opening the drawer without a sale (no default: it must be said)."""
    return ReasonDialog("drawer", _("Buka laci"), _("Buka laci uang tanpa transaksi"), drawer_reasons(), "",
                        _("Buka laci (Enter)"), parent)

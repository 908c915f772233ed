"""The "Bayar setoran" dialog: how approved payouts were paid (transfer, e-wallet or cash
from the drawer), the transfer reference and the date; the tab calls the service."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.i18n import _
from nttmart_pos.ui.manager.settlement_model import method_text

METHODS = ("transfer", "ewallet", "cash")
NEEDS_REFERENCE = ("transfer", "ewallet")
SHOWN = 8  # payouts listed by name in the dialog


class PayDialog(QDialog):
    """Calls ``on_pay(method, reference, paid_on)`` when the manager confirms; the dialog then closes."""

    def __init__(self, parent: QWidget, payouts: list[tuple[str, str, int]], terminal: str, default_method: str,
                 on_pay: Callable[[str, str, date], None]) -> None:
        super().__init__(parent)
        self.setObjectName("settlementPayDialog")
        self.setWindowTitle(_("Bayar setoran UMKM"))
        self.setMinimumWidth(460)
        self.terminal = terminal
        self.on_pay = on_pay
        layout = QVBoxLayout(self)
        # (number, vendor, amount) of each payout; the amounts are shown, never added up here
        shown = "".join(f"<tr><td>{html.escape(number)}</td><td>{html.escape(vendor)}</td>"
                        f"<td align='right'><b>{format_rupiah(amount)}</b></td></tr>"
                        for number, vendor, amount in payouts[:SHOWN])
        if len(payouts) > SHOWN:
            shown += "<tr><td colspan='3'>{}</td></tr>".format(
                html.escape(_("... dan {count} setoran lain", count=len(payouts) - SHOWN)))
        intro = QLabel(html.escape(_("Tandai {count} setoran berikut sebagai dibayar:", count=len(payouts)))
                       + f"<table cellspacing='0' cellpadding='3'>{shown}</table>")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.method = QComboBox(objectName="settlementPayMethod")
        for method in METHODS:
            self.method.addItem(method_text(method), method)
        if default_method in METHODS:
            self.method.setCurrentIndex(METHODS.index(default_method))
        form.addRow(_("Cara bayar"), self.method)
        self.reference = QLineEdit(objectName="settlementPayReference")
        self.reference.setMaxLength(80)
        form.addRow(_("No. referensi"), self.reference)
        self.paidOn = QDateEdit(QDate.currentDate(), objectName="settlementPayDate")
        self.paidOn.setCalendarPopup(True)
        self.paidOn.setDisplayFormat("dd-MM-yyyy")
        self.paidOn.setMaximumDate(QDate.currentDate())  # a payment is never dated in the future
        form.addRow(_("Tanggal bayar"), self.paidOn)
        layout.addLayout(form)
        self.hint = QLabel(objectName="settlementPayHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #455a64;")
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.okButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.okButton.setText(_("Tandai dibayar"))
        self.okButton.setObjectName("settlementPayConfirm")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Batal"))
        cancel.setObjectName("settlementPayCancel")
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.method.currentIndexChanged.connect(lambda _index: self._refresh())
        self.reference.textChanged.connect(lambda _text: self._refresh())
        self._refresh()

    def chosen_method(self) -> str:
        return self.method.currentData()

    def _refresh(self) -> None:
        method = self.chosen_method()
        needs = method in NEEDS_REFERENCE
        self.reference.setEnabled(needs)
        self.reference.setPlaceholderText(_("wajib, mis. nomor bukti transfer") if needs else _("tidak perlu"))
        if method == "cash":
            self.hint.setText(_("Uang diambil dari laci kasir terminal {terminal}; shift di terminal itu harus "
                                "terbuka. Pengeluarannya tercatat sebagai kas keluar.", terminal=self.terminal))
        elif not self.reference.text().strip():
            self.hint.setText(_("Isi nomor referensi dari bukti transfer atau e-wallet."))
        else:
            self.hint.setText("")
        self.okButton.setEnabled(not needs or bool(self.reference.text().strip()))

    def _confirm(self) -> None:
        if not self.okButton.isEnabled():
            return
        reference = self.reference.text().strip() if self.chosen_method() in NEEDS_REFERENCE else ""
        self.accept()
        self.on_pay(self.chosen_method(), reference, self.paidOn.date().toPython())

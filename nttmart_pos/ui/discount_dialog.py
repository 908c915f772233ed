"""The discount dialog (F6): an amount or a percentage off the selected line or the whole sale.

It only collects the discount and emits ``chosen(target, amount, reason)``
with ``target`` "line" or "sale" and the amount in whole Rupiah (a percentage
is converted with ``domain.cart.percent_of``, half up).  Whether the cashier
may give that much is decided by the till (override) and by the checkout.
Typing ``10%`` switches to percent by itself; Enter gives the discount.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QGridLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout,
                               QWidget)

from nttmart_pos.domain.cart import percent_of
from nttmart_pos.domain.money import format_rupiah, parse_rupiah
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.ui.void_dialog import dialog_buttons, message_label, reason_combo, reason_text


def discount_reasons() -> tuple[str, ...]:
    return _("Barang cacat ringan"), _("Promo toko"), _("Pelanggan tetap"), _("Kedaluwarsa dekat")


class DiscountDialog(QDialog):
    chosen = Signal(str, object, str)  # "line" | "sale", amount in Rupiah, reason

    def __init__(self, line_name: str | None, line_base: int, sale_base: int, parent: QWidget | None = None) -> None:
        """``line_base``: the selected line before its discount; ``sale_base``: the sale after line discounts."""
        super().__init__(parent)
        self.setObjectName("discountDialog")
        self.setWindowTitle(_("Diskon"))
        self.setModal(True)
        self.line_base, self.sale_base = line_base, sale_base
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Diskon untuk")), 0, 0)
        line_text = _("&Baris: {name} ({amount})", name=line_name, amount=format_rupiah(line_base)) \
            if line_name is not None else _("&Baris (belum ada baris terpilih)")
        self.lineRadio = QRadioButton(line_text, objectName="discountLineRadio")
        self.saleRadio = QRadioButton(_("&Seluruh transaksi ({amount})", amount=format_rupiah(sale_base)),
                                      objectName="discountSaleRadio")
        grid.addWidget(self.lineRadio, 0, 1)
        grid.addWidget(self.saleRadio, 1, 1)
        grid.addWidget(QLabel(_("Dalam")), 2, 0)
        self.amountRadio = QRadioButton(_("&Rupiah"), objectName="discountAmountRadio")
        self.percentRadio = QRadioButton(_("&Persen (%)"), objectName="discountPercentRadio")
        grid.addWidget(self.amountRadio, 2, 1)
        grid.addWidget(self.percentRadio, 3, 1)
        for first, second in ((self.lineRadio, self.saleRadio), (self.amountRadio, self.percentRadio)):
            group = QButtonGroup(self)
            group.addButton(first)
            group.addButton(second)
            first.toggled.connect(self._update_preview)
        grid.addWidget(QLabel(_("Besar diskon")), 4, 0)
        self.valueInput = QLineEdit(objectName="discountValueInput")
        self.valueInput.setPlaceholderText(_("mis. 5.000 atau 10%"))
        self.valueInput.setMaxLength(20)
        self.valueInput.setStyleSheet("font-size: 20px;")
        self.valueInput.textChanged.connect(self._value_typed)
        grid.addWidget(self.valueInput, 4, 1)
        grid.addWidget(QLabel(_("Alasan (wajib diisi)")), 5, 0)
        self.reasonInput = reason_combo("discountReasonInput", discount_reasons())
        grid.addWidget(self.reasonInput, 5, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.preview = QLabel(objectName="discountPreview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.message = message_label("discountMessage")
        layout.addWidget(self.message)
        row, self.okButton = dialog_buttons("discount", _("Beri diskon (Enter)"), self)
        self.okButton.clicked.connect(self.submit)
        self.reasonInput.lineEdit().returnPressed.connect(self.submit)
        self.reasonInput.editTextChanged.connect(lambda _text: self.message.clear())
        layout.addLayout(row)
        self.lineRadio.setEnabled(line_name is not None)
        (self.lineRadio if line_name is not None else self.saleRadio).setChecked(True)
        self.amountRadio.setChecked(True)
        self.setMinimumWidth(520)
        self.valueInput.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def target(self) -> str:
        return "line" if self.lineRadio.isChecked() else "sale"

    @property
    def base(self) -> int:
        return self.line_base if self.target == "line" else self.sale_base

    def amount(self) -> int:
        """The discount in Rupiah for what is typed; raises ``PosError`` if it is not valid."""
        text = self.valueInput.text().strip().rstrip("%").strip()
        if not text:
            raise ValidationError(_("Isi besar diskon"))
        if self.percentRadio.isChecked():
            if not text.isdigit():
                raise ValidationError(_("Persen harus bilangan bulat 0 sampai 100"))
            return percent_of(self.base, int(text))
        return parse_rupiah(text)

    def _value_typed(self, text: str) -> None:
        if text.strip().endswith("%") and not self.percentRadio.isChecked():
            self.percentRadio.setChecked(True)
        self._update_preview()

    def _update_preview(self) -> None:
        self.message.clear()
        try:
            amount = self.amount()
        except PosError:
            amount = None
        too_much = amount is not None and amount > self.base
        color = "#b00020" if too_much else "#0d47a1"
        self.preview.setStyleSheet(f"font-size: 17px; font-weight: bold; color: {color};")
        if amount is None:
            self.preview.setText(_("Sebelum diskon {amount}", amount=format_rupiah(self.base)))
            return
        if too_much:
            self.preview.setText(_("Diskon {amount} melebihi {base}", amount=format_rupiah(amount),
                                   base=format_rupiah(self.base)))
            return
        self.preview.setText(_("Diskon {amount}: {before} menjadi {after}", amount=format_rupiah(amount),
                               before=format_rupiah(self.base), after=format_rupiah(self.base - amount)))

    def submit(self) -> None:
        try:
            amount = self.amount()
            if amount > self.base:
                raise ValidationError(_("Diskon tidak boleh melebihi {amount}", amount=format_rupiah(self.base)))
            reason = reason_text(self.reasonInput)
            if amount and not reason:
                self.reasonInput.setFocus()
                raise ValidationError(_("Alasan harus diisi"))
        except PosError as exc:
            self.message.setText(str(exc))
            return
        self.chosen.emit(self.target, amount, reason)
        self.accept()

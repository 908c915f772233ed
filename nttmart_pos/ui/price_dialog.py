"""The price dialog (F7): sell the selected line at another price, with a reason.

It only collects the new price per piece (per kg for weighed goods) and the
reason, and emits ``chosen(price, reason)``; the till asks for a
supervisor's PIN when the cashier's role needs one and then changes the cart.
Typing the catalogue price again undoes an earlier change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from nttmart_pos.domain.money import format_number, format_rupiah, parse_rupiah
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.ui.void_dialog import dialog_buttons, message_label, reason_combo, reason_text


def price_reasons() -> tuple[str, ...]:
    return _("Harga di rak berbeda"), _("Harga promo"), _("Barang cacat ringan"), _("Harga belum diperbarui")


class PriceDialog(QDialog):
    chosen = Signal(object, str)  # the new price per piece (per kg), the reason ("" when back to the catalogue)

    def __init__(self, name: str, catalogue_price: int, current_price: int, per_kg: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceDialog")
        self.setWindowTitle(_("Ubah harga"))
        self.setModal(True)
        self.catalogue_price = catalogue_price
        suffix = "/kg" if per_kg else ""
        layout = QVBoxLayout(self)
        heading = QLabel(name, objectName="priceProduct")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 17px; font-weight: bold;")
        layout.addWidget(heading)
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Harga katalog")), 0, 0)
        catalogue = QLabel(format_rupiah(catalogue_price) + suffix, objectName="priceCatalogue")
        catalogue.setStyleSheet("font-size: 16px;")
        grid.addWidget(catalogue, 0, 1)
        grid.addWidget(QLabel(_("Harga baru") + (" (/kg)" if per_kg else "")), 1, 0)
        self.priceInput = QLineEdit(format_number(current_price), objectName="priceInput")
        self.priceInput.setMaxLength(20)
        self.priceInput.setStyleSheet("font-size: 20px;")
        self.priceInput.textChanged.connect(lambda _text: self.message.clear())
        grid.addWidget(self.priceInput, 1, 1)
        grid.addWidget(QLabel(_("Alasan (wajib diisi)")), 2, 0)
        self.reasonInput = reason_combo("priceReasonInput", price_reasons())
        grid.addWidget(self.reasonInput, 2, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        hint = QLabel(_("Ketik harga katalog untuk mengembalikan harga semula."), objectName="priceHint")
        hint.setStyleSheet("color: #546e7a;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.message = message_label("priceMessage")
        layout.addWidget(self.message)
        row, self.okButton = dialog_buttons("price", _("Pakai harga ini (Enter)"), self)
        self.okButton.clicked.connect(self.submit)
        self.reasonInput.lineEdit().returnPressed.connect(self.submit)
        self.reasonInput.editTextChanged.connect(lambda _text: self.message.clear())
        layout.addLayout(row)
        self.setMinimumWidth(460)
        self.priceInput.selectAll()
        self.priceInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        try:
            price = parse_rupiah(self.priceInput.text())
            if price <= 0:
                raise ValidationError(_("Harga harus lebih dari nol"))
            reason = reason_text(self.reasonInput)
            if price != self.catalogue_price and not reason:
                self.reasonInput.setFocus()
                raise ValidationError(_("Alasan harus diisi"))
        except PosError as exc:
            self.message.setText(str(exc))
            return
        self.chosen.emit(price, reason if price != self.catalogue_price else "")
        self.accept()

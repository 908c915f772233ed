"""Payment dialog: cash with quick amounts and change, QRIS, card, transfer, split.

The dialog only collects ``PaymentEntry`` objects; it emits ``paid`` once they
cover the total, and the cashier screen records the sale.  Nothing is written
while the dialog is open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from nttmart_pos.domain.cart import PaymentEntry
from nttmart_pos.domain.money import format_rupiah, parse_rupiah
from nttmart_pos.domain.qris import make_dynamic, merchant_name
from nttmart_pos.errors import PaymentError, PosError
from nttmart_pos.i18n import _
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.qr_widget import qr_pixmap

QUICK_CASH = (5_000, 10_000, 20_000, 50_000, 100_000)
METHOD_NAMES = {"cash": "Tunai", "qris": "QRIS", "card": "Kartu debit/kredit", "transfer": "Transfer bank"}


class PaymentDialog(QDialog):
    paid = Signal(list)  # list[PaymentEntry], covering the total

    def __init__(self, total: int, qris_static: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(_("Pembayaran"))
        self.setModal(True)
        self.total = total
        self.qris_static = qris_static
        self.entries: list[PaymentEntry] = []
        self.method = "cash"
        self._build()
        self.choose("cash")

    # -- layout -------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.totalText = QLabel(objectName="paymentTotal")
        self.totalText.setStyleSheet("font-size: 26px; font-weight: bold;")
        self.remainingLabel = QLabel(objectName="remainingLabel")
        self.remainingLabel.setStyleSheet("font-size: 18px;")
        layout.addWidget(self.totalText)
        layout.addWidget(self.remainingLabel)
        self.paymentList = QListWidget(objectName="paymentList")
        self.paymentList.setMaximumHeight(70)
        self.paymentList.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.paymentList.hide()  # shown once a split payment has a first part
        layout.addWidget(self.paymentList)

        methods = QHBoxLayout()
        self.method_buttons: dict[str, QPushButton] = {}
        for method, name, key in (("cash", "payCash", "F5"), ("qris", "payQris", "F6"),
                                  ("card", "payCard", "F7"), ("transfer", "payTransfer", "F8")):
            button = QPushButton(f"{_(METHOD_NAMES[method])} ({key})", objectName=name)
            button.setCheckable(True)
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _checked=False, m=method: self.choose(m))
            QShortcut(QKeySequence(key), self, activated=lambda m=method: self.choose(m))
            methods.addWidget(button)
            self.method_buttons[method] = button
        layout.addLayout(methods)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._cash_page())
        self.pages.addWidget(self._qris_page())
        self.pages.addWidget(self._other_page())
        layout.addWidget(self.pages)

        buttons = QHBoxLayout()
        cancel = QPushButton(_("Batal (Esc)"), objectName="cancelPayment")
        cancel.clicked.connect(self.reject)
        self.confirmButton = QPushButton(objectName="confirmPayment")
        self.confirmButton.setMinimumHeight(48)
        self.confirmButton.setDefault(True)
        self.confirmButton.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.confirmButton.clicked.connect(self.confirm)
        buttons.addWidget(cancel)
        buttons.addStretch()
        buttons.addWidget(self.confirmButton)
        layout.addLayout(buttons)
        self.resize(560, 560)

    def _cash_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.addWidget(QLabel(_("Uang diterima")), 0, 0)
        self.cashTendered = QLineEdit(objectName="cashTendered")
        self.cashTendered.setPlaceholderText("Rp0")
        self.cashTendered.setStyleSheet("font-size: 22px;")
        self.cashTendered.textChanged.connect(self._update_change)
        self.cashTendered.returnPressed.connect(self.confirm)
        grid.addWidget(self.cashTendered, 0, 1, 1, 3)
        quick = QHBoxLayout()
        exact = QPushButton(_("Uang pas"), objectName="quickExact")
        exact.clicked.connect(lambda: self._set_cash(self.remaining))
        quick.addWidget(exact)
        for amount in QUICK_CASH:
            button = QPushButton(format_rupiah(amount), objectName=f"quick{amount}")
            button.clicked.connect(lambda _checked=False, a=amount: self._set_cash(a))
            quick.addWidget(button)
        for index in range(quick.count()):
            quick.itemAt(index).widget().setFocusPolicy(Qt.FocusPolicy.NoFocus)
            quick.itemAt(index).widget().setMinimumHeight(40)
        grid.addLayout(quick, 1, 0, 1, 4)
        self.changeLabel = QLabel(objectName="changeLabel")
        self.changeLabel.setStyleSheet("font-size: 24px; font-weight: bold;")
        grid.addWidget(self.changeLabel, 2, 0, 1, 4)
        grid.setRowStretch(3, 1)
        return page

    def _qris_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.qrisView = QLabel(objectName="qrisView")
        self.qrisView.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qrisView.setMinimumSize(300, 300)
        self.qrisHint = QLabel(objectName="qrisHint")
        self.qrisHint.setWordWrap(True)
        self.qrisHint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.qrisView, 1)
        box.addWidget(self.qrisHint)
        return page

    def _other_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.addWidget(QLabel(_("Jumlah")), 0, 0)
        self.otherAmount = QLineEdit(objectName="otherAmount")
        self.otherAmount.returnPressed.connect(self.confirm)
        grid.addWidget(self.otherAmount, 0, 1)
        grid.addWidget(QLabel(_("No. referensi (opsional)")), 1, 0)
        self.paymentReference = QLineEdit(objectName="paymentReference")
        self.paymentReference.setMaxLength(60)
        self.paymentReference.returnPressed.connect(self.confirm)
        grid.addWidget(self.paymentReference, 1, 1)
        grid.setRowStretch(2, 1)
        return page

    # -- behaviour ----------------------------------------------------------
    @property
    def remaining(self) -> int:
        return max(0, self.total - sum(e.amount for e in self.entries))

    def choose(self, method: str) -> None:
        self.method = method
        for name, button in self.method_buttons.items():
            button.setChecked(name == method)
        self._refresh_header()
        if method == "cash":
            self.pages.setCurrentIndex(0)
            self.confirmButton.setText(_("Terima tunai (Enter)"))
            self._update_change()
            self.cashTendered.setFocus()
        elif method == "qris":
            self.pages.setCurrentIndex(1)
            self.confirmButton.setText(_("Pembayaran QRIS sudah masuk (Enter)"))
            self._show_qris()
            self.confirmButton.setFocus()
        else:
            self.pages.setCurrentIndex(2)
            self.confirmButton.setText(_("Terima {method} (Enter)", method=_(METHOD_NAMES[method])))
            self.otherAmount.setText(format_rupiah(self.remaining))
            self.paymentReference.clear()
            self.otherAmount.setFocus()
            self.otherAmount.selectAll()

    def _refresh_header(self) -> None:
        self.totalText.setText(_("Total belanja {amount}", amount=format_rupiah(self.total)))
        self.remainingLabel.setText(_("Sisa yang harus dibayar: {amount}", amount=format_rupiah(self.remaining)))

    def _set_cash(self, amount: int) -> None:
        self.choose("cash")
        self.cashTendered.setText(format_rupiah(amount))

    def _update_change(self) -> None:
        text = self.cashTendered.text().strip()
        try:
            tendered = parse_rupiah(text) if text else 0
        except PosError:
            self.changeLabel.setText(_("Jumlah uang tidak valid"))
            return
        difference = tendered - self.remaining
        if difference >= 0:
            self.changeLabel.setText(_("Kembalian {amount}", amount=format_rupiah(difference)))
        else:
            self.changeLabel.setText(_("Kurang {amount}", amount=format_rupiah(-difference)))

    def _show_qris(self) -> None:
        self.qrisView.clear()
        self.qrisView.setProperty("payload", "")
        if not self.qris_static:
            self.qrisHint.setText(_("QRIS toko belum diatur. Manajer dapat mengisinya di Pengaturan."))
            return
        try:
            payload = make_dynamic(self.qris_static, self.remaining)
        except PosError as exc:
            self.qrisHint.setText(str(exc))
            return
        self.qrisView.setPixmap(qr_pixmap(payload, 300))
        self.qrisView.setProperty("payload", payload)
        self.qrisHint.setText(_("QRIS {merchant}: minta pelanggan memindai QRIS sebesar {amount}. Tekan konfirmasi "
                                "setelah pembayaran tampil di aplikasi merchant.", merchant=merchant_name(payload),
                                amount=format_rupiah(self.remaining)))

    def confirm(self) -> None:
        try:
            entry = self._entry()
        except PosError as exc:
            show_error(self, exc)
            return
        self.entries.append(entry)
        label = f"{_(METHOD_NAMES[entry.method])}  {format_rupiah(entry.amount)}"
        self.paymentList.addItem(label + (f"  ({entry.reference})" if entry.reference else ""))
        self.paymentList.show()
        if sum(e.amount for e in self.entries) >= self.total:
            self.paid.emit(list(self.entries))
            self.accept()
            return
        self.cashTendered.clear()
        self.choose("cash")

    def _entry(self) -> PaymentEntry:
        remaining = self.remaining
        if self.method == "cash":
            text = self.cashTendered.text().strip()
            amount = parse_rupiah(text) if text else 0
            if amount <= 0:
                raise PaymentError(_("Masukkan jumlah uang yang diterima"))
            return PaymentEntry("cash", amount)
        if self.method == "qris":
            if not self.qrisView.property("payload"):
                raise PaymentError(_("QRIS tidak dapat dipakai: {reason}", reason=self.qrisHint.text()))
            return PaymentEntry("qris", remaining)
        amount = parse_rupiah(self.otherAmount.text())
        if amount > remaining:
            raise PaymentError(_("Pembayaran non-tunai tidak boleh melebihi sisa {amount}",
                                 amount=format_rupiah(remaining)))
        return PaymentEntry(self.method, amount, reference=self.paymentReference.text().strip())

"""The refund screen at the till (F8): find the sale, choose what comes back, give the money back.

The receipt's Code128 is scanned (or its number typed) into the number field;
the sale's lines show what was sold and already refunded, and a spin box per
line takes the quantity to give back, never more than is left.  The service
(``services.refunds.refund``) checks everything again; a cashier needs a
supervisor's PIN (``request_override``).  Errors stay inside the dialog, in
its message line.  ``open_refund_dialog`` wires the dialog to the till: the
amount to hand back goes to the till's change label in big type and the
refund receipt is printed in the background.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)
from shiboken6 import isValid

from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.shift_report import method_label
from nttmart_pos.domain.stock_document import measured_text
from nttmart_pos.errors import PosError, PrinterError
from nttmart_pos.i18n import _, get_language
from nttmart_pos.services.permissions import REFUND

from nttmart_pos.services.refunds import REASON_MAX, RefundResult, SaleForRefund, refund, refundable_lines
from nttmart_pos.ui.cashier import STYLE_ERROR, STYLE_OK
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import user_message
from nttmart_pos.ui.override_dialog import request_override
from nttmart_pos.ui.refund_model import (line_amount, method_choices, refund_total, requests, sale_summary,
                                         typed_number)
from nttmart_pos.ui.sound import error_beep

NAME, SOLD, DONE, QUANTITY, AMOUNT = range(5)
ERROR, INFO = "#b00020", "#e65100"


def common_reasons() -> list[str]:
    return [_("Barang rusak"), _("Salah beli"), _("Barang kedaluwarsa"), _("Tidak sesuai")]


def _not_for_the_shelf() -> set[str]:
    """Reasons after which the goods cannot be sold again."""
    return {_("Barang rusak"), _("Barang kedaluwarsa")}


class RefundDialog(QDialog):
    refunded = Signal(object)  # RefundResult, after the refund was saved

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.context = context
        self.sale: SaleForRefund | None = None
        self.spins: list[QSpinBox] = []
        self.setWindowTitle(_("Pengembalian barang"))
        self.setStyleSheet("font-size: 15px;")
        self._build()
        self.resize(860, 600)
        self._show_sale(None)

    # -- layout -------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        find = QHBoxLayout()
        find.addWidget(QLabel(_("No. struk")))
        self.receiptInput = QLineEdit(objectName="refundReceiptInput")
        self.receiptInput.setPlaceholderText(_("Pindai barcode struk atau ketik nomornya, mis. T01-000123"))
        self.receiptInput.setStyleSheet("font-size: 18px; padding: 4px;")
        self.receiptInput.setMaxLength(40)
        self.receiptInput.returnPressed.connect(self.find_sale)
        find.addWidget(self.receiptInput, 1)
        self.findButton = self._button(_("Cari"), "refundFindButton", self.find_sale)
        find.addWidget(self.findButton)
        layout.addLayout(find)

        self.saleInfo = QLabel(objectName="refundSaleInfo")
        self.saleInfo.setWordWrap(True)
        self.saleInfo.setStyleSheet("color: #37474f;")
        layout.addWidget(self.saleInfo)

        self.table = QTableWidget(0, 5, objectName="refundLinesTable")
        self.table.setHorizontalHeaderLabels([_("Barang"), _("Terjual"), _("Sudah dikembalikan"),
                                              _("Dikembalikan sekarang"), _("Uang kembali")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (SOLD, DONE, QUANTITY, AMOUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

        below = QHBoxLayout()
        self.allButton = self._button(_("Kembalikan semua"), "refundAllButton", self.refund_everything)
        below.addWidget(self.allButton)
        below.addStretch()
        self.totalLabel = QLabel(objectName="refundTotalLabel")
        self.totalLabel.setStyleSheet("font-size: 24px; font-weight: bold; color: #0d47a1;")
        below.addWidget(self.totalLabel)
        layout.addLayout(below)

        form = QFormLayout()
        self.methodCombo = QComboBox(objectName="refundMethodCombo")
        form.addRow(_("Uang dikembalikan"), self.methodCombo)
        restock = QHBoxLayout()
        self.restockCheck = QCheckBox(_("Barang kembali ke rak"), objectName="refundRestockCheck")
        self.restockCheck.setChecked(True)
        self.restockHint = QLabel(objectName="refundRestockHint")
        self.restockCheck.toggled.connect(self._restock_toggled)
        restock.addWidget(self.restockCheck)
        restock.addWidget(self.restockHint, 1)
        form.addRow(_("Barang"), restock)
        self.reasonInput = QComboBox(objectName="refundReasonInput")
        self.reasonInput.setEditable(True)
        self.reasonInput.addItems(common_reasons())
        self.reasonInput.setCurrentIndex(-1)
        self.reasonInput.lineEdit().setMaxLength(REASON_MAX)
        self.reasonInput.lineEdit().setPlaceholderText(_("Pilih atau ketik alasan (wajib)"))
        self.reasonInput.activated.connect(self._reason_chosen)
        form.addRow(_("Alasan"), self.reasonInput)
        layout.addLayout(form)
        self._restock_toggled(True)

        self.message = QLabel(objectName="refundMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(40)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch()
        self.cancelButton = self._button(_("Batal"), "refundCancelButton", self.reject)
        self.okButton = self._button(_("Kembalikan uang"), "refundOkButton", self.submit)
        self.okButton.setStyleSheet("QPushButton { font-weight: bold; background: #1565c0; color: white; "
                                    "padding: 6px 18px; } QPushButton:disabled { background: #b0bec5; }")
        buttons.addWidget(self.cancelButton)
        buttons.addWidget(self.okButton)
        layout.addLayout(buttons)
        self.receiptInput.setFocus()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setAutoDefault(False)  # Enter after a scanned number finds the sale, never confirms
        button.setMinimumHeight(38)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- finding the sale ---------------------------------------------------
    def find_sale(self) -> None:
        number = typed_number(self.receiptInput.text())
        if not number:
            self.show_message(_("Pindai barcode struk atau ketik nomornya dulu"))
            return
        try:
            sale = refundable_lines(self.context.uow(), number)
        except PosError as exc:
            self._show_sale(None)
            self.show_message(user_message(exc))
            error_beep()
            self.receiptInput.selectAll()
            return
        self.receiptInput.clear()  # ready for the next scan; the number shows in the sale's line
        self._show_sale(sale)
        if sale.fully_refunded:
            self.show_message(_("Semua barang pada struk {receipt} sudah dikembalikan", receipt=sale.receipt_no),
                              INFO)
        elif self.spins:
            first = next((spin for spin in self.spins if spin.isEnabled()), None)
            if first is not None:
                first.setFocus()
                first.selectAll()

    def _show_sale(self, sale: SaleForRefund | None) -> None:
        self.sale = sale
        self.show_message("")
        self.saleInfo.setText(sale_summary(sale) if sale else _("Belum ada struk dipilih."))
        self.table.setRowCount(0)
        self.spins = []
        for row, line in enumerate(sale.lines if sale else ()):
            self.table.insertRow(row)
            self._set(row, NAME, line.name)
            self._set(row, SOLD, measured_text(line.quantity, line.measure))
            self._set(row, DONE, measured_text(line.refunded, line.measure) if line.refunded else "-")
            spin = QSpinBox(objectName=f"refundQuantity{row}")
            spin.setRange(0, line.refundable)
            spin.setSuffix(" g" if line.measure == "weight" else "")
            spin.setSingleStep(100 if line.measure == "weight" else 1)
            spin.setEnabled(line.refundable > 0)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(self._recount)
            self.table.setCellWidget(row, QUANTITY, spin)
            self.spins.append(spin)
            self._set(row, AMOUNT, "0")
        self.methodCombo.clear()
        for code, label in method_choices(sale) if sale else ():
            self.methodCombo.addItem(label, code)
        ready = sale is not None and not sale.fully_refunded
        for widget in (self.allButton, self.methodCombo, self.restockCheck, self.reasonInput, self.okButton):
            widget.setEnabled(ready)
        self._recount()

    def _set(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        if column != NAME:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, column, item)

    # -- filling in ---------------------------------------------------------
    def quantities(self) -> dict[int, int]:
        """The quantity to give back per sale line number (pieces, or grams)."""
        if self.sale is None:
            return {}
        return {line.line_no: spin.value() for line, spin in zip(self.sale.lines, self.spins)}

    def refund_everything(self) -> None:
        for spin in self.spins:
            spin.setValue(spin.maximum())

    def _recount(self) -> None:
        if self.sale is None:
            self.totalLabel.setText(_("Total dikembalikan: {amount}", amount=format_rupiah(0)))
            return
        quantities = self.quantities()
        for row, line in enumerate(self.sale.lines):
            self.table.item(row, AMOUNT).setText(format_number(line_amount(line, quantities[line.line_no])))
        self.totalLabel.setText(_("Total dikembalikan: {amount}",
                                  amount=format_rupiah(refund_total(self.sale, quantities))))

    def _restock_toggled(self, checked: bool) -> None:
        self.restockHint.setText(_("(dijual lagi)") if checked else _("Tidak: barang rusak, dihapuskan dari stok"))
        self.restockHint.setStyleSheet("color: #37474f;" if checked else f"color: {INFO}; font-weight: bold;")

    def _reason_chosen(self, _index: int) -> None:
        if self.reasonInput.currentText() in _not_for_the_shelf():
            self.restockCheck.setChecked(False)

    def show_message(self, text: str, color: str = ERROR) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"font-weight: bold; color: {color};")

    # -- giving the money back ----------------------------------------------
    def submit(self) -> None:
        if self.sale is None:
            self.show_message(_("Pindai barcode struk atau ketik nomornya dulu"))
            return
        wanted = requests(self.quantities())
        if not wanted:
            self.show_message(_("Isi jumlah barang yang dikembalikan"))
            return
        reason = " ".join(self.reasonInput.currentText().split())
        if not reason:
            self.show_message(_("Alasan pengembalian harus diisi"))
            self.reasonInput.setFocus()
            return
        method = self.methodCombo.currentData()
        total = refund_total(self.sale, self.quantities())
        detail = _("Struk {receipt}: kembalikan {amount} ({method}). Alasan: {reason}",
                   receipt=self.sale.receipt_no, amount=format_rupiah(total),
                   method=method_label(method, get_language()), reason=reason)
        receipt_no, restock = self.sale.receipt_no, self.restockCheck.isChecked()
        request_override(self, self.context, REFUND,
                         lambda approval: self._refund(receipt_no, wanted, method, restock, reason, approval),
                         detail=detail)

    def _refund(self, receipt_no: str, wanted: list, method: str, restock: bool, reason: str, approval) -> None:
        try:
            result = refund(self.context.uow(write=True), self.context.user, receipt_no, wanted, method=method,
                            restock=restock, reason=reason, terminal=self.context.settings.terminal_id,
                            approval=approval)
        except PosError as exc:
            self.show_message(user_message(exc))
            error_beep()
            return
        self.refunded.emit(result)
        self.accept()


def open_refund_dialog(screen) -> RefundDialog:
    """Open the refund dialog over the cashier ``screen``; on success the till shows the money to
    hand back and prints the refund receipt in the background."""
    dialog = RefundDialog(screen.context, screen)
    dialog.refunded.connect(lambda result: refund_done(screen, result))
    dialog.finished.connect(lambda _result: screen.scanInput.setFocus())
    dialog.open()
    return dialog


def refund_done(screen, result: RefundResult) -> None:
    """The till after a refund: the money to hand back in big type, the receipt through the print queue."""
    caption = _("Kembalikan ke pelanggan ({method})", method=method_label(result.method, get_language()))
    screen.changeInfo.setText(f"<div style='font-size: 18px;'>{caption}</div>"
                              f"<div style='font-size: 40px; color: #e65100;'>{format_rupiah(result.total)}</div>")
    screen.show_status(_("Pengembalian {number} tersimpan. Mencetak bukti pengembalian...",
                         number=result.refund_no), STYLE_OK)
    runner = screen.printQueue

    def stop_listening() -> None:
        runner.finished.disconnect(finished)
        runner.failed.disconnect(not_printed)

    def finished(run) -> None:
        if any(job.kind == "refund" and job.ref == result.refund_no for job in run.printed):
            stop_listening()
            if isValid(screen):
                screen.show_status(_("Bukti pengembalian {number} tercetak. Serahkan uang {amount} ke pelanggan.",
                                     number=result.refund_no, amount=format_rupiah(result.total)), STYLE_OK)
        elif run.error:
            not_printed(PrinterError(run.error))

    def not_printed(exc: BaseException) -> None:
        stop_listening()
        if isValid(screen):
            screen.show_status(_("Bukti pengembalian {number} belum tercetak: {reason}\nBukti menunggu di antrean "
                                 "dan dicetak otomatis; tekan F9 untuk mencoba sekarang.",
                                 number=result.refund_no, reason=user_message(exc)), STYLE_ERROR)
            error_beep()

    # the refund receipt was queued by ``refunds.refund`` in the refund's own transaction
    runner.finished.connect(finished)
    runner.failed.connect(not_printed)
    runner.run()

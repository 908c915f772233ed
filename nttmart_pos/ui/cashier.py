"""The cashier screen: scan, cart, total, pay, receipt.

The scan field keeps the keyboard focus at all times, so a keyboard-wedge
scanner (digits + Enter at a few ms a character) always types into it.
Each Enter is handled to the end before the next key event is read, so scans
are never merged, split or lost, and a scan error never opens a modal box
that would swallow the next scan: it goes to the status line with a beep.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from nttmart_pos.domain.cart import Cart
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import PermissionDenied, PosError, SaleOutcomeUnknown, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import SaleResult, checkout
from nttmart_pos.ui.cart_model import CartModel
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.payment_dialog import PaymentDialog
from nttmart_pos.ui.pending_sale import CART_EDITS, PendingSale
from nttmart_pos.ui.printer_status import PrintQueueRunner
from nttmart_pos.ui.shift_bar import ShiftBar
from nttmart_pos.ui.sound import error_beep
from nttmart_pos.ui.till_actions import STYLE_ERROR, STYLE_INFO, STYLE_OK, STYLE_WARNING, TillActions
from nttmart_pos.ui.till_printing import TillPrinting

_QUANTITY_PREFIX = re.compile(r"^(\d{1,4})\s*[*xX]\s*(\S+)$")
__all__ = ["CashierScreen", "STYLE_ERROR", "STYLE_INFO", "STYLE_OK", "STYLE_WARNING"]


class CashierScreen(QWidget):
    logout_requested = Signal()
    manager_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cart = Cart()
        self.model = CartModel(self.cart)
        self.last_sale: SaleResult | None = None
        self._cancel_armed = False
        self.actions = TillActions(self)  # discounts, prices, voids, drawer, reprint
        self.printQueue = PrintQueueRunner(context, self)  # receipts go through the queue in the database
        self.printing = TillPrinting(self)  # what the status line says about the receipts in the queue
        self.pending = PendingSale(self)  # a sale whose COMMIT's answer was lost, until F12 has checked it
        self._build()

    # -- layout -------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.userLabel = QLabel(objectName="userLabel")
        self.userLabel.setStyleSheet("font-size: 14px; color: #37474f;")
        top.addWidget(self.userLabel, 1)
        self.managerButton = self._button(_("Manajer (F10)"), "managerButton", self._manager_requested, "F10")
        self.logoutButton = self._button(_("Keluar"), "logoutButton", self.logout_requested.emit)
        # rarely used, so up here: the bottom row stays within a 1024-pixel screen
        self.drawerButton = self._button(_("Buka laci (Ctrl+D)"), "drawerButton", self.actions.open_drawer, "Ctrl+D")
        for button in (self.drawerButton, self.managerButton, self.logoutButton):
            top.addWidget(button)
        layout.addLayout(top)
        self.shiftBar = ShiftBar(self.context, lambda: self.cart.is_empty, self)
        self.shiftBar.message.connect(self.show_status)
        self.shiftBar.dialog_closed.connect(lambda: self.scanInput.setFocus())
        self.shiftBar.closed.connect(lambda _info: self.logout_requested.emit())  # a closed shift ends the turn
        layout.addWidget(self.shiftBar)

        self.scanInput = QLineEdit(objectName="scanInput")
        self.scanInput.setPlaceholderText(_("Pindai barcode atau ketik kode lalu Enter (3*kode = 3 barang)"))
        self.scanInput.setStyleSheet("font-size: 20px; padding: 6px;")
        self.scanInput.setMaxLength(64)
        self.scanInput.returnPressed.connect(self.on_scan)
        self.actions.watch_scan_field(self.scanInput)
        layout.addWidget(self.scanInput)

        middle = QHBoxLayout()
        self.cartTable = QTableView(objectName="cartTable")
        self.cartTable.setModel(self.model)
        self.cartTable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cartTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cartTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cartTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cartTable.setAlternatingRowColors(True)
        self.cartTable.setStyleSheet("font-size: 15px;")
        header = self.cartTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.cartTable.fontMetrics()
        # fixed widths wide enough for the largest figures, so no amount is ever elided
        for column, sample in ((1, "99,999 kg"), (2, "9.999.999/kg"), (3, "-9.999.999"), (4, "99.999.999")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        middle.addWidget(self.cartTable, 5)

        side = QVBoxLayout()
        caption = QLabel(_("TOTAL"), objectName="totalCaption")
        caption.setStyleSheet("font-size: 18px; color: #37474f;")
        self.totalLabel = QLabel(objectName="totalLabel")
        self.totalLabel.setStyleSheet("font-size: 44px; font-weight: bold; color: #0d47a1;")
        self.totalLabel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.countLabel = QLabel(objectName="countLabel")
        self.countLabel.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.discountInfo = QLabel(objectName="discountInfo")
        self.discountInfo.setStyleSheet("font-size: 16px; color: #b00020;")
        self.discountInfo.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.changeInfo = QLabel(objectName="lastChangeLabel")
        self.changeInfo.setStyleSheet("font-size: 22px; font-weight: bold; color: #1b5e20;")
        self.changeInfo.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.changeInfo.setWordWrap(True)
        for widget in (caption, self.totalLabel, self.discountInfo, self.countLabel, self.changeInfo):
            side.addWidget(widget)
        side.addStretch()
        middle.addLayout(side, 2)
        layout.addLayout(middle, 1)

        self.statusMessage = QLabel(objectName="statusMessage")
        self.statusMessage.setWordWrap(True)
        self.statusMessage.setMinimumHeight(36)
        layout.addWidget(self.statusMessage)

        buttons = QHBoxLayout()
        self.searchButton = self._button(_("F2 Cari barang"), "searchButton", self.open_search, "F2")
        actions = self.actions
        self.quantityButton = self._button(_("F4 Ubah jumlah"), "quantityButton", actions.ask_quantity, "F4")
        self.removeButton = self._button(_("Del Hapus baris"), "removeButton", actions.remove_line, "Delete")
        self.cancelButton = self._button(_("Esc Batal"), "cancelButton", self.cancel_sale, "Escape")
        self.discountButton = self._button(_("F6 Diskon"), "discountButton", actions.discount, "F6")
        self.priceButton = self._button(_("F7 Ubah harga"), "priceButton", actions.change_price, "F7")
        self.refundButton = self._button(_("F8 Retur"), "refundButton", self.open_refund, "F8")
        self.reprintButton = self._button(_("F9 Cetak ulang"), "reprintButton", actions.reprint_last, "F9")
        self.payButton = self._button(_("F12 Bayar"), "payButton", self.open_payment, "F12")
        self.payButton.setStyleSheet("font-size: 18px; font-weight: bold; background: #1565c0; color: white;")
        for button in (self.searchButton, self.quantityButton, self.removeButton, self.cancelButton,
                       self.discountButton, self.priceButton, self.refundButton,
                       self.reprintButton):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.payButton)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Up"), self, activated=lambda: self._move_selection(-1))
        QShortcut(QKeySequence("Down"), self, activated=lambda: self._move_selection(1))
        self.refresh()

    def _button(self, text: str, name: str, slot, key: str | None = None) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(46)
        slot = self.pending.guard(slot) if name in CART_EDITS else slot  # the held sale's cart stays as it is
        button.clicked.connect(lambda _checked=False: slot())
        if key:
            QShortcut(QKeySequence(key), self, activated=slot)
        return button

    def _manager_requested(self) -> None:
        if self.managerButton.isVisible():
            self.manager_requested.emit()

    # -- state --------------------------------------------------------------
    def start_session(self) -> None:
        user = self.context.user
        settings = self.context.settings
        self.userLabel.setText(_("{store} - Kasir: {name} - Terminal {terminal}", store=settings.store_name,
                                 name=user.full_name if user else "-", terminal=settings.terminal_id))
        self.managerButton.setVisible(bool(user and user.role in ("manager", "admin")))
        self.new_sale()
        self.show_status(_("Siap. Silakan pindai barang."), STYLE_INFO)
        self.shiftBar.start_session()
        self.printQueue.start()

    def new_sale(self) -> None:
        self.pending.clear()
        self.cart.clear()
        self.actions.reset()
        self.model.refresh()
        self._cancel_armed = False
        self.refresh()
        self.scanInput.setFocus()

    def refresh(self) -> None:
        self.totalLabel.setText(format_rupiah(self.cart.total))
        discount = self.cart.discount_total
        self.discountInfo.setText(_("Sebelum diskon {gross}\nDiskon -{amount}", gross=format_rupiah(self.cart.gross),
                                    amount=format_rupiah(discount)) if discount else "")
        pieces = sum(line.quantity if line.product.measure == "unit" else 1 for line in self.cart.lines)
        self.countLabel.setText(_("{count} barang, {lines} baris", count=pieces, lines=len(self.cart.lines)))

    def show_status(self, text: str, color: str = STYLE_INFO) -> None:
        self.statusMessage.setText(text)
        self.statusMessage.setStyleSheet(f"font-size: 16px; font-weight: bold; color: {color};")

    def _selected_row(self) -> int | None:
        rows = self.cartTable.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _select(self, row: int) -> None:
        self.cartTable.selectRow(row)
        self.cartTable.scrollTo(self.model.index(row, 0))

    def _move_selection(self, step: int) -> None:
        if self.cart.lines:
            row = self._selected_row()
            row = len(self.cart.lines) - 1 if row is None else min(max(row + step, 0), len(self.cart.lines) - 1)
            self._select(row)

    # -- scanning -----------------------------------------------------------
    def on_scan(self) -> None:
        text = self.scanInput.text().strip()
        self.scanInput.clear()
        if not text or self.pending.blocks():
            return
        quantity = 1
        match = _QUANTITY_PREFIX.match(text)
        if match:
            quantity, text = int(match.group(1)), match.group(2)
        try:
            found = product_for_scan(self.context.uow(), text)
            row = self.cart.add(found.product, quantity, grams=found.grams, fixed_total=found.price)
        except PosError as exc:
            self.scan_failed(exc)
            return
        self.changeInfo.clear()
        self._cancel_armed = False
        self.model.line_added(row)
        self._select(row)
        self.refresh()
        line = self.cart.lines[row]
        if found.product.warning:  # e.g. an expired P-IRT: the sale goes on, but the cashier is told
            self.show_status(f"{line.product.name} - {found.product.warning}", STYLE_WARNING)
            error_beep()
            return
        self.show_status(_("{name} - {total}", name=line.product.name, total=format_rupiah(line.total)), STYLE_OK)

    def scan_failed(self, exc: BaseException) -> None:
        self.show_status(user_message(exc), STYLE_ERROR)
        error_beep()

    def add_product(self, product) -> None:
        """Add a product picked in the search dialog (not opened while a sale is held)."""
        try:
            row = self.cart.add(product)
        except PosError as exc:
            self.scan_failed(exc)
            return
        self.model.line_added(row)
        self._select(row)
        self.refresh()
        self.scanInput.setFocus()
        if product.warning:
            self.show_status(f"{product.name} - {product.warning}", STYLE_WARNING)
            error_beep()

    # -- editing ------------------------------------------------------------
    def open_search(self) -> None:
        from nttmart_pos.ui.search_dialog import ProductSearchDialog

        dialog = ProductSearchDialog(self.context.engine, self)
        dialog.picked.connect(self.add_product)
        dialog.finished.connect(lambda _result: self.scanInput.setFocus())
        dialog.open()

    def cancel_sale(self) -> None:
        if self.cart.is_empty:
            return
        if not self._cancel_armed:
            self._cancel_armed = True
            self.show_status(_("Tekan Esc sekali lagi untuk membatalkan seluruh transaksi"), STYLE_ERROR)
            QTimer.singleShot(4000, self._disarm_cancel)
            return
        self._cancel_armed = False
        self.actions.void_sale()  # PIN for a cashier, a reason, the journal; then the cart clears

    def _disarm_cancel(self) -> None:
        self._cancel_armed = False

    def open_refund(self) -> None:
        from nttmart_pos.ui.refund_dialog import open_refund_dialog  # here: refund_dialog imports this module

        open_refund_dialog(self)

    # -- paying and printing -----------------------------------------------
    def open_payment(self) -> None:
        if self.cart.is_empty:
            self.scan_failed(ValidationError(_("Keranjang masih kosong")))
            return
        # a held sale is looked up first; a supervisor's lapsed approval (discount, price) is asked again
        self.pending.check(lambda: self.actions.approvals.with_approvals(self._open_payment_dialog))

    def _open_payment_dialog(self) -> None:
        dialog = PaymentDialog(self.cart.total, self.context.settings.qris_static, self)
        dialog.paid.connect(self.complete_sale)
        dialog.finished.connect(lambda _result: self.scanInput.setFocus())
        dialog.open()

    def complete_sale(self, payments: list) -> None:
        try:
            result = checkout(self.context.uow(write=True), self.cart, payments, self.context.user,
                              self.context.settings.terminal_id, approvals=self.actions.approvals.as_list(),
                              discount_limit_pct=self.context.settings.discount_limit_pct,
                              negative_stock=self.context.settings.negative_stock)
        except PosError as exc:
            self.show_status(_("Transaksi belum tersimpan"), STYLE_ERROR)  # not the last scan, in green
            if isinstance(exc, SaleOutcomeUnknown):  # perhaps stored: F12 checks before anything else
                self.pending.hold(exc)
            elif isinstance(exc, PermissionDenied) and self.actions.approvals.missing():
                self.actions.approvals.with_approvals(lambda: self.complete_sale(payments))  # lapsed: ask again
            else:
                show_error(self, exc, _("Transaksi belum tersimpan"))
            return
        self.sale_done(result)

    def sale_done(self, result: SaleResult, text: str = "") -> None:
        """A stored sale: clear the cart, show the change, print its receipt (queued with the sale)."""
        self.last_sale = result
        self.new_sale()
        self.changeInfo.setText(_("Kembalian {amount}", amount=format_rupiah(result.change))
                                if result.change else _("Lunas"))
        self.show_status(text or _("Tersimpan: struk {number}. Mencetak struk...", number=result.receipt_no),
                         STYLE_OK)
        self.print_receipt(result.receipt_no, copy=False)

    def print_receipt(self, receipt_no: str, *, copy: bool) -> None:
        """Print the queue now and report ``receipt_no``; a copy (an allowed reprint) is queued first
        (``ui.till_printing``)."""
        self.printing.print_receipt(receipt_no, copy=copy)

    def retry_print_queue(self) -> bool:
        """The status bar's "Cetak antrean": print the receipts waiting in the queue now (right after a
        pass that is running); False if none wait."""
        return self.printing.print_queue()

"""The till's trust actions: discounts, price changes, voids, the drawer and reprints.

``TillActions`` is the glue between the cashier screen, its small dialogs,
the supervisor override (``ui.override_dialog.request_override``) and the
services that check and journal each action.  Every action that changes the
cart asks first (reason, PIN when the role needs one), then calls the
service, and only when that succeeded changes the cart: a refused or failed
void leaves the cart as it was, with the reason in the status line.

Approvals given for the open sale (a discount above the limit, a changed
price) are kept in ``ui.sale_approvals`` until the sale completes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QInputDialog
from shiboken6 import isValid

from nttmart_pos.domain.cart import CartLine
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.hardware.drawer import kick_drawer
from nttmart_pos.i18n import _
from nttmart_pos.services.drawer import open_drawer
from nttmart_pos.services.permissions import (DISCOUNT_OVER_LIMIT, OPEN_DRAWER, PRICE_OVERRIDE, REPRINT, VOID_LINE,
                                              VOID_SALE, Approval, allowed)
from nttmart_pos.services.receipts import authorize_reprint, last_receipt_no
from nttmart_pos.services.voids import VoidItem, record_void
from nttmart_pos.ui.cart_model import quantity_text
from nttmart_pos.ui.discount_dialog import DiscountDialog
from nttmart_pos.ui.errors import user_message
from nttmart_pos.ui.override_dialog import request_override
from nttmart_pos.ui.price_dialog import PriceDialog
from nttmart_pos.ui.sale_approvals import SaleApprovals
from nttmart_pos.ui.sound import error_beep
from nttmart_pos.ui.void_dialog import drawer_dialog, void_dialog
from nttmart_pos.ui.worker import run_in_background

# the status line's colours (ui.cashier re-exports them)
STYLE_OK, STYLE_ERROR, STYLE_INFO, STYLE_WARNING = "#1b5e20", "#b00020", "#37474f", "#e65100"


def void_item(line: CartLine, quantity: int, amount: int) -> VoidItem:
    return VoidItem(line.product.barcode, line.product.name, quantity, amount, line.product.measure)


def later(work: Callable[[], None]) -> None:
    """Run ``work`` once the dialog that is closing has finished (and given the focus back)."""
    QTimer.singleShot(0, work)


class TillActions(QObject):
    def __init__(self, screen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.approvals = SaleApprovals(self)

    @property
    def context(self):
        return self.screen.context

    @property
    def cart(self):
        return self.screen.cart

    def watch_scan_field(self, field) -> None:
        """Let Delete reach the "Del Hapus baris" shortcut while the (empty) scan field has the focus."""
        field.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Delete \
                and not watched.text():
            event.ignore()  # not the line edit's: the window's shortcut takes it
            return True
        return False

    def reset(self) -> None:
        """A new sale: approvals of the last one are forgotten."""
        self.approvals.reset()

    # -- helpers ------------------------------------------------------------
    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.screen.scanInput.setFocus())
        dialog.open()
        return dialog

    def override(self, permission: str, on_approved: Callable[[Approval | None], None], detail: str = "",
                  on_cancel: Callable[[], None] | None = None) -> None:
        """``on_approved(approval)`` once allowed (at once if the role allows it, later after a PIN)."""
        dialog = request_override(self.screen, self.context, permission,
                                  lambda approval: later(lambda: on_approved(approval)), detail=detail)
        if dialog is not None:
            dialog.finished.connect(lambda _result: self.screen.scanInput.setFocus())
            if on_cancel is not None:
                dialog.rejected.connect(on_cancel)

    def _selected_line(self) -> CartLine | None:
        row = self.screen._selected_row()
        if row is None:
            self.screen.show_status(_("Pilih baris dulu (panah atas/bawah)"), STYLE_ERROR)
            return None
        return self.cart.lines[row]

    def _row_of(self, line: CartLine) -> int | None:
        return next((index for index, item in enumerate(self.cart.lines) if item is line), None)

    def say(self, text: str, kind: str = "info") -> None:
        """A message in the status line; ``kind`` "ok", "error", "warning" or "info"."""
        self.screen.show_status(text, {"ok": STYLE_OK, "error": STYLE_ERROR, "warning": STYLE_WARNING}.get(
            kind, STYLE_INFO))

    def _failed(self, exc: BaseException) -> None:
        self.screen.show_status(user_message(exc), STYLE_ERROR)
        error_beep()

    def _changed(self, row: int | None = None) -> None:
        if row is None:
            self.screen.model.refresh()
        else:
            self.screen.model.line_added(row)
        self.screen.refresh()

    # -- discounts ----------------------------------------------------------
    def discount(self) -> None:
        if self.cart.is_empty:
            self._failed(ValidationError(_("Keranjang masih kosong")))
            return
        row = self.screen._selected_row()
        line = self.cart.lines[row] if row is not None else None
        dialog = DiscountDialog(line.product.name if line else None, line.gross if line else 0,
                                self.cart.subtotal, self.screen)
        dialog.chosen.connect(lambda target, amount, reason: self._give_discount(line, target, amount, reason))
        self._show(dialog)

    def _give_discount(self, line: CartLine | None, target: str, amount: int, reason: str) -> None:
        row = self._row_of(line) if line is not None else None
        if target == "line" and row is None:
            return
        before = (line.discount, line.discount_reason) if target == "line" else \
            (self.cart.sale_discount, self.cart.sale_discount_reason)
        try:
            if target == "line":
                self.cart.set_line_discount(row, amount, reason)
            else:
                self.cart.set_sale_discount(amount, reason)
        except PosError as exc:
            self._failed(exc)
            return
        self._changed(row)
        given = _("Diskon {amount} diberikan ({reason})", amount=format_rupiah(amount), reason=reason) if amount \
            else _("Diskon dihapus")
        limit = self.context.settings.discount_limit_pct
        if not amount or allowed(self.context.user, DISCOUNT_OVER_LIMIT) or \
                not self.cart.discount_percent_exceeds(limit):
            self.screen.show_status(given, STYLE_OK)
            return

        def undo() -> None:
            index = self._row_of(line) if line is not None else None
            if target == "line" and index is not None:
                self.cart.set_line_discount(index, *before)
            elif target == "sale":
                self.cart.set_sale_discount(*before)
            self._changed(index)
            self.screen.show_status(_("Diskon tidak diberikan: perlu izin supervisor"), STYLE_ERROR)

        self.screen.show_status(_("Diskon melebihi batas {limit}%: minta PIN supervisor", limit=limit), STYLE_WARNING)
        self.override(DISCOUNT_OVER_LIMIT, lambda approval: self._discount_allowed(approval, given),
                      self.approvals.discount_detail(), on_cancel=undo)

    def _discount_allowed(self, approval: Approval | None, given: str) -> None:
        self.approvals.keep(DISCOUNT_OVER_LIMIT, approval)
        if approval is not None:
            self.say(_("{done} - disetujui {name}", done=given, name=approval.approver.full_name), "ok")

    # -- price --------------------------------------------------------------
    def change_price(self) -> None:
        line = self._selected_line()
        if line is None:
            return
        if line.fixed_total is not None:
            self._failed(ValidationError(_("Harga dari label harga tidak dapat diubah; hapus dan pindai ulang")))
            return
        dialog = PriceDialog(line.product.name, line.product.price, line.unit_price,
                             line.product.measure == "weight", self.screen)
        dialog.chosen.connect(lambda price, reason: later(lambda: self._price_chosen(line, price, reason)))
        self._show(dialog)

    def _price_chosen(self, line: CartLine, price: int, reason: str) -> None:
        if price == line.product.price:
            self._apply_price(line, None, "", None)
            return
        detail = _("{name}: {old} menjadi {new} ({reason})", name=line.product.name,
                   old=format_rupiah(line.unit_price), new=format_rupiah(price), reason=reason)
        self.override(PRICE_OVERRIDE, lambda approval: self._apply_price(line, price, reason, approval), detail)

    def _apply_price(self, line: CartLine, price: int | None, reason: str, approval: Approval | None) -> None:
        row = self._row_of(line)
        if row is None:
            return
        try:
            self.cart.set_line_price(row, price, reason)
        except PosError as exc:
            self._failed(exc)
            return
        self.approvals.keep(PRICE_OVERRIDE, approval)
        self._changed(row)
        if price is None:
            self.screen.show_status(_("{name}: kembali ke harga katalog", name=line.product.name), STYLE_OK)
            return
        self.screen.show_status(_("{name}: harga menjadi {price}", name=line.product.name,
                                  price=format_rupiah(price)), STYLE_OK)

    # -- voids --------------------------------------------------------------
    def ask_quantity(self) -> None:
        line = self._selected_line()
        if line is None:
            return
        dialog = QInputDialog(self.screen, objectName="quantityDialog")
        dialog.setWindowTitle(_("Ubah jumlah"))
        dialog.setLabelText(line.product.name)
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(1, 9999)
        dialog.setIntValue(line.quantity)
        dialog.intValueSelected.connect(lambda value: later(lambda: self._quantity_chosen(line, value)))
        self._show(dialog)

    def _quantity_chosen(self, line: CartLine, quantity: int) -> None:
        row = self._row_of(line)
        if row is None or quantity == line.quantity:
            return
        if not line.mergeable:
            self._failed(ValidationError(_("Jumlah barang timbangan tidak dapat diubah; hapus dan pindai ulang")))
            return
        if quantity > line.quantity:
            self._set_quantity(line, quantity)
            return
        new_gross = line.unit_price * quantity
        if line.discount > new_gross:
            self._failed(ValidationError(_("Diskon baris lebih besar dari total barunya; ubah diskonnya dulu (F6)")))
            return
        removed = line.quantity - quantity
        detail = _("Kurangi {name}: {old} menjadi {new}", name=line.product.name, old=line.quantity, new=quantity)
        item = void_item(line, removed, line.total - (new_gross - line.discount))
        self._void("line", [item], detail, lambda: self._set_quantity(line, quantity))

    def _set_quantity(self, line: CartLine, quantity: int) -> None:
        row = self._row_of(line)
        if row is None:
            return
        try:
            self.cart.set_quantity(row, quantity)
        except PosError as exc:
            self._failed(exc)
            return
        self._changed(row)
        self.screen.show_status(_("{name}: jumlah {quantity}", name=line.product.name, quantity=quantity), STYLE_OK)

    def remove_line(self) -> None:
        line = self._selected_line()
        if line is None:
            return
        detail = _("Hapus dari keranjang: {name}, jumlah {quantity}, {amount}", name=line.product.name,
                   quantity=quantity_text(line), amount=format_rupiah(line.total))
        self._void("line", [void_item(line, line.quantity, line.total)], detail, lambda: self._remove(line))

    def _remove(self, line: CartLine) -> None:
        row = self._row_of(line)
        if row is None:
            return
        self.cart.remove(row)
        self._changed()
        if self.cart.lines:
            self.screen._select(min(row, len(self.cart.lines) - 1))
        self.screen.show_status(_("Dihapus: {name}", name=line.product.name), STYLE_INFO)

    def void_sale(self) -> None:
        """The whole open sale (Esc twice): PIN if needed, reason, journal, then the cart clears."""
        items = [void_item(line, line.quantity, line.total) for line in self.cart.lines]
        detail = _("Batalkan seluruh transaksi: {lines} baris, {amount}", lines=len(items),
                   amount=format_rupiah(self.cart.total))

        def done() -> None:
            self.screen.new_sale()
            self.screen.show_status(_("Transaksi dibatalkan"), STYLE_INFO)

        self._void("sale", items, detail, done)

    def _void(self, kind: str, items: list[VoidItem], detail: str, apply: Callable[[], None]) -> None:
        permission = VOID_SALE if kind == "sale" else VOID_LINE

        def ask_reason(approval: Approval | None) -> None:
            dialog = void_dialog(detail, whole_sale=kind == "sale", parent=self.screen)
            dialog.chosen.connect(lambda reason: self._record_void(kind, items, reason, approval, apply))
            self._show(dialog)

        self.override(permission, ask_reason, detail)

    def _record_void(self, kind: str, items: list[VoidItem], reason: str, approval: Approval | None,
                     apply: Callable[[], None]) -> None:
        try:
            record_void(self.context.uow(write=True), self.context.user, self.context.settings.terminal_id, kind,
                        items, reason, approval)
        except Exception as exc:  # noqa: BLE001 - refused or failed: the cart stays as it was
            self._failed(exc)
            return
        apply()

    # -- drawer and reprint -------------------------------------------------
    def open_drawer(self) -> None:
        def ask_reason(approval: Approval | None) -> None:
            dialog = drawer_dialog(self.screen)
            dialog.chosen.connect(lambda reason: self._kick(reason, approval))
            self._show(dialog)

        self.override(OPEN_DRAWER, ask_reason)

    def _kick(self, reason: str, approval: Approval | None) -> None:
        try:
            open_drawer(self.context.uow(write=True), self.context.user, self.context.settings.terminal_id, reason,
                        approval)
        except Exception as exc:  # noqa: BLE001 - shown in the status line
            self._failed(exc)
            return
        url = self.context.settings.printer_url
        if url.strip().lower() == "none":
            self.screen.show_status(_("Dicatat di jurnal. Tidak ada printer: buka laci dengan kunci."), STYLE_WARNING)
            return
        self.screen.show_status(_("Membuka laci..."), STYLE_INFO)
        run_in_background(lambda: kick_drawer(url), on_success=lambda _r: self._drawer_done(None),
                          on_failure=self._drawer_done)

    def _drawer_done(self, exc: BaseException | None) -> None:
        if not isValid(self.screen):
            return
        if exc is None:
            self.screen.show_status(_("Laci terbuka (dicatat di jurnal)"), STYLE_OK)
            return
        self.screen.show_status(_("Laci tidak terbuka: {reason}", reason=user_message(exc)), STYLE_ERROR)
        error_beep()

    def reprint_last(self) -> None:
        """F9: a journalled copy (SALINAN) of the last receipt, once its original is printed.

        While receipts wait in the queue -- the last one among them, perhaps
        being printed right now -- F9 prints the queue instead (after the pass
        under way): never a copy of a receipt whose original is still to come.
        """
        try:
            number = last_receipt_no(self.context.uow(), self.context.settings.terminal_id)
        except PosError as exc:
            self._failed(exc)
            return
        if self.screen.printing.print_queue(last_receipt=number):
            return
        if number is None:
            self.screen.show_status(_("Belum ada struk untuk dicetak ulang"), STYLE_ERROR)
            return
        self.override(REPRINT, lambda approval: self._reprint(number, approval))

    def _reprint(self, number: str, approval: Approval | None) -> None:
        try:
            authorize_reprint(self.context.uow(write=True), self.context.user, self.context.settings.terminal_id,
                              number, approval)
        except Exception as exc:  # noqa: BLE001 - shown in the status line
            self._failed(exc)
            return
        self.screen.show_status(_("Mencetak ulang struk {number} (salinan)...", number=number), STYLE_INFO)
        self.screen.print_receipt(number, copy=True)

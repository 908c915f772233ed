"""The "Retur" tab: hand one UMKM's unsold, expired or damaged goods back with a
signed nota retur; the vendor's expiring batches can be added with one click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nttmart_pos.domain.document_draft import draft_quantity_text, draft_value
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.stock_document import RETURN
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.returns import ReturnLine, return_goods
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.document_lines import DocumentLines
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.manager.document_output import RESULT_STYLE, SIDE_WIDTH, DocumentOutput, result_text
from nttmart_pos.ui.manager.returns_expiring import ExpiringPanel

TITLE = "Retur"
ORDER = 40


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return ReturnsTab(context, parent)


class ReturnsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnTab")
        self.context = context
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.lines = DocumentLines(context, RETURN, "return", self)
        self.lines.postButton.setText(_("Simpan nota retur..."))
        self.lines.post_requested.connect(self.ask_post)
        self.expiring = ExpiringPanel(context, self)
        self.expiring.add_requested.connect(self.add_expired)
        self.lines.vendor_changed.connect(self.expiring.set_vendor)
        self.lines.model.rowsRemoved.connect(lambda *_args: self.expiring.forget_added())
        self.lines.model.modelReset.connect(self.expiring.forget_added)
        # the expiring batches sit between the vendor row and the lines they feed
        self.lines.layout().insertWidget(2, self.expiring)
        left.addWidget(self.lines, 1)
        layout.addLayout(left, 1)

        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(_("Kembalikan barang ke satu UMKM: pilih UMKM, pindai atau cari barangnya (atau tambahkan "
                        "yang kedaluwarsa), pilih alasan tiap baris, lalu simpan nota retur. Retur tidak boleh "
                        "melebihi stok."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #455a64;")
        column.addWidget(hint)
        self.resultLabel = QLabel(objectName="returnResult")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resultLabel.setStyleSheet(RESULT_STYLE)
        self.resultLabel.hide()
        column.addWidget(self.resultLabel)
        self.output = DocumentOutput(context, RETURN, "return", [], self)
        column.addWidget(self.output, 1)
        layout.addWidget(side)
        self.output.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.lines.reload_vendors()  # vendors made in the other tabs since
        self.lines.reload_products()  # and stock moved by the till
        self.output.reload()
        self.expiring.reload()  # intakes and sales made since change what is left
        self.lines.scanInput.setFocus()

    def add_expired(self, quantities: list[tuple[int, int]]) -> None:
        for product_id, quantity in quantities:
            try:
                self.lines.add_product(product_id, quantity, reason="expired")
            except PosError as exc:
                self.lines.show_error_status(exc)
                return
        self.lines.show_status(_("{count} barang kedaluwarsa ditambahkan dengan alasan kedaluwarsa",
                                 count=len(quantities)), "#1b5e20")

    # -- posting --------------------------------------------------------------------
    def ask_post(self) -> None:
        lines = self.lines.lines()
        if not lines or not self.lines.vendor_code:
            return
        ask(self, "returnPostConfirm", _("Simpan nota retur"),
            _("Simpan nota retur untuk {quantity} barang senilai {amount}?",
              quantity=draft_quantity_text(lines), amount=format_rupiah(draft_value(lines))), self.post)

    def post(self) -> None:
        """Post the lines as a retur; refused as a whole (with the service's message) above stock."""
        code = self.lines.vendor_code
        lines = [ReturnLine(line.product.product_id, line.quantity, line.reason) for line in self.lines.lines()]
        try:
            result = return_goods(self.context.uow(write=True), self.context.user, code, lines,
                                  notes=self.lines.notesInput.text())
        except PosError as exc:
            self.lines.reload_products()  # show the stock that refused it
            show_error(self, exc)
            return
        vendor = self.lines.vendors.get(code)
        self.resultLabel.setText(result_text(_("Nota retur"), result, vendor.name if vendor else code))
        self.resultLabel.show()
        self.lines.clear()
        self.lines.reload_products()
        self.expiring.reload()
        self.lines.show_status(_("Tersimpan sebagai {number}. Stok sudah berkurang.", number=result.doc_no),
                               "#1b5e20")
        self.output.reload(select=result.doc_no)
        self.lines.scanInput.setFocus()

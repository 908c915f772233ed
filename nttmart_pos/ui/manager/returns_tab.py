"""The "Retur" tab: hand one UMKM's unsold, expired or damaged goods back with a
signed nota retur; the vendor's expiring batches can be added with one click.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from nttmart_pos.domain.stock_document import RETURN
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.returns import ReturnLine, return_goods
from nttmart_pos.ui.busy import OK
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.document_tab import DocumentTab
from nttmart_pos.ui.manager.returns_expiring import ExpiringPanel

TITLE = "Retur"
ORDER = 40


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return ReturnsTab(context, parent)


class ReturnsTab(DocumentTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, RETURN, "return", _("Simpan nota retur..."), parent)
        self.expiring = ExpiringPanel(context, self)
        self.expiring.add_requested.connect(self.add_expired)
        self.lines.vendor_changed.connect(self.expiring.set_vendor)
        self.lines.model.rowsRemoved.connect(lambda *_args: self.expiring.forget_added())
        self.lines.model.modelReset.connect(self.expiring.forget_added)
        # the expiring batches sit between the vendor row and the lines they feed
        self.lines.layout().insertWidget(2, self.expiring)
        self.layout().addWidget(self.side_column(
            _("Kembalikan barang ke satu UMKM: pilih UMKM, pindai atau cari barangnya (atau tambahkan yang "
              "kedaluwarsa), pilih alasan tiap baris, lalu simpan nota retur. Retur tidak boleh melebihi stok."), []))
        self.output.reload()

    def reload(self) -> None:
        super().reload()
        self.expiring.reload()  # intakes and sales made since change what is left

    def refresh_stock(self) -> None:
        super().refresh_stock()
        self.expiring.reload()

    def add_expired(self, quantities: list[tuple[int, int]]) -> None:
        for product_id, quantity in quantities:
            try:
                self.lines.add_product(product_id, quantity, reason="expired")
            except PosError as exc:
                self.lines.show_error_status(exc)
                return
        self.lines.show_status(_("{count} barang kedaluwarsa ditambahkan dengan alasan kedaluwarsa",
                                 count=len(quantities)), OK)

    # -- posting --------------------------------------------------------------------
    def confirm_texts(self, quantity: str, amount: str) -> tuple[str, str]:
        return (_("Simpan nota retur"),
                _("Simpan nota retur untuk {quantity} barang senilai {amount}?", quantity=quantity, amount=amount))

    def post(self) -> None:
        """Post the lines as a retur; refused as a whole (with the service's message) above stock."""
        lines = [ReturnLine(line.product.product_id, line.quantity, line.reason) for line in self.lines.lines()]
        try:
            result = return_goods(self.context.uow(write=True), self.context.user, self.lines.vendor_code, lines,
                                  notes=self.lines.notesInput.text())
        except PosError as exc:
            self.lines.reload_products()  # show the stock that refused it
            show_error(self, exc)
            return
        self.show_posted(result, _("Nota retur"),
                         _("Tersimpan sebagai {number}. Stok sudah berkurang.", number=result.doc_no))

"""The "Barang masuk" tab: receive one UMKM's goods on consignment (barang titipan
masuk), post the tanda terima titipan, then print it, reprint it, or label the goods.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from nttmart_pos.domain.stock_document import INTAKE
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.document_tab import DocumentTab

TITLE = "Barang masuk"
ORDER = 30

LABELS_TAB_TITLE = "Label barcode"  # the labels tab's TITLE: it can load an intake's lines by number


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return IntakeTab(context, parent)


class IntakeTab(DocumentTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, INTAKE, "intake", _("Simpan tanda terima..."), parent)
        self.labelsButton = QPushButton(_("Label barcode"), objectName="intakeLabels")
        self.labelsButton.setToolTip(_("Buka tab Label barcode dengan barang dari tanda terima ini"))
        self.labelsButton.clicked.connect(lambda _checked=False: self.open_labels())
        self.layout().addWidget(self.side_column(
            _("Terima barang titipan dari satu UMKM: pilih UMKM, pindai atau cari barangnya, periksa jumlah dan "
              "tanggal kedaluwarsa (untuk makanan), lalu simpan tanda terima."), [self.labelsButton]))
        self.output.reload()

    # -- posting --------------------------------------------------------------------
    def confirm_texts(self, quantity: str, amount: str) -> tuple[str, str]:
        return (_("Simpan tanda terima titipan"),
                _("Simpan tanda terima untuk {quantity} barang senilai {amount}?", quantity=quantity, amount=amount))

    def post(self) -> None:
        """Post the lines as a tanda terima titipan; the stock rises with it."""
        lines = [IntakeLine(line.product.product_id, line.quantity, line.expires_on) for line in self.lines.lines()]
        try:
            result = receive_goods(self.context.uow(write=True), self.context.user, self.lines.vendor_code, lines,
                                   notes=self.lines.notesInput.text())
        except PosError as exc:
            show_error(self, exc)
            return
        self.show_posted(result, _("Tanda terima"), _("Tersimpan sebagai {number}. Stok sudah bertambah; pindai "
                                                      "barang berikutnya atau pilih UMKM lain.", number=result.doc_no))

    # -- labels -----------------------------------------------------------------------
    def open_labels(self) -> None:
        """Show the labels tab loaded with the chosen tanda terima, or say how to get there."""
        number = self.output.current()
        if number is None:
            return
        window = self.window()
        tab = None
        if hasattr(window, "show_tab"):
            try:
                tab = window.show_tab(LABELS_TAB_TITLE)
            except KeyError:
                tab = None
        combo = getattr(tab, "documentCombo", None)
        if combo is not None:
            if hasattr(tab, "reload_choices"):
                tab.reload_choices()
            index = combo.findData(number)
            if index >= 0:
                if combo.currentIndex() == index:
                    combo.setCurrentIndex(0)  # choosing it again must load it again
                combo.setCurrentIndex(index)
                return
        self.output.show_status(_("Untuk label barang tanda terima ini: buka tab \"Label barcode\" dan pilih "
                                  "tanda terima {number}.", number=number))

"""The "Barang masuk" tab: receive one UMKM's goods on consignment (barang titipan
masuk), post the tanda terima titipan, then print it, reprint it, or label the goods.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nttmart_pos.domain.document_draft import draft_quantity_text, draft_value
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.stock_document import INTAKE
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.document_lines import DocumentLines
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.manager.document_output import RESULT_STYLE, SIDE_WIDTH, DocumentOutput, result_text

TITLE = "Barang masuk"
ORDER = 30

LABELS_TAB_TITLE = "Label barcode"  # the labels tab's TITLE: it can load an intake's lines by number


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return IntakeTab(context, parent)


class IntakeTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeTab")
        self.context = context
        layout = QHBoxLayout(self)
        self.lines = DocumentLines(context, INTAKE, "intake", self)
        self.lines.postButton.setText(_("Simpan tanda terima..."))
        self.lines.post_requested.connect(self.ask_post)
        layout.addWidget(self.lines, 1)

        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(_("Terima barang titipan dari satu UMKM: pilih UMKM, pindai atau cari barangnya, periksa "
                        "jumlah dan tanggal kedaluwarsa (untuk makanan), lalu simpan tanda terima."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #455a64;")
        column.addWidget(hint)
        self.resultLabel = QLabel(objectName="intakeResult")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resultLabel.setStyleSheet(RESULT_STYLE)
        self.resultLabel.hide()
        column.addWidget(self.resultLabel)
        self.labelsButton = QPushButton(_("Label barcode"), objectName="intakeLabels")
        self.labelsButton.setToolTip(_("Buka tab Label barcode dengan barang dari tanda terima ini"))
        self.labelsButton.clicked.connect(lambda _checked=False: self.open_labels())
        self.output = DocumentOutput(context, INTAKE, "intake", [self.labelsButton], self)
        column.addWidget(self.output, 1)
        layout.addWidget(side)
        self.output.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.lines.reload_vendors()  # vendors made in the other tabs since
        self.lines.reload_products()  # and stock moved by the till
        self.output.reload()
        self.lines.scanInput.setFocus()

    # -- posting --------------------------------------------------------------------
    def ask_post(self) -> None:
        lines = self.lines.lines()
        if not lines or not self.lines.vendor_code:
            return
        ask(self, "intakePostConfirm", _("Simpan tanda terima titipan"),
            _("Simpan tanda terima untuk {quantity} barang senilai {amount}?",
              quantity=draft_quantity_text(lines), amount=format_rupiah(draft_value(lines))), self.post)

    def post(self) -> None:
        """Post the lines as a tanda terima titipan; the stock rises with it."""
        code = self.lines.vendor_code
        lines = [IntakeLine(line.product.product_id, line.quantity, line.expires_on) for line in self.lines.lines()]
        try:
            result = receive_goods(self.context.uow(write=True), self.context.user, code, lines,
                                   notes=self.lines.notesInput.text())
        except PosError as exc:
            show_error(self, exc)
            return
        vendor = self.lines.vendors.get(code)
        self.resultLabel.setText(result_text(_("Tanda terima"), result, vendor.name if vendor else code))
        self.resultLabel.show()
        self.lines.clear()
        self.lines.reload_products()
        self.lines.show_status(_("Tersimpan sebagai {number}. Stok sudah bertambah; pindai barang berikutnya "
                                 "atau pilih UMKM lain.", number=result.doc_no), "#1b5e20")
        self.output.reload(select=result.doc_no)
        self.lines.scanInput.setFocus()

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

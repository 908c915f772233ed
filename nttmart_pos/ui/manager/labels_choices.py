"""The top of the label tab: what to label - all products of a vendor, the lines of an
intake document (tanda terima titipan), or products scanned or searched one by one.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from nttmart_pos.domain.money import format_number
from nttmart_pos.domain.stock_document import INTAKE
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog_admin import list_vendors
from nttmart_pos.services.stock_documents import list_documents
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error

ALL_VENDORS = "*"  # vendor codes are letters and digits, so this never clashes with one
DOCUMENTS_LISTED = 200  # the newest intakes; labels are printed soon after the goods arrive
_QUANTITY_PREFIX = re.compile(r"^([1-9]\d{0,3})\s*[*xX]\s*(\S+)$")


def _fill(combo: QComboBox, choices: list[tuple[str, str | None]]) -> None:
    """Replace the items, keeping the chosen one if it is still there; no change signal."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    combo.blockSignals(False)


def _reset(combo: QComboBox) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(0)
    combo.blockSignals(False)


class SourceBar(QWidget):
    """Emits what the manager chose; the tab turns that into rows of its table."""

    vendor_chosen = Signal(str)  # a vendor code, or ALL_VENDORS
    document_chosen = Signal(str)  # an intake document number
    scanned = Signal(str, int)  # a code and the number of labels for it ("5*code")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.vendorCombo = QComboBox(objectName="labelsVendor")
        self.vendorCombo.setMinimumWidth(220)
        self.vendorCombo.currentIndexChanged.connect(lambda _i: self._vendor())
        self.documentCombo = QComboBox(objectName="labelsDocument")
        self.documentCombo.setMinimumWidth(220)
        self.documentCombo.setToolTip(_("Jumlah label = jumlah barang yang diterima pada tanda terima itu"))
        self.documentCombo.currentIndexChanged.connect(lambda _i: self._document())
        self.scanInput = QLineEdit(objectName="labelsScan")
        self.scanInput.setPlaceholderText(_("Pindai atau ketik barcode, Enter (5*kode = 5 label)"))
        self.scanInput.setMaxLength(64)
        self.scanInput.setStyleSheet("font-size: 16px; padding: 4px;")
        self.scanInput.returnPressed.connect(self._scan)
        self.searchButton = self._button(_("F2 Cari barang"), "labelsSearch")
        self.clearButton = self._button(_("Kosongkan daftar"), "labelsClear")
        grid.addWidget(QLabel(_("Semua barang dari UMKM")), 0, 0)
        grid.addWidget(self.vendorCombo, 0, 1)
        grid.addWidget(QLabel(_("atau dari tanda terima titipan")), 0, 2)
        grid.addWidget(self.documentCombo, 0, 3)
        grid.addWidget(QLabel(_("atau tambah satu per satu")), 1, 0)
        grid.addWidget(self.scanInput, 1, 1, 1, 2)
        tools = QHBoxLayout()
        tools.addWidget(self.searchButton, 1)
        tools.addWidget(self.clearButton, 1)
        grid.addLayout(tools, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    @staticmethod
    def _button(text: str, name: str) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setMinimumHeight(38)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus for the scanner
        return button

    def reload(self) -> None:
        """Read the vendor and document lists again, keeping what is chosen."""
        try:
            vendors = [v for v in list_vendors(self.context.uow(), include_inactive=True)
                       if v.active or v.product_count]  # an inactive vendor's goods may still be on the shelf
            documents = list_documents(self.context.uow(), kind=INTAKE, limit=DOCUMENTS_LISTED)
        except PosError as exc:
            show_error(self, exc)
            return
        _fill(self.vendorCombo, [
            (_("- pilih UMKM -"), None), (_("Semua UMKM (semua barang aktif)"), ALL_VENDORS),
            *((_("{code} - {name} ({count} barang)", code=v.code, name=v.name,
                 count=format_number(v.product_count)), v.code) for v in vendors)])
        _fill(self.documentCombo, [
            (_("- pilih tanda terima titipan -"), None),
            *((_("{number} - {code} {name} - {date}", number=d.doc_no, code=d.vendor_code, name=d.vendor_name,
                 date=d.created_at.strftime("%d-%m-%Y")), d.doc_no) for d in documents)])

    def reset(self) -> None:
        _reset(self.vendorCombo)
        _reset(self.documentCombo)

    def _vendor(self) -> None:
        code = self.vendorCombo.currentData()
        if code is not None:
            _reset(self.documentCombo)  # the list now comes from the vendor only
            self.vendor_chosen.emit(code)

    def _document(self) -> None:
        number = self.documentCombo.currentData()
        if number is not None:
            _reset(self.vendorCombo)
            self.document_chosen.emit(number)

    def _scan(self) -> None:
        text = self.scanInput.text().strip()
        self.scanInput.clear()
        if not text:
            return
        match = _QUANTITY_PREFIX.match(text)
        if match:
            self.scanned.emit(match.group(2), int(match.group(1)))
        else:
            self.scanned.emit(text, 1)

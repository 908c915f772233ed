"""The list of the label tab: one row per product with an editable number of labels
(0 removes the row), and the products that get no label with the reason.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QListWidget, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from nttmart_pos.domain.labels import MAX_COPIES, LabelItem, check_copies
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.i18n import _
from nttmart_pos.services.labels import SkippedProduct

COLUMNS = ("Barcode", "Nama barang", "Harga", "UMKM", "Jumlah label")
COPIES_COLUMN = 4
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _cell(text: str, align_right: bool = False, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(_RIGHT)
    if tooltip:
        item.setToolTip(tooltip)
    return item


class LabelTable(QTableWidget):
    """The labels to print, in print order; ``changed`` after any row or number changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("labelsTable")
        self._items: list[LabelItem] = []
        self.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(32)
        self.setStyleSheet("font-size: 14px;")
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        # Fixed widths: measuring every row of a long list to fit it costs more than it shows.
        for column, sample in ((0, "8991234567891"), (2, "Rp9.999.999"), (3, "TENUN01"), (4, "Jumlah label")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 40)
        self.horizontalHeaderItem(2).setTextAlignment(_RIGHT)
        self.horizontalHeaderItem(COPIES_COLUMN).setTextAlignment(_RIGHT)

    # -- contents ---------------------------------------------------------------
    def items(self) -> list[LabelItem]:
        """The rows with their current numbers (what a PDF or the printer gets)."""
        return list(self._items)

    def label_count(self) -> int:
        return sum(item.copies for item in self._items)

    def set_items(self, items: list[LabelItem]) -> None:
        self._items = []
        self.setRowCount(0)
        for item in items:
            self._append(item)
        self.changed.emit()

    def add(self, item: LabelItem) -> int:
        """Add a product, or add to its number of labels if it is listed; returns its row.

        ``ValidationError`` (nothing changed) if the number would pass the limit.
        """
        for row, listed in enumerate(self._items):
            if listed.barcode == item.barcode:
                copies = check_copies(listed.name, listed.copies + item.copies)
                self._items[row] = replace(listed, copies=copies)
                spin = self.cellWidget(row, COPIES_COLUMN)
                spin.blockSignals(True)
                spin.setValue(copies)
                spin.blockSignals(False)
                break
        else:
            row = self._append(item)
        self.selectRow(row)
        self.scrollToItem(self.item(row, 0))
        self.changed.emit()
        return row

    def copies_box(self, row: int) -> QSpinBox:
        return self.cellWidget(row, COPIES_COLUMN)

    def _append(self, item: LabelItem) -> int:
        row = len(self._items)
        self._items.append(item)
        self.insertRow(row)
        details = " - ".join(part for part in (item.name, item.certificate) if part)
        self.setItem(row, 0, _cell(item.barcode))
        self.setItem(row, 1, _cell(item.name, tooltip=details))
        self.setItem(row, 2, _cell(format_rupiah(item.price), align_right=True))
        self.setItem(row, 3, _cell(item.vendor_code))
        spin = QSpinBox(objectName="labelsCopies")
        spin.setRange(0, MAX_COPIES)
        spin.setValue(item.copies)
        spin.setAlignment(_RIGHT)
        spin.setKeyboardTracking(False)  # typing "12" must not pass through 1 (or remove the row at 0)
        spin.setToolTip(_("Jumlah label untuk barang ini; 0 menghapusnya dari daftar"))
        spin.valueChanged.connect(lambda value, box=spin: self._copies_changed(box, value))
        self.setCellWidget(row, COPIES_COLUMN, spin)
        return row

    def _copies_changed(self, box: QSpinBox, value: int) -> None:
        row = next((r for r in range(self.rowCount()) if self.cellWidget(r, COPIES_COLUMN) is box), None)
        if row is None:
            return
        if value == 0:
            del self._items[row]
            self.removeRow(row)
        else:
            self._items[row] = replace(self._items[row], copies=value)
        self.changed.emit()


class SkippedList(QWidget):
    """Products asked for that get no label (weighed goods, inactive), each with its reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(objectName="labelsSkippedTitle")
        self.title.setStyleSheet("font-weight: bold; color: #e65100;")
        layout.addWidget(self.title)
        self.list = QListWidget(objectName="labelsSkipped")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setStyleSheet("color: #5d4037;")
        layout.addWidget(self.list)
        self._codes: set[str] = set()
        self.set_skipped([])

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_skipped(self, skipped: list[SkippedProduct]) -> None:
        self.list.clear()
        self._codes.clear()
        self.add(skipped)

    def add(self, skipped: list[SkippedProduct]) -> None:
        for note in skipped:
            if note.barcode not in self._codes:
                self._codes.add(note.barcode)
                self.list.addItem(_("{name} ({code}): {reason}", name=note.name, code=note.barcode,
                                    reason=note.reason))
        count = self.list.count()
        self.title.setText(_("Tanpa label: {count} barang", count=count))
        # As tall as its lines, up to four; a longer list scrolls.
        shown = min(max(count, 1), 4)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * shown + 2 * self.list.frameWidth() + 4
                                 if count else 0)
        self.setVisible(count > 0)

"""The counting page of the stok opname tab: scan field, quantity, table, totals and corrections.

The scan field keeps the keyboard focus, like the till's, so a keyboard-wedge
scanner counts one per Enter; ``5*code`` or the quantity box count more.  A
scan updates only its own row (and the totals), never the whole table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from nttmart_pos.domain.stocktake import CountRow, check_added
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.stocktake import StockTakeInfo, StockTakeView, count_item, reset_count
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.manager.stocktake_model import (COLUMN_DIFFERENCE, FILTERS, SHORTAGE, SURPLUS,
                                                    KeepColoursDelegate, StockTakeModel, quantity_text,
                                                    summary_html)
from nttmart_pos.ui.sound import error_beep

_QUANTITY_PREFIX = re.compile(r"^(-?\d{1,7})\s*[*xX]\s*(\S+)$")
_WHOLE = re.compile(r"^-?\d{1,20}$")
INFO, ERROR = "#37474f", "#b00020"


def parse_count(text: str) -> int:
    """A typed count or quantity as a whole number (the services judge its size)."""
    text = text.strip()
    if not _WHOLE.match(text):
        raise ValidationError(_("Jumlah hitungan harus bilangan bulat: {value}", value=text))
    return int(text)


class CountPage(QWidget):
    reload_requested = Signal()  # the filter changed: read the whole view again
    post_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.info: StockTakeInfo | None = None
        self.model = StockTakeModel()
        self.changed: dict[int, CountRow] = {}  # rows counted here while a read of the view was running
        self._build()

    # -- layout ---------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)

        scan_row = QHBoxLayout()
        self.scanInput = QLineEdit(objectName="stocktakeScan")
        self.scanInput.setPlaceholderText(_("Pindai barcode barang yang dihitung lalu Enter (5*kode = 5 barang)"))
        self.scanInput.setStyleSheet("font-size: 20px; padding: 6px;")
        self.scanInput.setMaxLength(64)
        self.scanInput.returnPressed.connect(self.on_scan)
        scan_row.addWidget(self.scanInput, 1)
        scan_row.addWidget(QLabel(_("Jumlah per pindai")))
        # A line edit, not a spin box: a barcode scanned in here by mistake arrives whole and is
        # refused as too large, where a spin box would keep its first digits as a plausible count.
        self.quantityBox = QLineEdit("1", objectName="stocktakeQuantity")
        self.quantityBox.setMaxLength(20)
        self.quantityBox.setFixedWidth(90)
        self.quantityBox.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.quantityBox.setStyleSheet("font-size: 18px; padding: 4px;")
        self.quantityBox.setToolTip(_("Berlaku untuk satu pindaian berikutnya, lalu kembali ke 1. "
                                      "Barang timbang dalam gram; angka negatif mengurangi hitungan."))
        self.quantityBox.returnPressed.connect(self._quantity_entered)
        scan_row.addWidget(self.quantityBox)
        scan_row.addWidget(self._button(_("F2 Cari barang"), "stocktakeSearch", self.open_search, "F2"))
        layout.addLayout(scan_row)

        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(_("Tampilkan")))
        self.filterCombo = QComboBox(objectName="stocktakeFilter")
        self.filterCombo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for key, text in FILTERS.items():
            self.filterCombo.addItem(_(text), key)
        self.filterCombo.currentIndexChanged.connect(lambda _i: self.reload_requested.emit())
        filter_row.addWidget(self.filterCombo)
        filter_row.addSpacing(16)
        self.summaryLabel = QLabel(objectName="stocktakeSummary")
        self.summaryLabel.setStyleSheet("font-size: 14px;")
        filter_row.addWidget(self.summaryLabel, 1)
        layout.addLayout(filter_row)

        self.table = QTableView(objectName="stocktakeTable")
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setStyleSheet("font-size: 14px;")
        self.table.setItemDelegate(KeepColoursDelegate(self.table))
        palette = self.table.palette()  # a light selection, so the colours of the row stay readable
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe3fa"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
        self.table.setPalette(palette)
        self.table.doubleClicked.connect(lambda _index: self.ask_count())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        # Fixed widths: measuring thousands of rows to fit them would cost more than reading them.
        for column, sample in ((0, "8991234567891"), (2, "TENUN01"), (3, "99.999,999 kg"), (4, "99.999,999 kg"),
                               (5, "+99.999,999 kg")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        layout.addWidget(self.table, 1)

        self.statusLabel = QLabel(objectName="stocktakeStatus")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setMinimumHeight(30)
        layout.addWidget(self.statusLabel)

        buttons = QHBoxLayout()
        buttons.addWidget(self._button(_("F4 Koreksi hitungan"), "stocktakeSetCount", self.ask_count, "F4"))
        buttons.addWidget(self._button(_("Hitung ulang barang ini"), "stocktakeReset", self.ask_reset))
        buttons.addStretch()
        buttons.addWidget(self._button(_("Batalkan stok opname"), "stocktakeCancel", self.cancel_requested.emit))
        post = self._button(_("Posting selisih..."), "stocktakePost", self.post_requested.emit)
        post.setStyleSheet("font-size: 16px; font-weight: bold; background: #1565c0; color: white;")
        buttons.addWidget(post)
        layout.addLayout(buttons)
        for key, step in (("Up", -1), ("Down", 1)):  # on the scan field only: the quantity box steps with them
            QShortcut(QKeySequence(key), self.scanInput, activated=lambda s=step: self._move_selection(s),
                      context=Qt.ShortcutContext.WidgetShortcut)

    def _button(self, text: str, name: str, slot, key: str | None = None) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(40)
        button.clicked.connect(lambda _checked=False: slot())
        if key:  # only while this page has the focus: other manager tabs may use the same keys
            QShortcut(QKeySequence(key), self, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    # -- showing ----------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.scanInput.setFocus()  # coming back to the tab, the scanner types in the right place

    def begin(self, info: StockTakeInfo) -> None:
        """A stock take just started: an empty table until its view has been read."""
        self.info = info
        self.changed.clear()
        self.model.load([], 0)
        self.filterCombo.blockSignals(True)
        self.filterCombo.setCurrentIndex(0)
        self.filterCombo.blockSignals(False)
        self.model.filter = "all"
        self.summaryLabel.setText(_("Memuat daftar barang..."))
        self.show_status(_("Stok opname {number} dimulai. Silakan pindai barang.", number=info.number))

    def show_view(self, view: StockTakeView) -> None:
        """Show a freshly read view, keeping what was counted here while it was being read."""
        self.info = view.info
        self.model.filter = self.filterCombo.currentData()
        self.model.load([self.changed.get(row.product_id, row) for row in view.rows],
                        view.summary.products_in_scope)
        for row in self.changed.values():
            self.model.update(row)
        self._show_summary()
        self.scanInput.setFocus()

    def _show_summary(self) -> None:
        self.summaryLabel.setText(summary_html(self.model.summary()))

    def show_status(self, text: str, color: str = INFO) -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {color};")

    def _failed(self, exc: BaseException) -> None:
        """A counting error goes to the status line with a beep: a box would swallow the next scan."""
        self.show_status(user_message(exc), ERROR)
        error_beep()

    # -- counting -----------------------------------------------------------------
    def on_scan(self) -> None:
        text = self.scanInput.text().strip()
        self.scanInput.clear()
        if not text:
            return
        match = _QUANTITY_PREFIX.match(text)
        try:
            quantity = int(match.group(1)) if match else parse_count(self.quantityBox.text())
        except PosError as exc:
            self._failed(exc)
            return
        self.count(match.group(2) if match else text, quantity)

    def _quantity_entered(self) -> None:
        try:
            check_added(parse_count(self.quantityBox.text()))
        except PosError as exc:
            self._failed(exc)
            self.quantityBox.selectAll()
            return
        self.scanInput.setFocus()

    def count(self, item: str | int, quantity: int = 1, *, set_to: int | None = None) -> None:
        """Count a scanned code or a product id (``set_to`` replaces its count)."""
        if self.info is None:
            return
        try:
            row = count_item(self.context.uow(write=True), self.info.number, item, quantity, set_to=set_to)
        except PosError as exc:
            self._failed(exc)
            return
        self.quantityBox.setText("1")  # a typed quantity is for one scan; the next scans count one each
        self._row_changed(row)
        self.show_status(_("{name}: dihitung {counted} (tercatat {expected}, selisih {difference})",
                           name=row.name, counted=quantity_text(row.measure, row.counted),
                           expected=quantity_text(row.measure, row.expected),
                           difference=quantity_text(row.measure, row.difference, signed=True)),
                         SHORTAGE if row.difference < 0 else SURPLUS)

    def _row_changed(self, row: CountRow) -> None:
        self.changed[row.product_id] = row
        shown = self.model.update(row)
        if shown is not None:
            self.table.selectRow(shown)
            self.table.scrollTo(self.model.index(shown, COLUMN_DIFFERENCE))
        self._show_summary()
        self.scanInput.setFocus()

    def open_search(self) -> None:
        from nttmart_pos.ui.search_dialog import ProductSearchDialog

        if self.info is None:
            return
        dialog = ProductSearchDialog(self.context.engine, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.picked.connect(lambda product: self._picked(product.product_id))
        dialog.finished.connect(lambda _result: self.scanInput.setFocus())
        dialog.open()

    def _picked(self, product_id: int) -> None:
        try:
            quantity = parse_count(self.quantityBox.text())
        except PosError as exc:
            self._failed(exc)
            return
        self.count(product_id, quantity)

    # -- corrections ----------------------------------------------------------------
    def selected(self) -> CountRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.show_status(_("Pilih barisnya dulu (klik, atau panah atas/bawah)"), ERROR)
            return None
        return self.model.row(rows[0].row())

    def _move_selection(self, step: int) -> None:
        count = self.model.rowCount()
        if count:
            rows = self.table.selectionModel().selectedRows()
            row = min(max(rows[0].row() + step, 0), count - 1) if rows else 0
            self.table.selectRow(row)

    def ask_count(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = QInputDialog(self, objectName="stocktakeCountDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(_("Koreksi hitungan"))
        unit = _("dalam gram") if row.measure == "weight" else _("dalam {unit}", unit=row.unit)
        dialog.setLabelText(_("{name}\nJumlah yang benar di rak ({unit}):", name=row.name, unit=unit))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)  # see the quantity box: no spin box
        dialog.setTextValue(str(row.counted))
        dialog.textValueSelected.connect(lambda text: self._set_count(row.product_id, text))
        dialog.finished.connect(lambda _result: self.scanInput.setFocus())
        dialog.open()

    def _set_count(self, product_id: int, text: str) -> None:
        try:
            counted = parse_count(text)
        except PosError as exc:
            self._failed(exc)
            return
        self.count(product_id, set_to=counted)

    def ask_reset(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row.is_counted:
            self.show_status(_("{name} belum dihitung", name=row.name))
            return
        box = ask(self, "stocktakeResetConfirm", _("Hitung ulang"),
                  _("Hapus hitungan {name} ({counted})? Pindaian berikutnya mulai dari nol dengan stok "
                    "tercatat yang baru.", name=row.name, counted=quantity_text(row.measure, row.counted)),
                  lambda: self.reset(row))
        box.finished.connect(lambda _result: self.scanInput.setFocus())
        box.open()

    def reset(self, row: CountRow) -> None:
        try:
            reset_count(self.context.uow(write=True), self.info.number, row.product_id)
        except PosError as exc:
            show_error(self, exc)
            return
        # What the service shows for a product not counted: nothing counted, expected = the stock now.
        self._row_changed(replace(row, counted=0, is_counted=False, expected=row.stock_now,
                                  first_counted_at=None, last_counted_at=None))
        self.show_status(_("Hitungan {name} dihapus: silakan hitung ulang", name=row.name))

"""The retur tab's list of the chosen vendor's batches that have passed or near their
best-before date (``services.stock_alerts.expiring_batches``), to add as retur lines.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from nttmart_pos.domain.stock_document import measured_text, short_date
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.stock_alerts import BATCH_SOON_DAYS, BatchAlert, expiring_batches
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error

EXPIRED, SOON, DONE = QColor("#b00020"), QColor("#e65100"), QColor("#9e9e9e")
VISIBLE_ROWS = 4  # more scroll: the lines below matter more
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def when_text(batch: BatchAlert) -> str:
    """``12-11-2026 (lewat 3 hari)``, ``(hari ini)`` or ``(10 hari lagi)``."""
    if batch.days_left < 0:
        note = _("lewat {days} hari", days=-batch.days_left)
    elif batch.days_left == 0:
        note = _("hari ini")
    else:
        note = _("{days} hari lagi", days=batch.days_left)
    return f"{short_date(batch.expires_on)} ({note})"


def _cell(text: str, color: QColor | None = None, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if color is not None:
        item.setForeground(color)
    if right:
        item.setTextAlignment(_RIGHT)
    return item


class ExpiringPanel(QWidget):
    add_requested = Signal(object)  # list of (product id, quantity) to add with reason "expired"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.vendor_code = ""
        self.batches: list[BatchAlert] = []
        self.added: set[tuple[str, int]] = set()  # (document, product): already on the retur
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.titleLabel = QLabel(objectName="returnExpiringTitle")
        self.titleLabel.setStyleSheet("font-weight: bold;")
        top.addWidget(self.titleLabel, 1)
        self.addButton = QPushButton(objectName="returnAddExpiring")
        self.addButton.setMinimumHeight(32)
        self.addButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.addButton.clicked.connect(lambda _checked=False: self.add())
        top.addWidget(self.addButton)
        layout.addLayout(top)
        self.table = QTableWidget(0, 4, objectName="returnExpiring")
        self.table.setHorizontalHeaderLabels([_("Nama barang"), _("Kedaluwarsa"), _("Sisa (perkiraan)"),
                                              _("Tanda terima")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setToolTip(_("Sisa: bagian kiriman ini yang diperkirakan masih di rak (barang lama terjual "
                                "lebih dulu)"))
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_button)
        layout.addWidget(self.table)
        self.set_vendor("")

    def set_vendor(self, code: str) -> None:
        self.vendor_code = code
        self.added = set()
        self.reload()

    def reload(self) -> None:
        """Read the vendor's expiring batches again (after a retur, fewer are left)."""
        self.batches = []
        if self.vendor_code:
            try:
                self.batches = expiring_batches(self.context.uow(), date.today()).get(self.vendor_code, [])
            except PosError as exc:
                show_error(self, exc)
        self.table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            color = EXPIRED if batch.state == "expired" else SOON
            self.table.setItem(row, 0, _cell(batch.product_name))
            self.table.setItem(row, 1, _cell(when_text(batch), color))
            self.table.setItem(row, 2, _cell(measured_text(batch.remaining, batch.measure), right=True))
            self.table.setItem(row, 3, _cell(batch.document_no))
        if not self.vendor_code:
            self.titleLabel.setText(_("Barang kedaluwarsa: pilih UMKM dulu"))
        elif self.batches:
            self.titleLabel.setText(_("Sudah atau hampir kedaluwarsa ({days} hari ke depan): {count} kiriman",
                                      days=BATCH_SOON_DAYS, count=len(self.batches)))
        else:
            self.titleLabel.setText(_("Tidak ada barang UMKM ini yang kedaluwarsa dalam {days} hari",
                                      days=BATCH_SOON_DAYS))
        self.table.setVisible(bool(self.batches))
        shown = min(len(self.batches), VISIBLE_ROWS)
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 4
                                  + sum(self.table.rowHeight(row) for row in range(shown)))
        self._update_button()

    def _chosen(self) -> list[BatchAlert]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        chosen = [self.batches[row] for row in rows] if rows else self.batches
        return [b for b in chosen if (b.document_no, b.product_id) not in self.added]

    def _grey_added(self) -> None:
        for row, batch in enumerate(self.batches):
            if (batch.document_no, batch.product_id) in self.added:
                for column in range(self.table.columnCount()):
                    self.table.item(row, column).setForeground(DONE)
                self.table.item(row, 0).setToolTip(_("Sudah ditambahkan ke retur"))

    def _update_button(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        count = len(self._chosen())
        self.addButton.setText(_("Tambahkan yang dipilih ke retur ({count})", count=count) if selected
                               else _("Tambahkan semua ke retur ({count})", count=count))
        self.addButton.setEnabled(count > 0)
        self.addButton.setVisible(bool(self.batches))

    def add(self) -> None:
        """Ask for the chosen batches (all when none is chosen) as retur lines, summed per product."""
        chosen = self._chosen()
        if not chosen:
            return
        quantities: dict[int, int] = {}
        for batch in chosen:
            quantities[batch.product_id] = quantities.get(batch.product_id, 0) + batch.remaining
            self.added.add((batch.document_no, batch.product_id))
        self.table.clearSelection()
        self._grey_added()
        self._update_button()
        self.add_requested.emit(list(quantities.items()))

    def forget_added(self) -> None:
        """The retur lines were posted or dropped: every listed batch may be added again."""
        if self.added:
            self.added = set()
            self.reload()

"""The price history of one product: who changed its price, harga setor or commission, when,
from what to what (``services.catalog_admin.price_history``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog_admin import PriceChangeRow, ProductRow

COLUMNS = ("Tanggal", "Oleh", "Harga jual", "Harga setor", "Komisi")
_ARROW = " \u2192 "


def _money(amount: int | None) -> str:
    return "-" if amount is None else format_rupiah(amount)


def _percent(pct: int | None) -> str:
    return "-" if pct is None else f"{pct}%"


def change_text(old: str, new: str) -> str:
    """``Rp12.000 → Rp12.500``, or the value alone when it did not change."""
    return new if old == new else old + _ARROW + new


def history_cells(change: PriceChangeRow) -> tuple[str, ...]:
    return (change.changed_at.astimezone().strftime("%d-%m-%Y %H:%M"), change.user_name or "-",
            change_text(_money(change.old_price), _money(change.new_price)),
            change_text(_money(change.old_harga_setor), _money(change.new_harga_setor)),
            change_text(_percent(change.old_commission_pct), _percent(change.new_commission_pct)))


class PriceHistoryDialog(QDialog):
    def __init__(self, product: ProductRow, changes: list[PriceChangeRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceHistoryDialog")
        self.setWindowTitle(_("Riwayat harga - {name}", name=product.name))
        self.resize(820, 380)
        layout = QVBoxLayout(self)
        title = QLabel(_("{name} ({code}), harga sekarang {price}", name=product.name, code=product.barcode,
                         price=format_rupiah(product.price)))
        title.setStyleSheet("font-weight: bold;")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.table = QTableWidget(len(changes), len(COLUMNS), objectName="priceHistoryTable")
        self.table.setHorizontalHeaderLabels([_(column) for column in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Newest first: the change being looked for is usually the last one.
        for row, change in enumerate(reversed(changes)):
            for column, text in enumerate(history_cells(change)):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(_("Harga barang ini belum pernah diubah."), objectName="priceHistoryEmpty")
        self.empty.setVisible(not changes)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton(_("Tutup"), objectName="priceHistoryClose")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def texts(self) -> list[tuple[str, ...]]:
        """The cells as shown, newest first (for tests and the lead's checks)."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]

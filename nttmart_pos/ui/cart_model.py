"""Table model that shows the open ``Cart`` in the cashier screen."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from nttmart_pos.domain.cart import Cart, CartLine
from nttmart_pos.domain.money import format_number
from nttmart_pos.i18n import _


def quantity_text(line: CartLine) -> str:
    if line.product.measure == "weight":
        kilos, grams = divmod(line.quantity, 1000)
        return f"{kilos},{grams:03d} kg"
    return str(line.quantity)


class CartModel(QAbstractTableModel):
    COLUMNS = ("Nama barang", "Jml", "Harga", "Total")

    def __init__(self, cart: Cart) -> None:
        super().__init__()
        self.cart = cart
        self._rows_shown = len(cart.lines)  # what the view knows; catches up in line_added/refresh

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else self._rows_shown

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.COLUMNS[section])
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.cart.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return line.product.name
            if column == 1:
                return quantity_text(line)
            if column == 2:
                suffix = "/kg" if line.product.measure == "weight" else ""
                return format_number(line.unit_price) + suffix
            return format_number(line.total)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def line_added(self, index: int) -> None:
        """Tell the view that line ``index`` is new or has a new quantity."""
        if index >= self._rows_shown:
            self.beginInsertRows(QModelIndex(), self._rows_shown, len(self.cart.lines) - 1)
            self._rows_shown = len(self.cart.lines)
            self.endInsertRows()
        else:
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.COLUMNS) - 1))

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows_shown = len(self.cart.lines)
        self.endResetModel()

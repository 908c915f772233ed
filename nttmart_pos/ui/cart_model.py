"""Table model that shows the open ``Cart`` in the cashier screen.

A line discount shows in the "Diskon" column (its reason as the tooltip); a
price changed at the till shows in bold orange, the catalogue price and the
reason in the tooltip.  "Total" is the line after its discount.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nttmart_pos.domain.cart import Cart, CartLine
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.i18n import _


def quantity_text(line: CartLine) -> str:
    if line.product.measure == "weight":
        kilos, grams = divmod(line.quantity, 1000)
        return f"{kilos},{grams:03d} kg"
    return str(line.quantity)


class CartModel(QAbstractTableModel):
    COLUMNS = ("Nama barang", "Jml", "Harga", "Diskon", "Total")
    PRICE, DISCOUNT = 2, 3

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
            if column == self.PRICE:
                suffix = "/kg" if line.product.measure == "weight" else ""
                return format_number(line.unit_price) + suffix
            if column == self.DISCOUNT:
                return format_number(-line.discount) if line.discount else ""
            return format_number(line.total)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        changed = (column == self.PRICE and line.price_override is not None) or \
            (column == self.DISCOUNT and line.discount > 0)
        if role == Qt.ItemDataRole.ForegroundRole and changed:
            return QBrush(QColor("#e65100" if column == self.PRICE else "#b00020"))
        if role == Qt.ItemDataRole.FontRole and changed:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and changed:
            if column == self.PRICE:
                return _("Harga katalog {price}; diubah: {reason}", price=format_rupiah(line.product.price),
                         reason=line.override_reason)
            return _("Diskon {amount}: {reason}", amount=format_rupiah(line.discount), reason=line.discount_reason)
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

"""Table model of an open stok opname: expected against counted per product, filtered,
updated one row at a time as scans come in; and the texts of its totals."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QStyledItemDelegate

from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.stocktake import CountRow, StockTakeSummary, summarize
from nttmart_pos.i18n import _

FILTERS = {"all": "Semua barang", "counted": "Sudah dihitung", "uncounted": "Belum dihitung",
           "difference": "Ada selisih"}
SHORTAGE, SURPLUS, MUTED = "#b00020", "#1b5e20", "#78909c"
_TINTS = {SHORTAGE: "#fdecea", SURPLUS: "#e8f5e9"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
COLUMN_EXPECTED, COLUMN_COUNTED, COLUMN_DIFFERENCE = 3, 4, 5


def quantity_text(measure: str, amount: int, *, signed: bool = False) -> str:
    """``12``, ``+3``, ``-2``; weighed goods (kept in grams) as ``1,250 kg``."""
    sign = "-" if amount < 0 else ("+" if signed and amount > 0 else "")
    if measure == "weight":
        kilos, grams = divmod(abs(amount), 1000)
        return f"{sign}{format_number(kilos)},{grams:03d} kg"
    return f"{sign}{format_number(abs(amount))}"


def amounts_text(units: int, grams: int) -> str:
    """Pieces and weighed goods of a total together: ``3 pcs``, ``3 pcs + 0,250 kg``, ``0 pcs``."""
    parts = [_("{count} pcs", count=format_number(units))] if units or not grams else []
    if grams:
        parts.append(quantity_text("weight", grams))
    return " + ".join(parts)


def difference_color(row: CountRow) -> str | None:
    if row.difference < 0:
        return SHORTAGE
    return SURPLUS if row.difference > 0 else None


def summary_html(summary: StockTakeSummary, separator: str = " &nbsp;&nbsp; ") -> str:
    """The totals line above the table, shortage in red and surplus in green."""
    counted = _("Dihitung {counted} dari {total} barang", counted=format_number(summary.products_counted),
                total=format_number(summary.products_in_scope))
    shortage = _("Kurang {amount} ({value})", amount=amounts_text(summary.shortage_units, summary.shortage_grams),
                 value=format_rupiah(summary.shortage_value))
    surplus = _("Lebih {amount} ({value})", amount=amounts_text(summary.surplus_units, summary.surplus_grams),
                value=format_rupiah(summary.surplus_value))
    return (f"<b>{counted}</b>{separator}<span style='color:{SHORTAGE}'><b>{shortage}</b></span>"
            f"{separator}<span style='color:{SURPLUS}'><b>{surplus}</b></span>")


def _tooltip(row: CountRow) -> str:
    lines = [f"{row.name} - {row.vendor_code} {row.vendor_name}"]
    if row.is_counted and row.first_counted_at is not None:
        lines.append(_("Tercatat = stok saat pertama dihitung ({time})",
                       time=row.first_counted_at.astimezone().strftime("%H:%M")))
        if row.moved_since_count:
            lines.append(_("Terjual/masuk sejak dihitung: {amount} (bukan selisih)",
                           amount=quantity_text(row.measure, row.moved_since_count, signed=True)))
    else:
        lines.append(_("Belum dihitung"))
    return "\n".join(lines)


class KeepColoursDelegate(QStyledItemDelegate):
    """A selected row keeps the red or green of its difference (the scanned row is always selected)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt API
        super().initStyleOption(option, index)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if brush is not None:
            option.palette.setBrush(QPalette.ColorRole.HighlightedText, brush)


class StockTakeModel(QAbstractTableModel):
    COLUMNS = ("Barcode", "Nama barang", "UMKM", "Tercatat", "Dihitung", "Selisih")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CountRow] = []
        self._where: dict[int, int] = {}  # product id -> index in _rows
        self._shown: list[int] = []  # indexes in _rows that pass the filter, in table order
        self._shown_at: dict[int, int] = {}  # index in _rows -> table row
        self.filter = "all"
        self.products_in_scope = 0

    # -- Qt API ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.COLUMNS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= COLUMN_EXPECTED:
            return _RIGHT
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= COLUMN_EXPECTED:
            return _RIGHT
        color = difference_color(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COLUMN_DIFFERENCE and color:
                return QBrush(QColor(color))
            if column == COLUMN_COUNTED and not row.is_counted:
                return QBrush(QColor(MUTED))
        if role == Qt.ItemDataRole.BackgroundRole and color:
            return QBrush(QColor(_TINTS[color]))
        if role == Qt.ItemDataRole.FontRole and column == COLUMN_DIFFERENCE and color:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.product_id
        return None

    @staticmethod
    def _text(row: CountRow, column: int) -> str:
        if column == 0:
            return row.barcode
        if column == 1:
            return row.name
        if column == 2:
            return row.vendor_code
        if column == COLUMN_EXPECTED:
            return quantity_text(row.measure, row.expected)
        if column == COLUMN_COUNTED:
            return quantity_text(row.measure, row.counted) if row.is_counted else _("belum")
        if not row.is_counted:
            return ""
        return quantity_text(row.measure, row.difference, signed=True) if row.difference else "0"

    # -- contents -------------------------------------------------------------
    def row(self, table_row: int) -> CountRow:
        return self._rows[self._shown[table_row]]

    def load(self, rows: list[CountRow], products_in_scope: int) -> None:
        """Show a freshly read view (the whole table is rebuilt)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._where = {row.product_id: i for i, row in enumerate(self._rows)}
        self.products_in_scope = products_in_scope
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, name: str) -> None:
        self.beginResetModel()
        self.filter = name if name in FILTERS else "all"
        self._apply_filter()
        self.endResetModel()

    def update(self, row: CountRow) -> int | None:
        """Put in one product's new figures; returns its table row (None while the filter hides it).

        A row counted just now stays visible under "belum dihitung" until the
        next reload, so the table does not jump under the counter's eyes.
        """
        index = self._where.get(row.product_id)
        if index is None:  # a product added to the catalog since the view was read
            index = len(self._rows)
            self._rows.append(row)
            self._where[row.product_id] = index
            self.products_in_scope += 1
        else:
            self._rows[index] = row
        shown = self._shown_at.get(index)
        if shown is not None:
            self.dataChanged.emit(self.index(shown, 0), self.index(shown, len(self.COLUMNS) - 1))
            return shown
        if not self._passes(row):
            return None
        shown = len(self._shown)
        self.beginInsertRows(QModelIndex(), shown, shown)
        self._shown.append(index)
        self._shown_at[index] = shown
        self.endInsertRows()
        return shown

    def find(self, product_id: int) -> CountRow | None:
        index = self._where.get(product_id)
        return None if index is None else self._rows[index]

    def all_rows(self) -> list[CountRow]:
        return list(self._rows)

    def summary(self) -> StockTakeSummary:
        return summarize(self._rows, self.products_in_scope)

    def _passes(self, row: CountRow) -> bool:
        if self.filter == "counted":
            return row.is_counted
        if self.filter == "uncounted":
            return not row.is_counted
        if self.filter == "difference":
            return row.difference != 0
        return True

    def _apply_filter(self) -> None:
        self._shown = [i for i, row in enumerate(self._rows) if self._passes(row)]
        self._shown_at = {index: shown for shown, index in enumerate(self._shown)}

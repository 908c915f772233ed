"""Table models of the import screen: the preview of what each row will do, and the rows a rejected file has
wrong; plus the texts they show (column names in Indonesian, "harga: Rp65.000 → Rp70.000")."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nttmart_pos.i18n import _
from nttmart_pos.services.imports import CREATE, UNCHANGED, UPDATE, FieldChange, RowChange, RowError

# Untranslated Indonesian texts; shown through _().  Keys are the file's column titles.
COLUMN_NAMES = {
    "code": "kode", "name": "nama", "owner": "pemilik", "phone": "telepon", "regency": "kabupaten/kota",
    "commission_pct": "komisi", "payout_method": "cara bayar", "payout_account": "rekening",
    "barcode": "barcode", "category": "kategori", "vendor_code": "UMKM", "price": "harga",
    "harga_setor": "harga setor", "unit": "satuan", "stock": "stok", "pirt": "P-IRT", "bpom": "BPOM",
    "halal": "halal", "sni": "SNI",
}
ACTION_NAMES = {CREATE: "Baru", UPDATE: "Ubah"}
UNCHANGED_NAME = "Tetap"
# (text, background) per action: new is green, a change orange, unchanged grey.
ACTION_COLOURS = {CREATE: ("#1b5e20", "#e8f5e9"), UPDATE: ("#e65100", "#fff3e0")}
UNCHANGED_COLOUR = ("#78909c", None)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ARROW = "\u2192"


def column_name(column: str | None) -> str:
    if not column:
        return "-"
    name = COLUMN_NAMES.get(column)
    return _(name) if name else column


def action_name(action: str) -> str:
    return _(ACTION_NAMES.get(action, UNCHANGED_NAME))


def change_text(change: FieldChange) -> str:
    """``harga: Rp65.000 → Rp70.000``; a blank value shows as ``(kosong)``."""
    return _("{column}: {old} {arrow} {new}", column=column_name(change.column), arrow=_ARROW,
             old=change.old or _("(kosong)"), new=change.new or _("(kosong)"))


def changes_text(row: RowChange) -> str:
    return "; ".join(change_text(change) for change in row.changes)


def key_text(row: RowChange) -> str:
    return row.key or _("(kode toko baru)")


class _Model(QAbstractTableModel):
    """Read-only rows shown in a fixed set of columns."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.headers[section])
        return None


class PreviewModel(_Model):
    """What each row of the file does: Baru, Ubah (with the changes) or Tetap."""

    headers = ("Baris", "Aksi", "Kode / barcode", "Nama", "Perubahan")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: RowChange = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(row.row), action_name(row.action), key_text(row), row.name, changes_text(row))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and row.changes:
            return "\n".join(change_text(change) for change in row.changes)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == 0 else _CENTER if column == 1 else None
        if column == 1 and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            text, background = ACTION_COLOURS.get(row.action, UNCHANGED_COLOUR)
            colour = text if role == Qt.ItemDataRole.ForegroundRole else background
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and not row.key:
            return QBrush(QColor(UNCHANGED_COLOUR[0]))
        if role == Qt.ItemDataRole.FontRole and column == 1:
            font = QFont()
            font.setBold(row.action != UNCHANGED)
            return font
        return None


class ErrorModel(_Model):
    """Why a rejected file was refused: row, column and reason, one line each."""

    headers = ("Baris", "Kolom", "Alasan")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        error: RowError = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # The column as titled in the file: that is what the user looks for in the spreadsheet.
            return ("-" if error.row is None else str(error.row), error.column or "-", error.reason)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return error.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return _RIGHT
        return None


def bad_row_count(errors: Sequence[RowError]) -> int:
    """How many rows of the file are wrong (an error of the file as a whole counts once)."""
    return len({error.row for error in errors})

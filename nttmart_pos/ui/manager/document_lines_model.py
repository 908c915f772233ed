"""The lines of a tanda terima titipan or retur being filled in: the table model and
the cell editors (jumlah, kedaluwarsa, alasan) shared by the intake and retur tabs.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from nttmart_pos.db.inventory_models import RETURN_REASONS
from nttmart_pos.domain.document_draft import DraftLine, DraftProduct, add_to_draft
from nttmart_pos.domain.money import format_number
from nttmart_pos.domain.stock_document import INTAKE, measured_text, reason_label, short_date
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _, get_language

BARCODE, NAME, STOCK, QUANTITY, EXPIRES, REASON, UNIT_VALUE, VALUE = (
    "barcode", "name", "stock", "quantity", "expires", "reason", "unit_value", "value")
COLUMNS = {INTAKE: (BARCODE, NAME, QUANTITY, EXPIRES, UNIT_VALUE, VALUE),
           "return": (BARCODE, NAME, STOCK, QUANTITY, REASON, UNIT_VALUE, VALUE)}
EDITABLE = (QUANTITY, EXPIRES, REASON)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_WHOLE = re.compile(r"^\d{1,9}$")
_DAY = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})$")
SHORT = QColor("#b00020")


def parse_quantity(text: str) -> int:
    """A typed line quantity: a whole number from 1 (the service judges the upper limit)."""
    text = text.strip().replace(".", "")
    if not _WHOLE.match(text) or int(text) < 1:
        raise ValidationError(_("Jumlah harus bilangan bulat 1 atau lebih, bukan {value}", value=text or "-"))
    return int(text)


def parse_day(text: str, today: date | None = None) -> date | None:
    """``31-12-2026``, ``31/12/26`` or ``31.12.2026``; empty means no best-before date."""
    text = text.strip()
    if not text:
        return None
    match = _DAY.match(text)
    try:
        if not match:
            raise ValueError
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        day = date(year, int(match[2]), int(match[1]))
    except ValueError:
        raise ValidationError(_("Tanggal kedaluwarsa tidak dikenal: {value}. Tulis seperti 31-12-2026",
                                value=text)) from None
    if day < (today or date.today()):
        raise ValidationError(_("Tanggal kedaluwarsa {date} sudah lewat: barang kedaluwarsa tidak diterima",
                                date=short_date(day)))
    return day


class DocumentLinesModel(QAbstractTableModel):
    """The draft lines of one document; ``changed`` after every change of quantity or lines."""

    changed = Signal()

    def __init__(self, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = COLUMNS[kind]
        self.lines: list[DraftLine] = []
        self.basis = "price"  # "harga_setor" when the vendor is paid a fixed harga setor

    def headers(self) -> dict[str, str]:
        return {BARCODE: _("Barcode"), NAME: _("Nama barang"), STOCK: _("Stok"), QUANTITY: _("Jumlah"),
                EXPIRES: _("Kedaluwarsa"), REASON: _("Alasan"),
                UNIT_VALUE: _("Harga setor") if self.basis == "harga_setor" else _("Harga jual"),
                VALUE: _("Nilai")}

    def column(self, key: str) -> int:
        return self.columns.index(key)

    # -- Qt model API -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation != Qt.Orientation.Horizontal:
            return None
        key = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[key]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if key in (STOCK, QUANTITY, UNIT_VALUE, VALUE) else _LEFT
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line, key = self.lines[index.row()], self.columns[index.column()]
        product = line.product
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, key)
        if role == Qt.ItemDataRole.EditRole:
            return {QUANTITY: str(line.quantity), EXPIRES: short_date(line.expires_on) if line.expires_on else "",
                    REASON: line.reason}.get(key, self._text(line, key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if key in (STOCK, QUANTITY, UNIT_VALUE, VALUE) else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and key in (STOCK, QUANTITY) and self.kind != INTAKE \
                and line.over_stock:
            return QBrush(SHORT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == QUANTITY:
                if product.measure == "weight":
                    return _("Klik dua kali untuk mengubah; barang timbang diketik dalam gram")
                return _("Klik dua kali untuk mengubah jumlah")
            if key == EXPIRES:
                return _("Klik dua kali lalu ketik tanggal seperti 31-12-2026; kosongkan bila tidak ada")
            if key == STOCK and line.over_stock:
                return _("Jumlah retur melebihi stok: retur ini akan ditolak")
        return None

    def _text(self, line: DraftLine, key: str) -> str:
        product = line.product
        if key == BARCODE:
            return product.barcode
        if key == NAME:
            return product.name if product.active else _("{name} (tidak aktif)", name=product.name)
        if key == STOCK:
            return measured_text(product.stock_on_hand, product.measure)
        if key == QUANTITY:
            return measured_text(line.quantity, product.measure)
        if key == EXPIRES:
            return short_date(line.expires_on) if line.expires_on else "-"
        if key == REASON:
            return reason_label(line.reason, get_language())
        if key == UNIT_VALUE:
            return format_number(product.unit_value) + ("/kg" if product.measure == "weight" else "")
        return format_number(line.value)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        line, key = self.lines[index.row()], self.columns[index.column()]
        if key == QUANTITY and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            line.quantity = value
        elif key == EXPIRES and (value is None or isinstance(value, date)):
            line.expires_on = value
        elif key == REASON and value in RETURN_REASONS:
            line.reason = value
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1))
        self.changed.emit()
        return True

    # -- changing lines -----------------------------------------------------------
    def add(self, product: DraftProduct, quantity: int, reason: str = "unsold") -> int:
        before = len(self.lines)
        row = add_to_draft(self.lines, product, quantity, reason)
        if len(self.lines) > before:
            self.beginInsertRows(QModelIndex(), row, row)
            self.endInsertRows()
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.changed.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
            self.changed.emit()

    def clear(self) -> None:
        self.beginResetModel()
        self.lines = []
        self.endResetModel()
        self.changed.emit()

    def set_basis(self, basis: str) -> None:
        self.basis = basis
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


class LineEditorDelegate(QStyledItemDelegate):
    """Text editors for jumlah and kedaluwarsa, a choice of alasan; bad input goes to ``on_error``."""

    def __init__(self, model: DocumentLinesModel, on_error, parent=None) -> None:
        super().__init__(parent)
        self.lines_model = model
        self.on_error = on_error

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        key = self.lines_model.columns[index.column()]
        if key == REASON:
            combo = QComboBox(parent, objectName="lineReasonEditor")
            for code in RETURN_REASONS:
                combo.addItem(reason_label(code, get_language()), code)
            # one choice closes the editor: no second click or Enter needed
            combo.activated.connect(lambda _i: (self.commitData.emit(combo), self.closeEditor.emit(combo)))
            return combo
        editor = QLineEdit(parent, objectName="lineQuantityEditor" if key == QUANTITY else "lineExpiryEditor")
        editor.setMaxLength(12)
        if key == EXPIRES:
            editor.setPlaceholderText(_("hh-bb-tttt"))
        else:
            editor.setAlignment(_RIGHT)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
            editor.showPopup()
        else:
            editor.setText(value or "")
            editor.selectAll()

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        key = self.lines_model.columns[index.column()]
        try:
            if key == REASON:
                value = editor.currentData()
            elif key == QUANTITY:
                value = parse_quantity(editor.text())
            else:
                value = parse_day(editor.text())
        except ValidationError as exc:
            self.on_error(exc)
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

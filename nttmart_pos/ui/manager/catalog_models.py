"""Table models of the manager's vendor (UMKM) and product lists, and the texts their cells
and dialogs share (consignment terms, payout method, stock in pieces or kilograms)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from nttmart_pos.domain.certificates import format_date
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog_admin import ProductRow, VendorRow
from nttmart_pos.services.product_certificates import CertificateAlert

# Untranslated Indonesian texts; shown through _().
TERMS_NAMES = {"commission": "Komisi persen", "harga_setor": "Harga setor per barang"}
PAYOUT_NAMES = {"transfer": "Transfer bank", "cash": "Tunai", "ewallet": "Dompet digital"}
EXPIRED, SOON, MUTED = "#b00020", "#e65100", "#8a8a8a"
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def yes_no(value: bool) -> str:
    return _("ya") if value else _("tidak")


def vendor_terms_text(terms: str, commission_pct: int | None) -> str:
    """``komisi 15%`` or ``harga setor``: what the vendor agreed with the store."""
    if terms == "harga_setor":
        return _("harga setor")
    return _("komisi {pct}%", pct=commission_pct if commission_pct is not None else 0)


def payout_text(method: str, account: str) -> str:
    name = _(PAYOUT_NAMES.get(method, method))
    return f"{name}: {account}" if account else name


def quantity_text(measure: str, amount: int) -> str:
    """Pieces as ``1.250``; weighed goods (kept in grams) as kilograms ``1,250``."""
    if measure == "weight":
        sign = "-" if amount < 0 else ""
        kilos, grams = divmod(abs(amount), 1000)
        return f"{sign}{format_number(kilos)},{grams:03d}"
    return format_number(amount)


def price_text(row: ProductRow) -> str:
    text = format_rupiah(row.price)
    return _("{price}/kg", price=text) if row.measure == "weight" else text


def terms_text(row: ProductRow) -> str:
    """The product's column "harga setor / komisi": the amount, or the commission and where it comes from."""
    if row.vendor_terms == "harga_setor":
        return format_rupiah(row.harga_setor) if row.harga_setor is not None else "-"
    return _("komisi {pct}%", pct=row.effective_commission_pct)


def alert_text(alert: CertificateAlert) -> str:
    if alert.state == "expired":
        return _("{label} kedaluwarsa {date}", label=alert.label, date=format_date(alert.expires_on))
    if alert.days_left == 0:
        return _("{label} habis hari ini", label=alert.label)
    return _("{label} habis {days} hari lagi", label=alert.label, days=alert.days_left)


class RowsModel(QAbstractTableModel):
    """Read-only rows of frozen dataclasses; cell texts are worked out once when rows arrive."""

    COLUMNS: tuple[str, ...] = ()
    ACTIVE_COLUMN = -1  # the "Aktif" column, hidden while only active rows are listed
    RIGHT_ALIGNED: frozenset[int] = frozenset()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._texts: list[tuple[str, ...]] = []
        self._colors: list[dict[int, str]] = []

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [self.cells(row) for row in self._rows]
        self._colors = [self.colors(row) for row in self._rows]
        self.endResetModel()

    def cells(self, row) -> tuple[str, ...]:
        raise NotImplementedError

    def colors(self, row) -> dict[int, str]:
        """Text colour per column (``-1`` for the whole row)."""
        return {}

    def tooltip(self, row, column: int) -> str | None:
        return None

    def row_at(self, index: int):
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def rows(self) -> list:
        return list(self._rows)

    def text(self, row: int, column: int) -> str:
        return self._texts[row][column]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.COLUMNS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.RIGHT_ALIGNED else _LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.RIGHT_ALIGNED else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            colors = self._colors[row]
            color = colors.get(column) or colors.get(-1)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(self._rows[row], column)
        return None


class VendorModel(RowsModel):
    # A line break keeps a long title from widening a column of short values.
    COLUMNS = ("Kode", "Nama UMKM", "Pemilik", "Kab/kota", "Telepon", "Ketentuan", "Pembayaran",
               "Jumlah\nbarang", "Aktif")
    RIGHT_ALIGNED = frozenset({7})
    ACTIVE_COLUMN = 8

    def cells(self, row: VendorRow) -> tuple[str, ...]:
        return (row.code, row.name, row.owner, row.regency, row.phone,
                vendor_terms_text(row.terms, row.commission_pct), payout_text(row.payout_method, row.payout_account),
                format_number(row.product_count), yes_no(row.active))

    def colors(self, row: VendorRow) -> dict[int, str]:
        return {} if row.active else {-1: MUTED}

    def tooltip(self, row: VendorRow, column: int) -> str | None:
        lines = [f"{row.code} - {row.name}"]
        if row.village or row.regency:
            lines.append(", ".join(part for part in (row.village, row.regency) if part))
        lines.append(payout_text(row.payout_method, row.payout_account))
        if row.notes:
            lines.append(row.notes)
        return "\n".join(lines)


class ProductModel(RowsModel):
    COLUMNS = ("Barcode", "Nama barang", "Kategori", "UMKM", "Harga", "Harga setor\n/ komisi", "Stok", "Satuan",
               "Batas\npesan ulang", "Peringatan\nsertifikat", "Aktif")
    RIGHT_ALIGNED = frozenset({4, 5, 6, 8})
    ACTIVE_COLUMN = 10
    VENDOR_COLUMN, TERMS_COLUMN, STOCK_COLUMN, CERTIFICATE_COLUMN = 3, 5, 6, 9

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._alerts: dict[int, list[CertificateAlert]] = {}

    def set_products(self, rows: Sequence[ProductRow], alerts: Sequence[CertificateAlert]) -> None:
        self._alerts = {}
        for alert in alerts:
            self._alerts.setdefault(alert.product_id, []).append(alert)
        self.set_rows(rows)

    def alerts_of(self, product_id: int) -> list[CertificateAlert]:
        return list(self._alerts.get(product_id, []))

    def cells(self, row: ProductRow) -> tuple[str, ...]:
        warning = "; ".join(alert_text(alert) for alert in self._alerts.get(row.id, []))
        return (row.barcode, row.name, row.category, row.vendor_code, price_text(row), terms_text(row),
                quantity_text(row.measure, row.stock_on_hand), row.unit,
                quantity_text(row.measure, row.reorder_level), warning, yes_no(row.active))

    def colors(self, row: ProductRow) -> dict[int, str]:
        if not row.active:
            return {-1: MUTED}
        colors: dict[int, str] = {} if row.vendor_active else {self.VENDOR_COLUMN: SOON}
        alerts = self._alerts.get(row.id, [])
        if alerts:
            colors[self.CERTIFICATE_COLUMN] = EXPIRED if any(a.state == "expired" for a in alerts) else SOON
        # The low-stock list's rule (services.stock_alerts.low_stock): at or below the level, or none left.
        if row.stock_on_hand <= max(row.reorder_level, 0):
            colors[self.STOCK_COLUMN] = SOON
        return colors

    def tooltip(self, row: ProductRow, column: int) -> str | None:
        lines = [row.name, _("UMKM: {code} - {name}", code=row.vendor_code, name=row.vendor_name)]
        if not row.vendor_active:
            lines.append(_("UMKM ini sudah nonaktif; barangnya tetap bisa dijual"))
        if row.vendor_terms == "harga_setor":
            lines.append(_("UMKM menerima harga setor per barang terjual"))
        elif row.commission_pct is not None:
            lines.append(_("Komisi khusus barang ini (UMKM: {pct}%)", pct=row.vendor_commission_pct or 0))
        else:
            lines.append(_("Komisi mengikuti UMKM"))
        lines.extend(alert.formatted + " - " + alert_text(alert) for alert in self._alerts.get(row.id, []))
        return "\n".join(lines)

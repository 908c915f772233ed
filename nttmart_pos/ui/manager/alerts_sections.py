"""The four lists of the Peringatan tab (low stock, certificates, expiring batches, negative stock): a tree
grouped by vendor or a flat list, with a note when there is nothing to do and an export button.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from nttmart_pos.domain.certificates import SOON_DAYS, format_date
from nttmart_pos.i18n import _
from nttmart_pos.services.product_certificates import CertificateAlert
from nttmart_pos.services.stock_alerts import LowStockRow
from nttmart_pos.ui.manager.alerts_data import (EXPIRED_COLOR, OK_COLOR, AlertData, amount_text, batch_state_text,
                                                certificate_state_text, contact_text, days_text, document_text,
                                                moment_text, negative_groups, negative_name, remaining_text,
                                                state_color)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
GROUP_BACKGROUND = "#e3ecf5"

LOW_STOCK_COLUMNS = ("Barang", "Barcode", "Stok", "Batas pesan ulang")
CERTIFICATE_COLUMNS = ("Barang", "Jenis", "Nomor", "Berlaku sampai", "Sisa waktu", "Status")
BATCH_COLUMNS = ("Barang", "Dokumen masuk", "Kedaluwarsa", "Sisa waktu", "Status", "Sisa perkiraan")
NEGATIVE_COLUMNS = ("Barang", "Barcode", "Stok di sistem", "Minus sejak", "Terakhir terjual")


class AlertSection(QWidget):
    """One list: an explanation and its own controls on top, the rows, a summary and the export button."""

    export_requested = Signal()

    def __init__(self, name: str, export_name: str, columns: Sequence[str], right_columns: Sequence[int],
                 intro: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.right_columns = tuple(right_columns)
        self.count = 0
        layout = QVBoxLayout(self)
        self.tools = QHBoxLayout()
        self.introLabel = QLabel(intro)
        self.introLabel.setWordWrap(True)
        self.introLabel.setStyleSheet("color: #37474f; font-size: 13px;")
        self.tools.addWidget(self.introLabel, 1)
        layout.addLayout(self.tools)
        self.stack = QStackedWidget()
        self.tree = QTreeWidget(objectName=name)
        self.tree.setColumnCount(len(columns))
        self.tree.setHeaderLabels([_(c) for c in columns])
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeWidget { font-size: 14px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the product name takes what is left
        for column in self.right_columns:
            self.tree.headerItem().setTextAlignment(column, _RIGHT)
        self.stack.addWidget(self.tree)
        self.emptyLabel = QLabel(empty_text, objectName=f"{name}Empty")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setStyleSheet(f"font-size: 17px; color: {OK_COLOR}; background: #f1f8e9; "
                                      "border: 1px solid #c5e1a5; border-radius: 4px;")
        self.stack.addWidget(self.emptyLabel)
        layout.addWidget(self.stack, 1)
        self.bottom = bottom = QHBoxLayout()
        self.summaryLabel = QLabel(objectName=f"{name}Summary")
        self.summaryLabel.setStyleSheet("font-size: 14px; font-weight: bold; color: #0d47a1;")
        bottom.addWidget(self.summaryLabel, 1)
        self.exportButton = QPushButton(_("Ekspor CSV..."), objectName=export_name)
        self.exportButton.setMinimumHeight(34)
        self.exportButton.setToolTip(_("Simpan daftar ini sebagai berkas CSV (UTF-8) yang dapat dibuka di Excel"))
        self.exportButton.clicked.connect(lambda _checked=False: self.export_requested.emit())
        bottom.addWidget(self.exportButton)
        layout.addLayout(bottom)

    def clear(self) -> None:
        self.tree.clear()
        self.count = 0

    def add_group(self, text: str, vendor_code: str) -> QTreeWidgetItem:
        """A vendor heading spanning the whole row; its rows go under it."""
        item = QTreeWidgetItem(self.tree, [text])
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(0, Qt.ItemDataRole.UserRole, vendor_code)
        font = QFont()
        font.setBold(True)
        item.setFont(0, font)
        for column in range(self.tree.columnCount()):
            item.setBackground(column, QBrush(QColor(GROUP_BACKGROUND)))
        return item

    def selected_vendor(self) -> str:
        """The vendor code of the chosen heading or row, or ``""``."""
        items = self.tree.selectedItems()
        if not items:
            return ""
        item = items[0].parent() or items[0]
        return item.data(0, Qt.ItemDataRole.UserRole) or ""

    def add_row(self, group: QTreeWidgetItem | None, cells: Sequence[str],
                colors: dict[int, str] | None = None, bold: Sequence[int] = ()) -> QTreeWidgetItem:
        item = QTreeWidgetItem(list(cells)) if group is None else QTreeWidgetItem(group, list(cells))
        if group is None:
            self.tree.addTopLevelItem(item)
        for column in self.right_columns:
            item.setTextAlignment(column, _RIGHT)
        for column, color in (colors or {}).items():
            item.setForeground(column, QBrush(QColor(color)))
        for column in bold:
            font = QFont()
            font.setBold(True)
            item.setFont(column, font)
        self.count += 1
        return item

    def finish(self, summary: str) -> None:
        """Show the rows (or the all-clear note) once they are all in."""
        self.tree.expandAll()
        self.stack.setCurrentWidget(self.tree if self.count else self.emptyLabel)
        self.summaryLabel.setText(summary if self.count else "")  # the all-clear note says it already
        self.exportButton.setEnabled(self.count > 0)


def low_stock_section(parent: QWidget | None = None) -> AlertSection:
    return AlertSection(
        "alertsLowStock", "alertsLowStockExport", LOW_STOCK_COLUMNS, (2, 3),
        _("Barang yang stoknya sudah sampai batas pesan ulang atau habis, per UMKM: hubungi UMKM-nya untuk "
          "mengirim barang lagi."),
        _("Tidak ada stok yang menipis. Semua barang masih di atas batas pesan ulang."), parent)


def certificates_section(parent: QWidget | None = None) -> AlertSection:
    return AlertSection(
        "alertsCertificates", "alertsCertificatesExport", CERTIFICATE_COLUMNS, (),
        _("Sertifikat (P-IRT, BPOM, Halal, SNI) yang sudah kedaluwarsa atau habis dalam {days} hari, per UMKM: "
          "minta UMKM-nya memperpanjang. Barang dengan P-IRT atau BPOM kedaluwarsa memunculkan peringatan di kasir.",
          days=SOON_DAYS),
        _("Tidak ada sertifikat yang kedaluwarsa atau habis dalam {days} hari.", days=SOON_DAYS), parent)


def batches_section(parent: QWidget | None = None) -> AlertSection:
    return AlertSection(
        "alertsBatches", "alertsBatchesExport", BATCH_COLUMNS, (5,),
        _("Barang makanan dari tanda terima titipan yang kedaluwarsa atau segera kedaluwarsa dan mungkin masih "
          "di rak, per UMKM. Kembalikan ke UMKM lewat tab \"Retur\": pilih barisnya, lalu klik \"Buat retur untuk "
          "UMKM ini\"."),
        _("Tidak ada barang yang kedaluwarsa dalam jangka waktu ini."), parent)


def negative_stock_section(parent: QWidget | None = None) -> AlertSection:
    return AlertSection(
        "negativeStockTable", "negativeStockExport", NEGATIVE_COLUMNS, (2,),
        _("Barang terjual melebihi stok di sistem: periksa rak, lalu catat barang masuk atau stok opname."),
        _("Tidak ada barang dengan stok minus."), parent)


def fill_low_stock(section: AlertSection, data: AlertData, groups: dict[str, list[LowStockRow]]) -> None:
    section.clear()
    for code, rows in groups.items():
        contact = data.contact(code, rows[0].vendor_name)
        group = section.add_group(_("{vendor} \u2014 {count} barang", vendor=contact_text(contact),
                                    count=len(rows)), code)
        for row in rows:
            out = row.stock_on_hand <= 0
            stock = amount_text(row.stock_on_hand, row.measure, row.unit)
            section.add_row(group, (row.product_name, row.barcode, _("HABIS") if out else stock,
                                    amount_text(row.reorder_level, row.measure, row.unit)),
                            {2: EXPIRED_COLOR} if out else None, (2,))
    shown = section.count
    total = sum(len(rows) for rows in data.low_stock.values())
    if shown == total:
        summary = _("{count} barang dari {vendors} UMKM", count=shown, vendors=len(groups))
    else:
        summary = _("{shown} dari {count} barang", shown=shown, count=total)
    section.finish(summary)


def fill_certificates(section: AlertSection, data: AlertData) -> None:
    """By vendor (renewing is the vendor's job), the vendor with the most urgent certificate first."""
    section.clear()
    groups: dict[str, list[CertificateAlert]] = {}
    for alert in data.certificates:  # soonest first, so the first of each vendor is its most urgent
        groups.setdefault(alert.vendor_code, []).append(alert)
    for code, alerts in groups.items():
        contact = data.contact(code, alerts[0].vendor_name)
        group = section.add_group(_("{vendor} \u2014 {count} sertifikat", vendor=contact_text(contact),
                                    count=len(alerts)), code)
        for alert in alerts:
            color = state_color(alert.state)
            section.add_row(group, (alert.product_name, alert.label, alert.formatted, format_date(alert.expires_on),
                                    days_text(alert.days_left), certificate_state_text(alert.state)),
                            {4: color, 5: color}, (5,))
    expired = sum(1 for a in data.certificates if a.state == "expired")
    section.finish(_("{expired} kedaluwarsa, {soon} segera habis", expired=expired,
                     soon=len(data.certificates) - expired))


def fill_batches(section: AlertSection, data: AlertData) -> None:
    section.clear()
    expired = 0
    for code, batches in data.batches.items():
        contact = data.contact(code, batches[0].vendor_name)
        group = section.add_group(_("{vendor} \u2014 {count} batch", vendor=contact_text(contact),
                                    count=len(batches)), code)
        for batch in batches:
            color = state_color(batch.state)
            expired += batch.state == "expired"
            section.add_row(group, (batch.product_name, document_text(batch), format_date(batch.expires_on),
                                    days_text(batch.days_left), batch_state_text(batch.state),
                                    remaining_text(batch)),
                            {3: color, 4: color}, (4,))
    section.finish(_("{expired} kedaluwarsa, {soon} segera kedaluwarsa dalam {days} hari", expired=expired,
                     soon=section.count - expired, days=data.batch_days))


def fill_negative_stock(section: AlertSection, data: AlertData) -> None:
    """By vendor (the goods are usually an intake not yet entered), the stock in red."""
    section.clear()
    groups = negative_groups(data)
    for code, rows in groups.items():
        contact = data.contact(code, rows[0].vendor_name)
        group = section.add_group(_("{vendor} \u2014 {count} barang", vendor=contact_text(contact),
                                    count=len(rows)), code)
        for row in rows:
            section.add_row(group, (negative_name(row), row.barcode,
                                    amount_text(row.stock_on_hand, row.measure, row.unit),
                                    moment_text(row.negative_since), moment_text(row.last_sold_at)),
                            {2: EXPIRED_COLOR}, (2,))
    section.finish(_("{count} barang dari {vendors} UMKM", count=section.count, vendors=len(groups)))

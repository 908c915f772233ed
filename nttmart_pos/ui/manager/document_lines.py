"""Filling in a tanda terima titipan or retur: the vendor, scanning or searching that
vendor's products, the editable lines, the total, notes and the post button.

Shared by the intake and retur tabs; widget names start with the tab's prefix
(``intakeVendor``, ``returnVendor``, ...).  The scan field keeps the focus, so
a keyboard-wedge scanner adds one piece per Enter (``5*code`` adds five).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QTableView, QVBoxLayout, QWidget)

from nttmart_pos.domain.document_draft import DraftLine, DraftProduct, draft_quantity_text, draft_value, unit_value_for
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.stock_document import INTAKE, measured_text
from nttmart_pos.errors import NotFoundError, PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.catalog_admin import ProductRow, VendorRow, get_product, list_products
from nttmart_pos.ui import sound
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.manager.document_lines_model import NAME, QUANTITY, DocumentLinesModel, LineEditorDelegate
from nttmart_pos.ui.manager.document_vendor import VendorPicker
from nttmart_pos.ui.widgets import focusless_button

_QUANTITY_PREFIX = re.compile(r"^([1-9]\d{0,4})\s*[*xX]\s*(\S+)$")
VENDOR_PRODUCTS = 10_000  # all of one vendor's products: a UMKM has tens, not thousands
SEARCH_SHOWN = 50
DEFAULT_GRAMS = 1000  # a weighed product picked by name starts at 1 kg; the manager types the real weight
INFO, OK, ERROR = "#37474f", "#1b5e20", "#b00020"


def draft_product(row: ProductRow) -> DraftProduct:
    return DraftProduct(row.id, row.barcode, row.name, row.unit, row.measure,
                        unit_value_for(row.vendor_terms, row.price, row.harga_setor), row.stock_on_hand, row.active)


class DocumentLines(QWidget):
    vendor_changed = Signal(str)  # the chosen vendor code, "" for none
    post_requested = Signal()

    def __init__(self, context: AppContext, kind: str, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.prefix = prefix
        self.include_inactive = kind != INTAKE  # an inactive vendor's leftovers can still go back to it
        self.products: dict[int, ProductRow] = {}
        self.model = DocumentLinesModel(kind, self)
        self.model.changed.connect(self.refresh_total)
        self._build()
        self.reload_vendors()
        self.refresh_total()

    # -- layout -------------------------------------------------------------------
    def _build(self) -> None:
        p = self.prefix
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QGridLayout()
        top.addWidget(QLabel(_("UMKM")), 0, 0)
        self.vendorCombo = VendorPicker(self.context, f"{p}Vendor", self.include_inactive,
                                        lambda: len(self.model.lines), self)
        self.vendorCombo.chosen.connect(self._set_vendor)
        top.addWidget(self.vendorCombo, 0, 1)
        self.scanInput = QLineEdit(objectName=f"{p}Scan")
        self.scanInput.setPlaceholderText(_("Pindai barcode, atau ketik nama barang lalu Enter (5*kode = 5 barang)"))
        self.scanInput.setMaxLength(80)
        self.scanInput.setStyleSheet("font-size: 16px; padding: 4px;")
        self.scanInput.returnPressed.connect(lambda: self.scan(self.scanInput.text()))
        top.addWidget(QLabel(_("Barang")), 1, 0)
        top.addWidget(self.scanInput, 1, 1)
        layout.addLayout(top)

        self.results = QListWidget(objectName=f"{p}Results")
        self.results.setMaximumHeight(150)
        self.results.setStyleSheet("font-size: 14px;")
        self.results.itemActivated.connect(self._result_picked)
        self.results.hide()
        layout.addWidget(self.results)

        self.table = QTableView(objectName=f"{p}Lines")
        self.table.setModel(self.model)
        self.delegate = LineEditorDelegate(self.model, self.show_error_status, self.table)
        self.delegate.closeEditor.connect(lambda *_args: self.scanInput.setFocus())
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # No "any key" editing: a scan while the table has the focus must not land in a cell.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().setVisible(False)
        # long UMKM product names wrap onto a second line instead of being cut off
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.table.setStyleSheet("font-size: 14px;")
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.column(NAME), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, activated=self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        layout.addWidget(self.table, 1)

        self.statusLabel = QLabel(objectName=f"{p}Status")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setMinimumHeight(28)
        self.statusLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.statusLabel)

        below = QHBoxLayout()
        self.removeButton = focusless_button(_("Hapus baris"), f"{p}RemoveLine", self.remove_selected)
        self.removeButton.setToolTip(_("Hapus baris yang dipilih (tombol Delete di tabel)"))
        below.addWidget(self.removeButton)
        self.totalLabel = QLabel(objectName=f"{p}Total")
        self.totalLabel.setStyleSheet("font-size: 17px; font-weight: bold; color: #0d47a1;")
        self.totalLabel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        below.addWidget(self.totalLabel, 1)
        layout.addLayout(below)

        last = QHBoxLayout()
        self.notesInput = QLineEdit(objectName=f"{p}Notes")
        self.notesInput.setPlaceholderText(_("Catatan pada dokumen (boleh kosong)"))
        self.notesInput.setMaxLength(500)
        last.addWidget(self.notesInput, 1)
        self.postButton = focusless_button("", f"{p}Post", self.post_requested.emit)
        self.postButton.setStyleSheet("QPushButton { font-size: 16px; font-weight: bold; background: #1565c0; "
                                      "color: white; padding: 0 16px; } "
                                      "QPushButton:disabled { background: #b0bec5; color: #eceff1; }")
        self.postButton.setMinimumHeight(44)
        last.addWidget(self.postButton)
        layout.addLayout(last)

    # -- vendor -------------------------------------------------------------------
    @property
    def vendor_code(self) -> str:
        return self.vendorCombo.code

    @property
    def vendors(self) -> dict[str, VendorRow]:
        return self.vendorCombo.vendors

    def reload_vendors(self) -> None:
        """Read the vendor list again, keeping the chosen vendor and the lines."""
        self.vendorCombo.reload()

    def _set_vendor(self, code: str) -> None:
        self.model.clear()
        vendor = self.vendors.get(code)
        self.results.hide()
        self.reload_products()
        if vendor:
            self.show_status(_("UMKM {code} - {name}: {count} barang. Pindai atau cari barangnya.", code=code,
                               name=vendor.name, count=len(self.products)))
        self.refresh_total()
        self.vendor_changed.emit(code)
        self.scanInput.setFocus()

    def reload_products(self) -> None:
        """Read the chosen vendor's products (their stock and value) again."""
        self.products = {}
        vendor = self.vendors.get(self.vendor_code)
        self.model.set_basis(vendor.terms if vendor else "price")
        if not self.vendor_code:
            return
        try:
            rows = list_products(self.context.uow(), vendor_code=self.vendor_code,
                                 include_inactive=self.include_inactive, limit=VENDOR_PRODUCTS)
        except PosError as exc:
            show_error(self, exc)
            return
        self.products = {row.id: row for row in rows}
        for line in self.model.lines:
            if line.product.product_id in self.products:
                line.product = draft_product(self.products[line.product.product_id])
        self.model.layoutChanged.emit()
        self.refresh_total()

    # -- scanning and searching -----------------------------------------------------
    def scan(self, text: str) -> None:
        """Add what was scanned or typed: a barcode (``5*code`` = 5), or a name to search for."""
        self.scanInput.clear()
        text = text.strip()
        if not text:
            return
        if not self.vendor_code:
            self.show_error_status(ValidationError(_("Pilih UMKM dulu, lalu pindai barangnya")))
            self.vendorCombo.setFocus()
            return
        match = _QUANTITY_PREFIX.match(text)
        count, code = (int(match[1]), match[2]) if match else (1, text)
        try:
            if code.isdigit():
                self._add_scanned(code, count)
            else:
                self._search(text)
        except PosError as exc:
            self.show_error_status(exc)

    def _add_scanned(self, code: str, count: int) -> None:
        try:
            found = product_for_scan(self.context.uow(), code)
            product_id, grams = found.product.product_id, found.grams
        except NotFoundError:
            if not self.include_inactive:
                raise
            # a retur may take back a product no longer sold; the till's scan refuses those
            row = get_product(self.context.uow(), code)
            product_id, grams = row.id, None
        self.add_product(product_id, count * grams if grams else count)

    def add_product(self, product_id: int, quantity: int, reason: str = "unsold") -> None:
        """Add ``quantity`` of a product of the chosen vendor; another vendor's is refused with a message."""
        if product_id not in self.products:
            self.reload_products()  # created or moved in another tab since
        row = self.products.get(product_id)
        if row is None:
            other = get_product(self.context.uow(), product_id)
            raise ValidationError(_("{name} ({barcode}) adalah barang UMKM {other} ({other_name}), bukan UMKM {code}. "
                                    "Pilih UMKM {other} untuk barang ini.", name=other.name, barcode=other.barcode,
                                    other=other.vendor_code, other_name=other.vendor_name, code=self.vendor_code))
        fresh = get_product(self.context.uow(), product_id)  # the stock as it is now
        self.products[product_id] = fresh
        line = self.model.add(draft_product(fresh), quantity, reason)
        self.table.selectRow(line)
        self.results.hide()
        added = self.model.lines[line]
        self.show_status(_("{name}: jumlah {quantity}", name=fresh.name,
                           quantity=measured_text(added.quantity, fresh.measure)), OK)
        self.scanInput.setFocus()

    def _search(self, text: str) -> None:
        rows = list_products(self.context.uow(), text, vendor_code=self.vendor_code,
                             include_inactive=self.include_inactive, limit=SEARCH_SHOWN)
        if len(rows) == 1:
            self.add_product(rows[0].id, DEFAULT_GRAMS if rows[0].measure == "weight" else 1)
            return
        if not rows:
            elsewhere = list_products(self.context.uow(), text, limit=1)
            if elsewhere:
                raise NotFoundError(_("Tidak ada barang UMKM {code} yang cocok dengan \"{text}\"; yang cocok "
                                      "misalnya {name} dari UMKM {other}", code=self.vendor_code, text=text,
                                      name=elsewhere[0].name, other=elsewhere[0].vendor_code))
            raise NotFoundError(_("Tidak ada barang UMKM {code} yang cocok dengan \"{text}\"",
                                  code=self.vendor_code, text=text))
        self.results.clear()
        for row in rows:
            stock = measured_text(row.stock_on_hand, row.measure)
            item = QListWidgetItem(_("{name}  |  {barcode}  |  stok {stock}", name=row.name, barcode=row.barcode,
                                     stock=stock))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        self.results.show()
        self.results.setFocus()
        self.show_status(_("{count} barang cocok dengan \"{text}\": pilih dengan panah lalu Enter, atau klik dua kali",
                           count=len(rows), text=text))

    def _result_picked(self, item: QListWidgetItem) -> None:
        product_id = item.data(Qt.ItemDataRole.UserRole)
        row = self.products.get(product_id)
        try:
            self.add_product(product_id, DEFAULT_GRAMS if row and row.measure == "weight" else 1)
        except PosError as exc:
            self.show_error_status(exc)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.results.isVisible():
            self.results.hide()
            self.scanInput.setFocus()
            return
        super().keyPressEvent(event)

    # -- lines ----------------------------------------------------------------------
    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.show_status(_("Pilih baris yang akan dihapus"))
            return
        row = rows[0].row()
        name = self.model.lines[row].product.name
        self.model.remove(row)
        if self.model.lines:
            self.table.selectRow(min(row, len(self.model.lines) - 1))
        self.show_status(_("{name} dihapus dari daftar", name=name))
        self.scanInput.setFocus()

    def lines(self) -> list[DraftLine]:
        return list(self.model.lines)

    def clear(self) -> None:
        self.model.clear()
        self.notesInput.clear()
        self.results.hide()

    def edit_quantity(self, row: int) -> None:
        """Open the quantity editor of ``row`` (the keyboard way: F2 does the same)."""
        self.table.edit(self.model.index(row, self.model.column(QUANTITY)))

    def refresh_total(self) -> None:
        lines = self.model.lines
        basis = _("harga setor") if self.model.basis == "harga_setor" else _("harga jual")
        if lines:
            self.totalLabel.setText(_("{rows} baris, {quantity} barang - nilai {amount} ({basis})",
                                      rows=len(lines), quantity=draft_quantity_text(lines),
                                      amount=format_rupiah(draft_value(lines)), basis=basis))
        else:
            self.totalLabel.setText(_("Belum ada barang"))
        self.postButton.setEnabled(bool(lines) and bool(self.vendor_code))
        self.removeButton.setEnabled(bool(lines))

    def show_status(self, text: str, color: str = INFO) -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setStyleSheet(f"font-size: 14px; font-weight: bold; color: {color};")

    def show_error_status(self, exc: BaseException) -> None:
        # on the status line, not in a box: a box would swallow the next scan
        self.show_status(user_message(exc), ERROR)
        sound.error_beep()


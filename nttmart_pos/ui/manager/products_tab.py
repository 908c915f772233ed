"""The product (Barang) tab of the manager window: find products by name, barcode, vendor
or category; add, change, deactivate them; see their price history.

Deactivating stops the sale at the till; the product's sales, stock and price history stay.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog_admin import (LIST_LIMIT, ProductRow, list_products, list_vendors, price_history,
                                                set_product_active)
from nttmart_pos.services.lookups import list_categories
from nttmart_pos.services.product_certificates import expiring_certificates
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.catalog_list import OK, CatalogListTab
from nttmart_pos.ui.manager.catalog_models import ProductModel
from nttmart_pos.ui.manager.price_history_dialog import PriceHistoryDialog
from nttmart_pos.ui.manager.product_dialog import ProductDialog

TITLE = "Barang"
ORDER = 20


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return ProductsTab(context, parent)


def read_products(engine, query: str, vendor_code: str, category: str, include_inactive: bool,
                  with_choices: bool) -> dict:
    """The rows, their certificate warnings and (if asked) the filter choices."""
    result = {"rows": list_products(UnitOfWork(engine), query, vendor_code or None, category or None,
                                    include_inactive=include_inactive),
              "alerts": expiring_certificates(UnitOfWork(engine), date.today())}
    if with_choices:
        result["vendors"] = list_vendors(UnitOfWork(engine), include_inactive=True)
        result["categories"] = list_categories(UnitOfWork(engine))
    return result


def _refill(combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> bool:
    """Replace a filter's items keeping the chosen one; True if that one has gone (the filter changed)."""
    chosen = combo.currentData() or ""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, "")
    for text, value in choices:
        combo.addItem(text, value)
    index = combo.findData(chosen)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
    return index < 0


class ProductsTab(CatalogListTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "product", ProductModel(), _("Cari nama barang atau barcode"), parent)
        self.setObjectName("productsTab")
        self.dialog: ProductDialog | None = None  # the dialog last opened (tests drive it)
        self.history: PriceHistoryDialog | None = None
        self._with_choices = True
        self._read_at_show = False  # just read in __init__
        self.vendor_filter = QComboBox(objectName="productVendorFilter")
        self.vendor_filter.setMinimumWidth(240)
        self.vendor_filter.setMaxVisibleItems(20)
        self.category_filter = QComboBox(objectName="productCategoryFilter")
        self.category_filter.setMinimumWidth(170)
        self.category_filter.setMaxVisibleItems(20)
        _refill(self.vendor_filter, _("semua UMKM"), [])
        _refill(self.category_filter, _("semua kategori"), [])
        for combo in (self.vendor_filter, self.category_filter):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.filters.insertWidget(1, self.vendor_filter, 1)
        self.filters.insertWidget(2, self.category_filter, 1)

        self.new_button = self.add_button("productNew", _("Barang baru"), self.new_product)
        self.edit_button = self.add_button("productEdit", _("Ubah"), self.edit_product)
        self.history_button = self.add_button("productHistory", _("Riwayat harga"), self.show_history)
        self.toggle_button = self.add_button("productToggleActive", _("Nonaktifkan"), self.toggle_active)
        self.table.doubleClicked.connect(lambda _index: self.edit_product())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_product,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.size_columns({0: "8991234567891", 2: "Kue & Manisan", 3: "KOPI01", 4: "Rp1.250.000",
                           5: _("komisi {pct}%", pct=15), 6: "1.234", 7: "toples", 8: "1.234",
                           9: _("{label} habis {days} hari lagi", label="P-IRT", days=9), 10: _("tidak")}, 1)
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Vendors and categories may have been added in another tab since the last read.
        super().showEvent(event)
        if not event.spontaneous() and self._read_at_show:
            self._with_choices = True
            self.reload()
        self._read_at_show = True

    # -- reading ----------------------------------------------------------------
    def read(self):
        engine, with_choices = self.context.engine, self._with_choices
        args = (self.search.text(), self.vendor_filter.currentData() or "", self.category_filter.currentData() or "",
                self.show_inactive.isChecked())
        return lambda: read_products(engine, *args, with_choices)

    def show_result(self, result: dict) -> None:
        if "vendors" in result:
            self._with_choices = False
            vendors = [(f"{v.code} - {v.name}" if v.active else _("{vendor} (nonaktif)", vendor=f"{v.code} - {v.name}"),
                        v.code) for v in result["vendors"]]
            gone = _refill(self.vendor_filter, _("semua UMKM"), vendors)
            gone = _refill(self.category_filter, _("semua kategori"), [(c, c) for c in result["categories"]]) or gone
            if gone:  # the rows were read for a filter that no longer exists
                self.reload()
                return
        rows: list[ProductRow] = result["rows"]
        self.model.set_products(rows, result["alerts"])
        if len(rows) >= LIST_LIMIT:
            self.count.setText(_("Menampilkan {count} barang pertama; ketik lebih lengkap atau pilih UMKM/kategori "
                                 "untuk mempersempit", count=format_number(len(rows))))
        elif rows:
            self.count.setText(_("{count} barang", count=format_number(len(rows))))
        else:
            self.count.setText(_("Tidak ada barang yang cocok"))

    def row_key(self, row: ProductRow) -> int:
        return row.id

    def selection_changed(self) -> None:
        product = self.current()
        for button in (self.edit_button, self.history_button, self.toggle_button):
            button.setEnabled(product is not None)
        self.toggle_button.setText(_("Aktifkan") if product is not None and not product.active else _("Nonaktifkan"))

    # -- actions ----------------------------------------------------------------
    def new_product(self) -> ProductDialog | None:
        return self._open(None)

    def edit_product(self) -> ProductDialog | None:
        product = self.current()
        return self._open(product.id) if product is not None else None

    def _open(self, product_id: int | None) -> ProductDialog | None:
        try:
            dialog = ProductDialog(self.context, product_id, vendor_code=self.vendor_filter.currentData() or "",
                                   category=self.category_filter.currentData() or "", parent=self)
        except PosError as exc:
            show_error(self, exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.written.connect(lambda row: self._written(row))
        dialog.saved.connect(lambda row, created: self._saved(dialog, row, created))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _written(self, row: ProductRow) -> None:
        self._with_choices = True  # a new category or vendor may now have products
        self.reload(keep=row.id)

    def _saved(self, dialog: ProductDialog, row: ProductRow, created: bool) -> None:
        if not created:
            self.show_status(_("Barang {name} disimpan.", name=row.name), OK)
            return
        note = dialog.assigned_code_note()
        self.show_status(note, OK)
        box = QMessageBox(QMessageBox.Icon.Information, _("Barang baru disimpan"), note,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("productCreatedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_history(self) -> PriceHistoryDialog | None:
        product = self.current()
        if product is None:
            return None
        try:
            changes = price_history(self.context.uow(), product.id)
        except PosError as exc:
            show_error(self, exc)
            return None
        dialog = PriceHistoryDialog(product, changes, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history = dialog
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        product = self.current()
        if product is None:
            return
        if product.active:
            self.confirm("productToggleConfirm", _("Nonaktifkan barang"), _(
                "Nonaktifkan {name} ({code})?\n\nKasir tidak bisa menjual barang ini lagi. Stoknya, riwayat "
                "penjualan dan riwayat harganya tetap disimpan, dan barang ini bisa diaktifkan lagi kapan saja.",
                name=product.name, code=product.barcode), lambda: self._set_active(product, False))
        else:
            self.confirm("productToggleConfirm", _("Aktifkan barang"),
                         _("Jual lagi {name} ({code})?", name=product.name, code=product.barcode),
                         lambda: self._set_active(product, True))

    def _set_active(self, product: ProductRow, active: bool) -> None:
        try:
            row = set_product_active(self.context.uow(write=True), self.context.user, product.id, active)
        except PosError as exc:
            show_error(self, exc)
            return
        if row.active:
            text = _("{name} dijual lagi.", name=row.name)
        elif self.show_inactive.isChecked():
            text = _("{name} dinonaktifkan; riwayatnya tetap tersimpan.", name=row.name)
        else:
            text = _("{name} dinonaktifkan; riwayatnya tetap tersimpan. Centang \"tampilkan yang nonaktif\" untuk "
                     "melihatnya.", name=row.name)
        self.show_status(text, OK)
        self.reload(keep=row.id)

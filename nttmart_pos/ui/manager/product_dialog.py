"""The dialog to add or change a product: barcode, vendor, price and consignment terms,
opening stock, and its certificates.

Saving is two transactions (``save_product``, then ``set_certificates``), so the
certificates are checked with the domain parsers before anything is written; if the
second call still fails, the dialog says the product was saved and its certificates
were not, and stays open (now changing the saved product) for another try.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from nttmart_pos.errors import MoneyError, PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog import ProductInput
from nttmart_pos.services.catalog_admin import ProductRow, VendorRow, get_product, list_vendors, save_product
from nttmart_pos.services.lookups import list_categories
from nttmart_pos.services.product_certificates import product_certificates, set_certificates
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.manager.catalog_fields import NOTE, CertificateGroup, MoneyEdit
from nttmart_pos.ui.manager.catalog_models import vendor_terms_text

UNITS = ("pcs", "bks", "btl", "toples", "lbr", "pak", "kg")
NO_OVERRIDE = -1  # the commission spin box's "follow the vendor" value
MAX_QUANTITY = 10_000_000


class ScanField(QLineEdit):
    """The barcode field: the Enter a scanner sends after the code moves on to the name, instead of saving."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.focusNextChild()
            return
        super().keyPressEvent(event)


def _hint(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {NOTE};")
    return label


def _spin(name: str, maximum: int) -> QSpinBox:
    spin = QSpinBox(objectName=name)
    spin.setRange(0, maximum)
    spin.setGroupSeparatorShown(True)
    return spin


class ProductDialog(QDialog):
    """Add a product (``product_id`` None) or change one.

    Emits ``saved(ProductRow, created)`` once the product and its certificates are
    written; ``written(ProductRow)`` as soon as the product itself is.
    """

    saved = Signal(object, bool)
    written = Signal(object)

    def __init__(self, context: AppContext, product_id: int | None = None, *, vendor_code: str = "",
                 category: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productDialog")
        self.context = context
        self.product: ProductRow | None = None
        self.created = False  # this dialog created the product (it may stay open after a certificate error)
        self.code_assigned = False  # ... with an in-store code the program chose
        self._vendors: dict[str, VendorRow] = {}
        self.setMinimumWidth(900)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self._product_group(), 3)
        top.addWidget(self._price_group(), 2)
        layout.addLayout(top)
        self.certificates = CertificateGroup()
        layout.addWidget(self.certificates)
        layout.addLayout(self._buttons())

        product = get_product(context.uow(), product_id) if product_id is not None else None
        self._fill_choices(product)
        if product is None:
            self.setWindowTitle(_("Barang baru"))
            self.vendor.setCurrentIndex(self.vendor.findData((vendor_code or "").upper()))
            self.category.setCurrentText(category)
        else:
            self._load(product)
        self._vendor_changed()
        self._show_mode()

    # -- building ---------------------------------------------------------
    def _product_group(self) -> QGroupBox:
        group = QGroupBox(_("Barang"))
        form = self.product_form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.barcode = ScanField(objectName="productBarcode")
        self.barcode.setMaxLength(32)
        self.barcode_hint = _hint("productBarcodeHint")
        self.name = QLineEdit(objectName="productName")
        self.name.setMaxLength(160)
        self.name.setPlaceholderText(_("mis. Kopi Arabika Bajawa 250 g"))
        self.category = QComboBox(objectName="productCategory")
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.lineEdit().setMaxLength(60)
        self.category.lineEdit().setPlaceholderText(_("pilih atau ketik kategori baru"))
        self.vendor = QComboBox(objectName="productVendor")
        self.vendor.setPlaceholderText(_("pilih UMKM"))
        self.vendor.currentIndexChanged.connect(lambda _i: self._vendor_changed())
        self.unit = QComboBox(objectName="productUnit")
        self.unit.setEditable(True)
        self.unit.addItems(list(UNITS))
        self.unit.lineEdit().setMaxLength(20)
        self.reorder = _spin("productReorder", MAX_QUANTITY)
        self.reorder.setToolTip(_("Barang masuk daftar stok menipis bila stoknya sebanyak ini atau kurang"))
        self.opening_stock = _spin("productOpeningStock", MAX_QUANTITY)
        self.opening_stock.setToolTip(_("Stok yang sudah ada di rak sekarang; berikutnya stok masuk lewat "
                                        "penerimaan titipan"))
        form.addRow(_("Barcode"), self.barcode)
        form.addRow(self.barcode_hint)
        form.addRow(_("Nama barang"), self.name)
        form.addRow(_("Kategori"), self.category)
        form.addRow(_("UMKM"), self.vendor)
        form.addRow(_("Satuan"), self.unit)
        form.addRow(_("Batas pesan ulang"), self.reorder)
        form.addRow(_("Stok awal"), self.opening_stock)
        return group

    def _price_group(self) -> QGroupBox:
        group = QGroupBox(_("Harga dan titip jual"))
        form = self.price_form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.price = MoneyEdit("productPrice")
        self.harga_setor = MoneyEdit("productHargaSetor")
        self.harga_setor.setToolTip(_("Yang diterima UMKM untuk setiap barang yang terjual"))
        self.commission = QSpinBox(objectName="productCommission")
        self.commission.setRange(NO_OVERRIDE, 100)
        self.commission.setSuffix(" %")
        self.commission.setValue(NO_OVERRIDE)
        self.commission.setToolTip(_("Kosongkan (ikut UMKM) kecuali barang ini punya komisi sendiri"))
        self.terms_hint = _hint("productTermsHint")
        form.addRow(_("Harga jual"), self.price)
        form.addRow(_("Harga setor"), self.harga_setor)
        form.addRow(_("Komisi toko"), self.commission)
        form.addRow(self.terms_hint)
        return group

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(_("Simpan"), objectName="productSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Batal"), objectName="productCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        return row

    # -- filling ----------------------------------------------------------
    def _fill_choices(self, product: ProductRow | None) -> None:
        # Inactive vendors take no new products, but a product keeps showing the vendor it has.
        for vendor in list_vendors(self.context.uow(), include_inactive=True):
            if vendor.active or (product is not None and vendor.code == product.vendor_code):
                self._vendors[vendor.code] = vendor
                text = f"{vendor.code} - {vendor.name}"
                self.vendor.addItem(text if vendor.active else _("{vendor} (nonaktif)", vendor=text), vendor.code)
        self.category.addItems(list_categories(self.context.uow()))
        self.category.setCurrentIndex(-1)

    def _load(self, product: ProductRow) -> None:
        self.product = product
        self.setWindowTitle(_("Ubah barang {name}", name=product.name))
        self.barcode.setText(product.barcode)
        self.name.setText(product.name)
        self.category.setCurrentText(product.category)
        self.vendor.setCurrentIndex(self.vendor.findData(product.vendor_code))
        self.unit.setCurrentText(product.unit)
        self.reorder.setValue(min(product.reorder_level, MAX_QUANTITY))
        self.price.set_amount(product.price)
        self.harga_setor.set_amount(product.harga_setor)
        self.commission.setValue(NO_OVERRIDE if product.commission_pct is None else product.commission_pct)
        self.certificates.load(product_certificates(self.context.uow(), product.id))

    def _show_mode(self) -> None:
        creating = self.product is None
        self.product_form.setRowVisible(self.opening_stock, creating)
        if creating:
            self.barcode.setPlaceholderText(_("kosong = kode toko dari program"))
            self.barcode_hint.setText(_("Pindai barcode di kemasan. Tanpa barcode? Kosongkan: program memberi "
                                        "kode toko (berawalan 2) untuk dicetak sebagai label."))
        else:
            self.barcode.setPlaceholderText(_("kosong = tetap {code}", code=self.product.barcode))
            self.barcode_hint.setText(_("Kosongkan untuk tetap memakai barcode sekarang."))
        grams = self.product is not None and self.product.measure == "weight"
        self.reorder.setSuffix(" g" if grams else "")

    def _vendor_changed(self) -> None:
        vendor = self._vendors.get(self.vendor.currentData() or "")
        terms = vendor.terms if vendor else ""
        self.commission.setSpecialValueText(
            _("ikut UMKM ({pct}%)", pct=vendor.commission_pct) if terms == "commission" else _("tidak ada"))
        # A value left over from other terms stays visible, so it is never kept or dropped unseen.
        self.price_form.setRowVisible(self.harga_setor, terms == "harga_setor" or bool(self.harga_setor.text()))
        self.price_form.setRowVisible(self.commission,
                                      terms == "commission" or self.commission.value() != NO_OVERRIDE)
        if vendor is None:
            hint = _("Pilih UMKM dulu: ketentuan titip jualnya menentukan harga setor atau komisi.")
        elif terms == "harga_setor":
            hint = _("UMKM {code} memakai harga setor: isi harga setor (tidak boleh melebihi harga jual).",
                     code=vendor.code)
        else:
            hint = _("UMKM {code} memakai {terms}; isi komisi hanya bila barang ini berbeda.", code=vendor.code,
                     terms=vendor_terms_text(vendor.terms, vendor.commission_pct))
            if self.harga_setor.text():
                hint += " " + _("Harga setor tidak dipakai selama UMKM memakai komisi; boleh dikosongkan.")
        self.terms_hint.setText(hint)

    # -- saving -----------------------------------------------------------
    def _money(self, edit: MoneyEdit, label: str) -> int | None:
        try:
            return edit.amount()
        except MoneyError as exc:
            edit.setFocus()
            edit.selectAll()
            raise MoneyError(_("{field}: {error}", field=label, error=exc)) from exc

    def entered(self) -> ProductInput:
        """What the fields hold now; ``PosError`` for a missing vendor or price, or a malformed amount."""
        vendor = self._vendors.get(self.vendor.currentData() or "")
        if vendor is None:
            raise ValidationError(_("Pilih UMKM pemilik barang ini"))
        price = self._money(self.price, _("Harga jual"))
        if price is None:
            raise ValidationError(_("Harga jual wajib diisi"))
        harga_setor = self._money(self.harga_setor, _("Harga setor"))
        commission = self.commission.value()
        return ProductInput(
            barcode=self.barcode.text().strip() or None, name=self.name.text(), vendor_code=vendor.code,
            price=price, category=self.category.currentText(), harga_setor=harga_setor,
            commission_pct=None if commission == NO_OVERRIDE else commission, unit=self.unit.currentText(),
            measure=self.product.measure if self.product else "unit",
            opening_stock=self.opening_stock.value() if self.product is None else 0,
            reorder_level=self.reorder.value(),
            active=self.product.active if self.product else True)

    def save(self) -> None:
        try:
            certificates = self.certificates.entries(date.today())
            data = self.entered()
            row = save_product(self.context.uow(write=True), self.context.user, data,
                               product_id=self.product.id if self.product else None)
        except PosError as exc:
            show_error(self, exc, _("Barang belum disimpan"))
            return
        if self.product is None:
            self.created, self.code_assigned = True, data.barcode is None
        self.product = row
        self.written.emit(row)
        changes = self.certificates.changes(certificates)
        if changes is not None:
            try:
                self.certificates.load(set_certificates(self.context.uow(write=True), self.context.user, row.id,
                                                        **changes))
            except Exception as exc:  # noqa: BLE001 - whatever it was, the product itself is already saved
                self._certificates_failed(row, exc)
                return
        self.saved.emit(row, self.created)
        self.accept()

    def _certificates_failed(self, row: ProductRow, exc: BaseException) -> None:
        # From now on the dialog changes the saved product: a second Simpan must not create it again.
        self._load_saved(row)
        show_error(self, PosError(_(
            "Barang {name} SUDAH disimpan dengan barcode {code}, tetapi sertifikatnya BELUM disimpan: {error}\n\n"
            "Periksa sertifikat lalu tekan Simpan lagi. Bila menekan Batal, barangnya tetap tersimpan tanpa "
            "perubahan sertifikat.", name=row.name, code=row.barcode, error=user_message(exc))),
            _("Sertifikat belum disimpan"))

    def _load_saved(self, row: ProductRow) -> None:
        self.setWindowTitle(_("Ubah barang {name}", name=row.name))
        self.barcode.setText(row.barcode)
        self.opening_stock.setValue(0)
        self._show_mode()

    def assigned_code_note(self) -> str:
        """For the screen after creating: the barcode, and what to do when the program made it up."""
        if self.product is None:
            return ""
        if self.code_assigned:
            return _("Barang {name} disimpan dengan kode toko {code}. Barang ini belum punya barcode: cetak "
                     "labelnya di tab Label barcode dan tempel sebelum dipajang.", name=self.product.name,
                     code=self.product.barcode)
        return _("Barang {name} disimpan dengan barcode {code}.", name=self.product.name, code=self.product.barcode)

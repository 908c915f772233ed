"""The dialog to add or change a vendor (UMKM): contact, regency, consignment terms and payout.

It gathers what was typed into a ``VendorInput``; ``services.catalog_admin.save_vendor``
checks it.  On an error the dialog stays open with the message, nothing written.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from nttmart_pos.domain.regions import NTT_REGENCIES
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog import VendorInput
from nttmart_pos.services.catalog_admin import VendorRow, save_vendor
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.catalog_models import PAYOUT_NAMES, TERMS_NAMES

DEFAULT_COMMISSION = 20  # the usual commission agreed with a new UMKM (VendorInput's default too)
_ACCOUNT_HINTS = {"transfer": "Bank, nomor rekening, atas nama - mis. BRI 1234-01-000123-50-1 a.n. Maria",
                  "ewallet": "Nama dompet dan nomor HP - mis. DANA 0812-3456-7890",
                  "cash": "Tidak perlu untuk pembayaran tunai"}


def _line(name: str, max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


class VendorDialog(QDialog):
    """Add a vendor (``vendor`` None) or change one; emits ``saved(VendorRow, created)`` once written."""

    saved = Signal(object, bool)

    def __init__(self, context: AppContext, vendor: VendorRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vendorDialog")
        self.context = context
        self.vendor = vendor
        self.setWindowTitle(_("UMKM baru") if vendor is None else _("Ubah UMKM {code}", code=vendor.code))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)

        self.code = _line("vendorCode", 20, _("mis. KOPI01"))
        self.code.setToolTip(_("2-20 huruf, angka atau tanda -; tidak dapat diubah setelah disimpan"))
        self.code.textEdited.connect(self._upper_code)
        self.name = _line("vendorName", 120, _("Nama usaha, mis. Kopi Bajawa Flores"))
        self.owner = _line("vendorOwner", 120, _("Nama pemilik atau penanggung jawab"))
        self.phone = _line("vendorPhone", 40, _("mis. 0812-3456-7890"))
        self.regency = QComboBox(objectName="vendorRegency")
        self.regency.addItems(list(NTT_REGENCIES))
        self.regency.setPlaceholderText(_("pilih kabupaten/kota"))
        self.regency.setCurrentIndex(-1)
        self.regency.setMaxVisibleItems(len(NTT_REGENCIES))
        self.village = _line("vendorVillage", 80, _("Desa/kelurahan, kecamatan"))
        form.addRow(_("Kode UMKM"), self.code)
        form.addRow(_("Nama UMKM"), self.name)
        form.addRow(_("Pemilik"), self.owner)
        form.addRow(_("Telepon"), self.phone)
        form.addRow(_("Kabupaten/kota"), self.regency)
        form.addRow(_("Desa/kelurahan"), self.village)

        self.terms = QComboBox(objectName="vendorTerms")
        for terms, text in TERMS_NAMES.items():
            self.terms.addItem(_(text), terms)
        self.commission = QSpinBox(objectName="vendorCommission")
        self.commission.setRange(0, 100)
        self.commission.setSuffix(" %")
        self.commission.setValue(DEFAULT_COMMISSION)
        self.terms_hint = QLabel(objectName="vendorTermsHint")
        self.terms_hint.setWordWrap(True)
        self.terms_hint.setStyleSheet("color: #555555;")
        terms_row = QHBoxLayout()
        terms_row.addWidget(self.terms, 1)
        terms_row.addWidget(QLabel(_("Komisi toko")))
        terms_row.addWidget(self.commission)
        form.addRow(_("Ketentuan titip jual"), terms_row)
        form.addRow("", self.terms_hint)

        self.payout_method = QComboBox(objectName="vendorPayoutMethod")
        for method in ("transfer", "cash", "ewallet"):
            self.payout_method.addItem(_(PAYOUT_NAMES[method]), method)
        self.payout_method.setCurrentIndex(self.payout_method.findData("cash"))
        self.payout_account = _line("vendorPayoutAccount", 120)
        self.notes = QPlainTextEdit(objectName="vendorNotes")
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        self.notes.setPlaceholderText(_("mis. jadwal antar barang, nama anak yang menagih"))
        form.addRow(_("Cara pembayaran"), self.payout_method)
        form.addRow(_("Rekening / nomor"), self.payout_account)
        form.addRow(_("Catatan"), self.notes)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(_("Simpan"), objectName="vendorSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Batal"), objectName="vendorCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

        self.terms.currentIndexChanged.connect(lambda _i: self._terms_changed())
        self.payout_method.currentIndexChanged.connect(lambda _i: self._method_changed())
        if vendor is not None:
            self._load(vendor)
        self._terms_changed()
        self._method_changed()

    def _load(self, vendor: VendorRow) -> None:
        self.code.setText(vendor.code)
        self.code.setReadOnly(True)
        self.code.setStyleSheet("background: #eeeeee;")
        self.name.setText(vendor.name)
        self.owner.setText(vendor.owner)
        self.phone.setText(vendor.phone)
        self.regency.setCurrentIndex(self.regency.findText(vendor.regency))
        self.village.setText(vendor.village)
        self.terms.setCurrentIndex(max(0, self.terms.findData(vendor.terms)))
        if vendor.commission_pct is not None:
            self.commission.setValue(vendor.commission_pct)
        self.payout_method.setCurrentIndex(max(0, self.payout_method.findData(vendor.payout_method)))
        self.payout_account.setText(vendor.payout_account)
        self.notes.setPlainText(vendor.notes)
        self.name.setFocus()

    def _upper_code(self, text: str) -> None:
        # Codes are stored in capitals; showing them so while typing avoids a surprise after saving.
        if text != text.upper():
            position = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(position)

    def _terms_changed(self) -> None:
        commission = self.terms.currentData() == "commission"
        self.commission.setEnabled(commission)
        self.terms_hint.setText(
            _("Toko memotong komisi ini dari setiap penjualan; sisanya dibayar ke UMKM.") if commission else
            _("UMKM menerima harga setor tetap per barang yang terjual; isi harga setor di setiap barangnya."))

    def _method_changed(self) -> None:
        self.payout_account.setPlaceholderText(_(_ACCOUNT_HINTS[self.payout_method.currentData()]))

    def entered(self) -> VendorInput:
        """What the fields hold now (not yet checked)."""
        terms = self.terms.currentData()
        return VendorInput(
            code=self.code.text(), name=self.name.text(), owner=self.owner.text(), phone=self.phone.text(),
            regency=self.regency.currentText(), village=self.village.text(), terms=terms,
            commission_pct=self.commission.value() if terms == "commission" else None,
            payout_method=self.payout_method.currentData(), payout_account=self.payout_account.text(),
            notes=self.notes.toPlainText())

    def save(self) -> None:
        creating = self.vendor is None
        try:
            row = save_vendor(self.context.uow(write=True), self.context.user, self.entered(), create=creating)
        except PosError as exc:
            show_error(self, exc, _("UMKM belum disimpan"))
            return
        self.vendor = row
        self.saved.emit(row, creating)
        self.accept()

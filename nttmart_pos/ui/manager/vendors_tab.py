"""The UMKM tab of the manager window: find, add, change and deactivate vendors.

Deactivating never deletes: the vendor's products, sales, intakes and payouts stay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog_admin import VendorRow, list_vendors, set_vendor_active
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.catalog_list import OK, CatalogListTab
from nttmart_pos.ui.manager.catalog_models import VendorModel, payout_text
from nttmart_pos.ui.manager.vendor_dialog import VendorDialog

TITLE = "UMKM"
ORDER = 10


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return VendorsTab(context, parent)


class VendorsTab(CatalogListTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "vendor", VendorModel(),
                         _("Cari kode, nama UMKM, pemilik atau kabupaten/kota"), parent)
        self.setObjectName("vendorsTab")
        self.dialog: VendorDialog | None = None  # the dialog last opened (tests drive it)
        self.new_button = self.add_button("vendorNew", _("UMKM baru"), self.new_vendor)
        self.edit_button = self.add_button("vendorEdit", _("Ubah"), self.edit_vendor)
        self.toggle_button = self.add_button("vendorToggleActive", _("Nonaktifkan"), self.toggle_active)
        self.table.doubleClicked.connect(lambda _index: self.edit_vendor())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_vendor,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.size_columns({0: "KOPI01-X", 2: "Yohanes Don Bosco", 3: "Sumba Barat Daya", 4: "0813-5186-1712",
                           5: max(_("harga setor"), _("komisi {pct}%", pct=15), key=len),
                           6: payout_text("transfer", "BRI 9512"), 7: "888", 8: _("tidak")}, 1)
        self.reload()

    # -- reading ----------------------------------------------------------------
    def read(self):
        engine, query, inactive = self.context.engine, self.search.text(), self.show_inactive.isChecked()
        return lambda: list_vendors(UnitOfWork(engine), query, include_inactive=inactive)

    def show_result(self, rows: list[VendorRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.count.setText(_("{count} UMKM", count=format_number(len(rows))))
        elif self.search.text().strip():
            self.count.setText(_("Tidak ada UMKM yang cocok dengan \"{query}\"", query=self.search.text().strip()))
        else:
            self.count.setText(_("Belum ada UMKM. Tekan \"UMKM baru\" untuk menambah."))

    def row_key(self, row: VendorRow) -> str:
        return row.code

    def selection_changed(self) -> None:
        vendor = self.current()
        self.edit_button.setEnabled(vendor is not None)
        self.toggle_button.setEnabled(vendor is not None)
        self.toggle_button.setText(_("Aktifkan") if vendor is not None and not vendor.active else _("Nonaktifkan"))

    # -- actions ----------------------------------------------------------------
    def new_vendor(self) -> VendorDialog:
        return self._open(VendorDialog(self.context, None, self))

    def edit_vendor(self) -> VendorDialog | None:
        vendor = self.current()
        return self._open(VendorDialog(self.context, vendor, self)) if vendor is not None else None

    def _open(self, dialog: VendorDialog) -> VendorDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, vendor: VendorRow, created: bool) -> None:
        if created:
            self.show_status(_("UMKM {code} - {name} ditambahkan.", code=vendor.code, name=vendor.name), OK)
        else:
            self.show_status(_("UMKM {code} - {name} disimpan.", code=vendor.code, name=vendor.name), OK)
        self.reload(keep=vendor.code)

    def toggle_active(self) -> None:
        vendor = self.current()
        if vendor is None:
            return
        if vendor.active:
            self.confirm("vendorToggleConfirm", _("Nonaktifkan UMKM"), _(
                "Nonaktifkan UMKM {code} - {name}?\n\nUMKM ini tidak bisa dipilih lagi untuk barang baru. "
                "Barangnya yang masih di rak tetap bisa dijual. Semua riwayat penjualan, titipan, retur dan "
                "pembayarannya tetap disimpan, dan UMKM ini bisa diaktifkan lagi kapan saja.",
                code=vendor.code, name=vendor.name), lambda: self._set_active(vendor, False))
        else:
            self.confirm("vendorToggleConfirm", _("Aktifkan UMKM"),
                         _("Aktifkan lagi UMKM {code} - {name}?", code=vendor.code, name=vendor.name),
                         lambda: self._set_active(vendor, True))

    def _set_active(self, vendor: VendorRow, active: bool) -> None:
        try:
            row = set_vendor_active(self.context.uow(write=True), self.context.user, vendor.code, active)
        except PosError as exc:
            show_error(self, exc)
            return
        if row.active:
            text = _("UMKM {code} aktif lagi.", code=row.code)
        elif self.show_inactive.isChecked():
            text = _("UMKM {code} dinonaktifkan; riwayatnya tetap tersimpan.", code=row.code)
        else:
            text = _("UMKM {code} dinonaktifkan; riwayatnya tetap tersimpan. Centang \"tampilkan yang nonaktif\" "
                     "untuk melihatnya.", code=row.code)
        self.show_status(text, OK)
        self.reload(keep=row.code)

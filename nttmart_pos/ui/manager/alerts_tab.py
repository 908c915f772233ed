"""The Peringatan (alerts) tab, the first a manager sees: low stock per vendor, certificates
that lapse, food batches near their best-before date, and goods sold beyond the stock in the
system (stok minus), each exportable as CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from babel.dates import format_date as babel_date
from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

from nttmart_pos.i18n import _, get_language
from nttmart_pos.services.stock_alerts import BATCH_SOON_DAYS
from nttmart_pos.ui.manager.export_panel import ask_table_path
from nttmart_pos.ui.busy import ERROR, INFO, BusyMixin, status_label
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.alerts_data import (EXPIRED_COLOR, OK_COLOR, SOON_COLOR, AlertData, export_batches,
                                                export_certificates, export_low_stock, export_negative_stock,
                                                filtered_low_stock, load_alerts)
from nttmart_pos.ui.manager.alerts_sections import (AlertSection, batches_section, certificates_section,
                                                    fill_batches, fill_certificates, fill_low_stock,
                                                    fill_negative_stock, low_stock_section, negative_stock_section)

TITLE = "Peringatan"
ORDER = 5

MAX_BATCH_DAYS = 365
LOW_STOCK, CERTIFICATES, BATCHES, NEGATIVE = "low_stock", "certificates", "batches", "negative_stock"
# File names suggested in the save dialog: stok-menipis-2026-10-15.csv ...
FILE_STEMS = {LOW_STOCK: "stok-menipis", CERTIFICATES: "sertifikat", BATCHES: "kedaluwarsa",
              NEGATIVE: "stok-minus"}
RETURN_TAB = "Retur"  # the TITLE of ui/manager/returns_tab.py


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return AlertsTab(context, parent)


class AlertsTab(BusyMixin, QWidget):
    STATUS_STYLE = "font-size: 14px;"
    loaded = Signal()  # a background read has ended (shown, or its error shown)
    export_done = Signal(object)  # the path written, or None when it failed

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsTab")
        self.context = context
        self.today: date | None = None  # None: the real date at each read (tests fix it)
        self.save_path: Path | None = None  # set (in tests) to skip the save dialog
        self.data: AlertData | None = None
        self.loading = False
        self._exporting: set[str] = set()
        self._folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self._build()
        self.reload()

    # -- layout -------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.titleLabel = QLabel(objectName="alertsTitle")
        self.titleLabel.setStyleSheet("font-size: 17px; font-weight: bold;")
        top.addWidget(self.titleLabel, 1)
        self.loadingLabel = QLabel(_("Memuat..."), objectName="alertsLoading")
        self.loadingLabel.setStyleSheet("font-size: 15px; font-weight: bold; color: #0d47a1;")
        policy = self.loadingLabel.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # nothing moves when loading ends
        self.loadingLabel.setSizePolicy(policy)
        top.addWidget(self.loadingLabel)
        self.refreshButton = QPushButton(_("Muat ulang"), objectName="alertsRefresh")
        self.refreshButton.setMinimumHeight(34)
        self.refreshButton.clicked.connect(lambda _checked=False: self.reload())
        top.addWidget(self.refreshButton)
        layout.addLayout(top)

        self.sections = QTabWidget(objectName="alertsSections")
        self.sections.setStyleSheet("QTabBar::tab { font-size: 14px; padding: 6px 14px; }")
        self.lowStock = low_stock_section()
        self.vendorCombo = QComboBox(objectName="alertsLowStockVendor")
        self.vendorCombo.setMinimumWidth(340)
        self.vendorCombo.currentIndexChanged.connect(lambda _index: self._show_low_stock())
        self.lowStock.tools.addWidget(QLabel(_("UMKM")))
        self.lowStock.tools.addWidget(self.vendorCombo)
        self.certificates = certificates_section()
        self.batches = batches_section()
        self.batchDays = QSpinBox(objectName="alertsBatchDays")
        self.batchDays.setRange(1, MAX_BATCH_DAYS)
        self.batchDays.setValue(BATCH_SOON_DAYS)
        self.batchDays.setSuffix(_(" hari"))
        self.batchDays.setKeyboardTracking(False)  # typing "45" reads once, not for 4 and then 45
        self.batchDays.setMinimumWidth(90)
        self.batchDays.valueChanged.connect(lambda _value: self.reload())
        self.batches.tools.addWidget(QLabel(_("Kedaluwarsa dalam")))
        self.batches.tools.addWidget(self.batchDays)
        self.returnButton = QPushButton(_("Buat retur untuk UMKM ini"), objectName="alertsBatchesReturn")
        self.returnButton.setMinimumHeight(34)
        self.returnButton.setToolTip(_("Pilih UMKM atau barangnya di daftar, lalu buka tab Retur untuk UMKM itu"))
        self.returnButton.clicked.connect(lambda _checked=False: self.open_return())
        self.batches.bottom.insertWidget(1, self.returnButton)
        self.batches.tree.itemSelectionChanged.connect(self._update_buttons)
        self.negativeStock = negative_stock_section()
        for kind, section in self._sections().items():
            self.sections.addTab(section, "")
            section.export_requested.connect(lambda kind=kind: self.ask_export(kind))
        layout.addWidget(self.sections, 1)

        self.statusLabel = status_label("alertsStatus")
        layout.addWidget(self.statusLabel)
        self._show_titles()
        self._set_loading(False)

    def _sections(self) -> dict[str, AlertSection]:
        return {LOW_STOCK: self.lowStock, CERTIFICATES: self.certificates, BATCHES: self.batches,
                NEGATIVE: self.negativeStock}

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.data is not None and not self.loading:
            self.reload()  # intakes, sales and certificate changes made since the last look

    # -- reading --------------------------------------------------------------------
    def current_day(self) -> date:
        return self.today or date.today()

    def reload(self, today: date | None = None) -> None:
        """Read the four lists again in the background (``today`` fixes the date, for tests)."""
        if today is not None:
            self.today = today
        engine, day, days = self.context.engine, self.current_day(), self.batchDays.value()
        self._set_loading(True)
        self.run_job(lambda: load_alerts(engine, day, days), on_success=self._loaded, on_failure=self._load_failed,
                     latest=True)

    def _loaded(self, data: AlertData) -> None:
        self.data = data
        self._fill_vendor_choices()
        self._show_low_stock()
        fill_certificates(self.certificates, data)
        fill_batches(self.batches, data)
        fill_negative_stock(self.negativeStock, data)
        self._set_loading(False)
        self._show_titles()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self._set_loading(False)
        self.show_status(_("Peringatan belum dapat dimuat; coba \"Muat ulang\"."), ERROR)
        show_error(self, exc)
        self.loaded.emit()

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.loadingLabel.setVisible(loading)
        self._update_buttons()

    def _update_buttons(self) -> None:
        for kind, section in self._sections().items():
            section.exportButton.setEnabled(not self.loading and section.count > 0 and kind not in self._exporting)
        self.returnButton.setEnabled(bool(self.batches.selected_vendor()) and self._manager_window() is not None)

    def _fill_vendor_choices(self) -> None:
        chosen = self.vendorCombo.currentData() or ""
        self.vendorCombo.blockSignals(True)  # one redraw after the whole list is in, not one per vendor
        self.vendorCombo.clear()
        self.vendorCombo.addItem(_("Semua UMKM"), "")
        for code, rows in self.data.low_stock.items():
            contact = self.data.contact(code, rows[0].vendor_name)
            self.vendorCombo.addItem(_("{code} - {name} ({count} barang)", code=code, name=contact.name,
                                       count=len(rows)), code)
        index = self.vendorCombo.findData(chosen)
        self.vendorCombo.setCurrentIndex(max(index, 0))  # a vendor with no low stock left: back to all
        self.vendorCombo.blockSignals(False)

    def _show_low_stock(self) -> None:
        if self.data is not None:
            fill_low_stock(self.lowStock, self.data, filtered_low_stock(self.data, self.vendor_filter()))
            self._update_buttons()

    def vendor_filter(self) -> str:
        return self.vendorCombo.currentData() or ""

    def _show_titles(self) -> None:
        day = self.current_day()
        locale = "en" if get_language() == "en" else "id_ID"
        self.titleLabel.setText(_("Perlu perhatian hari ini, {date}",
                                  date=babel_date(day, "EEEE, d MMMM y", locale=locale)))
        data = self.data
        if data is None:
            counts = {kind: "..." for kind in self._sections()}
            colors = dict.fromkeys(counts, INFO)
        else:
            counts = {LOW_STOCK: sum(len(rows) for rows in data.low_stock.values()),
                      CERTIFICATES: len(data.certificates),
                      BATCHES: sum(len(batches) for batches in data.batches.values()),
                      NEGATIVE: len(data.negative)}
            expired = {LOW_STOCK: any(row.stock_on_hand <= 0 for rows in data.low_stock.values() for row in rows),
                       CERTIFICATES: any(a.state == "expired" for a in data.certificates),
                       BATCHES: any(b.state == "expired" for rows in data.batches.values() for b in rows),
                       NEGATIVE: True}  # the books are wrong: always red
            colors = {kind: (EXPIRED_COLOR if expired[kind] else SOON_COLOR) if counts[kind] else OK_COLOR
                      for kind in counts}
        titles = {LOW_STOCK: _("Stok menipis ({count})", count=counts[LOW_STOCK]),
                  CERTIFICATES: _("Sertifikat ({count})", count=counts[CERTIFICATES]),
                  BATCHES: _("Kedaluwarsa ({count})", count=counts[BATCHES]),
                  NEGATIVE: _("Stok minus ({count})", count=counts[NEGATIVE])}
        for index, kind in enumerate(self._sections()):
            self.sections.setTabText(index, titles[kind])
            self.sections.tabBar().setTabTextColor(index, QColor(colors[kind]))

    # -- retur ----------------------------------------------------------------------
    def _manager_window(self) -> QWidget | None:
        """The manager window around this tab (None when the tab stands alone)."""
        widget = self.parentWidget()
        while widget is not None and not hasattr(widget, "show_tab"):
            widget = widget.parentWidget()
        return widget

    def open_return(self) -> None:
        """Go to the Retur tab with the chosen batch's vendor picked, to hand its goods back."""
        code, window = self.batches.selected_vendor(), self._manager_window()
        if not code or window is None:
            return
        try:
            tab = window.show_tab(RETURN_TAB)
        except KeyError:
            self.show_status(_("Tab Retur tidak tersedia."), ERROR)
            return
        # The vendor choice of the retur tab, by its object name: a retur already being filled in for
        # another vendor makes that tab ask before its lines are dropped.
        combo = tab.findChild(QComboBox, "returnVendor")
        if combo is not None and combo.findData(code) >= 0:
            combo.setCurrentIndex(combo.findData(code))

    # -- export ---------------------------------------------------------------------
    def ask_export(self, kind: str) -> None:
        """Ask where to save one list (or use ``save_path``), then write it in the background."""
        if self.data is None or self.loading:
            return
        if self.save_path is not None:
            self.export(kind, Path(self.save_path))
            return
        stem = FILE_STEMS[kind]
        if kind == LOW_STOCK and self.vendor_filter():
            stem = f"{stem}-{self.vendor_filter()}"
        suggested = Path(self._folder or Path.home()) / f"{stem}-{self.data.today.isoformat()}.csv"
        ask_table_path(self, _("Simpan daftar"), suggested, lambda path: self.export(kind, path), "alertsSaveDialog")

    def export(self, kind: str, path: Path) -> None:
        """Write the list ``kind`` as it is shown (vendor filter included) to ``path`` (.csv or .xlsx)."""
        data = self.data
        if data is None:
            return
        writers: dict[str, Callable[[], int]] = {
            LOW_STOCK: lambda groups=filtered_low_stock(data, self.vendor_filter()): export_low_stock(path, groups),
            CERTIFICATES: lambda: export_certificates(path, data.certificates),
            BATCHES: lambda: export_batches(path, data),
            NEGATIVE: lambda: export_negative_stock(path, data.negative)}
        self._folder = str(path.parent)
        self._exporting.add(kind)  # one file at a time per list
        self._update_buttons()
        self.show_status(_("Menyimpan {path}...", path=path))
        self.run_job(writers[kind], on_success=lambda count: self._exported(kind, path, count),
                     on_failure=lambda exc: self._export_failed(kind, exc))

    def _exported(self, kind: str, path: Path, count: int) -> None:
        self._exporting.discard(kind)
        self._update_buttons()
        self.show_status(_("{count} baris disimpan di {path}", count=count, path=path), OK_COLOR)
        self.export_done.emit(path)

    def _export_failed(self, kind: str, exc: BaseException) -> None:
        self._exporting.discard(kind)
        self._update_buttons()
        self.show_status(_("Berkas belum disimpan."), ERROR)
        show_error(self, exc)
        self.export_done.emit(None)

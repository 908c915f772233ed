"""The barcode label tab of the manager window: choose products (a vendor, an intake
document, or scans), set the number of labels, then save an A4 label PDF or print
thermal labels; the work runs in the background.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nttmart_pos.domain.money import format_number
from nttmart_pos.errors import ConfigError, PosError
from nttmart_pos.hardware.label_printer import label_bytes
from nttmart_pos.hardware.printer import parse_printer_url, send_bytes
from nttmart_pos.i18n import _
from nttmart_pos.reports.label_sheet import label_sheet_pdf
from nttmart_pos.services.labels import select_labels
from nttmart_pos.services.printing import PRINT_TIMEOUT_SECONDS
from nttmart_pos.ui.busy import ERROR, OK, WARNING, BusyMixin, busy_bar, status_label
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.manager.labels_choices import ALL_VENDORS, SourceBar
from nttmart_pos.ui.manager.labels_sheet_options import SheetOptions
from nttmart_pos.ui.manager.labels_table import LabelTable, SkippedList
from nttmart_pos.ui.sound import error_beep
from nttmart_pos.ui.widgets import focusless_button

TITLE = "Label barcode"
ORDER = 70

# A thermal printer takes about a second per label; the send may last that long before it is a fault.
SECONDS_PER_THERMAL_LABEL = 1.0
CONFIRM_THERMAL_ABOVE = 50  # labels: a slip of the finger must not use up a whole roll unasked
BUTTON_HEIGHT = 38


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return LabelsTab(context, parent)


class LabelsTab(BusyMixin, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelsTab")
        self.context = context
        self.save_path: Path | None = None  # set (in tests) to skip the save dialog
        self.last_pdf: Path | None = None
        self._source = "label"  # for the suggested file name
        self._folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self._build()
        self.reload_choices()
        self.refresh_summary()
        self.show_status(_("Pilih UMKM atau tanda terima titipan, atau pindai barcode barang."))

    # -- layout -------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.choices = SourceBar(self.context, self)
        self.choices.vendor_chosen.connect(self._vendor_chosen)
        self.choices.document_chosen.connect(
            lambda number: self._load({"document_no": number}, number, f"label-{number}"))
        self.choices.scanned.connect(self.add_code)
        self.choices.searchButton.clicked.connect(lambda _checked=False: self.open_search())
        self.choices.clearButton.clicked.connect(lambda _checked=False: self.clear())
        # Only while this tab has the focus: other manager tabs may use the same key.
        QShortcut(QKeySequence("F2"), self, activated=self.open_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.vendorCombo, self.documentCombo = self.choices.vendorCombo, self.choices.documentCombo
        self.scanInput = self.choices.scanInput
        layout.addWidget(self.choices)

        middle = QHBoxLayout()
        left = QVBoxLayout()
        self.table = LabelTable(self)
        self.table.changed.connect(self.refresh_summary)
        left.addWidget(self.table, 1)
        self.skipped = SkippedList(self)
        left.addWidget(self.skipped)
        middle.addLayout(left, 1)
        self.sheet = SheetOptions(self)
        self.sheet.setFixedWidth(300)
        self.sheet.changed.connect(self.refresh_summary)
        middle.addWidget(self.sheet, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(middle, 1)

        self.summaryLabel = QLabel(objectName="labelsSummary")
        self.summaryLabel.setStyleSheet("font-size: 16px; font-weight: bold; color: #0d47a1;")
        layout.addWidget(self.summaryLabel)
        status = QHBoxLayout()
        self.statusLabel = status_label("labelsStatus", min_height=30)
        status.addWidget(self.statusLabel, 1)
        self.busyBar = busy_bar("labelsBusy", 160)
        status.addWidget(self.busyBar)
        self.openButton = focusless_button(_("Buka PDF"), "labelsOpenPdf", self.open_pdf, BUTTON_HEIGHT)
        self.openButton.hide()
        status.addWidget(self.openButton)
        layout.addLayout(status)

        actions = QHBoxLayout()
        self.printerLabel = QLabel(objectName="labelsPrinterInfo")
        self.printerLabel.setStyleSheet("color: #455a64;")
        actions.addWidget(self.printerLabel, 1)
        self.printButton = focusless_button(_("Cetak label di printer struk"), "labelsPrint", self.print_labels,
                                            BUTTON_HEIGHT)
        self.pdfButton = focusless_button(_("Simpan PDF lembar label..."), "labelsPdf", self.ask_pdf_path,
                                          BUTTON_HEIGHT)
        self.pdfButton.setStyleSheet("QPushButton { font-size: 15px; font-weight: bold; background: #1565c0; "
                                     "color: white; padding: 0 12px; } "
                                     "QPushButton:disabled { background: #b0bec5; color: #eceff1; }")
        actions.addWidget(self.printButton)
        actions.addWidget(self.pdfButton)
        layout.addLayout(actions)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload_choices()  # vendors and intakes made in the other tabs since
        self.scanInput.setFocus()

    # -- choosing -------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Read the vendor and document lists and the printer setting again."""
        self.choices.reload()
        self.refresh_printer_info()

    def _vendor_chosen(self, code: str) -> None:
        if code == ALL_VENDORS:
            self._load({}, _("semua UMKM"), "label-semua")
        else:
            self._load({"vendor_code": code}, _("UMKM {code}", code=code), f"label-{code}")

    def _load(self, choice: dict, source: str, file_stem: str) -> None:
        try:
            selection = select_labels(self.context.uow(), **choice)
        except PosError as exc:
            show_error(self, exc)
            return
        self._source = file_stem
        self.table.set_items(selection.items)
        self.skipped.set_skipped(selection.skipped)
        self.show_status(_("Daftar diisi dengan {count} barang dari {source}. Ubah jumlah label bila perlu.",
                           count=len(selection.items), source=source), OK)
        self.scanInput.setFocus()

    # -- adding one by one ----------------------------------------------------------
    def add_code(self, code: str, quantity: int = 1) -> None:
        """Add ``quantity`` labels of the product with ``code``; a refusal goes to the status line."""
        try:
            selection = select_labels(self.context.uow(), barcodes=[code], copies=quantity)
            for item in selection.items:
                row = self.table.add(item)
                copies = self.table.items()[row].copies
                self.show_status(_("{name}: {copies} label", name=item.name, copies=copies), OK)
        except PosError as exc:
            # A box would swallow the next scan: the message goes to the status line, with a beep.
            self.show_status(user_message(exc), ERROR)
            error_beep()
            return
        if selection.skipped:
            self.skipped.add(selection.skipped)
            note = selection.skipped[0]
            self.show_status(_("{name} tidak diberi label: {reason}", name=note.name, reason=note.reason), WARNING)
            error_beep()

    def open_search(self) -> None:
        from nttmart_pos.ui.search_dialog import ProductSearchDialog

        dialog = ProductSearchDialog(self.context.engine, self)
        dialog.picked.connect(lambda product: self.add_code(product.barcode))
        dialog.finished.connect(lambda _result: self.scanInput.setFocus())
        dialog.open()

    def clear(self) -> None:
        self.choices.reset()
        self.table.set_items([])
        self.skipped.set_skipped([])
        self._source = "label"
        self.show_status(_("Daftar dikosongkan."))
        self.scanInput.setFocus()

    # -- summary and state ------------------------------------------------------------
    def refresh_summary(self) -> None:
        labels = self.table.label_count()
        self.sheet.set_labels(labels)
        sheet = self.sheet.sheet
        if labels:
            pages = math.ceil((self.sheet.start - 1 + labels) / sheet.per_page)
            self.summaryLabel.setText(_("Total {labels} label untuk {products} barang = {pages} lembar A4 {layout}",
                                        labels=format_number(labels), products=format_number(len(self.table.items())),
                                        pages=pages, layout=sheet.name))
        else:
            self.summaryLabel.setText(_("Belum ada label dalam daftar"))
        self._update_buttons()

    def refresh_printer_info(self) -> None:
        settings = self.context.settings
        if settings.printer_url.strip().lower() == "none":
            self.printerLabel.setText(_("Printer struk belum diatur (Pengaturan toko)"))
        else:
            self.printerLabel.setText(_("Printer struk: {url}, kertas {width} mm", url=settings.printer_url,
                                        width=settings.paper_width))

    def _update_buttons(self) -> None:
        ready = not self.busy and self.table.label_count() > 0
        self.pdfButton.setEnabled(ready)
        self.printButton.setEnabled(ready)

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        if busy:
            self.openButton.hide()  # it would open the previous PDF
        super()._set_busy(busy, text)

    # -- PDF ------------------------------------------------------------------------
    def ask_pdf_path(self) -> None:
        if self.busy or not self.table.label_count():
            return
        if self.save_path is not None:
            self.write_pdf(Path(self.save_path))
            return
        suggested = Path(self._folder or Path.home()) / f"{self._source}-{date.today():%Y-%m-%d}.pdf"
        dialog = QFileDialog(self, _("Simpan PDF label"), str(suggested), _("Berkas PDF (*.pdf)"))
        dialog.setObjectName("labelsSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(suggested.name)
        dialog.fileSelected.connect(lambda chosen: self.write_pdf(Path(chosen)))
        dialog.open()

    def write_pdf(self, path: Path) -> None:
        """Write the label sheets to ``path`` in the background."""
        items, layout, start = self.table.items(), self.sheet.sheet.name, self.sheet.start
        labels = self.table.label_count()
        self._folder = str(path.parent)
        self._set_busy(True, _("Membuat PDF {labels} label...", labels=format_number(labels)))
        self.run_job(lambda: label_sheet_pdf(items, path, layout, start),
                     on_success=lambda pages: self._pdf_written(path, labels, pages, layout),
                     on_failure=lambda exc: self._failed(exc, _("PDF label belum dibuat.")))

    def _pdf_written(self, path: Path, labels: int, pages: int, layout: str) -> None:
        self._set_busy(False)
        self.last_pdf = path
        self.openButton.show()
        self.show_status(_("PDF {labels} label ({pages} lembar {layout}) disimpan di {path}",
                           labels=format_number(labels), pages=pages, layout=layout, path=path), OK)

    def open_pdf(self) -> None:
        if self.last_pdf is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf))):
            self.show_status(_("PDF tidak dapat dibuka otomatis; buka berkas {path}", path=self.last_pdf), WARNING)

    # -- thermal labels -------------------------------------------------------------
    def print_labels(self) -> None:
        if self.busy or not self.table.label_count():
            return
        settings = self.context.settings
        try:
            target = parse_printer_url(settings.printer_url)
            if target.kind == "none":
                raise ConfigError(_("Printer struk belum diatur. Isi alamat printer di Pengaturan toko."))
        except PosError as exc:
            show_error(self, exc)
            return
        labels = self.table.label_count()
        if labels <= CONFIRM_THERMAL_ABOVE:
            self._send(target, settings.paper_width)
            return
        ask(self, "labelsPrintConfirm", _("Cetak label"),
            _("Cetak {labels} label di printer struk? Itu memakai banyak kertas.", labels=format_number(labels)),
            lambda: self._send(target, settings.paper_width))

    def _send(self, target, width_mm: int) -> None:
        items, labels = self.table.items(), self.table.label_count()
        if self.busy or not labels:  # the list may have changed while the question was open
            return
        timeout = PRINT_TIMEOUT_SECONDS + labels * SECONDS_PER_THERMAL_LABEL
        self._set_busy(True, _("Mengirim {labels} label ke printer...", labels=format_number(labels)))
        self.run_job(lambda: send_bytes(target, label_bytes(items, width_mm), timeout),
                     on_success=lambda _none: self._printed(labels, target.address),
                     on_failure=lambda exc: self._failed(
                         exc, _("Label belum tercetak. Daftar tetap ada; periksa printer lalu coba lagi.")))

    def _printed(self, labels: int, address: str) -> None:
        self._set_busy(False)
        self.show_status(_("{labels} label dikirim ke printer {address}", labels=format_number(labels),
                           address=address), OK)

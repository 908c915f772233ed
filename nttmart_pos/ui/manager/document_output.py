"""The recent tanda terima titipan or retur documents, and what can be done with the
chosen one: save and open its PDF (A4/A5), print its slip; both in the background.

Shared by the intake and retur tabs; widget names start with the tab's prefix
(``intakeHistory``, ``intakePdf``, ...).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QVBoxLayout, QWidget)
from sqlalchemy import Engine

from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import ConfigError, PosError
from nttmart_pos.hardware.document_slip import document_slip_bytes
from nttmart_pos.hardware.printer import parse_printer_url, send_bytes
from nttmart_pos.i18n import _
from nttmart_pos.reports.stock_document_pdf import PAGE_SIZES, stock_document_pdf
from nttmart_pos.services.printing import PRINT_TIMEOUT_SECONDS
from nttmart_pos.services.stock_documents import DocumentResult, DocumentSummary, document, list_documents
from nttmart_pos.ui.busy import ERROR, OK, BusyMixin, busy_bar, status_label
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.widgets import focusless_button, read_only_cell

HISTORY_SHOWN = 100
SIDE_WIDTH = 360  # of the column this panel sits in, beside the lines
RESULT_STYLE = "font-size: 15px; padding: 8px; border-radius: 4px; background: #e8f5e9; color: #1b5e20;"


def default_folder(context: AppContext) -> Path:
    """The user's Documents folder, else the folder of the settings file."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path(context.settings_path).parent


def write_document_pdf(engine: Engine, settings: Settings, doc_no: str, folder: Path, page_size: str) -> Path:
    """Read the document and write ``folder/<number>.pdf``; runs off the GUI thread."""
    view = document(UnitOfWork(engine), doc_no)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PosError(_("Folder {path} tidak dapat dibuat: {reason}", path=folder,
                         reason=exc.strerror or exc)) from exc
    return stock_document_pdf(view, settings, folder / f"{view.doc_no}.pdf", page_size)


def print_document_slip(engine: Engine, settings: Settings, doc_no: str) -> str:
    """Print the document's slip on the configured printer; returns the printer's address."""
    target = parse_printer_url(settings.printer_url)
    view = document(UnitOfWork(engine), doc_no)
    send_bytes(target, document_slip_bytes(view, settings.paper_width, settings.language, settings),
               PRINT_TIMEOUT_SECONDS)
    return target.address


def result_text(title: str, result: DocumentResult, vendor: str) -> str:
    """The banner after posting: the number to write on the goods, big."""
    return _("{title} tersimpan:<br><b style='font-size: 22px'>{number}</b><br>{vendor}<br>{count} baris, "
             "nilai {amount}", title=html.escape(title), number=html.escape(result.doc_no),
             vendor=html.escape(vendor), count=result.line_count, amount=format_rupiah(result.total_value))


class DocumentOutput(BusyMixin, QWidget):
    STATUS_STYLE = "font-size: 13px; font-weight: bold;"

    def __init__(self, context: AppContext, kind: str, prefix: str, extra_buttons: list[QPushButton] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.prefix = prefix
        self.output_dir: Path = default_folder(context)  # tests set it directly
        self.opener: Callable[[Path], bool] = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.last_pdf: Path | None = None
        self.summaries: list[DocumentSummary] = []
        self.extra_buttons = list(extra_buttons)
        self._build()

    def _build(self) -> None:
        p = self.prefix
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("Dokumen terakhir (pilih untuk cetak ulang)"))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        self.history = QTableWidget(0, 4, objectName=f"{p}History")
        self.history.setHorizontalHeaderLabels([_("Nomor"), _("Tanggal"), _("UMKM"), _("Nilai")])
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setWordWrap(False)
        header = self.history.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.history, 1)

        self.selectedLabel = QLabel(objectName=f"{p}Selected")
        self.selectedLabel.setWordWrap(True)
        self.selectedLabel.setStyleSheet("font-size: 14px; padding: 6px; background: #eceff1; border-radius: 4px;")
        layout.addWidget(self.selectedLabel)

        row = QHBoxLayout()
        row.addWidget(QLabel(_("Kertas PDF")))
        self.pageSize = QComboBox(objectName=f"{p}PageSize")
        for size in PAGE_SIZES:
            self.pageSize.addItem(size, size)
        self.pageSize.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.pageSize)
        self.pdfButton = focusless_button(_("Simpan && buka PDF"), f"{p}Pdf", self.write_pdf)
        row.addWidget(self.pdfButton, 1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.slipButton = focusless_button(_("Cetak slip"), f"{p}Slip", self.print_slip)
        row.addWidget(self.slipButton, 1)
        for button in self.extra_buttons:
            button.setMinimumHeight(36)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button, 1)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.folderLabel = QLabel(objectName=f"{p}FolderInfo")
        self.folderLabel.setStyleSheet("color: #455a64;")
        self.folderLabel.setWordWrap(True)
        row.addWidget(self.folderLabel, 1)
        row.addWidget(focusless_button(_("Ganti folder..."), f"{p}Folder", self.ask_folder))
        layout.addLayout(row)

        row = QHBoxLayout()
        self.statusLabel = status_label(f"{p}OutputStatus")
        row.addWidget(self.statusLabel, 1)
        self.busyBar = busy_bar(f"{p}Busy", 90)
        row.addWidget(self.busyBar)
        layout.addLayout(row)
        self._show_folder()
        self._update_buttons()

    # -- the list -----------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the newest documents again and choose ``select`` (else keep the chosen one)."""
        keep = select or self.current()
        try:
            self.summaries = list_documents(self.context.uow(), kind=self.kind, limit=HISTORY_SHOWN)
        except PosError as exc:
            show_error(self, exc)
            return
        self.history.blockSignals(True)
        self.history.clearSelection()
        self.history.setRowCount(len(self.summaries))
        for row, doc in enumerate(self.summaries):
            self.history.setItem(row, 0, read_only_cell(doc.doc_no))
            self.history.setItem(row, 1, read_only_cell(doc.created_at.strftime("%d-%m-%Y")))
            vendor = read_only_cell(doc.vendor_code)
            vendor.setToolTip(_("{name}, {count} baris, oleh {user}", name=doc.vendor_name, count=doc.line_count,
                                user=doc.user_name))
            self.history.setItem(row, 2, vendor)
            self.history.setItem(row, 3, read_only_cell(format_rupiah(doc.total_value), align_right=True))
        numbers = [doc.doc_no for doc in self.summaries]
        if keep in numbers:
            self.history.selectRow(numbers.index(keep))
        self.history.blockSignals(False)
        self._selection_changed()

    def current(self) -> str | None:
        rows = self.history.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.summaries):
            return None
        return self.summaries[rows[0].row()].doc_no

    def _selection_changed(self) -> None:
        number = self.current()
        doc = next((d for d in self.summaries if d.doc_no == number), None)
        if not self.summaries:
            self.selectedLabel.setText(_("Belum ada dokumen"))
        elif doc is None:
            self.selectedLabel.setText(_("Belum ada dokumen dipilih"))
        else:
            self.selectedLabel.setText(_("Dipilih: <b>{number}</b>, {date}<br>{code} - {name}<br>{count} baris, nilai "
                                         "{amount}, oleh {user}", date=doc.created_at.strftime("%d-%m-%Y %H:%M"),
                                         user=html.escape(doc.user_name),
                                         number=html.escape(doc.doc_no), code=html.escape(doc.vendor_code),
                                         name=html.escape(doc.vendor_name),
                                         count=doc.line_count, amount=format_rupiah(doc.total_value)))
        self._update_buttons()

    # -- state ----------------------------------------------------------------------
    def _update_buttons(self) -> None:
        ready = not self.busy and self.current() is not None
        for button in (self.pdfButton, self.slipButton, *self.extra_buttons):
            button.setEnabled(ready)

    # -- folder ---------------------------------------------------------------------
    def _show_folder(self) -> None:
        self.folderLabel.setText(_("PDF disimpan di {path}", path=self.output_dir))

    def set_folder(self, folder: Path) -> None:
        self.output_dir = Path(folder)
        self._show_folder()

    def ask_folder(self) -> None:
        dialog = QFileDialog(self, _("Folder untuk PDF"), str(self.output_dir))
        dialog.setObjectName(f"{self.prefix}FolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda chosen: self.set_folder(Path(chosen)))
        dialog.open()

    # -- PDF and slip -----------------------------------------------------------------
    def write_pdf(self) -> None:
        number = self.current()
        if self.busy or number is None:
            return
        engine, settings, folder = self.context.engine, self.context.settings, self.output_dir
        size = self.pageSize.currentData()
        self._set_busy(True, _("Membuat PDF {number}...", number=number))
        self.run_job(lambda: write_document_pdf(engine, settings, number, folder, size),
                     on_success=self._pdf_written,
                     on_failure=lambda exc: self._failed(exc, _("PDF {number} belum dibuat.", number=number)))

    def _pdf_written(self, path: Path) -> None:
        self._pdf_done(path)

    def print_slip(self) -> None:
        number = self.current()
        if self.busy or number is None:
            return
        settings = self.context.settings
        try:
            if parse_printer_url(settings.printer_url).kind == "none":
                raise ConfigError(_("Printer struk belum diatur. Isi alamat printer di Pengaturan toko."))
        except PosError as exc:
            self.show_status(_("Slip {number} belum tercetak.", number=number), ERROR)
            show_error(self, exc)
            return
        engine = self.context.engine
        self._set_busy(True, _("Mencetak slip {number}...", number=number))
        self.run_job(lambda: print_document_slip(engine, settings, number),
                     on_success=lambda address: self._printed(number, address),
                     on_failure=lambda exc: self._failed(
                         exc, _("Slip {number} belum tercetak. Periksa printer lalu tekan Cetak slip lagi.",
                                number=number)))

    def _printed(self, number: str, address: str) -> None:
        self._set_busy(False)
        self.show_status(_("Slip {number} dikirim ke printer {address}", number=number, address=address), OK)

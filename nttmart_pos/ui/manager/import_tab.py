"""The import/export tab of the manager window: choose a CSV or XLSX file of vendors (UMKM) or products, see
what importing it would change (a dry run), then import it; export the data and write empty templates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QListWidget, QMessageBox, QPushButton, QStackedWidget, QTableView,
                               QVBoxLayout, QWidget)

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.reports.tabular import write_table
from nttmart_pos.services.import_rows import PRODUCT_COLUMNS, VENDOR_COLUMNS
from nttmart_pos.services.imports import UNCHANGED, ImportError, ImportReport, import_products, import_vendors
from nttmart_pos.ui.busy import ERROR, OK, BusyMixin, busy_bar, status_label
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.manager.export_panel import FILE_STEMS, KINDS, WHAT, ExportPanel, ask_table_path
from nttmart_pos.ui.manager.import_preview import ErrorModel, PreviewModel, bad_row_count

TITLE = "Impor/Ekspor"
ORDER = 80
MAX_NOTE_LINES = 4

COLUMNS = {"vendors": VENDOR_COLUMNS, "products": PRODUCT_COLUMNS}
IMPORTERS = {"vendors": import_vendors, "products": import_products}
# Untranslated Indonesian texts; shown through _().
HINTS = {
    "vendors": "Kolom: {columns}. Wajib diisi: code dan name. commission_pct kosong berarti harga setor; "
               "payout_method: transfer, cash atau ewallet.",
    "products": "Kolom: {columns}. Wajib diisi: name, vendor_code dan price; kolom barcode wajib ada, tetapi "
                "isinya boleh kosong (toko membuat kode sendiri). stock adalah stok awal barang baru. Harga boleh "
                "ditulis 12500, 12.500 atau Rp12.500.",
}
_BUTTON_STYLE = ("QPushButton { font-size: 15px; font-weight: bold; background: #1565c0; color: white; "
                 "padding: 0 14px; } QPushButton:disabled { background: #b0bec5; color: #eceff1; }")


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return ImportTab(context, parent)


class ImportTab(BusyMixin, QWidget):
    previewed = Signal()  # a preview has ended (shown, refused with its errors, or failed)
    applied = Signal()  # an import has ended (saved, or refused)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importTab")
        self.context = context
        self.path: Path | None = None
        self.report: ImportReport | None = None  # the last clean preview: what "Impor sekarang" would do
        self._applying = False
        self.folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        layout = QVBoxLayout(self)
        layout.addWidget(self._import_box(), 1)
        self.exportPanel = ExportPanel(context, self.folder, self)
        layout.addWidget(self.exportPanel)
        self._kind_changed()
        self.show_status(_("Pilih jenis data lalu berkas CSV atau Excel. Perubahan ditampilkan dulu; "
                           "belum ada yang disimpan sebelum Anda menekan \"Impor sekarang\"."))

    # -- layout -------------------------------------------------------------------
    def _import_box(self) -> QGroupBox:
        box = QGroupBox(_("Impor dari berkas"))
        layout = QVBoxLayout(box)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Data")))
        self.kindCombo = QComboBox(objectName="importKind")
        for kind, text in KINDS.items():
            self.kindCombo.addItem(_(text), kind)
        self.kindCombo.currentIndexChanged.connect(lambda _index: self._kind_changed())
        top.addWidget(self.kindCombo)
        self.chooseButton = self._button(_("Pilih berkas..."), "importChoose", self.ask_file)
        top.addWidget(self.chooseButton)
        self.fileLabel = QLabel(_("Belum ada berkas dipilih"), objectName="importFile")
        self.fileLabel.setStyleSheet("font-weight: bold;")
        self.fileLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.fileLabel, 1)
        self.reloadButton = self._button(_("Periksa ulang"), "importReload", self.preview)
        self.reloadButton.setEnabled(False)
        self.reloadButton.setToolTip(_("Baca lagi berkas yang sama, misalnya setelah diperbaiki di Excel"))
        top.addWidget(self.reloadButton)
        self.templateButton = self._button(_("Unduh template kosong..."), "importTemplate", self.ask_template_path)
        self.templateButton.setToolTip(_("Berkas kosong dengan judul kolom yang benar, untuk diisi di Excel"))
        top.addWidget(self.templateButton)
        layout.addLayout(top)
        self.hintLabel = QLabel(objectName="importHint")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setStyleSheet("color: #546e7a;")
        self.hintLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.hintLabel)

        summary = QHBoxLayout()
        self.summaryLabel = QLabel(objectName="importSummary")
        self.summaryLabel.setStyleSheet("font-size: 16px; font-weight: bold; color: #0d47a1;")
        summary.addWidget(self.summaryLabel, 1)
        self.onlyChanges = QCheckBox(_("Hanya tampilkan yang baru dan berubah"), objectName="importOnlyChanges")
        self.onlyChanges.setChecked(True)
        self.onlyChanges.toggled.connect(lambda _on: self._fill_preview())
        summary.addWidget(self.onlyChanges)
        layout.addLayout(summary)

        self.pages = QStackedWidget(objectName="importPages")
        self.previewPage = QWidget()
        page = QVBoxLayout(self.previewPage)
        page.setContentsMargins(0, 0, 0, 0)
        self.previewModel = PreviewModel(self)
        self.previewTable = self._table("importPreview", self.previewModel, (60, 70, 130, 260))
        page.addWidget(self.previewTable, 1)
        self.notesHeading = QLabel(objectName="importNotesHeading")
        self.notesHeading.setStyleSheet("font-weight: bold; color: #e65100;")
        page.addWidget(self.notesHeading)
        self.notesList = QListWidget(objectName="importNotes")
        self.notesList.setWordWrap(True)
        page.addWidget(self.notesList)
        self.pages.addWidget(self.previewPage)

        self.errorsPage = QWidget()
        page = QVBoxLayout(self.errorsPage)
        page.setContentsMargins(0, 0, 0, 0)
        self.errorsHeading = QLabel(objectName="importErrorsHeading")
        self.errorsHeading.setWordWrap(True)
        self.errorsHeading.setStyleSheet("font-size: 15px; font-weight: bold; color: white; background: #b00020; "
                                         "padding: 8px; border-radius: 4px;")
        page.addWidget(self.errorsHeading)
        self.errorModel = ErrorModel(self)
        self.errorsTable = self._table("importErrors", self.errorModel, (60, 130))
        self.errorsTable.setWordWrap(True)
        page.addWidget(self.errorsTable, 1)
        self.pages.addWidget(self.errorsPage)
        layout.addWidget(self.pages, 1)

        bottom = QHBoxLayout()
        self.busyBar = busy_bar("importBusy", 140)
        bottom.addWidget(self.busyBar)
        self.statusLabel = status_label("importStatus", min_height=30)
        bottom.addWidget(self.statusLabel, 1)
        self.applyButton = self._button(_("Impor sekarang"), "importApply", self.confirm_apply)
        self.applyButton.setMinimumHeight(40)
        self.applyButton.setStyleSheet(_BUTTON_STYLE)
        bottom.addWidget(self.applyButton)
        layout.addLayout(bottom)
        self._show_preview_page(None)
        self._update_buttons()
        return box

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setMinimumHeight(34)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _table(self, name: str, model, widths: tuple[int, ...]) -> QTableView:
        table = QTableView(objectName=name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    # -- state ----------------------------------------------------------------------
    def kind(self) -> str:
        return self.kindCombo.currentData()

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.hintLabel.setText(_(HINTS[kind], columns=", ".join(COLUMNS[kind])))
        if self.path is not None:
            self.preview()

    def _set_busy(self, busy: bool, text: str | None = None, applying: bool = False) -> None:
        self._applying = busy and applying
        super()._set_busy(busy, text)

    def _update_buttons(self) -> None:
        # While an import writes, nothing may change what it imports; a preview can be replaced at any time.
        self.kindCombo.setEnabled(not self._applying)
        self.chooseButton.setEnabled(not self._applying)
        self.reloadButton.setEnabled(not self._applying and self.path is not None)
        report = self.report
        self.applyButton.setEnabled(not self.busy and report is not None and report.created + report.updated > 0)

    # -- choosing and previewing -------------------------------------------------------
    def ask_file(self) -> None:
        dialog = QFileDialog(self, _("Pilih berkas untuk diimpor"), str(self.folder or Path.home()),
                             _("CSV atau Excel (*.csv *.xlsx)"))
        dialog.setObjectName("importDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.choose_file(Path(chosen)))
        dialog.open()

    def choose_file(self, path: Path) -> None:
        """Take ``path`` as the file to import and show what importing it would change."""
        self.path = Path(path)
        self.folder = str(self.path.parent)
        self.fileLabel.setText(self.path.name)
        self.fileLabel.setToolTip(str(self.path))
        self.preview()

    def preview(self, keep_status: bool = False) -> None:
        """Check the chosen file with a dry run, in the background (it waits for the database's write lock)."""
        if self.path is None:
            return
        path, kind = self.path, self.kind()
        engine, user, run = self.context.engine, self.context.user, IMPORTERS[kind]
        self.report = None
        self._show_preview_page(None)  # rows of an earlier file or kind would mislead while this one is read
        self._set_busy(True, None if keep_status else _("Memeriksa {name}... (belum ada yang disimpan)",
                                                        name=path.name))
        # latest: a newer preview (another file or kind) replaces this one
        self.run_job(lambda: run(UnitOfWork(engine, write=True), user, path, dry_run=True),
                     on_success=lambda report: self._previewed(report, keep_status),
                     on_failure=self._preview_failed, latest=True)

    def _previewed(self, report: ImportReport, keep_status: bool) -> None:
        self.report = report
        self._set_busy(False)
        self._show_preview_page(report)
        if not keep_status:
            if report.created + report.updated:
                self.show_status(_("Ini baru pratinjau; belum ada yang disimpan. Periksa perubahannya, lalu tekan "
                                   "\"Impor sekarang\"."))
            else:
                self.show_status(_("Tidak ada yang perlu diimpor: isi berkas sudah sama dengan data toko."), OK)
        self.previewed.emit()

    def _preview_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._refused(exc, _("Berkas belum dapat diperiksa."))
        self.previewed.emit()

    def _refused(self, exc: BaseException, what: str) -> None:
        """A rejected file lists its bad rows in the table; any other failure is a message box."""
        self.report = None
        self._update_buttons()
        if isinstance(exc, ImportError):
            self._show_errors(exc)
            self.show_status(_("Belum ada yang disimpan."), ERROR)
            return
        self._show_preview_page(None)
        self.show_status(f"{what} {user_message(exc)}", ERROR)
        show_error(self, exc)

    def _show_preview_page(self, report: ImportReport | None) -> None:
        self.pages.setCurrentWidget(self.previewPage)
        self.onlyChanges.setVisible(report is not None)
        if report is None:
            self.summaryLabel.setText("")
            self.summaryLabel.hide()
        else:
            self.summaryLabel.setText(_("{created} baru, {updated} berubah, {unchanged} tidak berubah",
                                        created=format_number(report.created), updated=format_number(report.updated),
                                        unchanged=format_number(report.unchanged)))
            self.summaryLabel.show()
        self._fill_preview()
        notes = report.notes if report is not None else ()
        self.notesList.clear()
        self.notesList.addItems([_("baris {row}: {reason}", row=note.row, reason=note.text) for note in notes])
        self.notesHeading.setText(_("Catatan ({count}):", count=format_number(len(notes))))
        self.notesHeading.setVisible(bool(notes))
        self.notesList.setVisible(bool(notes))
        # As tall as its notes, up to four; more scroll.
        lines = max(1, min(len(notes), MAX_NOTE_LINES))
        self.notesList.setFixedHeight(lines * (self.fontMetrics().height() + 6) + 2 * self.notesList.frameWidth() + 4)

    def _fill_preview(self) -> None:
        rows = self.report.rows if self.report is not None else ()
        if self.onlyChanges.isChecked():
            rows = [row for row in rows if row.action != UNCHANGED]
        self.previewModel.set_rows(rows)

    def _show_errors(self, exc: ImportError) -> None:
        self.errorModel.set_rows(exc.errors)
        self.errorsTable.resizeRowsToContents()
        self.summaryLabel.hide()
        self.onlyChanges.hide()
        self.errorsHeading.setText(_("Berkas tidak diimpor: {count} baris bermasalah. Perbaiki lalu pilih berkas "
                                     "lagi.", count=format_number(bad_row_count(exc.errors))))
        self.pages.setCurrentWidget(self.errorsPage)

    # -- importing ------------------------------------------------------------------
    def confirm_apply(self) -> None:
        report = self.report
        if self.busy or report is None or not report.created + report.updated:
            return
        counts = {"created": format_number(report.created), "updated": format_number(report.updated)}
        if report.kind == "vendors":
            question = _("Impor {created} UMKM baru dan {updated} perubahan?", **counts)
        else:
            question = _("Impor {created} barang baru dan {updated} perubahan?", **counts)
        box = QMessageBox(QMessageBox.Icon.Question, _("Impor data"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setInformativeText(_("Semua baris disimpan sekaligus, atau tidak satu pun bila ada yang gagal."))
        box.button(QMessageBox.StandardButton.Yes).setText(_("Ya, impor"))
        box.button(QMessageBox.StandardButton.No).setText(_("Batal"))
        box.setObjectName("importConfirm")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(lambda button: self.apply() if box.standardButton(button) == yes else None)
        box.open()

    def apply(self) -> None:
        """Import the chosen file for real, in the background; then check it again (it now changes nothing)."""
        if self.busy or self.path is None:
            return
        self.drop_pending()  # a preview still under way is out of date once this starts
        path, kind = self.path, self.kind()
        engine, user, run = self.context.engine, self.context.user, IMPORTERS[kind]
        self._set_busy(True, _("Mengimpor {name}...", name=path.name), applying=True)
        self.run_job(lambda: run(UnitOfWork(engine, write=True), user, path),
                     on_success=self._applied, on_failure=self._apply_failed)

    def _applied(self, report: ImportReport) -> None:
        self._set_busy(False)
        self.show_status(report.summary(), OK)
        self.preview(keep_status=True)
        self.applied.emit()

    def _apply_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._refused(exc, _("Impor tidak berhasil, tidak ada yang disimpan."))
        self.applied.emit()

    # -- template -------------------------------------------------------------------
    def ask_template_path(self) -> None:
        kind = self.kind()
        suggested = Path(self.folder or Path.home()) / f"template-{FILE_STEMS[kind]}.csv"
        ask_table_path(self, _("Simpan template kosong"), suggested, self.write_template, "importTemplateDialog")

    def write_template(self, path: Path) -> None:
        """Write an empty table with the chosen kind's column titles to ``path`` (.csv or .xlsx)."""
        path, kind = Path(path), self.kind()
        try:
            write_table(path, COLUMNS[kind], [])
        except PosError as exc:
            show_error(self, exc)
            return
        self.folder = str(path.parent)
        self.show_status(_("Template kosong untuk {what} disimpan di {path}. Isi di Excel, simpan sebagai .xlsx "
                           "atau CSV UTF-8, lalu pilih berkasnya di sini.", what=_(WHAT[kind]), path=path), OK)

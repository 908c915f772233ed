"""The export part of the import/export tab: write every vendor (UMKM) or product to a CSV or XLSX file
that imports back unchanged, in the background, then offer to open the file or its folder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.i18n import _
from nttmart_pos.services.exports import export_products, export_vendors
from nttmart_pos.ui.busy import INFO, OK, WARNING, BusyMixin, busy_bar, status_label
from nttmart_pos.ui.context import AppContext

# Untranslated Indonesian texts; shown through _().
KINDS = {"vendors": "UMKM", "products": "Barang"}
WHAT = {"vendors": "UMKM", "products": "barang"}  # the same in the middle of a sentence
FILE_STEMS = {"vendors": "umkm", "products": "barang"}
EXCEL_FILTER, CSV_FILTER = "Excel (*.xlsx)", "CSV UTF-8 (*.csv)"


def ask_table_path(parent, title: str, suggested: Path, on_chosen: Callable[[Path], None],
                   name: str) -> QFileDialog:
    """A save dialog for a .xlsx or .csv file (the suffix follows the chosen type), opened with ``open()``."""
    filters = {_(EXCEL_FILTER): "xlsx", _(CSV_FILTER): "csv"}
    dialog = QFileDialog(parent, title, str(suggested.parent))
    dialog.setObjectName(name)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters(list(filters))
    suffix = suggested.suffix.lstrip(".")
    dialog.selectNameFilter(next(text for text, kind in filters.items() if kind == suffix))
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested.name)
    dialog.filterSelected.connect(lambda text: dialog.setDefaultSuffix(filters.get(text, suffix)))
    dialog.fileSelected.connect(lambda chosen: on_chosen(Path(chosen)))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ExportPanel(BusyMixin, QGroupBox):
    STATUS_STYLE = "font-weight: bold;"
    exported = Signal()  # an export has ended (written, or its error shown)

    def __init__(self, context: AppContext, folder: str, parent=None) -> None:
        super().__init__(_("Ekspor ke berkas"), parent)
        self.context = context
        self.folder = folder
        self.last_file: Path | None = None
        # Replaced in tests: opening a file manager there would hang nothing but show nothing either.
        self.opener: Callable[[Path], bool] = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        layout = QHBoxLayout(self)
        layout.addWidget(QLabel(_("Data")))
        self.kindCombo = QComboBox(objectName="exportKind")
        for kind, text in KINDS.items():
            self.kindCombo.addItem(_(text), kind)
        self.kindCombo.setCurrentIndex(self.kindCombo.findData("products"))
        layout.addWidget(self.kindCombo)
        self.runButton = QPushButton(_("Ekspor ke berkas..."), objectName="exportRun")
        self.runButton.setMinimumHeight(34)
        self.runButton.clicked.connect(lambda _checked=False: self.ask_path())
        layout.addWidget(self.runButton)
        self.busyBar = busy_bar("exportBusy", 120)
        layout.addWidget(self.busyBar)
        self.statusLabel = status_label("exportStatus", _("Semua UMKM atau barang, aktif maupun nonaktif, dengan "
                                                          "kolom yang bisa diimpor kembali."))
        self.statusLabel.setStyleSheet(f"color: {INFO};")  # not bold: a hint, not news
        layout.addWidget(self.statusLabel, 1)
        self.openFileButton = QPushButton(_("Buka berkas"), objectName="exportOpenFile")
        self.openFileButton.clicked.connect(lambda _checked=False: self.open_file())
        self.openFolderButton = QPushButton(_("Buka folder"), objectName="exportOpenFolder")
        self.openFolderButton.clicked.connect(lambda _checked=False: self.open_folder())
        for button in (self.openFileButton, self.openFolderButton):
            button.setMinimumHeight(34)
            button.hide()
            layout.addWidget(button)

    def kind(self) -> str:
        return self.kindCombo.currentData()

    def ask_path(self) -> None:
        if self.busy:
            return
        kind = self.kind()
        suggested = Path(self.folder or Path.home()) / f"{FILE_STEMS[kind]}-{date.today():%Y-%m-%d}.xlsx"
        ask_table_path(self, _("Ekspor {what}", what=_(WHAT[kind])), suggested, self.export_to, "exportDialog")

    def export_to(self, path: Path) -> None:
        """Write the chosen data to ``path`` (.csv or .xlsx) in the background."""
        if self.busy:
            return
        path, kind = Path(path), self.kind()
        engine, user = self.context.engine, self.context.user
        run = export_vendors if kind == "vendors" else export_products
        self.folder = str(path.parent)
        self._set_busy(True, _("Mengekspor {what} ke {name}...", what=_(WHAT[kind]), name=path.name))
        self.run_job(lambda: run(UnitOfWork(engine), user, path),
                     on_success=lambda count: self._written(kind, path, count),
                     on_failure=self._export_failed)

    def _written(self, kind: str, path: Path, count: int) -> None:
        self._set_busy(False)
        self.last_file = path
        if kind == "vendors":
            text = _("{count} UMKM diekspor ke {path}", count=format_number(count), path=path)
        else:
            text = _("{count} barang diekspor ke {path}", count=format_number(count), path=path)
        self.show_status(text, OK)
        self.openFileButton.show()
        self.openFolderButton.show()
        self.exported.emit()

    def _export_failed(self, exc: BaseException) -> None:
        self._failed(exc, _("Ekspor tidak berhasil."))
        self.exported.emit()

    def _update_buttons(self) -> None:
        self.runButton.setEnabled(not self.busy)
        self.kindCombo.setEnabled(not self.busy)
        if self.busy:  # they would open the previous file
            self.openFileButton.hide()
            self.openFolderButton.hide()

    def open_file(self) -> None:
        if self.last_file is not None and not self.opener(self.last_file):
            self.show_status(_("Berkas tidak dapat dibuka otomatis; buka {path}", path=self.last_file), WARNING)

    def open_folder(self) -> None:
        if self.last_file is not None and not self.opener(self.last_file.parent):
            self.show_status(_("Folder tidak dapat dibuka otomatis; buka {path}", path=self.last_file.parent),
                             WARNING)

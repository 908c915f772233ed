"""An X or Z report on screen, exactly as the receipt printer prints it (monospace
lines), with Print and PDF buttons; both run in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from nttmart_pos.config import Settings
from nttmart_pos.domain.shift_report import ShiftReport, local_moment, variance_text
from nttmart_pos.hardware.shift_slip import print_shift_report, shift_report_lines
from nttmart_pos.i18n import _
from nttmart_pos.reports.shift_report_pdf import shift_report_pdf
from nttmart_pos.ui.busy import ERROR, OK, BusyMixin, busy_bar, status_label
from nttmart_pos.ui.shift_close_dialog import variance_color

COLUMNS = 48  # the 80 mm slip: wide enough to read on screen, and what the printer prints


def default_pdf_path(report: ShiftReport, settings_path: Path) -> Path:
    """``Documents/Z-T01-000001.pdf``, or ``Documents/laporan-x-T01-<date>-<time>.pdf``."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path(settings_path).parent
    if report.is_final:
        return folder / f"{report.z_no}.pdf"
    moment = report.generated_at.astimezone().strftime("%Y-%m-%d-%H%M")
    return folder / f"laporan-x-{report.terminal}-{moment}.pdf"


class ShiftReportView(BusyMixin, QDialog):
    """Shows ``report``; ``pdf_path`` (if set) is used instead of asking where to save the PDF."""

    def __init__(self, report: ShiftReport, settings: Settings, settings_path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.settings = settings
        self.settings_path = settings_path
        self.pdf_path: Path | None = None
        self.setObjectName("shiftReportView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if report.is_final:
            self.setWindowTitle(_("Laporan Z {number}", number=report.z_no))
        else:
            self.setWindowTitle(_("Laporan X terminal {terminal}", terminal=report.terminal))
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        report = self.report
        if report.is_final:
            heading = _("Laporan Z {number} - shift ditutup", number=report.z_no)
        else:
            heading = _("Laporan X (sementara) - {moment}, shift masih terbuka",
                        moment=local_moment(report.generated_at))
        title = QLabel(heading, objectName="shiftReportTitle", wordWrap=True)
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(title)
        if report.is_final and report.variance is not None:
            color = variance_color(report.variance)
            banner = QLabel(variance_text(report.variance, self.settings.language), objectName="shiftReportVariance")
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setStyleSheet(f"font-size: 22px; font-weight: bold; color: {color}; border: 2px solid {color};"
                                 " border-radius: 6px; padding: 6px;")
            layout.addWidget(banner)
        self.text = QPlainTextEdit(objectName="shiftReportText")
        self.text.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(11)
        self.text.setFont(font)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText("\n".join(shift_report_lines(report, COLUMNS, self.settings.language, self.settings)))
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("M" * COLUMNS) + 40)
        self.text.setMinimumHeight(480)
        layout.addWidget(self.text, 1)
        self.statusLabel = status_label("shiftReportStatus")
        self.busyBar = busy_bar("shiftReportBusy", 160)
        row = QHBoxLayout()
        self.printButton = QPushButton(_("Cetak"), objectName="shiftReportPrint")
        self.pdfButton = QPushButton(_("Simpan PDF"), objectName="shiftReportPdf")
        close = QPushButton(_("Tutup"), objectName="shiftReportClose")
        for button in (self.printButton, self.pdfButton, close):
            button.setMinimumHeight(40)
        self.printButton.clicked.connect(self.print_report)
        self.pdfButton.clicked.connect(self.ask_pdf_path)
        close.clicked.connect(self.accept)
        row.addWidget(self.printButton)
        row.addWidget(self.pdfButton)
        row.addWidget(self.busyBar)
        row.addStretch()
        row.addWidget(close)
        layout.addWidget(self.statusLabel)
        layout.addLayout(row)

    def _update_buttons(self) -> None:
        self.printButton.setEnabled(not self.busy)
        self.pdfButton.setEnabled(not self.busy)

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()

    # -- printing -------------------------------------------------------------
    def print_report(self) -> None:
        if self.busy:
            return
        report, settings = self.report, self.settings
        self._set_busy(True, _("Mencetak laporan..."))
        self.run_job(lambda: print_shift_report(report, settings), on_success=lambda _none: self._printed(),
                     on_failure=lambda exc: self._failed(exc, _("Laporan belum tercetak.")))

    def _printed(self) -> None:
        self._set_busy(False)
        if self.settings.printer_url == "none":
            self.show_status(_("Tidak ada printer struk yang diatur; simpan sebagai PDF."), ERROR)
        else:
            self.show_status(_("Laporan terkirim ke printer."), OK)

    # -- PDF ------------------------------------------------------------------
    def ask_pdf_path(self) -> None:
        if self.busy:
            return
        if self.pdf_path is not None:
            self.write_pdf(Path(self.pdf_path))
            return
        suggested = default_pdf_path(self.report, self.settings_path)
        dialog = QFileDialog(self, _("Simpan laporan sebagai PDF"), str(suggested), _("Berkas PDF (*.pdf)"))
        dialog.setObjectName("shiftReportSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(suggested.name)
        dialog.fileSelected.connect(lambda chosen: self.write_pdf(Path(chosen)))
        dialog.open()

    def write_pdf(self, path: Path) -> None:
        report, settings = self.report, self.settings
        self._set_busy(True, _("Membuat PDF..."))
        self.run_job(lambda: shift_report_pdf(report, settings, path), on_success=self._pdf_written,
                     on_failure=lambda exc: self._failed(exc, _("PDF belum dibuat.")))

    def _pdf_written(self, path: Path) -> None:
        self._set_busy(False)
        self.show_status(_("PDF tersimpan: {path}", path=path), OK)

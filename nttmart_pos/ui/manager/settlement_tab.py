"""The "Setoran UMKM" tab: what each vendor is owed for a period, and the payout lifecycle
(draft -> approved -> paid) with its documents (payout PDF, summary PDF + payouts.csv, slip)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QTableView, QVBoxLayout, QWidget)

from nttmart_pos.domain.money import format_rupiah as rp
from nttmart_pos.errors import ConfigError, PosError
from nttmart_pos.hardware.printer import parse_printer_url
from nttmart_pos.i18n import _
from nttmart_pos.services.settlement import (PayoutInfo, approve_payout, create_payouts, discard_draft, pay_payout,
                                             payout_summary)
from nttmart_pos.ui.busy import ERROR, OK, BusyMixin, busy_bar, status_label
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.document_output import default_folder
from nttmart_pos.ui.manager.settlement_model import (APPROVED, DRAFT, PREVIEW, SettlementModel, print_row_slip,
                                                     write_row_pdf, write_summary)
from nttmart_pos.ui.manager.settlement_pay_dialog import PayDialog
from nttmart_pos.ui.widgets import focusless_button

TITLE = "Setoran UMKM"
ORDER = 60

DATE_FORMAT = "dd-MM-yyyy"


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return SettlementTab(context, parent)


def _key(row: PayoutInfo) -> str:
    """What identifies a row across reloads: its number, or its vendor while it is a preview."""
    return row.payout_no or f"{PREVIEW}:{row.vendor_code}"


class SettlementTab(BusyMixin, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.output_dir: Path = default_folder(context)  # tests set it with set_folder
        self.opener: Callable[[Path], bool] = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.model = SettlementModel(self)
        self.summary = None
        self.last_pdf: Path | None = None
        self._build()
        self.reload()

    # -- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Periode")))
        self.dateFrom = self._date_edit("settlementFrom")
        row.addWidget(self.dateFrom)
        row.addWidget(QLabel(_("s.d.")))
        self.dateTo = self._date_edit("settlementTo")
        row.addWidget(self.dateTo)
        row.addWidget(focusless_button(_("Hari ini"), "settlementToday", lambda: self.set_period(date.today())))
        row.addWidget(focusless_button(_("Kemarin"), "settlementYesterday",
                                       lambda: self.set_period(date.today() - timedelta(days=1))))
        row.addWidget(focusless_button(_("Muat ulang"), "settlementReload", self.reload))
        row.addStretch(1)
        layout.addLayout(row)

        intro = QLabel(_("Pratinjau = penjualan yang belum disetor. Buat draf setoran, periksa PDF-nya, setujui, "
                         "lalu catat pembayarannya. Pilih beberapa baris dengan Ctrl atau Shift."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #455a64;")
        layout.addWidget(intro)

        self.table = QTableView(objectName="settlementTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        layout.addWidget(self.table, 1)

        self.totalsLabel = QLabel(objectName="settlementTotals")
        self.totalsLabel.setWordWrap(True)
        self.totalsLabel.setStyleSheet("font-size: 14px; padding: 6px; background: #eceff1; border-radius: 4px;")
        layout.addWidget(self.totalsLabel)

        row = QHBoxLayout()
        self.createButton = focusless_button(_("Buat draf setoran"), "settlementCreate", self.create_drafts)
        self.approveButton = focusless_button(_("Setujui"), "settlementApprove", self.approve)
        self.payButton = focusless_button(_("Bayar..."), "settlementPay", self.open_pay)
        self.discardButton = focusless_button(_("Batalkan draf"), "settlementDiscard", self.discard)
        for button in (self.createButton, self.approveButton, self.payButton, self.discardButton):
            row.addWidget(button, 1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.pdfButton = focusless_button(_("PDF setoran UMKM"), "settlementPdf", self.write_pdf)
        self.summaryButton = focusless_button(_("Ringkasan PDF + CSV"), "settlementSummary", self.write_summary)
        self.slipButton = focusless_button(_("Cetak slip"), "settlementSlip", self.print_slip)
        for button in (self.pdfButton, self.summaryButton, self.slipButton):
            row.addWidget(button, 1)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.folderLabel = QLabel(objectName="settlementFolderInfo")
        self.folderLabel.setStyleSheet("color: #455a64;")
        self.folderLabel.setWordWrap(True)
        row.addWidget(self.folderLabel, 1)
        row.addWidget(focusless_button(_("Ganti folder..."), "settlementFolder", self.ask_folder))
        layout.addLayout(row)
        row = QHBoxLayout()
        self.statusLabel = status_label("settlementStatus")
        row.addWidget(self.statusLabel, 1)
        self.busyBar = busy_bar("settlementBusy", 120)
        row.addWidget(self.busyBar)
        layout.addLayout(row)
        self.set_folder(self.output_dir)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate(), objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setMinimumWidth(118)
        edit.dateChanged.connect(lambda _value, edit=edit: self._date_edited(edit))
        return edit

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload()  # sales and payouts made since the last look

    # -- the period and the rows ----------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return self.dateFrom.date().toPython(), self.dateTo.date().toPython()

    def set_period(self, date_from: date, date_to: date | None = None) -> None:
        for edit in (self.dateFrom, self.dateTo):
            edit.blockSignals(True)
        self.dateFrom.setDate(QDate(date_from))
        self.dateTo.setDate(QDate(date_to or date_from))
        for edit in (self.dateFrom, self.dateTo):
            edit.blockSignals(False)
        self.reload()

    def _date_edited(self, edit: QDateEdit) -> None:
        # a period never ends before it starts: the other end follows
        date_from, date_to = self.period()
        if date_to < date_from:
            other = self.dateTo if edit is self.dateFrom else self.dateFrom
            other.blockSignals(True)
            other.setDate(edit.date())
            other.blockSignals(False)
        self.reload()

    def reload(self, select: set[str] | None = None) -> None:
        """Read the period again and select the rows ``select`` (else keep the selected ones)."""
        keep = select if select is not None else {_key(row) for row in self.selected()}
        date_from, date_to = self.period()
        try:
            summary = payout_summary(self.context.uow(), date_from, date_to)
        except PosError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(list(summary.rows))
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for index, row in enumerate(self.model.rows):
            if _key(row) in keep:
                self.table.selectionModel().select(self.model.index(index, 0), flags)
        self.summary = summary
        self._show_totals()
        self._update_buttons()

    def _show_totals(self) -> None:
        s = self.summary
        if not s.rows:
            self.totalsLabel.setText(_("Tidak ada penjualan UMKM pada periode ini."))
            return
        self.totalsLabel.setText(_(
            "Total {count} baris: {units} unit, bruto {gross}, pengembalian {refunds}, komisi toko {commission}, "
            "saldo dibawa {carried} &nbsp;→&nbsp; <b>untuk UMKM {amount}</b>", count=len(s.rows), units=s.units,
            gross=rp(s.gross), refunds=rp(s.refunds), commission=rp(s.commission), carried=rp(s.carried_in),
            amount=rp(s.amount)))

    def selected(self) -> list[PayoutInfo]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.rows[r] for r in rows if 0 <= r < len(self.model.rows)]

    def _with_status(self, status: str) -> list[PayoutInfo]:
        return [row for row in self.selected() if row.status == status]

    def _to_create(self) -> list[PayoutInfo]:
        """The selected previews, or every preview when no preview is selected."""
        chosen = self._with_status(PREVIEW)
        return chosen or [row for row in self.model.rows if row.status == PREVIEW]

    def _update_buttons(self) -> None:
        idle = not self.busy
        to_create = self._to_create()
        all_previews = not self._with_status(PREVIEW)
        self.createButton.setText(_("Buat draf setoran (semua {count} UMKM)", count=len(to_create))
                                  if to_create and all_previews
                                  else _("Buat draf setoran ({count} UMKM dipilih)", count=len(to_create))
                                  if to_create else _("Buat draf setoran"))
        self.createButton.setEnabled(idle and bool(to_create))
        self.approveButton.setEnabled(idle and bool(self._with_status(DRAFT)))
        self.discardButton.setEnabled(idle and bool(self._with_status(DRAFT)))
        self.payButton.setEnabled(idle and bool(self._with_status(APPROVED)))
        one = len(self.selected()) == 1
        self.pdfButton.setEnabled(idle and one)
        self.slipButton.setEnabled(idle and one)
        self.summaryButton.setEnabled(idle and bool(self.model.rows))

    # -- state changes (quick writes, each through its service) ----------------------------
    def create_drafts(self) -> None:
        rows = self._to_create()
        if not rows or self.busy:
            return
        date_from, date_to = self.period()
        try:
            numbers = create_payouts(self.context.uow(write=True), self.context.user, date_from, date_to,
                                     [row.vendor_code for row in rows])
        except PosError as exc:
            self.reload()
            show_error(self, exc)
            return
        self.reload(select=set(numbers))
        self.show_status(_("{count} draf setoran dibuat: {numbers}. Periksa PDF-nya, lalu setujui.",
                           count=len(numbers), numbers=", ".join(numbers)), OK)

    def approve(self) -> None:
        drafts = self._with_status(DRAFT)
        if not drafts or self.busy:
            return
        ask(self, "settlementApproveConfirm", _("Setujui setoran"),
            _("Setujui {count} setoran ({numbers})? Setoran yang disetujui tidak dapat dibatalkan lagi.",
              count=len(drafts), numbers=", ".join(row.payout_no for row in drafts)),
            lambda: self._each(drafts, lambda number: approve_payout(self.context.uow(write=True),
                                                                     self.context.user, number),
                               _("{count} setoran disetujui: {numbers}. Berikutnya: catat pembayarannya.")))

    def discard(self) -> None:
        drafts = self._with_status(DRAFT)
        if not drafts or self.busy:
            return
        ask(self, "settlementDiscardConfirm", _("Batalkan draf setoran"),
            _("Batalkan {count} draf ({numbers})? Penjualannya kembali menjadi pratinjau dan dapat disetor lagi.",
              count=len(drafts), numbers=", ".join(row.payout_no for row in drafts)),
            lambda: self._each(drafts, lambda number: discard_draft(self.context.uow(write=True),
                                                                    self.context.user, number),
                               _("{count} draf dibatalkan: {numbers}.")))

    def open_pay(self) -> None:
        approved = self._with_status(APPROVED)
        if not approved or self.busy:
            return
        methods = {row.payout_method for row in approved}
        dialog = PayDialog(self, [(row.payout_no, row.vendor_name, row.amount) for row in approved],
                           self.context.settings.terminal_id, methods.pop() if len(methods) == 1 else "transfer",
                           lambda method, reference, paid_on: self._each(
                               approved, lambda number: pay_payout(
                                   self.context.uow(write=True), self.context.user, number, method, reference,
                                   paid_on, terminal=self.context.settings.terminal_id),
                               _("{count} setoran ditandai dibayar: {numbers}.")))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _each(self, rows: list[PayoutInfo], change: Callable[[str], None], done: str) -> None:
        """Apply ``change`` to each payout in turn; the first refusal stops and is shown."""
        changed = []
        try:
            for row in rows:
                change(row.payout_no)
                changed.append(row.payout_no)
        except PosError as exc:
            self.reload()
            if changed:
                self.show_status(done.format(count=len(changed), numbers=", ".join(changed)), OK)
            show_error(self, exc)
            return
        self.reload(select=set(changed))
        self.show_status(done.format(count=len(changed), numbers=", ".join(changed)), OK)

    # -- folder -----------------------------------------------------------------------
    def set_folder(self, folder: Path) -> None:
        self.output_dir = Path(folder)
        self.folderLabel.setText(_("PDF dan CSV disimpan di {path}", path=self.output_dir))

    def ask_folder(self) -> None:
        dialog = QFileDialog(self, _("Folder untuk PDF dan CSV"), str(self.output_dir))
        dialog.setObjectName("settlementFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda chosen: self.set_folder(Path(chosen)))
        dialog.open()

    # -- documents (in the background) --------------------------------------------------------
    def write_pdf(self) -> None:
        rows = self.selected()
        if self.busy or len(rows) != 1:
            return
        row = rows[0]
        engine, settings, folder = self.context.engine, self.context.settings, self.output_dir
        self._set_busy(True, _("Membuat PDF setoran {vendor}...", vendor=row.vendor_name))
        self.run_job(lambda: write_row_pdf(engine, settings, row, folder), on_success=self._opened,
                     on_failure=lambda exc: self._failed(exc, _("PDF setoran {vendor} belum dibuat.",
                                                                vendor=row.vendor_name)))

    def write_summary(self) -> None:
        if self.busy or not self.model.rows:
            return
        engine, settings, folder = self.context.engine, self.context.settings, self.output_dir
        date_from, date_to = self.period()
        self._set_busy(True, _("Membuat ringkasan dan payouts.csv..."))
        self.run_job(lambda: write_summary(engine, settings, date_from, date_to, folder),
                     on_success=self._summary_written,
                     on_failure=lambda exc: self._failed(exc, _("Ringkasan setoran belum dibuat.")))

    def _summary_written(self, result: tuple[Path, Path, int]) -> None:
        summary, table, _count = result
        self._opened(summary)
        self.show_status(self.statusLabel.text() + "\n" + _("CSV untuk transfer bank: {path}", path=table), OK)

    def _opened(self, path: Path) -> None:
        self._pdf_done(path)

    def print_slip(self) -> None:
        rows = self.selected()
        if self.busy or len(rows) != 1:
            return
        row, settings = rows[0], self.context.settings
        try:
            if parse_printer_url(settings.printer_url).kind == "none":
                raise ConfigError(_("Printer struk belum diatur. Isi alamat printer di Pengaturan toko."))
        except PosError as exc:
            self.show_status(_("Slip setoran {vendor} belum tercetak.", vendor=row.vendor_name), ERROR)
            show_error(self, exc)
            return
        engine = self.context.engine
        self._set_busy(True, _("Mencetak slip setoran {vendor}...", vendor=row.vendor_name))
        self.run_job(lambda: print_row_slip(engine, settings, row),
                     on_success=lambda address: self._printed(row, address),
                     on_failure=lambda exc: self._failed(exc, _("Slip setoran {vendor} belum tercetak. Periksa "
                                                                "printer lalu tekan Cetak slip lagi.",
                                                                vendor=row.vendor_name)))

    def _printed(self, row: PayoutInfo, address: str) -> None:
        self._set_busy(False)
        self.show_status(_("Slip setoran {vendor} dikirim ke printer {address}", vendor=row.vendor_name,
                           address=address), OK)

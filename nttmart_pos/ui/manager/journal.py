"""The Jurnal tab: the manager's audit screen.  Every journalled event (sales, refunds, voids, overrides,
drawer openings, stock, payouts, users, settings) filtered by user, kind and days, newest first; the list
saved as CSV/XLSX; and a check that the journal is whole (no entry changed, removed or added behind its back).
Reading, saving and checking run off the GUI thread.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.journal import key_for
from nttmart_pos.services.journal_verify import JournalCheck, verify_journal
from nttmart_pos.services.journal_view import (DEFAULT_LIMIT, WATCH_KINDS, JournalRow, JournalUser, export_journal,
                                               journal_entries, journal_users, kind_choices)
from nttmart_pos.services.permissions import VIEW_REPORTS
from nttmart_pos.ui.busy import ERROR, INFO, OK, BusyMixin, busy_bar, status_label
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.manager.export_panel import ask_table_path

TITLE = "Jurnal"
ORDER = 85
PERMISSION = VIEW_REPORTS

COLUMNS = ("No", "Waktu", "Jenis", "Terminal", "Pengguna", "Disetujui", "Referensi", "Keterangan")
SEQ, TIME, KIND, TERMINAL, USER, APPROVER, REF, SUMMARY = range(len(COLUMNS))
DEFAULT_DAYS = 7  # the week up to today, when the tab opens
DATE_FORMAT = "dd-MM-yyyy"
TYPING_PAUSE_MS = 400  # a date typed digit by digit is read once, when the typing stops
WATCH_COLOR = "#bf360c"  # the kind of an event a manager looks at first
MUTED = "#546e7a"
RESULT_STYLE = "font-size: 14px; font-weight: bold; padding: 6px 10px; border-radius: 4px; "


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return JournalTab(context, parent)


def load(engine, user, filters: dict) -> tuple[list[JournalUser], list[JournalRow]]:
    """Runs in a background thread: only the database, no widgets.  The entries first: they check the role."""
    rows = journal_entries(UnitOfWork(engine), user, **filters)
    return journal_users(UnitOfWork(engine)), rows


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class JournalTab(BusyMixin, QWidget):
    STATUS_STYLE = "font-size: 13px;"
    loaded = Signal()  # a background read has ended (shown, or its error shown)
    export_done = Signal(object)  # the path written, or None when it failed
    verified = Signal(object)  # the JournalCheck, or None when the check could not run

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalTab")
        self.context = context
        self.rows: list[JournalRow] = []
        self.save_path: Path | None = None  # set (in tests) to skip the save dialog
        self.loading = self.exporting = self.verifying = False
        self.last_check: JournalCheck | None = None
        self._read_once = False
        self._folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.reload)
        self._build()
        self.reload()

    # -- layout -------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        filters = QHBoxLayout()
        self.userCombo = QComboBox(objectName="journalUserCombo")
        self.userCombo.addItem(_("Semua pengguna"), None)
        self.userCombo.setMinimumWidth(190)
        self.kindCombo = QComboBox(objectName="journalKindCombo")
        self.kindCombo.addItem(_("Semua jenis"), "")
        choices = kind_choices()
        for index, (value, text) in enumerate(choices):
            if index == 0 or value.endswith(".") != choices[index - 1][0].endswith("."):
                self.kindCombo.insertSeparator(self.kindCombo.count())  # all | the groups | each kind
            self.kindCombo.addItem(text, value)
        self.kindCombo.setMaxVisibleItems(24)
        self.kindCombo.setMinimumWidth(220)
        today = date.today()
        self.fromDate = self._date_edit("journalFromDate", today - timedelta(days=DEFAULT_DAYS - 1))
        self.toDate = self._date_edit("journalToDate", today)
        self.refreshButton = QPushButton(_("Muat ulang"), objectName="journalRefreshButton")
        self.refreshButton.setMinimumHeight(32)
        self.refreshButton.clicked.connect(lambda _checked=False: self.reload())
        for widget in (QLabel(_("Pengguna")), self.userCombo, QLabel(_("Jenis")), self.kindCombo,
                       QLabel(_("Tanggal")), self.fromDate, QLabel(_("s.d.")), self.toDate, self.refreshButton):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.busyBar = busy_bar("journalBusy", 90)
        policy = self.busyBar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # nothing moves when loading ends
        self.busyBar.setSizePolicy(policy)
        filters.addWidget(self.busyBar)
        layout.addLayout(filters)
        self.userCombo.currentIndexChanged.connect(lambda _index: self.reload())
        self.kindCombo.currentIndexChanged.connect(lambda _index: self.reload())

        self.table = QTableWidget(0, len(COLUMNS), objectName="journalTable")
        self.table.setHorizontalHeaderLabels([_(text) for text in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.countLabel = QLabel(objectName="journalCount")
        self.countLabel.setStyleSheet(f"color: {MUTED};")
        bottom.addWidget(self.countLabel, 1)
        self.exportButton = QPushButton(_("Simpan daftar ke berkas..."), objectName="journalExportButton")
        self.exportButton.setToolTip(_("Simpan entri yang tampil (dengan saringan ini) sebagai CSV atau Excel"))
        self.verifyButton = QPushButton(_("Periksa keutuhan jurnal"), objectName="journalVerifyButton")
        self.verifyButton.setToolTip(_("Memeriksa seluruh jurnal: tidak ada entri yang diubah, dihapus atau "
                                       "disisipkan, dan penjualan, pengembalian serta laporan Z masih sama "
                                       "dengan yang dicatat"))
        for button in (self.exportButton, self.verifyButton):
            button.setMinimumHeight(34)
            bottom.addWidget(button)
        self.exportButton.clicked.connect(lambda _checked=False: self.ask_export())
        self.verifyButton.clicked.connect(lambda _checked=False: self.verify())
        layout.addLayout(bottom)

        self.verifyResult = status_label("journalVerifyResult", _(
            "Belum diperiksa. Tekan \"Periksa keutuhan jurnal\" untuk memastikan tidak ada catatan yang diubah."))
        self.verifyResult.setStyleSheet(f"color: {MUTED};")
        layout.addWidget(self.verifyResult)
        self.statusLabel = status_label("journalStatus")
        layout.addWidget(self.statusLabel)

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setMinimumWidth(118)
        edit.dateChanged.connect(lambda _value, edit=edit: self._date_edited(edit))
        return edit

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._read_once and not self.loading:
            self.reload()  # what happened since the last look

    # -- filters ------------------------------------------------------------------------
    def _date_edited(self, edit: QDateEdit) -> None:
        # the other end follows, so the period is never backwards
        other = self.toDate if edit is self.fromDate else self.fromDate
        if self.fromDate.date() > self.toDate.date():
            other.blockSignals(True)
            other.setDate(edit.date())
            other.blockSignals(False)
        self._typing.start()

    def set_period(self, date_from: date, date_to: date) -> None:
        """Show the days ``date_from`` to ``date_to`` (and read them)."""
        for edit, day in ((self.fromDate, date_from), (self.toDate, date_to)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self._typing.stop()
        self.reload()

    def filters(self) -> dict:
        return {"user_id": self.userCombo.currentData(), "kind": self.kindCombo.currentData() or None,
                "date_from": _pydate(self.fromDate.date()), "date_to": _pydate(self.toDate.date())}

    # -- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the entries of the chosen filters in the background; an older read still under way is dropped."""
        self._typing.stop()
        engine, user, filters = self.context.engine, self.context.user, self.filters()
        self.loading = True
        self._show_busy()
        self.run_job(lambda: load(engine, user, filters), on_success=self._loaded, on_failure=self._load_failed,
                     latest=True)

    def _loaded(self, result: tuple[list[JournalUser], list[JournalRow]]) -> None:
        users, rows = result
        self.loading, self._read_once = False, True
        self._fill_users(users)
        self.rows = rows
        self._fill_table()
        self._show_busy()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.loading, self._read_once = False, True
        self._show_busy()
        self.show_status(_("Jurnal belum dapat dimuat; coba \"Muat ulang\"."), ERROR)
        show_error(self, exc)
        self.loaded.emit()

    def _fill_users(self, users: list[JournalUser]) -> None:
        chosen = self.userCombo.currentData()
        self.userCombo.blockSignals(True)  # refilling is no new choice
        self.userCombo.clear()
        self.userCombo.addItem(_("Semua pengguna"), None)
        for user in users:
            self.userCombo.addItem(f"{user.full_name} ({user.username})", user.id)
        index = self.userCombo.findData(chosen) if chosen is not None else 0
        if index < 0:  # a filter on a user who has no entry (any more): keep it, under its id
            self.userCombo.addItem(_("Pengguna #{id}", id=chosen), chosen)
            index = self.userCombo.count() - 1
        self.userCombo.setCurrentIndex(index)
        self.userCombo.blockSignals(False)

    def _fill_table(self) -> None:
        table = self.table
        table.setUpdatesEnabled(False)
        table.clearContents()
        table.setRowCount(len(self.rows))
        bold = QFont(table.font())
        bold.setBold(True)
        for index, row in enumerate(self.rows):
            cells = (format_number(row.seq), row.local_time.strftime("%d-%m-%Y %H:%M:%S"), row.kind_label,
                     row.terminal, row.user_name, row.approver_name, row.ref, row.summary)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == SEQ:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column in (KIND, SUMMARY):
                    item.setToolTip(f"{row.kind}\n{row.summary}")
                if column == KIND and row.kind in WATCH_KINDS:
                    item.setForeground(QColor(WATCH_COLOR))
                    item.setFont(bold)
                table.setItem(index, column, item)
        table.setUpdatesEnabled(True)
        count = format_number(len(self.rows))
        if len(self.rows) >= DEFAULT_LIMIT:
            text = _("{count} entri terbaru ditampilkan; persempit tanggal atau saringan untuk melihat yang lebih "
                     "lama", count=count)
        else:
            text = _("{count} entri, terbaru di atas", count=count)
        self.countLabel.setText(text)
        self._mark_failed_entry()

    def _show_busy(self) -> None:
        self.busyBar.setVisible(self.loading or self.exporting or self.verifying)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.exportButton.setEnabled(not self.loading and not self.exporting and bool(self.rows))
        self.verifyButton.setEnabled(not self.verifying)

    # -- export -------------------------------------------------------------------------------
    def ask_export(self) -> None:
        """Ask where to save the entries shown (or use ``save_path``), then write them in the background."""
        if self.loading or self.exporting or not self.rows:
            return
        if self.save_path is not None:
            self.export(Path(self.save_path))
            return
        date_from, date_to = self.filters()["date_from"], self.filters()["date_to"]
        stem = f"jurnal-{date_from.isoformat()}" + (f"-{date_to.isoformat()}" if date_to != date_from else "")
        suggested = Path(self._folder or Path.home()) / f"{stem}.csv"
        ask_table_path(self, _("Simpan jurnal"), suggested, self.export, "journalSaveDialog")

    def export(self, path: Path) -> None:
        rows = list(self.rows)
        self._folder = str(path.parent)
        self.exporting = True
        self._show_busy()
        self.show_status(_("Menyimpan {path}...", path=path))
        self.run_job(lambda: export_journal(path, rows), on_success=lambda count: self._exported(path, count),
                     on_failure=self._export_failed)

    def _exported(self, path: Path, count: int) -> None:
        self.exporting = False
        self._show_busy()
        self.show_status(_("{count} baris disimpan di {path}", count=count, path=path), OK)
        self.export_done.emit(path)

    def _export_failed(self, exc: BaseException) -> None:
        self.exporting = False
        self._show_busy()
        self.show_status(_("Berkas belum disimpan."), ERROR)
        show_error(self, exc)
        self.export_done.emit(None)

    # -- the integrity check ------------------------------------------------------------------
    def verify(self) -> None:
        """Check the whole journal in the background and say whether it is whole."""
        if self.verifying:
            return
        engine = self.context.engine
        try:
            key = key_for(engine)
        except PosError as exc:
            self._show_result(False, user_message(exc))
            self.verified.emit(None)
            return
        self.verifying = True
        self._show_busy()
        self.verifyResult.setText(_("Memeriksa jurnal..."))
        self.verifyResult.setStyleSheet(f"{RESULT_STYLE} color: {INFO};")
        self.run_job(lambda: verify_journal(UnitOfWork(engine), key), on_success=self._verified,
                     on_failure=self._verify_failed)

    def _verified(self, check: JournalCheck) -> None:
        self.verifying = False
        self.last_check = check
        self._show_busy()
        count = format_number(check.count)
        if check.ok:
            self._show_result(True, _("Jurnal utuh: {count} entri diperiksa", count=count))
        else:
            self._show_result(False, _("Jurnal TIDAK utuh: {problem} ({count} entri diperiksa sebelum masalah "
                                       "ini). Jangan ubah data; hubungi pemilik toko.",
                                       problem=check.problem, count=count))
        self._mark_failed_entry()
        self.verified.emit(check)

    def _verify_failed(self, exc: BaseException) -> None:
        self.verifying = False
        self._show_busy()
        self._show_result(False, _("Jurnal tidak dapat diperiksa: {error}", error=user_message(exc)))
        show_error(self, exc)
        self.verified.emit(None)

    def _show_result(self, ok: bool, text: str) -> None:
        color, background = ("#1b5e20", "#e8f5e9") if ok else ("#b00020", "#fdecea")
        self.verifyResult.setText(text)
        self.verifyResult.setStyleSheet(f"{RESULT_STYLE} color: {color}; background: {background};")

    def _mark_failed_entry(self) -> None:
        """Bring the entry the check found at fault into view, when it is in the list."""
        check = self.last_check
        if check is None or check.ok or check.failed_seq is None:
            return
        for index, row in enumerate(self.rows):
            if row.seq == check.failed_seq:
                self.table.selectRow(index)
                self.table.scrollToItem(self.table.item(index, SEQ))
                return

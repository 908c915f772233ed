"""The till's shift row: which shift is open, and the buttons for cash in/out, the X
report and closing; it asks for an opening float when the terminal has no shift.

After a closing (the Z report is committed) the daily backup of a SQLite database
is written in the background (``services.backup.daily_backup``) into
``Settings.backup_folder`` (empty: ``backups`` beside the database file), keeping
the newest ``Settings.backup_keep``.  Its result is only reported, on the Z report
and under the shift row, where the next cashier sees it when logging in (a
failure stays there until a backup succeeds): a failed backup blocks nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid
from sqlalchemy import Engine

from nttmart_pos.config import Settings
from nttmart_pos.db.engine import is_sqlite
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.shift_report import local_moment
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.backup import daily_backup, sqlite_file
from nttmart_pos.services.shift_figures import x_report
from nttmart_pos.services.shifts import current_shift
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.shift_close_dialog import ShiftCloseDialog
from nttmart_pos.ui.shift_dialogs import CashMovementDialog, OpenShiftDialog, movement_message
from nttmart_pos.ui.shift_report_view import ShiftReportView
from nttmart_pos.ui.widgets import focusless_button
from nttmart_pos.ui.worker import run_in_background

OPEN_STYLE = "font-size: 13px; color: #1b5e20;"
NONE_STYLE = "font-size: 13px; font-weight: bold; color: #e65100;"
BACKED_UP, NOT_BACKED_UP = "#1b5e20", "#e65100"


def backup_folder(settings: Settings, engine: Engine) -> Path | None:
    """Where the daily backup goes; None when the database is not a SQLite file (PostgreSQL: ``pg_dump``).

    A relative ``backup_folder`` is taken from the database's folder.
    """
    if not is_sqlite(engine):
        return None
    try:
        live = sqlite_file(engine.url.render_as_string(hide_password=False))
    except ValidationError:  # in memory
        return None
    base = live.expanduser().resolve().parent
    chosen = settings.backup_folder.strip()
    return base / Path(chosen).expanduser() if chosen else base / "backups"


def sentence(text: str) -> str:
    """``text`` ending with a full stop (some system messages have none), so another sentence can follow."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


class ShiftBar(QWidget):
    """``message(text, color)`` goes to the till's status line; ``closed`` follows a Z report."""

    message = Signal(str, str)
    dialog_closed = Signal()  # the till gives the keyboard back to the scan field
    closed = Signal(object)  # services.shifts.ZReportInfo

    def __init__(self, context: AppContext, cart_is_empty: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shiftBar")
        self.context = context
        self.cart_is_empty = cart_is_empty
        self.prompt: OpenShiftDialog | None = None
        self.backup_running = False
        self.backup_failed = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        column.addLayout(row)
        self.backupLabel = QLabel(objectName="shiftBackupStatus", wordWrap=True)
        self.backupLabel.hide()
        column.addWidget(self.backupLabel)
        self.statusLabel = QLabel(objectName="shiftStatus", wordWrap=True)
        row.addWidget(self.statusLabel, 1)
        self.openButton = focusless_button(_("Buka shift"), "shiftOpenButton", self.prompt_open)
        self.cashButton = focusless_button(_("Kas masuk/keluar"), "shiftCashButton", self.open_cash)
        self.xButton = focusless_button(_("Laporan X"), "shiftXButton", self.show_x)
        self.closeButton = focusless_button(_("Tutup shift"), "shiftCloseButton", self.open_close)
        for button in (self.openButton, self.cashButton, self.xButton, self.closeButton):
            row.addWidget(button)

    def _window(self) -> QWidget:
        return self.window()

    # -- state --------------------------------------------------------------
    def start_session(self) -> None:
        """After log-in: show the shift, and ask for the opening float if there is none."""
        if self.refresh() is None:
            self.prompt_open()

    def end_session(self) -> None:
        if self.prompt is not None:
            self.prompt.reject()

    def refresh(self):
        """Show the terminal's open shift (or that there is none) and return it."""
        try:
            shift = current_shift(self.context.uow(), self.context.settings.terminal_id)
        except PosError as exc:
            show_error(self._window(), exc)
            return None
        if shift is None:
            self.statusLabel.setText(_("Belum ada shift terbuka di terminal ini"))
            self.statusLabel.setStyleSheet(NONE_STYLE)
        else:
            self.statusLabel.setText(_("Shift {name} sejak {since} - modal awal {float}", name=shift.cashier_name,
                                       since=local_moment(shift.opened_at),
                                       float=format_rupiah(shift.opening_float)))
            self.statusLabel.setStyleSheet(OPEN_STYLE)
        self.openButton.setVisible(shift is None)
        for button in (self.cashButton, self.xButton, self.closeButton):
            button.setEnabled(shift is not None)
        return shift

    # -- actions ------------------------------------------------------------
    def prompt_open(self) -> None:
        """The opening-float dialog; selling is not blocked meanwhile (the sale simply has no shift)."""
        if self.prompt is not None:
            self.prompt.raise_()
            return
        self.prompt = OpenShiftDialog(self.context, self._window())
        self.prompt.opened.connect(self._opened)
        self.prompt.finished.connect(self._prompt_done)
        self.prompt.open()

    def _prompt_done(self, _result: int) -> None:
        self.prompt = None
        self.refresh()
        self.dialog_closed.emit()

    def _opened(self, shift) -> None:
        if not self.backup_failed:
            self.show_backup("", BACKED_UP)  # the last closing's backup is old news
        self.message.emit(_("Shift dibuka dengan modal awal {amount}. Silakan pindai barang.",
                            amount=format_rupiah(shift.opening_float)), "#1b5e20")

    def open_cash(self) -> None:
        dialog = CashMovementDialog(self.context, self._window())
        dialog.saved.connect(lambda info: self.message.emit(movement_message(info), "#1b5e20"))
        dialog.finished.connect(lambda _result: self.dialog_closed.emit())
        dialog.open()

    def _x_figures(self):
        try:
            return x_report(self.context.uow(), self.context.settings.terminal_id)
        except PosError as exc:
            show_error(self._window(), exc)
            self.refresh()
            return None

    def show_x(self) -> None:
        report = self._x_figures()
        if report is not None:
            self.show_report(report)

    def show_report(self, report) -> ShiftReportView:
        view = ShiftReportView(report, self.context.settings, self.context.settings_path, self._window())
        view.finished.connect(lambda _result: self.dialog_closed.emit())
        view.open()
        return view

    def open_close(self) -> None:
        if not self.cart_is_empty():
            show_error(self._window(), ValidationError(_("Selesaikan atau batalkan transaksi sebelum menutup shift")))
            return
        report = self._x_figures()
        if report is None:
            return
        dialog = ShiftCloseDialog(self.context, report, self._window())
        dialog.closed.connect(self._closed)
        dialog.open()

    def _closed(self, info) -> None:
        self.refresh()
        view = self.show_report(info.report)
        self.back_up(view)
        self.closed.emit(info)

    # -- the daily backup -----------------------------------------------------
    def back_up(self, view: ShiftReportView | None = None) -> None:
        """Write the daily backup in the background (SQLite only); its result goes to ``view`` too."""
        folder = backup_folder(self.context.settings, self.context.engine)
        if folder is None or self.backup_running:
            return
        engine, keep = self.context.engine, self.context.settings.backup_keep
        self.backup_running = True
        run_in_background(lambda: daily_backup(engine, folder, keep),
                          on_success=lambda result: self._backup_done(
                              _("Cadangan harian tersimpan: {file}", file=result.path), False, view),
                          on_failure=lambda exc: self._backup_done(
                              _("Cadangan harian gagal: {reason} Laporan Z tetap tersimpan aman di database.",
                                reason=sentence(user_message(exc))), True, view))

    def _backup_done(self, text: str, failed: bool, view: ShiftReportView | None) -> None:
        if not isValid(self):  # the window closed while the backup was being written
            return
        self.backup_running = False
        self.backup_failed = failed
        color = NOT_BACKED_UP if failed else BACKED_UP
        self.show_backup(text, color)
        self.message.emit(text, color)
        if view is not None and isValid(view) and view.isVisible() and not view.busy:
            view.show_status(text, color)
            if view.sizeHint().height() > view.height():  # room for a long message (a path, a reason)
                view.resize(view.width(), view.sizeHint().height())

    def show_backup(self, text: str, color: str) -> None:
        """The line under the shift row about the last daily backup (hidden when ``text`` is empty)."""
        self.backupLabel.setText(text)
        self.backupLabel.setStyleSheet(f"font-size: 13px; font-weight: bold; color: {color};")
        self.backupLabel.setVisible(bool(text))


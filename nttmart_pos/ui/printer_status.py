"""The till's print queue worker and the printer's state in the status bar.

``PrintQueueRunner`` prints this till's queued receipts
(``services.print_queue.run_queue``) in the background: after each sale, when
the cashier asks (F9, "Cetak antrean") and every ``RETRY_MS`` -- one pass at a
time, never on the GUI thread.  A request that comes while a pass runs is
remembered and runs right after it.  Its first pass puts back jobs a crash
left half printed (``recover``).

``PrinterStatusWidget`` shows "Printer: online / offline / kertas habis /
tidak diketahui" and "N struk menunggu" with a "Cetak antrean" button while
receipts wait.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget
from shiboken6 import isValid

from nttmart_pos.errors import PosError
from nttmart_pos.hardware.printer import parse_printer_url
from nttmart_pos.hardware.printer_status import NONE, OFFLINE, ONLINE, PAPER_OUT, UNKNOWN
from nttmart_pos.i18n import _
from nttmart_pos.services.print_queue import QueueRun, run_queue
from nttmart_pos.ui.errors import user_message
from nttmart_pos.ui.worker import run_in_background

RETRY_MS = 10_000

_COLOURS = {ONLINE: "#1b5e20", OFFLINE: "#b00020", PAPER_OUT: "#b00020", UNKNOWN: "#546e7a", NONE: "#546e7a"}


def state_text(state: str) -> str:
    """The printer's state in the words of the status bar."""
    words = {ONLINE: _("online"), OFFLINE: _("offline"), PAPER_OUT: _("kertas habis"),
             NONE: _("tidak dipakai")}.get(state, _("tidak diketahui"))
    return _("Printer: {state}", state=words)


def initial_state(printer_url: str) -> str:
    """What to show before the first pass: no printer, or not known yet."""
    try:
        return NONE if parse_printer_url(printer_url).kind == "none" else UNKNOWN
    except PosError:
        return UNKNOWN


class PrintQueueRunner(QObject):
    """Runs ``run_queue`` for the till in ``context``; one pass at a time."""

    started = Signal()
    finished = Signal(object)  # QueueRun
    failed = Signal(object)  # the exception of a pass that broke off (e.g. the database is gone)

    def __init__(self, context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.running = False
        self.passes = 0  # passes started so far: the running pass (or the one that just ended) is this number
        self.last: QueueRun | None = None
        self._again: bool | None = None  # a pass asked for while one runs ("everything" or not)
        self._recover = True  # the first pass after start-up, and after a pass that broke off
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(lambda: self.run())

    def start(self) -> None:
        """Retry every ``RETRY_MS`` from now on, and make a first pass at once."""
        self.timer.start()
        self.run()

    def run(self, *, everything: bool = False) -> int:
        """A pass over the queue now, or right after the one that is running; the number of that pass."""
        if self.running:
            self._again = bool(self._again) or everything
            return self.passes + 1
        self.running = True
        self.passes += 1
        engine, settings, recover = self.context.engine, self.context.settings, self._recover
        self.started.emit()
        run_in_background(lambda: run_queue(engine, settings, recover=recover, everything=everything),
                          on_success=self._done, on_failure=self._broke_off)
        return self.passes

    def _done(self, result: QueueRun) -> None:
        if not isValid(self):
            return
        self.running, self._recover, self.last = False, False, result
        self.finished.emit(result)
        self._next()

    def _broke_off(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.running, self._recover = False, True
        self.failed.emit(exc)
        self._next()

    def _next(self) -> None:
        if self._again is not None:
            everything, self._again = self._again, None
            self.run(everything=everything)


class PrinterStatusWidget(QWidget):
    """The status bar's printer part; ``on_retry`` is what "Cetak antrean" does (the till's F9)."""

    def __init__(self, runner: PrintQueueRunner, on_retry: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerStatus")
        self.runner = runner
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        self.stateLabel = QLabel(objectName="printerStateLabel")
        self.queueLabel = QLabel(objectName="printQueueLabel")
        self.queueLabel.setStyleSheet("color: #e65100; font-weight: bold;")
        self.retryButton = QPushButton(_("Cetak antrean"), objectName="printQueueButton")
        self.retryButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self.retryButton.clicked.connect(lambda _checked=False: (on_retry or (lambda: runner.run(everything=True)))())
        for widget in (self.stateLabel, self.queueLabel, self.retryButton):
            layout.addWidget(widget)
        runner.finished.connect(self.show_run)
        runner.failed.connect(self._failed)
        self.show_state(initial_state(runner.context.settings.printer_url), 0)

    def show_state(self, state: str, waiting: int, detail: str = "") -> None:
        colour = _COLOURS.get(state, _COLOURS[UNKNOWN])
        self.state = state
        self.stateLabel.setText(state_text(state))
        self.stateLabel.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.stateLabel.setToolTip(detail)
        self.queueLabel.setText(_("{count} struk menunggu", count=waiting))
        self.queueLabel.setVisible(waiting > 0)
        self.retryButton.setVisible(waiting > 0)

    def show_run(self, run: QueueRun) -> None:
        if isValid(self):
            self.show_state(run.state, run.waiting, run.error)

    def _failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.stateLabel.setToolTip(user_message(exc))

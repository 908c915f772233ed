"""Run slow work (printing, PDFs, big queries) off the GUI thread.

    run_in_background(lambda: print_receipt(...), on_success=..., on_failure=...)

The callbacks run on the GUI thread.  Never touch a widget inside the work
function itself.  The program waits for running jobs before it exits (see
``_finish_before_exit``).
"""

from __future__ import annotations

import atexit
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_pool: QThreadPool | None = None
_live: set["_Job"] = set()
EXIT_WAIT_MS = 30_000  # a backup or a printer time-out may take this long; then exit regardless
log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread's handler
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
        atexit.register(_finish_before_exit)
    return _pool


def _finish_before_exit() -> None:
    """Let running jobs end before PySide's own exit handlers destroy the Qt objects they use.

    PySide6 registers its clean-up with ``atexit`` when QtCore is imported;
    ``atexit`` runs the last registered first, so this runs before it.  A job
    still running then (the print queue's retry pass that fell due during a
    long day-end, a backup) would otherwise emit its result through a signal
    object that clean-up is deleting on the main thread: "Signal source has
    been deleted" at best, a segmentation fault at exit at worst.
    """
    if _pool is not None and not _pool.waitForDone(EXIT_WAIT_MS):
        log.warning("background work still running at exit after %d s", EXIT_WAIT_MS // 1000)


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
                      on_failure: Callable[[BaseException], None] | None = None) -> None:
    job = _Job(work)
    _live.add(job)

    def finish(callback, value):
        _live.discard(job)
        if callback is not None:
            callback(value)

    job.signals.done.connect(lambda value: finish(on_success, value))
    job.signals.failed.connect(lambda exc: finish(on_failure, exc))
    pool().start(job)


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Block until background jobs end (for shutdown and tests)."""
    return pool().waitForDone(timeout_ms)


_gc_timer = None


def collect_garbage_on_gui_thread() -> None:
    """Run Python's cyclic garbage collector only on the GUI thread.

    Left automatic, the collector runs in whichever thread happens to
    allocate, so a background job can end up destroying Qt objects that
    belong to the GUI thread while it is using them: a crash, not an
    exception.  We switch the automatic collector off and collect from a
    GUI-thread timer instead (the remedy pyqtgraph uses too).
    """
    global _gc_timer
    import gc

    from PySide6.QtCore import QTimer

    if _gc_timer is not None:
        return
    gc.disable()
    thresholds = gc.get_threshold()

    def collect() -> None:
        counts = gc.get_count()
        if counts[0] > thresholds[0]:
            generation = 2 if counts[2] > thresholds[2] else 1 if counts[1] > thresholds[1] else 0
            gc.collect(generation)

    _gc_timer = QTimer()
    _gc_timer.timeout.connect(collect)
    _gc_timer.start(500)

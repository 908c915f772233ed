"""The one place in the UI that shows errors.

Expected failures (``PosError``) are shown as their message.  Anything else
is a bug: its traceback goes to a rotating log file and the user sees a plain
message, never a stack trace.  ``install_excepthook`` routes exceptions that
escape a Qt slot here too.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QMessageBox, QWidget

from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _

log = logging.getLogger("nttmart_pos")


def user_message(exc: BaseException) -> str:
    """What the user reads for ``exc``: its own message, or a plain apology for a bug."""
    if isinstance(exc, PosError):
        return str(exc)
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return _("Terjadi kesalahan tak terduga. Data yang sudah tersimpan aman. Detail dicatat di {path}",
             path=log_path())


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """A modal message box for ``exc`` (use the screen's status line for scan errors instead)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or _("Perhatian"), user_message(exc),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    if parent is None:  # nothing owns the box: keep it alive until it is closed
        _unowned.add(box)
        box.finished.connect(lambda _result: _unowned.discard(box))
    box.open()


_unowned: set[QMessageBox] = set()


def log_path() -> Path:
    return Path(platformdirs.user_log_dir("nttmart-pos")) / "nttmart-pos.log"


def setup_logging() -> None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def install_excepthook(parent_getter) -> None:
    """Show (and log) exceptions that escape Qt slots instead of crashing the till."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        show_error(parent_getter(), exc.with_traceback(tb))

    sys.excepthook = hook

"""The busy state of a screen that works in the background: a moving bar, a status line,
and results that reach the screen only while it (and the request they answer) is current."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar

from nttmart_pos.i18n import _
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.worker import run_in_background

INFO, OK, WARNING, ERROR = "#37474f", "#1b5e20", "#e65100", "#b00020"


def busy_bar(name: str, max_width: int) -> QProgressBar:
    """A bar, hidden until ``_set_busy(True)``, that moves without a known end."""
    bar = QProgressBar(objectName=name)
    bar.setRange(0, 0)  # no known end: a moving bar
    bar.setMaximumWidth(max_width)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def status_label(name: str, text: str = "", min_height: int = 0) -> QLabel:
    """The status line: wraps, and its text can be selected (and copied into a message)."""
    label = QLabel(text, objectName=name)
    label.setWordWrap(True)
    if min_height:
        label.setMinimumHeight(min_height)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class BusyMixin:
    """Mixed into a QWidget (listed before it among the bases).

    ``run_job`` runs work off the GUI thread and hands the result back only while
    the widget exists: a window closed meanwhile leaves the result nowhere to go.
    ``show_status`` needs a ``statusLabel``; ``_set_busy`` a ``busyBar`` too.
    """

    STATUS_STYLE = "font-size: 14px; font-weight: bold;"  # of the status line; the colour is added
    busy = False
    _generation = 0  # of the newest ``latest`` job

    def run_job(self, work: Callable[[], Any], on_success: Callable[[Any], None],
                on_failure: Callable[[BaseException], None], *, latest: bool = False) -> None:
        """``run_in_background``, with the callbacks run only while this widget exists and, for a
        ``latest`` job, only while no later ``latest`` job (or ``drop_pending``) has come since."""
        if latest:
            self._generation += 1
        generation = self._generation

        def current() -> bool:
            return self._alive() and (not latest or generation == self._generation)

        run_in_background(work, on_success=lambda value: on_success(value) if current() else None,
                          on_failure=lambda exc: on_failure(exc) if current() else None)

    def drop_pending(self) -> None:
        """The results of the ``latest`` jobs still running are out of date: drop them."""
        self._generation += 1

    def _alive(self) -> bool:
        """False once the window is closed."""
        return shiboken6.isValid(self)

    def show_status(self, text: str, color: str = INFO) -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setStyleSheet(f"{self.STATUS_STYLE} color: {color};")

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        """Show or hide the moving bar; ``text`` (if given) goes to the status line while busy."""
        self.busy = busy
        self.busyBar.setVisible(busy)
        if busy and text is not None:
            self.show_status(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Enable what may be used in the current state (busy or not); for the widget to fill in."""

    def _failed(self, exc: BaseException, what: str) -> None:
        """A job failed: the busy state ends, ``what`` did not happen, and the error is shown."""
        self._set_busy(False)
        self.show_status(what, ERROR)
        show_error(self, exc)

    def _pdf_done(self, path) -> None:
        """A PDF was written in the background: open it with ``self.opener`` and say where it is."""
        self._set_busy(False)
        self.last_pdf = path
        if self.opener(path):
            self.show_status(_("PDF disimpan dan dibuka: {path}", path=path), OK)
        else:
            self.show_status(_("PDF disimpan di {path}, tetapi tidak dapat dibuka otomatis; buka berkas itu "
                               "dari folder tersebut", path=path), OK)

"""Starting the GUI: build the top-level window from the command-line options.

``build(argv)`` is the seam the UI tests use: it returns the shown main
window without entering the event loop.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.migrate import upgrade
from nttmart_pos.errors import JournalError
from nttmart_pos.i18n import _, set_language
from nttmart_pos.options import Options, parse_gui_args
from nttmart_pos.services.journal_key import ensure_key
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import install_excepthook, setup_logging, user_message
from nttmart_pos.ui.main_window import MainWindow
from nttmart_pos.ui.worker import collect_garbage_on_gui_thread


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("NTT Mart POS")
    collect_garbage_on_gui_thread()
    return app  # type: ignore[return-value]


def build_from_options(options: Options) -> MainWindow:
    application()
    settings = options.settings()
    set_language(settings.language)
    engine = make_engine(options.db_url)
    upgrade(engine)  # a new or older database is brought up to date by the migrations
    try:  # sales are journalled with this key; a fresh install creates it, an existing journal needs its file
        ensure_key(engine, options.journal_key_path, create=True)
    except BaseException:
        engine.dispose()
        raise
    context = AppContext(engine=engine, settings=settings, settings_path=options.config_path,
                         printer_override=options.printer)
    window = MainWindow(context)
    window.show()
    window.login.user.setFocus()
    return window


def build(argv: list[str]) -> MainWindow:
    """The program's main window for ``argv`` (same options as the command line), shown."""
    return build_from_options(parse_gui_args(argv))


def no_display_reason() -> str | None:
    """Why a window cannot open here (no X11/Wayland display on Linux), else None."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return _("Tidak ada layar (DISPLAY kosong). Jalankan di desktop, atau pakai --screenshot FILE.png "
             "untuk merender layar tanpa monitor.")


def start_error_box(exc: Exception) -> QMessageBox:
    """The message shown when the till cannot start (no window exists yet to show it in)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "NTT Mart POS", user_message(exc), QMessageBox.StandardButton.Ok)
    box.setObjectName("startErrorBox")
    return box


def run(options: Options) -> int:
    """Start the program; with ``--screenshot`` render the main screen to a PNG and exit."""
    if options.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # must be set before the QApplication exists
    elif reason := no_display_reason():
        print(f"nttmart-pos: {reason}", file=sys.stderr)
        return 1
    app = application()
    setup_logging()
    try:
        window = build_from_options(options)
    except JournalError as exc:  # a missing key file: say so on screen too, not only in a terminal
        if not options.screenshot:
            start_error_box(exc).exec()
        raise
    install_excepthook(lambda: window)
    if options.screenshot:
        app.processEvents()
        options.screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(options.screenshot))
        window.close()
        return 0 if ok else 1
    return app.exec()

"""The top-level window: login, then the cashier screen; settings for managers; the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget

from nttmart_pos.i18n import _, set_language
from nttmart_pos.ui.cashier import CashierScreen
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.idle_lock import IdleLock
from nttmart_pos.ui.login import LoginScreen
from nttmart_pos.ui.printer_status import PrinterStatusWidget


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = context
        self.setWindowTitle(_("{store} - Kasir", store=context.settings.store_name))
        self.stack = QStackedWidget()
        self.login = LoginScreen(context)
        self.cashier = CashierScreen(context)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.cashier)
        self.setCentralWidget(self.stack)
        self.login.logged_in.connect(self.on_login)
        self.cashier.logout_requested.connect(self.on_logout)
        self.cashier.manager_requested.connect(self.open_manager)
        self.manager = None
        self.idle_lock = IdleLock(self)  # its lock screen is a page of the stack
        self.statusInfo = QLabel(objectName="statusInfo")
        self.printerStatus = PrinterStatusWidget(self.cashier.printQueue, self.cashier.retry_print_queue)
        self.statusBar().addPermanentWidget(self.printerStatus)
        self.statusBar().addPermanentWidget(self.statusInfo)
        self.update_status_bar()
        self.resize(1024, 700)

    def update_status_bar(self) -> None:
        settings = self.context.settings
        printer = settings.printer_url if settings.printer_url != "none" else _("tanpa printer")
        self.statusInfo.setText(_("Terminal {terminal} | Printer: {printer} ({width} mm) | {db}",
                                  terminal=settings.terminal_id, printer=printer, width=settings.paper_width,
                                  db=self.context.engine.url.render_as_string(hide_password=True)))

    def on_login(self, user) -> None:
        self.context.user = user
        self.stack.setCurrentWidget(self.cashier)
        self.cashier.start_session()
        self.idle_lock.start()

    def on_logout(self) -> None:
        if not self.cashier.cart.is_empty:
            self.cashier.show_status(_("Selesaikan atau batalkan transaksi sebelum keluar"), "#b00020")
            return
        self.context.user = None
        self.idle_lock.stop()
        self.cashier.shiftBar.end_session()
        if self.manager is not None:
            self.manager.close()
            self.manager = None
        self.stack.setCurrentWidget(self.login)
        self.login.reset()

    def open_manager(self) -> None:
        """The manager window, in front of the till; the till stays logged in behind it."""
        from nttmart_pos.ui.manager.window import ManagerWindow

        if self.manager is None or self.manager.context.user != self.context.user:
            if self.manager is not None:
                self.manager.close()
            self.manager = ManagerWindow(self.context)
            self.manager.settings_requested.connect(self.open_settings)
        self.manager.show()
        self.manager.raise_()
        self.manager.activateWindow()

    def open_settings(self) -> None:
        from nttmart_pos.ui.settings_dialog import SettingsDialog

        parent = self.manager if self.manager is not None and self.manager.isVisible() else self
        dialog = SettingsDialog(self.context.settings, self.context.user, self.context.settings_path, parent,
                                open_uow=self.context.uow)
        dialog.saved.connect(self.apply_settings)
        dialog.open()

    def apply_settings(self, settings) -> None:
        if self.context.printer_override:
            from dataclasses import replace

            settings = replace(settings, printer_url=self.context.printer_override)
        self.context.settings = settings
        set_language(settings.language)
        self.update_status_bar()
        self.idle_lock.apply_settings()
        self.cashier.start_session()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.idle_lock.shutdown()
        super().closeEvent(event)

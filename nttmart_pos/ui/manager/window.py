"""The manager window: one tab per manager screen, opened from the till by a manager.

Each tab module in this package defines ``TITLE`` (untranslated Indonesian
text), ``ORDER`` (position) and ``build(context, parent) -> QWidget``; the
window finds them by itself, so a new screen never edits this file.  A tab
module may also name a ``PERMISSION`` (``services.permissions``): only users
whose role holds it see that tab (the services check it again).
"""

from __future__ import annotations

import importlib
import pkgutil

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from nttmart_pos.i18n import _
from nttmart_pos.services.permissions import allowed
from nttmart_pos.ui.context import AppContext

_NOT_TABS = {"window"}


def tab_modules():
    import nttmart_pos.ui.manager as package

    modules = [importlib.import_module(f"{package.__name__}.{info.name}")
               for info in pkgutil.iter_modules(package.__path__) if info.name not in _NOT_TABS]
    return sorted((m for m in modules if hasattr(m, "build")), key=lambda m: (m.ORDER, m.__name__))


class ManagerWindow(QWidget):
    settings_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("managerWindow")
        self.setWindowTitle(_("{store} - Manajer", store=context.settings.store_name))
        self.context = context
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        who = context.user.full_name if context.user else "-"
        top.addWidget(QLabel(_("Masuk sebagai {name}", name=who), objectName="managerUser"), 1)
        settings = QPushButton(_("Pengaturan toko"), objectName="managerSettings")
        settings.clicked.connect(self.settings_requested.emit)
        top.addWidget(settings)
        layout.addLayout(top)
        self.tabs = QTabWidget(objectName="managerTabs")
        for module in tab_modules():
            if hasattr(module, "PERMISSION") and not allowed(context.user, module.PERMISSION):
                continue
            self.tabs.addTab(module.build(context, self), _(module.TITLE))
        layout.addWidget(self.tabs, 1)
        self.resize(1100, 720)

    def show_tab(self, title: str) -> QWidget:
        """Bring the tab titled ``title`` (untranslated) to the front and return it."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == _(title):
                self.tabs.setCurrentIndex(index)
                return self.tabs.widget(index)
        raise KeyError(title)

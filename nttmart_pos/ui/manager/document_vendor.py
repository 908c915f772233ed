"""The searchable vendor (UMKM) choice of the intake and retur tabs: type part of a
code or name; changing the vendor while lines are filled in asks first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog_admin import VendorRow, list_vendors
from nttmart_pos.ui.context import AppContext

from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.errors import show_error


class VendorPicker(QComboBox):
    """Emits ``chosen(code)`` once the vendor really changes (after the manager agreed to drop the lines)."""

    chosen = Signal(str)

    def __init__(self, context: AppContext, name: str, include_inactive: bool, lines_count: Callable[[], int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.context = context
        self.include_inactive = include_inactive
        self.lines_count = lines_count
        self.vendors: dict[str, VendorRow] = {}
        self.code = ""
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(_("Ketik kode atau nama UMKM"))
        self.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMinimumWidth(300)
        self.setMaxVisibleItems(20)
        self.setStyleSheet("font-size: 15px; padding: 3px;")
        self.currentIndexChanged.connect(lambda _i: self._picked())
        self.lineEdit().editingFinished.connect(self._restore_text)

    def reload(self) -> None:
        """Read the vendor list again, keeping the chosen vendor."""
        try:
            vendors = list_vendors(self.context.uow(), include_inactive=self.include_inactive)
        except PosError as exc:
            show_error(self, exc)
            return
        self.vendors = {v.code: v for v in vendors}
        self.blockSignals(True)
        self.clear()
        for v in vendors:
            self.addItem(f"{v.code} - {v.name}" + ("" if v.active else " " + _("(tidak aktif)")), v.code)
        self._show(self.code)
        self.blockSignals(False)

    def current_vendor(self) -> VendorRow | None:
        return self.vendors.get(self.code)

    def _show(self, code: str) -> None:
        self.setCurrentIndex(self.findData(code) if code else -1)

    def _restore_text(self) -> None:
        # typed text that matched nothing must not look like a choice
        index = self.currentIndex()
        self.lineEdit().setText(self.itemText(index) if index >= 0 else "")

    def _picked(self) -> None:
        code = self.currentData() or ""
        if code == self.code:
            return
        count = self.lines_count()
        if not count:
            self._take(code)
            return
        self.blockSignals(True)
        self._show(self.code)  # until the manager agrees to drop the lines
        self.blockSignals(False)
        name = self.vendors[code].name if code in self.vendors else code
        ask(self.parentWidget() or self, f"{self.objectName()}Confirm", _("Ganti UMKM"),
            _("Ganti ke UMKM {name}? {count} baris yang sudah diisi akan dihapus.", name=name, count=count),
            lambda: self._take(code))

    def _take(self, code: str) -> None:
        self.code = code
        self.blockSignals(True)
        self._show(code)
        self.blockSignals(False)
        self.chosen.emit(code)

"""What the vendor and product tabs share: a search box that filters as you type, a
"show inactive" switch, the table, and a row of buttons under it.

The lists are read on the GUI thread: they hold at most ``LIST_LIMIT`` (200) rows,
which take 2-12 ms on SQLite and PostgreSQL with the demo data, far below what a
person notices (and a worker thread here made Python's garbage collector run off
the GUI thread, which can crash Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.catalog_models import RowsModel

DEBOUNCE_MS = 250
INFO, OK = "#37474f", "#1b5e20"


class CatalogListTab(QWidget):
    """A searchable list; subclasses give the model, the reading function and the buttons."""

    loaded = Signal()  # a read has finished and its rows are shown (or its error)

    def __init__(self, context: AppContext, prefix: str, model: RowsModel, placeholder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # Owned by the tab: a model left to Python's garbage collector could be freed on a worker thread.
        model.setParent(self)
        self.model = model
        layout = QVBoxLayout(self)
        self.filters = QHBoxLayout()
        self.search = QLineEdit(objectName=f"{prefix}Search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.reload)
        self.show_inactive = QCheckBox(_("tampilkan yang nonaktif"), objectName=f"{prefix}ShowInactive")
        self.show_inactive.toggled.connect(lambda _on: self._inactive_toggled())
        self.filters.addWidget(self.search, 2)
        self.filters.addStretch(0)
        self.filters.addWidget(self.show_inactive)
        self.count = QLabel(objectName=f"{prefix}Count")  # how many rows the list holds, or why none
        self.count.setStyleSheet("color: #37474f;")
        layout.addLayout(self.filters)

        self.table = QTableView(objectName=f"{prefix}Table")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.selection_changed())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self.buttons = QHBoxLayout()
        self.status = QLabel(objectName=f"{prefix}Status")
        self.status.setWordWrap(True)
        self.buttons.addWidget(self.status, 1)
        layout.addLayout(self.buttons)

    def _inactive_toggled(self) -> None:
        self.table.setColumnHidden(self.model.ACTIVE_COLUMN, not self.show_inactive.isChecked())
        self.reload()

    # -- building helpers ---------------------------------------------------
    def add_button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setMinimumHeight(34)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.addWidget(button)
        return button

    def size_columns(self, widths: dict[int, str], stretch: int) -> None:
        """Fixed widths from sample texts (measuring every row costs more than it shows); one column stretches."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column, sample in widths.items():
            lines = str(self.model.headerData(column, Qt.Orientation.Horizontal)).splitlines()
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(metrics.horizontalAdvance(text) for text in (sample, *lines)) + 18)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(self.model.ACTIVE_COLUMN, not self.show_inactive.isChecked())

    # -- reading --------------------------------------------------------------
    def read(self) -> Callable[[], Any]:
        """The work of one read, built from the current filters (kept apart so it could run elsewhere)."""
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        raise NotImplementedError

    def row_key(self, row: Any) -> Any:
        raise NotImplementedError

    def reload(self, keep: Any = None) -> None:
        """Read the list again (``keep``: key of the row to select afterwards, else the selected one)."""
        self._timer.stop()
        if keep is None and (current := self.current()) is not None:
            keep = self.row_key(current)
        try:
            result = self.read()()
        except PosError as exc:
            show_error(self, exc)
        else:
            self.show_result(result)
            if keep is not None:
                self.select_key(keep)
        self.selection_changed()
        self.loaded.emit()

    # -- selection --------------------------------------------------------------
    def current(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_key(self, key: Any) -> bool:
        for index, row in enumerate(self.model.rows()):
            if self.row_key(row) == key:
                self.table.selectionModel().select(
                    self.model.index(index, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.setCurrentIndex(self.model.index(index, 0))
                self.table.scrollTo(self.model.index(index, 0))
                return True
        return False

    def selection_changed(self) -> None:
        """Enable the buttons that need a row; subclasses extend."""

    def show_status(self, text: str, color: str = INFO) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {color};")

    def confirm(self, name: str, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
        """Ask before a change (the yes button says what it does); "No" is the default, so a stray Enter
        changes nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName(name)
        # Qt's own "Yes"/"No" stay English without a Qt translation installed.
        box.button(QMessageBox.StandardButton.Yes).setText(title)
        box.button(QMessageBox.StandardButton.No).setText(_("Batal"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(lambda button: on_yes() if box.standardButton(button) == yes else None)
        box.open()
        return box

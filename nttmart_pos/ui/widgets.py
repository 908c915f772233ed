"""Small widget builders the screens share: read-only table cells, and buttons that
leave the keyboard focus where it is (in the scan field, for the scanner)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidgetItem

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def read_only_cell(text: str, align_right: bool = False) -> QTableWidgetItem:
    """A table cell that can be selected but not edited."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(_RIGHT)
    return item


def focusless_button(text: str, name: str, slot: Callable[[], object], height: int = 36) -> QPushButton:
    """A button that calls ``slot()`` when clicked and never takes the keyboard focus."""
    button = QPushButton(text, objectName=name)
    button.setMinimumHeight(height)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus for the scanner
    button.clicked.connect(lambda _checked=False: slot())
    return button

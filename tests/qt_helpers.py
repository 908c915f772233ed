"""Finding and driving widgets by their object names in pytest-qt tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit


def child(widget, cls, name):
    found = widget.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name}"
    return found


def type_and_enter(qtbot, widget, name: str, text: str) -> None:
    """Type ``text`` into the line edit ``name`` under ``widget``, then Enter: what a barcode scanner does."""
    field = child(widget, QLineEdit, name)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)

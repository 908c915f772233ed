"""Small shared dialogs: a Yes/No question in the user's language that never blocks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from nttmart_pos.i18n import _


def ask(parent: QWidget, name: str, title: str, text: str, on_yes: Callable[[], None], *,
        default_no: bool = True) -> QMessageBox:
    """Open a Yes/No question (objectName ``name``); ``on_yes()`` runs only on Yes.

    No is the default so that a stray Enter, which is how a scanner ends a
    code, never confirms anything.
    """
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, title, text, yes | no, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setDefaultButton(no if default_no else yes)
    # Qt ships no Indonesian translation: its own "Yes"/"No" would be English
    box.button(yes).setText(_("Ya"))
    box.button(no).setText(_("Tidak"))
    box.buttonClicked.connect(lambda button: on_yes() if box.standardButton(button) == yes else None)
    box.open()
    return box

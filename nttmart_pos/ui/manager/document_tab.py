"""What the "Barang masuk" and "Retur" tabs share: the lines being filled in on the left;
on the right a hint, the banner of the document just posted, and the recent documents.

A subclass adds the right column (``side_column``) to the layout, words the question
before posting (``confirm_texts``), and posts in ``post``, then calls ``show_posted``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nttmart_pos.domain.document_draft import draft_quantity_text, draft_value
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.services.stock_documents import DocumentResult
from nttmart_pos.ui.busy import OK
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.manager.document_lines import DocumentLines
from nttmart_pos.ui.manager.document_output import RESULT_STYLE, SIDE_WIDTH, DocumentOutput, result_text


class DocumentTab(QWidget):
    def __init__(self, context: AppContext, kind: str, prefix: str, post_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}Tab")
        self.context = context
        self.prefix = prefix
        layout = QHBoxLayout(self)
        self.lines = DocumentLines(context, kind, prefix, self)
        self.lines.postButton.setText(post_text)
        self.lines.post_requested.connect(self.ask_post)
        layout.addWidget(self.lines, 1)

    def side_column(self, hint: str, extra_buttons: list[QPushButton]) -> QWidget:
        """The right column: ``hint``, the banner after posting, the recent documents and their buttons."""
        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        hint_label = QLabel(hint)
        hint_label.setWordWrap(True)
        hint_label.setStyleSheet("color: #455a64;")
        column.addWidget(hint_label)
        self.resultLabel = QLabel(objectName=f"{self.prefix}Result")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resultLabel.setStyleSheet(RESULT_STYLE)
        self.resultLabel.hide()
        column.addWidget(self.resultLabel)
        self.output = DocumentOutput(self.context, self.lines.kind, self.prefix, extra_buttons, self)
        column.addWidget(self.output, 1)
        return side

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload()
        self.lines.scanInput.setFocus()

    def reload(self) -> None:
        """Read again what the other tabs and the till may have changed."""
        self.lines.reload_vendors()  # vendors made in the other tabs since
        self.lines.reload_products()  # and stock moved by the till
        self.output.reload()

    def refresh_stock(self) -> None:
        """Read the stock again after a posting changed it."""
        self.lines.reload_products()

    # -- posting --------------------------------------------------------------------
    def confirm_texts(self, quantity: str, amount: str) -> tuple[str, str]:
        """The title and question of the box that asks before posting; for the subclass."""
        raise NotImplementedError

    def ask_post(self) -> None:
        lines = self.lines.lines()
        if not lines or not self.lines.vendor_code:
            return
        title, question = self.confirm_texts(draft_quantity_text(lines), format_rupiah(draft_value(lines)))
        ask(self, f"{self.prefix}PostConfirm", title, question, self.post)

    def post(self) -> None:
        raise NotImplementedError

    def show_posted(self, result: DocumentResult, title: str, status: str) -> None:
        """After a posting: the banner with the new number, empty lines, the new document chosen."""
        code = self.lines.vendor_code
        vendor = self.lines.vendors.get(code)
        self.resultLabel.setText(result_text(title, result, vendor.name if vendor else code))
        self.resultLabel.show()
        self.lines.clear()
        self.refresh_stock()
        self.lines.show_status(status, OK)
        self.output.reload(select=result.doc_no)
        self.lines.scanInput.setFocus()

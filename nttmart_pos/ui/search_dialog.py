"""Find a product by name (F2 at the till) for goods without a barcode.

The list follows the query as it is typed (after a short pause); Up/Down move
the highlight without leaving the query, Enter or a double click takes the
highlighted product, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import CartProduct
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog import SEARCH_LIMIT, search_products
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.widgets import read_only_cell

DEBOUNCE_MS = 150
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MOVE_KEYS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def price_text(product: CartProduct) -> str:
    """``Rp12.500``, or ``Rp120.000/kg`` for goods sold by weight."""
    text = format_rupiah(product.price)
    return f"{text}/kg" if product.measure == "weight" else text


def stock_text(product: CartProduct) -> str:
    """Stock as the shelf shows it: ``12 pcs``, or ``5,250 kg`` for goods kept in grams."""
    if product.measure == "weight":
        sign = "-" if product.stock_on_hand < 0 else ""
        kilos, grams = divmod(abs(product.stock_on_hand), 1000)
        return f"{sign}{_grouped(kilos)},{grams:03d} kg"
    return f"{_grouped(product.stock_on_hand)} {product.unit}"


class ProductSearchDialog(QDialog):
    """Search products by name; emits ``picked(CartProduct)`` and closes on a choice."""

    picked = Signal(object)  # the CartProduct chosen

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle(_("Cari Barang"))
        self.resize(720, 460)
        self._engine = engine
        self._products: list[CartProduct] = []
        self._done = False

        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText(_("Ketik nama barang, misalnya kopi"))
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)

        self.results = QTableWidget(0, 4)
        self.results.setObjectName("searchResults")
        self.results.setHorizontalHeaderLabels([_("Nama barang"), _("Kode"), _("Harga"), _("Stok")])
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setAlternatingRowColors(True)
        self.results.verticalHeader().setVisible(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (2, 3):
            self.results.horizontalHeaderItem(column).setTextAlignment(_RIGHT)
        self.results.setStyleSheet("QTableWidget::item { padding: 0 8px; } "
                                   "QHeaderView::section { padding: 4px 11px; border: none; "
                                   "border-right: 1px solid #d0d0d0; border-bottom: 1px solid #d0d0d0; "
                                   "background: #f2f2f2; font-weight: bold; }")
        self.results.doubleClicked.connect(lambda _index: self.pick())
        self.results.itemSelectionChanged.connect(self._update_buttons)

        self.message = QLabel()
        self.message.setObjectName("searchMessage")
        # Shown instead of the list while there is nothing to list, where the eye already is.
        self.empty = QLabel()
        self.empty.setObjectName("searchEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666666; font-size: 15pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.results)
        self.stack.addWidget(self.empty)

        self.pick_button = QPushButton(_("Pilih (Enter)"))
        self.pick_button.setObjectName("searchPick")
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(self.pick)
        self.cancel_button = QPushButton(_("Batal (Esc)"))
        self.cancel_button.setObjectName("searchCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())

        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show([], "")
        self.query.setFocus()

    # -- searching --------------------------------------------------------
    def run_search(self) -> None:
        """Search now for what the query field holds (the timer calls this after a pause)."""
        self._timer.stop()
        text = self.query.text().strip()
        try:
            products = search_products(UnitOfWork(self._engine), text) if text else []
        except PosError as exc:
            products = []
            show_error(self, exc)
        self._show(products, text)

    def _show(self, products: list[CartProduct], text: str) -> None:
        self._products = products
        self.results.setRowCount(len(products))
        for row, product in enumerate(products):
            self.results.setItem(row, 0, read_only_cell(product.name))
            self.results.setItem(row, 1, read_only_cell(product.barcode))
            self.results.setItem(row, 2, read_only_cell(price_text(product), align_right=True))
            self.results.setItem(row, 3, read_only_cell(stock_text(product), align_right=True))
        if products:
            self.results.selectRow(0)
        if not text:
            self.empty.setText(_("Ketik nama barang untuk mencari"))
        elif not products:
            self.empty.setText(_("Tidak ada barang yang cocok"))
        if len(products) >= SEARCH_LIMIT:
            self.message.setText(_("Menampilkan {count} barang pertama; ketik lebih lengkap untuk mempersempit",
                                   count=len(products)))
        else:
            self.message.setText(_("{count} barang ditemukan", count=len(products)) if products else "")
        self.stack.setCurrentWidget(self.results if products else self.empty)
        self._update_buttons()

    # -- choosing ---------------------------------------------------------
    def current_product(self) -> CartProduct | None:
        row = self.results.currentRow()
        selected = self.results.selectionModel().selectedRows()
        if not selected or not 0 <= row < len(self._products):
            return None
        return self._products[row]

    def pick(self) -> None:
        """Take the highlighted product (searching first if the pause is not over yet)."""
        if self._done:
            return
        if self._timer.isActive():
            self.run_search()
        product = self.current_product()
        if product is None:
            return
        self._done = True
        self.picked.emit(product)
        self.accept()

    def _move(self, step: int) -> None:
        if not self._products:
            return
        row = min(max(self.results.currentRow() + step, 0), len(self._products) - 1)
        self.results.selectRow(row)
        self.results.scrollToItem(self.results.item(row, 0))

    def _update_buttons(self) -> None:
        self.pick_button.setEnabled(self.current_product() is not None)

    def showEvent(self, event) -> None:
        self._done = False  # the till may keep one dialog and open it again for the next product
        self.query.setFocus()
        self.query.selectAll()
        super().showEvent(event)

    # -- keys -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in _MOVE_KEYS:
                self._move(_MOVE_KEYS[key])
                return True
            if key in _ENTER_KEYS:
                self.pick()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on the list picks; QDialog would otherwise look for a default button.
        if event.key() in _ENTER_KEYS:
            self.pick()
            return
        super().keyPressEvent(event)

"""The dialog that posts a stok opname: the reason (required) and what to do with
the products nobody counted, with a plain warning of what "anggap nol" books."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.stocktake import StockTakeSummary
from nttmart_pos.i18n import _
from nttmart_pos.ui.manager.stocktake_model import SHORTAGE, amounts_text, summary_html

_NAMES_SHOWN = 3


class PostDialog(QDialog):
    """Collects the reason and the uncounted policy; the tab posts and closes it on success."""

    submitted = Signal(str, str)  # reason, "ignore" or "zero"

    def __init__(self, number: str, summary: StockTakeSummary, differences: int, uncounted: list[str],
                 zero_summary: StockTakeSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stocktakePostDialog")
        self.setWindowTitle(_("Posting stok opname {number}", number=number))
        self.setModal(True)
        layout = QVBoxLayout(self)

        booked = QLabel(objectName="stocktakePostSummary")
        booked.setWordWrap(True)
        booked.setText(_("{count} barang berselisih akan dibukukan sebagai penyesuaian stok.",
                         count=format_number(differences)) + "<br>" + summary_html(summary, "<br>"))
        layout.addWidget(booked)

        layout.addWidget(QLabel(_("Alasan penyesuaian (wajib diisi)")))
        self.reason = QLineEdit(objectName="stocktakeReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(_("misalnya: stok opname akhir bulan"))
        layout.addWidget(self.reason)

        group = QGroupBox(_("Barang yang belum dihitung: {count}", count=format_number(len(uncounted))))
        box = QVBoxLayout(group)
        self.ignore = QRadioButton(_("Abaikan: stoknya tidak diubah"), objectName="stocktakeUncountedIgnore")
        self.zero = QRadioButton(_("Anggap nol: dianggap tidak ada di rak"), objectName="stocktakeUncountedZero")
        self.ignore.setChecked(True)
        self._modes = QButtonGroup(self)
        for button in (self.ignore, self.zero):
            self._modes.addButton(button)
            box.addWidget(button)
        self.warning = QLabel(objectName="stocktakeZeroWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {SHORTAGE}; font-weight: bold;")
        box.addWidget(self.warning)
        layout.addWidget(group)
        if uncounted:
            names = ", ".join(uncounted[:_NAMES_SHOWN])
            self.warning.setText(_(
                "Perhatian: {count} barang yang belum dihitung akan dicatat hilang dan stoknya menjadi 0 "
                "(kurang {amount}, senilai {value}), antara lain: {names}. Pilih ini hanya jika semua rak "
                "sudah dihitung dan barang itu memang tidak ada.", count=format_number(len(uncounted)),
                amount=amounts_text(zero_summary.shortage_units, zero_summary.shortage_grams),
                value=format_rupiah(zero_summary.shortage_value), names=names))
        else:
            self.warning.setText(_("Semua barang sudah dihitung."))
            self.warning.setStyleSheet("")
            self.ignore.setEnabled(False)
            self.zero.setEnabled(False)
        self.warning.setVisible(not uncounted)
        self.zero.toggled.connect(lambda on: self._show_warning(on or not uncounted))

        buttons = QHBoxLayout()
        self.cancel = QPushButton(_("Batal"), objectName="stocktakePostCancel")
        self.cancel.clicked.connect(self.reject)
        self.confirm = QPushButton(_("Posting selisih"), objectName="stocktakePostConfirm")
        self.confirm.setMinimumHeight(40)
        self.confirm.setStyleSheet("font-weight: bold;")
        self.confirm.clicked.connect(self.submit)
        for button in (self.cancel, self.confirm):
            # Enter must not post: a barcode scanned into the reason field ends with one.
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.addWidget(self.cancel)
        buttons.addStretch()
        buttons.addWidget(self.confirm)
        layout.addLayout(buttons)
        self.setMinimumWidth(600)
        self.resize(600, self.heightForWidth(600))

    def _show_warning(self, visible: bool) -> None:
        self.warning.setVisible(visible)
        self.layout().activate()
        # adjustSize() ignores the height a word-wrapped label needs at the dialog's width
        self.resize(self.width(), max(self.heightForWidth(self.width()), self.minimumSizeHint().height()))

    def mode(self) -> str:
        return "zero" if self.zero.isChecked() else "ignore"

    def submit(self) -> None:
        if self.confirm.isEnabled():
            self.submitted.emit(self.reason.text(), self.mode())

    def set_busy(self, busy: bool) -> None:
        """Posting runs in the background: the dialog waits, showing so, and cannot be sent twice."""
        self.confirm.setEnabled(not busy)
        self.cancel.setEnabled(not busy)
        self.confirm.setText(_("Memposting...") if busy else _("Posting selisih"))

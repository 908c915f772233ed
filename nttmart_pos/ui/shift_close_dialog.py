"""Closing a shift: count the drawer by denomination, see expected cash and the
variance (selisih) live, and confirm; the service writes the Z report."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from nttmart_pos.domain.cashup import DENOMINATIONS, MAX_PIECES, count_total, variance
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.shift_report import ShiftReport, local_moment, variance_text
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _, get_language
from nttmart_pos.services.shifts import MAX_NOTE, close_shift
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.errors import show_error

SHORT, OVER, EXACT = "#b00020", "#e65100", "#1b5e20"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def variance_color(amount: int) -> str:
    """Red when the drawer is short (kurang), orange when over (lebih), green when exact (pas)."""
    return SHORT if amount < 0 else OVER if amount > 0 else EXACT


class ShiftCloseDialog(QDialog):
    """The drawer count of the shift in ``report`` (its X figures); emits ``closed`` with the Z report."""

    closed = Signal(object)  # services.shifts.ZReportInfo

    def __init__(self, context: AppContext, report: ShiftReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report = report
        self.setObjectName("shiftCloseDialog")
        self.setWindowTitle(_("Tutup shift"))
        self.fields: dict[int, QLineEdit] = {}
        self.subtotals: dict[int, QLabel] = {}
        self._build()
        self.setMinimumWidth(660)  # the variance reads on one or two lines, not three
        self.update_totals()

    # -- layout -------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(_("Tutup shift - terminal {terminal}", terminal=self.report.terminal),
                       objectName="shiftCloseTitle")
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(QLabel(_("Kasir {name}, dibuka {since}. Hitung uang di laci per pecahan: ketik jumlah "
                                  "lembar/keping.", name=self.report.cashier_name,
                                  since=local_moment(self.report.opened_at)), wordWrap=True))
        body = QHBoxLayout()
        body.addWidget(self._count_grid(), 3)
        body.addSpacing(16)
        body.addLayout(self._summary(), 2)
        layout.addLayout(body)
        buttons = QHBoxLayout()
        cancel = QPushButton(_("Batal"), objectName="shiftCloseCancel")
        cancel.clicked.connect(self.reject)
        self.confirmButton = QPushButton(_("Tutup shift dan cetak laporan Z"), objectName="shiftCloseConfirm")
        self.confirmButton.setMinimumHeight(46)
        self.confirmButton.setStyleSheet("font-size: 16px; font-weight: bold; background: #1565c0; color: white;"
                                         " padding: 0 16px;")
        self.confirmButton.clicked.connect(self.confirm)
        buttons.addWidget(cancel)
        buttons.addStretch()
        buttons.addWidget(self.confirmButton)
        layout.addLayout(buttons)

    def _count_grid(self) -> QFrame:
        frame = QFrame(objectName="shiftCountFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        grid.setVerticalSpacing(3)
        for column, text in enumerate((_("Pecahan"), _("Lembar/keping"), _("Jumlah"))):
            head = QLabel(text)
            head.setStyleSheet("font-weight: bold; color: #37474f;")
            grid.addWidget(head, 0, column, alignment=_RIGHT if column else Qt.AlignmentFlag.AlignLeft)
        for row, denomination in enumerate(DENOMINATIONS, start=1):
            label = QLabel(format_rupiah(denomination))
            label.setStyleSheet("font-size: 15px;")
            # an empty field, not a "0" to type after (which would turn 2 into 20)
            field = QLineEdit(objectName=f"shiftCount{denomination}")
            field.setValidator(QIntValidator(0, MAX_PIECES, field))
            field.setPlaceholderText("0")
            field.setAlignment(_RIGHT)
            field.setMaximumWidth(110)
            field.setStyleSheet("font-size: 15px; padding: 2px;")
            field.textChanged.connect(lambda _text: self.update_totals())
            subtotal = QLabel(objectName=f"shiftSubtotal{denomination}")
            subtotal.setStyleSheet("font-size: 15px;")
            subtotal.setMinimumWidth(110)
            subtotal.setAlignment(_RIGHT)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(subtotal, row, 2, alignment=_RIGHT)
            if self.fields:  # Enter moves down the count, as on a calculator
                list(self.fields.values())[-1].returnPressed.connect(field.setFocus)
            self.fields[denomination], self.subtotals[denomination] = field, subtotal
        return frame

    def _summary(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.countedLabel = self._figure(side, _("Kas dihitung"), "shiftCounted")
        self.expectedLabel = self._figure(side, _("Kas seharusnya"), "shiftExpected")
        r = self.report
        self.expectedLabel.setToolTip(_("Modal {float} + tunai {sales} - refund tunai {refunds} + kas masuk {cash_in}"
                                        " - kas keluar {cash_out}", float=format_number(r.opening_float),
                                        sales=format_number(r.cash_sales), refunds=format_number(r.cash_refunds),
                                        cash_in=format_number(r.cash_in), cash_out=format_number(r.cash_out)))
        self.expectedLabel.setText(format_rupiah(r.expected_cash))
        side.addSpacing(8)
        self.varianceLabel = QLabel(objectName="shiftVariance", wordWrap=True)
        self.varianceLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.varianceLabel.setMinimumHeight(70)
        side.addWidget(self.varianceLabel)
        side.addSpacing(8)
        side.addWidget(QLabel(_("Catatan (mis. alasan selisih)")))
        self.noteField = QLineEdit(objectName="shiftNote")
        self.noteField.setMaxLength(MAX_NOTE)
        side.addWidget(self.noteField)
        side.addStretch()
        return side

    @staticmethod
    def _figure(side: QVBoxLayout, caption: str, name: str) -> QLabel:
        head = QLabel(caption)
        head.setStyleSheet("font-size: 14px; color: #37474f;")
        value = QLabel(objectName=name)
        value.setAlignment(_RIGHT)
        value.setStyleSheet("font-size: 24px; font-weight: bold;")
        side.addWidget(head)
        side.addWidget(value)
        return value

    # -- figures ------------------------------------------------------------
    def counts(self) -> dict[int, int]:
        return {denomination: int(field.text()) if field.text() else 0
                for denomination, field in self.fields.items()}

    def update_totals(self) -> None:
        counts = self.counts()
        for denomination, pieces in counts.items():
            self.subtotals[denomination].setText(format_number(count_total({denomination: pieces})))
        counted = count_total(counts)
        self.countedLabel.setText(format_rupiah(counted))
        difference = variance(counted, self.report.expected_cash)
        color = variance_color(difference)
        self.varianceLabel.setText(variance_text(difference, get_language()))
        self.varianceLabel.setStyleSheet(f"font-size: 22px; font-weight: bold; color: {color};"
                                         f" border: 2px solid {color}; border-radius: 6px; padding: 6px;")

    # -- closing ------------------------------------------------------------
    def confirm(self) -> None:
        ask(self, "shiftCloseAsk", _("Tutup shift"), _("Tutup shift? Laporan Z tidak dapat diubah lagi."),
            self.close_now)

    def close_now(self) -> None:
        try:
            info = close_shift(self.context.uow(write=True), self.context.user, self.report.terminal, self.counts(),
                               note=self.noteField.text(), shift_id=self.report.shift_id)
        except PosError as exc:
            show_error(self, exc, _("Shift belum ditutup"))
            return
        self.closed.emit(info)
        self.accept()

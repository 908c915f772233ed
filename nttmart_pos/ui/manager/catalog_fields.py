"""Input fields of the catalog dialogs: Rupiah amounts, expiry dates that may be left
empty ("tanpa tanggal"), and the certificate group (P-IRT, BPOM, halal, SNI) of a product."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QGridLayout, QGroupBox, QLabel, QLineEdit, QToolButton, QWidget

from nttmart_pos.domain.certificates import (KINDS, LABELS, check_expiry, expiry_state, format_certificate,
                                             format_date, parse_certificate)
from nttmart_pos.domain.money import format_number, parse_rupiah
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.product_certificates import CertificateRow

OK, WARNING, PROBLEM, NOTE = "#1b5e20", "#e65100", "#b00020", "#555555"
_NAMES = {"pirt": "productPirt", "bpom": "productBpom", "halal": "productHalal", "sni": "productSni"}
_PLACEHOLDERS = {"pirt": "P-IRT No. 1234567890123-45", "bpom": "MD 123456789012",
                 "halal": "ID00110000123450123", "sni": "SNI 3751:2009"}


class MoneyEdit(QLineEdit):
    """Whole Rupiah as typed (12500, 12.500, Rp12.500); shown grouped once the cursor leaves."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setPlaceholderText(_("mis. 12.500"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(24)
        self.editingFinished.connect(self._tidy)

    def amount(self) -> int | None:
        """The amount, None when empty, or ``MoneyError`` with parse_rupiah's message."""
        text = self.text().strip()
        return parse_rupiah(text) if text else None

    def set_amount(self, amount: int | None) -> None:
        self.setText("" if amount is None else format_number(amount))

    def _tidy(self) -> None:
        try:
            amount = self.amount()
        except PosError:
            return  # left as typed; saving says what is wrong with it
        self.set_amount(amount)


class ExpiryEdit(QDateEdit):
    """A date, or no date at all: the lowest date stands for "tanpa tanggal".

    Stepping up or opening the calendar from "tanpa tanggal" starts at today;
    Delete (or the clear button beside it) goes back to no date.
    """

    NO_DATE = QDate(2000, 1, 1)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setDisplayFormat("dd-MM-yyyy")
        self.setCalendarPopup(True)
        self.setDateRange(self.NO_DATE, QDate(2099, 12, 31))
        self.setSpecialValueText(_("tanpa tanggal"))
        self.setDate(self.NO_DATE)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(_("tanpa tanggal")) + 48)

    def expiry(self) -> date | None:
        return None if self.date() == self.NO_DATE else self.date().toPython()

    def set_expiry(self, day: date | None) -> None:
        self.setDate(self.NO_DATE if day is None else QDate(day.year, day.month, day.day))

    def _start_today(self) -> None:
        if self.expiry() is None:
            self.setDate(QDate.currentDate())

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt API
        if self.expiry() is None:
            self._start_today()
            return
        super().stepBy(steps)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        # Otherwise the calendar would open on January 2000.
        self._start_today()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.expiry() is None:
            return
        if event.key() == Qt.Key.Key_Delete:
            self.set_expiry(None)
            return
        super().keyPressEvent(event)


class CertificateGroup(QGroupBox):
    """The four certificates of a product: number, optional expiry, and what the program makes of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Sertifikat"), parent)
        self.numbers: dict[str, QLineEdit] = {}
        self.expiries: dict[str, ExpiryEdit] = {}
        self.states: dict[str, QLabel] = {}
        self._original: dict[str, tuple[str, date | None]] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(5, 1)
        for row, kind in enumerate(KINDS):
            number = QLineEdit(objectName=_NAMES[kind])
            number.setPlaceholderText(_PLACEHOLDERS[kind])
            number.setMaxLength(80)
            number.editingFinished.connect(lambda k=kind: self.show_state(k))
            expiry = ExpiryEdit(_NAMES[kind] + "Expiry")
            expiry.dateChanged.connect(lambda _d, k=kind: self.show_state(k))
            clear = QToolButton(objectName=_NAMES[kind] + "ExpiryClear", text="×")
            clear.setToolTip(_("Hapus tanggal (tanpa tanggal)"))
            clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            clear.clicked.connect(lambda _checked=False, e=expiry: e.set_expiry(None))
            state = QLabel(objectName=_NAMES[kind] + "State")
            state.setWordWrap(True)
            grid.addWidget(QLabel(LABELS[kind]), row, 0)
            grid.addWidget(number, row, 1)
            grid.addWidget(QLabel(_("berlaku sampai")), row, 2)
            grid.addWidget(expiry, row, 3)
            grid.addWidget(clear, row, 4)
            grid.addWidget(state, row, 5)
            self.numbers[kind], self.expiries[kind], self.states[kind] = number, expiry, state
        hint = QLabel(_("Kosongkan nomor yang tidak ada. P-IRT berlaku paling lama 5 tahun; P-IRT atau BPOM yang "
                        "kedaluwarsa memunculkan peringatan di kasir."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {NOTE};")
        grid.addWidget(hint, len(KINDS), 0, 1, 6)

    def load(self, rows: list[CertificateRow]) -> None:
        """Show a product's stored certificates; saving later writes only what changed."""
        self._original = {row.kind: (row.number, row.expires_on) for row in rows}
        for kind in KINDS:
            number, expires_on = self._original.get(kind, ("", None))
            self.numbers[kind].setText(format_certificate(kind, number) if number else "")
            self.expiries[kind].set_expiry(expires_on)
            self.show_state(kind)

    def entries(self, today: date) -> dict[str, tuple[str, date | None]]:
        """The certificates as entered, numbers normalized; ``ValidationError`` naming the first bad one."""
        found: dict[str, tuple[str, date | None]] = {}
        for kind in KINDS:
            text = self.numbers[kind].text().strip()
            expires_on = self.expiries[kind].expiry()
            if not text:
                if expires_on is not None:
                    raise ValidationError(_("Isi dulu nomor {label} sebelum tanggal kedaluwarsanya",
                                            label=LABELS[kind]))
                continue
            found[kind] = (parse_certificate(kind, text), check_expiry(kind, expires_on, today))
        return found

    def changes(self, entries: dict[str, tuple[str, date | None]]) -> dict[str, object] | None:
        """The keyword arguments of ``set_certificates`` for what differs from the stored ones, or None."""
        if entries == self._original:
            return None
        changes: dict[str, object] = {kind: entries[kind][0] if kind in entries else ""
                                      for kind in KINDS if kind in entries or kind in self._original}
        changes["expiries"] = {kind: expires_on for kind, (_number, expires_on) in entries.items()}
        return changes

    def show_state(self, kind: str) -> None:
        """Beside each certificate: whether it is still valid, or why it cannot be used.

        A number that parses is rewritten as it will be printed (``P-IRT No. ...``).
        """
        field, label = self.numbers[kind], self.states[kind]
        text, expires_on, today = field.text().strip(), self.expiries[kind].expiry(), date.today()
        message, color = "", NOTE
        if not text:
            if expires_on is not None:
                message, color = _("nomor belum diisi"), PROBLEM
        else:
            try:
                number = parse_certificate(kind, text)
                check_expiry(kind, expires_on, today)
            except PosError as exc:
                message, color = str(exc), PROBLEM
            else:
                if field.text() != format_certificate(kind, number):
                    field.setText(format_certificate(kind, number))
                state = expiry_state(expires_on, today)
                if state == "expired":
                    message, color = _("kedaluwarsa sejak {date}", date=format_date(expires_on)), PROBLEM
                elif state == "soon":
                    message, color = _("segera habis: {days} hari lagi", days=(expires_on - today).days), WARNING
                elif expires_on is not None:
                    message, color = _("berlaku"), OK
        label.setText(message)
        label.setStyleSheet(f"color: {color};")

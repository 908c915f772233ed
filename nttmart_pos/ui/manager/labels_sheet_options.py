"""The label sheet choices of the label tab: layout (3x7 / 5x13) and start position,
with a small picture of the first A4 sheet that shows which cells the run will use.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from nttmart_pos.i18n import _, get_language
from nttmart_pos.reports.label_sheet import LAYOUTS, SheetLayout

A4_MM = (210.0, 297.0)
USED, START, RUN, FREE, EDGE = "#b0bec5", "#0d47a1", "#64b5f6", "#ffffff", "#78909c"


def mm_text(value: float) -> str:
    """``42,3`` in Indonesian, ``42.3`` in English; whole numbers without decimals."""
    text = f"{value:g}"
    return text if get_language() == "en" else text.replace(".", ",")


def layout_text(layout: SheetLayout) -> str:
    return _("{layout}: {count} per lembar, {width} x {height} mm", layout=layout.name,
             count=layout.per_page, width=mm_text(layout.label_w), height=mm_text(layout.label_h))


def start_text(layout: SheetLayout, start: int) -> str:
    row, column = divmod(start - 1, layout.columns)
    return _("mulai dari label ke-{n} (baris {row}, kolom {column})", n=start, row=row + 1, column=column + 1)


class SheetPicture(QWidget):
    """The first sheet to scale: cells already used grey, the start dark blue, the rest of the run light blue.

    Clicking a cell makes it the start (``clicked`` carries its 1-based number).
    """

    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelsSheetPicture")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_("Klik label pertama yang masih kosong pada lembar"))
        self.layout_ = LAYOUTS["3x7"]
        self.start = 1
        self.labels = 0

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(150, 212)

    def set_state(self, layout: SheetLayout, start: int, labels: int) -> None:
        self.layout_, self.start, self.labels = layout, start, labels
        self.update()

    def _page(self) -> QRectF:
        scale = min((self.width() - 2) / A4_MM[0], (self.height() - 2) / A4_MM[1])
        width, height = A4_MM[0] * scale, A4_MM[1] * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _cell_rect(self, page: QRectF, cell: int) -> QRectF:
        scale = page.width() / A4_MM[0]
        left, top, right, bottom = self.layout_.cell_box(cell)
        return QRectF(page.left() + left * scale, page.top() + top * scale,
                      (right - left) * scale, (bottom - top) * scale)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        page = self._page()
        painter.setPen(QPen(QColor(EDGE), 1))
        painter.setBrush(QBrush(QColor(FREE)))
        painter.drawRect(page)
        last = self.start + self.labels - 1  # the run's last cell on this first sheet
        for cell in range(1, self.layout_.per_page + 1):
            if cell < self.start:
                color = USED
            elif cell == self.start:
                color = START
            elif cell <= last:
                color = RUN
            else:
                color = FREE
            painter.setBrush(QBrush(QColor(color)))
            painter.drawRect(self._cell_rect(page, cell).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def cell_at(self, point: QPointF) -> int | None:
        page = self._page()
        for cell in range(1, self.layout_.per_page + 1):
            if self._cell_rect(page, cell).contains(point):
                return cell
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        cell = self.cell_at(event.position())
        if cell is not None:
            self.clicked.emit(cell)


class SheetOptions(QGroupBox):
    """Layout and start position; ``changed`` whenever either changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Lembar label A4"), parent)
        self.setObjectName("labelsSheetOptions")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layoutCombo = QComboBox(objectName="labelsLayout")
        for grid in LAYOUTS.values():
            self.layoutCombo.addItem(layout_text(grid), grid.name)
        self.layoutCombo.currentIndexChanged.connect(lambda _i: self._layout_changed())
        self.startBox = QSpinBox(objectName="labelsStart")
        self.startBox.setToolTip(_("Untuk lembar yang sudah terpakai sebagian: nomor label kosong pertama, "
                                   "dihitung per baris dari kiri atas"))
        self.startBox.valueChanged.connect(lambda _v: self._update())
        form.addRow(_("Jenis lembar"), self.layoutCombo)
        form.addRow(_("Mulai dari label"), self.startBox)
        layout.addLayout(form)
        self.startLabel = QLabel(objectName="labelsStartText")
        self.startLabel.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.startLabel)
        self.picture = SheetPicture(self)
        self.picture.clicked.connect(self.startBox.setValue)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        # Non-breaking spaces inside each entry: the line may only wrap between entries.
        legend = QLabel(" &nbsp; ".join(
            f"<span style='color:{color}'>&#9632;</span>&nbsp;{text.replace(' ', '&nbsp;')}" for color, text in (
                (USED, _("sudah terpakai")), (START, _("label pertama")), (RUN, _("label berikutnya")))))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #455a64;")
        layout.addWidget(legend)
        self.labels = 0
        self._layout_changed()

    @property
    def sheet(self) -> SheetLayout:
        return LAYOUTS[self.layoutCombo.currentData()]

    @property
    def start(self) -> int:
        return self.startBox.value()

    def set_labels(self, labels: int) -> None:
        """How many labels the run has (for the picture)."""
        self.labels = labels
        self._refresh()

    def _layout_changed(self) -> None:
        self.startBox.blockSignals(True)
        self.startBox.setRange(1, self.sheet.per_page)
        self.startBox.blockSignals(False)
        self._update()

    def _update(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        self.startLabel.setText(start_text(self.sheet, self.start))
        self.picture.set_state(self.sheet, self.start, self.labels)

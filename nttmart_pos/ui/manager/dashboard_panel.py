"""Widgets of the Dasbor: the row of big numbers, and one panel per chart with its headline,
a Grafik/Tabel switch, the chart or its table, and a CSV button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.i18n import _
from nttmart_pos.services.dashboard import Totals
from nttmart_pos.ui.manager.dashboard_charts import chart_view, show_chart
from nttmart_pos.ui.manager.dashboard_tables import Section

CHART, TABLE, EMPTY = 0, 1, 2
MUTED = "#546e7a"
TOGGLE_STYLE = ("QPushButton { padding: 4px 14px; border: 1px solid #90a4ae; background: white; }"
                "QPushButton:checked { background: #1565c0; color: white; border-color: #1565c0; }")


class Veil(QWidget):
    """A pale layer over a widget whose figures are about to be replaced (drawn over charts too)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the tabs stay usable
        self.setStyleSheet("background: rgba(255, 255, 255, 170);")
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt API
        if visible:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        super().setVisible(visible)


class TotalsBar(QFrame):
    """Penjualan bersih, jumlah transaksi, rata-rata, barang terjual and pengembalian, big."""

    CARDS = (("dashboardNet", "Penjualan bersih"), ("dashboardSalesCount", "Jumlah transaksi"),
             ("dashboardAverage", "Rata-rata per transaksi"), ("dashboardItems", "Barang terjual"),
             ("dashboardRefunds", "Pengembalian"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTotals")
        self.setStyleSheet("#dashboardTotals { background: #f5f7fa; border: 1px solid #dde3ea; border-radius: 6px; }")
        layout = QGridLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setVerticalSpacing(0)
        self.values: dict[str, QLabel] = {}
        for column, (name, caption) in enumerate(self.CARDS):
            value = QLabel("-", objectName=name)
            color = "#0d47a1" if name == "dashboardNet" else "#263238"
            value.setStyleSheet(f"font-size: {24 if name == 'dashboardNet' else 21}px; font-weight: bold; "
                                f"color: {color};")
            title = QLabel(_(caption))
            title.setStyleSheet(f"font-size: 13px; color: {MUTED};")
            layout.addWidget(title, 0, column)
            layout.addWidget(value, 1, column)
            layout.setColumnStretch(column, 3 if name == "dashboardNet" else 2)
            self.values[name] = value
        self.detail = QLabel(objectName="dashboardTotalsDetail")
        self.detail.setStyleSheet(f"font-size: 13px; color: {MUTED};")
        self.refundCount = QLabel(objectName="dashboardRefundCount")
        self.refundCount.setStyleSheet(f"font-size: 13px; color: {MUTED};")
        layout.addWidget(self.detail, 2, 0, 1, 4)
        layout.addWidget(self.refundCount, 2, 4)

    def show_totals(self, totals: Totals | None) -> None:
        if totals is None:
            for label in self.values.values():
                label.setText("-")
            self.detail.clear()
            self.refundCount.clear()
            return
        self.values["dashboardNet"].setText(format_rupiah(totals.net))
        self.values["dashboardSalesCount"].setText(format_number(totals.sales))
        self.values["dashboardAverage"].setText(format_rupiah(totals.average_sale))
        self.values["dashboardItems"].setText(format_number(totals.items_sold))
        self.values["dashboardRefunds"].setText(format_rupiah(totals.refunds))
        self.values["dashboardRefunds"].setStyleSheet(
            "font-size: 21px; font-weight: bold; color: %s;" % ("#b00020" if totals.refunds else "#263238"))
        self.detail.setText(_("Kotor {gross} − diskon {discounts} − pengembalian {refunds} = bersih {net}",
                              gross=format_rupiah(totals.gross), discounts=format_rupiah(totals.discounts),
                              refunds=format_rupiah(totals.refunds), net=format_rupiah(totals.net)))
        self.refundCount.setText(_("{count} kali pengembalian", count=format_number(totals.refund_count)))


class SectionPanel(QWidget):
    """One chart and its numbers; ``objectName`` is the chart's name (``dashboardByHour`` ...)."""

    export_requested = Signal(str)  # the section key

    def __init__(self, key: str, name: str, axis_title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.key = key
        self.axis_title = axis_title
        self.section: Section | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.title = QLabel(objectName=f"{name}Title")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.headline = QLabel(objectName=f"{name}Headline")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 14px; color: #37474f;")
        texts.addWidget(self.title)
        texts.addWidget(self.headline)
        top.addLayout(texts, 1)
        self.showChart = QPushButton(_("Grafik"), objectName=f"{name}ShowChart")
        self.showTable = QPushButton(_("Tabel"), objectName=f"{name}ShowTable")
        group = QButtonGroup(self)
        for button in (self.showChart, self.showTable):
            button.setCheckable(True)
            button.setStyleSheet(TOGGLE_STYLE)
            group.addButton(button)
        self.showChart.setChecked(True)
        self.showChart.toggled.connect(lambda _on: self._show_page())
        switch = QHBoxLayout()
        switch.setSpacing(0)
        switch.addWidget(self.showChart)
        switch.addWidget(self.showTable)
        top.addLayout(switch)
        self.exportButton = QPushButton(_("Simpan CSV..."), objectName=f"{name}Export")
        self.exportButton.setToolTip(_("Simpan angka grafik ini sebagai berkas CSV (UTF-8) yang dapat dibuka di Excel"))
        self.exportButton.setEnabled(False)
        self.exportButton.clicked.connect(lambda _checked=False: self.export_requested.emit(self.key))
        top.addSpacing(12)
        top.addWidget(self.exportButton, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.pages = QStackedWidget()
        self.chart = chart_view(f"{name}Chart")
        scroll = QScrollArea()  # a long list of bars scrolls instead of squeezing its names
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        self.pages.addWidget(scroll)
        self.table = QTableWidget(objectName=f"{name}Table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setStyleSheet("font-size: 14px;")
        self.pages.addWidget(self.table)
        self.emptyLabel = QLabel(objectName=f"{name}Empty")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setStyleSheet(f"font-size: 16px; color: {MUTED};")
        self.pages.addWidget(self.emptyLabel)
        layout.addWidget(self.pages, 1)

    @property
    def has_chart(self) -> bool:
        return self.section is None or bool(self.section.chart)

    def show_section(self, section: Section) -> None:
        self.section = section
        self.title.setText(section.title)
        self.headline.setText(section.headline)
        self._fill_table(section)
        if section.chart and not section.empty:
            show_chart(self.chart, section.chart, section.points, self.axis_title)
        self.emptyLabel.setText(section.headline)
        for button in (self.showChart, self.showTable):
            button.setVisible(bool(section.chart))
        self._show_page()

    def set_busy(self, busy: bool) -> None:
        self.exportButton.setEnabled(not busy and self.section is not None and bool(self.section.csv_rows))

    def _show_page(self) -> None:
        section = self.section
        if section is None:
            return
        if not section.chart or self.showTable.isChecked():
            self.pages.setCurrentIndex(TABLE)
        else:
            self.pages.setCurrentIndex(EMPTY if section.empty else CHART)

    def _fill_table(self, section: Section) -> None:
        table = self.table
        table.clear()
        table.setColumnCount(len(section.columns))
        table.setHorizontalHeaderLabels(list(section.columns))
        table.setRowCount(len(section.rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, cells in enumerate(section.rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long name cut short in its column is whole here
                if column in section.numeric:
                    item.setTextAlignment(right)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        if section.long_names:  # product and vendor names share the room the numbers leave
            for column in range(len(section.columns)):
                if column not in section.numeric:
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

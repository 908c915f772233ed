"""The Dasbor's charts (QtCharts): columns per hour, a pie of payment methods, sorted horizontal bars,
all with money on the axis written short ("1,2 jt") and the exact amount in a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart, QChartView,
                              QHorizontalBarSeries, QPieSeries)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import QToolTip

from nttmart_pos.domain.chart_scale import axis_scale, short_amount
from nttmart_pos.domain.money import format_rupiah

BAR_COLOR = "#1565c0"
NEGATIVE_COLOR = "#c62828"
PIE_COLORS = ("#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457")
ROW_HEIGHT = 24  # pixels per horizontal bar, so that every name stays readable


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(size)
    font.setBold(bold)
    return font


def _chart() -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # a refresh redraws at once
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 12, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _money_axis(values: Sequence[int]) -> QCategoryAxis:
    """A value axis with round ticks labelled short ("350 rb"), below zero too if a refund made a bar negative."""
    bottom, ticks = axis_scale(values)
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setLabelsFont(_font(12))
    axis.setTruncateLabels(False)
    axis.setStartValue(bottom)
    for tick in ticks:
        axis.append(short_amount(tick), tick)
    axis.setRange(bottom, ticks[-1])
    axis.setGridLineColor(QColor("#e0e0e0"))
    return axis


def _bars(series, labels: Sequence[str], values: Sequence[int]) -> QBarSet:
    bar_set = QBarSet("")
    for value in values:
        bar_set.append(value)
    bar_set.setColor(QColor(BAR_COLOR))
    bar_set.setBorderColor(QColor(BAR_COLOR))
    series.append(bar_set)
    series.setBarWidth(0.7)

    def hovered(status: bool, index: int, _set=None) -> None:
        if status and 0 <= index < len(values):
            QToolTip.showText(QCursor.pos(), f"{labels[index]}: {format_rupiah(values[index])}")
        else:
            QToolTip.hideText()

    series.hovered.connect(hovered)
    return bar_set


def column_chart(points: Sequence[tuple[str, int]], axis_title: str) -> QChart:
    """Vertical columns in the given order (the hours of the day)."""
    labels, values = [p[0] for p in points], [p[1] for p in points]
    chart = _chart()
    series = QBarSeries()
    bar_set = _bars(series, labels, values)
    for index, value in enumerate(values):
        if value < 0:  # refunds larger than the sales of that hour
            bar_set.setBarSelected(index, True)
    bar_set.setSelectedColor(QColor(NEGATIVE_COLOR))
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    categories.setLabelsFont(_font(12))
    categories.setTruncateLabels(False)
    categories.setTitleText(axis_title)
    categories.setTitleFont(_font(12))
    categories.setGridLineVisible(False)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    money = _money_axis(values)
    chart.addAxis(money, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(money)
    return chart


def bar_chart(points: Sequence[tuple[str, int]]) -> QChart:
    """Horizontal bars, the first point at the top (points come largest first)."""
    labels, values = [p[0] for p in points][::-1], [p[1] for p in points][::-1]  # Qt draws the first at the bottom
    chart = _chart()
    series = QHorizontalBarSeries()
    _bars(series, labels, values)
    series.setBarWidth(0.75)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    categories.setLabelsFont(_font(13))
    categories.setTruncateLabels(False)  # a name cut to "..." says nothing
    categories.setGridLineVisible(False)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    money = _money_axis(values)
    # on top: in view without scrolling when the list of bars is long
    chart.addAxis(money, Qt.AlignmentFlag.AlignTop)
    series.attachAxis(money)
    return chart


def pie_chart(points: Sequence[tuple[str, int]]) -> QChart:
    """Slices labelled with their name and share; the exact amount in the tooltip."""
    chart = _chart()
    series = QPieSeries()
    series.setPieSize(0.62)
    for index, (label, value) in enumerate(points):
        piece = series.append(f"{label} · {short_amount(value)}", value)
        piece.setLabelVisible(True)
        piece.setLabelFont(_font(13, bold=index == 0))
        piece.setColor(QColor(PIE_COLORS[index % len(PIE_COLORS)]))
        piece.setBorderColor(QColor("white"))
        piece.hovered.connect(lambda status, label=label, value=value: QToolTip.showText(
            QCursor.pos(), f"{label}: {format_rupiah(value)}") if status else QToolTip.hideText())
    chart.addSeries(series)
    return chart


def chart_view(name: str) -> QChartView:
    view = QChartView(objectName=name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumWidth(300)  # the chart fits the window; it never widens it
    return view


def show_chart(view: QChartView, kind: str, points: Sequence[tuple[str, int]], axis_title: str = "") -> None:
    """Put a new chart of ``kind`` ("bar", "hbar" or "pie") into ``view``; the old one is deleted."""
    old = view.chart()
    if kind == "bar":
        chart = column_chart(points, axis_title)
    elif kind == "hbar":
        chart = bar_chart(points)
        view.setMinimumHeight(len(points) * ROW_HEIGHT + 60)
    else:
        chart = pie_chart(points)
    view.setChart(chart)
    if old is not None:
        old.deleteLater()

"""The Qt binding must not leak references: PySide6 6.12.0 lost one reference to ``None``
on every call of a Qt method returning nothing, and a till aborted ("none_dealloc") after a
few thousand scans.  pyproject.toml keeps PySide6 below 6.12; this test says why."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QLineEdit


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot):
    label, line = QLabel(), QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(line)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Rp65.000")
        line.clear()
    assert abs(sys.getrefcount(None) - before) < 100  # 6.12.0 loses 4,000 here

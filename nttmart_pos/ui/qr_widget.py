"""Draw a QR code (the QRIS payload) as a crisp pixmap, module by module."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


def qr_pixmap(payload: str, size: int = 320) -> QPixmap:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    scale = max(1, size // modules)
    side = scale * modules
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.white)
    painter = QPainter(pixmap)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(QRect(x * scale, y * scale, scale, scale), black)
    painter.end()
    return pixmap

"""Printing a recorded sale's receipt on the configured printer.

Called off the GUI thread; the sale is already committed, so a printer that
is off or silent costs a reprint, never a sale.
"""

from __future__ import annotations

from sqlalchemy import Engine

from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.hardware.printer import print_receipt
from nttmart_pos.services.receipts import receipt_for

PRINT_TIMEOUT_SECONDS = 5.0


def print_sale_receipt(engine: Engine, receipt_no: str, settings: Settings, *, copy: bool = False,
                       timeout: float | None = None) -> str:
    """Print the receipt of ``receipt_no`` (marked as a copy when reprinted); returns the number."""
    data = receipt_for(UnitOfWork(engine), receipt_no, settings, copy=copy)
    print_receipt(settings.printer_url, settings.paper_width, data, timeout=timeout or PRINT_TIMEOUT_SECONDS)
    return receipt_no

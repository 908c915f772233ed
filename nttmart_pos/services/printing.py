"""Printing a recorded sale's receipt, or a refund's, on the configured printer.

Called off the GUI thread; the sale (refund) is already committed, so a
printer that is off or silent costs a reprint, never a sale.  The till prints
through the print queue (``services.print_queue``), which renders each job's
bytes here (``job_bytes``) from the stored sale or refund at print time.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from nttmart_pos.config import Settings
from nttmart_pos.db.models import Sale, SaleLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.hardware.printer import (parse_printer_url, print_receipt, receipt_bytes, send_bytes,
                                          with_drawer_pulse)
from nttmart_pos.hardware.refund_slip import RefundSlipData, RefundSlipLine, refund_slip_bytes
from nttmart_pos.services.receipts import receipt_for
from nttmart_pos.services.refunds import refund_view

PRINT_TIMEOUT_SECONDS = 5.0


def print_sale_receipt(engine: Engine, receipt_no: str, settings: Settings, *, copy: bool = False,
                       timeout: float | None = None) -> str:
    """Print the receipt of ``receipt_no`` (marked as a copy when reprinted); returns the number."""
    data = receipt_for(UnitOfWork(engine), receipt_no, settings, copy=copy)
    print_receipt(settings.printer_url, settings.paper_width, data, timeout=timeout or PRINT_TIMEOUT_SECONDS)
    return receipt_no


def refund_receipt_for(engine: Engine, refund_no: str, *, copy: bool = False) -> RefundSlipData:
    """What the refund receipt of ``refund_no`` says: the refund, with the sale's date and prices."""
    view = refund_view(UnitOfWork(engine), refund_no)
    with UnitOfWork(engine) as uow:
        session = uow.session
        sale_id, sold_at = session.execute(select(Sale.id, Sale.created_at)
                                           .where(Sale.receipt_no == view.receipt_no)).one()
        sold = {no: (price, bool(discount or share)) for no, price, discount, share in session.execute(
            select(SaleLine.line_no, SaleLine.unit_price, SaleLine.discount, SaleLine.sale_discount_share)
            .where(SaleLine.sale_id == sale_id))}
    lines = tuple(RefundSlipLine(line.name, line.measure, line.quantity, unit_price, line.amount, discounted)
                  for line in view.lines for unit_price, discounted in [sold[line.line_no]])
    return RefundSlipData(view.refund_no, view.created_at, view.receipt_no, sold_at, view.terminal, view.user_name,
                          view.approver_name, view.method, view.total, view.restock, view.reason, lines, is_copy=copy)


def print_refund_receipt(engine: Engine, refund_no: str, settings: Settings, copy: bool = False,
                         timeout: float | None = None) -> str:
    """Print the refund receipt of ``refund_no`` (marked as a copy when reprinted); returns the number."""
    target = parse_printer_url(settings.printer_url)
    data = refund_receipt_for(engine, refund_no, copy=copy)
    if target.kind != "none":
        payload = refund_slip_bytes(data, settings.paper_width, settings.language, settings)
        send_bytes(target, payload, timeout or PRINT_TIMEOUT_SECONDS)
    return data.refund_no


def job_bytes(engine: Engine, kind: str, ref: str, settings: Settings, *, copy: bool, kick_drawer: bool) -> bytes:
    """The ESC/POS bytes of a print job: the receipt of sale ``ref`` (``kind`` "sale") or of refund
    ``ref`` ("refund"), marked as a copy if ``copy``, with the drawer pulse if ``kick_drawer``."""
    if kind == "sale":
        payload = receipt_bytes(receipt_for(UnitOfWork(engine), ref, settings, copy=copy), settings.paper_width)
    elif kind == "refund":
        payload = refund_slip_bytes(refund_receipt_for(engine, ref, copy=copy), settings.paper_width,
                                    settings.language, settings)
    else:
        raise ValueError(f"unknown print job kind {kind!r}")
    return with_drawer_pulse(payload) if kick_drawer else payload

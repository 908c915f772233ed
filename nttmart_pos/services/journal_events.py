"""What the journal says about a sale, a refund and a Z report, built from their stored rows.

The same functions build the event when it is journalled and again when
``journal verify`` checks that the rows still say what was journalled, so any
later change to a sale line, payment, refund or Z report shows as a mismatch.
Append these events with ``journal.append`` as the last write of the
transaction that wrote the row (after ``session.flush()``).
"""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from nttmart_pos.db.models import Sale
from nttmart_pos.db.settlement_models import Refund, ZReport
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.services.journal import append, iso_utc

SALE, REFUND, Z_REPORT = "sale", "refund", "z_report"
CHECKED_KINDS = (SALE, REFUND, Z_REPORT)  # kinds that verify compares with their rows


def sale_data(sale: Sale) -> dict:
    return {
        "receipt_no": sale.receipt_no, "terminal": sale.terminal, "number": sale.number,
        "cashier_id": sale.cashier_id, "created_at": iso_utc(sale.created_at), "shift_id": sale.shift_id,
        "channel": sale.channel, "external_order_id": sale.external_order_id, "status": sale.status,
        "subtotal": sale.subtotal, "discount": sale.discount, "discount_reason": sale.discount_reason,
        "total": sale.total, "paid": sale.paid, "change": sale.change, "approver_id": sale.approver_id,
        "lines": [{
            "line_no": line.line_no, "product_id": line.product_id, "barcode": line.barcode,
            "name": line.product_name, "measure": line.measure, "quantity": line.quantity,
            "unit_price": line.unit_price, "list_price": line.list_price, "discount": line.discount,
            "discount_reason": line.discount_reason, "line_total": line.line_total,
            "sale_discount_share": line.sale_discount_share, "vendor_id": line.vendor_id, "terms": line.terms,
            "harga_setor": line.harga_setor, "commission_pct": line.commission_pct,
        } for line in sorted(sale.lines, key=lambda item: item.line_no)],
        "payments": [{"method": p.method, "amount": p.amount, "tendered": p.tendered, "reference": p.reference}
                     for p in sorted(sale.payments, key=lambda item: item.id)],
    }


def refund_data(refund: Refund) -> dict:
    return {
        "refund_no": refund.refund_no, "sale_id": refund.sale_id, "terminal": refund.terminal,
        "shift_id": refund.shift_id, "created_at": iso_utc(refund.created_at), "user_id": refund.user_id,
        "approver_id": refund.approver_id, "method": refund.method, "total": refund.total,
        "restock": bool(refund.restock), "reason": refund.reason,
        "lines": [{"sale_line_id": line.sale_line_id, "vendor_id": line.vendor_id, "quantity": line.quantity,
                   "amount": line.amount} for line in sorted(refund.lines, key=lambda item: item.id)],
    }


def z_report_data(report: ZReport) -> dict:
    return {
        "z_no": report.z_no, "shift_id": report.shift_id, "terminal": report.terminal,
        "created_at": iso_utc(report.created_at), "business_date": report.business_date.isoformat(),
        "figures_sha256": hashlib.sha256(report.figures.encode()).hexdigest(),
    }


def journal_sale(session: Session, sale: Sale, cashier: UserInfo, approver: UserInfo | None = None) -> None:
    """Journal a completed sale; its lines and payments must be flushed and loaded on ``sale``."""
    session.flush()
    session.refresh(sale, ["lines", "payments"])
    append(session, SALE, sale_data(sale), user=cashier, terminal=sale.terminal, ref=sale.receipt_no,
           approver=approver)


def journal_refund(session: Session, refund: Refund, user: UserInfo, approver: UserInfo | None = None) -> None:
    session.flush()
    session.refresh(refund, ["lines"])
    append(session, REFUND, refund_data(refund), user=user, terminal=refund.terminal, ref=refund.refund_no,
           approver=approver)


def journal_z_report(session: Session, report: ZReport, user: UserInfo) -> None:
    session.flush()
    append(session, Z_REPORT, z_report_data(report), user=user, terminal=report.terminal, ref=report.z_no)

"""Returns to vendor (retur): unsold, expired or damaged goods go back to their
UMKM with a signed nota retur ``RT-2026-000001``; stock leaves through the ledger.

A retur never takes stock below zero: the ledger stock is read inside the
write transaction, after the product rows are locked, so no sale can slip in
between the check and the posting.  ``MANAGE_STOCK`` like the intake (it
signs goods out of the store); journalled as ``stock.return``.  An inactive vendor or product may still be
returned: handing back what is left is how a vendor is wound up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nttmart_pos.db.inventory_models import RETURN_REASONS
from nttmart_pos.db.models import Product, StockMovement, utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.stock_document import RETURN, measured_text, reason_label
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _, get_language
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.line_merge import merge_lines
from nttmart_pos.services.permissions import MANAGE_STOCK, require
from nttmart_pos.services.stock_documents import (
    DocumentResult,
    PostedLine,
    check_notes,
    find_vendor,
    post_document,
    vendor_products,
)


@dataclass(frozen=True)
class ReturnLine:
    product_id: int
    quantity: int  # pieces, or grams for weighed goods
    reason: str  # one of RETURN_REASONS: "unsold", "expired", "damaged", "other"


def _reason(row: int, line: ReturnLine) -> str:
    """The line's reason: lines of one product with different reasons stay apart."""
    if line.reason not in RETURN_REASONS:
        choices = ", ".join(f"{code} ({reason_label(code, get_language())})" for code in RETURN_REASONS)
        raise ValidationError(_("Baris {row}: alasan retur tidak dikenal: {reason}. Pilih salah satu: {choices}",
                                row=row, reason=line.reason, choices=choices))
    return line.reason


def _ledger_stock(session: Session, product_ids: set[int]) -> dict[int, int]:
    rows = session.execute(select(StockMovement.product_id, func.sum(StockMovement.quantity))
                           .where(StockMovement.product_id.in_(product_ids))
                           .group_by(StockMovement.product_id)).all()
    return {product_id: int(total or 0) for product_id, total in rows}


def _shortages(products: dict[int, Product], wanted: dict[int, int], stock: dict[int, int]) -> list[str]:
    short = []
    for product_id, quantity in wanted.items():
        product, on_hand = products[product_id], stock.get(product_id, 0)
        if quantity > on_hand:
            short.append(_("{name} ({barcode}): diretur {quantity}, stok hanya {stock}",
                           name=product.name, barcode=product.barcode,
                           quantity=measured_text(quantity, product.measure),
                           stock=measured_text(on_hand, product.measure)))
    return short


def return_goods(uow: UnitOfWork, user: UserInfo, vendor_code: str, lines: list[ReturnLine], *,
                 notes: str = "", now: datetime | None = None) -> DocumentResult:
    """Post a retur to one vendor; refused as a whole if any product lacks the stock."""
    require(user, MANAGE_STOCK)
    items = merge_lines(lines, _reason, _("Nota retur harus berisi paling sedikit satu barang"))
    notes = check_notes(notes)
    when = now or utcnow()
    with uow:
        session = uow.session
        vendor = find_vendor(session, vendor_code, active_only=False)
        products = vendor_products(session, vendor, [(item.row, item.product_id) for item in items])
        wanted: dict[int, int] = {}
        for item in items:
            wanted[item.product_id] = wanted.get(item.product_id, 0) + item.quantity
        short = _shortages(products, wanted, _ledger_stock(session, set(wanted)))
        if short:
            raise ValidationError(_("Retur ditolak, stok tidak cukup: {details}", details="; ".join(short)))
        posted = [PostedLine(products[item.product_id], item.quantity, reason=item.detail) for item in items]
        result = post_document(session, user, vendor, RETURN, posted, when, notes)
        uow.commit()
        return result

"""What the manager should act on, per vendor: batches near their best-before date, low stock,
and products sold beyond the stock the system knows of (negative stock).

The first two are grouped by vendor code, because the action is a call to (or
a retur for) one UMKM; the negative stock list is a flat list sorted by vendor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select

from nttmart_pos.db.inventory_models import StockDocument, StockDocumentLine
from nttmart_pos.db.models import Product, StockMovement, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.catalog import vendor_by_code

BATCH_SOON_DAYS = 30


@dataclass(frozen=True)
class BatchAlert:
    """One intake line (batch) whose best-before date has passed or is near."""

    vendor_code: str
    vendor_name: str
    document_no: str
    received_at: datetime
    product_id: int
    barcode: str
    product_name: str
    unit: str
    measure: str  # quantities are grams for "weight", else pieces
    quantity: int  # received in this batch
    remaining: int  # of this batch probably still on the shelf (first in, first out)
    stock_on_hand: int  # of the product, all batches
    expires_on: date
    state: str  # "expired" or "soon"
    days_left: int  # negative once expired


@dataclass(frozen=True)
class LowStockRow:
    vendor_code: str
    vendor_name: str
    vendor_owner: str
    vendor_phone: str
    product_id: int
    barcode: str
    product_name: str
    unit: str
    measure: str
    stock_on_hand: int
    reorder_level: int


@dataclass(frozen=True)
class NegativeStockRow:
    """A product the till sold more of than the system had: the shelf and the books disagree."""

    vendor_code: str
    vendor_name: str
    vendor_phone: str
    product_id: int
    barcode: str
    product_name: str
    unit: str
    measure: str  # quantities are grams for "weight", else pieces
    stock_on_hand: int  # below zero
    active: bool
    negative_since: datetime | None  # the movement that took the stock below zero this time
    last_sold_at: datetime | None


def _fifo_remaining(lines: list[tuple[int, int]], stock: int) -> dict[int, int]:
    """Per intake line id, how much of it is still in stock if the oldest goods sold first.

    ``lines`` are (line id, quantity) newest first: the stock on hand is made
    of the latest batches, so older ones are used up first.
    """
    remaining: dict[int, int] = {}
    left = max(stock, 0)
    for line_id, quantity in lines:
        remaining[line_id] = min(quantity, left)
        left -= remaining[line_id]
    return remaining


def expiring_batches(uow: UnitOfWork, today: date,
                     within_days: int = BATCH_SOON_DAYS) -> dict[str, list[BatchAlert]]:
    """Intake batches expired or expiring within ``within_days`` that are probably still in the store.

    Only products with stock on hand count, and only batches that the stock on
    hand may still contain: with stock 5 after receiving 10 (old, expiring) and
    then 20 (fresh), the old batch is taken as sold.  Grouped by the vendor who
    delivered the batch; soonest first.
    """
    line, document = StockDocumentLine, StockDocument
    candidates = (select(line, document, Product, Vendor)
                  .join(document, line.document_id == document.id)
                  .join(Product, line.product_id == Product.id)
                  .join(Vendor, document.vendor_id == Vendor.id)
                  .where(document.kind == "intake", Product.stock_on_hand > 0, line.expires_on.is_not(None),
                         line.expires_on <= today + timedelta(days=within_days)))
    with uow:
        session = uow.session
        found = session.execute(candidates).all()
        product_ids = {row[2].id for row in found}
        history: dict[int, list[tuple[int, int]]] = {}
        if product_ids:
            for product_id, line_id, quantity in session.execute(
                    select(line.product_id, line.id, line.quantity).join(document, line.document_id == document.id)
                    .where(document.kind == "intake", line.product_id.in_(product_ids))
                    .order_by(document.created_at.desc(), document.id.desc(), line.line_no.desc())):
                history.setdefault(product_id, []).append((line_id, quantity))
        stock = {row[2].id: row[2].stock_on_hand for row in found}
        remaining = {line_id: left for product_id, lines in history.items()
                     for line_id, left in _fifo_remaining(lines, stock[product_id]).items()}
        grouped: dict[str, list[BatchAlert]] = {}
        for batch, doc, product, vendor in found:
            if remaining.get(batch.id, 0) <= 0:
                continue
            grouped.setdefault(vendor.code, []).append(BatchAlert(
                vendor.code, vendor.name, doc.doc_no, doc.created_at, product.id, product.barcode, product.name,
                product.unit, product.measure, batch.quantity, remaining[batch.id], product.stock_on_hand,
                batch.expires_on, "expired" if batch.expires_on < today else "soon",
                (batch.expires_on - today).days))
    return {code: sorted(alerts, key=lambda a: (a.expires_on, a.product_name, a.document_no))
            for code, alerts in sorted(grouped.items())}


def low_stock(uow: UnitOfWork, vendor_code: str | None = None) -> dict[str, list[LowStockRow]]:
    """Active products of active vendors at or below their reorder level, or out of stock.

    A reorder level of 0 means "no minimum": such a product is listed only once
    its stock is 0 or less.  Grouped by vendor code, with the vendor's owner
    and phone, so the manager knows whom to call.
    """
    statement = (select(Product, Vendor).join(Vendor, Product.vendor_id == Vendor.id)
                 .where(Product.active.is_(True), Vendor.active.is_(True),
                        or_(and_(Product.reorder_level > 0, Product.stock_on_hand <= Product.reorder_level),
                            Product.stock_on_hand <= 0))
                 .order_by(Vendor.code, Product.name, Product.id))
    with uow:
        if vendor_code:
            statement = statement.where(Vendor.id == vendor_by_code(uow.session, vendor_code).id)
        grouped: dict[str, list[LowStockRow]] = {}
        for product, vendor in uow.session.execute(statement):
            grouped.setdefault(vendor.code, []).append(LowStockRow(
                vendor.code, vendor.name, vendor.owner, vendor.phone, product.id, product.barcode, product.name,
                product.unit, product.measure, product.stock_on_hand, product.reorder_level))
        return grouped


def negative_stock(uow: UnitOfWork) -> list[NegativeStockRow]:
    """Every product (active or not) whose stock on hand is below zero, by vendor code and name.

    The till sells what a customer brings even when the system has none left
    (``Settings.negative_stock`` "allow"); such a product shows up here until an
    intake or a stock take puts its stock right.  Two small queries over the
    ledger of those products only: the last sale, and when the stock last went
    from zero or more to below zero (the running sum of its movements).
    """
    statement = (select(Product, Vendor).join(Vendor, Product.vendor_id == Vendor.id)
                 .where(Product.stock_on_hand < 0)
                 .order_by(Vendor.code, Product.name, Product.id))
    with uow:
        session = uow.session
        found = session.execute(statement).all()
        ids = [product.id for product, _vendor in found]
        last_sold: dict[int, datetime] = {}
        since: dict[int, datetime] = {}
        if ids:
            movement = StockMovement
            last_sold = dict(session.execute(
                select(movement.product_id, func.max(movement.created_at))
                .where(movement.product_id.in_(ids), movement.kind == "sold")
                .group_by(movement.product_id)).all())
            running = (select(movement.product_id, movement.quantity, movement.created_at,
                              func.sum(movement.quantity).over(partition_by=movement.product_id,
                                                               order_by=movement.id).label("after"))
                       .where(movement.product_id.in_(ids)).subquery())
            since = dict(session.execute(
                select(running.c.product_id, func.max(running.c.created_at))
                .where(running.c.after < 0, running.c.after - running.c.quantity >= 0)
                .group_by(running.c.product_id)).all())
        return [NegativeStockRow(vendor.code, vendor.name, vendor.phone, product.id, product.barcode, product.name,
                                 product.unit, product.measure, product.stock_on_hand, product.active,
                                 since.get(product.id), last_sold.get(product.id))
                for product, vendor in found]

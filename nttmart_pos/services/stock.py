"""The stock ledger: every change of stock is a movement row.

``record_movement`` is the only code that touches ``products.stock_on_hand``,
and it moves the cache by exactly the ledger row's quantity inside the same
transaction, so the cached figure always equals the ledger sum.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Product, StockMovement

MOVEMENT_KINDS = ("received", "sold", "refunded", "returned", "adjusted")


def record_movement(session: Session, product_id: int, kind: str, quantity: int, *,
                    sale_id: int | None = None, document_id: int | None = None, user_id: int | None = None,
                    reference: str = "") -> None:
    if kind not in MOVEMENT_KINDS:
        raise ValueError(f"unknown stock movement kind {kind!r}")
    session.add(StockMovement(product_id=product_id, kind=kind, quantity=quantity, sale_id=sale_id,
                              document_id=document_id, user_id=user_id, reference=reference))
    session.execute(
        update(Product)
        .where(Product.id == product_id)
        .values(stock_on_hand=Product.stock_on_hand + quantity)
        .execution_options(synchronize_session=False)
    )


def ledger_stock(session: Session, product_id: int) -> int:
    total = session.scalar(select(func.coalesce(func.sum(StockMovement.quantity), 0))
                           .where(StockMovement.product_id == product_id))
    return int(total or 0)

"""Recording a paid sale: receipt number, lines with vendor-terms snapshots,
payments and stock movements, all in one transaction.

The transaction starts with ``BEGIN IMMEDIATE`` on SQLite (``write=True``
unit of work) and takes the receipt counter's row lock on PostgreSQL, so two
tills never draw the same receipt number; any failure rolls everything back,
the receipt number included, so numbers stay gapless.  ``write_sale`` is the
writing part, shared with orders from other channels (``services.import_sales``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Payment, Product, Sale, SaleLine, Vendor, utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.db.settlement_models import Shift
from nttmart_pos.domain.cart import Cart, PaymentEntry, applied_amounts, settle_payments
from nttmart_pos.domain.settlement import spread_discount
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.journal_events import journal_sale
from nttmart_pos.services.stock import record_movement


@dataclass(frozen=True)
class SaleResult:
    sale_id: int
    receipt_no: str
    total: int
    paid: int
    change: int
    created_at: datetime


def receipt_number(terminal: str, number: int) -> str:
    """``T01``, 123 -> ``T01-000123``."""
    return f"{terminal}-{number:06d}"


def checkout(uow: UnitOfWork, cart: Cart, payments: list[PaymentEntry], cashier: UserInfo,
             terminal: str, *, now: datetime | None = None) -> SaleResult:
    """Record the sale if the payments cover the total; all or nothing."""
    if cart.is_empty:
        raise ValidationError(_("Keranjang masih kosong"))
    total = cart.total
    change = settle_payments(total, payments)
    paid = sum(p.amount for p in payments)
    with uow:
        session = uow.session
        # FOR SHARE on PostgreSQL: a closing that is committing waits for us, or we see it closed
        shift_id = session.scalar(select(Shift.id).where(Shift.terminal == terminal, Shift.status == "open")
                                  .with_for_update(read=True))
        stored = [StoredPayment(entry.method, applied, entry.amount if entry.method == "cash" else 0, entry.reference)
                  for entry, applied in applied_amounts(payments, change)]
        sale = write_sale(session, cart, stored, cashier, terminal, paid=paid, shift_id=shift_id, created_at=now)
        uow.commit()
        return SaleResult(sale.id, sale.receipt_no, total, paid, change, sale.created_at)


@dataclass(frozen=True)
class StoredPayment:
    """A payment as stored: the part of the total it pays and, for cash, what was handed over."""

    method: str
    amount: int
    tendered: int = 0
    reference: str = ""


def write_sale(session: Session, cart: Cart, payments: list[StoredPayment], cashier: UserInfo, terminal: str, *,
               paid: int | None = None, shift_id: int | None = None, created_at: datetime | None = None,
               channel: str = "till", external_order_id: str | None = None,
               approver: UserInfo | None = None) -> Sale:
    """Write a sale inside the caller's transaction: its receipt number, lines, payments and stock.

    ``payments`` must add up to the cart's total (``paid`` defaults to it; the
    change is what was paid beyond it).  Shared by the till (``checkout``) and
    orders from other channels (``services.import_sales``), so both snapshot
    the vendor's terms and move stock the same way.
    """
    if cart.is_empty:
        raise ValidationError(_("Keranjang masih kosong"))
    total = cart.total
    paid = total if paid is None else paid
    if sum(p.amount for p in payments) != total or paid < total:
        raise ValueError("the payments must add up to the sale total")
    ids = {line.product.product_id for line in cart.lines}
    rows = session.execute(select(Product, Vendor).join(Vendor).where(Product.id.in_(ids))).all()
    products = {product.id: product for product, _vendor in rows}
    vendors = {vendor.id: vendor for _product, vendor in rows}
    if ids - products.keys():
        raise NotFoundError(_("Barang di keranjang tidak ada lagi di database"))
    number = next_value(session, f"receipt:{terminal}")
    sale = Sale(receipt_no=receipt_number(terminal, number), terminal=terminal, number=number,
                cashier_id=cashier.id, cashier_name=cashier.full_name, created_at=created_at or utcnow(),
                subtotal=cart.subtotal, discount=cart.discount, total=total, paid=paid, change=paid - total,
                shift_id=shift_id, channel=channel, external_order_id=external_order_id)
    session.add(sale)
    session.flush()
    shares = spread_discount([line.total for line in cart.lines], cart.discount)
    sold: list[tuple[int, int]] = []
    for line_no, (line, share) in enumerate(zip(cart.lines, shares), start=1):
        product = products[line.product.product_id]
        vendor = vendors[product.vendor_id]
        session.add(SaleLine(
            sale_id=sale.id, line_no=line_no, product_id=product.id, barcode=product.barcode,
            product_name=line.product.name, measure=line.product.measure, quantity=line.quantity,
            unit_price=line.unit_price, line_total=line.total, discount=0, sale_discount_share=share,
            vendor_id=vendor.id, vendor_code=vendor.code, vendor_name=vendor.name, terms=vendor.terms,
            harga_setor=product.harga_setor if vendor.terms == "harga_setor" else None,
            commission_pct=_commission(product.commission_pct, vendor.commission_pct, vendor.terms),
        ))
        sold.append((product.id, line.quantity))  # pieces, or grams for weighed goods
    # product rows are updated in id order, as everywhere, so two tills (or a till and a
    # refund) selling the same products never wait on each other in a cycle
    for product_id, quantity in sorted(sold):
        record_movement(session, product_id, "sold", -quantity, sale_id=sale.id, user_id=cashier.id,
                        reference=sale.receipt_no)
    for payment in payments:
        session.add(Payment(sale_id=sale.id, method=payment.method, amount=payment.amount,
                            tendered=payment.tendered, reference=payment.reference))
    journal_sale(session, sale, cashier, approver)  # the last write: takes the journal lock last
    return sale


def _commission(product_pct: int | None, vendor_pct: int | None, terms: str) -> int | None:
    if terms == "harga_setor":
        return None
    if product_pct is not None:
        return product_pct
    return vendor_pct if vendor_pct is not None else 0

"""The SQL aggregates behind the manager dashboard: every query groups in the database
(over the indexed ``created_at`` of sales and refunds), so Python only sees summed rows.

A year holds ~100,000 product sums: rows come back through the session's
plain connection (no ORM row processing) as named tuples (cheap to build).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple
from datetime import datetime

from sqlalchemy import BigInteger, case, cast, func, select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Payment, Product, Sale, SaleLine, Vendor
from nttmart_pos.db.settlement_models import Refund, RefundLine

QUARTER_HOUR = 900  # seconds; every UTC offset in use is a multiple of 15 minutes


class Bucket(NamedTuple):
    """Sales (or refunds) of one quarter hour, keyed by its start in seconds since 1970 (UTC)."""

    start: int
    count: int
    subtotal: int
    discount: int
    total: int


class LineSum(NamedTuple):
    """What the lines of one product, sold under one vendor, add up to."""

    product_id: int
    vendor_id: int
    lines: int
    quantity: int  # pieces, or grams for weighed goods
    items: int  # pieces; a weighed line counts as one item
    line_discount: int
    net: int  # line_total - sale_discount_share


class RefundSum(NamedTuple):
    product_id: int
    vendor_id: int
    amount: int


class ProductInfo(NamedTuple):
    product_id: int
    barcode: str
    name: str
    measure: str
    unit: str
    price: int
    stock_on_hand: int
    vendor_code: str
    vendor_name: str


class VendorInfo(NamedTuple):
    vendor_id: int
    code: str
    name: str
    regency: str


def one_snapshot(session: Session) -> None:
    """Make every later query of this transaction see the same moment, so the figures add up while tills sell.

    SQLite's read transaction already does; PostgreSQL's default (read committed) takes a new one per query.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _quarter_hour(session: Session, column):
    """The quarter hour a moment falls in, as seconds since 1970 / 900 (grouped by the database)."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLAlchemy keeps UTC text ("2026-11-28 21:39:19.636556") in SQLite
        return cast(func.strftime("%s", column), BigInteger) // QUARTER_HOUR
    return cast(func.floor(func.extract("epoch", column) / QUARTER_HOUR), BigInteger)


def _sum(column):
    """A whole-Rupiah (or quantity) sum as BIGINT: PostgreSQL's sum of BIGINT is NUMERIC (a Decimal)."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def sale_buckets(session: Session, start: datetime, end: datetime) -> list[Bucket]:
    quarter = _quarter_hour(session, Sale.created_at).label("quarter")
    statement = (select(quarter, func.count(Sale.id), _sum(Sale.subtotal), _sum(Sale.discount), _sum(Sale.total))
                 .where(Sale.created_at >= start, Sale.created_at < end).group_by(quarter))
    return [Bucket(int(q) * QUARTER_HOUR, n, int(sub), int(disc), int(total))
            for q, n, sub, disc, total in session.connection().execute(statement)]


def refund_buckets(session: Session, start: datetime, end: datetime) -> list[tuple[str, Bucket]]:
    """Refunds of the period by the method the money went back with, per quarter hour."""
    quarter = _quarter_hour(session, Refund.created_at).label("quarter")
    statement = (select(Refund.method, quarter, func.count(Refund.id), _sum(Refund.total))
                 .where(Refund.created_at >= start, Refund.created_at < end).group_by(Refund.method, quarter))
    return [(method, Bucket(int(q) * QUARTER_HOUR, n, 0, 0, int(total)))
            for method, q, n, total in session.connection().execute(statement)]


def payments_by_method(session: Session, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
    """(method, number of sales it paid, amount applied to them) for the period's sales."""
    statement = (select(Payment.method, func.count(func.distinct(Payment.sale_id)), _sum(Payment.amount))
                 .join(Sale, Sale.id == Payment.sale_id)
                 .where(Sale.created_at >= start, Sale.created_at < end).group_by(Payment.method))
    return [(method, count, int(amount)) for method, count, amount in session.connection().execute(statement)]


def line_sums(session: Session, start: datetime, end: datetime) -> list[LineSum]:
    weighed = SaleLine.measure == "weight"
    statement = (select(SaleLine.product_id, SaleLine.vendor_id, func.count(SaleLine.id), _sum(SaleLine.quantity),
                        _sum(case((weighed, 1), else_=SaleLine.quantity)), _sum(SaleLine.discount),
                        _sum(SaleLine.line_total - SaleLine.sale_discount_share))
                 .join(Sale, Sale.id == SaleLine.sale_id)
                 .where(Sale.created_at >= start, Sale.created_at < end)
                 .group_by(SaleLine.product_id, SaleLine.vendor_id))
    return [LineSum._make(row) for row in session.connection().execute(statement)]


def refund_sums(session: Session, start: datetime, end: datetime) -> list[RefundSum]:
    """Refunded amounts of the period per product and vendor (whatever day the sale was)."""
    statement = (select(SaleLine.product_id, RefundLine.vendor_id, _sum(RefundLine.amount))
                 .join(Refund, Refund.id == RefundLine.refund_id)
                 .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
                 .where(Refund.created_at >= start, Refund.created_at < end)
                 .group_by(SaleLine.product_id, RefundLine.vendor_id))
    return [RefundSum(p, v, int(amount)) for p, v, amount in session.connection().execute(statement)]


def _product_statement():
    return (select(Product.id, Product.barcode, Product.name, Product.measure, Product.unit, Product.price,
                   Product.stock_on_hand, Vendor.code, Vendor.name)
            .join(Vendor, Vendor.id == Product.vendor_id))


def products(session: Session, ids: Iterable[int]) -> dict[int, ProductInfo]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {row[0]: ProductInfo(*row) for row in session.connection().execute(_product_statement().where(Product.id.in_(wanted)))}


def products_in_stock(session: Session) -> list[ProductInfo]:
    """Active products with stock on the shelf: the candidates for slow movers."""
    statement = _product_statement().where(Product.active.is_(True), Product.stock_on_hand > 0)
    return [ProductInfo._make(row) for row in session.connection().execute(statement)]


def vendors(session: Session, ids: Iterable[int]) -> dict[int, VendorInfo]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    statement = select(Vendor.id, Vendor.code, Vendor.name, Vendor.regency).where(Vendor.id.in_(wanted))
    return {row[0]: VendorInfo(*row) for row in session.connection().execute(statement)}


def last_sales(session: Session, product_ids: Iterable[int], before: datetime) -> dict[int, datetime]:
    """When each product last sold before ``before`` (products never sold are missing)."""
    wanted = sorted(set(product_ids))
    if not wanted:
        return {}
    statement = (select(SaleLine.product_id, func.max(Sale.created_at))
                 .join(Sale, Sale.id == SaleLine.sale_id)
                 .where(SaleLine.product_id.in_(wanted), Sale.created_at < before)
                 .group_by(SaleLine.product_id))
    return {product_id: last for product_id, last in session.connection().execute(statement)}

"""SQLAlchemy 2 typed models: the tables of the store.

Money columns are ``Integer`` whole Rupiah.  Stock is the ledger
``stock_movements``; ``products.stock_on_hand`` is a cache that is only ever
changed in the same transaction, by the same amount, as a ledger row is
written (see ``services.stock``), so it cannot drift from the ledger sum.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on the way in and out, whatever the backend keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # PIN lockout: wrong PINs since the last good one, how often locked, locked until when
    failed_pins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lock_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Vendor(Base):
    """A UMKM that supplies goods, usually on consignment (titip jual)."""

    __tablename__ = "vendors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    owner: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    regency: Mapped[str] = mapped_column(String(60), default="")
    village: Mapped[str] = mapped_column(String(80), default="")
    # "commission": the store keeps commission_pct of each sale line;
    # "harga_setor": the vendor gets the product's fixed harga setor per unit.
    terms: Mapped[str] = mapped_column(String(20), default="commission")
    commission_pct: Mapped[int | None] = mapped_column(Integer)
    payout_method: Mapped[str] = mapped_column(String(20), default="transfer")
    payout_account: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    products: Mapped[list["Product"]] = relationship(back_populates="vendor")

    __table_args__ = (
        CheckConstraint("terms IN ('commission', 'harga_setor')", name="terms"),
        CheckConstraint("commission_pct IS NULL OR (commission_pct >= 0 AND commission_pct <= 100)", name="pct"),
    )


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    barcode: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    category: Mapped[str] = mapped_column(String(60), default="")
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    price: Mapped[int] = mapped_column(BigInteger)
    harga_setor: Mapped[int | None] = mapped_column(BigInteger)
    commission_pct: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20), default="pcs")
    # "unit": counted in pieces; "weight": price per kg, quantity in grams
    # (scale labels 21...); "price": the scale label carries the line price (22...).
    measure: Mapped[str] = mapped_column(String(10), default="unit")
    reorder_level: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)
    stock_on_hand: Mapped[int] = mapped_column(BigInteger, default=0)
    name_search: Mapped[str] = mapped_column(String(160), default="", index=True)

    vendor: Mapped[Vendor] = relationship(back_populates="products")

    __table_args__ = (
        CheckConstraint("price >= 0", name="price"),
        CheckConstraint("harga_setor IS NULL OR (harga_setor >= 0 AND harga_setor <= price)", name="setor"),
        CheckConstraint("measure IN ('unit', 'weight', 'price')", name="measure"),
    )


class StockMovement(Base):
    """One row of the stock ledger; on-hand stock is the sum of ``quantity``."""

    __tablename__ = "stock_movements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("stock_documents.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reference: Mapped[str] = mapped_column(String(80), default="")

    __table_args__ = (
        CheckConstraint("kind IN ('received', 'sold', 'refunded', 'returned', 'adjusted')", name="kind"),
    )


class Counter(Base):
    """Named gapless counters: ``receipt:T01`` per terminal, ``instore-code``.

    A counter is bumped inside the transaction that uses the number, so a
    rolled-back sale gives its number back and numbers never have gaps.
    """

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Sale(Base):
    __tablename__ = "sales"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(24), unique=True)
    terminal: Mapped[str] = mapped_column(String(8))
    number: Mapped[int] = mapped_column(BigInteger)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cashier_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    subtotal: Mapped[int] = mapped_column(BigInteger)
    discount: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(BigInteger)
    paid: Mapped[int] = mapped_column(BigInteger)
    change: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(12), default="completed")
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    # "till" for sales rung up here; marketplace, whatsapp, phone ... for imported orders
    channel: Mapped[str] = mapped_column(String(20), default="till")
    external_order_id: Mapped[str | None] = mapped_column(String(60))
    discount_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # who allowed what the cashier's role does not (discount above the limit, price override)
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approver_name: Mapped[str] = mapped_column(String(120), default="", server_default="")

    lines: Mapped[list["SaleLine"]] = relationship(order_by="SaleLine.line_no", back_populates="sale")
    payments: Mapped[list["Payment"]] = relationship(order_by="Payment.id", back_populates="sale")

    __table_args__ = (
        UniqueConstraint("terminal", "number", name="uq_sales_terminal_number"),
        UniqueConstraint("channel", "external_order_id", name="uq_sales_channel_order"),
        CheckConstraint("total >= 0 AND paid >= total AND change >= 0", name="amounts"),
    )


class SaleLine(Base):
    """A sold item, with a snapshot of what it owes the vendor at the moment of sale."""

    __tablename__ = "sale_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    barcode: Mapped[str] = mapped_column(String(32))
    product_name: Mapped[str] = mapped_column(String(160))
    measure: Mapped[str] = mapped_column(String(10), default="unit")
    quantity: Mapped[int] = mapped_column(BigInteger)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    line_total: Mapped[int] = mapped_column(BigInteger)  # after the line's own discount
    discount: Mapped[int] = mapped_column(BigInteger, default=0)
    # this line's part of a sale-level discount (domain.settlement.spread_discount):
    # what the line really brought in is line_total - sale_discount_share
    sale_discount_share: Mapped[int] = mapped_column(BigInteger, default=0)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    vendor_code: Mapped[str] = mapped_column(String(20))
    vendor_name: Mapped[str] = mapped_column(String(120))
    terms: Mapped[str] = mapped_column(String(20))
    harga_setor: Mapped[int | None] = mapped_column(BigInteger)
    commission_pct: Mapped[int | None] = mapped_column(Integer)
    discount_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    list_price: Mapped[int | None] = mapped_column(BigInteger)  # the catalogue price when it was overridden

    sale: Mapped[Sale] = relationship(back_populates="lines")

    __table_args__ = (UniqueConstraint("sale_id", "line_no", name="uq_sale_lines_sale_line"),)


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(BigInteger)
    tendered: Mapped[int] = mapped_column(BigInteger, default=0)
    reference: Mapped[str] = mapped_column(String(80), default="")

    sale: Mapped[Sale] = relationship(back_populates="payments")

    __table_args__ = (
        CheckConstraint("method IN ('cash', 'qris', 'card', 'transfer', 'ewallet', 'marketplace')", name="method"),
        CheckConstraint("amount > 0", name="amount"),
    )


Index("ix_sales_terminal_created", Sale.terminal, Sale.created_at)

# The manager's tables live in their own module; importing it here means that
# importing the models always registers every table (migrations, tests).
from nttmart_pos.db import inventory_models  # noqa: E402,F401  (import for its side effect)
from nttmart_pos.db import settlement_models  # noqa: E402,F401  (import for its side effect)
from nttmart_pos.db import journal_models  # noqa: E402,F401  (import for its side effect)
from nttmart_pos.db import print_models  # noqa: E402,F401  (import for its side effect)

"""Tables of the manager's side: certificates, price history, intake and retur
documents, stock takes (stok opname).

Imported at the bottom of ``db.models`` so that importing the models module
always registers every table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nttmart_pos.db.models import Base, UtcDateTime, utcnow

CERTIFICATE_KINDS = ("pirt", "bpom", "halal", "sni")
RETURN_REASONS = ("unsold", "expired", "damaged", "other")


class ProductCertificate(Base):
    """A product's P-IRT, BPOM MD/ML, halal or SNI number, with an optional expiry date."""

    __tablename__ = "product_certificates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(60))
    expires_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("product_id", "kind", name="uq_product_certificates_product_kind"),
        CheckConstraint("kind IN ('pirt', 'bpom', 'halal', 'sni')", name="kind"),
    )


class PriceChange(Base):
    """Who changed a product's price or consignment terms, when, from what to what."""

    __tablename__ = "price_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(120), default="")
    old_price: Mapped[int] = mapped_column(BigInteger)
    new_price: Mapped[int] = mapped_column(BigInteger)
    old_harga_setor: Mapped[int | None] = mapped_column(BigInteger)
    new_harga_setor: Mapped[int | None] = mapped_column(BigInteger)
    old_commission_pct: Mapped[int | None] = mapped_column(Integer)
    new_commission_pct: Mapped[int | None] = mapped_column(Integer)


class StockDocument(Base):
    """A signed stock document with one vendor: tanda terima titipan (intake) or retur."""

    __tablename__ = "stock_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_no: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    total_value: Mapped[int] = mapped_column(BigInteger, default=0)

    lines: Mapped[list["StockDocumentLine"]] = relationship(order_by="StockDocumentLine.line_no",
                                                             back_populates="document")

    __table_args__ = (CheckConstraint("kind IN ('intake', 'return')", name="kind"),)


class StockDocumentLine(Base):
    __tablename__ = "stock_document_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("stock_documents.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    barcode: Mapped[str] = mapped_column(String(32))
    product_name: Mapped[str] = mapped_column(String(160))
    quantity: Mapped[int] = mapped_column(BigInteger)
    unit_value: Mapped[int] = mapped_column(BigInteger)  # harga setor, else the price, at the time
    reason: Mapped[str] = mapped_column(String(20), default="")  # retur only: RETURN_REASONS
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)  # intake of food: best-before of the batch

    document: Mapped[StockDocument] = relationship(back_populates="lines")

    __table_args__ = (
        UniqueConstraint("document_id", "line_no", name="uq_stock_document_lines_doc_line"),
        CheckConstraint("quantity > 0", name="quantity"),
    )


class StockTake(Base):
    """A stok opname: counting all products, one vendor's, or one category's."""

    __tablename__ = "stock_takes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    scope: Mapped[str] = mapped_column(String(10), default="all")
    scope_value: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    started_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    posted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    posted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

    counts: Mapped[list["StockTakeCount"]] = relationship(back_populates="stock_take")

    __table_args__ = (
        CheckConstraint("scope IN ('all', 'vendor', 'category')", name="scope"),
        CheckConstraint("status IN ('open', 'posted', 'cancelled')", name="status"),
    )


class StockTakeCount(Base):
    """What was counted of one product, against the ledger stock when it was first counted."""

    __tablename__ = "stock_take_counts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stock_take_id: Mapped[int] = mapped_column(ForeignKey("stock_takes.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    counted: Mapped[int] = mapped_column(BigInteger, default=0)
    expected: Mapped[int] = mapped_column(BigInteger)
    first_counted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_counted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    stock_take: Mapped[StockTake] = relationship(back_populates="counts")

    __table_args__ = (
        UniqueConstraint("stock_take_id", "product_id", name="uq_stock_take_counts_take_product"),
        CheckConstraint("counted >= 0", name="counted"),
    )

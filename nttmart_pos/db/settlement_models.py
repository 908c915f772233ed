"""Tables of the day's end: shifts and their cash, Z reports, refunds, vendor payouts.

Imported at the bottom of ``db.models`` so that importing the models module
always registers every table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nttmart_pos.db.models import Base, UtcDateTime, utcnow

PAYOUT_STATUSES = ("draft", "approved", "paid")
PAYOUT_METHODS = ("cash", "transfer", "ewallet")


class Shift(Base):
    """A cashier's shift at one terminal: opening float, sales, cash in/out, closing count."""

    __tablename__ = "shifts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terminal: Mapped[str] = mapped_column(String(8), index=True)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cashier_name: Mapped[str] = mapped_column(String(120))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    opening_float: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expected_cash: Mapped[int | None] = mapped_column(BigInteger)
    counted_cash: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        CheckConstraint("opening_float >= 0", name="float"),
    )


# At most one open shift per terminal: the database refuses a second one.
Index("uq_shifts_one_open_per_terminal", Shift.terminal, unique=True,
      sqlite_where=Shift.status == "open", postgresql_where=Shift.status == "open")


class CashMovement(Base):
    """Cash put into or taken out of the drawer during a shift, with a reason."""

    __tablename__ = "cash_movements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # "in" or "out"
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200))
    payout_id: Mapped[int | None] = mapped_column(ForeignKey("payouts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        CheckConstraint("kind IN ('in', 'out')", name="kind"),
        CheckConstraint("amount > 0", name="amount"),
    )


class ZReport(Base):
    """The numbered, unchangeable figures of a closed shift (``figures``: canonical JSON)."""

    __tablename__ = "z_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    z_no: Mapped[str] = mapped_column(String(24), unique=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), unique=True)
    terminal: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    business_date: Mapped[date] = mapped_column(Date, index=True)
    figures: Mapped[str] = mapped_column(Text)


class Refund(Base):
    """Money given back for goods of an earlier sale; the sale itself is never edited."""

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_no: Mapped[str] = mapped_column(String(24), unique=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    terminal: Mapped[str] = mapped_column(String(8))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(120))
    method: Mapped[str] = mapped_column(String(12))  # how the money went back: cash or the original method
    total: Mapped[int] = mapped_column(BigInteger)
    restock: Mapped[bool] = mapped_column(Boolean, default=True)  # goods back on the shelf, or written off
    reason: Mapped[str] = mapped_column(String(200), default="")
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approver_name: Mapped[str] = mapped_column(String(120), default="", server_default="")

    lines: Mapped[list["RefundLine"]] = relationship(order_by="RefundLine.id", back_populates="refund")

    __table_args__ = (CheckConstraint("total >= 0", name="total"),)


class RefundLine(Base):
    """Part of one sale line given back: quantity and the amount returned for it."""

    __tablename__ = "refund_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id"), index=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    quantity: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)

    refund: Mapped[Refund] = relationship(back_populates="lines")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity"),
        CheckConstraint("amount >= 0", name="amount"),
    )


class Payout(Base):
    """A vendor settlement (setoran) for a period: draft -> approved -> paid."""

    __tablename__ = "payouts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payout_no: Mapped[str] = mapped_column(String(24), unique=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paid_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_method: Mapped[str | None] = mapped_column(String(12))
    paid_reference: Mapped[str] = mapped_column(String(80), default="")
    paid_on: Mapped[date | None] = mapped_column(Date)
    units: Mapped[int] = mapped_column(BigInteger, default=0)
    gross: Mapped[int] = mapped_column(BigInteger, default=0)  # net of discounts, before refunds
    refunds: Mapped[int] = mapped_column(BigInteger, default=0)  # refunded amounts (positive number)
    commission: Mapped[int] = mapped_column(BigInteger, default=0)  # what the store keeps
    carried_in: Mapped[int] = mapped_column(BigInteger, default=0)  # negative balance from the last payout
    balance: Mapped[int] = mapped_column(BigInteger, default=0)  # vendor amount incl. carried_in; may be < 0
    amount: Mapped[int] = mapped_column(BigInteger, default=0)  # what is paid: max(balance, 0)

    items: Mapped[list["PayoutItem"]] = relationship(order_by="PayoutItem.id", back_populates="payout",
                                                     foreign_keys="PayoutItem.payout_id")

    __table_args__ = (
        CheckConstraint("status IN ('draft', 'approved', 'paid')", name="status"),
        CheckConstraint("period_from <= period_to", name="period"),
        CheckConstraint("amount >= 0", name="amount"),
        # the few negative balances day-end looks for (``settlement_figures.carried_balances``)
        Index("ix_payouts_negative_balance", "vendor_id", sqlite_where=text("balance < 0"),
              postgresql_where=text("balance < 0")),
    )


class PayoutItem(Base):
    """One sale line, refund line or carried balance in a payout; each line is settled once."""

    __tablename__ = "payout_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payout_id: Mapped[int] = mapped_column(ForeignKey("payouts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # "sale", "refund" or "carry"
    sale_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_lines.id"), unique=True)
    refund_line_id: Mapped[int | None] = mapped_column(ForeignKey("refund_lines.id"), unique=True)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("payouts.id"), unique=True)
    quantity: Mapped[int] = mapped_column(BigInteger, default=0)
    gross: Mapped[int] = mapped_column(BigInteger, default=0)  # negative for a refund
    commission: Mapped[int] = mapped_column(BigInteger, default=0)  # negative for a refund
    vendor_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # negative for a refund or carry

    payout: Mapped[Payout] = relationship(back_populates="items", foreign_keys=[payout_id])

    __table_args__ = (CheckConstraint("kind IN ('sale', 'refund', 'carry')", name="kind"),)

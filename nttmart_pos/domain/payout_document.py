"""What a vendor payout document says, as plain data (made by services, printed by reports/hardware)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PayoutLine:
    """One product in a payout: every sold line of it in the period, added up."""

    barcode: str
    product_name: str
    measure: str  # "unit", "weight" (quantity in grams) or "price"
    quantity: int
    unit_price: int  # the selling price on the sale lines (per kg for weighed goods)
    gross: int  # what the lines brought in, after discounts
    terms: str  # "commission" or "harga_setor"
    harga_setor: int | None
    commission_pct: int | None
    commission: int  # what the store keeps
    vendor_amount: int  # what the vendor gets


@dataclass(frozen=True)
class PayoutRefund:
    """A refund, in the period, of goods sold earlier (negative for the vendor)."""

    refund_no: str
    receipt_no: str
    refunded_on: date
    product_name: str
    measure: str
    quantity: int
    amount: int  # money given back to the customer (positive)
    vendor_amount: int  # taken off the vendor's payout (negative or zero)


@dataclass(frozen=True)
class PayoutDocument:
    """Everything printed on a vendor's payout (setoran) PDF and slip."""

    payout_no: str
    status: str  # "draft", "approved", "paid"
    period_from: date
    period_to: date
    created_at: datetime
    vendor_code: str
    vendor_name: str
    vendor_owner: str
    vendor_phone: str
    vendor_regency: str
    payout_method: str  # "transfer", "cash", "ewallet"
    payout_account: str
    lines: tuple[PayoutLine, ...]
    refunds: tuple[PayoutRefund, ...]
    units: int  # pieces sold (weighed goods count as one line each)
    gross: int
    refunds_total: int  # positive
    commission: int
    carried_in: int  # a negative balance brought from the previous payout (<= 0)
    balance: int  # vendor total including carried_in; may be negative
    amount: int  # what is paid: max(balance, 0)
    approved_by: str = ""
    paid_method: str = ""
    paid_reference: str = ""
    paid_on: date | None = None
    # the earliest day of a late sale line (rung up after its own day was settled), else None
    late_sales_from: date | None = None

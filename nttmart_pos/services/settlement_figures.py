"""What each vendor is owed for a period, computed from sale-line snapshots only (read-only).

Only lines that no payout holds yet count, so a line is settled once: a
refund of a line paid out earlier is a new, unsettled refund line in the
later period and comes off that period's payout.  A period takes every
unsettled line dated on or before its last day, so a late line (rung up
after its day was settled) is picked up by the vendor's next payout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, literal_column, select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Sale, SaleLine, Vendor
from nttmart_pos.db.settlement_models import Payout, PayoutItem, Refund, RefundLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.periods import local_date, period_bounds
from nttmart_pos.domain.settlement import Split, payable, split_line
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.refunds import refund_line_splits
from nttmart_pos.services.settlement_marks import open_from_both, open_sales


@dataclass(frozen=True)
class SoldLine:
    """An unsettled sale line: its snapshot and how its net divides (``split.amount`` = net)."""

    sale_line_id: int
    receipt_no: str
    sold_at: datetime
    barcode: str
    product_name: str
    measure: str
    quantity: int
    unit_price: int
    terms: str
    harga_setor: int | None
    commission_pct: int | None
    split: Split

    @property
    def pieces(self) -> int:
        """Units as counted on a payout: a weighed line is one piece, whatever its grams."""
        return 1 if self.measure == "weight" else self.quantity


@dataclass(frozen=True)
class RefundedLine:
    """An unsettled refund line; ``split`` is positive (money back, vendor part, store part)."""

    refund_line_id: int
    refund_no: str
    refunded_at: datetime
    receipt_no: str
    sale_line_id: int
    barcode: str
    product_name: str
    measure: str
    quantity: int
    split: Split


@dataclass(frozen=True)
class CarriedBalance:
    """A negative balance of an earlier payout, not yet taken into a later one."""

    payout_id: int
    payout_no: str
    amount: int  # negative


@dataclass(frozen=True)
class VendorFigures:
    """One vendor's settlement for a period, before or without saving it as a payout."""

    vendor_id: int
    vendor_code: str
    vendor_name: str
    vendor_owner: str
    vendor_phone: str
    vendor_regency: str
    payout_method: str
    payout_account: str
    date_from: date
    date_to: date
    sales: tuple[SoldLine, ...]
    refunds: tuple[RefundedLine, ...]
    carried: tuple[CarriedBalance, ...]

    @property
    def units(self) -> int:
        return sum(line.pieces for line in self.sales)

    @property
    def gross(self) -> int:
        """What the sold lines brought in, after every discount, before refunds."""
        return sum(line.split.amount for line in self.sales)

    @property
    def refunds_total(self) -> int:
        """Money given back in the period for this vendor's lines (positive)."""
        return sum(line.split.amount for line in self.refunds)

    @property
    def commission(self) -> int:
        """What the store keeps: commission on the sales less what it gives up on refunds."""
        return sum(line.split.commission for line in self.sales) - sum(r.split.commission for r in self.refunds)

    @property
    def vendor_amount(self) -> int:
        """The vendor's share of this period alone (``gross - refunds_total - commission``)."""
        return sum(line.split.vendor_amount for line in self.sales) - sum(r.split.vendor_amount for r in self.refunds)

    @property
    def carried_in(self) -> int:
        return sum(carry.amount for carry in self.carried)

    @property
    def balance(self) -> int:
        """The vendor's total including a negative balance carried in; may be negative."""
        return self.vendor_amount + self.carried_in

    @property
    def amount(self) -> int:
        """What would be paid: a negative balance is never paid, it carries forward."""
        return payable(self.balance)

    @property
    def has_lines(self) -> bool:
        return bool(self.sales or self.refunds)

    @property
    def late_sales_from(self) -> date | None:
        """The earliest local day of a sale line dated before the period (a late line), else None."""
        return earliest_late_day((local_date(line.sold_at) for line in self.sales), self.date_from)


def earliest_late_day(sold_on, date_from: date) -> date | None:
    """The earliest of the days ``sold_on`` before ``date_from``; the one rule for previews and saved payouts."""
    return min((day for day in sold_on if day < date_from), default=None)


def check_period(date_from: date, date_to: date) -> None:
    if not isinstance(date_from, date) or not isinstance(date_to, date):
        raise ValidationError(_("Periode setoran harus berupa tanggal"))
    if date_to < date_from:
        raise ValidationError(_("Periode setoran tidak valid: {date_from} sampai {date_to}",
                                date_from=date_from.isoformat(), date_to=date_to.isoformat()))


def settlement_figures(uow: UnitOfWork, date_from: date, date_to: date,
                       vendor_codes: list[str] | None = None) -> list[VendorFigures]:
    """Every vendor with unsettled sales or refunds dated on or before the local day ``date_to``.

    Lines dated before ``date_from`` are late ones (see ``late_sales_from``)
    that an earlier payout could not take.  Read-only: nothing is written, the transaction is rolled back.  Vendors
    come in code order; ``vendor_codes`` limits the result to those vendors.
    """
    check_period(date_from, date_to)
    with uow:
        return unsettled_figures(uow.session, date_from, date_to, vendor_codes)


def unsettled_figures(session: Session, date_from: date, date_to: date,
                      vendor_codes: list[str] | None = None) -> list[VendorFigures]:
    """``settlement_figures`` inside the caller's transaction (the payout lifecycle uses it)."""
    vendor_ids = vendor_ids_for(session, vendor_codes) if vendor_codes is not None else None
    _start, end = period_bounds(date_to, date_to)
    first_sale_line, first_refund_line = open_from_both(session)
    sales = _sold_lines(session, end, vendor_ids, first_sale_line)
    refunds = refunded_lines(session, end, vendor_ids, first_refund_line)
    active = sorted(set(sales) | set(refunds))
    if not active:
        return []
    carried = carried_balances(session, active)
    vendors = {v.id: v for v in session.scalars(select(Vendor).where(Vendor.id.in_(active)))}
    figures = [VendorFigures(
        vendor_id=vendor.id, vendor_code=vendor.code, vendor_name=vendor.name, vendor_owner=vendor.owner,
        vendor_phone=vendor.phone, vendor_regency=vendor.regency, payout_method=vendor.payout_method,
        payout_account=vendor.payout_account, date_from=date_from, date_to=date_to,
        sales=tuple(sales.get(vendor.id, ())), refunds=tuple(refunds.get(vendor.id, ())),
        carried=tuple(carried.get(vendor.id, ())),
    ) for vendor in vendors.values()]
    return sorted(figures, key=lambda f: f.vendor_code)


def vendor_ids_for(session: Session, codes: list[str]) -> list[int]:
    wanted = {code.strip().upper() for code in codes if code.strip()}
    found = {code: vendor_id for code, vendor_id in session.execute(select(Vendor.code, Vendor.id)
                                                                  .where(Vendor.code.in_(wanted)))}
    unknown = sorted(wanted - found.keys())
    if unknown:
        raise NotFoundError(_("UMKM tidak dikenal: {codes}", codes=", ".join(unknown)))
    return list(found.values())


def _sold_lines(session: Session, end: datetime, vendor_ids: list[int] | None,
                first_line: int) -> dict[int, list[SoldLine]]:
    """Unsettled sale lines dated before ``end``, from ``first_line`` on (the settlement mark)."""
    statement = (
        select(Sale.created_at, SaleLine.sale_id, SaleLine.line_no, SaleLine.vendor_id, SaleLine.id, Sale.receipt_no, Sale.created_at, SaleLine.barcode,
               SaleLine.product_name, SaleLine.measure, SaleLine.quantity, SaleLine.unit_price, SaleLine.terms,
               SaleLine.harga_setor, SaleLine.commission_pct, SaleLine.line_total - SaleLine.sale_discount_share)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.id >= first_line, open_sales(first_line, session.get_bind().dialect.name),
               Sale.created_at < end,
               ~exists().where(PayoutItem.sale_line_id == SaleLine.id))
        .order_by(SaleLine.id)  # walks the open tail by primary key; time order is restored below
    )
    if vendor_ids is not None:
        statement = statement.where(SaleLine.vendor_id.in_(vendor_ids))
    result: dict[int, list[SoldLine]] = {}
    for _at, _sale, _line_no, vendor_id, *line, net in sorted(session.execute(statement), key=lambda r: r[:3]):
        _id, _receipt, _at, _barcode, _name, measure, quantity, _price, terms, harga_setor, commission_pct = line
        split = split_line(net, quantity, measure, terms, harga_setor, commission_pct)
        result.setdefault(vendor_id, []).append(SoldLine(*line, split))
    return result


def refunded_lines(session: Session, end: datetime, vendor_ids: list[int] | None,
                    first_line: int) -> dict[int, list[RefundedLine]]:
    statement = (
        select(RefundLine, Refund.refund_no, Refund.created_at, SaleLine, Sale.receipt_no)
        .join(Refund, Refund.id == RefundLine.refund_id)
        .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .outerjoin(PayoutItem, PayoutItem.refund_line_id == RefundLine.id)
        .where(RefundLine.id >= first_line, Refund.created_at < end, PayoutItem.id.is_(None))
        .order_by(RefundLine.id)
    )
    if vendor_ids is not None:
        statement = statement.where(SaleLine.vendor_id.in_(vendor_ids))
    rows = session.execute(statement).all()
    if not rows:
        return {}
    pieces = refund_line_splits(session, [refund_line.id for refund_line, *_rest in rows],
                                {line.id: line for _refund_line, _no, _at, line, _receipt in rows})
    result: dict[int, list[RefundedLine]] = {}
    for refund_line, refund_no, refunded_at, line, receipt_no in rows:
        vendor_part = pieces[refund_line.id].vendor_amount
        # the money that really went back is the stored amount; the vendor's part follows the
        # snapshot, so the store's part is what is left (vendor part + store part = money back)
        split = Split(refund_line.amount, vendor_part, refund_line.amount - vendor_part)
        result.setdefault(line.vendor_id, []).append(RefundedLine(
            refund_line.id, refund_no, refunded_at, receipt_no, line.id, line.barcode, line.product_name,
            line.measure, refund_line.quantity, split))
    return result


def carried_balances(session: Session, vendor_ids: list[int]) -> dict[int, list[CarriedBalance]]:
    """Negative balances of approved or paid payouts that no later payout has taken in yet.

    A draft's balance is not carried: a draft may still be discarded.
    """
    # few payouts are ever negative: all of them (partial index ``ix_payouts_negative_balance``, which
    # SQLite uses only for the literal condition and no ORDER BY), then this period's vendors
    statement = (
        select(Payout.id, Payout.payout_no, Payout.vendor_id, Payout.balance)
        .where(Payout.balance < literal_column("0"), Payout.status != "draft",
               ~exists().where(PayoutItem.carried_from_id == Payout.id))
    )
    wanted = set(vendor_ids)
    result: dict[int, list[CarriedBalance]] = {}
    for payout_id, payout_no, vendor_id, balance in sorted(session.connection().execute(statement)):
        if vendor_id in wanted:
            result.setdefault(vendor_id, []).append(CarriedBalance(payout_id, payout_no, balance))
    return result

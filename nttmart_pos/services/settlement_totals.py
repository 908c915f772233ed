"""Day-end totals per vendor, summed by the database: what the settlement summary shows for every vendor.

``settlement_figures`` builds every unsettled line (for the payout itself and
its PDF); the summary of all vendors needs only each vendor's sums, so here
the database adds them up, with the same rules line by line:

- a line's net is its total less its share of the sale discount;
- commission terms: the store keeps ``net × pct / 100`` rounded half up;
- harga setor: the vendor gets ``quantity × harga_setor`` (weighed goods: per
  kg, grams rounded half up), the store the rest;
- a weighed line counts as one piece.

Refunds (few) and carried balances come from the same functions the payout
uses.  ``tests/test_settlement_invariant.py`` checks the totals against the
line-by-line figures over random stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, case, exists, func, select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Sale, SaleLine, Vendor
from nttmart_pos.db.settlement_models import PayoutItem
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.periods import period_bounds
from nttmart_pos.domain.settlement import payable
from nttmart_pos.services.settlement_figures import carried_balances, check_period, refunded_lines, vendor_ids_for
from nttmart_pos.services.settlement_marks import open_from_both


@dataclass(frozen=True)
class VendorTotals:
    """One vendor's unsettled sums for a period: the numbers of ``VendorFigures`` without the lines."""

    vendor_id: int
    vendor_code: str
    vendor_name: str
    payout_method: str
    payout_account: str
    date_from: date
    date_to: date
    units: int
    gross: int
    refunds_total: int
    commission: int
    vendor_amount: int
    carried_in: int

    @property
    def balance(self) -> int:
        return self.vendor_amount + self.carried_in

    @property
    def amount(self) -> int:
        return payable(self.balance)


def settlement_totals(uow: UnitOfWork, date_from: date, date_to: date,
                      vendor_codes: list[str] | None = None) -> list[VendorTotals]:
    """Per vendor with unsettled sales or refunds up to ``date_to``: the sums ``settlement_figures``
    would give (units, gross, refunds, commission, vendor share, carried in); vendors in code order."""
    check_period(date_from, date_to)
    with uow:
        return unsettled_totals(uow.session, date_from, date_to, vendor_codes)


def unsettled_totals(session: Session, date_from: date, date_to: date,
                     vendor_codes: list[str] | None = None) -> list[VendorTotals]:
    """``settlement_totals`` inside the caller's transaction."""
    vendor_ids = vendor_ids_for(session, vendor_codes) if vendor_codes is not None else None
    _start, end = period_bounds(date_to, date_to)
    first_sale_line, first_refund_line = open_from_both(session)
    connection = session.connection()  # plain rows, no ORM: this runs for every vendor at every refresh
    params = {"first_line": first_sale_line, "end": end}
    statement = _SALES_SUMS[connection.dialect.name]
    if vendor_ids is not None:
        statement = statement.where(SaleLine.vendor_id.in_(vendor_ids))
    rows = connection.execute(statement, params)
    sums = {vendor_id: rest for vendor_id, *rest in rows}
    refunds = {vendor_id: (sum(line.split.amount for line in lines), sum(line.split.vendor_amount for line in lines),
                           sum(line.split.commission for line in lines))
               for vendor_id, lines in refunded_lines(session, end, vendor_ids, first_refund_line).items()}
    active = sorted(set(sums) | set(refunds))
    if not active:
        return []
    carried = {vendor_id: sum(carry.amount for carry in carries)
               for vendor_id, carries in carried_balances(session, active).items()}
    # every vendor (a few hundred rows), kept if active: cheaper than binding hundreds of ids in an IN list
    wanted = set(active)
    vendors = connection.execute(select(Vendor.id, Vendor.code, Vendor.name, Vendor.payout_method,
                                        Vendor.payout_account))
    result = []
    for vendor_id, code, name, method, account in vendors:
        if vendor_id not in wanted:
            continue
        units, gross, vendor_part = sums.get(vendor_id, _NOTHING)
        refunded, refunded_vendor, refunded_store = refunds.get(vendor_id, _NOTHING)
        result.append(VendorTotals(
            vendor_id, code, name, method, account, date_from, date_to, units=int(units), gross=int(gross),
            refunds_total=refunded, commission=int(gross) - int(vendor_part) - refunded_store,
            vendor_amount=int(vendor_part) - refunded_vendor, carried_in=carried.get(vendor_id, 0)))
    return sorted(result, key=lambda totals: totals.vendor_code)


_NOTHING = (0, 0, 0)


def _sales_sums(dialect: str):
    """Per vendor: pieces, net and the vendor's part of the open sale lines from ``first_line`` before ``end``."""
    # quantity, totals and harga setor are BIGINT columns: grams x price per kg, or net x percent, may pass 2^31
    net = SaleLine.line_total - SaleLine.sale_discount_share
    setor = SaleLine.quantity * func.coalesce(SaleLine.harga_setor, 0)
    vendor_part = case(
        (SaleLine.terms == "harga_setor",
         case((SaleLine.measure == "weight", (setor + 500) // 1000), else_=setor)),
        else_=net - (net * func.coalesce(SaleLine.commission_pct, 0) + 50) // 100)
    pieces = case((SaleLine.measure == "weight", 1), else_=SaleLine.quantity)
    sums = (func.sum(pieces), func.sum(net), func.sum(vendor_part))
    open_line = (SaleLine.id >= bindparam("first_line"), ~exists().where(PayoutItem.sale_line_id == SaleLine.id))
    if dialect == "postgresql":
        # the sale's time looked up per open line: joined, the planner hash-joins a year of sales (8 ms, not 6.5)
        sold_at = select(Sale.created_at).where(Sale.id == SaleLine.sale_id).scalar_subquery()
        return (select(SaleLine.vendor_id, *sums).where(*open_line, sold_at < bindparam("end"))
                .group_by(SaleLine.vendor_id))
    # grouped by ``vendor_id + 0``: on ``vendor_id`` itself SQLite's planner walks the vendor index over
    # the whole year instead of the open tail by primary key (70 ms instead of 2)
    vendor = (SaleLine.vendor_id + 0).label("vendor")
    return (select(vendor, *sums).join(Sale, Sale.id == SaleLine.sale_id)
            .where(*open_line, Sale.created_at < bindparam("end")).group_by(vendor))


_SALES_SUMS = {dialect: _sales_sums(dialect) for dialect in ("sqlite", "postgresql")}

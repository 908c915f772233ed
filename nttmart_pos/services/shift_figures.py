"""The read side of shifts: the figures of a shift at any moment (X report) and
the stored, unchangeable figures of closed shifts (Z reports).

Nothing here writes: an X report can be taken as often as wanted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Payment, Sale, utcnow
from nttmart_pos.db.settlement_models import CashMovement, Refund, Shift, ZReport
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cashup import expected_cash
from nttmart_pos.domain.periods import local_date
from nttmart_pos.domain.shift_report import (
    X_REPORT,
    CashierTotal,
    CashMovementLine,
    MethodTotal,
    ShiftReport,
)
from nttmart_pos.errors import NotFoundError
from nttmart_pos.i18n import _

# The order payment methods are listed in on a report.
METHOD_ORDER = ("cash", "qris", "card", "transfer", "ewallet", "marketplace")


def find_open_shift(session: Session, terminal: str, *, lock: bool = False) -> Shift | None:
    """The open shift of ``terminal``, if any; ``lock`` holds its row until commit (PostgreSQL).

    ``FOR UPDATE`` also waits for a sale being recorded on the shift (its
    foreign key holds a share lock), so a closing never misses a sale that
    started before it.
    """
    query = select(Shift).where(Shift.terminal == terminal, Shift.status == "open")
    return session.scalar(query.with_for_update() if lock else query)


def _int(value) -> int:
    # PostgreSQL returns SUM(bigint) as a Decimal
    return int(value or 0)


def _method_key(total: MethodTotal) -> tuple[int, str]:
    order = METHOD_ORDER.index(total.method) if total.method in METHOD_ORDER else len(METHOD_ORDER)
    return order, total.method


def _method_totals(session: Session, query) -> tuple[MethodTotal, ...]:
    totals = [MethodTotal(method, _int(count), _int(amount)) for method, count, amount in session.execute(query)]
    return tuple(sorted(totals, key=_method_key))


def cash_in_drawer(session: Session, shift: Shift) -> int:
    """The cash the drawer of ``shift`` should hold right now (float + cash sales - cash refunds +/- in/out)."""
    cash_sales = _int(session.scalar(
        select(func.sum(Payment.amount)).join(Sale, Payment.sale_id == Sale.id)
        .where(Sale.shift_id == shift.id, Payment.method == "cash")))
    cash_refunds = _int(session.scalar(
        select(func.sum(Refund.total)).where(Refund.shift_id == shift.id, Refund.method == "cash")))
    moved = dict(session.execute(select(CashMovement.kind, func.sum(CashMovement.amount))
                                 .where(CashMovement.shift_id == shift.id).group_by(CashMovement.kind)).all())
    return expected_cash(shift.opening_float, cash_sales, cash_refunds, _int(moved.get("in")),
                         _int(moved.get("out")))


def compute_report(session: Session, shift: Shift, *, now: datetime | None = None) -> ShiftReport:
    """The figures of ``shift`` as they stand (an X report); writes nothing."""
    count, gross, discounts = session.execute(
        select(func.count(Sale.id), func.sum(Sale.subtotal), func.sum(Sale.discount))
        .where(Sale.shift_id == shift.id)).one()
    payments = _method_totals(session, select(Payment.method, func.count(Payment.id), func.sum(Payment.amount))
                              .join(Sale, Payment.sale_id == Sale.id).where(Sale.shift_id == shift.id)
                              .group_by(Payment.method))
    refunds = _method_totals(session, select(Refund.method, func.count(Refund.id), func.sum(Refund.total))
                             .where(Refund.shift_id == shift.id).group_by(Refund.method))
    cashiers = tuple(sorted((CashierTotal(cashier_id, name, _int(sales), _int(total))
                             for cashier_id, name, sales, total in session.execute(
                                 select(Sale.cashier_id, func.max(Sale.cashier_name), func.count(Sale.id),
                                        func.sum(Sale.total))
                                 .where(Sale.shift_id == shift.id).group_by(Sale.cashier_id))),
                            key=lambda c: (c.name.lower(), c.cashier_id)))
    movements = tuple(CashMovementLine(m.kind, m.amount, m.reason, m.created_at, m.payout_id)
                      for m in session.scalars(select(CashMovement).where(CashMovement.shift_id == shift.id)
                                               .order_by(CashMovement.created_at, CashMovement.id)))
    receipts = select(Sale.receipt_no).where(Sale.shift_id == shift.id).limit(1)
    first = session.scalar(receipts.order_by(Sale.number, Sale.id)) or ""
    last = session.scalar(receipts.order_by(Sale.number.desc(), Sale.id.desc())) or ""
    cash_sales = sum(p.amount for p in payments if p.method == "cash")
    cash_refunds = sum(r.amount for r in refunds if r.method == "cash")
    cash_in = sum(m.amount for m in movements if m.kind == "in")
    cash_out = sum(m.amount for m in movements if m.kind == "out")
    refunds_total = sum(r.amount for r in refunds)
    gross, discounts = _int(gross), _int(discounts)
    return ShiftReport(
        kind=X_REPORT, z_no="", shift_id=shift.id, terminal=shift.terminal, cashier_id=shift.cashier_id,
        cashier_name=shift.cashier_name, opened_at=shift.opened_at, closed_at=shift.closed_at,
        generated_at=now or utcnow(), business_date=local_date(shift.opened_at),
        opening_float=shift.opening_float, sales_count=_int(count), gross=gross, discounts=discounts,
        refunds_count=sum(r.count for r in refunds), refunds_total=refunds_total,
        net=gross - discounts - refunds_total, payments=payments, refund_methods=refunds, cashiers=cashiers,
        cash_sales=cash_sales, cash_refunds=cash_refunds, cash_in=cash_in, cash_out=cash_out,
        expected_cash=expected_cash(shift.opening_float, cash_sales, cash_refunds, cash_in, cash_out),
        first_receipt=first, last_receipt=last, movements=movements)


def stored_report(session: Session, shift_id: int) -> ShiftReport | None:
    """The Z report of a closed shift, parsed back from its stored figures."""
    figures = session.scalar(select(ZReport.figures).where(ZReport.shift_id == shift_id))
    return None if figures is None else ShiftReport.from_json(figures)


def shift_figures(uow: UnitOfWork, shift: int | str) -> ShiftReport:
    """The figures of a shift (by id) or of a terminal's open shift (by terminal id).

    An open shift gives its X report as of now; a closed shift gives the
    figures fixed in its Z report, never a recount.
    """
    with uow:
        session = uow.session
        if isinstance(shift, str):
            found = find_open_shift(session, shift.strip())
            if found is None:
                raise NotFoundError(_("Tidak ada shift yang terbuka di terminal {terminal}", terminal=shift))
        else:
            found = session.get(Shift, shift)
            if found is None:
                raise NotFoundError(_("Shift nomor {id} tidak ada", id=shift))
        if found.status != "open":
            stored = stored_report(session, found.id)
            if stored is not None:
                return stored
        return compute_report(session, found)


def x_report(uow: UnitOfWork, terminal: str) -> ShiftReport:
    """The X report (figures so far, nothing closed) of the open shift on ``terminal``."""
    return shift_figures(uow, str(terminal))


def _z_query(business_date: date | None, terminal: str | None):
    query = select(ZReport.figures)
    if business_date is not None:
        query = query.where(ZReport.business_date == business_date)
    if terminal:
        query = query.where(ZReport.terminal == terminal.strip())
    return query


def z_reports(uow: UnitOfWork, *, business_date: date | None = None, terminal: str | None = None) -> list[ShiftReport]:
    """The Z reports of a business date and/or terminal (all if neither), oldest first."""
    with uow:
        rows = uow.session.scalars(_z_query(business_date, terminal).order_by(ZReport.created_at, ZReport.id))
        return [ShiftReport.from_json(figures) for figures in rows]


def last_z_report(uow: UnitOfWork, terminal: str | None = None) -> ShiftReport | None:
    """The most recent closing (of ``terminal``, or of any terminal), or None before the first one."""
    with uow:
        figures = uow.session.scalar(_z_query(None, terminal).order_by(ZReport.created_at.desc(),
                                                                        ZReport.id.desc()).limit(1))
        return None if figures is None else ShiftReport.from_json(figures)


def z_report(uow: UnitOfWork, z_no: str | None = None, *, business_date: date | None = None,
             terminal: str | None = None) -> ShiftReport:
    """One Z report: by number, else the last one of ``business_date`` and/or ``terminal``.

    ``NotFoundError`` names what was looked for when there is none.
    """
    if z_no:
        with uow:
            figures = uow.session.scalar(select(ZReport.figures).where(func.upper(ZReport.z_no) == z_no.strip().upper()))
        if figures is None:
            raise NotFoundError(_("Laporan Z {number} tidak ada", number=z_no))
        return ShiftReport.from_json(figures)
    found = z_reports(uow, business_date=business_date, terminal=terminal)
    if not found:
        raise NotFoundError(no_z_report_message(business_date, terminal))
    return found[-1]


def no_z_report_message(business_date: date | None, terminal: str | None) -> str:
    if business_date is not None and terminal:
        return _("Belum ada laporan Z terminal {terminal} untuk tanggal {date}", terminal=terminal,
                 date=business_date.strftime("%d-%m-%Y"))
    if business_date is not None:
        return _("Belum ada laporan Z untuk tanggal {date}", date=business_date.strftime("%d-%m-%Y"))
    if terminal:
        return _("Belum ada laporan Z terminal {terminal}", terminal=terminal)
    return _("Belum ada laporan Z")

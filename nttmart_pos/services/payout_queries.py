"""Reading payouts back: the payout document (saved or preview), lists and the period summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Sale, SaleLine, User, Vendor, utcnow
from nttmart_pos.db.settlement_models import PAYOUT_STATUSES, Payout, PayoutItem, Refund, RefundLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.payout_document import PayoutDocument, PayoutLine, PayoutRefund
from nttmart_pos.domain.periods import local_date
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.settlement_figures import VendorFigures, check_period, earliest_late_day
from nttmart_pos.services.settlement_totals import VendorTotals, unsettled_totals

PREVIEW = "preview"


@dataclass(frozen=True)
class PayoutInfo:
    """One row of a payout list or summary; ``status`` "preview" (no number) for unsaved figures."""

    payout_no: str
    status: str
    vendor_code: str
    vendor_name: str
    period_from: date
    period_to: date
    units: int
    gross: int
    refunds: int
    commission: int
    carried_in: int
    balance: int
    amount: int
    payout_method: str  # how the vendor wants to be paid
    payout_account: str
    created_at: datetime | None = None
    paid_method: str = ""
    paid_reference: str = ""
    paid_on: date | None = None


@dataclass(frozen=True)
class PayoutSummary:
    """Every vendor's settlement of a period: saved payouts and what is still unsettled."""

    date_from: date
    date_to: date
    rows: tuple[PayoutInfo, ...]

    def _sum(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def units(self) -> int:
        return self._sum("units")

    @property
    def gross(self) -> int:
        return self._sum("gross")

    @property
    def refunds(self) -> int:
        return self._sum("refunds")

    @property
    def commission(self) -> int:
        return self._sum("commission")

    @property
    def carried_in(self) -> int:
        return self._sum("carried_in")

    @property
    def balance(self) -> int:
        return self._sum("balance")

    @property
    def amount(self) -> int:
        return self._sum("amount")


# (barcode, name, measure, unit price, terms, harga setor, commission pct) -> [qty, gross, commission, vendor]
_LineKey = tuple[str, str, str, int, str, int | None, int | None]


def _grouped(entries: list[tuple[_LineKey, int, int, int, int]]) -> tuple[PayoutLine, ...]:
    """One document line per product, unit price and terms, in name order."""
    sums: dict[_LineKey, list[int]] = {}
    for key, quantity, gross, commission, vendor_amount in entries:
        total = sums.setdefault(key, [0, 0, 0, 0])
        for index, value in enumerate((quantity, gross, commission, vendor_amount)):
            total[index] += value
    ordered = sorted(sums.items(), key=lambda item: (item[0][1].lower(), item[0][0], item[0][3], item[0][4]))
    return tuple(PayoutLine(barcode, name, measure, quantity, unit_price, gross, terms, setor, pct, commission,
                            vendor_amount)
                 for (barcode, name, measure, unit_price, terms, setor, pct), (quantity, gross, commission,
                                                                               vendor_amount) in ordered)


def _key(line) -> _LineKey:
    return (line.barcode, line.product_name, line.measure, line.unit_price, line.terms, line.harga_setor,
            line.commission_pct)


def preview_document(figures: VendorFigures, *, created_at: datetime | None = None) -> PayoutDocument:
    """The document of figures not saved as a payout (number "", status "preview")."""
    lines = _grouped([(_key(line), line.quantity, line.split.amount, line.split.commission,
                       line.split.vendor_amount) for line in figures.sales])
    refunds = tuple(PayoutRefund(r.refund_no, r.receipt_no, local_date(r.refunded_at), r.product_name, r.measure,
                                 r.quantity, r.split.amount, -r.split.vendor_amount) for r in figures.refunds)
    return PayoutDocument(
        payout_no="", status=PREVIEW, period_from=figures.date_from, period_to=figures.date_to,
        created_at=created_at or utcnow(), vendor_code=figures.vendor_code, vendor_name=figures.vendor_name,
        vendor_owner=figures.vendor_owner, vendor_phone=figures.vendor_phone,
        vendor_regency=figures.vendor_regency, payout_method=figures.payout_method,
        payout_account=figures.payout_account, lines=lines, refunds=refunds, units=figures.units,
        gross=figures.gross, refunds_total=figures.refunds_total, commission=figures.commission,
        carried_in=figures.carried_in, balance=figures.balance, amount=figures.amount,
        late_sales_from=figures.late_sales_from)


def _find(session: Session, payout_no: str) -> Payout:
    payout = session.scalar(select(Payout).where(Payout.payout_no == (payout_no or "").strip().upper()))
    if payout is None:
        raise NotFoundError(_("Setoran {payout_no} tidak ditemukan", payout_no=payout_no))
    return payout


def payout_document(uow: UnitOfWork, payout_no: str) -> PayoutDocument:
    """The saved payout ``payout_no`` as its document: products, refunds, carried balance, totals."""
    with uow:
        session = uow.session
        payout = _find(session, payout_no)
        vendor = session.get(Vendor, payout.vendor_id)
        sold = session.execute(select(PayoutItem, SaleLine, Sale.created_at)
                               .join(SaleLine, SaleLine.id == PayoutItem.sale_line_id)
                               .join(Sale, Sale.id == SaleLine.sale_id)
                               .where(PayoutItem.payout_id == payout.id)).all()
        lines = _grouped([(_key(line), item.quantity, item.gross, item.commission, item.vendor_amount)
                          for item, line, _sold_at in sold])
        refunded = session.execute(
            select(PayoutItem, Refund.refund_no, Refund.created_at, SaleLine, Sale.receipt_no)
            .join(RefundLine, RefundLine.id == PayoutItem.refund_line_id)
            .join(Refund, Refund.id == RefundLine.refund_id)
            .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(PayoutItem.payout_id == payout.id).order_by(PayoutItem.refund_line_id)).all()
        refunds = tuple(PayoutRefund(refund_no, receipt_no, local_date(refunded_at), line.product_name,
                                     line.measure, item.quantity, -item.gross, item.vendor_amount)
                        for item, refund_no, refunded_at, line, receipt_no in refunded)
        approver = session.scalar(select(User.full_name).where(User.id == payout.approved_by))
        return PayoutDocument(
            payout_no=payout.payout_no, status=payout.status, period_from=payout.period_from,
            period_to=payout.period_to, created_at=payout.created_at, vendor_code=vendor.code,
            vendor_name=vendor.name, vendor_owner=vendor.owner, vendor_phone=vendor.phone,
            vendor_regency=vendor.regency, payout_method=vendor.payout_method,
            payout_account=vendor.payout_account, lines=lines, refunds=refunds, units=payout.units,
            gross=payout.gross, refunds_total=payout.refunds, commission=payout.commission,
            carried_in=payout.carried_in, balance=payout.balance, amount=payout.amount,
            approved_by=approver or "", paid_method=payout.paid_method or "",
            paid_reference=payout.paid_reference or "", paid_on=payout.paid_on,
            late_sales_from=earliest_late_day((local_date(sold_at) for *_row, sold_at in sold), payout.period_from))


def _info(payout: Payout, vendor: Vendor) -> PayoutInfo:
    return PayoutInfo(payout.payout_no, payout.status, vendor.code, vendor.name, payout.period_from,
                      payout.period_to, payout.units, payout.gross, payout.refunds, payout.commission,
                      payout.carried_in, payout.balance, payout.amount, vendor.payout_method,
                      vendor.payout_account, payout.created_at, payout.paid_method or "",
                      payout.paid_reference or "", payout.paid_on)


def _preview_info(figures: VendorTotals) -> PayoutInfo:
    return PayoutInfo("", PREVIEW, figures.vendor_code, figures.vendor_name, figures.date_from, figures.date_to,
                      figures.units, figures.gross, figures.refunds_total, figures.commission,
                      figures.carried_in, figures.balance, figures.amount, figures.payout_method,
                      figures.payout_account)


def _saved(session: Session, status: str | None, vendor_code: str | None, date_from: date | None,
           date_to: date | None) -> list[PayoutInfo]:
    statement = select(Payout, Vendor).join(Vendor, Vendor.id == Payout.vendor_id).order_by(Payout.id)
    if status is not None:
        statement = statement.where(Payout.status == status)
    if vendor_code is not None:
        statement = statement.where(Vendor.code == vendor_code.strip().upper())
    if date_from is not None:
        statement = statement.where(Payout.period_to >= date_from)
    if date_to is not None:
        statement = statement.where(Payout.period_from <= date_to)
    return [_info(payout, vendor) for payout, vendor in session.execute(statement)]


def list_payouts(uow: UnitOfWork, status: str | None = None, vendor_code: str | None = None,
                 date_from: date | None = None, date_to: date | None = None) -> list[PayoutInfo]:
    """Saved payouts, oldest first; the dates keep those whose period overlaps them."""
    if status is not None and status not in PAYOUT_STATUSES:
        raise ValidationError(_("Status setoran tidak dikenal: {status}. Pilih salah satu: {choices}",
                                status=status, choices=", ".join(PAYOUT_STATUSES)))
    if date_from is not None and date_to is not None:
        check_period(date_from, date_to)
    with uow:
        return _saved(uow.session, status, vendor_code, date_from, date_to)


def payout_summary(uow: UnitOfWork, date_from: date, date_to: date) -> PayoutSummary:
    """Every vendor of the period: its saved payouts (period overlapping) and, as previews,
    what is still unsettled in it; vendors in code order."""
    check_period(date_from, date_to)
    with uow:
        session = uow.session
        rows = _saved(session, None, None, date_from, date_to)
        rows += [_preview_info(totals) for totals in unsettled_totals(session, date_from, date_to)]
    rows.sort(key=lambda row: (row.vendor_code, row.period_from, row.payout_no == "", row.payout_no))
    return PayoutSummary(date_from, date_to, tuple(rows))

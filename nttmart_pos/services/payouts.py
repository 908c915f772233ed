"""The payout (setoran) lifecycle: draft -> approved -> paid, each sale line settled once.

A draft holds its sale lines, refund lines and carried balance as payout
items; the database refuses any line (or carried balance) in two payouts,
so even two managers settling at the same moment cannot pay a Rupiah twice.

Drafting, discarding and approving need ``SETTLEMENT_APPROVE``, paying
``SETTLEMENT_PAY``; each step is journalled (``payout.draft`` per payout,
``payout.discard``, ``payout.approve``, ``payout.pay``) as the last write of
its transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Vendor, utcnow
from nttmart_pos.db.settlement_models import PAYOUT_METHODS, Payout, PayoutItem
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.settlement import payable
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services import settlement_marks
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import SETTLEMENT_APPROVE, SETTLEMENT_PAY, require
from nttmart_pos.services.settlement_figures import VendorFigures, check_period, unsettled_figures
from nttmart_pos.services.shifts import record_cash_out, require_open_shift

MAX_REFERENCE = 80


def payout_number(year: int, number: int) -> str:
    """2026, 1 -> ``PO-2026-000001``."""
    return f"PO-{year:04d}-{number:06d}"


def create_payouts(uow: UnitOfWork, user: UserInfo, date_from: date, date_to: date,
                   vendor_codes: list[str] | None = None) -> list[str]:
    """Draft one payout per vendor with unsettled sales or refunds in the period; their numbers.

    A vendor whose only figure is a carried negative balance gets no payout
    (it waits for the next one with sales).  All or nothing.
    """
    require(user, SETTLEMENT_APPROVE)
    check_period(date_from, date_to)
    with uow:
        session = uow.session
        figures = [f for f in unsettled_figures(session, date_from, date_to, vendor_codes) if f.has_lines]
        for vendor_figures in figures:
            _refuse_overlap(session, vendor_figures)
        now = utcnow()
        year = now.astimezone().year
        numbers = []
        try:
            payouts = []
            for vendor_figures in figures:
                number = payout_number(year, next_value(session, f"payout:{year:04d}"))
                payouts.append((_add_payout(session, vendor_figures, number, user, now), vendor_figures))
                numbers.append(number)
            session.flush()
        except IntegrityError as exc:
            raise ValidationError(_("Setoran tidak dibuat: sebagian penjualan atau pengembalian uang periode "
                                    "{date_from} sampai {date_to} baru saja masuk setoran lain. "
                                    "Muat ulang lalu coba lagi.",
                                    date_from=date_from.isoformat(), date_to=date_to.isoformat())) from exc
        settlement_marks.advance(session)  # the next day-end reads only from the first line still open
        for payout, vendor_figures in payouts:
            append(session, "payout.draft", _draft_data(payout, vendor_figures), user=user, ref=payout.payout_no)
        uow.commit()
        return numbers


def _draft_data(payout: Payout, figures: VendorFigures) -> dict:
    return {"vendor": figures.vendor_code, "period_from": payout.period_from.isoformat(),
            "period_to": payout.period_to.isoformat(), "units": payout.units, "gross": payout.gross,
            "refunds": payout.refunds, "commission": payout.commission, "carried_in": payout.carried_in,
            "balance": payout.balance, "amount": payout.amount}


def _refuse_overlap(session: Session, figures: VendorFigures) -> None:
    other = session.scalar(
        select(Payout).where(Payout.vendor_id == figures.vendor_id, Payout.period_from <= figures.date_to,
                             Payout.period_to >= figures.date_from).order_by(Payout.id).limit(1))
    if other is not None:
        raise ValidationError(_(
            "Periode {date_from} sampai {date_to} untuk UMKM {code} bertumpang tindih dengan setoran "
            "{payout_no} (periode {other_from} sampai {other_to}, status {status})",
            date_from=figures.date_from.isoformat(), date_to=figures.date_to.isoformat(),
            code=figures.vendor_code, payout_no=other.payout_no, other_from=other.period_from.isoformat(),
            other_to=other.period_to.isoformat(), status=status_label(other.status)))


def _add_payout(session: Session, figures: VendorFigures, number: str, user: UserInfo, now) -> Payout:
    payout = Payout(payout_no=number, vendor_id=figures.vendor_id, period_from=figures.date_from,
                    period_to=figures.date_to, status="draft", created_at=now, created_by=user.id,
                    units=figures.units, gross=figures.gross, refunds=figures.refunds_total,
                    commission=figures.commission, carried_in=figures.carried_in, balance=figures.balance,
                    amount=figures.amount)
    session.add(payout)
    session.flush()
    for line in figures.sales:
        session.add(PayoutItem(payout_id=payout.id, kind="sale", sale_line_id=line.sale_line_id,
                               quantity=line.quantity, gross=line.split.amount, commission=line.split.commission,
                               vendor_amount=line.split.vendor_amount))
    for refund in figures.refunds:
        # quantity stays positive (units given back); the money is negative
        session.add(PayoutItem(payout_id=payout.id, kind="refund", refund_line_id=refund.refund_line_id,
                               quantity=refund.quantity, gross=-refund.split.amount,
                               commission=-refund.split.commission, vendor_amount=-refund.split.vendor_amount))
    for carry in figures.carried:
        session.add(PayoutItem(payout_id=payout.id, kind="carry", carried_from_id=carry.payout_id,
                               vendor_amount=carry.amount))
    return payout


def status_label(status: str) -> str:
    return {"draft": _("draf"), "approved": _("disetujui"), "paid": _("dibayar")}.get(status, status)


def _locked_payout(session: Session, payout_no: str) -> Payout:
    payout = session.scalar(select(Payout).where(Payout.payout_no == (payout_no or "").strip().upper())
                            .with_for_update())
    if payout is None:
        raise NotFoundError(_("Setoran {payout_no} tidak ditemukan", payout_no=payout_no))
    return payout


def discard_draft(uow: UnitOfWork, user: UserInfo, payout_no: str) -> None:
    """Delete a draft payout; its lines are free to be settled again."""
    require(user, SETTLEMENT_APPROVE)
    with uow:
        session = uow.session
        payout = _locked_payout(session, payout_no)
        if payout.status != "draft":
            raise ValidationError(_("Setoran {payout_no} sudah {status}; hanya draf yang dapat dibatalkan",
                                    payout_no=payout.payout_no, status=status_label(payout.status)))
        number, amount = payout.payout_no, payout.amount
        held = session.execute(select(PayoutItem.sale_line_id, PayoutItem.refund_line_id)
                               .where(PayoutItem.payout_id == payout.id)).all()
        settlement_marks.release(session, [sale for sale, _refund in held], [refund for _sale, refund in held])
        session.execute(delete(PayoutItem).where(PayoutItem.payout_id == payout.id))
        session.delete(payout)
        session.flush()
        append(session, "payout.discard", {"amount": amount}, user=user, ref=number)
        uow.commit()


def approve_payout(uow: UnitOfWork, user: UserInfo, payout_no: str) -> None:
    """Draft -> approved; a payout is approved once."""
    require(user, SETTLEMENT_APPROVE)
    with uow:
        payout = _locked_payout(uow.session, payout_no)
        if payout.status != "draft":
            raise ValidationError(_("Setoran {payout_no} sudah {status}; tidak dapat disetujui lagi",
                                    payout_no=payout.payout_no, status=status_label(payout.status)))
        payout.status = "approved"
        payout.approved_at = utcnow()
        payout.approved_by = user.id
        uow.session.flush()
        append(uow.session, "payout.approve", {"amount": payout.amount, "balance": payout.balance}, user=user,
               ref=payout.payout_no)
        uow.commit()


def pay_payout(uow: UnitOfWork, user: UserInfo, payout_no: str, method: str, reference: str, paid_on: date, *,
               terminal: str | None = None) -> None:
    """Approved -> paid, by ``method`` ("cash" from the drawer of ``terminal``, "transfer", "ewallet").

    A payout of amount 0 (a negative balance) is closed as paid with nothing
    handed over; its balance carries into the vendor's next payout.  Cash
    needs an open shift on ``terminal``: it leaves the drawer as a cash-out
    linked to the payout, so the cash-up expects it.
    """
    require(user, SETTLEMENT_PAY)
    if method not in PAYOUT_METHODS:
        raise ValidationError(_("Cara pembayaran setoran tidak dikenal: {method}. Pilih salah satu: {choices}",
                                method=method, choices=", ".join(PAYOUT_METHODS)))
    reference = (reference or "").strip()
    if len(reference) > MAX_REFERENCE:
        raise ValidationError(_("Referensi pembayaran paling panjang {max} karakter", max=MAX_REFERENCE))
    if not isinstance(paid_on, date):
        raise ValidationError(_("Tanggal pembayaran setoran harus berupa tanggal"))
    if paid_on > date.today():
        raise ValidationError(_("Tanggal pembayaran setoran {paid_on} masih di masa depan",
                                paid_on=paid_on.isoformat()))
    with uow:
        session = uow.session
        payout = _locked_payout(session, payout_no)
        if payout.status == "draft":
            raise ValidationError(_("Setoran {payout_no} belum disetujui; setujui dulu sebelum dibayar",
                                    payout_no=payout.payout_no))
        if payout.status == "paid":
            raise ValidationError(_("Setoran {payout_no} sudah dibayar pada {paid_on}; tidak dapat dibayar lagi",
                                    payout_no=payout.payout_no, paid_on=_paid_on_text(payout)))
        if payout.amount != payable(payout.balance):
            raise ValidationError(_("Jumlah setoran {payout_no} tidak cocok dengan saldonya; hubungi admin",
                                    payout_no=payout.payout_no))
        if payout.amount > 0 and method in ("transfer", "ewallet") and not reference:
            raise ValidationError(_("Isi nomor referensi transfer atau e-wallet untuk setoran {payout_no}",
                                    payout_no=payout.payout_no))
        if payout.amount > 0 and method == "cash":
            _cash_out(session, user, payout, terminal)
        payout.status = "paid"
        payout.paid_at = utcnow()
        payout.paid_by = user.id
        payout.paid_method = method
        payout.paid_reference = reference
        payout.paid_on = paid_on
        session.flush()
        append(session, "payout.pay", {"method": method, "reference": reference, "amount": payout.amount,
                                       "paid_on": paid_on.isoformat()},
               user=user, terminal=(terminal or "").strip() if method == "cash" else "", ref=payout.payout_no)
        uow.commit()


def _paid_on_text(payout: Payout) -> str:
    return payout.paid_on.isoformat() if payout.paid_on else "-"


def _cash_out(session: Session, user: UserInfo, payout: Payout, terminal: str | None) -> None:
    """Take the payout's cash out of the drawer of the open shift on ``terminal``, in this transaction."""
    if not (terminal or "").strip():
        raise ValidationError(_("Pembayaran tunai setoran {payout_no}: pilih terminal kasir yang lacinya dipakai",
                                payout_no=payout.payout_no))
    shift = require_open_shift(session, terminal)
    vendor_name = session.scalar(select(Vendor.name).where(Vendor.id == payout.vendor_id))
    record_cash_out(session, shift, payout.amount,
                    _("Pembayaran setoran {payout_no} ke {vendor}", payout_no=payout.payout_no,
                      vendor=vendor_name)[:200], payout.id, user)

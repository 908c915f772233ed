"""Shifts and their cash: opening with a float, cash in/out with a reason, and
closing with a drawer count that writes one numbered, unchangeable Z report.

A closed shift is final: every function here refuses to touch one (closing
again, cash movements).  The figures themselves come from
``services.shift_figures``.

Cash in/out needs a supervisor (``permissions.CASH_IN_OUT``); a cashier gets
it with a supervisor's PIN (an ``Approval``).  Opening, cash in/out and the
Z report are journalled, each as the last write of its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nttmart_pos.db.models import User, utcnow
from nttmart_pos.db.settlement_models import CashMovement, Payout, Shift, ZReport
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cashup import count_total, full_counts, variance
from nttmart_pos.domain.money import ensure_rupiah, format_rupiah
from nttmart_pos.domain.periods import local_date
from nttmart_pos.domain.shift_report import Z_REPORT, ShiftReport, local_moment, z_counter, z_number
from nttmart_pos.errors import NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.journal import append
from nttmart_pos.services.journal_events import journal_z_report
from nttmart_pos.services.permissions import CASH_IN_OUT, CLOSE_SHIFT, ROLE_RANK, Approval, require
from nttmart_pos.services.shift_figures import cash_in_drawer, compute_report, find_open_shift

MOVEMENT_KINDS = ("in", "out")
MAX_REASON = 200  # the column's size
MAX_NOTE = 500


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    terminal: str
    cashier_id: int
    cashier_name: str
    opened_at: datetime  # UTC
    opening_float: int
    status: str  # "open" or "closed"
    closed_at: datetime | None = None


@dataclass(frozen=True)
class CashMovementInfo:
    id: int
    shift_id: int
    kind: str
    amount: int
    reason: str
    created_at: datetime
    payout_id: int | None
    expected_cash: int  # what the drawer should hold after this movement


@dataclass(frozen=True)
class ZReportInfo:
    z_no: str
    shift_id: int
    terminal: str
    business_date: date
    expected_cash: int
    counted_cash: int
    variance: int  # counted - expected: negative is short (kurang)
    report: ShiftReport  # exactly what was stored


def _info(shift: Shift) -> ShiftInfo:
    return ShiftInfo(shift.id, shift.terminal, shift.cashier_id, shift.cashier_name, shift.opened_at,
                     shift.opening_float, shift.status, shift.closed_at)


def _terminal(terminal: str) -> str:
    terminal = (terminal or "").strip() if isinstance(terminal, str) else ""
    if not terminal:
        raise ValidationError(_("ID terminal tidak boleh kosong"))
    return terminal


def _busy_message(shift: Shift) -> str:
    return _("Terminal {terminal} masih punya shift terbuka: {name} sejak {since}. Tutup shift itu dulu.",
             terminal=shift.terminal, name=shift.cashier_name, since=local_moment(shift.opened_at))


def _no_open_shift(terminal: str) -> NotFoundError:
    return NotFoundError(_("Tidak ada shift yang terbuka di terminal {terminal}; buka shift dulu",
                           terminal=terminal))


def current_shift(uow: UnitOfWork, terminal: str) -> ShiftInfo | None:
    """The open shift of ``terminal``, or None (the till asks for an opening float then)."""
    with uow:
        shift = find_open_shift(uow.session, _terminal(terminal))
        return None if shift is None else _info(shift)


def open_shift(uow: UnitOfWork, user: UserInfo, terminal: str, opening_float: int) -> ShiftInfo:
    """Open ``user``'s shift on ``terminal`` with ``opening_float`` Rupiah in the drawer.

    One open shift per terminal: a second one is refused with the name of
    whoever has it open and since when (the database's partial unique index
    stops two tills racing for it too).
    """
    terminal = _terminal(terminal)
    ensure_rupiah(opening_float)
    with uow:
        session = uow.session
        busy = find_open_shift(session, terminal)
        if busy is not None:
            raise ValidationError(_busy_message(busy))
        shift = Shift(terminal=terminal, cashier_id=user.id, cashier_name=user.full_name, opened_at=utcnow(),
                      opening_float=opening_float, status="open")
        session.add(shift)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()  # another till opened it between our check and our insert
            busy = find_open_shift(session, terminal)
            raise ValidationError(_busy_message(busy) if busy else
                                  _("Terminal {terminal} sudah punya shift terbuka", terminal=terminal)) from None
        append(session, "shift.open", {"shift_id": shift.id, "float": opening_float}, user=user, terminal=terminal,
               ref=str(shift.id))
        uow.commit()
        return _info(shift)


def _closed_message(session: Session, shift: Shift) -> str:
    z_no = session.scalar(select(ZReport.z_no).where(ZReport.shift_id == shift.id)) or "-"
    return _("Shift {terminal} ({name}) sudah ditutup pada {closed} dengan laporan {z_no}; shift yang sudah "
             "ditutup tidak dapat diubah", terminal=shift.terminal, name=shift.cashier_name,
             closed=local_moment(shift.closed_at), z_no=z_no)


def ensure_open(session: Session, shift: Shift) -> None:
    """Refuse (``ValidationError`` naming its Z report) any change to a closed shift."""
    if shift.status != "open":
        raise ValidationError(_closed_message(session, shift))


def _may_handle(user: UserInfo, shift: Shift, action: str) -> None:
    """The shift's own cashier, or a supervisor, manager or admin."""
    if user is None or (user.id != shift.cashier_id and ROLE_RANK.get(user.role, -1) < ROLE_RANK["supervisor"]):
        raise PermissionDenied(_("Hanya kasir shift ini ({name}) atau supervisor/manajer yang boleh {action}",
                                 name=shift.cashier_name, action=action))


def require_open_shift(session: Session, terminal: str) -> Shift:
    """The open shift of ``terminal``, its row locked until commit; ``NotFoundError`` if there is none."""
    terminal = _terminal(terminal)
    shift = find_open_shift(session, terminal, lock=True)
    if shift is None:
        raise _no_open_shift(terminal)
    return shift


def _record(session: Session, shift: Shift, user: UserInfo, kind: str, amount: int, reason: str,
            payout_id: int | None) -> CashMovementInfo:
    if kind not in MOVEMENT_KINDS:
        raise ValidationError(_("Jenis kas harus masuk (in) atau keluar (out), bukan {kind}", kind=kind))
    ensure_rupiah(amount)
    if amount <= 0:
        raise ValidationError(_("Jumlah kas masuk/keluar harus lebih dari nol"))
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ValidationError(_("Alasan kas masuk/keluar wajib diisi"))
    if len(reason) > MAX_REASON:
        raise ValidationError(_("Alasan terlalu panjang: paling banyak {max} huruf", max=MAX_REASON))
    ensure_open(session, shift)
    _may_handle(user, shift, _("mencatat kas masuk/keluar"))
    if payout_id is not None:
        if kind != "out":
            raise ValidationError(_("Pembayaran UMKM hanya dapat dicatat sebagai kas keluar"))
        if session.get(Payout, payout_id) is None:
            raise NotFoundError(_("Pembayaran UMKM nomor {id} tidak ada", id=payout_id))
    in_drawer = cash_in_drawer(session, shift)
    if kind == "out" and amount > in_drawer:
        raise ValidationError(_("Kas keluar {amount} melebihi uang yang seharusnya ada di laci terminal {terminal} "
                                "({drawer})", amount=format_rupiah(amount), terminal=shift.terminal,
                                drawer=format_rupiah(in_drawer)))
    movement = CashMovement(shift_id=shift.id, kind=kind, amount=amount, reason=reason, payout_id=payout_id,
                            created_at=utcnow(), user_id=user.id)
    session.add(movement)
    session.flush()
    after = in_drawer + amount if kind == "in" else in_drawer - amount
    return CashMovementInfo(movement.id, shift.id, kind, amount, reason, movement.created_at, payout_id, after)


def record_cash_out(session: Session, shift: Shift, amount: int, reason: str, payout_id: int | None,
                    user: UserInfo) -> CashMovementInfo:
    """Take ``amount`` out of ``shift``'s drawer inside the caller's transaction (nothing committed here).

    For the settlement service when a vendor payout is paid in cash: get the
    drawer with ``require_open_shift(session, terminal)`` (which locks it),
    then call this with the payout's id, in the same transaction that marks
    the payout paid.  Refused (``PosError``) when the shift is closed, the
    user is neither its cashier nor a supervisor/manager, the reason is
    empty, or the drawer should not hold that much cash.
    """
    return _record(session, shift, user, "out", amount, reason, payout_id)


def cash_movement(uow: UnitOfWork, user: UserInfo, terminal: str, kind: str, amount: int, reason: str, *,
                  payout_id: int | None = None, approval: Approval | None = None) -> CashMovementInfo:
    """Put cash into (``kind="in"``) or take it out of (``"out"``) the drawer of ``terminal``'s open shift.

    A supervisor or above may; a cashier only with a supervisor's ``approval``
    (``auth.authorize_override(..., CASH_IN_OUT)``), whose name is journalled
    beside the cashier's (``cash.in`` / ``cash.out``).
    """
    approver = require(user, CASH_IN_OUT, approval)
    with uow:
        session = uow.session
        shift = require_open_shift(session, terminal)
        info = _record(session, shift, user, kind, amount, reason, payout_id)
        append(session, f"cash.{info.kind}", {"shift_id": shift.id, "amount": info.amount, "reason": info.reason,
                                               "payout_id": payout_id, "expected_cash": info.expected_cash},
               user=user, terminal=shift.terminal, ref=str(shift.id), approver=approver)
        uow.commit()
        return info


def _note(note: str) -> str:
    note = " ".join(str(note or "").split())
    if len(note) > MAX_NOTE:
        raise ValidationError(_("Catatan terlalu panjang: paling banyak {max} huruf", max=MAX_NOTE))
    return note


def _shift_to_close(session: Session, terminal: str, shift_id: int | None) -> Shift:
    if shift_id is None:
        return require_open_shift(session, terminal)
    shift = session.scalar(select(Shift).where(Shift.id == shift_id).with_for_update())
    if shift is None:
        raise NotFoundError(_("Shift nomor {id} tidak ada", id=shift_id))
    if shift.terminal != terminal:
        raise ValidationError(_("Shift nomor {id} milik terminal {other}, bukan {terminal}", id=shift_id,
                                other=shift.terminal, terminal=terminal))
    ensure_open(session, shift)
    return shift


def close_shift(uow: UnitOfWork, user: UserInfo, terminal: str, counts: dict[int, int], *, note: str = "",
                shift_id: int | None = None) -> ZReportInfo:
    """Close the open shift of ``terminal`` with the drawer counted by denomination.

    Stores expected cash, counted cash and the variance on the shift and
    writes its one Z report (``Z-T01-000001``, counter ``z:T01``) whose
    figures are the canonical JSON of the whole report.  ``shift_id``, when
    given, makes sure the shift the screen showed is the one closed (a
    closed one is refused).  Only the shift's cashier or a supervisor,
    manager or admin may close it (journalled as ``z_report``).
    """
    require(user, CLOSE_SHIFT)
    terminal = _terminal(terminal)
    counted = count_total(counts)
    counted_pieces = full_counts(counts)
    note = _note(note)
    with uow:
        session = uow.session
        shift = _shift_to_close(session, terminal, shift_id)
        _may_handle(user, shift, _("menutup shift"))
        closed_at = utcnow()
        figures = compute_report(session, shift, now=closed_at)
        difference = variance(counted, figures.expected_cash)
        z_no = z_number(terminal, next_value(session, z_counter(terminal)))
        closer = session.get(User, user.id)
        report = replace(figures, kind=Z_REPORT, z_no=z_no, closed_at=closed_at, counts=counted_pieces,
                         counted_cash=counted, variance=difference, note=note,
                         closed_by_name=closer.full_name if closer else user.full_name)
        shift.status = "closed"
        shift.closed_at = closed_at
        shift.closed_by = user.id
        shift.expected_cash = figures.expected_cash
        shift.counted_cash = counted
        z_report = ZReport(z_no=z_no, shift_id=shift.id, terminal=terminal, created_at=closed_at,
                           business_date=local_date(shift.opened_at), figures=report.to_json())
        session.add(z_report)
        journal_z_report(session, z_report, user)
        uow.commit()
        return ZReportInfo(z_no, shift.id, terminal, report.business_date, figures.expected_cash, counted,
                           difference, report)

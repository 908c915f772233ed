"""Refunds: money given back for goods of an earlier sale, numbered ``R-T01-000001``.

The sale is never edited: a refund is its own record with lines that point at
the sale lines.  The amounts come from ``domain.refunds.refund_line_split``
(cumulative, so refunding a line in steps gives back exactly its net), and the
sale's lines are locked while a refund is checked and written (row locks on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), so two refunds at once can never
give back more than was sold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from nttmart_pos.db.models import Payment, Sale, SaleLine, utcnow
from nttmart_pos.db.settlement_models import Refund, RefundLine, Shift
from nttmart_pos.db.retry import run_with_retry
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.refunds import line_net, refund_line_split
from nttmart_pos.domain.settlement import Split
from nttmart_pos.domain.stock_document import measured_text
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.checkout import receipt_number
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.journal_events import journal_refund
from nttmart_pos.services.permissions import REFUND, Approval, require
from nttmart_pos.services.stock import record_movement

REASON_MAX = 200  # refunds.reason is String(200)


@dataclass(frozen=True)
class RefundRequest:
    line_no: int  # the sale line's number on the receipt, from 1
    quantity: int  # pieces, or grams for weighed goods


@dataclass(frozen=True)
class RefundableLine:
    line_no: int
    barcode: str
    name: str
    measure: str  # "unit", "weight" (quantities in grams) or "price"
    unit_price: int
    quantity: int  # sold
    refunded: int  # already given back
    refundable: int  # still refundable: quantity - refunded
    net: int  # what the whole line brought in: line_total - sale_discount_share
    refundable_amount: int  # what refunding all that is left would give back


@dataclass(frozen=True)
class SalePayment:
    method: str
    amount: int  # the part of the sale it paid (cash without the change)


@dataclass(frozen=True)
class SaleForRefund:
    sale_id: int
    receipt_no: str
    created_at: datetime  # UTC-aware
    cashier_name: str
    terminal: str
    channel: str
    total: int
    payments: tuple[SalePayment, ...]
    lines: tuple[RefundableLine, ...]

    @property
    def refund_methods(self) -> tuple[str, ...]:
        """Where the money may go back: cash, or a method the sale was paid with."""
        return tuple(dict.fromkeys(["cash"] + [p.method for p in self.payments]))

    @property
    def fully_refunded(self) -> bool:
        return all(line.refundable == 0 for line in self.lines)


@dataclass(frozen=True)
class RefundedLine:
    line_no: int
    barcode: str
    name: str
    measure: str
    quantity: int
    amount: int


@dataclass(frozen=True)
class RefundResult:
    refund_id: int
    refund_no: str
    receipt_no: str
    created_at: datetime
    terminal: str
    method: str
    total: int
    restock: bool
    shift_id: int | None
    lines: tuple[RefundedLine, ...]
    approver_name: str = ""  # the supervisor who allowed a cashier's refund


@dataclass(frozen=True)
class RefundSummary:
    refund_no: str
    created_at: datetime
    terminal: str
    user_name: str
    method: str
    total: int
    restock: bool
    reason: str


@dataclass(frozen=True)
class RefundView:
    refund_no: str
    receipt_no: str
    created_at: datetime
    terminal: str
    user_name: str
    method: str
    total: int
    restock: bool
    reason: str
    shift_id: int | None
    lines: tuple[RefundedLine, ...]
    approver_name: str = ""


def refund_number(terminal: str, number: int) -> str:
    """``T01``, 1 -> ``R-T01-000001``."""
    return f"R-{receipt_number(terminal, number)}"


def _document_no(text: str) -> str:
    # typed or scanned from the receipt's Code128, in any case, maybe with spaces around
    return (text or "").strip().upper()


def _find_sale(session: Session, receipt_no: str) -> Sale:
    sale = session.scalar(select(Sale).where(Sale.receipt_no == _document_no(receipt_no))
                          .options(selectinload(Sale.lines), selectinload(Sale.payments)))
    if sale is None:
        raise NotFoundError(_("Struk {number} tidak ditemukan", number=(receipt_no or "").strip()))
    return sale


def _refunded(session: Session, sale_line_ids: Iterable[int]) -> dict[int, int]:
    """Quantity already given back per sale line."""
    rows = session.execute(select(RefundLine.sale_line_id, func.sum(RefundLine.quantity))
                           .where(RefundLine.sale_line_id.in_(list(sale_line_ids)))
                           .group_by(RefundLine.sale_line_id)).all()
    return {line_id: int(total or 0) for line_id, total in rows}


def refundable_lines(uow: UnitOfWork, receipt_no: str) -> SaleForRefund:
    """The sale of ``receipt_no`` with what is still refundable on each line."""
    with uow:
        sale = _find_sale(uow.session, receipt_no)
        refunded = _refunded(uow.session, [line.id for line in sale.lines])
        return _sale_for_refund(sale, refunded)


def _sale_for_refund(sale: Sale, refunded: dict[int, int]) -> SaleForRefund:
    lines = []
    for line in sale.lines:
        done = refunded.get(line.id, 0)
        left = line.quantity - done
        rest = refund_line_split(line, done, left).amount if left > 0 else 0
        lines.append(RefundableLine(line.line_no, line.barcode, line.product_name, line.measure, line.unit_price,
                                    line.quantity, done, left, line_net(line), rest))
    return SaleForRefund(sale.id, sale.receipt_no, sale.created_at, sale.cashier_name, sale.terminal, sale.channel,
                         sale.total, tuple(SalePayment(p.method, p.amount) for p in sale.payments), tuple(lines))


def _method_label(method: str) -> str:
    labels = {"cash": _("tunai"), "qris": _("QRIS"), "card": _("kartu"), "transfer": _("transfer bank"),
              "ewallet": _("dompet digital"), "marketplace": _("marketplace")}
    return labels.get(method, method)


def _check_method(sale: Sale, method: str) -> None:
    allowed = list(dict.fromkeys(["cash"] + [p.method for p in sale.payments]))
    if method not in allowed:
        raise ValidationError(_(
            "Uang hanya dapat dikembalikan tunai atau lewat metode pembayaran semula ({methods}), bukan {method}",
            methods=", ".join(_method_label(m) for m in allowed), method=_method_label(method) or "-"))


def _check_method_room(session: Session, sale: Sale, method: str, total: int) -> None:
    """A card, QRIS or transfer cannot take back more than it paid; cash always can."""
    if method == "cash":
        return
    paid = session.scalar(select(func.coalesce(func.sum(Payment.amount), 0))
                          .where(Payment.sale_id == sale.id, Payment.method == method))
    earlier = session.scalar(select(func.coalesce(func.sum(Refund.total), 0))
                             .where(Refund.sale_id == sale.id, Refund.method == method))
    room = int(paid or 0) - int(earlier or 0)
    if total > room:
        raise ValidationError(_(
            "Pengembalian {amount} lewat {method} melebihi sisa yang dibayar dengan {method} pada struk "
            "{receipt} ({room}); kembalikan tunai",
            amount=format_rupiah(total), method=_method_label(method), receipt=sale.receipt_no,
            room=format_rupiah(max(room, 0))))


def _requested(sale: Sale, by_no: dict[int, SaleLine], lines: list[RefundRequest]) -> dict[int, int]:
    """Quantity per sale line number, repeats added up; every request checked first."""
    wanted: dict[int, int] = {}
    for request in lines:
        line = by_no.get(request.line_no) if isinstance(request.line_no, int) else None
        if line is None:
            raise ValidationError(_("Struk {receipt} tidak punya baris {line_no}",
                                    receipt=sale.receipt_no, line_no=request.line_no))
        quantity = request.quantity
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise ValidationError(_("{name}: jumlah yang dikembalikan harus bilangan bulat "
                                    "(gram untuk barang timbangan), bukan {quantity}",
                                    name=line.product_name, quantity=quantity))
        if quantity <= 0:
            raise ValidationError(_("{name}: jumlah yang dikembalikan harus lebih dari nol, bukan {quantity}",
                                    name=line.product_name, quantity=quantity))
        wanted[line.line_no] = wanted.get(line.line_no, 0) + quantity
    return wanted


def _pieces(by_no: dict[int, SaleLine], wanted: dict[int, int],
            refunded: dict[int, int]) -> list[tuple[SaleLine, int, Split]]:
    pieces, too_many = [], []
    for line_no, quantity in wanted.items():
        line = by_no[line_no]
        done = refunded.get(line.id, 0)
        if done + quantity > line.quantity:
            too_many.append(_(
                "{name} ({barcode}): dikembalikan {quantity}, terjual {sold}, sudah dikembalikan {refunded}, "
                "sisa {left}",
                name=line.product_name, barcode=line.barcode, quantity=measured_text(quantity, line.measure),
                sold=measured_text(line.quantity, line.measure), refunded=measured_text(done, line.measure),
                left=measured_text(line.quantity - done, line.measure)))
            continue
        pieces.append((line, quantity, refund_line_split(line, done, quantity)))
    if too_many:
        raise ValidationError(_("Pengembalian ditolak, melebihi yang terjual: {details}",
                                details="; ".join(too_many)))
    return pieces


def _check_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Alasan pengembalian harus diisi"))
    if len(reason) > REASON_MAX:
        raise ValidationError(_("Alasan pengembalian paling panjang {max} huruf", max=REASON_MAX))
    return reason


def refund(uow: UnitOfWork, user: UserInfo, receipt_no: str, lines: list[RefundRequest], *, method: str,
           restock: bool, reason: str, terminal: str, now: datetime | None = None,
           approval: Approval | None = None) -> RefundResult:
    """Give money back for ``lines`` of the sale ``receipt_no``; all or nothing.

    ``uow`` must be a write unit of work.  ``method`` is "cash" or one of the
    sale's payment methods; ``restock`` puts the goods back on the shelf
    (a ``refunded`` stock movement), otherwise they are written off.  A
    cashier needs a supervisor's ``approval`` (``auth.authorize_override``
    for ``permissions.REFUND``); both names are recorded.
    """
    approver = require(user, REFUND, approval)
    if not lines:
        raise ValidationError(_("Pilih paling sedikit satu barang yang dikembalikan"))
    reason = _check_reason(reason)
    method = (method or "").strip().lower()
    def record() -> RefundResult:
        with uow:
            session = uow.session
            sale = _find_sale(session, receipt_no)
            _check_method(sale, method)
            # Locks every line of the sale until commit (a no-op clause on SQLite,
            # whose BEGIN IMMEDIATE already holds the write lock), so what was
            # refunded before is read after any concurrent refund has committed.
            locked = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id)
                                     .order_by(SaleLine.id).with_for_update()).all()
            by_no = {line.line_no: line for line in locked}
            wanted = _requested(sale, by_no, lines)
            pieces = _pieces(by_no, wanted, _refunded(session, [line.id for line in locked]))
            total = sum(piece.amount for _line, _quantity, piece in pieces)
            _check_method_room(session, sale, method, total)
            refund_no = refund_number(terminal, next_value(session, f"refund:{terminal}"))
            shift_id = session.scalar(select(Shift.id).where(Shift.terminal == terminal, Shift.status == "open"))
            row = Refund(refund_no=refund_no, sale_id=sale.id, terminal=terminal, shift_id=shift_id,
                         created_at=now or utcnow(), user_id=user.id, user_name=user.full_name, method=method,
                         total=total, restock=restock, reason=reason, approver_id=approver.id if approver else None,
                         approver_name=approver.full_name if approver else "")
            session.add(row)
            session.flush()
            for line, quantity, piece in pieces:
                session.add(RefundLine(refund_id=row.id, sale_line_id=line.id, vendor_id=line.vendor_id,
                                       quantity=quantity, amount=piece.amount))
            if restock:
                # product order, like the other stock postings, to keep lock order alike
                for line, quantity, _piece in sorted(pieces, key=lambda p: (p[0].product_id, p[0].id)):
                    record_movement(session, line.product_id, "refunded", quantity, sale_id=sale.id,
                                    user_id=user.id, reference=refund_no)
            from nttmart_pos.services.print_queue import enqueue_refund_receipt  # print_queue imports this module

            enqueue_refund_receipt(session, refund_no, terminal, kick_drawer=method == "cash")
            journal_refund(session, row, user, approver)  # the last write: takes the journal lock last
            uow.commit()
            refunded_lines = tuple(RefundedLine(line.line_no, line.barcode, line.product_name, line.measure,
                                                quantity, piece.amount) for line, quantity, piece in pieces)
            return RefundResult(row.id, refund_no, sale.receipt_no, row.created_at, terminal, method, total, restock,
                                shift_id, refunded_lines, row.approver_name)

    return run_with_retry(record, attempts=3)  # a deadlock with another till is run again


def refunds_of_sale(uow: UnitOfWork, receipt_no: str) -> list[RefundSummary]:
    """Every refund of the sale ``receipt_no``, oldest first."""
    with uow:
        sale = _find_sale(uow.session, receipt_no)
        rows = uow.session.scalars(select(Refund).where(Refund.sale_id == sale.id).order_by(Refund.id)).all()
        return [RefundSummary(r.refund_no, r.created_at, r.terminal, r.user_name, r.method, r.total, r.restock,
                              r.reason) for r in rows]


def refund_view(uow: UnitOfWork, refund_no: str) -> RefundView:
    """One refund with its lines (for the refund screen and receipt)."""
    with uow:
        session = uow.session
        row = session.scalar(select(Refund).where(Refund.refund_no == _document_no(refund_no))
                             .options(selectinload(Refund.lines)))
        if row is None:
            raise NotFoundError(_("Pengembalian {number} tidak ditemukan", number=(refund_no or "").strip()))
        receipt_no = session.scalar(select(Sale.receipt_no).where(Sale.id == row.sale_id))
        sale_lines = {line.id: line for line in session.scalars(
            select(SaleLine).where(SaleLine.id.in_([item.sale_line_id for item in row.lines])))}
        lines = tuple(RefundedLine(sale_lines[item.sale_line_id].line_no, sale_lines[item.sale_line_id].barcode,
                                   sale_lines[item.sale_line_id].product_name, sale_lines[item.sale_line_id].measure,
                                   item.quantity, item.amount) for item in row.lines)
        return RefundView(row.refund_no, receipt_no or "", row.created_at, row.terminal, row.user_name, row.method,
                          row.total, row.restock, row.reason, row.shift_id, lines, row.approver_name or "")


def refund_line_splits(session: Session, refund_line_ids: Iterable[int],
                       sale_lines: dict[int, SaleLine] | None = None) -> dict[int, Split]:
    """Money of stored refund lines, by id: ``vendor_amount`` is what comes off the vendor's payout.

    For settlement, inside its own transaction: recomputes each piece from the
    sale line's snapshot and the quantities refunded before it (earlier ids),
    exactly as ``refund`` computed it when the money went back.  ``sale_lines``: the refunded sale
    lines by id, when the caller has them already (saves two queries).
    """
    wanted = set(refund_line_ids)
    if not wanted:
        return {}
    if sale_lines is None:
        line_ids = set(session.scalars(select(RefundLine.sale_line_id).where(RefundLine.id.in_(wanted))))
        sale_lines = {line.id: line for line in session.scalars(select(SaleLine).where(SaleLine.id.in_(line_ids)))}
    line_ids = set(sale_lines)
    history = session.execute(select(RefundLine.id, RefundLine.sale_line_id, RefundLine.quantity)
                              .where(RefundLine.sale_line_id.in_(line_ids)).order_by(RefundLine.id)).all()
    before: dict[int, int] = {}
    result: dict[int, Split] = {}
    for refund_line_id, sale_line_id, quantity in history:
        done = before.get(sale_line_id, 0)
        if refund_line_id in wanted:
            result[refund_line_id] = refund_line_split(sale_lines[sale_line_id], done, quantity)
        before[sale_line_id] = done + quantity
    return result

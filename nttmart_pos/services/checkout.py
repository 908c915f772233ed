"""Recording a paid sale: receipt number, lines with vendor-terms snapshots,
payments and stock movements, all in one transaction.

The transaction starts with ``BEGIN IMMEDIATE`` on SQLite (``write=True``
unit of work) and takes the receipt counter's row lock on PostgreSQL, so two
tills never draw the same receipt number; any failure rolls everything back,
the receipt number included, so numbers stay gapless.  ``services.sale_writer``
writes the rows, shared with orders from other channels (``services.import_sales``).

Who may sell, give a discount above the store's limit or change a price is
checked here (``services.permissions``); a supervisor's ``Approval`` lets a
cashier do the last two, and both names are recorded on the sale and in the
journal.

Stock: a product the customer holds is sellable even when the system says
there is none (``Settings.negative_stock`` "allow", the default: the stock
goes below zero and the product is listed under "Stok minus" for the
manager).  With "block" the sale is refused instead, checked under the
products' row locks so two tills cannot both sell the last piece.

A PostgreSQL link that breaks during the COMMIT itself leaves the outcome
unknown (the server may have committed and only its answer been lost):
``checkout`` then raises ``SaleOutcomeUnknown`` naming the receipt number,
never runs the sale again, and ``sale_recorded`` tells, once the server
answers, whether that sale is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError

from nttmart_pos.config import NEGATIVE_STOCK_POLICIES
from nttmart_pos.db.models import Sale
from nttmart_pos.db.retry import run_with_retry, sqlstate
from nttmart_pos.db.settlement_models import Shift
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry, applied_amounts, settle_payments
from nttmart_pos.domain.money import format_rupiah, round_half_up_div
from nttmart_pos.errors import SaleOutcomeUnknown, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import DISCOUNT_OVER_LIMIT, PRICE_OVERRIDE, SELL, Approval, require
from nttmart_pos.services.sale_writer import (  # noqa: F401  (re-exported: callers import them from here)
    StoredPayment,
    WrittenSale,
    check_stock,
    is_price_override,
    receipt_number,
    write_sale,
)

DISCOUNT_OVERRIDE, PRICE_OVERRIDE_EVENT = "discount.override", "price.override"  # journal kinds

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SaleResult:
    sale_id: int
    receipt_no: str
    total: int
    paid: int
    change: int
    created_at: datetime


RETRY_ATTEMPTS = 3  # on SQLite each attempt has already waited the busy timeout


def check_discount_reasons(cart: Cart) -> None:
    """Every discount and every changed price must say why (``ValidationError`` naming the line)."""
    for line in cart.lines:
        if line.discount < 0 or (line.price_override is not None and line.price_override < 0):
            raise ValidationError(_("Diskon dan harga tidak boleh negatif ({name})", name=line.product.name))
        if line.discount > 0 and not line.discount_reason.strip():
            raise ValidationError(_("Diskon untuk {name} harus diberi alasan", name=line.product.name))
        if is_price_override(line) and not line.override_reason.strip():
            raise ValidationError(_("Perubahan harga {name} harus diberi alasan", name=line.product.name))
    if cart.discount > 0 and not cart.sale_discount_reason.strip():
        raise ValidationError(_("Diskon transaksi harus diberi alasan"))


@dataclass(frozen=True)
class _Override:
    """An action the cashier's role does not allow, done on a supervisor's approval: journalled."""

    kind: str
    approver: UserInfo
    data: dict


def _approval_for(approvals: Sequence[Approval], permission: str) -> Approval | None:
    return next((approval for approval in approvals if approval.permission == permission), None)


def _percent_text(part: int, whole: int) -> str:
    """``part`` as a percentage of ``whole`` with two decimals ("7.69"): journal data holds no floats."""
    hundredths = round_half_up_div(part * 10_000, whole) if whole > 0 else 0
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def _overrides(cart: Cart, cashier: UserInfo, approvals: Sequence[Approval], limit_pct: int) -> list[_Override]:
    """Check the discount limit and price overrides; the ones an approval allowed, for the journal."""
    found: list[_Override] = []
    if cart.discount_percent_exceeds(limit_pct):
        approver = require(cashier, DISCOUNT_OVER_LIMIT, _approval_for(approvals, DISCOUNT_OVER_LIMIT))
        if approver is not None:
            found.append(_Override(DISCOUNT_OVERRIDE, approver, {
                "gross": cart.gross, "discount": cart.discount_total, "limit_pct": limit_pct,
                "percent": _percent_text(cart.discount_total, cart.gross),
                "sale_discount": cart.discount,
                "sale_discount_reason": cart.sale_discount_reason if cart.discount else "",
                "lines": [{"line_no": number, "barcode": line.product.barcode, "name": line.product.name,
                           "gross": line.gross, "discount": line.gross - line.total, "reason": line.discount_reason}
                          for number, line in enumerate(cart.lines, start=1) if line.discount > 0],
            }))
    changed = [(number, line) for number, line in enumerate(cart.lines, start=1) if is_price_override(line)]
    if changed:
        approver = require(cashier, PRICE_OVERRIDE, _approval_for(approvals, PRICE_OVERRIDE))
        if approver is not None:
            found.append(_Override(PRICE_OVERRIDE_EVENT, approver, {
                "lines": [{"line_no": number, "barcode": line.product.barcode, "name": line.product.name,
                           "measure": line.product.measure, "quantity": line.quantity,
                           "list_price": line.product.price, "unit_price": line.unit_price,
                           "reason": line.override_reason} for number, line in changed],
            }))
    return found


def checkout(uow: UnitOfWork, cart: Cart, payments: list[PaymentEntry], cashier: UserInfo,
             terminal: str, *, now: datetime | None = None, approvals: Sequence[Approval] = (),
             discount_limit_pct: int = 5, negative_stock: str = "allow") -> SaleResult:
    """Record the sale if the payments cover the total; all or nothing.

    Discounts together above ``discount_limit_pct`` percent of the gross
    (``Settings.discount_limit_pct``) and changed prices need a role that may
    give them, or an approval for that permission among ``approvals``.
    ``negative_stock`` (``Settings.negative_stock``): "allow" sells beyond
    the stock in the system, "block" refuses with a ``ValidationError``
    naming the product, and nothing is written (receipt number included).
    """
    if negative_stock not in NEGATIVE_STOCK_POLICIES:
        raise ValueError(f"unknown negative stock policy {negative_stock!r}")
    require(cashier, SELL)
    if cart.is_empty:
        raise ValidationError(_("Keranjang masih kosong"))
    check_discount_reasons(cart)
    overrides = _overrides(cart, cashier, approvals, discount_limit_pct)
    total = cart.total
    change = settle_payments(total, payments)
    paid = sum(p.amount for p in payments)

    def record() -> SaleResult:
        with uow:
            session = uow.session
            # FOR SHARE on PostgreSQL: a closing that is committing waits for us, or we see it closed
            shift_id = session.scalar(select(Shift.id).where(Shift.terminal == terminal, Shift.status == "open")
                                      .with_for_update(read=True))
            stored = [StoredPayment(entry.method, applied, entry.amount if entry.method == "cash" else 0,
                                    entry.reference) for entry, applied in applied_amounts(payments, change)]
            sale = write_sale(session, cart, stored, cashier, terminal, paid=paid, shift_id=shift_id,
                              created_at=now, approvers=[override.approver for override in overrides],
                              block_negative_stock=negative_stock == "block")
            # after the sale's own entry: the journal lock is already ours, nothing else is written after it
            for override in overrides:
                append(session, override.kind, {"receipt_no": sale.receipt_no, **override.data}, user=cashier,
                       terminal=terminal, ref=sale.receipt_no, approver=override.approver)
            uow.flush()  # every row sent: a failure from here on is the COMMIT's own
            try:
                uow.commit()
            except DBAPIError as exc:
                if not commit_outcome_unknown(exc, session.get_bind().dialect.name):
                    raise
                log.warning("connection lost while committing sale %s: outcome unknown", sale.receipt_no)
                raise outcome_unknown(sale.receipt_no, total) from exc
            return SaleResult(sale.id, sale.receipt_no, total, paid, change, sale.created_at)

    def attempt() -> SaleResult | SaleOutcomeUnknown:
        try:
            return record()
        except SaleOutcomeUnknown as exc:  # handed out of run_with_retry as a value: never run again
            return exc

    # a deadlock or serialization failure against another till is run again (PostgreSQL)
    result = run_with_retry(attempt, attempts=RETRY_ATTEMPTS)
    if isinstance(result, SaleOutcomeUnknown):
        raise result
    return result


def commit_outcome_unknown(exc: DBAPIError, dialect: str) -> bool:
    """True if ``exc``, raised by a COMMIT, leaves unknown whether the server committed.

    A connection lost during the COMMIT (SQLAlchemy invalidated it, or the
    driver reports an operational failure without any SQLSTATE from the
    server) may have lost only the server's answer.  An error the server sent
    (a SQLSTATE) says the transaction was not committed; SQLite commits in
    this process, so its failures are always known.
    """
    if dialect == "sqlite":
        return False
    if exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError) and sqlstate(exc) is None


def outcome_unknown(receipt_no: str, total: int) -> SaleOutcomeUnknown:
    return SaleOutcomeUnknown(_(
        "Koneksi ke database terputus saat menyimpan struk {receipt} ({total}), jadi belum pasti transaksi ini "
        "tersimpan. Jangan terima pembayaran lagi dulu: setelah koneksi pulih, tekan F12 lagi untuk "
        "memeriksanya.", receipt=receipt_no, total=format_rupiah(total)), receipt_no, total)


def sale_recorded(uow: UnitOfWork, receipt_no: str, total: int) -> SaleResult | None:
    """The stored sale ``receipt_no`` of ``total`` Rupiah, or None if that sale was not stored.

    For a ``SaleOutcomeUnknown``: only its own till draws a terminal's receipt
    numbers and they are gapless, so a sale stored under that number with that
    total is the one whose COMMIT's answer was lost; none means the COMMIT
    failed and nothing of the sale (number included) was kept.  Raises
    ``DatabaseError`` while the database is still unreachable.
    """
    with uow:
        sale = uow.session.scalar(select(Sale).where(Sale.receipt_no == receipt_no))
        if sale is None or sale.total != total:
            return None
        return SaleResult(sale.id, sale.receipt_no, sale.total, sale.paid, sale.change, sale.created_at)

"""Voids at the till: taking a line off the open sale, or cancelling the whole sale before payment.

Nothing of an unpaid sale is stored, so a void writes only its journal entry
(``void.line`` / ``void.sale``): what was taken off, by whom, why, and who
allowed it when the cashier's role does not (``permissions.VOID_SALE`` is a
supervisor's).  ``clean_reason`` is the one check of a typed reason for the
till's other journalled actions too (``services.drawer``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import REASON_MAX
from nttmart_pos.domain.money import ensure_rupiah
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import VOID_LINE, VOID_SALE, Approval, require

VOID_KINDS = {"line": VOID_LINE, "sale": VOID_SALE}
MEASURES = ("unit", "weight", "price")


@dataclass(frozen=True)
class VoidItem:
    """One line taken off: ``quantity`` voided (pieces, or grams for weighed goods), ``amount`` in Rupiah."""

    barcode: str
    name: str
    quantity: int
    amount: int
    measure: str = "unit"


def clean_reason(reason: str) -> str:
    """The reason with spaces tidied; ``ValidationError`` if it is empty or longer than ``REASON_MAX``."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Alasan harus diisi"))
    if len(reason) > REASON_MAX:
        raise ValidationError(_("Alasan paling panjang {max} huruf", max=REASON_MAX))
    return reason


def _check_item(item: VoidItem) -> dict:
    quantity = item.quantity
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError(_("{name}: jumlah yang dibatalkan harus bilangan bulat lebih dari nol",
                                name=item.name))
    ensure_rupiah(item.amount)
    if item.measure not in MEASURES:
        raise ValueError(f"unknown measure {item.measure!r}")
    return {"barcode": item.barcode, "name": item.name, "measure": item.measure, "quantity": quantity,
            "amount": item.amount}


def record_void(uow: UnitOfWork, user: UserInfo, terminal: str, kind: str, items: Sequence[VoidItem], reason: str,
                approval: Approval | None = None) -> UserInfo | None:
    """Journal a void of ``kind`` "line" or "sale" and return the approver whose authority was used (or None).

    ``uow`` must be a write unit of work.  Raises ``PermissionDenied`` before
    anything is written when neither the user's role nor ``approval`` allows it.
    """
    if kind not in VOID_KINDS:
        raise ValueError(f"unknown void kind {kind!r}")
    approver = require(user, VOID_KINDS[kind], approval)
    reason = clean_reason(reason)
    if not items:
        raise ValidationError(_("Tidak ada barang yang dibatalkan"))
    lines = [_check_item(item) for item in items]
    data = {"items": lines, "total": sum(line["amount"] for line in lines), "reason": reason}
    with uow:
        append(uow.session, f"void.{kind}", data, user=user, terminal=terminal, approver=approver)
        uow.commit()
    return approver

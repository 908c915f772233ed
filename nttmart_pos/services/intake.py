"""Consignment intake (barang titipan masuk): a UMKM leaves goods, stock rises
through the ledger, and the store signs a tanda terima titipan ``TT-2026-000001``.

It needs ``permissions.MANAGE_STOCK`` (a manager or admin): the signed
document is the store's acknowledgement of what it holds for the vendor and
what that is worth at harga setor, so it is not a till job.  Journalled as
``stock.intake``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from nttmart_pos.db.models import utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.stock_document import INTAKE, short_date
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.line_merge import merge_lines
from nttmart_pos.services.permissions import MANAGE_STOCK, require
from nttmart_pos.services.stock_documents import (
    DocumentResult,
    PostedLine,
    check_notes,
    find_vendor,
    local_date,
    post_document,
    vendor_products,
)


@dataclass(frozen=True)
class IntakeLine:
    product_id: int
    quantity: int  # pieces, or grams for weighed goods
    expires_on: date | None = None  # best-before of this batch (food)


def _best_before(row: int, line: IntakeLine) -> date | None:
    """The line's batch: lines of one product with different best-before dates stay apart."""
    expires = line.expires_on
    if expires is not None and (isinstance(expires, datetime) or not isinstance(expires, date)):
        raise ValidationError(_("Baris {row}: tanggal kedaluwarsa tidak valid: {value}", row=row, value=expires))
    return expires


def receive_goods(uow: UnitOfWork, user: UserInfo, vendor_code: str, lines: list[IntakeLine], *,
                  notes: str = "", now: datetime | None = None) -> DocumentResult:
    """Post one vendor's goods as a tanda terima titipan; all lines or nothing.

    Refused: an unknown or inactive vendor, a product of another vendor or an
    inactive one, a quantity outside 1..100.000, a batch already past its
    best-before date.  ``now`` (UTC-aware) fixes the document time for tests.
    """
    require(user, MANAGE_STOCK)
    items = merge_lines(lines, _best_before, _("Tanda terima titipan harus berisi paling sedikit satu barang"))
    notes = check_notes(notes)
    when = now or utcnow()
    today = local_date(when)
    with uow:
        session = uow.session
        vendor = find_vendor(session, vendor_code, active_only=True)
        products = vendor_products(session, vendor, [(item.row, item.product_id) for item in items])
        posted = []
        for item in items:
            product = products[item.product_id]
            if not product.active:
                raise ValidationError(_("Baris {row}: {name} ({barcode}) sudah tidak aktif",
                                        row=item.row, name=product.name, barcode=product.barcode))
            expires_on = item.detail
            if expires_on is not None and expires_on < today:
                raise ValidationError(_("Baris {row}: {name} sudah kedaluwarsa ({date}) dan tidak dapat diterima",
                                        row=item.row, name=product.name, date=short_date(expires_on)))
            posted.append(PostedLine(product, item.quantity, expires_on=expires_on))
        result = post_document(session, user, vendor, INTAKE, posted, when, notes)
        uow.commit()
        return result

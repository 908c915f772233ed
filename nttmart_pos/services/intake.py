"""Consignment intake (barang titipan masuk): a UMKM leaves goods, stock rises
through the ledger, and the store signs a tanda terima titipan ``TT-2026-000001``.

Only a manager or admin may post one: the signed document is the store's
acknowledgement of what it holds for the vendor and what that is worth at
harga setor, so it is not a till job (supervisors may get it with the
permission table of the trust issue).
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
from nttmart_pos.services.permissions import require_manager
from nttmart_pos.services.stock_documents import (
    DocumentResult,
    PostedLine,
    check_notes,
    check_product_id,
    check_quantity,
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


@dataclass
class _Merged:
    row: int
    product_id: int
    quantity: int
    expires_on: date | None


def _merged(lines: list[IntakeLine]) -> list[_Merged]:
    """Check the lines' shape and add up repeats of the same product and batch.

    The same product scanned twice is one line with the sum; with different
    best-before dates they stay separate lines, as they are separate batches.
    """
    if not lines:
        raise ValidationError(_("Tanda terima titipan harus berisi paling sedikit satu barang"))
    merged: dict[tuple[int, date | None], _Merged] = {}
    for row, line in enumerate(lines, start=1):
        product_id = check_product_id(row, line.product_id)
        check_quantity(row, line.quantity)
        expires = line.expires_on
        if expires is not None and (isinstance(expires, datetime) or not isinstance(expires, date)):
            raise ValidationError(_("Baris {row}: tanggal kedaluwarsa tidak valid: {value}", row=row, value=expires))
        key = (product_id, expires)
        if key in merged:
            merged[key].quantity += line.quantity
        else:
            merged[key] = _Merged(row, product_id, line.quantity, expires)
    for item in merged.values():
        check_quantity(item.row, item.quantity)
    return list(merged.values())


def receive_goods(uow: UnitOfWork, user: UserInfo, vendor_code: str, lines: list[IntakeLine], *,
                  notes: str = "", now: datetime | None = None) -> DocumentResult:
    """Post one vendor's goods as a tanda terima titipan; all lines or nothing.

    Refused: an unknown or inactive vendor, a product of another vendor or an
    inactive one, a quantity outside 1..100.000, a batch already past its
    best-before date.  ``now`` (UTC-aware) fixes the document time for tests.
    """
    require_manager(user, _("menerima barang titipan"))
    items = _merged(lines)
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
            if item.expires_on is not None and item.expires_on < today:
                raise ValidationError(_("Baris {row}: {name} sudah kedaluwarsa ({date}) dan tidak dapat diterima",
                                        row=item.row, name=product.name, date=short_date(item.expires_on)))
            posted.append(PostedLine(product, item.quantity, expires_on=item.expires_on))
        result = post_document(session, user, vendor, INTAKE, posted, when, notes)
        uow.commit()
        return result

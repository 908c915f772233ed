"""What intake (tanda terima titipan) and retur share: vendor and product checks,
posting a numbered document with its ledger movements (journalled as
``stock.intake`` / ``stock.return``), and reading documents back for a reprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from nttmart_pos.db.inventory_models import StockDocument, StockDocumentLine
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.domain.stock_document import (
    DOCUMENT_KINDS,
    INTAKE,
    DocumentLineView,
    DocumentView,
    counter_name,
    document_number,
    line_value,
)
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.journal import append
from nttmart_pos.services.stock import record_movement

MAX_QUANTITY = 100_000  # per line, in pieces (or grams for weighed goods)
MAX_NOTES = 500
MAX_LIST = 1000


@dataclass(frozen=True)
class DocumentResult:
    document_id: int
    doc_no: str
    kind: str
    created_at: datetime
    line_count: int
    total_value: int


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the list of documents to reprint."""

    doc_no: str
    kind: str
    created_at: datetime  # local time
    vendor_code: str
    vendor_name: str
    user_name: str
    line_count: int
    total_value: int


@dataclass(frozen=True)
class PostedLine:
    product: Product
    quantity: int  # always positive; the movement's sign follows the document kind
    reason: str = ""
    expires_on: date | None = None


def check_product_id(row: int, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("Baris {row}: barang tidak valid: {value}", row=row, value=value))
    return value


def check_quantity(row: int, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QUANTITY:
        raise ValidationError(_("Baris {row}: jumlah harus bilangan bulat 1 sampai {max}, bukan {value}",
                                row=row, max=format_number(MAX_QUANTITY), value=value))
    return value


def check_notes(notes: str) -> str:
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError(_("Catatan terlalu panjang: paling banyak {max} huruf", max=MAX_NOTES))
    return notes


def find_vendor(session: Session, code: str, *, active_only: bool) -> Vendor:
    vendor = session.scalar(select(Vendor).where(Vendor.code == (code or "").strip().upper()))
    if vendor is None:
        raise NotFoundError(_("UMKM dengan kode {code} tidak ada", code=code))
    if active_only and not vendor.active:
        raise ValidationError(_("UMKM {code} ({name}) sudah tidak aktif; aktifkan dulu sebelum menerima barangnya",
                                code=vendor.code, name=vendor.name))
    return vendor


def vendor_products(session: Session, vendor: Vendor, wanted: list[tuple[int, int]]) -> dict[int, Product]:
    """The products of ``wanted`` (row, product id), each checked to be ``vendor``'s own.

    The rows are locked until commit (``FOR UPDATE`` on PostgreSQL, in id
    order so two documents cannot deadlock; SQLite's ``BEGIN IMMEDIATE``
    already holds the whole database), so no sale changes their stock while
    a retur checks it.
    """
    ids = sorted({product_id for _row, product_id in wanted})
    found = {p.id: p for p in session.scalars(
        select(Product).where(Product.id.in_(ids)).order_by(Product.id).with_for_update())}
    for row, product_id in wanted:
        product = found.get(product_id)
        if product is None:
            raise NotFoundError(_("Baris {row}: barang dengan id {id} tidak ada", row=row, id=product_id))
        if product.vendor_id != vendor.id:
            # a vendor signs for its own goods only
            raise ValidationError(_("Baris {row}: {name} ({barcode}) bukan barang UMKM {code}",
                                    row=row, name=product.name, barcode=product.barcode, code=vendor.code))
    return found


def unit_value(product: Product, vendor: Vendor) -> int:
    """What one unit is worth to the vendor: harga setor on those terms, else the price."""
    if vendor.terms == "harga_setor" and product.harga_setor is not None:
        return product.harga_setor
    return product.price


def local_date(moment: datetime) -> date:
    return moment.astimezone().date()


def post_document(session: Session, user: UserInfo, vendor: Vendor, kind: str, lines: list[PostedLine],
                  when: datetime, notes: str = "") -> DocumentResult:
    """Number the document, write it with its lines, move the stock through the ledger, and journal it.

    The journal entry is this function's last write: call it as the last step of the transaction.
    """
    year = when.astimezone().year
    doc_no = document_number(kind, year, next_value(session, counter_name(kind, year)))
    document = StockDocument(doc_no=doc_no, kind=kind, vendor_id=vendor.id, created_at=when, user_id=user.id,
                             user_name=user.full_name, notes=notes, total_value=0)
    session.add(document)
    session.flush()
    movement, sign = ("received", 1) if kind == INTAKE else ("returned", -1)
    total = 0
    for line_no, line in enumerate(lines, start=1):
        product = line.product
        value_each = unit_value(product, vendor)
        value = line_value(line.quantity, value_each, product.measure)
        session.add(StockDocumentLine(
            document_id=document.id, line_no=line_no, product_id=product.id, barcode=product.barcode,
            product_name=product.name, quantity=line.quantity, unit_value=value_each, reason=line.reason,
            expires_on=line.expires_on))
        record_movement(session, product.id, movement, sign * line.quantity, document_id=document.id,
                        user_id=user.id, reference=doc_no)
        total += value
    document.total_value = total
    session.flush()
    append(session, "stock.intake" if kind == INTAKE else "stock.return", {
        "vendor": vendor.code, "total_value": total, "notes": notes,
        "lines": [{"barcode": line.product.barcode, "quantity": line.quantity,
                   **({"reason": line.reason} if line.reason else {}),
                   **({"expires_on": line.expires_on.isoformat()} if line.expires_on else {})} for line in lines],
    }, user=user, ref=doc_no)
    return DocumentResult(document.id, doc_no, kind, when, len(lines), total)


def document(uow: UnitOfWork, doc_no: str) -> DocumentView:
    """A posted intake or retur document, for showing or reprinting."""
    number = (doc_no or "").strip().upper()
    with uow:
        session = uow.session
        found = session.scalar(select(StockDocument).where(StockDocument.doc_no == number)
                               .options(selectinload(StockDocument.lines)))
        if found is None:
            raise NotFoundError(_("Dokumen {number} tidak ditemukan", number=doc_no))
        vendor = session.get(Vendor, found.vendor_id)
        measures = dict(session.execute(select(Product.id, Product.measure)
                                        .where(Product.id.in_({line.product_id for line in found.lines}))).all())
        lines = tuple(
            DocumentLineView(line.line_no, line.barcode, line.product_name, line.quantity, line.unit_value,
                             line_value(line.quantity, line.unit_value, measures.get(line.product_id, "unit")),
                             measures.get(line.product_id, "unit"), line.reason, line.expires_on)
            for line in found.lines)
        return DocumentView(
            doc_no=found.doc_no, kind=found.kind, created_at=found.created_at.astimezone(),
            vendor_code=vendor.code, vendor_name=vendor.name, vendor_owner=vendor.owner, vendor_phone=vendor.phone,
            vendor_regency=vendor.regency, user_name=found.user_name,
            value_basis="harga_setor" if vendor.terms == "harga_setor" else "price",
            lines=lines, total_value=found.total_value, notes=found.notes)


def list_documents(uow: UnitOfWork, vendor_code: str | None = None, kind: str | None = None,
                   limit: int = 100) -> list[DocumentSummary]:
    """The newest documents first, optionally of one vendor and/or one kind."""
    if kind is not None and kind not in DOCUMENT_KINDS:
        raise ValidationError(_("Jenis dokumen tidak dikenal: {kind}", kind=kind))
    limit = max(1, min(int(limit), MAX_LIST))
    statement = (
        select(StockDocument, Vendor.code, Vendor.name, func.count(StockDocumentLine.id))
        .join(Vendor, Vendor.id == StockDocument.vendor_id)
        .outerjoin(StockDocumentLine, StockDocumentLine.document_id == StockDocument.id)
        .group_by(StockDocument.id, Vendor.code, Vendor.name)
        .order_by(StockDocument.created_at.desc(), StockDocument.id.desc())
        .limit(limit)
    )
    if vendor_code:
        statement = statement.where(Vendor.code == vendor_code.strip().upper())
    if kind:
        statement = statement.where(StockDocument.kind == kind)
    with uow:
        return [DocumentSummary(doc.doc_no, doc.kind, doc.created_at.astimezone(), code, name, doc.user_name,
                                count, doc.total_value)
                for doc, code, name, count in uow.session.execute(statement)]

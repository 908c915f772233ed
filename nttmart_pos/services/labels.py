"""Which shelf labels to print: products of a vendor, scanned codes, or the lines of an intake.

Weighed and price-embedded products are labelled by the scale, not here; they
are left out with a note.  Every code is checked before anything is printed
(see ``domain.labels``): a wrong check digit in the database stops the run
with the product named.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from nttmart_pos.db.inventory_models import ProductCertificate, StockDocument
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import equivalent_codes
from nttmart_pos.domain.certificates import format_bpom, format_pirt, parse_bpom, parse_pirt
from nttmart_pos.domain.labels import LabelItem, check_copies, printable_labels
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SkippedProduct:
    """A product asked for that gets no label, and why (already translated)."""

    barcode: str
    name: str
    reason: str


@dataclass(frozen=True)
class LabelSelection:
    items: list[LabelItem]
    skipped: list[SkippedProduct] = field(default_factory=list)

    @property
    def label_count(self) -> int:
        return sum(item.copies for item in self.items)


def _certificate_text(certificates: dict[str, str]) -> str:
    """BPOM first (a registered product needs no P-IRT), else P-IRT, formatted; as stored if it does not parse."""
    for kind, parse, show in (("bpom", parse_bpom, format_bpom), ("pirt", parse_pirt, format_pirt)):
        number = certificates.get(kind)
        if number:
            try:
                return show(parse(number))
            except ValidationError:
                return " ".join(number.split())
    return ""


def _products_by_code(session: Session, codes: Iterable[str]) -> dict[str, Product]:
    """Each code (as given) to its product; UPC-A typed as 12 or 13 digits both match. Unknown: ``NotFoundError``."""
    wanted = {code: (code, *equivalent_codes(code)) for code in codes}
    lookup = {form for forms in wanted.values() for form in forms}
    found = {p.barcode: p for p in session.scalars(select(Product).where(Product.barcode.in_(lookup)))} if lookup else {}
    result: dict[str, Product] = {}
    missing: list[str] = []
    for code, forms in wanted.items():
        product = next((found[form] for form in forms if form in found), None)
        if product is None:
            missing.append(code)
        else:
            result[code] = product
    if missing:
        raise NotFoundError(_("Barang tidak dikenal: {code}", code=", ".join(missing)))
    return result


def _intake_quantities(session: Session, document_no: str) -> dict[int, int]:
    """Received quantity per product id of an intake document (tanda terima titipan), in line order."""
    number = document_no.strip().upper()
    document = session.scalar(select(StockDocument).where(StockDocument.doc_no == number))
    if document is None:
        raise NotFoundError(_("Dokumen {number} tidak ada", number=number))
    if document.kind != "intake":
        raise ValidationError(_("Dokumen {number} bukan tanda terima titipan (barang masuk)", number=number))
    received: dict[int, int] = {}
    for line in document.lines:
        received[line.product_id] = received.get(line.product_id, 0) + int(line.quantity)
    return received


def _vendor_products(session: Session, vendor_code: str) -> list[Product]:
    code = vendor_code.strip().upper()
    vendor_id = session.scalar(select(Vendor.id).where(Vendor.code == code))
    if vendor_id is None:
        raise NotFoundError(_("UMKM dengan kode {code} tidak ada", code=code))
    return list(session.scalars(select(Product).where(Product.vendor_id == vendor_id, Product.active.is_(True))
                                .order_by(Product.name, Product.id)))


def _clean_codes(codes: Iterable[str] | None) -> list[str]:
    return list(dict.fromkeys(code.strip() for code in codes or () if code and code.strip()))


def select_labels(uow: UnitOfWork, *, vendor_code: str | None = None, barcodes: Iterable[str] | None = None,
                  quantities: dict[str, int] | None = None, document_no: str | None = None,
                  copies: int | None = None) -> LabelSelection:
    """The labels to print and the products left out.

    The products are those of the intake ``document_no`` (in line order),
    then the active ones of ``vendor_code`` (by name), then ``barcodes`` and
    the keys of ``quantities``; each product once.  With none of these given,
    every active product.  Copies per product: ``quantities[code]`` if given,
    else ``copies``, else the received quantity on the intake document, else
    one; a product with 0 copies is left out.
    """
    quantities = {code.strip(): value for code, value in (quantities or {}).items()}
    if copies is not None:
        check_copies(_("semua barang"), copies)
    codes = _clean_codes([*(barcodes or ()), *quantities])
    everything = vendor_code is None and not codes and document_no is None
    with uow:
        session = uow.session
        chosen: dict[int, Product] = {}
        received: dict[int, int] = {}
        asked: set[int] = set()  # named by code or document: if inactive, say so; a vendor's are just left out
        if document_no is not None:
            received = _intake_quantities(session, document_no)
            for product in session.scalars(select(Product).where(Product.id.in_(list(received)))):
                chosen[product.id] = product
            chosen = {pid: chosen[pid] for pid in received if pid in chosen}
            asked.update(chosen)
        if vendor_code is not None:
            for product in _vendor_products(session, vendor_code):
                chosen.setdefault(product.id, product)
        by_code = _products_by_code(session, codes)
        for product in by_code.values():
            chosen.setdefault(product.id, product)
            asked.add(product.id)
        if everything:
            chosen = {p.id: p for p in session.scalars(select(Product).where(Product.active.is_(True))
                                                        .order_by(Product.name, Product.id))}
        overrides = {by_code[code].id: value for code, value in quantities.items()}
        certificates = _certificates(session, list(chosen))
        vendors = dict(session.execute(select(Vendor.id, Vendor.code)).all())
        items: list[LabelItem] = []
        skipped: list[SkippedProduct] = []
        for product in chosen.values():
            if product.measure != "unit":
                skipped.append(SkippedProduct(product.barcode, product.name,
                                              _("barang timbangan, labelnya dicetak oleh timbangan")))
                continue
            if not product.active:
                if product.id in asked:
                    skipped.append(SkippedProduct(product.barcode, product.name, _("barang tidak aktif")))
                continue
            count = overrides.get(product.id, copies if copies is not None else received.get(product.id, 1))
            count = check_copies(product.name, count)
            if count:
                items.append(LabelItem(product.barcode, product.name, product.price, vendors[product.vendor_id],
                                       _certificate_text(certificates.get(product.id, {})), count))
    if items:
        printable_labels(items)  # a wrong check digit stops the run here, before any file or printer
    for note in skipped:
        log.info("no label for %s (%s): %s", note.name, note.barcode, note.reason)
    return LabelSelection(items, skipped)


def _certificates(session: Session, product_ids: list[int]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    if not product_ids:
        return found
    rows = session.execute(select(ProductCertificate.product_id, ProductCertificate.kind, ProductCertificate.number)
                           .where(ProductCertificate.product_id.in_(product_ids),
                                  ProductCertificate.kind.in_(("pirt", "bpom"))))
    for product_id, kind, number in rows:
        found.setdefault(product_id, {})[kind] = number
    return found


def label_items(uow: UnitOfWork, *, vendor_code: str | None = None, barcodes: Iterable[str] | None = None,
                quantities: dict[str, int] | None = None, document_no: str | None = None,
                copies: int | None = None) -> list[LabelItem]:
    """The labels of ``select_labels`` without the notes on products left out."""
    return select_labels(uow, vendor_code=vendor_code, barcodes=barcodes, quantities=quantities,
                         document_no=document_no, copies=copies).items

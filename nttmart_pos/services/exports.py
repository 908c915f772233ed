"""Exporting vendors (UMKM) and products to CSV or XLSX, in the columns the importer reads back unchanged.

Both need ``permissions.VIEW_REPORTS``; reading writes nothing, so nothing is journalled.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from nttmart_pos.db.inventory_models import ProductCertificate
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.certificates import KINDS, format_certificate
from nttmart_pos.reports.tabular import table_format, write_table
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.import_rows import PRODUCT_COLUMNS, VENDOR_COLUMNS
from nttmart_pos.services.permissions import VIEW_REPORTS, require


def export_vendors(uow: UnitOfWork, user: UserInfo, path: Path) -> int:
    """Write every vendor (active or not) to ``path`` (.csv or .xlsx); returns how many.

    ``commission_pct`` is blank for harga setor vendors, as the importer reads it.
    """
    require(user, VIEW_REPORTS)
    table_format(Path(path))  # a wrong file name is refused before the database is read
    with uow:
        rows = [(v.code, v.name, v.owner, v.phone, v.regency,
                 v.commission_pct if v.terms == "commission" else None, v.payout_method, v.payout_account)
                for v in uow.session.scalars(select(Vendor).order_by(Vendor.code))]
    return write_table(Path(path), VENDOR_COLUMNS, rows)


def export_products(uow: UnitOfWork, user: UserInfo, path: Path) -> int:
    """Write every product (active or not) to ``path`` (.csv or .xlsx), by vendor and name; returns how many.

    ``stock`` is the stock on hand (grams for weighed goods); the importer
    ignores it for products that exist.  Certificates are written formatted
    (``P-IRT No. ...``), which a spreadsheet never turns into a number.
    """
    require(user, VIEW_REPORTS)
    table_format(Path(path))
    with uow:
        session = uow.session
        certificates: dict[int, dict[str, str]] = {}
        for certificate in session.scalars(select(ProductCertificate)):
            certificates.setdefault(certificate.product_id, {})[certificate.kind] = format_certificate(
                certificate.kind, certificate.number)
        statement = (select(Product, Vendor.code).join(Vendor, Product.vendor_id == Vendor.id)
                     .order_by(Vendor.code, Product.name, Product.id))
        rows = []
        for product, vendor_code in session.execute(statement):
            numbers = certificates.get(product.id, {})
            rows.append((product.barcode, product.name, product.category, vendor_code, product.price,
                         product.harga_setor, product.commission_pct, product.unit, product.stock_on_hand,
                         *(numbers.get(kind) for kind in KINDS)))
    return write_table(Path(path), PRODUCT_COLUMNS, rows)

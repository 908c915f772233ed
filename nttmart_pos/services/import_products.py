"""The product side of ``services.imports``: matching rows with stored products and writing them.

A row matches a product by barcode (any form a scanner sends: a UPC-A with or
without its leading 0) or, with a blank barcode, by vendor and name; otherwise
it is a new product (a blank barcode gets an in-store code).  ``stock`` is the
opening stock of a new product, booked as a "received" ledger movement; for an
existing product it is ignored (and noted), since stock then moves only
through intake, retur and stok opname.  Certificates: a blank cell removes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from nttmart_pos.db.inventory_models import ProductCertificate
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import equivalent_codes, validate_barcode
from nttmart_pos.domain.certificates import KINDS, parse_certificate
from nttmart_pos.domain.money import format_number
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.catalog import ProductInput, create_product
from nttmart_pos.services.catalog_admin import update_product
from nttmart_pos.services.import_rows import ParsedRow, RowError, read_product_rows
from nttmart_pos.services.imports import (CREATE, UNCHANGED, UPDATE, FieldChange, ImportReport, RowChange, RowNote,
                                          apply_row, duplicates, finish, money_text, percent_text, read_checked)

_CHUNK = 500  # codes per IN (...) query, well under every backend's parameter limit
_TEXT_FIELDS = ("name", "category", "unit")
_MONEY_FIELDS = ("price", "harga_setor")


def run_product_import(uow: UnitOfWork, user: UserInfo, path: Path, *, dry_run: bool) -> ImportReport:
    parsed = read_checked(read_product_rows, path)
    errors = list(parsed.errors)
    changes: list[RowChange] = []
    notes: list[RowNote] = []
    with uow:
        session = uow.session
        vendors = {vendor.code: vendor for vendor in session.scalars(select(Vendor))}
        rows = []
        for row in parsed.rows:
            code = row.values["vendor_code"]
            if code in vendors:
                rows.append(row)
            else:
                errors.append(RowError(row.row, "vendor_code", _("UMKM dengan kode {code} tidak ada", code=code)))
        matched = _match(session, rows, parsed.partial, vendors, errors)
        bad_rows = {error.row for error in errors}
        certificates = _certificates(session, [matched[row.row].id for row in rows if matched.get(row.row)])
        vendor_codes = {vendor.id: code for code, vendor in vendors.items()}
        for row in rows:
            if row.row in bad_rows:
                continue
            product = matched[row.row]
            if product is None:
                change = _create(session, user, row, errors, dry_run)
            else:
                current = _current(product, vendor_codes, certificates.get(product.id, {}))
                change = _update(session, user, row, product, current, errors)
                note = _stock_note(row, product)
                if note:
                    notes.append(note)
            changes.append(change)
        return finish(uow, errors, ImportReport("products", dry_run, tuple(changes), tuple(notes)), user, path)


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _match(session: Session, rows: list[ParsedRow], partial: list[ParsedRow], vendors: dict[str, Vendor],
           errors: list[RowError]) -> dict[int, Product | None]:
    """Row number -> the stored product it updates, or None for a new one; bad rows get errors instead.

    ``partial`` (rows already refused) take part only in finding rows that name the same product twice.
    """
    known = [row for row in partial if row.values.get("vendor_code") in vendors and "name" in row.values
             and "barcode" in row.values]
    everything = [*rows, *known]
    by_code: dict[str, Product] = {}
    codes = sorted({c for row in everything if row.values["barcode"]
                    for c in equivalent_codes(row.values["barcode"])})
    for chunk in _chunks(codes):
        by_code.update((p.barcode, p) for p in session.scalars(select(Product).where(Product.barcode.in_(chunk))))
    by_name: dict[tuple[int, str], list[Product]] = {}
    vendor_ids = sorted({vendors[row.values["vendor_code"]].id for row in everything if not row.values["barcode"]})
    for chunk in _chunks(vendor_ids):
        for product in session.scalars(select(Product).where(Product.vendor_id.in_(chunk)).order_by(Product.id)):
            by_name.setdefault((product.vendor_id, product.name.casefold()), []).append(product)
    matched: dict[int, Product | None] = {}
    keyed: list[tuple[object, ParsedRow]] = []
    for row in everything:
        code = row.values["barcode"]
        if code:
            product = next((by_code[c] for c in equivalent_codes(code) if c in by_code), None)
            key: object = product.id if product else min(equivalent_codes(code), key=len)
            if product is None:
                try:
                    validate_barcode(code)
                except ValidationError as exc:
                    errors.append(RowError(row.row, "barcode", _hinted(code, str(exc))))
                    continue
        else:
            vendor = vendors[row.values["vendor_code"]]
            name = str(row.values["name"])
            found = by_name.get((vendor.id, name.casefold()), [])
            if len(found) > 1:
                errors.append(RowError(row.row, "barcode", _(
                    "UMKM {code} punya {count} barang bernama {name}; isi barcodenya agar jelas barang yang mana",
                    code=vendor.code, count=len(found), name=name)))
                continue
            product = found[0] if len(found) == 1 else None
            key = product.id if product else (vendor.id, name.casefold())
        matched[row.row] = product
        keyed.append((key, row))
    errors.extend(duplicates(keyed, "barcode", _described))
    return matched


def _described(row: ParsedRow) -> str:
    if row.values["barcode"]:
        return _("barcode {code}", code=row.values["barcode"])
    return _("barang {name} dari UMKM {code}", name=row.values["name"], code=row.values["vendor_code"])


def _hinted(code: str, reason: str) -> str:
    if code.isascii() and code.isdigit() and len(code) < 13:
        return _("{reason} (jika barcode diawali 0, format kolom barcode sebagai Teks di Excel)", reason=reason)
    return reason


def _certificates(session: Session, product_ids: list[int]) -> dict[int, dict[str, ProductCertificate]]:
    found: dict[int, dict[str, ProductCertificate]] = {}
    for chunk in _chunks(sorted(product_ids)):
        for certificate in session.scalars(select(ProductCertificate)
                                           .where(ProductCertificate.product_id.in_(chunk))):
            found.setdefault(certificate.product_id, {})[certificate.kind] = certificate
    return found


def _normalized(kind: str, number: str) -> str:
    try:
        return parse_certificate(kind, number)
    except ValidationError:  # stored before the format was checked: compared as it is
        return number


def _current(product: Product, vendor_codes: dict[int, str],
             certificates: dict[str, ProductCertificate]) -> dict[str, object]:
    current: dict[str, object] = {name: getattr(product, name) for name in
                                  (*_TEXT_FIELDS, *_MONEY_FIELDS, "commission_pct")}
    current["vendor_code"] = vendor_codes[product.vendor_id]
    for kind in KINDS:
        certificate = certificates.get(kind)
        current[kind] = _normalized(kind, certificate.number) if certificate else None
    return current


def _shown(column: str, value: object) -> str:
    if column in _MONEY_FIELDS:
        return money_text(value)
    if column == "commission_pct":
        return percent_text(value)
    return "" if value is None else str(value)


def _create(session: Session, user: UserInfo, row: ParsedRow, errors: list[RowError], dry_run: bool) -> RowChange:
    values = row.values
    data = ProductInput(barcode=values["barcode"], name=values["name"], vendor_code=values["vendor_code"],
                        price=values["price"], category=values.get("category", ""),
                        harga_setor=values.get("harga_setor"), commission_pct=values.get("commission_pct"),
                        unit=values.get("unit", "pcs"), measure="unit", opening_stock=values.get("stock") or 0)

    def write() -> Product:
        product = create_product(session, data, user_id=user.id)
        _write_certificates(session, product.id, {}, values)
        return product

    product = apply_row(session, row.row, errors, write)
    # A dry run rolls back, so an in-store code it drew may go to another product: not shown.
    key = values["barcode"] or ("" if dry_run or product is None else product.barcode)
    return RowChange(row.row, CREATE, key, values["name"])


def _update(session: Session, user: UserInfo, row: ParsedRow, product: Product, current: dict[str, object],
            errors: list[RowError]) -> RowChange:
    given = {name: value for name, value in row.values.items() if name not in ("barcode", "stock")}
    merged = {**current, **given}
    diff = tuple(FieldChange(name, _shown(name, current[name]), _shown(name, merged[name]))
                 for name in given if current[name] != merged[name])
    if not diff:
        return RowChange(row.row, UNCHANGED, product.barcode, product.name)
    data = ProductInput(barcode=product.barcode, name=merged["name"], vendor_code=merged["vendor_code"],
                        price=merged["price"], category=merged["category"], harga_setor=merged["harga_setor"],
                        commission_pct=merged["commission_pct"], unit=merged["unit"], measure=product.measure,
                        opening_stock=0, reorder_level=product.reorder_level, active=product.active)
    certificate_changes = {kind: given[kind] for kind in KINDS if kind in given and current[kind] != given[kind]}
    barcode = product.barcode

    def write() -> Product:
        updated = update_product(session, product.id, data, user=user)
        _write_certificates(session, product.id, _stored_certificates(session, product.id), certificate_changes)
        return updated

    apply_row(session, row.row, errors, write)
    return RowChange(row.row, UPDATE, barcode, str(merged["name"]), diff)


def _stored_certificates(session: Session, product_id: int) -> dict[str, ProductCertificate]:
    return {c.kind: c for c in session.scalars(select(ProductCertificate)
                                               .where(ProductCertificate.product_id == product_id))}


def _write_certificates(session: Session, product_id: int, stored: dict[str, ProductCertificate],
                        values: dict[str, object]) -> None:
    """Set the certificate numbers in ``values`` (None removes one); a changed number keeps its expiry date."""
    for kind in KINDS:
        if kind not in values:
            continue
        number = values[kind]
        certificate = stored.get(kind)
        if number is None:
            if certificate is not None:
                session.delete(certificate)
        elif certificate is None:
            session.add(ProductCertificate(product_id=product_id, kind=kind, number=number))
        else:
            certificate.number = number
    session.flush()


def _stock_note(row: ParsedRow, product: Product) -> RowNote | None:
    stock = row.values.get("stock")
    if stock is None or stock == product.stock_on_hand:
        return None
    return RowNote(row.row, "stock", _(
        "stok {given} diabaikan: barang {code} sudah ada (stok sekarang {stock}); stok barang lama hanya berubah "
        "lewat penerimaan titipan, retur atau stok opname", given=format_number(stock), code=product.barcode,
        stock=format_number(product.stock_on_hand)))

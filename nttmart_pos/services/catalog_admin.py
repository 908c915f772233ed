"""The manager's vendor (UMKM) and product administration: list, search, edit, deactivate.

Every function takes a ``UnitOfWork`` (``write=True`` for changes) and returns
frozen row dataclasses, never ORM objects.  Changes need ``MANAGE_VENDORS`` or
``MANAGE_PRODUCTS`` and are journalled (``vendor.create``, ``vendor.terms``,
``vendor.update``, ``vendor.activate``/``deactivate`` and the same for
``product.*``, with ``product.price`` for a price, harga setor or commission
change).
Nothing is ever deleted: deactivating a product stops its sale at the till;
deactivating a vendor hides it from new products and the low-stock list, but
its products stay sellable (the goods are on the shelf) and are flagged by
``ProductRow.vendor_active``.  Certificates: ``services.product_certificates``;
expiry and low-stock lists: ``services.stock_alerts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from nttmart_pos.db.inventory_models import PriceChange
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import equivalent_codes
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.catalog import (ProductInput, VendorInput, barcode_is_free, create_product, create_vendor,
                                          like_pattern, product_values, typed_code, vendor_by_code, vendor_values)
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import MANAGE_PRODUCTS, MANAGE_VENDORS, require

LIST_LIMIT = 200
_SHOWN_NAMES = 3


@dataclass(frozen=True)
class VendorRow:
    id: int
    code: str
    name: str
    owner: str
    phone: str
    regency: str
    village: str
    terms: str  # "commission" or "harga_setor"
    commission_pct: int | None
    payout_method: str  # "transfer", "cash" or "ewallet"
    payout_account: str
    notes: str
    active: bool
    product_count: int  # active products


@dataclass(frozen=True)
class ProductRow:
    id: int
    barcode: str
    name: str
    category: str
    vendor_code: str
    vendor_name: str
    vendor_terms: str
    vendor_commission_pct: int | None
    vendor_active: bool  # False: still sellable, but the vendor no longer supplies
    price: int
    harga_setor: int | None
    commission_pct: int | None  # the product's own override, None to use the vendor's
    unit: str
    measure: str
    reorder_level: int
    active: bool
    stock_on_hand: int

    @property
    def effective_commission_pct(self) -> int | None:
        """The commission the till will snapshot: the product's, else the vendor's; None for harga setor."""
        if self.vendor_terms == "harga_setor":
            return None
        if self.commission_pct is not None:
            return self.commission_pct
        return self.vendor_commission_pct if self.vendor_commission_pct is not None else 0


@dataclass(frozen=True)
class PriceChangeRow:
    changed_at: datetime
    user_name: str
    old_price: int
    new_price: int
    old_harga_setor: int | None
    new_harga_setor: int | None
    old_commission_pct: int | None
    new_commission_pct: int | None


def vendor_row(vendor: Vendor, product_count: int) -> VendorRow:
    return VendorRow(vendor.id, vendor.code, vendor.name, vendor.owner, vendor.phone, vendor.regency,
                     vendor.village, vendor.terms, vendor.commission_pct, vendor.payout_method,
                     vendor.payout_account, vendor.notes, vendor.active, int(product_count or 0))


def product_row(product: Product, vendor: Vendor) -> ProductRow:
    return ProductRow(product.id, product.barcode, product.name, product.category, vendor.code, vendor.name,
                      vendor.terms, vendor.commission_pct, vendor.active, product.price, product.harga_setor, product.commission_pct,
                      product.unit, product.measure, product.reorder_level, product.active,
                      product.stock_on_hand)


# -- vendors ---------------------------------------------------------------

def _vendor_statement():
    counts = (select(Product.vendor_id, func.count().label("n")).where(Product.active.is_(True))
              .group_by(Product.vendor_id).subquery())
    return select(Vendor, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.vendor_id == Vendor.id)


def list_vendors(uow: UnitOfWork, query: str = "", include_inactive: bool = False) -> list[VendorRow]:
    """Vendors whose code, name, owner or regency contains every word of ``query`` (any case)."""
    statement = _vendor_statement()
    if not include_inactive:
        statement = statement.where(Vendor.active.is_(True))
    for word in query.lower().split()[:5]:
        pattern = like_pattern(word)
        statement = statement.where(or_(*(func.lower(column).like(pattern, escape="\\") for column in
                                          (Vendor.code, Vendor.name, Vendor.owner, Vendor.regency))))
    with uow:
        return [vendor_row(v, n) for v, n in uow.session.execute(statement.order_by(Vendor.code))]


def get_vendor(uow: UnitOfWork, code: str) -> VendorRow:
    with uow:
        return _vendor_row_by_code(uow.session, code)


def _vendor_row_by_code(session: Session, code: str) -> VendorRow:
    found = session.execute(_vendor_statement().where(Vendor.code == (code or "").strip().upper())).first()
    if found is None:
        raise NotFoundError(_("UMKM dengan kode {code} tidak ada", code=code))
    return vendor_row(*found)


def update_vendor(session: Session, data: VendorInput) -> Vendor:
    """Change the vendor with ``data.code`` inside the caller's transaction (the code itself never changes)."""
    values = vendor_values(data)
    vendor = vendor_by_code(session, data.code)
    if values["terms"] == "harga_setor" and vendor.terms != "harga_setor":
        # Every product must know what the vendor gets per unit before the terms switch.
        missing = session.scalars(select(Product.name).where(Product.vendor_id == vendor.id,
                                                             Product.harga_setor.is_(None))
                                  .order_by(Product.name)).all()
        if missing:
            names = ", ".join(missing[:_SHOWN_NAMES]) + (", ..." if len(missing) > _SHOWN_NAMES else "")
            raise ValidationError(_("Isi dulu harga setor {count} barang UMKM {code} sebelum ganti ke harga setor: "
                                    "{names}", count=len(missing), code=vendor.code, names=names))
    for key, value in values.items():
        setattr(vendor, key, value)
    session.flush()
    return vendor


_VENDOR_TERMS = ("terms", "commission_pct")
_VENDOR_FIELDS = ("name", "owner", "phone", "regency", "village", *_VENDOR_TERMS, "payout_method", "payout_account",
                  "notes")


def _vendor_snapshot(vendor: Vendor) -> dict[str, object]:
    return {key: getattr(vendor, key) for key in _VENDOR_FIELDS}


def save_vendor(uow: UnitOfWork, user: UserInfo, data: VendorInput, *, create: bool) -> VendorRow:
    """Create a vendor (``create=True``) or change the one with ``data.code``."""
    require(user, MANAGE_VENDORS)
    with uow:
        session = uow.session
        if create:
            vendor = create_vendor(session, data)
            append(session, "vendor.create", {"name": vendor.name, "terms": vendor.terms,
                                              "commission_pct": vendor.commission_pct}, user=user, ref=vendor.code)
        else:
            current = session.scalar(select(Vendor).where(Vendor.code == (data.code or "").strip().upper()))
            before = _vendor_snapshot(current) if current is not None else {}
            vendor = update_vendor(session, data)  # refuses an unknown code
            after = _vendor_snapshot(vendor)
            changed = sorted(key for key in after if after[key] != before[key])
            if any(key in changed for key in _VENDOR_TERMS):
                append(session, "vendor.terms", {"old_terms": before["terms"], "new_terms": after["terms"],
                                                 "old_commission_pct": before["commission_pct"],
                                                 "new_commission_pct": after["commission_pct"], "fields": changed},
                       user=user, ref=vendor.code)
            elif changed:
                append(session, "vendor.update", {"fields": changed}, user=user, ref=vendor.code)
        uow.commit()
        return _vendor_row_by_code(session, vendor.code)


def set_vendor_active(uow: UnitOfWork, user: UserInfo, code: str, active: bool) -> VendorRow:
    """Deactivate (or reactivate) a vendor; its products and history stay as they are."""
    require(user, MANAGE_VENDORS)
    with uow:
        vendor = vendor_by_code(uow.session, code)
        if vendor.active != bool(active):
            vendor.active = bool(active)
            uow.session.flush()
            append(uow.session, "vendor.activate" if active else "vendor.deactivate", {}, user=user, ref=vendor.code)
        uow.commit()
        return _vendor_row_by_code(uow.session, vendor.code)


# -- products --------------------------------------------------------------

def list_products(uow: UnitOfWork, query: str = "", vendor_code: str | None = None, category: str | None = None,
                  include_inactive: bool = False, limit: int = LIST_LIMIT) -> list[ProductRow]:
    """Products whose name or barcode contains every word of ``query``, by name."""
    statement = select(Product, Vendor).join(Vendor, Product.vendor_id == Vendor.id)
    if not include_inactive:
        statement = statement.where(Product.active.is_(True))
    if vendor_code:
        statement = statement.where(Vendor.code == vendor_code.strip().upper())
    if category:
        statement = statement.where(func.lower(Product.category) == " ".join(category.split()).lower())
    for word in query.lower().split()[:5]:
        pattern = like_pattern(word)
        statement = statement.where(or_(Product.name_search.like(pattern, escape="\\"),
                                        Product.barcode.like(pattern, escape="\\")))
    with uow:
        rows = uow.session.execute(statement.order_by(Product.name, Product.id).limit(limit))
        return [product_row(p, v) for p, v in rows]


def get_product(uow: UnitOfWork, barcode_or_id: int | str) -> ProductRow:
    """One product by its id (int) or its barcode (str), active or not."""
    with uow:
        return _product_row(uow.session, barcode_or_id)


def _product_row(session: Session, barcode_or_id: int | str) -> ProductRow:
    # populate_existing: the ledger moves stock with a bulk UPDATE the identity map does not see.
    statement = (select(Product, Vendor).join(Vendor, Product.vendor_id == Vendor.id)
                 .execution_options(populate_existing=True))
    if isinstance(barcode_or_id, int) and not isinstance(barcode_or_id, bool):
        found = session.execute(statement.where(Product.id == barcode_or_id)).first()
    else:
        codes = equivalent_codes(str(barcode_or_id).strip())
        found = session.execute(statement.where(Product.barcode.in_(codes)).order_by(Product.id)).first()
    if found is None:
        raise NotFoundError(_("Barang tidak ditemukan: {code}", code=barcode_or_id))
    return product_row(*found)


def product_by_id(session: Session, product_id: int, *, for_update: bool = False) -> Product:
    # for_update also reloads: a ledger movement earlier in this transaction bypassed the identity map.
    product = session.get(Product, product_id, with_for_update=for_update, populate_existing=for_update)
    if product is None:
        raise NotFoundError(_("Barang tidak ditemukan: {code}", code=product_id))
    return product


def update_product(session: Session, product_id: int, data: ProductInput, *, user: UserInfo | None) -> Product:
    """Change a product inside the caller's transaction, logging price and terms changes.

    Refused: another measure (stock is kept in that unit), opening stock (stock
    moves only through the ledger), a barcode already in use, and moving goods
    still in stock to another vendor (they belong to the vendor who left them).
    """
    product = product_by_id(session, product_id, for_update=True)
    vendor = vendor_by_code(session, data.vendor_code)
    if data.measure != product.measure:
        raise ValidationError(_("Jenis takaran barang {name} tidak dapat diubah", name=product.name))
    if data.opening_stock:
        raise ValidationError(_("Stok barang yang sudah ada hanya berubah lewat penerimaan titipan, retur "
                                "atau stok opname"))
    if vendor.id != product.vendor_id:
        if product.stock_on_hand != 0:
            raise ValidationError(_("Barang {name} masih ada stok {stock}: retur dulu ke UMKM lama sebelum "
                                    "dipindah ke UMKM {code}", name=product.name, stock=product.stock_on_hand,
                                    code=vendor.code))
        if not vendor.active:
            raise ValidationError(_("UMKM {code} tidak aktif: aktifkan dulu sebelum menambah barang",
                                    code=vendor.code))
    values = product_values(data, vendor)
    new_code = (data.barcode or "").strip()
    if new_code and new_code != product.barcode:
        new_code = typed_code(product.measure, new_code)
        if not barcode_is_free(session, new_code, except_id=product.id):
            raise ValidationError(_("Barcode {code} sudah dipakai barang lain", code=new_code))
        values["barcode"] = new_code
    old = (product.price, product.harga_setor, product.commission_pct)
    new = (values["price"], values["harga_setor"], values["commission_pct"])
    if old != new:
        session.add(PriceChange(product_id=product.id, user_id=user.id if user else None,
                                user_name=user.full_name if user else "", old_price=old[0], new_price=new[0],
                                old_harga_setor=old[1], new_harga_setor=new[1], old_commission_pct=old[2],
                                new_commission_pct=new[2]))
    for key, value in values.items():
        setattr(product, key, value)
    session.flush()
    return product


def save_product(uow: UnitOfWork, user: UserInfo, data: ProductInput, *,
                 product_id: int | None = None) -> ProductRow:
    """Create a product (``product_id`` None; books ``opening_stock``) or change product ``product_id``."""
    require(user, MANAGE_PRODUCTS)
    with uow:
        session = uow.session
        if product_id is None:
            product = create_product(session, data, user_id=user.id)
            session.flush()
            vendor = session.get(Vendor, product.vendor_id)
            append(session, "product.create", {
                "name": product.name, "vendor": vendor.code, "price": product.price,
                "harga_setor": product.harga_setor, "commission_pct": product.commission_pct,
                "opening_stock": data.opening_stock}, user=user, ref=product.barcode)
        else:
            before = _product_snapshot(product_by_id(session, product_id, for_update=True))
            product = update_product(session, product_id, data, user=user)
            _journal_product_change(session, user, before, _product_snapshot(product))
        uow.commit()
        return _product_row(session, product.id)


_PRICE_FIELDS = ("price", "harga_setor", "commission_pct")
_PRODUCT_FIELDS = ("barcode", "name", "category", "vendor_id", *_PRICE_FIELDS, "unit", "reorder_level", "active")


def _product_snapshot(product: Product) -> dict[str, object]:
    return {key: getattr(product, key) for key in _PRODUCT_FIELDS}


def _journal_product_change(session: Session, user: UserInfo, before: dict[str, object],
                            after: dict[str, object]) -> None:
    """One entry for a product edit: ``product.price`` when a price term changed, else ``product.update``."""
    changed = [key for key in _PRODUCT_FIELDS if before[key] != after[key]]
    if any(key in changed for key in _PRICE_FIELDS):
        append(session, "product.price", {
            "old": before["price"], "new": after["price"], "old_harga_setor": before["harga_setor"],
            "new_harga_setor": after["harga_setor"], "old_commission_pct": before["commission_pct"],
            "new_commission_pct": after["commission_pct"], "fields": changed,
            **({"old_barcode": before["barcode"]} if "barcode" in changed else {})}, user=user, ref=after["barcode"])
    elif changed:
        append(session, "product.update", {"fields": changed,
                                           **({"old_barcode": before["barcode"]} if "barcode" in changed else {})},
               user=user, ref=after["barcode"])


def set_product_active(uow: UnitOfWork, user: UserInfo, product_id: int, active: bool) -> ProductRow:
    """Stop (or resume) selling a product; its sales, stock and price history stay."""
    require(user, MANAGE_PRODUCTS)
    with uow:
        product = product_by_id(uow.session, product_id, for_update=True)
        if product.active != bool(active):
            product.active = bool(active)
            uow.session.flush()
            append(uow.session, "product.activate" if active else "product.deactivate", {}, user=user,
                   ref=product.barcode)
        uow.commit()
        return _product_row(uow.session, product_id)


def price_history(uow: UnitOfWork, product_id: int) -> list[PriceChangeRow]:
    """Every change of price, harga setor or commission of a product, oldest first."""
    with uow:
        product_by_id(uow.session, product_id)
        changes = uow.session.scalars(select(PriceChange).where(PriceChange.product_id == product_id)
                                      .order_by(PriceChange.changed_at, PriceChange.id))
        return [PriceChangeRow(c.changed_at, c.user_name, c.old_price, c.new_price, c.old_harga_setor,
                               c.new_harga_setor, c.old_commission_pct, c.new_commission_pct) for c in changes]

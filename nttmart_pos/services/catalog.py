"""Vendors and products: creating them, and finding a product from a scan or a name.

The scan path (``product_for_scan``) is one indexed query, certificates
included; it runs on every beep at the till.  Editing, listing and
deactivating live in ``services.catalog_admin``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, and_, bindparam, select
from sqlalchemy.orm import Session

from nttmart_pos.db.inventory_models import ProductCertificate
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain import catalog_rules as rules
from nttmart_pos.domain.barcodes import decode_scan, equivalent_codes, instore_code, validate_barcode
from nttmart_pos.domain.cart import CartProduct
from nttmart_pos.domain.certificates import SCAN_CHECKED_KINDS, scan_warning
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.stock import record_movement

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class ScanResult:
    """A product found by a scan, with what the label said (grams or price)."""

    product: CartProduct
    grams: int | None = None
    price: int | None = None


def _cart_product(product: Product, warning: str = "") -> CartProduct:
    return CartProduct(product.id, product.barcode, product.name, product.price, product.measure, product.unit,
                       product.stock_on_hand, warning)


# The scan: the product under its code (or any of up to three equivalent codes) and, joined on, only its
# lapsed P-IRT/BPOM rows.  Two prepared statements: one code (most scans) and three (a code repeated when
# there are two).
SCAN_CODES = ("code_1", "code_2", "code_3")
_LAPSED = and_(ProductCertificate.product_id == Product.id,
               ProductCertificate.kind.in_([bindparam(None, kind) for kind in SCAN_CHECKED_KINDS]),
               ProductCertificate.expires_on < bindparam("today", type_=Date))
_SCAN_COLUMNS = select(Product.id, Product.barcode, Product.name, Product.price, Product.measure, Product.unit,
                       Product.stock_on_hand, Product.active, ProductCertificate.kind, ProductCertificate.expires_on
                       ).outerjoin(ProductCertificate, _LAPSED)
SCAN_ONE = _SCAN_COLUMNS.where(Product.barcode == bindparam("code_1"))
SCAN_ANY = _SCAN_COLUMNS.where(Product.barcode.in_([bindparam(name) for name in SCAN_CODES]))


def product_for_scan(uow: UnitOfWork, text: str, *, today: date | None = None) -> ScanResult:
    """Decode a scanned code and find its product, or raise a clear error.

    A product whose P-IRT or BPOM expired before ``today`` still sells, but its
    ``CartProduct.warning`` says so (the till shows it on the status line).
    The lookup is one prepared statement on the thread's held connection
    (``UnitOfWork.read_rows``), about as fast as the database's own index.
    """
    today = today or date.today()
    scanned = decode_scan(text)
    same_item = equivalent_codes(scanned.code)
    codes = [*dict.fromkeys([*same_item, scanned.lookup_code])]
    if len(codes) == 1:  # most scans: one code, one prepared statement
        statement, params = SCAN_ONE, {"today": today, "code_1": codes[0]}
    else:
        statement = SCAN_ANY
        params = {"today": today, **dict(zip(SCAN_CODES, codes + codes[-1:] * (len(SCAN_CODES) - len(codes))))}
    found: dict[str, tuple] = {}
    certificates: dict[int, list[tuple[str, date | None]]] = {}
    for row in uow.read_rows(statement, params):
        found[row[1]] = row
        if row[8] is not None:
            certificates.setdefault(row[0], []).append((row[8], row[9]))
    row = next((found[c] for c in same_item if c in found), None) or found.get(scanned.lookup_code)
    if row is None:
        raise NotFoundError(_("Barang tidak dikenal: {code}", code=scanned.code))
    product_id, barcode, name, price, measure, unit, stock, active = row[:8]
    if not active:
        raise NotFoundError(_("Barang {name} sudah tidak aktif dijual", name=name))
    item = CartProduct(product_id, barcode, name, price, measure, unit, stock,
                       scan_warning(certificates.get(product_id, []), today))
    if item.barcode in same_item and item.measure == "unit":
        return ScanResult(item)
    if item.barcode == scanned.lookup_code and scanned.kind == item.measure == "weight":
        return ScanResult(item, grams=scanned.grams)
    if item.barcode == scanned.lookup_code and scanned.kind == item.measure == "price":
        return ScanResult(item, price=scanned.price)
    if item.measure == "weight":
        raise ValidationError(_("Barang timbangan harus dipindai dari label timbangan"))
    raise NotFoundError(_("Barang tidak dikenal: {code}", code=scanned.code))


def like_pattern(word: str) -> str:
    """``%word%`` with LIKE's wildcards in ``word`` escaped (use with ``escape="\\\\"``)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_products(uow: UnitOfWork, query: str, limit: int = SEARCH_LIMIT, *,
                    today: date | None = None) -> list[CartProduct]:
    """Active products whose name contains every word of ``query`` (case-insensitive).

    Like a scan, a product with a lapsed P-IRT or BPOM carries a ``warning``.
    """
    today = today or date.today()
    words = [w for w in query.lower().split() if w][:5]
    if not words:
        return []
    statement = select(Product).where(Product.active.is_(True))
    for word in words:
        statement = statement.where(Product.name_search.like(like_pattern(word), escape="\\"))
    with uow:
        rows = uow.session.scalars(statement.order_by(Product.name).limit(limit)).all()
        lapsed: dict[int, list[tuple[str, date | None]]] = {}
        if rows:
            for product_id, kind, expires_on in uow.session.execute(
                    select(ProductCertificate.product_id, ProductCertificate.kind, ProductCertificate.expires_on)
                    .where(ProductCertificate.product_id.in_([p.id for p in rows]),
                           ProductCertificate.kind.in_(SCAN_CHECKED_KINDS), ProductCertificate.expires_on < today)):
                lapsed.setdefault(product_id, []).append((kind, expires_on))
        return [_cart_product(p, scan_warning(lapsed.get(p.id, []), today)) for p in rows]


@dataclass(frozen=True)
class VendorInput:
    """What the manager types for a vendor (UMKM); see ``vendor_values`` for the rules."""

    code: str
    name: str
    owner: str = ""
    phone: str = ""
    regency: str = ""  # one of the 22 NTT kabupaten/kota, any case
    village: str = ""
    terms: str = "commission"  # or "harga_setor"
    commission_pct: int | None = 20  # ignored (stored empty) for harga setor vendors
    # "cash" by default: the only method that needs no account number.
    payout_method: str = "cash"
    payout_account: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ProductInput:
    """What the manager types for a product.

    ``barcode`` None or empty: a new product gets an in-store code, an edited one
    keeps its code.  ``opening_stock`` is for new products only (later stock
    comes through intake, retur and stok opname).
    """

    barcode: str | None
    name: str
    vendor_code: str
    price: int
    category: str = ""
    harga_setor: int | None = None
    commission_pct: int | None = None  # overrides the vendor's commission
    unit: str = "pcs"
    measure: str = "unit"
    opening_stock: int = 0
    reorder_level: int = 0  # pieces, or grams for weighed goods
    active: bool = True


def vendor_values(data: VendorInput) -> dict[str, object]:
    """The checked, normalized column values of a vendor (code included)."""
    terms, commission_pct = rules.check_terms(data.terms, data.commission_pct)
    payout_method, payout_account = rules.check_payout(data.payout_method, data.payout_account)
    return {
        "code": rules.check_vendor_code(data.code),
        "name": rules.clean_text(data.name, _("Nama UMKM"), rules.MAX_VENDOR_NAME, required=True),
        "owner": rules.clean_text(data.owner, _("Nama pemilik"), rules.MAX_OWNER),
        "phone": rules.check_phone(data.phone),
        "regency": rules.check_regency(data.regency),
        "village": rules.clean_text(data.village, _("Desa/kelurahan"), rules.MAX_VILLAGE),
        "terms": terms,
        "commission_pct": commission_pct,
        "payout_method": payout_method,
        "payout_account": payout_account,
        "notes": rules.check_notes(data.notes),
    }


def add_vendor(uow: UnitOfWork, data: VendorInput) -> int:
    with uow:
        vendor = create_vendor(uow.session, data)
        uow.commit()
        return vendor.id


def create_vendor(session: Session, data: VendorInput) -> Vendor:
    """Check and add a vendor inside the caller's transaction (flushed, so it has its id)."""
    values = vendor_values(data)
    if session.scalar(select(Vendor.id).where(Vendor.code == values["code"])) is not None:
        raise ValidationError(_("Kode UMKM {code} sudah dipakai", code=values["code"]))
    vendor = Vendor(**values, active=True)
    session.add(vendor)
    session.flush()
    return vendor


def product_values(data: ProductInput, vendor: Vendor) -> dict[str, object]:
    """The checked column values of a product of ``vendor`` (barcode and stock aside)."""
    name = rules.clean_text(data.name, _("Nama produk"), rules.MAX_PRODUCT_NAME, required=True)
    rules.check_product_terms(data.price, data.harga_setor, data.commission_pct, vendor.terms, vendor.code)
    return {
        "name": name,
        "name_search": name.lower(),
        "category": rules.clean_text(data.category, _("Kategori"), rules.MAX_CATEGORY),
        "vendor_id": vendor.id,
        "price": data.price,
        "harga_setor": data.harga_setor,
        "commission_pct": data.commission_pct,
        "unit": rules.clean_text(data.unit, _("Satuan"), rules.MAX_UNIT, required=True),
        "measure": rules.check_measure(data.measure),
        "reorder_level": rules.check_reorder_level(data.reorder_level),
        "active": bool(data.active),
    }


def vendor_by_code(session: Session, code: str) -> Vendor:
    vendor = session.scalar(select(Vendor).where(Vendor.code == (code or "").strip().upper()))
    if vendor is None:
        raise NotFoundError(_("UMKM dengan kode {code} tidak ada", code=code))
    return vendor


def typed_code(measure: str, barcode: str) -> str:
    """A barcode typed for a product of ``measure``: a GS1 code, or a 7-digit scale lookup code."""
    if measure == "unit":
        return validate_barcode(barcode)
    code = barcode.strip()
    if not (len(code) == 7 and code.isascii() and code.isdigit() and code[:2] in ("21", "22")):
        raise ValidationError(_("Kode barang timbangan harus 7 angka diawali 21 atau 22"))
    return code


def barcode_is_free(session: Session, code: str, *, except_id: int | None = None) -> bool:
    """True if no other product has ``code`` in any form a scanner may send it (UPC-A with or without 0)."""
    statement = select(Product.id).where(Product.barcode.in_(equivalent_codes(code)))
    if except_id is not None:
        statement = statement.where(Product.id != except_id)
    return session.scalar(statement) is None


def _new_instore_code(session: Session) -> str:
    # Skips numbers someone typed in by hand, so assignment never collides;
    # the counter only moves forward, so a code is never handed out twice.
    while not barcode_is_free(session, code := instore_code(next_value(session, "instore-code"))):
        pass
    return code


def add_product(uow: UnitOfWork, data: ProductInput, *, user_id: int | None = None) -> int:
    """Create a product (assigning an in-store code when it has none) and book its opening stock."""
    with uow:
        product = create_product(uow.session, data, user_id=user_id)
        uow.commit()
        return product.id


def create_product(session: Session, data: ProductInput, *, user_id: int | None = None) -> Product:
    """``add_product`` inside the caller's transaction: several products can share one commit.

    The returned object's ``stock_on_hand`` is not refreshed after the opening stock is booked.
    """
    vendor = vendor_by_code(session, data.vendor_code)
    if not vendor.active:
        raise ValidationError(_("UMKM {code} tidak aktif: aktifkan dulu sebelum menambah barang", code=vendor.code))
    values = product_values(data, vendor)
    if isinstance(data.opening_stock, bool) or not isinstance(data.opening_stock, int) or data.opening_stock < 0:
        raise ValidationError(_("Stok awal tidak boleh negatif"))
    if data.measure == "unit" and not (data.barcode or "").strip():
        barcode = _new_instore_code(session)
    else:
        barcode = typed_code(data.measure, data.barcode or "")
        if not barcode_is_free(session, barcode):
            raise ValidationError(_("Barcode {code} sudah dipakai barang lain", code=barcode))
    product = Product(barcode=barcode, stock_on_hand=0, **values)
    session.add(product)
    session.flush()
    if data.opening_stock:
        record_movement(session, product.id, "received", data.opening_stock, user_id=user_id,
                        reference="stok awal")
    return product

"""Vendors and products: creating them, and finding a product from a scan or a name.

The scan path (``product_for_scan``) is one indexed query; it runs on every
beep at the till.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import decode_scan, equivalent_codes, instore_code, validate_barcode
from nttmart_pos.domain.cart import CartProduct
from nttmart_pos.domain.money import ensure_rupiah
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


def _cart_product(product: Product) -> CartProduct:
    return CartProduct(product.id, product.barcode, product.name, product.price, product.measure, product.unit,
                       product.stock_on_hand)


def product_for_scan(uow: UnitOfWork, text: str) -> ScanResult:
    """Decode a scanned code and find its product, or raise a clear error."""
    scanned = decode_scan(text)
    same_item = equivalent_codes(scanned.code)
    with uow:
        codes = {*same_item, scanned.lookup_code}
        found = {p.barcode: p for p in uow.session.scalars(select(Product).where(Product.barcode.in_(codes)))}
        product = next((found[c] for c in same_item if c in found), None) or found.get(scanned.lookup_code)
        if product is None:
            raise NotFoundError(_("Barang tidak dikenal: {code}", code=scanned.code))
        if not product.active:
            raise NotFoundError(_("Barang {name} sudah tidak aktif dijual", name=product.name))
        item = _cart_product(product)
    if item.barcode in same_item and item.measure == "unit":
        return ScanResult(item)
    if item.barcode == scanned.lookup_code and scanned.kind == item.measure == "weight":
        return ScanResult(item, grams=scanned.grams)
    if item.barcode == scanned.lookup_code and scanned.kind == item.measure == "price":
        return ScanResult(item, price=scanned.price)
    if item.measure == "weight":
        raise ValidationError(_("Barang timbangan harus dipindai dari label timbangan"))
    raise NotFoundError(_("Barang tidak dikenal: {code}", code=scanned.code))


def search_products(uow: UnitOfWork, query: str, limit: int = SEARCH_LIMIT) -> list[CartProduct]:
    """Active products whose name contains every word of ``query`` (case-insensitive)."""
    words = [w for w in query.lower().split() if w][:5]
    if not words:
        return []
    statement = select(Product).where(Product.active.is_(True))
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(Product.name_search.like(f"%{escaped}%", escape="\\"))
    with uow:
        rows = uow.session.scalars(statement.order_by(Product.name).limit(limit)).all()
        return [_cart_product(p) for p in rows]


@dataclass(frozen=True)
class VendorInput:
    code: str
    name: str
    owner: str = ""
    phone: str = ""
    regency: str = ""
    village: str = ""
    terms: str = "commission"
    commission_pct: int | None = 20
    payout_method: str = "transfer"
    payout_account: str = ""


@dataclass(frozen=True)
class ProductInput:
    barcode: str | None
    name: str
    vendor_code: str
    price: int
    category: str = ""
    harga_setor: int | None = None
    commission_pct: int | None = None
    unit: str = "pcs"
    measure: str = "unit"
    opening_stock: int = 0


def add_vendor(uow: UnitOfWork, data: VendorInput) -> int:
    with uow:
        vendor = create_vendor(uow.session, data)
        uow.commit()
        return vendor.id


def create_vendor(session: Session, data: VendorInput) -> Vendor:
    """Check and add a vendor inside the caller's transaction (flushed, so it has its id)."""
    code = data.code.strip().upper()
    if not code or not data.name.strip():
        raise ValidationError(_("Kode dan nama UMKM wajib diisi"))
    if data.terms not in ("commission", "harga_setor"):
        raise ValidationError(_("Ketentuan titip jual tidak dikenal: {terms}", terms=data.terms))
    if data.commission_pct is not None and not 0 <= data.commission_pct <= 100:
        raise ValidationError(_("Komisi harus 0 sampai 100 persen"))
    if session.scalar(select(Vendor.id).where(Vendor.code == code)) is not None:
        raise ValidationError(_("Kode UMKM {code} sudah dipakai", code=code))
    vendor = Vendor(code=code, name=data.name.strip(), owner=data.owner, phone=data.phone,
                    regency=data.regency, village=data.village, terms=data.terms,
                    commission_pct=data.commission_pct, payout_method=data.payout_method,
                    payout_account=data.payout_account, notes="")
    session.add(vendor)
    session.flush()
    return vendor


def _check_product(data: ProductInput) -> None:
    if not data.name.strip():
        raise ValidationError(_("Nama barang wajib diisi"))
    ensure_rupiah(data.price)
    if data.harga_setor is not None and ensure_rupiah(data.harga_setor) > data.price:
        raise ValidationError(_("Harga setor tidak boleh melebihi harga jual"))
    if data.measure not in ("unit", "weight", "price"):
        raise ValidationError(_("Jenis takaran tidak dikenal: {measure}", measure=data.measure))
    if data.opening_stock < 0:
        raise ValidationError(_("Stok awal tidak boleh negatif"))


def _product_code(session: Session, data: ProductInput) -> str:
    if data.measure != "unit":
        code = (data.barcode or "").strip()
        if not (len(code) == 7 and code.isdigit() and code[:2] in ("21", "22")):
            raise ValidationError(_("Kode barang timbangan harus 7 angka diawali 21 atau 22"))
        return code
    if data.barcode:
        return validate_barcode(data.barcode)
    return instore_code(next_value(session, "instore-code"))


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
    _check_product(data)
    vendor = session.scalar(select(Vendor).where(Vendor.code == data.vendor_code.strip().upper()))
    if vendor is None:
        raise NotFoundError(_("UMKM dengan kode {code} tidak ada", code=data.vendor_code))
    barcode = _product_code(session, data)
    if session.scalar(select(Product.id).where(Product.barcode == barcode)) is not None:
        raise ValidationError(_("Barcode {code} sudah dipakai barang lain", code=barcode))
    product = Product(barcode=barcode, name=data.name.strip(), name_search=data.name.strip().lower(),
                      category=data.category, vendor_id=vendor.id, price=data.price,
                      harga_setor=data.harga_setor, commission_pct=data.commission_pct, unit=data.unit,
                      measure=data.measure, stock_on_hand=0)
    session.add(product)
    session.flush()
    if data.opening_stock:
        record_movement(session, product.id, "received", data.opening_stock, user_id=user_id,
                        reference="stok awal")
    return product

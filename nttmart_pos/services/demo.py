"""Loading the demo store (UMKM vendors, their goods, two users) into an empty database.

Everything goes in one transaction through the same helpers the back office
uses (``services.catalog``), so demo products get their in-store codes and
opening stock ledger rows exactly like real ones; a failure leaves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from nttmart_pos.db.models import User, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.demo.catalog import DemoProduct, DemoVendor, demo_products, demo_vendors
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import hash_pin
from nttmart_pos.services.catalog import ProductInput, VendorInput, create_product, create_vendor

# (username, PIN, role, full name): printed by ``nttmart-pos demo``, so keep them simple.
DEMO_USERS = (
    ("kasir", "1234", "cashier", "Kasir Demo"),
    ("manajer", "9999", "manager", "Manajer Demo"),
    ("supervisor", "5555", "supervisor", "Supervisor Demo"),  # allows voids, refunds, big discounts
    ("admin", "0000", "admin", "Admin Demo"),  # manages users
)


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo load created."""

    vendors: int
    products: int
    users: int


def is_empty(uow: UnitOfWork) -> bool:
    """True if the store has no vendor yet (the only state the demo loads into)."""
    with uow:
        return uow.session.scalar(select(Vendor.id).limit(1)) is None


def has_demo_data(uow: UnitOfWork) -> bool:
    """True if any vendor of the demo catalog is in the database."""
    codes = [vendor.code for vendor in demo_vendors()]
    with uow:
        return uow.session.scalar(select(Vendor.id).where(Vendor.code.in_(codes)).limit(1)) is not None


def load_demo(uow: UnitOfWork) -> DemoSummary:
    """Add the demo vendors, products with opening stock, and users ``kasir``/``manajer``.

    Refuses a database that already has vendors; existing users of the same
    name are kept as they are (and not counted).
    """
    vendors = demo_vendors()
    products = demo_products()
    with uow:
        session = uow.session
        if session.scalar(select(Vendor.id).limit(1)) is not None:
            raise ValidationError(_("Database sudah berisi data UMKM; data demo hanya dimuat ke database kosong"))
        for vendor in vendors:
            create_vendor(session, _vendor_input(vendor))
        for product in products:
            create_product(session, _product_input(product))
        existing = set(session.scalars(select(User.username).where(
            User.username.in_([name for name, *_rest in DEMO_USERS]))))
        users = 0
        for username, pin, role, full_name in DEMO_USERS:
            if username not in existing:
                session.add(User(username=username, full_name=full_name, role=role, pin_hash=hash_pin(pin)))
                users += 1
        uow.commit()
    return DemoSummary(vendors=len(vendors), products=len(products), users=users)


def _vendor_input(vendor: DemoVendor) -> VendorInput:
    return VendorInput(code=vendor.code, name=vendor.name, owner=vendor.owner, phone=vendor.phone,
                       regency=vendor.regency, village=vendor.village, terms=vendor.terms,
                       commission_pct=vendor.commission_pct, payout_method=vendor.payout_method,
                       payout_account=vendor.payout_account)


def _product_input(product: DemoProduct) -> ProductInput:
    # The catalog gives weighed goods' stock in grams already, the unit the
    # ledger keeps them in (see ``demo.catalog``), so it is booked as it is.
    return ProductInput(barcode=product.barcode, name=product.name, vendor_code=product.vendor_code,
                        price=product.price, category=product.category, harga_setor=product.harga_setor,
                        commission_pct=product.commission_pct, unit=product.unit, measure=product.measure,
                        opening_stock=product.stock, reorder_level=_demo_reorder_level(product))


def _demo_reorder_level(product: DemoProduct) -> int:
    """A plausible reorder level, so the demo's low-stock list has something to show:
    about a fifth of the opening stock of goods sold by the piece (weighed goods: none)."""
    return max(1, product.stock // 5) if product.measure == "unit" else 0

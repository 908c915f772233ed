"""Product certificates (P-IRT, BPOM MD/ML, halal, SNI): recording them and listing those that lapse.

Numbers are stored normalized (``domain.certificates``) and shown formatted;
an expired P-IRT or BPOM makes the till warn on a scan (``services.catalog``).
Changing them needs ``MANAGE_PRODUCTS`` and is journalled (``product.certificates``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from nttmart_pos.db.inventory_models import ProductCertificate
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.certificates import (KINDS, LABELS, SOON_DAYS, check_expiry, expiry_state,
                                             format_certificate, parse_certificate)
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.catalog_admin import product_by_id
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import MANAGE_PRODUCTS, require


@dataclass(frozen=True)
class CertificateRow:
    kind: str  # "pirt", "bpom", "halal" or "sni"
    label: str  # "P-IRT", "BPOM", "Halal", "SNI"
    number: str  # normalized: 15 digits, "MD" + 12 digits, or as written
    formatted: str  # "P-IRT No. 1234567890123-45", "BPOM RI MD 123456789012", ...
    expires_on: date | None
    state: str  # "valid", "soon" (within 60 days) or "expired"


@dataclass(frozen=True)
class CertificateAlert:
    """A certificate of an active product that has expired or expires soon."""

    product_id: int
    barcode: str
    product_name: str
    vendor_code: str
    vendor_name: str
    kind: str
    label: str
    number: str
    formatted: str
    expires_on: date
    state: str  # "expired" or "soon"
    days_left: int  # negative once expired


def _row(certificate: ProductCertificate, today: date) -> CertificateRow:
    return CertificateRow(certificate.kind, LABELS[certificate.kind], certificate.number,
                          format_certificate(certificate.kind, certificate.number), certificate.expires_on,
                          expiry_state(certificate.expires_on, today))


def _rows(session, product_id: int, today: date) -> list[CertificateRow]:
    found = session.scalars(select(ProductCertificate).where(ProductCertificate.product_id == product_id))
    return sorted((_row(c, today) for c in found), key=lambda row: KINDS.index(row.kind))


def _check_expiries(expiries: dict[str, date | None], today: date) -> dict[str, date | None]:
    for kind, expires_on in expiries.items():
        if kind not in KINDS:
            raise ValidationError(_("Jenis sertifikat tidak dikenal: {kind}", kind=kind))
        if expires_on is not None and (isinstance(expires_on, datetime) or not isinstance(expires_on, date)):
            raise ValidationError(_("Tanggal kedaluwarsa {label} harus tanggal: {value}", label=LABELS[kind],
                                    value=expires_on))
        check_expiry(kind, expires_on, today)
    return expiries


def set_certificates(uow: UnitOfWork, user: UserInfo, product_id: int, *, pirt: str | None = None,
                     bpom: str | None = None, halal: str | None = None, sni: str | None = None,
                     expiries: dict[str, date | None] | None = None,
                     today: date | None = None) -> list[CertificateRow]:
    """Set, change or remove a product's certificates; returns all of them afterwards.

    For each kind: ``None`` leaves it as it is, ``""`` removes it, any other
    text is parsed and stored normalized.  ``expiries`` maps a kind to its
    expiry date (``None`` = no expiry); a kind not named there keeps the
    expiry it had (a new certificate: none).  All or nothing.
    """
    require(user, MANAGE_PRODUCTS)
    today = today or date.today()
    texts = {"pirt": pirt, "bpom": bpom, "halal": halal, "sni": sni}
    numbers = {kind: (parse_certificate(kind, text) if text.strip() else "")
               for kind, text in texts.items() if text is not None}
    expiries = _check_expiries(dict(expiries or {}), today)
    with uow:
        session = uow.session
        product = product_by_id(session, product_id, for_update=True)
        existing = {c.kind: c for c in session.scalars(
            select(ProductCertificate).where(ProductCertificate.product_id == product_id))}
        before = _snapshot(existing)
        for kind, number in numbers.items():
            if not number:
                if kind in existing:
                    session.delete(existing.pop(kind))
            elif kind in existing:
                existing[kind].number = number
            else:
                existing[kind] = ProductCertificate(product_id=product_id, kind=kind, number=number)
                session.add(existing[kind])
        for kind, expires_on in expiries.items():
            if numbers.get(kind) == "":
                continue  # removed in this same call
            if kind not in existing:
                raise ValidationError(_("Isi dulu nomor {label} sebelum tanggal kedaluwarsanya", label=LABELS[kind]))
            existing[kind].expires_on = expires_on
        session.flush()
        after = _snapshot(existing)
        if after != before:
            append(session, "product.certificates", {
                "changed": sorted(kind for kind in {*before, *after} if before.get(kind) != after.get(kind)),
                "certificates": {kind: list(value) for kind, value in after.items()}}, user=user, ref=product.barcode)
        uow.commit()
        return _rows(session, product_id, today)


def _snapshot(certificates: dict[str, ProductCertificate]) -> dict[str, tuple[str, str | None]]:
    """Each kind's number and expiry date (ISO), to journal what changed."""
    return {kind: (c.number, c.expires_on.isoformat() if c.expires_on else None) for kind, c in certificates.items()}


def product_certificates(uow: UnitOfWork, product_id: int, *, today: date | None = None) -> list[CertificateRow]:
    """A product's certificates in the order P-IRT, BPOM, halal, SNI."""
    with uow:
        product_by_id(uow.session, product_id)
        return _rows(uow.session, product_id, today or date.today())


def expiring_certificates(uow: UnitOfWork, today: date, within_days: int = SOON_DAYS) -> list[CertificateAlert]:
    """Certificates of active products expired or expiring within ``within_days``, soonest first."""
    statement = (select(ProductCertificate, Product, Vendor)
                 .join(Product, ProductCertificate.product_id == Product.id)
                 .join(Vendor, Product.vendor_id == Vendor.id)
                 .where(Product.active.is_(True), ProductCertificate.expires_on.is_not(None),
                        ProductCertificate.expires_on <= today + timedelta(days=within_days))
                 .order_by(ProductCertificate.expires_on, Product.name, Product.id))
    with uow:
        alerts = []
        for certificate, product, vendor in uow.session.execute(statement):
            expires_on = certificate.expires_on
            alerts.append(CertificateAlert(
                product.id, product.barcode, product.name, vendor.code, vendor.name, certificate.kind,
                LABELS[certificate.kind], certificate.number, format_certificate(certificate.kind, certificate.number),
                expires_on, "expired" if expires_on < today else "soon", (expires_on - today).days))
        # Same date and product: P-IRT before BPOM before halal before SNI.
        alerts.sort(key=lambda a: (a.expires_on, a.product_name, a.product_id, KINDS.index(a.kind)))
        return alerts

"""Rules for vendor (UMKM) and product data: codes, phones, payout, consignment terms, prices.

Pure functions on plain values; each returns the normalized value or raises
``ValidationError`` with a message that names the offending value.
"""

from __future__ import annotations

import re

from nttmart_pos.domain.money import ensure_rupiah
from nttmart_pos.domain.regions import canonical_regency
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _

TERMS = ("commission", "harga_setor")
PAYOUT_METHODS = ("transfer", "cash", "ewallet")
MEASURES = ("unit", "weight", "price")

_VENDOR_CODE = re.compile(r"[A-Z0-9-]{2,20}")
_PHONE = re.compile(r"[0-9+\- ]+")
_PHONE_DIGITS = (6, 15)  # shortest local landline .. longest E.164 number

# Column widths of the schema: checked here so that both backends refuse the
# same input with the same message (SQLite would silently keep a longer text).
MAX_VENDOR_NAME = 120
MAX_OWNER = 120
MAX_VILLAGE = 80
MAX_ACCOUNT = 120
MAX_PRODUCT_NAME = 160
MAX_CATEGORY = 60
MAX_UNIT = 20


def clean_text(value: str | None, label: str, max_length: int, *, required: bool = False) -> str:
    """``value`` with runs of whitespace collapsed; refused when too long, or empty but required."""
    text = " ".join((value or "").split())
    if not text.isprintable():  # e.g. NUL, which PostgreSQL cannot even store
        raise ValidationError(_("{label} berisi karakter kendali: {value}", label=label,
                                value=repr(text[:40])[1:-1]))
    if required and not text:
        raise ValidationError(_("{label} wajib diisi", label=label))
    if len(text) > max_length:
        raise ValidationError(_("{label} terlalu panjang ({length} karakter, paling banyak {max})",
                                label=label, length=len(text), max=max_length))
    return text


def check_notes(text: str | None) -> str:
    """Free notes: several lines allowed, control characters other than line breaks and tabs not."""
    notes = (text or "").strip()
    if any(not (ch.isprintable() or ch in "\n\t") for ch in notes.replace("\r\n", "\n")):
        raise ValidationError(_("{label} berisi karakter kendali: {value}", label=_("Catatan"),
                                value=repr(notes[:40])[1:-1]))
    return notes


def check_vendor_code(code: str | None) -> str:
    """2 to 20 characters A-Z, 0-9 or ``-``; lower case is raised to upper case."""
    value = (code or "").strip().upper()
    if not value:
        raise ValidationError(_("Kode UMKM wajib diisi"))
    if not _VENDOR_CODE.fullmatch(value):
        raise ValidationError(_("Kode UMKM harus 2 sampai 20 karakter A-Z, 0-9 atau tanda -: {code}",
                                code=value[:30]))
    return value


def check_regency(text: str | None) -> str:
    """The official spelling of one of the 22 kabupaten/kota of NTT."""
    regency = canonical_regency(text or "")
    if regency is None:
        raise ValidationError(_("Kabupaten/kota harus salah satu dari 22 kabupaten/kota NTT: {value}",
                                value=(text or "").strip()[:40]))
    return regency


def check_phone(text: str | None) -> str:
    """Digits, spaces, ``+`` and ``-`` only, with 6 to 15 digits; empty means no phone."""
    phone = " ".join((text or "").split())
    if not phone:
        return ""
    digits = sum(ch.isdigit() for ch in phone)
    if not (_PHONE.fullmatch(phone) and phone.isascii()) or not _PHONE_DIGITS[0] <= digits <= _PHONE_DIGITS[1]:
        raise ValidationError(_("Nomor telepon hanya boleh angka, spasi, + dan - (6 sampai 15 angka): {phone}",
                                phone=phone[:40]))
    return phone


def check_percent(value: int | None, *, required: bool) -> int | None:
    """A whole percent 0..100, or None when not required."""
    if value is None:
        if required:
            raise ValidationError(_("Komisi wajib diisi untuk UMKM dengan ketentuan komisi"))
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError(_("Komisi harus 0 sampai 100 persen"))
    return value


def check_terms(terms: str, commission_pct: int | None) -> tuple[str, int | None]:
    """Consignment terms and the vendor's commission: kept for commission, dropped for harga setor."""
    if terms not in TERMS:
        raise ValidationError(_("Ketentuan titip jual tidak dikenal: {terms}", terms=terms))
    if terms == "harga_setor":
        return terms, None  # the product's harga setor decides; a commission would be ignored
    return terms, check_percent(commission_pct, required=True)


def check_payout(method: str, account: str | None) -> tuple[str, str]:
    """Payout method and account; transfer and e-wallet need the account (bank/number/name)."""
    if method not in PAYOUT_METHODS:
        raise ValidationError(_("Cara pembayaran ke UMKM harus transfer, cash atau ewallet: {method}",
                                method=method))
    account = clean_text(account, _("Rekening pembayaran"), MAX_ACCOUNT)
    if method != "cash" and not account:
        raise ValidationError(_("Rekening atau nomor e-wallet wajib diisi untuk pembayaran {method}",
                                method=method))
    return method, account


def check_product_terms(price: int, harga_setor: int | None, commission_pct: int | None,
                        vendor_terms: str, vendor_code: str) -> None:
    """Price and consignment terms of one product against its vendor's terms."""
    ensure_rupiah(price)
    if harga_setor is not None and ensure_rupiah(harga_setor) > price:
        raise ValidationError(_("Harga setor tidak boleh melebihi harga jual"))
    if vendor_terms == "harga_setor" and harga_setor is None:
        raise ValidationError(_("UMKM {code} memakai harga setor: harga setor barang wajib diisi", code=vendor_code))
    check_percent(commission_pct, required=False)


def check_reorder_level(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(_("Batas stok minimum harus bilangan bulat 0 atau lebih: {value}", value=value))
    return value


def check_measure(measure: str) -> str:
    if measure not in MEASURES:
        raise ValidationError(_("Jenis takaran tidak dikenal: {measure}", measure=measure))
    return measure

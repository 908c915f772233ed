"""Product certificate numbers: P-IRT, BPOM MD/ML, halal, SNI.

P-IRT (home-industry food permit) is 15 digits, printed as
``P-IRT No. 1234567890123-45``; a P-IRT is valid for at most 5 years.
BPOM registration is ``MD`` (made in Indonesia) or ``ML`` (imported) and
12 digits.  Halal and SNI numbers are kept as written.
"""

from __future__ import annotations

import re
from datetime import date

from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _

_PIRT_PREFIX = re.compile(r"^\s*(p[\s-]*irt)?\s*(no\.?|nomor)?\s*", re.IGNORECASE)
_BPOM = re.compile(r"^\s*(?:bpom\s*(?:ri)?\s*)?(MD|ML)[\s-]*((?:\d[\s.-]*){12})$", re.IGNORECASE)
SOON_DAYS = 60


def parse_pirt(text: str) -> str:
    """The 15 digits of a P-IRT number written in any usual way, or ``ValidationError``."""
    body = _PIRT_PREFIX.sub("", text or "", count=1)
    digits = re.sub(r"[\s.-]", "", body)
    if not (digits.isascii() and digits.isdigit() and len(digits) == 15):
        raise ValidationError(_("Nomor P-IRT harus 15 angka: {value}", value=(text or "").strip()[:40]))
    return digits


def format_pirt(digits: str) -> str:
    """``123456789012345`` -> ``P-IRT No. 1234567890123-45``."""
    return f"P-IRT No. {digits[:13]}-{digits[13:]}"


def parse_bpom(text: str) -> str:
    """``MD 123456789012``, ``BPOM RI ML123456789012`` ... -> ``MD123456789012``."""
    match = _BPOM.match(text or "")
    if not match:
        raise ValidationError(_("Nomor BPOM harus MD atau ML diikuti 12 angka: {value}",
                                value=(text or "").strip()[:40]))
    return match.group(1).upper() + re.sub(r"\D", "", match.group(2))


def format_bpom(number: str) -> str:
    """``MD123456789012`` -> ``BPOM RI MD 123456789012``."""
    return f"BPOM RI {number[:2]} {number[2:]}"


def parse_free_number(text: str, label: str) -> str:
    """A halal or SNI number: kept as written, but not empty and not absurdly long."""
    value = " ".join((text or "").split())
    if not value or len(value) > 60 or not value.isprintable():
        raise ValidationError(_("Nomor {label} tidak valid: {value}", label=label, value=value[:40]))
    return value


def expiry_state(expires_on: date | None, today: date, soon_days: int = SOON_DAYS) -> str:
    """``"expired"``, ``"soon"`` (within ``soon_days``), or ``"valid"`` (also when there is no date)."""
    if expires_on is None:
        return "valid"
    if expires_on < today:
        return "expired"
    return "soon" if (expires_on - today).days <= soon_days else "valid"

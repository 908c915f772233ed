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

# "P-IRT No.", "PIRT nomor:", "SPP-IRT" (the certificate's full name) ...
_PIRT_PREFIX = re.compile(r"^\s*((sp[\s-]*)?p[\s-]*irt)?\s*(nomor|no\.?)?\s*:?\s*", re.IGNORECASE)
# re.ASCII: ``\d`` would otherwise accept Arabic-Indic and other Unicode digits.
_BPOM = re.compile(r"^\s*(?:bpom\s*(?:ri)?\s*)?(MD|ML)[\s-]*((?:\d[\s.-]*){12})$", re.IGNORECASE | re.ASCII)
SOON_DAYS = 60
PIRT_MAX_YEARS = 5
KINDS = ("pirt", "bpom", "halal", "sni")
# Certificates whose lapse makes the goods unfit for sale, so the till warns on a scan.
SCAN_CHECKED_KINDS = ("pirt", "bpom")
LABELS = {"pirt": "P-IRT", "bpom": "BPOM", "halal": "Halal", "sni": "SNI"}
_SHOWN_CHARS = 40


def _shown(text: str | None) -> str:
    """What the user typed, made safe for a one-line message."""
    value = (text or "").strip()[:_SHOWN_CHARS]
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in value)


def parse_pirt(text: str) -> str:
    """The 15 digits of a P-IRT number written in any usual way, or ``ValidationError``."""
    body = _PIRT_PREFIX.sub("", text or "", count=1)
    digits = re.sub(r"[\s.-]", "", body)
    if not (digits.isascii() and digits.isdigit() and len(digits) == 15):
        raise ValidationError(_("Nomor P-IRT harus 15 angka: {value}", value=_shown(text)))
    return digits


def format_pirt(digits: str) -> str:
    """``123456789012345`` -> ``P-IRT No. 1234567890123-45``."""
    return f"P-IRT No. {digits[:13]}-{digits[13:]}"


def parse_bpom(text: str) -> str:
    """``MD 123456789012``, ``BPOM RI ML123456789012`` ... -> ``MD123456789012``."""
    match = _BPOM.match(text or "")
    if not match:
        raise ValidationError(_("Nomor BPOM harus MD atau ML diikuti 12 angka: {value}",
                                value=_shown(text)))
    return match.group(1).upper() + re.sub(r"\D", "", match.group(2))


def format_bpom(number: str) -> str:
    """``MD123456789012`` -> ``BPOM RI MD 123456789012``."""
    return f"BPOM RI {number[:2]} {number[2:]}"


def parse_free_number(text: str, label: str) -> str:
    """A halal or SNI number: kept as written, but not empty and not absurdly long."""
    value = " ".join((text or "").split())
    if not value or len(value) > 60 or not value.isprintable():
        raise ValidationError(_("Nomor {label} tidak valid: {value}", label=label, value=_shown(value)))
    return value


def expiry_state(expires_on: date | None, today: date, soon_days: int = SOON_DAYS) -> str:
    """``"expired"``, ``"soon"`` (within ``soon_days``), or ``"valid"`` (also when there is no date)."""
    if expires_on is None:
        return "valid"
    if expires_on < today:
        return "expired"
    return "soon" if (expires_on - today).days <= soon_days else "valid"


def parse_certificate(kind: str, text: str) -> str:
    """The normalized number of a certificate of ``kind`` ("pirt", "bpom", "halal", "sni")."""
    if kind == "pirt":
        return parse_pirt(text)
    if kind == "bpom":
        return parse_bpom(text)
    if kind in LABELS:
        return parse_free_number(text, LABELS[kind])
    raise ValidationError(_("Jenis sertifikat tidak dikenal: {kind}", kind=_shown(str(kind))))


def format_certificate(kind: str, number: str) -> str:
    """A stored number as printed on labels and lists: ``P-IRT No. ...``, ``BPOM RI MD ...``, else as written."""
    if kind == "pirt":
        return format_pirt(number)
    if kind == "bpom":
        return format_bpom(number)
    return number


def format_date(day: date) -> str:
    """``date(2026, 10, 1)`` -> ``01-10-2026``, the way dates are written in Indonesia."""
    return day.strftime("%d-%m-%Y")


def check_expiry(kind: str, expires_on: date | None, today: date) -> date | None:
    """Refuse a P-IRT expiry more than 5 years ahead: a P-IRT is never valid longer than that."""
    if expires_on is None or kind != "pirt":
        return expires_on
    try:
        limit = today.replace(year=today.year + PIRT_MAX_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year + PIRT_MAX_YEARS, day=28)
    if expires_on > limit:
        raise ValidationError(_("P-IRT berlaku paling lama 5 tahun: tanggal kedaluwarsa {date} terlalu jauh",
                                date=format_date(expires_on)))
    return expires_on


def scan_warning(certificates: list[tuple[str, date | None]], today: date) -> str:
    """The till's warning for a product whose P-IRT or BPOM has lapsed, or ``""``.

    ``certificates`` are (kind, expires_on) pairs; the sale still goes through,
    the warning only tells the cashier (and, through the cashier, the manager).
    """
    lapsed = sorted((kind, expires_on) for kind, expires_on in certificates
                    if kind in SCAN_CHECKED_KINDS and expiry_state(expires_on, today) == "expired")
    parts = [_("{label} kedaluwarsa sejak {date}", label=LABELS[kind], date=format_date(expires_on))
             for kind, expires_on in lapsed if expires_on is not None]
    return _("Perhatian: {details}", details="; ".join(parts)) if parts else ""

"""Rupiah: whole-number money, parsed and formatted only at the edges.

Every amount inside the program is an ``int`` of whole Rupiah.  Floats are
refused: a float cannot hold money exactly and a ``12,5`` typed by a user is
never what a cashier meant.
"""

from __future__ import annotations

import re

from nttmart_pos.errors import MoneyError
from nttmart_pos.i18n import _

_DIGITS_WITH_DOTS = re.compile(r"\d{1,3}(\.\d{3})+")
_PLAIN_DIGITS = re.compile(r"\d+")


def ensure_rupiah(value: object, *, allow_negative: bool = False) -> int:
    """Return ``value`` if it is a whole number of Rupiah, else raise ``MoneyError``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise MoneyError(_("Jumlah uang harus bilangan bulat Rupiah, bukan pecahan: {value}", value=value))
    if value < 0 and not allow_negative:
        raise MoneyError(_("Jumlah uang tidak boleh negatif: {value}", value=value))
    return value


def format_rupiah(amount: int) -> str:
    """``12500`` -> ``Rp12.500``; ``-500`` -> ``-Rp500``."""
    ensure_rupiah(amount, allow_negative=True)
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"-Rp{grouped}" if amount < 0 else f"Rp{grouped}"


def format_number(amount: int) -> str:
    """``12500`` -> ``12.500`` (no currency sign, for narrow receipt columns)."""
    ensure_rupiah(amount, allow_negative=True)
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"-{grouped}" if amount < 0 else grouped


def parse_rupiah(text: str) -> int:
    """Read what a person typed: ``12500``, ``12.500``, ``Rp12.500``, ``Rp 12.500``.

    A comma (``12,5``) or any other decimal notation is refused, since
    Rupiah have no fractions in practice and a misplaced separator would
    otherwise turn 12.500 into 12.
    """
    if not isinstance(text, str):
        raise MoneyError(_("Jumlah uang tidak valid: {value}", value=text))
    cleaned = text.strip()
    if cleaned[:2].lower() == "rp":
        cleaned = cleaned[2:].strip()
    if cleaned.startswith("-"):
        raise MoneyError(_("Jumlah uang tidak boleh negatif: {value}", value=text.strip()))
    if _PLAIN_DIGITS.fullmatch(cleaned) or _DIGITS_WITH_DOTS.fullmatch(cleaned):
        digits = cleaned.replace(".", "")
        if len(digits) > 15:
            raise MoneyError(_("Jumlah uang tidak valid: {value}", value=text.strip()[:40]))
        return int(digits)
    raise MoneyError(_("Jumlah uang tidak valid: {value}", value=text.strip()[:40]))


def round_half_up_div(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up to a whole number (no floats)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    quotient, remainder = divmod(numerator, denominator)
    return quotient + 1 if 2 * remainder >= denominator else quotient

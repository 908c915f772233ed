"""Cash-up arithmetic: counting the drawer by denomination, the cash it should
hold, and the variance (selisih) between the two.
"""

from __future__ import annotations

from nttmart_pos.domain.money import ensure_rupiah, format_number
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _

# Banknotes and coins in circulation, largest first; 1.000 exists as a note
# and as a coin, and a drawer count does not need to tell them apart.
DENOMINATIONS = (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100)
# More pieces of one denomination than any drawer holds: a typing slip, not a count.
MAX_PIECES = 99_999


def check_counts(counts: dict[int, int]) -> dict[int, int]:
    """``counts`` (denomination -> pieces) checked; unknown denominations and bad counts refused."""
    if not isinstance(counts, dict):
        raise ValidationError(_("Hitungan uang harus berupa daftar pecahan dan jumlah lembar"))
    for denomination, pieces in counts.items():
        if isinstance(denomination, bool) or denomination not in DENOMINATIONS:
            raise ValidationError(_("Pecahan uang tidak dikenal: {value}", value=denomination))
        if isinstance(pieces, bool) or not isinstance(pieces, int):
            raise ValidationError(_("Jumlah lembar/keping {denomination} harus bilangan bulat: {value}",
                                    denomination=format_number(denomination), value=pieces))
        if pieces < 0:
            raise ValidationError(_("Jumlah lembar/keping {denomination} tidak boleh negatif: {value}",
                                    denomination=format_number(denomination), value=pieces))
        if pieces > MAX_PIECES:
            raise ValidationError(_("Jumlah lembar/keping {denomination} terlalu besar: {value}",
                                    denomination=format_number(denomination), value=pieces))
    return counts


def count_total(counts: dict[int, int]) -> int:
    """The Rupiah in the drawer: the sum of denomination x pieces."""
    return sum(denomination * pieces for denomination, pieces in check_counts(counts).items())


def full_counts(counts: dict[int, int]) -> tuple[tuple[int, int], ...]:
    """Every denomination, largest first, with its count (0 where none was given)."""
    check_counts(counts)
    return tuple((denomination, counts.get(denomination, 0)) for denomination in DENOMINATIONS)


def expected_cash(opening_float: int, cash_sales: int, cash_refunds: int, cash_in: int, cash_out: int) -> int:
    """What the drawer should hold: float + cash sales - cash refunds + cash in - cash out."""
    for amount in (opening_float, cash_sales, cash_refunds, cash_in, cash_out):
        ensure_rupiah(amount)
    return opening_float + cash_sales - cash_refunds + cash_in - cash_out


def variance(counted: int, expected: int) -> int:
    """Counted minus expected: negative when the drawer is short (kurang), positive when over (lebih)."""
    ensure_rupiah(counted)
    ensure_rupiah(expected, allow_negative=True)
    return counted - expected

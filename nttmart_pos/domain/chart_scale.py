"""Numbers for charts: short Rupiah for axes ("1,2 jt", "350 rb"), round axis steps, shares in percent.

Whole-number arithmetic only, like all money in the program; the words follow the language.
"""

from __future__ import annotations

from collections.abc import Sequence

from nttmart_pos.domain.money import format_number, round_half_up_div
from nttmart_pos.i18n import _, get_language

# (size of the unit, its short name): checked largest first
_UNITS = ((1_000_000_000_000, "{n} T"), (1_000_000_000, "{n} M"), (1_000_000, "{n} jt"), (1_000, "{n} rb"))


def _decimal(tenths: int) -> str:
    """``12`` tenths -> ``1,2`` (``1.2`` in English); whole numbers without decimals."""
    whole, tenth = divmod(tenths, 10)
    if tenth == 0:
        return format_number(whole)
    mark = "." if get_language() == "en" else ","
    return f"{format_number(whole)}{mark}{tenth}"


def short_amount(amount: int) -> str:
    """An amount shortened for an axis or a bar: ``1250000`` -> ``1,2 jt``; ``350000`` -> ``350 rb``.

    One decimal below 100 of a unit (``12,5 rb``), none above; an amount that rounds up to
    1.000 of a unit is written in the next unit (``999.999`` -> ``1 jt``).
    """
    if amount < 0:
        return "-" + short_amount(-amount)
    for index, (size, text) in enumerate(_UNITS):
        if amount < size:
            continue
        tenths = round_half_up_div(amount * 10, size)
        if tenths >= 1000:
            tenths = round_half_up_div(amount, size) * 10
        if tenths >= 10_000 and index > 0:
            return _(_UNITS[index - 1][1], n="1")
        return _(text, n=_decimal(tenths))
    return format_number(amount)


def axis_ticks(largest: int, most: int = 5) -> list[int]:
    """Round tick values from 0 up to at least ``largest``, at most ``most`` steps of 1, 2, 2,5 or 5 x 10^k."""
    if largest <= 0:
        return [0, 1]
    magnitude = 1
    while True:
        # 2,5 x 10^k only from 25 up: the ticks stay whole numbers
        for step in ((magnitude, 2 * magnitude) + ((magnitude * 5 // 2,) if magnitude >= 10 else ())
                     + (5 * magnitude,)):
            steps = -(-largest // step)
            if steps <= most:
                return [step * i for i in range(steps + 1)]
        magnitude *= 10


def axis_scale(values: Sequence[int], most: int = 5) -> tuple[int, list[int]]:
    """The lowest value of an axis for ``values`` and its labelled ticks (round, from 0 or below).

    A negative value (an hour with more refunds than sales) gets whole steps
    below zero, or only a sliver of room if it is small next to one step.
    """
    ticks = axis_ticks(max([0, *values]), most)
    step = ticks[1] - ticks[0]
    lowest = min([0, *values])
    if -lowest > step // 4:
        below = [-step * i for i in range(-(lowest // step), 0, -1)]
        return below[0], below + ticks
    return lowest * 5 // 4, ticks


def permille(part: int, whole: int) -> int:
    """``part`` of ``whole`` in tenths of a percent, rounded half up; 0 when there is no positive whole."""
    if whole <= 0 or part <= 0:
        return 0
    return round_half_up_div(part * 1000, whole)


def percent_text(tenths_of_percent: int) -> str:
    """``123`` -> ``12,3%`` (``12.3%`` in English)."""
    return _decimal(tenths_of_percent) + "%"

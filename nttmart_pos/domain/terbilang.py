"""Terbilang: a whole amount written out in Indonesian words, as payment documents
customarily show it ("dua belas ribu lima ratus rupiah").
"""

from __future__ import annotations

_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Groups of three digits, smallest first; kuadriliun covers any amount parse_rupiah accepts.
_SCALES = ("", "ribu", "juta", "miliar", "triliun", "kuadriliun")
LIMIT = 1000 ** len(_SCALES)

WORDS = frozenset({*_DIGITS, "sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus", "seribu",
                   *(scale for scale in _SCALES if scale), "minus", "rupiah"})


def _below_thousand(number: int) -> list[str]:
    """1..999 in words: "seratus", "sebelas", "dua puluh lima"."""
    hundreds, rest = divmod(number, 100)
    words: list[str] = []
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_DIGITS[hundreds], "ratus"]
    tens, ones = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words += [_DIGITS[ones], "belas"]
    else:
        if tens:
            words += [_DIGITS[tens], "puluh"]
        if ones:
            words.append(_DIGITS[ones])
    return words


def terbilang(amount: int) -> str:
    """``12500`` -> ``"dua belas ribu lima ratus"``; 0 -> ``"nol"``; negative -> ``"minus ..."``.

    One thousand is "seribu" (never "satu ribu"), but a million is "satu juta".
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"terbilang needs a whole number, got {amount!r}")
    if abs(amount) >= LIMIT:
        raise ValueError(f"amount too large to write out: {amount}")
    if amount == 0:
        return "nol"
    if amount < 0:
        return "minus " + terbilang(-amount)
    words: list[str] = []
    rest = amount
    for scale in _SCALES:
        rest, group = divmod(rest, 1000)
        if not group:
            continue
        if scale == "ribu" and group == 1:
            part = ["seribu"]
        else:
            part = _below_thousand(group) + ([scale] if scale else [])
        words = part + words
        if not rest:
            break
    return " ".join(words)


def terbilang_rupiah(amount: int, capitalized: bool = False) -> str:
    """``12500`` -> ``"dua belas ribu lima ratus rupiah"`` (``"Dua belas ..."`` when capitalized)."""
    text = terbilang(amount) + " rupiah"
    return text[0].upper() + text[1:] if capitalized else text

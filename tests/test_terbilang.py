"""Terbilang: amounts in Indonesian words, checked on hand-written values and by
reading every generated text back with a small independent parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nttmart_pos.domain.terbilang import LIMIT, WORDS, terbilang, terbilang_rupiah

HAND_WRITTEN = {
    0: "nol",
    1: "satu",
    7: "tujuh",
    10: "sepuluh",
    11: "sebelas",
    12: "dua belas",
    19: "sembilan belas",
    20: "dua puluh",
    21: "dua puluh satu",
    99: "sembilan puluh sembilan",
    100: "seratus",
    101: "seratus satu",
    110: "seratus sepuluh",
    111: "seratus sebelas",
    115: "seratus lima belas",
    200: "dua ratus",
    999: "sembilan ratus sembilan puluh sembilan",
    1_000: "seribu",
    1_001: "seribu satu",
    1_100: "seribu seratus",
    1_500: "seribu lima ratus",
    2_000: "dua ribu",
    6_247: "enam ribu dua ratus empat puluh tujuh",
    10_000: "sepuluh ribu",
    11_000: "sebelas ribu",
    12_495: "dua belas ribu empat ratus sembilan puluh lima",
    12_500: "dua belas ribu lima ratus",
    100_000: "seratus ribu",
    101_000: "seratus satu ribu",
    111_111: "seratus sebelas ribu seratus sebelas",
    125_000: "seratus dua puluh lima ribu",
    999_999: "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
    1_000_000: "satu juta",
    1_001_000: "satu juta seribu",
    1_250_000: "satu juta dua ratus lima puluh ribu",
    10_000_000: "sepuluh juta",
    100_000_001: "seratus juta satu",
    2_000_000_000: "dua miliar",
    1_000_000_000: "satu miliar",
    1_000_000_000_000: "satu triliun",
    4_800_000_000: "empat miliar delapan ratus juta",
    1_000_001_000_000: "satu triliun satu juta",
    1_000_000_000_000_000: "satu kuadriliun",
}


def test_hand_written_values():
    # one test, not one per value: every wrong value is listed at once
    wrong = {amount: terbilang(amount) for amount, words in HAND_WRITTEN.items() if terbilang(amount) != words}
    assert not wrong


def test_negative_and_rupiah():
    assert terbilang(-12_495) == "minus dua belas ribu empat ratus sembilan puluh lima"
    assert terbilang(-1_000) == "minus seribu"
    assert terbilang_rupiah(12_500) == "dua belas ribu lima ratus rupiah"
    assert terbilang_rupiah(12_500, capitalized=True) == "Dua belas ribu lima ratus rupiah"
    assert terbilang_rupiah(0, capitalized=True) == "Nol rupiah"
    assert terbilang_rupiah(1_000) == "seribu rupiah"


def test_refuses_what_is_not_a_whole_amount():
    for wrong in (12.5, "12500", True, None):
        with pytest.raises(TypeError):
            terbilang(wrong)
    with pytest.raises(ValueError):
        terbilang(LIMIT)
    assert terbilang(LIMIT - 1).startswith("sembilan ratus sembilan puluh sembilan kuadriliun")


_UNITS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
          "sembilan": 9}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12, "kuadriliun": 10**15}


def read_back(text: str) -> int:
    """An independent reader of Indonesian number words, strict about the forms it accepts."""
    words = text.split()
    sign = 1
    if words[0] == "minus":
        sign, words = -1, words[1:]
    if words == ["nol"]:
        return 0
    total, group, last_scale = 0, 0, None
    index = 0

    def below_thousand() -> int:
        nonlocal index
        value = 0
        if index < len(words) and words[index] == "seratus":
            value, index = 100, index + 1
        elif index + 1 < len(words) and words[index] in _UNITS and words[index + 1] == "ratus":
            assert words[index] != "satu", "satu ratus is not Indonesian"
            value, index = 100 * _UNITS[words[index]], index + 2
        if index < len(words) and words[index] in ("sepuluh", "sebelas"):
            value, index = value + (10 if words[index] == "sepuluh" else 11), index + 1
        elif index + 1 < len(words) and words[index] in _UNITS and words[index + 1] in ("belas", "puluh"):
            digit = _UNITS[words[index]]
            assert digit != 1, "satu belas / satu puluh is not Indonesian"
            if words[index + 1] == "belas":
                value, index = value + 10 + digit, index + 2
            else:
                value, index = value + 10 * digit, index + 2
                if index < len(words) and words[index] in _UNITS and (index + 1 == len(words) or words[index + 1]
                                                                       not in ("ratus", "puluh", "belas")):
                    value, index = value + _UNITS[words[index]], index + 1
        elif index < len(words) and words[index] in _UNITS:
            value, index = value + _UNITS[words[index]], index + 1
        return value

    while index < len(words):
        if words[index] == "seribu":
            scale, group, index = 1000, 1, index + 1
        else:
            group = below_thousand()
            assert group > 0, f"unexpected word {words[index]!r} in {text!r}"
            scale = 1
            if index < len(words) and words[index] in _SCALES:
                scale, index = _SCALES[words[index]], index + 1
                assert not (scale == 1000 and group == 1), "satu ribu should be seribu"
        assert last_scale is None or scale < last_scale, f"scales out of order in {text!r}"
        last_scale = scale
        total += group * scale
    return sign * total


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=-(LIMIT - 1), max_value=LIMIT - 1))
def test_every_amount_reads_back_in_known_words(amount):
    text = terbilang(amount)
    assert text == text.strip() and "  " not in text
    assert set(text.split()) <= WORDS
    assert read_back(text) == amount
    rupiah = terbilang_rupiah(amount)
    assert rupiah == text + " rupiah"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10_000_000))
def test_everyday_amounts_read_back(amount):
    assert read_back(terbilang(amount)) == amount


def test_reader_catches_wrong_forms():
    for wrong in ("satu ribu", "satu ratus", "satu puluh", "satu belas"):
        with pytest.raises(AssertionError):
            read_back(wrong)

"""Certificate numbers (P-IRT, BPOM MD/ML, halal, SNI), expiry rules, the scan warning, and NTT regencies."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nttmart_pos.domain.certificates import (check_expiry, expiry_state, format_bpom, format_certificate,
                                             format_pirt, parse_bpom, parse_certificate, parse_free_number,
                                             parse_pirt, scan_warning)
from nttmart_pos.domain.regions import NTT_REGENCIES, canonical_regency
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import set_language

TODAY = date(2026, 10, 15)


@pytest.mark.parametrize("text", [
    "P-IRT No. 1234567890123-45", "PIRT 123456789012345", "p-irt no: 1234567890123-45",
    "P - IRT Nomor 1234567890123-45",
    "SPP-IRT No. 1234567890123-45", "  123456789012345  ", "1234567890123-45", "123.456.789.012.345",
])
def test_pirt_written_in_the_usual_ways_is_normalized_to_15_digits(text):
    assert parse_pirt(text) == "123456789012345"
    assert format_pirt(parse_pirt(text)) == "P-IRT No. 1234567890123-45"


@pytest.mark.parametrize("text", [
    "", "   ", "P-IRT No.", "12345678901234", "1234567890123456", "P-IRT No. 1234567890123-4X", "IRT 1234567890123-45",
    "١٢٣٤٥٦٧٨٩٠١٢٣٤٥", "BPOM RI MD 123456789012", "123456789012345 extra",
])
def test_bad_pirt_numbers_are_refused_with_the_value_in_the_message(text):
    with pytest.raises(ValidationError, match="Nomor P-IRT harus 15 angka") as info:
        parse_pirt(text)
    assert text.strip()[:40] in str(info.value)


@pytest.mark.parametrize("text, expected", [
    ("MD 123456789012", "MD123456789012"), ("BPOM RI ML123456789012", "ML123456789012"),
    ("md-1234-5678-9012", "MD123456789012"), ("BPOM RI MD 123456789012", "MD123456789012"),
    ("  ml 123.456.789.012 ", "ML123456789012"), ("bpom md123456789012", "MD123456789012"),
])
def test_bpom_md_ml_with_12_digits(text, expected):
    assert parse_bpom(text) == expected
    assert parse_bpom(format_bpom(expected)) == expected
    assert format_bpom("MD123456789012") == "BPOM RI MD 123456789012"


@pytest.mark.parametrize("text", [
    "", "MD", "MK 123456789012", "MD 12345678901", "MD 1234567890123", "123456789012", "MD 12345678901a",
    "MD ١٢٣٤٥٦٧٨٩٠١٢", "P-IRT No. 1234567890123-45",
])
def test_bad_bpom_numbers_are_refused(text):
    with pytest.raises(ValidationError, match="Nomor BPOM harus MD atau ML diikuti 12 angka"):
        parse_bpom(text)


def test_halal_and_sni_are_kept_as_written_but_not_empty_or_absurd():
    assert parse_free_number("  ID00410000012340119 ", "Halal") == "ID00410000012340119"
    assert parse_free_number("SNI  3729:2008", "SNI") == "SNI 3729:2008"
    for bad in ("", "   ", "x" * 61):
        with pytest.raises(ValidationError, match="Nomor SNI tidak valid"):
            parse_free_number(bad, "SNI")


def test_parse_and_format_by_kind():
    assert parse_certificate("pirt", "P-IRT No. 1234567890123-45") == "123456789012345"
    assert parse_certificate("bpom", "ML 123456789012") == "ML123456789012"
    assert parse_certificate("halal", "ID0041") == "ID0041"
    assert format_certificate("pirt", "123456789012345") == "P-IRT No. 1234567890123-45"
    assert format_certificate("bpom", "ML123456789012") == "BPOM RI ML 123456789012"
    assert format_certificate("sni", "SNI 3729:2008") == "SNI 3729:2008"
    with pytest.raises(ValidationError, match="Jenis sertifikat tidak dikenal: iso"):
        parse_certificate("iso", "9001")


def test_expiry_state_and_pirt_five_year_limit():
    assert expiry_state(None, TODAY) == "valid"
    assert expiry_state(date(2026, 10, 14), TODAY) == "expired"
    assert expiry_state(TODAY, TODAY) == "soon"
    assert expiry_state(date(2026, 12, 14), TODAY) == "soon"  # 60 days
    assert expiry_state(date(2026, 12, 15), TODAY) == "valid"
    assert check_expiry("pirt", date(2031, 10, 15), TODAY) == date(2031, 10, 15)
    with pytest.raises(ValidationError, match="paling lama 5 tahun.*16-10-2031"):
        check_expiry("pirt", date(2031, 10, 16), TODAY)
    assert check_expiry("bpom", date(2040, 1, 1), TODAY) == date(2040, 1, 1)
    assert check_expiry("pirt", date(2033, 2, 28), date(2028, 2, 29)) == date(2033, 2, 28)


def test_scan_warning_only_for_a_lapsed_pirt_or_bpom():
    assert scan_warning([("pirt", date(2026, 10, 1))], TODAY) == "Perhatian: P-IRT kedaluwarsa sejak 01-10-2026"
    assert scan_warning([("pirt", TODAY)], TODAY) == ""  # valid through its last day
    assert scan_warning([("halal", date(2020, 1, 1)), ("sni", date(2020, 1, 1)), ("pirt", None)], TODAY) == ""
    both = scan_warning([("pirt", date(2026, 10, 1)), ("bpom", date(2025, 3, 9))], TODAY)
    assert both == "Perhatian: BPOM kedaluwarsa sejak 09-03-2025; P-IRT kedaluwarsa sejak 01-10-2026"
    set_language("en")
    assert scan_warning([("pirt", date(2026, 10, 1))], TODAY) == "Warning: P-IRT expired on 01-10-2026"


def test_the_22_regencies_of_ntt_in_any_case():
    assert len(NTT_REGENCIES) == len(set(NTT_REGENCIES)) == 22
    for name in NTT_REGENCIES:
        assert canonical_regency(name.upper()) == canonical_regency(f"  {name.lower()} ") == name
    assert canonical_regency("rote   ndao") == "Rote Ndao"
    assert canonical_regency("Kab. Ngada") == canonical_regency("Kabupaten ngada") == "Ngada"
    assert canonical_regency("Kab Kupang") == "Kupang" and canonical_regency("kota kupang") == "Kota Kupang"
    assert canonical_regency("Kabupaten Timor Tengah Selatan") == "TTS"
    assert canonical_regency("timor tengah utara") == "TTU"
    for unknown in ("", "Bima", "Kupang Kota", "Sumba", "Kab.", "Kabupaten Kota Kupang"):
        assert canonical_regency(unknown) is None


_SEPARATORS = st.sampled_from(["", " ", "-", ".", "  "])


@given(st.text(max_size=60))
def test_any_text_parses_or_is_refused_cleanly(text):
    for parse, valid in ((parse_pirt, lambda v: len(v) == 15 and v.isascii() and v.isdigit()),
                         (parse_bpom, lambda v: v[:2] in ("MD", "ML") and v[2:].isascii() and v[2:].isdigit()
                          and len(v) == 14)):
        try:
            value = parse(text)
        except ValidationError as exc:
            assert str(exc)
        else:
            assert valid(value)


@given(st.text(alphabet=string.digits, min_size=15, max_size=15), st.lists(_SEPARATORS, min_size=15, max_size=15),
       st.sampled_from(["", "P-IRT No. ", "PIRT ", "p-irt nomor "]))
def test_every_well_formed_pirt_round_trips(digits, separators, prefix):
    written = prefix + "".join(d + s for d, s in zip(digits, separators))
    assert parse_pirt(written) == digits
    assert parse_pirt(format_pirt(digits)) == digits


@given(st.sampled_from(["MD", "ML", "md", "Ml"]), st.text(alphabet=string.digits, min_size=12, max_size=12),
       st.sampled_from(["", " ", "-", "BPOM RI "]))
def test_every_well_formed_bpom_round_trips(kind, digits, separator):
    prefix = separator if separator.startswith("BPOM") else ""
    written = f"{prefix}{kind}{'' if prefix else separator}{digits}"
    assert parse_bpom(written) == kind.upper() + digits
    assert parse_bpom(format_bpom(kind.upper() + digits)) == kind.upper() + digits

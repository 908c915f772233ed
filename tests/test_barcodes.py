"""Barcodes: GS1 check digits, strict validation, in-store codes and scale labels."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nttmart_pos.domain.barcodes import (
    ScannedCode,
    decode_scan,
    gs1_check_digit,
    instore_code,
    is_instore,
    validate_barcode,
)
from nttmart_pos.errors import BarcodeError, PosError
from nttmart_pos.i18n import set_language


# --- check digits and the shared vectors ---------------------------------


@pytest.mark.parametrize(
    ("body", "digit"),
    [
        ("899123456789", "1"),  # shared README, GS1 Indonesia
        ("200001000010", "4"),  # shared README, in-store
        ("9638507", "4"),  # EAN-8 96385074
        ("03600029145", "2"),  # UPC-A 036000291452
        ("400638133393", "1"),  # EAN-13 4006381333931
        ("211234501500", "2"),  # Odoo scale label
    ],
)
def test_check_digit(body, digit):
    assert gs1_check_digit(body) == digit


@pytest.mark.parametrize("body", ["", "12a", "１２３", None, 123])
def test_check_digit_refuses_non_digits(body):
    with pytest.raises(BarcodeError):
        gs1_check_digit(body)


@pytest.mark.parametrize("code", ["8991234567891", "2000010000104", "96385074", "036000291452", "4006381333931"])
def test_valid_codes(code):
    assert validate_barcode(code) == code


def test_wrong_check_digit_names_the_expected_one():
    with pytest.raises(BarcodeError) as info:
        validate_barcode("8991234567890")
    message = str(info.value)
    assert message == "Digit pemeriksa barcode salah: 8991234567890 (seharusnya 1)"
    with pytest.raises(BarcodeError, match=r"seharusnya 4\)"):
        validate_barcode("96385075")
    with pytest.raises(BarcodeError, match=r"seharusnya 2\)"):
        validate_barcode("036000291453")


def test_english_message():
    set_language("en")
    try:
        with pytest.raises(BarcodeError, match=r"^Wrong barcode check digit: 8991234567890 \(should be 1\)$"):
            validate_barcode("8991234567890")
    finally:
        set_language("id")


def test_whitespace_is_stripped():
    assert validate_barcode("  8991234567891\r\n") == "8991234567891"
    assert validate_barcode("\t96385074 ") == "96385074"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "kosong"),
        ("   \n", "kosong"),
        ("899123456789", r"seharusnya 4\)"),  # 12 digits are read as UPC-A
        ("89912345678", "Panjang barcode salah"),
        ("1234567", "Panjang barcode salah"),
        ("12345678901234", "Panjang barcode salah"),
        ("899-123456789-1", "hanya boleh berisi angka"),
        ("899 1234567891", "hanya boleh berisi angka"),
        ("89912345678９1", "hanya boleh berisi angka"),  # full-width digit
        ("٨٩٩١٢٣٤٥٦٧٨٩١", "hanya boleh berisi angka"),  # Arabic-Indic digits
        ("ABC", "hanya boleh berisi angka"),
        ("8991234\x00567891", "karakter kontrol"),
        ("\x1b[2J8991234567891", "karakter kontrol"),
        (None, "tidak valid"),
        (8991234567891, "tidak valid"),
    ],
)
def test_invalid_codes(text, message):
    with pytest.raises(BarcodeError, match=message):
        validate_barcode(text)


def test_absurdly_long_input_is_shown_truncated():
    for text in ("9" * 10_000, "x" * 10_000, "\x07" * 10_000):
        with pytest.raises(BarcodeError) as info:
            validate_barcode(text)
        message = str(info.value)
        assert len(message) < 120
        assert "\n" not in message
        assert "\x07" not in message
        assert message.endswith("...")


def test_control_characters_are_escaped_in_the_message():
    with pytest.raises(BarcodeError) as info:
        validate_barcode("899\x00123")
    assert "\x00" not in str(info.value)
    assert "\\x00" in str(info.value)


def test_errors_are_pos_errors():
    assert issubclass(BarcodeError, PosError)


# --- in-store codes ------------------------------------------------------


def test_instore_code():
    assert instore_code(1000010) == "2000010000104"
    assert instore_code(1) == "2000000000015"
    assert instore_code(9_999_999_999).startswith("209999999999")
    assert len(instore_code(0)) == 13


@pytest.mark.parametrize("number", [-1, 10**10, 1.0, True, "5", None])
def test_instore_code_refuses_bad_numbers(number):
    with pytest.raises(BarcodeError):
        instore_code(number)


def test_is_instore():
    assert is_instore("2000010000104")
    assert is_instore("2112345015002")
    assert not is_instore("8991234567891")
    assert not is_instore("2000010000105")  # wrong check digit
    assert not is_instore("20000100")  # EAN-8 is not our in-store range
    assert not is_instore("junk")
    assert not is_instore(None)


# --- scale labels --------------------------------------------------------


def test_weight_label():
    scan = decode_scan("2112345015002")
    assert scan == ScannedCode("2112345015002", "weight", "2112345", grams=1500, price=None)


def test_price_label():
    code = "2212345" + "12500"
    code += gs1_check_digit(code)
    scan = decode_scan(" " + code + "\n")
    assert scan == ScannedCode(code, "price", "2212345", grams=None, price=12500)


def test_plain_codes():
    assert decode_scan("8991234567891") == ScannedCode("8991234567891", "plain", "8991234567891", None, None)
    assert decode_scan("2000010000104").kind == "plain"
    assert decode_scan("96385074").kind == "plain"
    assert decode_scan("036000291452").lookup_code == "036000291452"
    other = "2312345" + "01500"
    other += gs1_check_digit(other)
    assert decode_scan(other) == ScannedCode(other, "plain", other, None, None)


@pytest.mark.parametrize("prefix", ["21", "22"])
def test_zero_measure_is_refused(prefix):
    body = prefix + "12345" + "00000"
    with pytest.raises(BarcodeError, match="nol"):
        decode_scan(body + gs1_check_digit(body))


def test_scale_label_with_wrong_check_digit():
    with pytest.raises(BarcodeError, match=r"seharusnya 2\)"):
        decode_scan("2112345015003")


def test_scanned_code_is_frozen():
    scan = decode_scan("8991234567891")
    with pytest.raises(dataclasses.FrozenInstanceError):
        scan.code = "x"  # type: ignore[misc]


# --- properties ----------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**10 - 1))
def test_instore_codes_always_validate(number):
    code = instore_code(number)
    assert validate_barcode(code) == code
    assert is_instore(code)
    assert code.startswith("20")
    assert decode_scan(code) == ScannedCode(code, "plain", code, None, None)


@given(st.sampled_from([7, 11, 12]).flatmap(lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)))
def test_any_body_with_its_check_digit_validates(body):
    code = body + gs1_check_digit(body)
    assert validate_barcode(code) == code
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(BarcodeError):
        validate_barcode(wrong)


@given(st.from_regex(r"21[0-9]{5}[0-9]{5}", fullmatch=True))
def test_weight_labels_round_trip(body):
    code = body + gs1_check_digit(body)
    grams = int(body[7:])
    if grams == 0:
        with pytest.raises(BarcodeError):
            decode_scan(code)
    else:
        assert decode_scan(code) == ScannedCode(code, "weight", body[:7], grams, None)


@given(st.one_of(st.text(), st.text(alphabet="0123456789 \t\n\x00"), st.text(alphabet="0123456789", max_size=14)))
def test_any_text_validates_or_raises_barcode_error(text):
    try:
        code = validate_barcode(text)
    except BarcodeError:
        return
    assert code == text.strip()
    assert len(code) in (8, 12, 13)
    assert code[-1] == gs1_check_digit(code[:-1])
    decode_scan_result = None
    try:
        decode_scan_result = decode_scan(text)
    except BarcodeError:
        assert code[:2] in ("21", "22")
    if decode_scan_result is not None:
        assert decode_scan_result.code == code

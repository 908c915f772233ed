"""QRIS: public vectors, every way a payload can be wrong, and properties of make_dynamic."""

from __future__ import annotations


import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nttmart_pos.domain.qris import (
    amount_of,
    crc16_ccitt_false,
    make_dynamic,
    merchant_name,
    parse_tlv,
    validate_qris,
)
from nttmart_pos.errors import PosError, QrisError

STATIC = (
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI"
    "51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID"
    "5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
)
DYNAMIC_25000 = (
    "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI"
    "51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI520458125303360540525000"
    "5802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630468D5"
)


def build(fields: list[tuple[str, str]]) -> str:
    """A payload from fields, with a correct CRC appended."""
    body = "".join(f"{tag}{len(value):02d}{value}" for tag, value in fields) + "6304"
    return body + crc16_ccitt_false(body)


def fields_of(payload: str) -> list[tuple[str, str]]:
    return parse_tlv(payload)


# --- vectors -------------------------------------------------------------


def test_crc_check_value():
    assert crc16_ccitt_false("123456789") == "29B1"
    assert crc16_ccitt_false(b"123456789") == "29B1"
    assert crc16_ccitt_false("") == "FFFF"


def test_public_vectors():
    assert make_dynamic(STATIC, 25000) == DYNAMIC_25000
    assert validate_qris(STATIC)[0] == ("00", "01")
    assert validate_qris(DYNAMIC_25000)[-1] == ("63", "68D5")
    assert amount_of(STATIC) is None
    assert amount_of(DYNAMIC_25000) == 25000
    assert merchant_name(STATIC) == "Warung Sayur Bu Sugeng"
    assert merchant_name(DYNAMIC_25000) == "Warung Sayur Bu Sugeng"


def test_amount_goes_right_after_currency():
    tags = [tag for tag, _ in fields_of(make_dynamic(STATIC, 7350))]
    assert tags[tags.index("53") + 1] == "54"
    assert tags.index("54") < tags.index("58")
    assert tags[-1] == "63"


def test_dynamic_payload_gets_its_amount_replaced():
    again = make_dynamic(DYNAMIC_25000, 12500)
    assert amount_of(again) == 12500
    assert [tag for tag, _ in fields_of(again)].count("54") == 1
    assert make_dynamic(again, 25000) == DYNAMIC_25000


def test_surrounding_whitespace_is_ignored():
    assert amount_of(DYNAMIC_25000 + "\r\n") == 25000
    assert make_dynamic("  " + STATIC + "\n", 25000) == DYNAMIC_25000


def test_lower_case_crc_is_accepted_and_rewritten_upper_case():
    lower = DYNAMIC_25000[:-4] + DYNAMIC_25000[-4:].lower()
    assert amount_of(lower) == 25000
    assert make_dynamic(lower, 25000) == DYNAMIC_25000


def test_missing_tag_01_is_inserted_after_00():
    fields = [f for f in fields_of(STATIC)[:-1] if f[0] != "01"]
    out = make_dynamic(build(fields), 1000)
    assert fields_of(out)[:2] == [("00", "01"), ("01", "12")]


# --- things that would break string replacement -------------------------


def test_merchant_name_with_look_alike_substrings():
    fields = fields_of(STATIC)[:-1]
    fields = [(t, "Toko 010211 5802ID 6304" if t == "59" else v) for t, v in fields]
    tricky = build(fields)
    out = make_dynamic(tricky, 50000)
    assert merchant_name(out) == "Toko 010211 5802ID 6304"
    assert amount_of(out) == 50000
    got = dict(fields_of(out))
    assert got["01"] == "12"
    assert got["58"] == "ID"
    # Naive string replacement would touch the name too; we must not.
    assert out.count("010211") == 1
    assert out.count("010212") == 1


def test_pan_with_look_alike_substrings():
    fields = fields_of(STATIC)[:-1]
    nested = "0011ID.DANA.WWW0118936009150225802ID"
    fields = [(t, nested if t == "26" else v) for t, v in fields]
    out = make_dynamic(build(fields), 99)
    assert dict(fields_of(out))["26"] == nested
    assert amount_of(out) == 99


# --- invalid payloads ----------------------------------------------------


def _replace(payload: str, tag: str, value: str) -> str:
    fields = [(t, value if t == tag else v) for t, v in fields_of(payload)[:-1]]
    return build(fields)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (STATIC[:-1] + ("0" if STATIC[-1] != "0" else "1"), "CRC QRIS tidak cocok"),
        (STATIC.replace("Warung", "Warong"), "CRC QRIS tidak cocok"),
        (STATIC[:-8], "QRIS tidak diakhiri CRC (tag 63)"),
        (build(fields_of(STATIC)[:-1]).replace("6304", "6305", 1)[:-4] + "ABCDE", "CRC QRIS tidak valid"),
        (STATIC[:-1], "terpotong"),
        (STATIC[:-30], "terpotong"),
        ("", "kosong"),
        ("   ", "kosong"),
        ("0002010", "terpotong"),
        ("hello world", "rusak"),
        ("00020101021X", "tidak diakhiri CRC"),
        ("0002010X0211", "rusak"),
        ("0002\u0660\u0661", "karakter"),
        ("000201010211\x00", "karakter"),
        ("000201010211é", "karakter"),
        (_replace(STATIC, "53", "840"), "Mata uang QRIS bukan Rupiah (360)"),
        (build([f for f in fields_of(STATIC)[:-1] if f[0] != "53"]), "Mata uang QRIS bukan Rupiah (360)"),
        (_replace(STATIC, "58", "MY"), "Negara QRIS bukan Indonesia (ID)"),
        (_replace(STATIC, "01", "13"), "tag 01 harus 11 atau 12"),
        (_replace(STATIC, "00", "02"), "000201"),
        (build(fields_of(STATIC)[1:-1]), "000201"),
        (build(fields_of(STATIC)[:-1] + [("59", "Lain")]), "lebih dari sekali"),
        (_replace(DYNAMIC_25000, "54", "12.50"), "Nominal QRIS tidak valid"),
        (_replace(DYNAMIC_25000, "54", "0"), "Nominal QRIS tidak valid"),
        (_replace(DYNAMIC_25000, "54", "-5"), "Nominal QRIS tidak valid"),
        (_replace(DYNAMIC_25000, "54", "1e5"), "Nominal QRIS tidak valid"),
        ("000201" + "5303360" + "6305" + "29B10", "CRC QRIS tidak valid"),
        ("000201" + "5303360" + "6304" + "ZZZZ", "CRC QRIS tidak valid"),
        ("000201" + "5300" + "6304ABCD", "kosong"),
        (123, "tidak valid"),
        (None, "tidak valid"),
    ],
)
def test_invalid_payloads_are_refused(payload, message):
    with pytest.raises(QrisError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_qris(payload)
    for call in (amount_of, merchant_name, lambda p: make_dynamic(p, 1000)):
        with pytest.raises(QrisError):
            call(payload)


def test_missing_63_entirely():
    body = "".join(f"{t}{len(v):02d}{v}" for t, v in fields_of(STATIC)[:-1])
    with pytest.raises(QrisError, match="tag 63"):
        validate_qris(body)


def test_trailing_amount_with_zero_decimals_is_whole_rupiah():
    assert amount_of(_replace(DYNAMIC_25000, "54", "25000.00")) == 25000
    assert make_dynamic(_replace(DYNAMIC_25000, "54", "25000.00"), 25000) == DYNAMIC_25000


def test_bytes_payload():
    assert amount_of(DYNAMIC_25000.encode("ascii")) == 25000
    with pytest.raises(QrisError):
        validate_qris("000201é".encode("utf-8"))


def test_missing_merchant_name():
    payload = build([f for f in fields_of(STATIC)[:-1] if f[0] != "59"])
    assert amount_of(payload) is None
    with pytest.raises(QrisError, match="nama merchant"):
        merchant_name(payload)


@pytest.mark.parametrize("amount", [0, -1, 1.0, 25000.0, True, False, "25000", None, 10**13])
def test_bad_amounts_are_refused(amount):
    with pytest.raises(QrisError):
        make_dynamic(STATIC, amount)


def test_largest_amount_fits_tag_54():
    assert amount_of(make_dynamic(STATIC, 10**13 - 1)) == 10**13 - 1


def test_parse_tlv_is_strict():
    assert parse_tlv("0002010102AB") == [("00", "01"), ("01", "AB")]
    for junk in ("0", "000", "00030", "0A0201", "00 201", "0002010x"):
        with pytest.raises(QrisError):
            parse_tlv(junk)


def test_errors_are_pos_errors_with_one_line_messages():
    with pytest.raises(PosError) as info:
        validate_qris(STATIC[:-1] + "0")
    assert "\n" not in str(info.value)


# --- properties ----------------------------------------------------------


@given(st.integers(min_value=1, max_value=10**12))
def test_any_amount_round_trips(amount):
    payload = make_dynamic(STATIC, amount)
    fields = validate_qris(payload)
    assert fields[-1] == ("63", crc16_ccitt_false(payload[:-4]))
    assert payload[-8:-4] == "6304"
    assert amount_of(payload) == amount
    assert dict(fields)["01"] == "12"
    assert merchant_name(payload) == "Warung Sayur Bu Sugeng"


@given(st.integers(min_value=1, max_value=10**12), st.integers(min_value=1, max_value=10**12))
def test_dynamic_again_replaces_amount(first, second):
    payload = make_dynamic(make_dynamic(STATIC, first), second)
    assert amount_of(payload) == second
    assert payload == make_dynamic(STATIC, second)


_TLV_ALPHABET = st.sampled_from("0123456789ABCDEF.-/ ")


@given(st.one_of(st.text(), st.text(alphabet=_TLV_ALPHABET), st.binary()))
def test_junk_raises_only_qris_error(junk):
    for call in (validate_qris, amount_of, merchant_name, lambda p: make_dynamic(p, 1)):
        try:
            call(junk)
        except QrisError:
            pass


@given(st.integers(min_value=0, max_value=len(STATIC) - 1), st.characters(codec="ascii"))
@example(len(STATIC) - 2, "c")
@example(len(STATIC) - 30, "e")
def test_any_single_change_is_caught(position, char):
    changed = STATIC[:position] + char + STATIC[position + 1 :]
    if changed == STATIC:
        return
    if changed.upper() == STATIC.upper() and position >= len(STATIC) - 4:
        assert validate_qris(changed)  # a lower-case CRC digit is read leniently
        return
    with pytest.raises(QrisError):
        validate_qris(changed)


@given(st.integers(min_value=0, max_value=len(STATIC) - 1))
def test_any_truncation_is_caught(length):
    with pytest.raises(QrisError):
        validate_qris(STATIC[:length])

"""The demo catalog is complete, consistent and safe to load into a fresh store."""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest

from nttmart_pos.demo.catalog import DemoProduct, DemoVendor, demo_products, demo_vendors

NTT_REGENCIES = {
    "Kota Kupang", "Kupang", "TTS", "TTU", "Belu", "Malaka", "Alor", "Lembata",
    "Flores Timur", "Sikka", "Ende", "Nagekeo", "Ngada", "Manggarai Timur", "Manggarai",
    "Manggarai Barat", "Sumba Barat Daya", "Sumba Barat", "Sumba Tengah", "Sumba Timur",
    "Sabu Raijua", "Rote Ndao",
}
# Printable ASCII (receipts are ASCII); the apostrophe of Se'i, Lu'at, Ti'i is included.
PRINTABLE = set(string.ascii_letters + string.digits + string.punctuation + " ")


def ean13_check_digit(first12: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


@pytest.fixture(scope="module")
def vendors() -> list[DemoVendor]:
    return demo_vendors()


@pytest.fixture(scope="module")
def products() -> list[DemoProduct]:
    return demo_products()


@pytest.fixture(scope="module")
def vendor_by_code(vendors) -> dict[str, DemoVendor]:
    return {v.code: v for v in vendors}


def assert_clean_text(text: str) -> None:
    assert text, "empty text"
    assert text == text.strip(), repr(text)
    assert "  " not in text, repr(text)
    assert set(text) <= PRINTABLE, repr(text)


def test_check_digit_helper_matches_the_shared_vectors():
    assert ean13_check_digit("899123456789") == 1
    assert ean13_check_digit("200001000010") == 4


def test_counts(vendors, products):
    assert len(vendors) >= 30
    assert len(products) >= 300
    assert len({v.regency for v in vendors}) >= 15


def test_regencies_are_official_names(vendors):
    assert {v.regency for v in vendors} <= NTT_REGENCIES


def test_vendor_codes_are_unique(vendors):
    codes = [v.code for v in vendors]
    assert len(codes) == len(set(codes))
    assert len({v.name for v in vendors}) == len(vendors)


def test_vendor_fields(vendors):
    for v in vendors:
        for text in (v.code, v.name, v.owner, v.phone, v.regency, v.village):
            assert_clean_text(text)
        assert re.fullmatch(r"08\d{2}-\d{4}-\d{4}", v.phone), v.phone
        assert v.terms in ("commission", "harga_setor")
        if v.terms == "commission":
            assert isinstance(v.commission_pct, int) and 10 <= v.commission_pct <= 25, v
        else:
            assert v.commission_pct is None, v
        assert v.payout_method in ("transfer", "cash", "ewallet")
        if v.payout_method == "cash":
            assert v.payout_account == ""
        else:
            assert_clean_text(v.payout_account)
            assert v.owner in v.payout_account


def test_both_kinds_of_terms_and_payout_are_present(vendors):
    assert {v.terms for v in vendors} == {"commission", "harga_setor"}
    assert {v.payout_method for v in vendors} == {"transfer", "cash", "ewallet"}


def test_every_vendor_has_products(vendors, products):
    per_vendor = Counter(p.vendor_code for p in products)
    assert all(per_vendor[v.code] > 0 for v in vendors)


def test_every_product_vendor_exists(products, vendor_by_code):
    assert all(p.vendor_code in vendor_by_code for p in products)


def test_product_names_are_clean_and_unique(products):
    for p in products:
        assert_clean_text(p.name)
        assert_clean_text(p.category)
    assert len({p.name for p in products}) == len(products)


def test_apostrophes_survive_loading(products):
    assert any("Se'i" in p.name for p in products)
    assert any("Ti'i Langga" in p.name for p in products)


def test_prices_are_whole_rupiah_in_steps_of_500(products):
    for p in products:
        assert type(p.price) is int and p.price > 0, p
        assert p.price % 500 == 0, p


def test_harga_setor_follows_vendor_terms(products, vendor_by_code):
    for p in products:
        vendor = vendor_by_code[p.vendor_code]
        if vendor.terms == "harga_setor":
            assert type(p.harga_setor) is int, p
            assert 0 < p.harga_setor < p.price, p
            assert p.harga_setor % 500 == 0, p
            assert p.commission_pct is None, p
        else:
            assert p.harga_setor is None, p


def test_some_commission_overrides_exist_and_are_sane(products):
    overrides = [p for p in products if p.commission_pct is not None]
    assert overrides
    assert all(type(p.commission_pct) is int and 0 < p.commission_pct < 100 for p in overrides)


def test_units_measures_and_stock(products):
    for p in products:
        assert p.unit in ("pcs", "bks", "btl", "lbr", "toples", "kg"), p
        assert p.measure in ("unit", "weight"), p
        assert (p.unit == "kg") == (p.measure == "weight"), p
        assert type(p.stock) is int and p.stock > 0, p


def test_barcodes_are_unique(products):
    codes = [p.barcode for p in products if p.barcode is not None]
    assert len(codes) == len(set(codes))


def test_every_ean13_has_a_valid_check_digit(products):
    for p in products:
        if p.barcode is not None and p.measure == "unit":
            assert re.fullmatch(r"899\d{10}", p.barcode), p
            assert int(p.barcode[-1]) == ean13_check_digit(p.barcode[:12]), p


def test_weighed_goods_use_variable_measure_lookup_codes(products):
    weighed = [p for p in products if p.measure == "weight"]
    assert len(weighed) >= 3
    for p in weighed:
        assert p.barcode is not None and re.fullmatch(r"21\d{5}", p.barcode), p


def test_barcode_share(products):
    unit_products = [p for p in products if p.measure == "unit"]
    with_code = sum(1 for p in unit_products if p.barcode is not None)
    assert 0.3 <= with_code / len(unit_products) <= 0.5
    assert sum(1 for p in products if p.barcode is None) >= 100


def test_the_shared_test_barcode_is_a_product(products):
    assert "8991234567891" in {p.barcode for p in products}


def test_deterministic():
    assert demo_vendors() == demo_vendors()
    assert demo_products() == demo_products()


def test_callers_get_their_own_lists():
    first = demo_products()
    first.clear()
    assert demo_products()

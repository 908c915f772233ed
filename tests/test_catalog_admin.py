"""Vendor and product administration on SQLite and PostgreSQL: validation, permissions, price history,
deactivation, certificates and the scan warning, expiring batches and low stock."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select

from factories import COFFEE, seed_store
from nttmart_pos.db.inventory_models import PriceChange, ProductCertificate, StockDocument, StockDocumentLine
from nttmart_pos.db.models import Product, StockMovement, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import instore_code
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.errors import BarcodeError, MoneyError, NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput, product_for_scan, search_products
from nttmart_pos.services.catalog_admin import (get_product, get_vendor, list_products, list_vendors, price_history,
                                                save_product, save_vendor, set_product_active, set_vendor_active)
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.product_certificates import expiring_certificates, product_certificates, set_certificates
from nttmart_pos.services.stock import ledger_stock, record_movement
from nttmart_pos.services.stock_alerts import expiring_batches, low_stock

TODAY = date(2026, 10, 15)
PIRT = "P-IRT No. 1234567890123-45"
SEI = VendorInput("sei-01", "Se'i Babi Om Ba'i", owner="Benyamin Lay", phone="0812-4368-0892", regency="kota kupang",
                  village="Oesapa", terms="harga_setor", payout_method="transfer",
                  payout_account="Bank NTT 050.04.03.741977-6 a.n. Benyamin Lay", notes="Antar tiap Senin")


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Yosef Manajer", "manager", "9999")
    return seed


def w(engine) -> UnitOfWork:
    return UnitOfWork(engine, write=True)


def r(engine) -> UnitOfWork:
    return UnitOfWork(engine)


def snapshot(engine) -> list:
    """Every row the catalog services may write, as plain tuples."""
    with r(engine) as uow:
        result = []
        for model in (Vendor, Product, PriceChange, ProductCertificate, StockMovement):
            columns = [c.key for c in model.__table__.columns]
            result.append(sorted(tuple(getattr(o, k) for k in columns) for o in uow.session.scalars(select(model))))
        return result


def product_input(row, **changes) -> ProductInput:
    """The edit form filled from a ProductRow, with ``changes`` typed over it."""
    data = ProductInput(None, row.name, row.vendor_code, row.price, category=row.category,
                        harga_setor=row.harga_setor, commission_pct=row.commission_pct, unit=row.unit,
                        measure=row.measure, reorder_level=row.reorder_level, active=row.active)
    return dataclasses.replace(data, **changes)


# -- vendors ---------------------------------------------------------------

def test_create_search_and_edit_a_vendor(engine, store):
    manager = store["manager"]
    row = save_vendor(w(engine), manager, SEI, create=True)
    assert (row.code, row.regency, row.terms, row.commission_pct, row.village, row.notes, row.active) == (
        "SEI-01", "Kota Kupang", "harga_setor", None, "Oesapa", "Antar tiap Senin", True)
    assert get_vendor(r(engine), "sei-01") == row
    assert [v.code for v in list_vendors(r(engine))] == ["KOPI01", "SEI-01", "TENUN1"]
    assert list_vendors(r(engine))[0].product_count == 3
    for query, expected in (("sei", ["SEI-01"]), ("BENYAMIN", ["SEI-01"]), ("kota kupang", ["SEI-01"]),
                            ("rote", ["TENUN1"]), ("kopi bajawa", ["KOPI01"]), ("ngada", ["KOPI01"]),
                            ("%", []), ("_", [])):
        assert [v.code for v in list_vendors(r(engine), query)] == expected, query
    edited = save_vendor(w(engine), manager, dataclasses.replace(SEI, name="Se'i Om Ba'i Oesapa", regency="KAB. KUPANG",
                                                                  payout_method="cash", payout_account=""),
                         create=False)
    assert (edited.id, edited.name, edited.regency, edited.payout_method) == (row.id, "Se'i Om Ba'i Oesapa",
                                                                               "Kupang", "cash")
    with pytest.raises(ValidationError, match="Kode UMKM SEI-01 sudah dipakai"):
        save_vendor(w(engine), manager, SEI, create=True)
    with pytest.raises(NotFoundError, match="UMKM dengan kode BARU tidak ada"):
        save_vendor(w(engine), manager, dataclasses.replace(SEI, code="BARU"), create=False)
    with pytest.raises(NotFoundError):
        get_vendor(r(engine), "NOPE")


BAD_VENDORS = [
    ({"code": "X"}, "Kode UMKM harus 2 sampai 20"),
    ({"code": "SEI 01"}, "Kode UMKM harus 2 sampai 20"),
    ({"code": "A" * 21}, "Kode UMKM harus 2 sampai 20"),
    ({"code": ""}, "Kode UMKM wajib diisi"),
    ({"name": "  "}, "Nama UMKM wajib diisi"),
    ({"name": "x" * 121}, "Nama UMKM terlalu panjang \\(121 karakter, paling banyak 120\\)"),
    ({"regency": "Bima"}, "22 kabupaten/kota NTT: Bima"),
    ({"regency": ""}, "22 kabupaten/kota NTT"),
    ({"terms": "konsinyasi"}, "Ketentuan titip jual tidak dikenal: konsinyasi"),
    ({"terms": "commission", "commission_pct": 101}, "Komisi harus 0 sampai 100 persen"),
    ({"terms": "commission", "commission_pct": None}, "Komisi wajib diisi"),
    ({"payout_method": "cek"}, "transfer, cash atau ewallet: cek"),
    ({"payout_method": "ewallet", "payout_account": " "}, "wajib diisi untuk pembayaran ewallet"),
    ({"payout_account": ""}, "wajib diisi untuk pembayaran transfer"),
    ({"phone": "0812 abc"}, "Nomor telepon hanya boleh angka.*0812 abc"),
    ({"phone": "+-"}, "Nomor telepon"),
    ({"owner": "Benyamin\x00Lay"}, "Nama pemilik berisi karakter kendali: Benyamin\\\\x00Lay"),
    ({"notes": "Senin\x07"}, "Catatan berisi karakter kendali"),
]


def test_vendor_rules_refuse_bad_input_and_write_nothing(engine, store):
    before = snapshot(engine)
    for changes, message in BAD_VENDORS:
        with pytest.raises(ValidationError, match=message):
            save_vendor(w(engine), store["manager"], dataclasses.replace(SEI, **changes), create=True)
    assert snapshot(engine) == before


def test_phone_and_commission_that_are_accepted(engine, store):
    row = save_vendor(w(engine), store["manager"], VendorInput(
        "mete", "Mete Alor", phone="+62 812-3590-8969", regency="Alor", commission_pct=0), create=True)
    assert (row.phone, row.commission_pct, row.payout_method, row.payout_account) == ("+62 812-3590-8969", 0,
                                                                                      "cash", "")


def test_switching_to_harga_setor_needs_a_harga_setor_on_every_product(engine, store):
    manager = store["manager"]
    kopi = VendorInput("KOPI01", "Kopi Bajawa Flores", regency="Ngada", terms="harga_setor")
    with pytest.raises(ValidationError, match="harga setor 3 barang UMKM KOPI01"):
        save_vendor(w(engine), manager, kopi, create=False)
    for product in list_products(r(engine), vendor_code="KOPI01"):
        save_product(w(engine), manager, product_input(product, harga_setor=product.price // 2),
                     product_id=product.id)
    assert save_vendor(w(engine), manager, kopi, create=False).terms == "harga_setor"


def test_an_inactive_vendors_goods_still_sell_but_are_flagged(engine, store):
    manager = store["manager"]
    row = set_vendor_active(w(engine), manager, "kopi01", False)
    assert not row.active
    assert [v.code for v in list_vendors(r(engine))] == ["TENUN1"]
    assert [v.code for v in list_vendors(r(engine), include_inactive=True)] == ["KOPI01", "TENUN1"]
    assert product_for_scan(r(engine), COFFEE).product.name == "Kopi Arabika Bajawa 250 g"
    assert not get_product(r(engine), COFFEE).vendor_active
    with pytest.raises(ValidationError, match="UMKM KOPI01 tidak aktif"):
        save_product(w(engine), manager, ProductInput(None, "Kopi Baru", "KOPI01", 10000))
    assert set_vendor_active(w(engine), manager, "KOPI01", True).active


def test_a_cashier_may_change_nothing(engine, store):
    cashier, coffee = store["cashier"], store["ids"]["coffee"]
    row = get_product(r(engine), coffee)
    before = snapshot(engine)
    attempts = [
        lambda: save_vendor(w(engine), cashier, SEI, create=True),
        lambda: save_vendor(w(engine), cashier, VendorInput("KOPI01", "Kopi", regency="Ngada"), create=False),
        lambda: set_vendor_active(w(engine), cashier, "KOPI01", False),
        lambda: save_product(w(engine), cashier, ProductInput(None, "Teh", "KOPI01", 1000, opening_stock=5)),
        lambda: save_product(w(engine), cashier, product_input(row, price=1), product_id=coffee),
        lambda: set_product_active(w(engine), cashier, coffee, False),
        lambda: set_certificates(w(engine), cashier, coffee, pirt=PIRT),
        lambda: save_vendor(w(engine), None, SEI, create=True),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="Peran Anda tidak boleh mengelola (UMKM|barang)"):
            attempt()
    assert snapshot(engine) == before


# -- products --------------------------------------------------------------

def test_create_a_product_with_an_instore_code_and_opening_stock(engine, store):
    manager = store["manager"]
    row = save_product(w(engine), manager, ProductInput(None, "  Kopi  Robusta Manggarai ", "kopi01", 45000,
                                                        category="Kopi & Teh", unit="bks", opening_stock=12,
                                                        reorder_level=4))
    assert row.barcode == instore_code(3)  # the seed used 1 and 2
    assert (row.name, row.vendor_code, row.category, row.stock_on_hand, row.reorder_level, row.active) == (
        "Kopi Robusta Manggarai", "KOPI01", "Kopi & Teh", 12, 4, True)
    assert (row.effective_commission_pct, row.vendor_terms) == (15, "commission")  # the vendor's
    assert get_product(r(engine), store["ids"]["honey"]).effective_commission_pct == 20  # its own
    assert get_product(r(engine), store["ids"]["scarf"]).effective_commission_pct is None  # harga setor
    with r(engine) as uow:
        assert ledger_stock(uow.session, row.id) == 12
        assert uow.session.scalar(select(StockMovement.user_id).where(StockMovement.product_id == row.id)) == \
            manager.id
    assert get_product(r(engine), row.barcode) == get_product(r(engine), row.id) == row


def test_instore_codes_skip_a_code_typed_in_by_hand(engine, store):
    manager = store["manager"]
    typed = save_product(w(engine), manager, ProductInput(instore_code(3), "Kain Buna", "TENUN1", 300000,
                                                          harga_setor=250000))
    assigned = save_product(w(engine), manager, ProductInput(None, "Kain Futus", "TENUN1", 300000,
                                                             harga_setor=250000))
    assert (typed.barcode, assigned.barcode) == (instore_code(3), instore_code(4))


BAD_PRODUCTS = [
    (ProductInput(None, "Selendang", "TENUN1", 100000, harga_setor=100001), ValidationError,
     "Harga setor tidak boleh melebihi harga jual"),
    (ProductInput(None, "Selendang", "TENUN1", 100000), ValidationError,
     "UMKM TENUN1 memakai harga setor: harga setor barang wajib diisi"),
    (ProductInput(None, "Kopi", "KOPI01", -1), MoneyError, "tidak boleh negatif"),
    (ProductInput(None, "Kopi", "KOPI01", 12.5), MoneyError, "bilangan bulat"),
    (ProductInput(None, "Kopi", "KOPI01", 1000, harga_setor=500.0), MoneyError, "bilangan bulat"),
    (ProductInput("8991234567890", "Kopi", "KOPI01", 1000), BarcodeError,
     "Digit pemeriksa barcode salah: 8991234567890 \\(seharusnya 1\\)"),
    (ProductInput(COFFEE, "Kopi lagi", "KOPI01", 1000), ValidationError, f"Barcode {COFFEE} sudah dipakai"),
    (ProductInput(None, "Kopi", "KOPI01", 1000, commission_pct=120), ValidationError, "Komisi harus 0 sampai 100"),
    (ProductInput(None, "Kopi", "KOPI01", 1000, reorder_level=-1), ValidationError, "Batas stok minimum"),
    (ProductInput(None, " ", "KOPI01", 1000), ValidationError, "Nama produk wajib diisi"),
    (ProductInput(None, "Kopi\x00", "KOPI01", 1000), ValidationError, "Nama produk berisi karakter kendali"),
    (ProductInput(None, "Kopi", "KOPI01", 1000, unit=""), ValidationError, "Satuan wajib diisi"),
    (ProductInput(None, "Kopi", "KOPI01", 1000, opening_stock=-3), ValidationError, "Stok awal"),
    (ProductInput(None, "Kopi", "NOPE", 1000), NotFoundError, "UMKM dengan kode NOPE tidak ada"),
    (ProductInput("21001", "Mete", "KOPI01", 1000, measure="weight"), ValidationError, "7 angka diawali 21"),
]


def test_product_rules_refuse_bad_input_and_write_nothing(engine, store):
    before = snapshot(engine)
    for data, error, message in BAD_PRODUCTS:
        with pytest.raises(error, match=message):
            save_product(w(engine), store["manager"], data)
    assert snapshot(engine) == before


def test_a_upc_a_is_taken_in_both_forms(engine, store):
    manager = store["manager"]
    save_product(w(engine), manager, ProductInput("036000291452", "Impor UPC-A", "KOPI01", 10000))
    with pytest.raises(ValidationError, match="0036000291452 sudah dipakai"):
        save_product(w(engine), manager, ProductInput("0036000291452", "Impor EAN", "KOPI01", 10000))
    assert get_product(r(engine), "0036000291452").name == "Impor UPC-A"


def test_every_price_or_terms_change_is_logged_with_who_and_what(engine, store):
    manager, honey = store["manager"], store["ids"]["honey"]
    row = get_product(r(engine), honey)
    row = save_product(w(engine), manager, product_input(row, name="Madu Hutan Timor 500 ml (botol)",
                                                         category="Madu", reorder_level=3), product_id=honey)
    assert price_history(r(engine), honey) == []  # no price or terms change
    save_product(w(engine), manager, product_input(row, price=90000), product_id=honey)
    save_product(w(engine), manager, product_input(row, price=90000, commission_pct=None), product_id=honey)
    history = price_history(r(engine), honey)
    assert [(h.old_price, h.new_price, h.old_commission_pct, h.new_commission_pct) for h in history] == [
        (85000, 90000, 20, 20), (90000, 90000, 20, None)]
    assert {h.user_name for h in history} == {"Yosef Manajer"}
    assert all(datetime.now(timezone.utc) - h.changed_at < timedelta(minutes=1) for h in history)
    scarf = get_product(r(engine), store["ids"]["scarf"])
    save_product(w(engine), manager, product_input(scarf, harga_setor=210000), product_id=scarf.id)
    [change] = price_history(r(engine), scarf.id)
    assert (change.old_harga_setor, change.new_harga_setor, change.old_price, change.new_price) == (
        200000, 210000, 250000, 250000)
    after = get_product(r(engine), honey)
    assert (after.name, after.category, after.reorder_level, after.price, after.commission_pct) == (
        "Madu Hutan Timor 500 ml (botol)", "Madu", 3, 90000, None)


def test_a_refused_edit_logs_no_price_change(engine, store):
    honey = get_product(r(engine), store["ids"]["honey"])
    before = snapshot(engine)
    with pytest.raises(ValidationError, match="Harga setor tidak boleh melebihi"):
        save_product(w(engine), store["manager"], product_input(honey, price=50000, harga_setor=60000),
                     product_id=honey.id)
    assert snapshot(engine) == before


def test_barcode_changes_only_to_another_valid_unused_code(engine, store):
    manager, honey = store["manager"], get_product(r(engine), store["ids"]["honey"])
    with pytest.raises(BarcodeError, match="Digit pemeriksa"):
        save_product(w(engine), manager, product_input(honey, barcode="8991234567890"), product_id=honey.id)
    with pytest.raises(ValidationError, match=f"Barcode {COFFEE} sudah dipakai"):
        save_product(w(engine), manager, product_input(honey, barcode=COFFEE), product_id=honey.id)
    assert save_product(w(engine), manager, product_input(honey, barcode=" "), product_id=honey.id).barcode == \
        honey.barcode  # empty keeps the code
    changed = save_product(w(engine), manager, product_input(honey, barcode="8992761111113"), product_id=honey.id)
    assert changed.barcode == "8992761111113"
    assert product_for_scan(r(engine), "8992761111113").product.product_id == honey.id
    with pytest.raises(NotFoundError):
        product_for_scan(r(engine), honey.barcode)


def test_edits_that_would_break_stock_or_ownership_are_refused(engine, store):
    manager = store["manager"]
    coffee, cashew = get_product(r(engine), store["ids"]["coffee"]), get_product(r(engine), store["ids"]["cashew"])
    with pytest.raises(ValidationError, match="takaran barang Kacang Mete Curah tidak dapat diubah"):
        save_product(w(engine), manager, product_input(cashew, measure="unit"), product_id=cashew.id)
    with pytest.raises(ValidationError, match="penerimaan titipan, retur atau stok opname"):
        save_product(w(engine), manager, product_input(coffee, opening_stock=5), product_id=coffee.id)
    with pytest.raises(ValidationError, match="masih ada stok 20: retur dulu"):
        save_product(w(engine), manager, product_input(coffee, vendor_code="TENUN1", harga_setor=50000),
                     product_id=coffee.id)
    with pytest.raises(NotFoundError):
        save_product(w(engine), manager, product_input(coffee), product_id=99999)
    fresh = save_product(w(engine), manager, ProductInput(None, "Kopi Salah UMKM", "KOPI01", 30000))
    moved = save_product(w(engine), manager, product_input(fresh, vendor_code="tenun1", harga_setor=20000),
                         product_id=fresh.id)
    assert (moved.vendor_code, moved.harga_setor, moved.vendor_terms) == ("TENUN1", 20000, "harga_setor")


def test_deactivating_a_product_stops_its_sale_and_keeps_its_history(engine, store):
    manager, honey = store["manager"], get_product(r(engine), store["ids"]["honey"])
    save_product(w(engine), manager, product_input(honey, price=86000), product_id=honey.id)
    assert not set_product_active(w(engine), manager, honey.id, False).active
    with pytest.raises(NotFoundError, match="sudah tidak aktif dijual"):
        product_for_scan(r(engine), honey.barcode)
    assert honey.id not in {p.id for p in list_products(r(engine))}
    assert honey.id in {p.id for p in list_products(r(engine), include_inactive=True)}
    assert len(price_history(r(engine), honey.id)) == 1
    with r(engine) as uow:
        assert ledger_stock(uow.session, honey.id) == 10
    assert set_product_active(w(engine), manager, honey.id, True).active
    with pytest.raises(NotFoundError):
        set_product_active(w(engine), manager, 99999, False)
    with pytest.raises(NotFoundError):
        price_history(r(engine), 99999)


def test_list_products_by_words_barcode_vendor_and_category(engine, store):
    manager = store["manager"]
    save_product(w(engine), manager, ProductInput(None, "Kopi Robusta 100% Manggarai", "KOPI01", 30000,
                                                  category="Kopi & Teh"))
    names = lambda **kw: [p.name for p in list_products(r(engine), **kw)]  # noqa: E731
    assert names(query="kopi") == ["Kopi Arabika Bajawa 250 g", "Kopi Robusta 100% Manggarai"]
    assert names(query="MANGGARAI robusta") == ["Kopi Robusta 100% Manggarai"]
    assert names(query="100%") == ["Kopi Robusta 100% Manggarai"]
    assert names(query="899123") == ["Kopi Arabika Bajawa 250 g"]
    assert names(vendor_code="tenun1") == ["Selendang Tenun Rote"]
    assert names(category="kopi & teh") == ["Kopi Robusta 100% Manggarai"]
    assert names(query="kopi", limit=1) == ["Kopi Arabika Bajawa 250 g"]
    assert len(names()) == 5 and names(vendor_code="NOPE") == []


# -- certificates and the scan warning --------------------------------------

def test_certificates_are_stored_normalized_and_removed_with_empty_text(engine, store):
    manager, coffee = store["manager"], store["ids"]["coffee"]
    rows = set_certificates(w(engine), manager, coffee, pirt="PIRT 1234567890123 45", bpom="bpom ri md 123456789012",
                            halal=" ID00410000012340119 ", expiries={"pirt": date(2027, 1, 1)}, today=TODAY)
    assert [(c.kind, c.number, c.formatted, c.expires_on, c.state) for c in rows] == [
        ("pirt", "123456789012345", PIRT, date(2027, 1, 1), "valid"),
        ("bpom", "MD123456789012", "BPOM RI MD 123456789012", None, "valid"),
        ("halal", "ID00410000012340119", "ID00410000012340119", None, "valid")]
    rows = set_certificates(w(engine), manager, coffee, halal="", sni="SNI 3729:2008",
                            expiries={"bpom": date(2026, 11, 1)}, today=TODAY)
    assert [(c.kind, c.expires_on, c.state) for c in rows] == [
        ("pirt", date(2027, 1, 1), "valid"), ("bpom", date(2026, 11, 1), "soon"), ("sni", None, "valid")]
    assert product_certificates(r(engine), coffee, today=TODAY) == rows


def test_bad_certificates_are_refused_all_or_nothing(engine, store):
    manager, coffee = store["manager"], store["ids"]["coffee"]
    set_certificates(w(engine), manager, coffee, pirt=PIRT, today=TODAY)
    before = snapshot(engine)
    bad_calls = [
        (dict(pirt="123456789012345", bpom="MK 123456789012"), "Nomor BPOM harus MD atau ML.*MK 123456789012"),
        (dict(pirt="12345"), "Nomor P-IRT harus 15 angka: 12345"),
        (dict(expiries={"bpom": date(2027, 1, 1)}), "Isi dulu nomor BPOM"),
        (dict(expiries={"pirt": date(2032, 1, 1)}), "P-IRT berlaku paling lama 5 tahun"),
        (dict(expiries={"iso": None}), "Jenis sertifikat tidak dikenal: iso"),
        (dict(expiries={"pirt": "2027-01-01"}), "harus tanggal"),
    ]
    for kwargs, message in bad_calls:
        with pytest.raises(ValidationError, match=message):
            set_certificates(w(engine), manager, coffee, today=TODAY, **kwargs)
    with pytest.raises(NotFoundError):
        set_certificates(w(engine), manager, 99999, pirt=PIRT)
    assert snapshot(engine) == before


def test_expiring_certificates_list_soonest_first(engine, store):
    manager, ids = store["manager"], store["ids"]
    set_certificates(w(engine), manager, ids["coffee"], pirt=PIRT, bpom="MD 123456789012",
                     expiries={"pirt": date(2026, 12, 1), "bpom": date(2027, 6, 1)}, today=TODAY)
    set_certificates(w(engine), manager, ids["honey"], halal="ID0041", sni="SNI 01-3545-2004",
                     expiries={"halal": date(2026, 10, 1), "sni": TODAY + timedelta(days=60)}, today=TODAY)
    set_certificates(w(engine), manager, ids["scarf"], pirt="P-IRT 2345678901234-56",
                     expiries={"pirt": date(2026, 9, 1)}, today=TODAY)
    set_certificates(w(engine), manager, ids["cashew"], pirt="P-IRT 3456789012345-67", today=TODAY)
    set_product_active(w(engine), manager, ids["scarf"], False)  # no longer sold: not worth an alert
    alerts = expiring_certificates(r(engine), TODAY)
    assert [(a.product_name, a.label, a.expires_on, a.state, a.days_left) for a in alerts] == [
        ("Madu Hutan Timor 500 ml", "Halal", date(2026, 10, 1), "expired", -14),
        ("Kopi Arabika Bajawa 250 g", "P-IRT", date(2026, 12, 1), "soon", 47),
        ("Madu Hutan Timor 500 ml", "SNI", date(2026, 12, 14), "soon", 60)]
    assert (alerts[1].vendor_code, alerts[1].vendor_name, alerts[1].formatted, alerts[1].barcode) == (
        "KOPI01", "Kopi Bajawa Flores", PIRT, COFFEE)
    assert [a.kind for a in expiring_certificates(r(engine), TODAY, within_days=0)] == ["halal"]


def test_a_lapsed_pirt_warns_at_the_till_and_the_sale_goes_through(engine, store):
    manager, coffee = store["manager"], store["ids"]["coffee"]
    set_certificates(w(engine), manager, coffee, pirt=PIRT, halal="ID0041",
                     expiries={"pirt": date(2026, 10, 1), "halal": date(2020, 1, 1)}, today=date(2026, 9, 1))
    assert product_for_scan(r(engine), COFFEE, today=date(2026, 10, 1)).product.warning == ""
    found = product_for_scan(r(engine), COFFEE, today=TODAY)
    assert found.product.warning == "Perhatian: P-IRT kedaluwarsa sejak 01-10-2026"
    yesterday = date.today() - timedelta(days=1)
    honey = get_product(r(engine), store["ids"]["honey"])
    set_certificates(w(engine), manager, honey.id, bpom="ML 123456789012", expiries={"bpom": yesterday})
    assert yesterday.strftime("%d-%m-%Y") in product_for_scan(r(engine), honey.barcode).product.warning  # today
    picked = {p.name: p.warning for p in search_products(r(engine), "madu", today=TODAY)}  # F2 at the till
    picked.update({p.name: p.warning for p in search_products(r(engine), "kopi", today=TODAY)})
    assert picked == {"Kopi Arabika Bajawa 250 g": "Perhatian: P-IRT kedaluwarsa sejak 01-10-2026",
                      "Madu Hutan Timor 500 ml": ""}
    cart = Cart()
    cart.add(found.product)
    result = checkout(w(engine), cart, [PaymentEntry("cash", 65000)], store["cashier"], "T01")
    assert result.total == 65000
    assert get_product(r(engine), coffee).stock_on_hand == 19


def test_the_scan_stays_one_query(engine, store):
    manager, coffee = store["manager"], store["ids"]["coffee"]
    set_certificates(w(engine), manager, coffee, pirt=PIRT, bpom="MD 123456789012",
                     expiries={"pirt": date(2026, 10, 1), "bpom": date(2026, 10, 2)}, today=date(2026, 9, 1))
    product_for_scan(r(engine), COFFEE)  # warm up: first-connect queries are not the scan's
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        found = product_for_scan(r(engine), COFFEE, today=TODAY)
        product_for_scan(r(engine), "2100001012342")  # a scale label: the same single lookup
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert "BPOM kedaluwarsa sejak 02-10-2026; P-IRT kedaluwarsa sejak 01-10-2026" in found.product.warning
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    others = [s for s in statements if s not in selects]
    assert len(selects) == 2  # one per scan
    assert all(s.strip().upper().startswith("BEGIN") for s in others)  # SQLite's own BEGIN, no query
    assert len(statements) <= 4


# -- expiring batches and low stock -----------------------------------------

def intake(engine, vendor_code: str, doc_no: str, lines, received: datetime) -> None:
    """An intake document written straight to the tables, with its stock booked through the ledger."""
    with w(engine) as uow:
        session = uow.session
        vendor = session.scalar(select(Vendor).where(Vendor.code == vendor_code))
        document = StockDocument(doc_no=doc_no, kind="intake", vendor_id=vendor.id, created_at=received)
        session.add(document)
        session.flush()
        for line_no, (product_id, quantity, expires_on) in enumerate(lines, start=1):
            product = session.get(Product, product_id)
            session.add(StockDocumentLine(document_id=document.id, line_no=line_no, product_id=product_id,
                                          barcode=product.barcode, product_name=product.name, quantity=quantity,
                                          unit_value=product.price, expires_on=expires_on))
            record_movement(session, product_id, "received", quantity, reference=doc_no)
        uow.commit()


def sell_off(engine, product_id: int, quantity: int) -> None:
    with w(engine) as uow:
        record_movement(uow.session, product_id, "sold", -quantity)
        uow.commit()


def test_expiring_batches_by_vendor_only_while_they_may_be_in_stock(engine, store):
    ids, september = store["ids"], datetime(2026, 9, 1, 2, tzinfo=timezone.utc)
    new_vendor = save_vendor(w(engine), store["manager"], SEI, create=True)
    sei = save_product(w(engine), store["manager"], ProductInput(None, "Se'i Babi 250 g", new_vendor.code, 60000,
                                                                 harga_setor=48000))
    intake(engine, "KOPI01", "TT-0001", [(ids["coffee"], 10, date(2026, 10, 20)), (ids["honey"], 5, None)],
           september)
    intake(engine, "KOPI01", "TT-0002", [(ids["honey"], 4, date(2026, 10, 10))], september + timedelta(days=1))
    intake(engine, "SEI-01", "TT-0003", [(sei.id, 6, date(2026, 10, 16)), (sei.id, 2, date(2027, 1, 1))],
           september + timedelta(days=2))
    intake(engine, "TENUN1", "TT-0004", [(ids["scarf"], 1, date(2026, 10, 1))], september + timedelta(days=3))
    sell_off(engine, ids["scarf"], 6)  # the scarves are all gone: nothing to hand back
    batches = expiring_batches(r(engine), TODAY)
    assert list(batches) == ["KOPI01", "SEI-01"]
    assert [(b.document_no, b.product_name, b.quantity, b.remaining, b.expires_on, b.state, b.days_left)
            for b in batches["KOPI01"]] == [
        ("TT-0002", "Madu Hutan Timor 500 ml", 4, 4, date(2026, 10, 10), "expired", -5),
        ("TT-0001", "Kopi Arabika Bajawa 250 g", 10, 10, date(2026, 10, 20), "soon", 5)]
    [se_i] = batches["SEI-01"]
    assert (se_i.vendor_name, se_i.remaining, se_i.stock_on_hand, se_i.received_at) == (
        "Se'i Babi Om Ba'i", 6, 8, september + timedelta(days=2))
    # First in, first out: after selling 5 of the 8, the 6 expiring ones are down to 1.
    sell_off(engine, sei.id, 5)
    assert [b.remaining for b in expiring_batches(r(engine), TODAY)["SEI-01"]] == [1]
    sell_off(engine, sei.id, 1)
    assert "SEI-01" not in expiring_batches(r(engine), TODAY)
    assert list(expiring_batches(r(engine), TODAY, within_days=1)) == ["KOPI01"]
    with w(engine) as uow:  # a retur document with a date is not a batch in the store
        retur = StockDocument(doc_no="RT-0001", kind="return", vendor_id=new_vendor.id)
        uow.session.add(retur)
        uow.session.flush()
        uow.session.add(StockDocumentLine(document_id=retur.id, line_no=1, product_id=sei.id, barcode=sei.barcode,
                                          product_name=sei.name, quantity=1, unit_value=48000, reason="expired",
                                          expires_on=date(2026, 10, 1)))
        uow.commit()
    assert "SEI-01" not in expiring_batches(r(engine), TODAY)


def test_low_stock_by_vendor_with_whom_to_call(engine, store):
    manager, ids = store["manager"], store["ids"]
    save_vendor(w(engine), manager, dataclasses.replace(SEI, payout_method="cash", payout_account=""), create=True)
    sei = save_product(w(engine), manager, ProductInput(None, "Se'i Sapi 250 g", "SEI-01", 70000, harga_setor=56000,
                                                        reorder_level=2, opening_stock=2))
    coffee = get_product(r(engine), ids["coffee"])
    save_product(w(engine), manager, product_input(coffee, reorder_level=20), product_id=coffee.id)
    sell_off(engine, ids["scarf"], 5)  # reorder level 0, but out of stock
    honey = get_product(r(engine), ids["honey"])
    save_product(w(engine), manager, product_input(honey, reorder_level=50), product_id=honey.id)
    set_product_active(w(engine), manager, honey.id, False)  # no longer sold: not to be ordered
    low = low_stock(r(engine))
    assert {code: [(row.product_name, row.stock_on_hand, row.reorder_level) for row in rows]
            for code, rows in low.items()} == {
        "KOPI01": [("Kopi Arabika Bajawa 250 g", 20, 20)],
        "SEI-01": [("Se'i Sapi 250 g", 2, 2)],
        "TENUN1": [("Selendang Tenun Rote", 0, 0)]}
    assert (low["SEI-01"][0].vendor_phone, low["SEI-01"][0].vendor_owner) == ("0812-4368-0892", "Benyamin Lay")
    assert list(low_stock(r(engine), vendor_code="sei-01")) == ["SEI-01"]
    sell_off(engine, sei.id, -1)  # one more than the reorder level
    assert low_stock(r(engine), vendor_code="SEI-01") == {}
    set_vendor_active(w(engine), manager, "KOPI01", False)
    assert list(low_stock(r(engine))) == ["TENUN1"]
    with pytest.raises(NotFoundError):
        low_stock(r(engine), vendor_code="NOPE")

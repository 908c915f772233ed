"""Every back-office event appends exactly one journal entry (right kind, ref and user), as the last
write of its transaction; a refused or failed call appends nothing.  On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import ConfigError, PermissionDenied, PosError
from nttmart_pos.services.auth import authorize_override, create_user
from nttmart_pos.services.catalog import ProductInput, VendorInput
from nttmart_pos.services.catalog_admin import (get_product, save_product, save_vendor, set_product_active,
                                                set_vendor_active)
from nttmart_pos.services.imports import import_products, import_vendors
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.journal import GENESIS_MAC, compute_mac, key_for
from nttmart_pos.services.payouts import approve_payout, create_payouts, discard_draft, pay_payout
from nttmart_pos.services.permissions import CASH_IN_OUT
from nttmart_pos.services.product_certificates import set_certificates
from nttmart_pos.services.returns import ReturnLine, return_goods
from nttmart_pos.services.settings import update_settings
from nttmart_pos.services.shifts import cash_movement, close_shift, open_shift
from nttmart_pos.services.stocktake import cancel_stocktake, count_item, post_stocktake, start_stocktake
from settlement_helpers import journal_written_last, past_day, quick_user, sell

QRIS_STATIC = (
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215"
    "ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
)
DAY = past_day(3)


def w(engine) -> UnitOfWork:
    return UnitOfWork(engine, write=True)


def last_seq(engine) -> int:
    with UnitOfWork(engine) as uow:
        return int(uow.session.scalar(select(func.coalesce(func.max(JournalEntry.seq), 0))))


def entries_after(engine, seq: int) -> list[JournalEntry]:
    with UnitOfWork(engine) as uow:
        found = list(uow.session.scalars(select(JournalEntry).where(JournalEntry.seq > seq)
                                         .order_by(JournalEntry.seq)))
        uow.session.expunge_all()  # loaded, readable after the session ends
        return found


def data(entry: JournalEntry) -> dict:
    return json.loads(entry.body)["data"]


def journalled(engine, call, kind: str, ref: str, user_name: str, *, count: int = 1) -> list[JournalEntry]:
    """Run ``call``; assert it appended exactly ``count`` entries of ``kind``, for ``ref``, by ``user_name``."""
    before = last_seq(engine)
    call()
    added = entries_after(engine, before)
    assert [(e.kind, e.user_name) for e in added] == [(kind, user_name)] * count, [e.body for e in added]
    if ref is not None:
        assert added[0].ref == ref
    return added


def nothing_journalled(engine, call, error=PermissionDenied) -> None:
    before = last_seq(engine)
    with pytest.raises(error):
        call()
    assert last_seq(engine) == before


def assert_chain_intact(engine) -> None:
    """Every entry's MAC follows from the one before (the journal verify rule)."""
    key = key_for(engine)
    prev = GENESIS_MAC
    with UnitOfWork(engine) as uow:
        for entry in uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq)):
            assert entry.prev_mac == prev and entry.mac == compute_mac(key, prev, entry.body)
            prev = entry.mac


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["manager"] = quick_user(engine, "manajer", "manager")
    seed["engine"] = engine
    with journal_written_last(engine) as transactions:
        yield seed
    assert transactions  # the watch saw the writes
    assert_chain_intact(engine)


def test_vendor_and_product_changes(store):
    engine, manager, cashier = store["engine"], store["manager"], store["cashier"]
    sei = VendorInput("SEI001", "Se'i Babi Om Ba'i", regency="Kota Kupang", commission_pct=20)
    [entry] = journalled(engine, lambda: save_vendor(w(engine), manager, sei, create=True),
                         "vendor.create", "SEI001", "Manajer")
    assert data(entry) == {"name": "Se'i Babi Om Ba'i", "terms": "commission", "commission_pct": 20}
    [entry] = journalled(engine, lambda: save_vendor(w(engine), manager, replace(sei, commission_pct=25), create=False),
                         "vendor.terms", "SEI001", "Manajer")
    assert (data(entry)["old_commission_pct"], data(entry)["new_commission_pct"]) == (20, 25)
    journalled(engine, lambda: save_vendor(w(engine), manager, replace(sei, commission_pct=25, phone="081234567890"),
                                           create=False), "vendor.update", "SEI001", "Manajer")
    journalled(engine, lambda: set_vendor_active(w(engine), manager, "SEI001", False),
               "vendor.deactivate", "SEI001", "Manajer")
    before = last_seq(engine)
    save_vendor(w(engine), manager, replace(sei, commission_pct=25, phone="081234567890"), create=False)
    set_vendor_active(w(engine), manager, "SEI001", False)
    assert last_seq(engine) == before  # nothing changed: nothing journalled

    made = {}
    [entry] = journalled(engine, lambda: made.setdefault("row", save_product(
        w(engine), manager, ProductInput("8992222333443", "Teh Daun Kelor", "KOPI01", 15000, opening_stock=12))),
        "product.create", "8992222333443", "Manajer")
    assert data(entry) == {"name": "Teh Daun Kelor", "vendor": "KOPI01", "price": 15000, "harga_setor": None,
                           "commission_pct": None, "opening_stock": 12}
    row = made["row"]
    changed = ProductInput(row.barcode, row.name, "KOPI01", 17500, unit=row.unit)
    [entry] = journalled(engine, lambda: save_product(w(engine), manager, changed, product_id=row.id),
                         "product.price", "8992222333443", "Manajer")
    assert (data(entry)["old"], data(entry)["new"], data(entry)["fields"]) == (15000, 17500, ["price"])
    journalled(engine, lambda: save_product(w(engine), manager, replace(changed, name="Teh Kelor Rote"),
                                            product_id=row.id), "product.update", "8992222333443", "Manajer")
    pirt = "P-IRT No. 1234567890123-45"
    [entry] = journalled(engine, lambda: set_certificates(w(engine), manager, row.id, pirt=pirt),
                         "product.certificates", "8992222333443", "Manajer")
    assert data(entry) == {"changed": ["pirt"], "certificates": {"pirt": ["123456789012345", None]}}
    journalled(engine, lambda: set_product_active(w(engine), manager, row.id, False),
               "product.deactivate", "8992222333443", "Manajer")

    nothing_journalled(engine, lambda: save_vendor(w(engine), cashier, replace(sei, code="SEI002"), create=True))
    nothing_journalled(engine, lambda: save_product(w(engine), cashier, replace(changed, price=1), product_id=row.id))
    nothing_journalled(engine, lambda: set_certificates(w(engine), cashier, row.id, pirt=""))
    assert get_product(UnitOfWork(engine), row.id).price == 17500


def test_stock_documents_and_stock_take(store):
    engine, manager, cashier, ids = store["engine"], store["manager"], store["cashier"], store["ids"]
    honey = get_product(UnitOfWork(engine), ids["honey"]).barcode
    result = {}
    [entry] = journalled(engine, lambda: result.setdefault("tt", receive_goods(
        w(engine), manager, "KOPI01", [IntakeLine(ids["coffee"], 6), IntakeLine(ids["honey"], 2)])),
        "stock.intake", None, "Manajer")
    assert entry.ref == result["tt"].doc_no and entry.ref.startswith("TT-")
    assert data(entry)["vendor"] == "KOPI01"
    assert data(entry)["lines"] == [{"barcode": COFFEE, "quantity": 6}, {"barcode": honey, "quantity": 2}]
    [entry] = journalled(engine, lambda: result.setdefault("rt", return_goods(
        w(engine), manager, "KOPI01", [ReturnLine(ids["coffee"], 3, "expired")])), "stock.return", None, "Manajer")
    assert entry.ref == result["rt"].doc_no and entry.ref.startswith("RT-")
    assert data(entry)["lines"] == [{"barcode": COFFEE, "quantity": 3, "reason": "expired"}]
    nothing_journalled(engine, lambda: receive_goods(w(engine), cashier, "KOPI01", [IntakeLine(ids["coffee"], 1)]))
    nothing_journalled(engine, lambda: return_goods(w(engine), manager, "KOPI01",
                                                    [ReturnLine(ids["coffee"], 999, "unsold")]), PosError)

    [entry] = journalled(engine, lambda: result.setdefault("take", start_stocktake(w(engine), manager)),
                         "stock.take_start", None, "Manajer")
    number = result["take"].number
    assert entry.ref == number
    before = last_seq(engine)
    count_item(w(engine), number, COFFEE, 20)  # counting is not journalled; posting is
    count_item(w(engine), number, honey, 12)
    assert last_seq(engine) == before
    nothing_journalled(engine, lambda: post_stocktake(w(engine), cashier, number, "Opname"))
    [entry] = journalled(engine, lambda: post_stocktake(w(engine), manager, number, "Opname akhir bulan"),
                         "stock.take", number, "Manajer")
    lines = {line["barcode"]: line for line in data(entry)["lines"]}
    assert lines[COFFEE] == {"barcode": COFFEE, "expected": 23, "counted": 20, "difference": -3}
    assert lines[honey]["difference"] == 0 and data(entry)["reason"] == "Opname akhir bulan"
    number = start_stocktake(w(engine), manager).number
    journalled(engine, lambda: cancel_stocktake(w(engine), manager, number, "salah mulai"),
               "stock.take_cancel", number, "Manajer")


def test_payouts(store):
    engine, manager, cashier, ids = store["engine"], store["manager"], store["cashier"], store["ids"]
    sell(engine, cashier, [(ids["coffee"], 1), (ids["scarf"], 1)], day=DAY)
    numbers = {}
    drafts = journalled(engine, lambda: numbers.setdefault("all", create_payouts(w(engine), manager, DAY, DAY)),
                        "payout.draft", None, "Manajer", count=2)
    assert [e.ref for e in drafts] == numbers["all"]
    coffee_payout, scarf_payout = numbers["all"]
    assert data(drafts[0])["vendor"] == "KOPI01" and data(drafts[0])["gross"] == 65000
    assert data(drafts[1])["vendor"] == "TENUN1" and data(drafts[1])["amount"] == 200000
    nothing_journalled(engine, lambda: approve_payout(w(engine), cashier, coffee_payout))
    journalled(engine, lambda: approve_payout(w(engine), manager, coffee_payout), "payout.approve", coffee_payout,
               "Manajer")
    nothing_journalled(engine, lambda: pay_payout(w(engine), manager, coffee_payout, "transfer", "", past_day(0)),
                       PosError)
    [entry] = journalled(engine, lambda: pay_payout(w(engine), manager, coffee_payout, "transfer", "TRF-778899",
                                                    past_day(0)), "payout.pay", coffee_payout, "Manajer")
    assert data(entry) == {"method": "transfer", "reference": "TRF-778899", "amount": 55250,
                           "paid_on": past_day(0).isoformat()}
    journalled(engine, lambda: discard_draft(w(engine), manager, scarf_payout), "payout.discard", scarf_payout,
               "Manajer")

    # paid in cash from a drawer: one entry, on that till
    [again] = create_payouts(w(engine), manager, DAY, DAY)
    approve_payout(w(engine), manager, again)
    open_shift(w(engine), cashier, "T02", 300000)
    [entry] = journalled(engine, lambda: pay_payout(w(engine), manager, again, "cash", "", past_day(0),
                                                    terminal="T02"), "payout.pay", again, "Manajer")
    assert (entry.terminal, data(entry)["amount"]) == ("T02", 200000)


def test_shift_and_cash(store):
    engine, cashier = store["engine"], store["cashier"]
    supervisor = create_user(UnitOfWork(engine), "spv", "Yohanes Tefa", "supervisor", "4321")
    [entry] = journalled(engine, lambda: open_shift(w(engine), cashier, "T01", 200000), "shift.open", None,
                         "Maria Bria")
    assert data(entry)["float"] == 200000 and entry.terminal == "T01"
    shift_ref = entry.ref
    nothing_journalled(engine, lambda: cash_movement(w(engine), cashier, "T01", "in", 50000, "Tambah receh"))
    approval = authorize_override(w(engine), "spv", "4321", CASH_IN_OUT, terminal="T01")
    [entry] = journalled(engine, lambda: cash_movement(w(engine), cashier, "T01", "in", 50000, "Tambah receh",
                                                       approval=approval), "cash.in", shift_ref, "Maria Bria")
    assert entry.approver_name == "Yohanes Tefa"
    assert data(entry) == {"shift_id": int(shift_ref), "amount": 50000, "reason": "Tambah receh", "payout_id": None,
                           "expected_cash": 250000}
    [entry] = journalled(engine, lambda: cash_movement(w(engine), supervisor, "T01", "out", 20000, "Beli galon"),
                         "cash.out", shift_ref, "Yohanes Tefa")
    assert entry.approver_name == "" and data(entry)["amount"] == 20000
    [entry] = journalled(engine, lambda: close_shift(w(engine), cashier, "T01", {100000: 2, 10000: 3}),
                         "z_report", "Z-T01-000001", "Maria Bria")


def test_settings_change(store, tmp_path):
    engine, manager, cashier = store["engine"], store["manager"], store["cashier"]
    path = tmp_path / "settings.toml"
    new = replace(Settings(), store_name="NTT Mart Oesapa", paper_width=80, qris_static=QRIS_STATIC)
    [entry] = journalled(engine, lambda: update_settings(w(engine), manager, new, path), "settings.change",
                         "settings.toml", "Manajer")
    changes = data(entry)["changes"]
    assert sorted(changes) == ["paper_width", "qris_static", "store_name"]
    assert changes["store_name"] == {"old": "NTT Mart", "new": "NTT Mart Oesapa"}
    assert changes["paper_width"] == {"old": 58, "new": 80}
    assert changes["qris_static"] == {"old": {"length": 0, "sha256": hashlib.sha256(b"").hexdigest()},
                                      "new": {"length": len(QRIS_STATIC),
                                              "sha256": hashlib.sha256(QRIS_STATIC.encode()).hexdigest()}}
    assert QRIS_STATIC not in entry.body and entry.terminal == "T01"

    before = last_seq(engine)
    update_settings(w(engine), manager, new, path)  # saved again unchanged: nothing to journal
    assert last_seq(engine) == before
    nothing_journalled(engine, lambda: update_settings(w(engine), cashier, replace(new, store_name="Lain"), path))
    nothing_journalled(engine, lambda: update_settings(w(engine), manager, replace(new, paper_width=76), path),
                       ConfigError)


def test_imports(store, tmp_path):
    engine, manager, cashier = store["engine"], store["manager"], store["cashier"]
    vendors = tmp_path / "umkm.csv"
    vendors.write_text("code,name,regency,commission_pct\nMADU01,Madu Hutan Amfoang,Kupang,20\n"
                       "KOPI01,Kopi Bajawa Flores,Ngada,18\n", encoding="utf-8")
    before = last_seq(engine)
    import_vendors(w(engine), manager, vendors, dry_run=True)
    assert last_seq(engine) == before
    nothing_journalled(engine, lambda: import_vendors(w(engine), cashier, vendors))
    [entry] = journalled(engine, lambda: import_vendors(w(engine), manager, vendors), "import.vendors", "umkm.csv",
                         "Manajer")
    assert data(entry) == {"rows": 2, "created": 1, "updated": 1, "unchanged": 0, "notes": 0}
    before = last_seq(engine)
    import_vendors(w(engine), manager, vendors)  # the same file again changes nothing
    assert last_seq(engine) == before

    products = tmp_path / "barang.csv"
    products.write_text("barcode,name,vendor_code,price\n,Madu Hutan 250 ml,MADU01,45000\n", encoding="utf-8")
    [entry] = journalled(engine, lambda: import_products(w(engine), manager, products), "import.products",
                         "barang.csv", "Manajer")
    assert data(entry)["created"] == 1

"""The journal as the manager reads it: filters, order, the sentences, permission and the CSV/XLSX file
(SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone

import pytest

from factories import seed_store
from nttmart_pos.db.models import User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import PermissionDenied, ValidationError
from nttmart_pos.i18n import english_catalog, set_language
from nttmart_pos.services.journal import append
from nttmart_pos.services.journal_view import (KIND_GROUPS, KIND_LABELS, KINDS, export_journal, journal_entries,
                                               journal_users, kind_choices, kind_label, summary)
from nttmart_pos.services.refunds import RefundRequest, refund
from settlement_helpers import at, past_day, quick_user, sell

FORMULA = "=cmd|' /C calc'!A0"
VOID_COFFEE = {"items": [{"barcode": "8991234567891", "name": "Kopi Arabika", "quantity": 1, "amount": 65000,
                          "measure": "unit"}], "total": 65000, "reason": "Salah pindai"}


def log(engine, kind: str, data: dict, user: UserInfo | None, *, ref: str = "", approver: UserInfo | None = None,
        day: date | None = None, minute: int = 0, terminal: str = "T01") -> None:
    with UnitOfWork(engine, write=True) as uow:
        append(uow.session, kind, data, user=user, terminal=terminal, ref=ref, approver=approver,
               now=at(day, minute) if day is not None else None)
        uow.commit()


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["manager"] = quick_user(engine, "manajer", "manager")
    seed["supervisor"] = quick_user(engine, "spv", "supervisor")
    seed["engine"] = engine
    return seed


@pytest.fixture
def history(store):
    """Six entries over three days: a void and a drawer opening by the cashier (the drawer allowed by the
    supervisor), user changes by the manager, an unknown kind."""
    engine, cashier, manager, spv = store["engine"], store["cashier"], store["manager"], store["supervisor"]
    log(engine, "void.line", VOID_COFFEE, cashier, ref="T01", day=past_day(3))  # seq 1
    log(engine, "user.create", {"username": "spv", "full_name": "Spv", "role": "supervisor"}, manager,
        ref="spv", day=past_day(3), minute=5)  # seq 2
    log(engine, "drawer.open", {"reason": "Tukar uang kecil"}, cashier, approver=spv, day=past_day(1))  # seq 3
    log(engine, "user.role", {"username": "spv", "old": "cashier", "new": "supervisor"}, manager,
        ref="spv", day=past_day(1), minute=10)  # seq 4
    log(engine, "void.sale", {"items": [VOID_COFFEE["items"][0]] * 2, "total": 130000, "reason": "Pelanggan batal"},
        cashier,
        day=past_day(0), minute=0)  # seq 5
    log(engine, "odd.thing", {"x": 1}, None, ref="X-1", day=past_day(0), minute=1)  # seq 6
    return store


def seqs(rows) -> list[int]:
    return [row.seq for row in rows]


def test_newest_first_with_every_filter(history):
    engine, manager = history["engine"], history["manager"]

    def read(**filters):
        return seqs(journal_entries(UnitOfWork(engine), manager, **filters))

    assert read() == [6, 5, 4, 3, 2, 1]
    assert read(user_id=history["cashier"].id) == [5, 3, 1]
    assert read(user_id=manager.id) == [4, 2]
    assert read(kind="void.line") == [1]
    assert read(kind="void.") == [5, 1]  # a prefix: every void
    assert read(kind="user.") == [4, 2]
    assert read(kind="user") == []  # without the dot: the exact kind, which no entry has
    assert read(kind="user.%") == []  # a LIKE wildcard is only a character
    assert read(date_from=past_day(1)) == [6, 5, 4, 3]
    assert read(date_to=past_day(1)) == [4, 3, 2, 1]
    assert read(date_from=past_day(1), date_to=past_day(1)) == [4, 3]
    assert read(date_from=past_day(2), date_to=past_day(2)) == []
    assert read(user_id=history["cashier"].id, kind="void.", date_from=past_day(2)) == [5]
    assert read(limit=2) == [6, 5]
    with pytest.raises(ValidationError):
        read(date_from=past_day(0), date_to=past_day(1))
    with pytest.raises(ValidationError):
        read(limit=0)


def test_rows_carry_who_when_and_what(history):
    rows = {row.seq: row for row in journal_entries(UnitOfWork(history["engine"]), history["manager"])}
    drawer = rows[3]
    assert (drawer.kind, drawer.kind_label, drawer.terminal) == ("drawer.open", "Buka laci", "T01")
    assert (drawer.user_name, drawer.approver_name) == ("Maria Bria", "Spv")
    assert drawer.summary == "Laci dibuka tanpa transaksi - Tukar uang kecil"
    assert drawer.local_time.date() == past_day(1) and drawer.local_time.hour == 8
    assert rows[1].summary == "Batal baris: Kopi Arabika x1 Rp65.000 - Salah pindai"
    assert rows[5].summary == "Batal transaksi: 2 baris, Rp130.000 - Pelanggan batal"
    assert rows[4].summary == "Ubah peran pengguna: spv, kasir \u2192 supervisor"
    assert rows[6].summary == "odd.thing X-1" and rows[6].kind_label == "odd.thing" and rows[6].user_name == ""


def test_real_sale_and_refund_read_as_sentences(store):
    engine, cashier, manager = store["engine"], store["cashier"], store["manager"]
    ids = store["ids"]
    sale = sell(engine, cashier, [(ids["coffee"], 2), (ids["honey"], 1)], discount=5000)
    sell(engine, cashier, [(ids["scarf"], 1)])
    refund(UnitOfWork(engine, write=True), manager, sale.receipt_no, [RefundRequest(1, 1)], method="cash",
           restock=True, reason="barang rusak", terminal="T01")
    rows = journal_entries(UnitOfWork(engine), manager)
    assert [row.kind for row in rows] == ["refund", "sale", "sale"]
    back, scarf, first = rows
    assert first.ref == sale.receipt_no and first.user_name == "Maria Bria"
    assert first.summary == "Penjualan Rp210.000, 2 baris, tunai, diskon Rp5.000 - promo"  # the discount reason
    assert scarf.summary == "Penjualan Rp250.000, 1 baris, tunai"
    assert back.summary.startswith("Pengembalian Rp") and back.summary.endswith(" (tunai) - barang rusak")
    assert [row.kind for row in journal_entries(UnitOfWork(engine), manager, kind="sale")] == ["sale", "sale"]


def test_sentences_of_each_kind():
    """The data as the services journal it (checkout, voids, payouts, catalog_admin, users ...)."""
    assert summary("refund", {"total": 20000, "method": "cash", "reason": "barang rusak"}) == \
        "Pengembalian Rp20.000 (tunai) - barang rusak"
    grams = {"items": [{"name": "Kacang Mete", "quantity": 250, "amount": 30000, "measure": "weight"}],
             "total": 30000, "reason": "Salah timbang"}
    assert summary("void.line", grams) == "Batal baris: Kacang Mete 0,250 kg Rp30.000 - Salah timbang"
    assert summary("z_report", {"z_no": "Z-T01-000003", "business_date": "2026-10-15"}) == \
        "Laporan Z Z-T01-000003, hari usaha 15-10-2026"
    order = {"total": 48000, "channel": "tokopedia", "external_order_id": "INV/123", "lines": [{}],
             "payments": [{"method": "marketplace"}]}
    assert summary("sale", order, "TKP-000001") == "Penjualan Rp48.000, 1 baris, marketplace, pesanan tokopedia INV/123"
    assert summary("reprint", {}, "T01-000007") == "Cetak ulang struk T01-000007"
    assert summary("reprint", {"receipt_no": "T01-000007", "total": 250000}, "T01-000007") == \
        "Cetak ulang struk T01-000007 (Rp250.000)"
    assert summary("cash.out", {"shift_id": 3, "amount": 50000, "reason": "Beli galon"}, "3") == \
        "Kas keluar Rp50.000 - Beli galon"
    assert summary("shift.open", {"shift_id": 3, "float": 500000}, "3") == "Shift dibuka, modal awal Rp500.000"
    discount = {"receipt_no": "T01-000008", "gross": 130000, "discount": 10000, "limit_pct": 5, "percent": "7.69",
                "sale_discount": 0, "sale_discount_reason": "",
                "lines": [{"line_no": 1, "name": "Kopi", "gross": 130000, "discount": 10000,
                           "reason": "Pelanggan tetap"}]}
    assert summary("discount.override", discount, "T01-000008") == \
        "Diskon Rp10.000 (7,69%) melebihi batas 5%, struk T01-000008 - Pelanggan tetap"
    price = {"receipt_no": "T01-000008", "lines": [{"line_no": 1, "name": "Kopi Arabika", "measure": "unit",
                                                     "quantity": 1, "list_price": 65000, "unit_price": 60000,
                                                     "reason": "Kemasan penyok"}]}
    assert summary("price.override", price, "T01-000008") == \
        "Ubah harga: Kopi Arabika Rp65.000 \u2192 Rp60.000, struk T01-000008 - Kemasan penyok"
    assert summary("payout.pay", {"method": "transfer", "reference": "BRI 123", "amount": 900000,
                                  "paid_on": "2026-10-15"}, "ST-2026-000004") == \
        "Setoran UMKM dibayar: ST-2026-000004, Rp900.000, transfer bank"
    assert summary("payout.draft", {"vendor": "KOPI01", "period_from": "2026-09-01", "period_to": "2026-09-30",
                                    "amount": 750000}, "ST-2026-000003") == \
        "Draf setoran UMKM: ST-2026-000003, KOPI01, 01-09-2026 s.d. 30-09-2026, Rp750.000"
    assert summary("stock.intake", {"vendor": "KOPI01", "total_value": 1200000, "notes": "",
                                    "lines": [{"barcode": "1", "quantity": 4}] * 3}, "TT-2026-000002") == \
        "Barang masuk: TT-2026-000002, KOPI01, 3 baris, Rp1.200.000"
    assert summary("settings.change", {"changes": {"discount_limit_pct": {"old": 5, "new": 10},
                                                   "qris_static": {"old": {"length": 0}, "new": {"length": 90}}}}) \
        == "Pengaturan diubah: discount_limit_pct 5 \u2192 10; qris_static"
    assert summary("import.products", {"rows": 15, "created": 12, "updated": 3}, "barang.xlsx") == \
        "Impor barang: barang.xlsx, 12 baru, 3 diubah"
    assert summary("product.price", {"old": 65000, "new": 70000, "old_harga_setor": None, "new_harga_setor": None,
                                     "old_commission_pct": 15, "new_commission_pct": 20}, "899123") == \
        "Ubah harga barang: 899123, Rp65.000 \u2192 Rp70.000, komisi 15% \u2192 20%"
    assert summary("vendor.terms", {"old_terms": "commission", "new_terms": "harga_setor",
                                    "old_commission_pct": 15, "new_commission_pct": None}, "KOPI01") == \
        "Ubah syarat UMKM: KOPI01, komisi 15% \u2192 harga setor"
    assert summary("user.create", {"username": "ina", "full_name": "Ina Ndun", "role": "cashier"}, "ina") == \
        "Pengguna baru: ina, Ina Ndun, kasir"
    assert summary("user.pin_reset", {"username": "ina", "was_locked": True}, "ina") == \
        "Atur ulang PIN: ina, kunci dibuka"
    assert summary("product.update", {"fields": ["category", "name"]}, "899123") == \
        "Ubah data barang: 899123, category + name"
    until = datetime(2026, 10, 15, 6, 30, tzinfo=timezone.utc).astimezone()
    assert summary("user.locked", {"username": "kasir", "locks": 1, "until": until.isoformat()}) == \
        f"kasir terkunci sampai {until:%d-%m-%Y %H:%M} karena PIN salah"
    # data not as expected: the label and the reference, never an error
    assert summary("sale", {}, "T01-000009") == "Penjualan T01-000009"
    assert summary("void.line", {"items": [{"name": "X", "amount": "banyak"}]}, "T01") == "Batal baris T01"
    assert summary("user.deactivate", {}, "ina") == "Pengguna dinonaktifkan: ina"
    assert summary("new.kind", {"a": 1}, "N-1") == "new.kind N-1"


def test_kinds_have_labels_in_both_languages():
    assert len(KINDS) >= 32 and "user.locked" in KINDS and "void.line" in KINDS
    catalog = english_catalog()
    assert all(text in catalog for text in (*KIND_LABELS.values(), *KIND_GROUPS.values()))
    values = [value for value, _label in kind_choices()]
    assert values[:len(KIND_GROUPS)] == list(KIND_GROUPS) and values[len(KIND_GROUPS):] == list(KINDS)
    set_language("en")
    try:
        english = [kind_label(kind) for kind in (*KIND_GROUPS, *KINDS)]
    finally:
        set_language("id")
    indonesian = [kind_label(kind) for kind in (*KIND_GROUPS, *KINDS)]
    assert all(en != kind for en, kind in zip(english, (*KIND_GROUPS, *KINDS)))
    assert len(set(english)) == len(english) and len(set(indonesian)) == len(indonesian)


def test_only_managers_read_the_journal(history):
    engine = history["engine"]
    for user in (history["cashier"], history["supervisor"], None):
        with pytest.raises(PermissionDenied):
            journal_entries(UnitOfWork(engine), user)
    admin = quick_user(engine, "admin", "admin")
    assert len(journal_entries(UnitOfWork(engine), admin)) == 6


def test_users_of_the_filter_are_those_in_the_journal(history):
    users = journal_users(UnitOfWork(history["engine"]))
    assert [(u.full_name, u.username) for u in users] == [("Manajer", "manajer"), ("Maria Bria", "kasir")]
    assert users[1].id == history["cashier"].id  # the supervisor only approved: no entry of their own


def test_file_has_the_shown_rows_with_formulas_defused(history, tmp_path):
    engine, manager = history["engine"], history["manager"]
    with UnitOfWork(engine, write=True) as uow:
        row = User(username="jahil", full_name="@SUM(1+1)*cmd", role="cashier", pin_hash="-")
        uow.session.add(row)
        uow.commit()
        prankster = UserInfo(row.id, row.username, row.full_name, row.role)
    log(engine, "void.line", {**VOID_COFFEE, "reason": FORMULA}, prankster, ref=FORMULA)
    rows = journal_entries(UnitOfWork(engine), manager, kind="void.")
    path = tmp_path / "jurnal.csv"
    assert export_journal(path, rows) == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["No", "Waktu", "Jenis", "Terminal", "Pengguna", "Disetujui", "Referensi", "Keterangan"]
    newest = table[1]
    assert newest[0] == "7" and newest[2] == "Batal baris" and newest[3] == "T01"
    assert newest[4] == "'@SUM(1+1)*cmd" and newest[6] == "'" + FORMULA
    assert newest[7] == f"Batal baris: Kopi Arabika x1 Rp65.000 - {FORMULA}"
    assert datetime.strptime(newest[1], "%Y-%m-%d %H:%M:%S")
    assert [line[0] for line in table[1:]] == ["7", "5", "1"]
    for line in table:
        for cell in line:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert table[3][1].startswith(f"{past_day(3):%Y-%m-%d} 08:00")  # local time, as on the screen

    import openpyxl

    xlsx = tmp_path / "jurnal.xlsx"
    assert export_journal(xlsx, rows) == 3
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert sheet["A2"].value == 7 and sheet["E2"].value == "'@SUM(1+1)*cmd" and sheet["G2"].value == "'" + FORMULA


def test_wide_dates_and_limit_keep_the_newest(store):
    engine, manager, cashier = store["engine"], store["manager"], store["cashier"]
    for minute in range(5):
        log(engine, "reprint", {"receipt_no": f"T01-00000{minute}"}, cashier, ref=f"T01-00000{minute}",
            day=past_day(400), minute=minute)
    rows = journal_entries(UnitOfWork(engine), manager, date_from=past_day(500),
                           date_to=date.today() + timedelta(days=1), limit=3)
    assert [row.ref for row in rows] == ["T01-000004", "T01-000003", "T01-000002"]

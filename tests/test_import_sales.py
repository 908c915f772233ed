"""``import sales``: orders from other channels recorded like till sales, each order whole, never twice."""

from __future__ import annotations

import csv
import threading
import time as clock
from datetime import date, datetime, time, timezone

import pytest
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from nttmart_pos import cli
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.models import Counter, Payment, Product, Sale, SaleLine, StockMovement
from nttmart_pos.db.settlement_models import Payout
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import PermissionDenied
from nttmart_pos.services import import_sales as import_sales_module
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.catalog import ProductInput, add_product
from nttmart_pos.services.import_sales import REJECTED, SKIPPED, import_sales
from nttmart_pos.services.imports import ImportError
from nttmart_pos.services.settlement import create_payouts, payout_document, settlement_figures
from nttmart_pos.services.stock import ledger_stock
from settlement_helpers import journal_written_last

HEADER = "order_id,date,barcode,qty,unit_price,channel,payment_method\n"
SCALE_LABEL = "2100001015008"  # Kacang Mete Curah, 1.500 g


def local_utc(year, month, day, hour, minute) -> datetime:
    return datetime(year, month, day, hour, minute).astimezone(timezone.utc)


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Manajer Toko", "manager", "9999")
    with UnitOfWork(engine) as uow:
        seed["codes"] = {name: uow.session.get(Product, product_id).barcode
                         for name, product_id in seed["ids"].items()}
    return seed


def good_file(store) -> str:
    """Three orders; TP-1001's rows are not adjacent; prices differ from the shelf."""
    codes = store["codes"]
    return (HEADER
            + f"TP-1001,2025-03-14 13:05,{COFFEE},2,Rp60.000,Marketplace,marketplace\n"
            + f"WA-7,2025-03-14,{codes['honey']},1,85.000,wa,DANA\n"
            + f"TP-1001,2025-03-14 13:05,{codes['scarf']},1,240000,marketplace,marketplace\n"
            + f"TEL-3,2025-03-15 09:30,{SCALE_LABEL},1,100.000,telepon,cod\n")


def write(tmp_path, text: str, name: str = "pesanan.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(engine, store, path, **kwargs):
    return import_sales(UnitOfWork(engine, write=True), store["manager"], path, **kwargs)


def count(engine, model) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def stock(engine) -> dict[str, int]:
    with UnitOfWork(engine) as uow:
        return {p.name: p.stock_on_hand for p in uow.session.scalars(select(Product))}


def test_three_orders_are_recorded_like_till_sales(engine, store, tmp_path):
    report = run(engine, store, write(tmp_path, good_file(store)))
    assert [(o.order_id, o.status, o.receipt_no, o.total, o.lines) for o in report.orders] == [
        ("TP-1001", "recorded", "ONL-000001", 2 * 60000 + 240000, 2),
        ("WA-7", "recorded", "ONL-000002", 85000, 1),
        ("TEL-3", "recorded", "ONL-000003", 150000, 1),  # 1,5 kg at Rp100.000/kg
    ]
    assert report.summary() == ("Impor penjualan selesai: 3 pesanan dicatat, 0 sudah diimpor sebelumnya, "
                                "0 ditolak.")
    with UnitOfWork(engine) as uow:
        sales = {s.external_order_id: s for s in uow.session.scalars(select(Sale))}
        assert {k: (s.channel, s.terminal, s.shift_id, s.cashier_name, s.subtotal, s.discount, s.total, s.paid,
                    s.change) for k, s in sales.items()} == {
            "TP-1001": ("marketplace", "ONL", None, "Manajer Toko", 360000, 0, 360000, 360000, 0),
            "WA-7": ("whatsapp", "ONL", None, "Manajer Toko", 85000, 0, 85000, 85000, 0),
            "TEL-3": ("phone", "ONL", None, "Manajer Toko", 150000, 0, 150000, 150000, 0),
        }
        assert sales["TP-1001"].created_at == local_utc(2025, 3, 14, 13, 5)
        assert sales["WA-7"].created_at == local_utc(2025, 3, 14, 12, 0)  # a bare date is noon, local time
        assert [(l.line_no, l.product_name, l.quantity, l.unit_price, l.line_total, l.sale_discount_share,
                 l.vendor_code, l.terms, l.harga_setor, l.commission_pct) for l in sales["TP-1001"].lines] == [
            (1, "Kopi Arabika Bajawa 250 g", 2, 60000, 120000, 0, "KOPI01", "commission", None, 15),
            (2, "Selendang Tenun Rote", 1, 240000, 240000, 0, "TENUN1", "harga_setor", 200000, None),
        ]
        assert [(l.measure, l.quantity, l.unit_price, l.line_total, l.commission_pct)
                for l in sales["TEL-3"].lines] == [("weight", 1500, 100000, 150000, 15)]
        assert sales["WA-7"].lines[0].commission_pct == 20
        assert {k: [(p.method, p.amount, p.tendered, p.reference) for p in s.payments] for k, s in sales.items()} == {
            "TP-1001": [("marketplace", 360000, 0, "TP-1001")], "WA-7": [("ewallet", 85000, 0, "WA-7")],
            "TEL-3": [("cash", 150000, 150000, "TEL-3")]}
        movements = uow.session.scalars(select(StockMovement).where(StockMovement.kind == "sold")
                                        .order_by(StockMovement.id)).all()
        assert [(m.quantity, m.reference) for m in movements] == [
            (-2, "ONL-000001"), (-1, "ONL-000001"), (-1, "ONL-000002"), (-1500, "ONL-000003")]
        for product in uow.session.scalars(select(Product)):
            assert product.stock_on_hand == ledger_stock(uow.session, product.id)
        assert uow.session.get(Counter, "receipt:ONL").value == 3
    assert stock(engine) == {"Kopi Arabika Bajawa 250 g": 18, "Madu Hutan Timor 500 ml": 9,
                             "Selendang Tenun Rote": 4, "Kacang Mete Curah": 3500}


def test_the_same_file_twice_records_each_order_once(engine, store, tmp_path):
    path = write(tmp_path, good_file(store))
    run(engine, store, path)
    before = stock(engine)
    again = run(engine, store, path)
    assert [(o.order_id, o.status, o.receipt_no, o.channel) for o in again.orders] == [
        ("TP-1001", SKIPPED, "ONL-000001", "marketplace"), ("WA-7", SKIPPED, "ONL-000002", "whatsapp"),
        ("TEL-3", SKIPPED, "ONL-000003", "phone")]
    assert again.summary().endswith("0 pesanan dicatat, 3 sudah diimpor sebelumnya, 0 ditolak.")
    assert count(engine, Sale) == 3 and count(engine, SaleLine) == 4 and stock(engine) == before
    # the same order id from another channel is another order
    other = write(tmp_path, HEADER + f"WA-7,2025-03-14,{COFFEE},1,65000,website,transfer\n", "web.csv")
    assert [(o.status, o.receipt_no) for o in run(engine, store, other).orders] == [("recorded", "ONL-000004")]


BAD_ROWS = {
    "check digit": ("8991234567890,1,65000,marketplace,2025-03-14", "barcode",
                    "Digit pemeriksa barcode salah: 8991234567890 (seharusnya 1)"),
    "unknown barcode": ("8990000000013,1,65000,marketplace,2025-03-14", "barcode",
                        "Barang tidak dikenal: 8990000000013"),
    "weighed without label": ("2100001,1,65000,marketplace,2025-03-14", "barcode",
                              "Kacang Mete Curah dijual menurut berat: isi barcode dengan kode label timbangan "
                              "13 angka yang memuat beratnya (mis. 2100001010003 untuk 1.000 g)"),
    "qty 0": (f"{COFFEE},0,65000,marketplace,2025-03-14", "qty", "qty harus bilangan bulat 1 sampai 9999: 0"),
    "price 12,5": (f'{COFFEE},1,"12,5",marketplace,2025-03-14', "unit_price", "Jumlah uang tidak valid: 12,5"),
    "future date": (f"{COFFEE},1,65000,marketplace,2099-01-01", "date", "tanggal 2099-01-01 masih di masa depan"),
    "unknown channel": (f"{COFFEE},1,65000,pasar malam,2025-03-14", "channel",
                        "channel tidak dikenal: pasar malam (pakai salah satu: marketplace, whatsapp, phone, "
                        "website, other)"),
    "mixed dates": (f"{COFFEE},1,65000,marketplace,2025-03-15", "date",
                    "2025-03-15 berbeda dengan baris {first} (2025-03-14); satu pesanan harus sama di semua barisnya"),
}


def test_a_bad_row_rejects_only_its_own_order(engine, store, tmp_path):
    """Each bad order is a good row (honey) and one bad row; the good orders around them are recorded."""
    lines, expected = [HEADER, f"OK-1,2025-03-14,{COFFEE},1,65000,marketplace,qris\n"], {}
    for number, (case, (cells, column, reason)) in enumerate(BAD_ROWS.items()):
        barcode, qty, price, channel, day = next(csv.reader([cells]))
        order, row = f"BAD-{number}", 4 + 2 * number
        first_day = "2025-03-14" if case == "mixed dates" else day
        lines.append(f"{order},{first_day},{store['codes']['honey']},1,85000,marketplace,qris\n")
        lines.append(f'{order},{day},{barcode},{qty},"{price}",{channel},qris\n')
        reason = reason.format(first=row - 1)
        expected[order] = [f"baris {row}: pesanan {order} ditolak: {column}: {reason}"]
        if case == "future date":  # the whole order is dated in the future, not only its last row
            expected[order].insert(0, f"baris {row - 1}: pesanan {order} ditolak: {column}: {reason}")
    lines.append(f"OK-2,2025-03-14,{store['codes']['scarf']},1,250000,other,transfer\n")
    report = run(engine, store, write(tmp_path, "".join(lines)))
    assert [(o.order_id, o.status) for o in report.orders] == [
        ("OK-1", "recorded"), *((order, REJECTED) for order in expected), ("OK-2", "recorded")]
    assert {o.order_id: o.messages() for o in report.rejected} == expected
    assert [o.receipt_no for o in report.recorded] == ["ONL-000001", "ONL-000002"]  # no gap for the rejected
    with UnitOfWork(engine) as uow:
        assert sorted(uow.session.scalars(select(Sale.external_order_id))) == ["OK-1", "OK-2"]
    assert stock(engine)["Madu Hutan Timor 500 ml"] == 10


def test_every_reason_of_an_order_is_listed_and_other_channels_aliases_work(engine, store, tmp_path):
    text = (HEADER
            + f"X-1,14/03/2025,{COFFEE},1.5,Rp65.000,WhatsApp,tunai\n"
            + f"X-1,2025-03-14,{COFFEE},1,65000,phone,tunai\n"
            + f",2025-03-14,{COFFEE},1,65000,phone,tunai\n"
            + f"X-2,2025-03-14,{COFFEE},1,0,Toko Online,kartu\n"
            + f"X-3,2025-03-14,{COFFEE},1,65000,lainnya,bitcoin\n"
            + HEADER.upper())
    report = run(engine, store, write(tmp_path, text))
    assert [(o.order_id, o.status) for o in report.orders] == [
        ("X-1", REJECTED), ("", REJECTED), ("X-2", REJECTED), ("X-3", REJECTED), ("", REJECTED)]
    assert report.orders[0].messages() == [
        "baris 2: pesanan X-1 ditolak: date: tanggal harus YYYY-MM-DD atau YYYY-MM-DD HH:MM (mis. 2025-03-14 "
        "13:05): 14/03/2025",
        "baris 2: pesanan X-1 ditolak: qty: qty harus bilangan bulat 1 sampai 9999: 1.5",
        "baris 3: pesanan X-1 ditolak: channel: phone berbeda dengan baris 2 (whatsapp); satu pesanan harus sama "
        "di semua barisnya"]
    assert report.orders[1].messages() == ["baris 4: ditolak: order_id: order_id wajib diisi"]
    assert report.orders[2].messages() == [
        "baris 5: pesanan X-2 ditolak: total pesanan Rp0; pesanan tanpa nilai tidak dicatat"]
    assert report.orders[2].channel == "marketplace"
    assert report.orders[3].messages()[0].startswith("baris 6: pesanan X-3 ditolak: payment_method: payment_method "
                                                     "tidak dikenal: bitcoin")
    assert report.orders[4].messages() == ["baris 7: ditolak: baris ini mengulang judul kolom; hapus baris ini"]
    assert count(engine, Sale) == 0


def test_dry_run_checks_everything_and_writes_nothing(engine, store, tmp_path):
    path = write(tmp_path, good_file(store) + f"BAD,2025-03-14,{COFFEE},1,65000,pasar,cash\n")
    before = (stock(engine), [count(engine, m) for m in (Sale, SaleLine, Payment, StockMovement, Counter)])
    report = run(engine, store, path, dry_run=True)
    assert [(o.order_id, o.status, o.receipt_no) for o in report.orders] == [
        ("TP-1001", "recorded", "ONL-000001"), ("WA-7", "recorded", "ONL-000002"),
        ("TEL-3", "recorded", "ONL-000003"), ("BAD", REJECTED, "")]
    assert report.summary() == ("Uji coba, tidak ada yang disimpan: 3 pesanan akan dicatat, 0 sudah diimpor "
                                "sebelumnya, 1 ditolak.")
    assert (stock(engine), [count(engine, m) for m in (Sale, SaleLine, Payment, StockMovement, Counter)]) == before
    assert run(engine, store, path).recorded[0].receipt_no == "ONL-000001"


def test_each_order_is_its_own_transaction_and_its_journal_entry_is_written_last(engine, store, tmp_path):
    """A till holding a product's lock and waiting for the journal can never wait on an import in a cycle."""
    path = write(tmp_path, good_file(store) + f"BAD,2025-03-14,{COFFEE},1,65000,pasar,cash\n")
    with journal_written_last(engine) as transactions:  # it fails if anything is written after the journal
        assert run(engine, store, path, dry_run=True).rejected
    assert transactions == []
    with journal_written_last(engine) as transactions:
        report = run(engine, store, path)
    assert [writes.count("journal") for writes in transactions] == [2, 2, 2]  # the counter (one upsert), the entry
    assert len(report.recorded) == 3


def test_an_order_dated_in_a_settled_period_is_recorded_and_goes_into_the_next_payout(engine, store, tmp_path):
    """A line sold on a day already paid out is a late line: the vendor's next payout takes it."""
    with UnitOfWork(engine, write=True) as uow:
        vendor_id = uow.session.get(Product, store["ids"]["coffee"]).vendor_id
        uow.session.add(Payout(payout_no="STR-000001", vendor_id=vendor_id, period_from=date(2025, 3, 10),
                               period_to=date(2025, 3, 14)))
        uow.commit()
    text = (HEADER + f"A,2025-03-14 20:00,{store['codes']['scarf']},1,250000,phone,cash\n"
            f"A,2025-03-14 20:00,{COFFEE},1,65000,phone,cash\n"
            f"B,2025-03-15,{COFFEE},1,65000,phone,cash\n"
            f"C,2025-03-14,{store['codes']['scarf']},1,250000,phone,cash\n")
    report = run(engine, store, write(tmp_path, text))
    assert [(o.order_id, o.status) for o in report.orders] == [("A", "recorded"), ("B", "recorded"),
                                                               ("C", "recorded")]
    [kopi] = settlement_figures(UnitOfWork(engine), date(2025, 3, 15), date(2025, 3, 15), ["KOPI01"])
    assert [(line.receipt_no, line.unit_price) for line in kopi.sales] == [("ONL-000001", 65000),
                                                                           ("ONL-000002", 65000)]
    assert kopi.late_sales_from == date(2025, 3, 14)
    [number] = create_payouts(UnitOfWork(engine, write=True), store["manager"], date(2025, 3, 15),
                              date(2025, 3, 15), ["KOPI01"])
    document = payout_document(UnitOfWork(engine), number)
    assert (document.gross, document.late_sales_from) == (130000, date(2025, 3, 14))
    assert settlement_figures(UnitOfWork(engine), date(2025, 3, 15), date(2025, 3, 15), ["KOPI01"]) == []


def test_a_bare_date_of_today_before_noon_is_recorded_as_now(engine, store, tmp_path):
    now = datetime.combine(date(2025, 3, 14), time(8, 30)).astimezone(timezone.utc)
    text = HEADER + f"A,2025-03-14,{COFFEE},1,65000,phone,cash\nB,2025-03-14 09:00,{COFFEE},1,65000,phone,cash\n"
    report = run(engine, store, write(tmp_path, text), now=now)
    assert [(o.order_id, o.status) for o in report.orders] == [("A", "recorded"), ("B", REJECTED)]
    assert report.rejected[0].messages() == ["baris 3: pesanan B ditolak: date: tanggal 2025-03-14 09:00 masih di "
                                             "masa depan"]
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(Sale.created_at)) == now


def test_xlsx_with_date_and_number_cells_and_a_price_label(engine, store, tmp_path):
    import openpyxl

    add_product(UnitOfWork(engine), ProductInput("2200002", "Se'i Sapi Curah", "KOPI01", 0, measure="price",
                                                 opening_stock=10))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["SH-9", datetime(2025, 3, 14), int(COFFEE), 3, 61000, "marketplace", "e-wallet"])
    sheet.append(["SH-9", datetime(2025, 3, 14), int(COFFEE), 1, 61000.0, "marketplace", "e-wallet"])
    # a price label (Rp4.750 on it): the order's price counts, one piece per label
    sheet.append(["SH-9", datetime(2025, 3, 14), "2200002047500", 2, "5.000", "marketplace", "e-wallet"])
    workbook.save(tmp_path / "shopee.xlsx")
    report = run(engine, store, tmp_path / "shopee.xlsx")
    assert [(o.status, o.total, o.lines) for o in report.orders] == [("recorded", 4 * 61000 + 10000, 3)]
    with UnitOfWork(engine) as uow:
        sale = uow.session.scalar(select(Sale))
        assert sale.created_at == local_utc(2025, 3, 14, 12, 0)  # a date cell is a bare date
        assert [(l.measure, l.quantity, l.unit_price, l.line_total) for l in sale.lines] == [
            ("unit", 3, 61000, 183000), ("unit", 1, 61000, 61000), ("price", 2, 5000, 10000)]
        assert [p.method for p in sale.payments] == ["ewallet"]
    assert stock(engine)["Se'i Sapi Curah"] == 8


def test_a_wrong_header_rejects_the_file_and_a_cashier_may_not_import(engine, store, tmp_path):
    with pytest.raises(ImportError, match="kolom wajib tidak ada: channel, payment_method"):
        run(engine, store, write(tmp_path, "order_id,date,barcode,qty,unit_price\nA,2025-03-14,1,1,1\n"))
    with pytest.raises(PermissionDenied):
        import_sales(UnitOfWork(engine, write=True), store["cashier"], write(tmp_path, good_file(store)))
    assert count(engine, Sale) == 0


def test_an_order_recorded_meanwhile_by_another_import_is_skipped(engine, store, tmp_path, monkeypatch):
    """The unique (channel, external_order_id) catches what the look-up before writing could not see."""
    path = write(tmp_path, good_file(store))
    run(engine, store, path)
    monkeypatch.setattr(import_sales_module, "_already_imported", lambda session, orders: {})
    report = run(engine, store, path)
    assert [(o.status, o.receipt_no, o.concurrent) for o in report.orders] == [
        (SKIPPED, "ONL-000001", True), (SKIPPED, "ONL-000002", True), (SKIPPED, "ONL-000003", True)]
    assert count(engine, Sale) == 3
    with UnitOfWork(engine) as uow:
        assert uow.session.get(Counter, "receipt:ONL").value == 3


def test_two_imports_of_one_file_at_the_same_time(engine, store, tmp_path):
    path = write(tmp_path, good_file(store))
    writing, release = threading.Event(), threading.Event()
    results, failures = {}, []

    class SlowFirstCommit(UnitOfWork):
        def commit(self) -> None:
            writing.set()
            release.wait(10)
            super().commit()

    def start(name, uow):
        def target():
            try:
                results[name] = import_sales(uow, store["manager"], path)
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                failures.append(exc)
        thread = threading.Thread(target=target)
        thread.start()
        return thread

    first = start("first", SlowFirstCommit(engine, write=True))
    assert writing.wait(10)
    second = start("second", UnitOfWork(engine, write=True))
    clock.sleep(0.5)  # the second import is now waiting for the first one's locks
    release.set()
    first.join(20)
    second.join(20)
    assert not failures
    # each order is committed on its own, so the two may take turns: every order is recorded by one
    # import and skipped by the other, under one receipt number
    first_outcomes, second_outcomes = results["first"].orders, results["second"].orders
    assert first_outcomes[0].status == "recorded"
    for mine, theirs in zip(first_outcomes, second_outcomes):
        assert {mine.status, theirs.status} == {"recorded", SKIPPED}
        assert mine.receipt_no == theirs.receipt_no
    assert count(engine, Sale) == 3
    with UnitOfWork(engine) as uow:
        assert sorted(uow.session.scalars(select(Sale.receipt_no))) == ["ONL-000001", "ONL-000002", "ONL-000003"]


# -- the command -------------------------------------------------------------

@pytest.fixture
def cli_store(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NTTMART_DB_URL", raising=False)
    url = f"sqlite:///{tmp_path}/x.db"
    options = ["--db", url, "--config", str(tmp_path / "s.toml")]
    assert cli.main([*options, "init", "--admin", "ani", "--pin", "4321"]) == 0
    engine = make_engine(url)
    seed = seed_store(engine)
    with UnitOfWork(engine) as uow:
        seed["codes"] = {name: uow.session.get(Product, product_id).barcode
                         for name, product_id in seed["ids"].items()}
    capsys.readouterr()
    yield options, engine, seed
    engine.dispose()


def sales_cli(capsys, options, *argv):
    code = cli.main([*options, "import", "sales", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_command_records_skips_and_rejects_with_exit_codes(cli_store, capsys, tmp_path):
    options, engine, seed = cli_store
    path = write(tmp_path, good_file(seed))
    code, out, err = sales_cli(capsys, options, str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "pesanan TP-1001 (marketplace): akan dicatat sebagai ONL-000001, 2 baris, Rp360.000"
    assert count(engine, Sale) == 0
    code, out, err = sales_cli(capsys, options, str(path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "pesanan TP-1001 (marketplace): dicatat ONL-000001, 2 baris, Rp360.000",
        "pesanan WA-7 (whatsapp): dicatat ONL-000002, 1 baris, Rp85.000",
        "pesanan TEL-3 (phone): dicatat ONL-000003, 1 baris, Rp150.000",
        "Impor penjualan selesai: 3 pesanan dicatat, 0 sudah diimpor sebelumnya, 0 ditolak."]
    with UnitOfWork(engine) as uow:
        assert set(uow.session.scalars(select(Sale.cashier_name))) == {"ani"}  # the command-line user
    path.write_text(good_file(seed) + f"WA-8,2025-03-14,8991234567890,1,65000,wa,qris\n"
                                      f"WA-9,2025-03-14,{COFFEE},2,65000,wa,qris\n", encoding="utf-8")
    code, out, err = sales_cli(capsys, options, str(path))
    assert code == 1
    assert out.splitlines() == [
        "pesanan TP-1001 (marketplace): sudah diimpor sebagai ONL-000001, dilewati",
        "pesanan WA-7 (whatsapp): sudah diimpor sebagai ONL-000002, dilewati",
        "pesanan TEL-3 (phone): sudah diimpor sebagai ONL-000003, dilewati",
        "baris 6: pesanan WA-8 ditolak: barcode: Digit pemeriksa barcode salah: 8991234567890 (seharusnya 1)",
        "pesanan WA-9 (whatsapp): dicatat ONL-000004, 1 baris, Rp130.000",
        "Impor penjualan selesai: 1 pesanan dicatat, 3 sudah diimpor sebelumnya, 1 ditolak."]
    assert err.count("\n") == 1 and err.startswith("nttmart-pos: 1 pesanan ditolak; perbaiki barisnya")
    assert count(engine, Sale) == 4


def test_command_refuses_an_unreadable_file_or_header_with_exit_1(cli_store, capsys, tmp_path):
    options, engine, _seed = cli_store
    code, out, err = sales_cli(capsys, options, str(write(tmp_path, "order_id,tanggal\n1,2\n")))
    assert (code, out) == (1, "")
    assert "kolom tidak dikenal: tanggal" in err and "kolom wajib tidak ada" in err
    code, out, err = sales_cli(capsys, options, str(tmp_path / "hilang.csv"))
    assert (code, out) == (1, "") and "tidak ditemukan" in err and err.count("\n") == 1
    assert sales_cli(capsys, options)[0] == 2
    assert count(engine, Sale) == 0

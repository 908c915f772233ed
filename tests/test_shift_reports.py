"""X and Z reports on paper: the thermal slip (32/48 columns, ASCII, ESC/POS),
the A4 PDF (read back with pypdf), and the ``z-report`` / ``x-report`` commands."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from factories import COFFEE, seed_store
from nttmart_pos import cli
from nttmart_pos.config import Settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.services.journal import install_key
from nttmart_pos.services.journal_key import load_key
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.domain.cashup import full_counts
from nttmart_pos.domain.shift_report import CashierTotal, CashMovementLine, MethodTotal, ShiftReport, variance_text
from nttmart_pos.errors import ConfigError, PosError
from nttmart_pos.hardware.shift_slip import shift_report_bytes, shift_report_lines
from nttmart_pos.reports.shift_report_pdf import shift_report_pdf, shift_reports_pdf
from nttmart_pos.services.auth import authorize_override, create_user
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.permissions import CASH_IN_OUT
from nttmart_pos.services.shifts import cash_movement, close_shift, open_shift

OPENED = datetime(2026, 11, 28, 0, 30, tzinfo=timezone.utc)
CLOSED = datetime(2026, 11, 28, 9, 5, tzinfo=timezone.utc)


def z_report_data(variance: int = -5000, **changes) -> ShiftReport:
    """The worked example of test_shifts, with long and non-ASCII names to stress the layout."""
    counts = {100000: 2, 50000: 1, 20000: 2, 5000: 1}
    counted = 295000 + variance + 5000
    if variance != -5000:
        counts = {100000: 3, 100: counted // 100 - 3000}
    report = ShiftReport(
        kind="Z", z_no="Z-T01-000001", shift_id=1, terminal="T01", cashier_id=1,
        cashier_name="Maria Goreti Bria Ñuñez Kefamenanu", opened_at=OPENED, closed_at=CLOSED, generated_at=CLOSED,
        business_date=date(2026, 11, 28), opening_float=200000, sales_count=3, gross=280000, discounts=10000,
        refunds_count=1, refunds_total=65000, net=205000,
        payments=(MethodTotal("cash", 2, 135000), MethodTotal("qris", 1, 50000), MethodTotal("card", 1, 85000),
                  MethodTotal("ewallet", 1, 1234567)),
        refund_methods=(MethodTotal("cash", 1, 65000),),
        cashiers=(CashierTotal(1, "Maria Goreti Bria Ñuñez Kefamenanu", 3, 270000),),
        cash_sales=135000, cash_refunds=65000, cash_in=50000, cash_out=20000, expected_cash=300000,
        first_receipt="T01-000001", last_receipt="T01-000003",
        movements=(CashMovementLine("in", 50000, "Tambah uang kecil dari brankas – pecahan 1.000", OPENED),
                   CashMovementLine("out", 20000, "Beli kantong plastik", CLOSED, 7)),
        counts=full_counts(counts), counted_cash=counted, variance=variance, closed_by_name="Yosef Supervisor",
        note="Kurang Rp5.000; sudah dilaporkan ke manajer")
    return replace(report, **changes)


def x_report_data() -> ShiftReport:
    return replace(z_report_data(), kind="X", z_no="", closed_at=None, counts=(), counted_cash=None, variance=None,
                   closed_by_name="", note="")


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("language", ["id", "en"])
def test_slip_lines_fit_the_paper_and_are_ascii(columns, language):
    for report in (z_report_data(), x_report_data(), z_report_data(variance=2000),
                   replace(x_report_data(), payments=(), cashiers=(), movements=(), first_receipt="",
                           last_receipt="")):
        lines = shift_report_lines(report, columns, language)
        assert all(len(line) <= columns for line in lines), [line for line in lines if len(line) > columns]
        assert all(line.isascii() for line in lines)
        assert all(line.isprintable() for line in lines)


def test_z_slip_shows_every_figure():
    lines = shift_report_lines(z_report_data(), 32, "id", Settings(store_name="NTT Mart Oebobo"))
    text = "\n".join(lines)
    for expected in ("NTT Mart Oebobo", "LAPORAN Z", "Z-T01-000001", "Terminal  ", "Maria Goreti Bria Nunez",
                     "28-11-2026", "Yosef Supervisor", "HITUNG UANG", "Kurang Rp5.000"):
        assert expected in text, expected
    joined = {" ".join(line.split()) for line in lines}
    for expected in ("Jumlah transaksi 3", "Penjualan kotor 280.000", "Diskon -10.000", "Refund (1x) -65.000",
                     "PENJUALAN BERSIH Rp205.000", "Struk pertama T01-000001", "Struk terakhir T01-000003",
                     "Tunai (2x) 135.000", "QRIS (1x) 50.000", "Kartu Debit/Kredit (1x) 85.000",
                     "E-wallet (1x) 1.234.567", "Refund Tunai (1x) -65.000", "Modal awal 200.000",
                     "Penjualan tunai +135.000", "Refund tunai -65.000", "Kas masuk +50.000", "Kas keluar -20.000",
                     "KAS SEHARUSNYA Rp300.000", "100.000 x 2 200.000", "5.000 x 1 5.000", "100 x 0 0",
                     "KAS DIHITUNG Rp295.000", "SELISIH: -Rp5.000 (kurang)"):
        assert expected in joined, expected
    assert "SELISIH: -Rp5.000 (kurang)" in lines
    # the denominations line up on their right edge
    assert "100.000 x 2" in text and " 50.000 x 1" in text and "    100 x 0" in text
    assert "(SEMENTARA)" not in text


def test_x_slip_is_marked_interim_and_has_no_count():
    text = "\n".join(shift_report_lines(x_report_data(), 48, "id"))
    assert "LAPORAN X (SEMENTARA)" in text and "Shift belum ditutup" in text and "Dicetak" in text
    assert "HITUNG UANG" not in text and "SELISIH" not in text and "Z-T01" not in text


def test_variance_wording():
    assert variance_text(-5000, "id") == "SELISIH: -Rp5.000 (kurang)"
    assert variance_text(5000, "id") == "SELISIH: +Rp5.000 (lebih)"
    assert variance_text(0, "id") == "SELISIH: Rp0 (pas)"
    assert variance_text(-5000, "en") == "VARIANCE: -Rp5.000 (short)"
    over = {" ".join(line.split()) for line in shift_report_lines(z_report_data(variance=2000), 32, "id")}
    assert "SELISIH: +Rp2.000 (lebih)" in over and "KAS DIHITUNG Rp302.000" in over


def test_english_slip():
    text = "\n".join(shift_report_lines(z_report_data(), 48, "en"))
    assert "Z REPORT" in text and "NET SALES" in text and "VARIANCE: -Rp5.000 (short)" in text


@pytest.mark.parametrize("width", [58, 80])
def test_slip_bytes(width):
    data = shift_report_bytes(z_report_data(), width, "id")
    assert data.startswith(b"\x1b@")
    assert b"LAPORAN Z" in data and b"Z-T01-000001" in data and b"SELISIH: -Rp5.000 (kurang)" in data
    assert data.isascii()
    assert (data.count(b"\x1dV") == 1) == (width == 80)  # the 58 mm printers have no cutter
    with pytest.raises(ConfigError):
        shift_report_bytes(z_report_data(), 70, "id")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_z_pdf_has_the_number_the_totals_and_the_variance(tmp_path):
    path = shift_report_pdf(z_report_data(), Settings(), tmp_path / "z.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = pdf_text(path)
    for expected in ("LAPORAN Z", "No. Z-T01-000001", "Penjualan bersih", "205.000", "280.000", "-10.000",
                     "-65.000", "Kas seharusnya", "300.000", "Kas dihitung", "295.000",
                     "SELISIH: -Rp5.000 (kurang)", "Maria Goreti Bria Ñuñez Kefamenanu", "Yosef Supervisor",
                     "T01-000001 s/d T01-000003", "1.234.567", "Tambah uang kecil", "Kurang Rp5.000"):
        assert expected in text, expected
    assert [p for p in tmp_path.iterdir()] == [path]  # no temporary file left behind


def test_x_pdf_and_several_closings_in_one_file(tmp_path):
    text = pdf_text(shift_report_pdf(x_report_data(), Settings(language="en"), tmp_path / "x.pdf"))
    assert "X REPORT (INTERIM)" in text and "Expected cash" in text and "Counted cash" not in text
    both = shift_reports_pdf([z_report_data(), z_report_data(z_no="Z-T02-000001", terminal="T02", variance=2000)],
                             Settings(), tmp_path / "day.pdf")
    pages = [page.extract_text() for page in PdfReader(both).pages]
    assert len(pages) == 2
    assert "Z-T01-000001" in pages[0] and "SELISIH: -Rp5.000 (kurang)" in pages[0]
    assert "Z-T02-000001" in pages[1] and "SELISIH: +Rp2.000 (lebih)" in pages[1]
    with pytest.raises(PosError, match="tidak dapat disimpan"):
        shift_report_pdf(z_report_data(), Settings(), tmp_path / "missing" / "z.pdf")


# --- the commands -------------------------------------------------------------

def _sell(engine, cashier, payments, terminal="T01"):
    cart = Cart()
    found = product_for_scan(UnitOfWork(engine), COFFEE)
    cart.add(found.product)
    return checkout(UnitOfWork(engine, write=True), cart, payments, cashier, terminal)


def test_x_report_and_z_report_commands(tmp_path, sqlite_url, capsys):
    engine = make_engine(sqlite_url)
    cashier = seed_store(engine)["cashier"]
    base = ["--db", sqlite_url, "--config", str(tmp_path / "s.toml")]

    assert cli.main([*base, "x-report"]) == 1
    assert capsys.readouterr().err.strip() == "nttmart-pos: Tidak ada shift yang terbuka di terminal T01"
    assert cli.main([*base, "z-report"]) == 1
    assert capsys.readouterr().err.strip() == "nttmart-pos: Belum ada laporan Z"
    # the first command made the store's key beside the settings: the till's own actions below use it too,
    # as on a real machine (a journal signed with another key is refused at start)
    install_key(engine, load_key(tmp_path / "journal.key"))

    open_shift(UnitOfWork(engine, write=True), cashier, "T01", 200000)
    _sell(engine, cashier, [PaymentEntry("cash", 100000)])
    create_user(UnitOfWork(engine), "spv", "Yohanes Tefa", "supervisor", "4321")
    approval = authorize_override(UnitOfWork(engine, write=True), "spv", "4321", CASH_IN_OUT, terminal="T01")
    cash_movement(UnitOfWork(engine, write=True), cashier, "T01", "out", 10000, "Beli air galon", approval=approval)
    assert cli.main([*base, "x-report"]) == 0
    out = capsys.readouterr().out
    assert "LAPORAN X (SEMENTARA)" in out and "Rp255.000" in out and "Rp65.000" in out
    assert max(len(line) for line in out.splitlines()) <= 48
    assert cli.main([*base, "--terminal", "T02", "x-report"]) == 1
    assert "terminal T02" in capsys.readouterr().err
    assert cli.main([*base, "x-report", "--terminal", "T02"]) == 1
    capsys.readouterr()

    closed = close_shift(UnitOfWork(engine, write=True), cashier, "T01", {100000: 2, 50000: 1})
    open_shift(UnitOfWork(engine, write=True), cashier, "T02", 0)
    _sell(engine, cashier, [PaymentEntry("qris", 65000)], terminal="T02")
    second = close_shift(UnitOfWork(engine, write=True), cashier, "T02", {})
    engine.dispose()

    assert cli.main([*base, "z-report"]) == 0
    out = capsys.readouterr().out
    assert "Z-T02-000001" in out and "Z-T01-000001" not in out and "SELISIH: Rp0 (pas)" in out
    assert cli.main([*base, "z-report", "--terminal", "T01"]) == 0
    out = capsys.readouterr().out
    assert "Z-T01-000001" in out and "SELISIH: -Rp5.000 (kurang)" in out and "KAS SEHARUSNYA" in out

    day = closed.business_date.isoformat()
    pdf = tmp_path / "z.pdf"
    assert cli.main([*base, "z-report", "--date", day, "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert out.index("Z-T01-000001") < out.index("Z-T02-000001")
    assert f"PDF ditulis ke {pdf}" in out
    pages = PdfReader(pdf).pages
    assert len(pages) == 2 and second.z_no in pages[1].extract_text()

    assert cli.main([*base, "z-report", "--date", "2001-01-01"]) == 1
    assert "Belum ada laporan Z untuk tanggal 01-01-2001" in capsys.readouterr().err
    assert cli.main([*base, "z-report", "--date", day, "--terminal", "T09"]) == 1
    assert "terminal T09" in capsys.readouterr().err
    assert cli.main([*base, "z-report", "--date", "28/11/2026"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err

"""``nttmart-pos payouts`` on a real database (SQLite and PostgreSQL): previews change
nothing, ``--approve`` and ``--pay`` are the state changes, and the exit codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from factories import seed_store
from nttmart_pos import cli
from nttmart_pos.db.settlement_models import Payout, PayoutItem
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.terbilang import terbilang_rupiah
from nttmart_pos.services.settlement import settlement_figures
from settlement_helpers import give_back, past_day, quick_user, sell

CSV_HEADER = ["vendor_code", "vendor_name", "units", "gross", "refunds", "commission", "payout"]


@pytest.fixture
def store(engine, tmp_path, monkeypatch):
    """Sales of two vendors three days ago (one coffee refunded the day after) and the CLI options."""
    monkeypatch.delenv("NTTMART_DB_URL", raising=False)
    seed = seed_store(engine)
    ids = seed["ids"]
    day = past_day(3)
    first = sell(engine, seed["cashier"], [(ids["coffee"], 2), (ids["scarf"], 1)], discount=5_000, day=day)
    sell(engine, seed["cashier"], [(ids["cashew"], 1_500), (ids["honey"], 1)], day=day, minute=5)
    manager = quick_user(engine, "manajer", "manager")
    give_back(engine, manager, first.receipt_no, [(1, 1)], past_day(2))
    options = ["--db", engine.url.render_as_string(hide_password=False), "--config", str(tmp_path / "s.toml")]
    return {"engine": engine, "day": day, "options": options, "out": tmp_path / "setoran"}


def run(capsys, store, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*store["options"], "payouts", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def period(store, *, to_days_ago: int = 2) -> list[str]:
    return ["--from", store["day"].isoformat(), "--to", past_day(to_days_ago).isoformat(), "--out", str(store["out"])]


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def payouts(engine) -> list[tuple[str, str, int]]:
    with UnitOfWork(engine) as uow:
        return [tuple(row) for row in uow.session.execute(
            select(Payout.payout_no, Payout.status, Payout.amount).order_by(Payout.payout_no))]


def test_preview_writes_every_document_and_changes_nothing(store, capsys):
    engine, day, out = store["engine"], store["day"], store["out"]
    date_to = past_day(2)
    figures = settlement_figures(UnitOfWork(engine), day, date_to)
    code, stdout, err = run(capsys, store, *period(store))
    assert (code, err) == (0, "")
    stem = f"{day.isoformat()}-{date_to.isoformat()}"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"KOPI01-{stem}.pdf", f"TENUN1-{stem}.pdf", f"ringkasan-{stem}.pdf", "payouts.csv"])
    rows = read_csv(out / "payouts.csv")
    assert rows[0] == CSV_HEADER
    assert rows[1:] == [[f.vendor_code, f.vendor_name, str(f.units), str(f.gross), str(f.refunds_total),
                         str(f.commission), str(f.amount)] for f in figures]
    coffee = next(f for f in figures if f.vendor_code == "KOPI01")
    assert coffee.refunds_total > 0  # the refund is on the document
    text = pdf_text(out / f"KOPI01-{stem}.pdf")
    amount = f"Rp{coffee.amount:,}".replace(",", ".")
    assert "PRATINJAU - belum disimpan" in text and "Kopi Bajawa Flores" in text and amount in text
    assert terbilang_rupiah(coffee.amount, capitalized=True) in text and "Kacang Mete Curah" in text
    assert "Bruto sudah dikurangi diskon penjualan." in text  # 2 x 65.000 less part of the sale discount
    summary = pdf_text(out / f"ringkasan-{stem}.pdf")
    assert "Total (2 UMKM)" in summary and f"{sum(f.amount for f in figures):,}".replace(",", ".") in summary
    assert "pratinjau" in stdout and "2 setoran" in stdout
    assert payouts(engine) == []
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(PayoutItem)) == 0


def test_approve_then_pay_by_transfer(store, capsys):
    engine, day, out = store["engine"], store["day"], store["out"]
    date_to = past_day(2)
    expected = {f.vendor_code: f.amount for f in settlement_figures(UnitOfWork(engine), day, date_to)}
    code, stdout, err = run(capsys, store, *period(store), "--approve")
    assert (code, err) == (0, "")
    saved = payouts(engine)
    assert [status for _no, status, _amount in saved] == ["approved", "approved"]
    assert sorted(amount for *_rest, amount in saved) == sorted(expected.values())
    first = saved[0][0]
    assert f"Draf setoran {first} dibuat." in stdout and f"Setoran {first} disetujui." in stdout
    stem = f"{day.isoformat()}-{date_to.isoformat()}"
    text = pdf_text(out / f"KOPI01-{stem}.pdf")
    assert "PRATINJAU" not in text and "disetujui, belum dibayar" in text
    assert any(f"No. {number}" in text for number, *_rest in saved)
    assert [row[6] for row in read_csv(out / "payouts.csv")[1:]] == [str(expected["KOPI01"]), str(expected["TENUN1"])]
    # nothing left to settle: a second --approve changes nothing and still writes the documents
    assert run(capsys, store, *period(store), "--approve")[0] == 0
    assert payouts(engine) == saved

    code, stdout, err = run(capsys, store, *period(store), "--pay", "transfer", "--reference", "TRX-2026-77")
    assert (code, err) == (0, "")
    assert [status for _no, status, _amount in payouts(engine)] == ["paid", "paid"]
    assert "ref. TRX-2026-77" in pdf_text(out / f"TENUN1-{stem}.pdf")
    code, stdout, _err = run(capsys, store, *period(store), "--pay", "transfer", "--reference", "TRX-2026-78")
    assert code == 0 and "Tidak ada setoran yang sudah disetujui" in stdout


def test_usage_errors_exit_2_and_failures_exit_1(store, capsys, tmp_path):
    day = store["day"].isoformat()
    code, _out, err = run(capsys, store, "--from", day, "--to", past_day(9).isoformat(), "--out", str(tmp_path))
    assert code == 2 and "sebelum --from" in err
    code, _out, err = run(capsys, store, "--from", "28-11-2026", "--out", str(tmp_path))
    assert code == 2 and "tanggal tidak valid: 28-11-2026" in err
    assert run(capsys, store, *period(store), "--pay", "cek")[0] == 2
    code, _out, err = run(capsys, store, *period(store), "--pay", "transfer")
    assert code == 2 and "--reference" in err
    assert run(capsys, store, *period(store), "--reference", "X")[0] == 2
    assert run(capsys, store, "--from", day)[0] == 2  # --out is required
    # cash needs an open shift on this terminal: the service refuses, nothing is paid
    assert run(capsys, store, *period(store), "--approve")[0] == 0
    code, _out, err = run(capsys, store, *period(store), "--pay", "cash")
    assert code == 1 and "shift" in err.lower() and len(err.strip().splitlines()) == 1
    assert {status for _no, status, _amount in payouts(store["engine"])} == {"approved"}
    # a file where the folder should be
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = run(capsys, store, "--from", day, "--out", str(blocker))
    assert code == 1 and "tidak dapat dibuat" in err


def test_approve_needs_a_manager_in_the_database(engine, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NTTMART_DB_URL", raising=False)
    seed_store(engine)
    options = ["--db", engine.url.render_as_string(hide_password=False), "--config", str(tmp_path / "s.toml")]
    code = cli.main([*options, "payouts", "--out", str(tmp_path / "o"), "--approve"])
    _out, err = capsys.readouterr()
    assert code == 1 and "Belum ada admin atau manajer" in err
    code = cli.main([*options, "payouts", "--out", str(tmp_path / "o")])  # an empty day: still documents
    out, _err = capsys.readouterr()
    assert code == 0 and "Tidak ada penjualan UMKM pada periode ini." in out
    assert read_csv(tmp_path / "o" / "payouts.csv") == [CSV_HEADER]

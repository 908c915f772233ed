"""Payout PDFs made fast: one-line table cells as plain strings that land where their
Paragraphs did, and a day's PDFs written on a pool of processes (``reports.payout_batch``)
with the same files, in the same order, and the same errors as one by one."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Table

from nttmart_pos.errors import PosError
from nttmart_pos.i18n import set_language
from nttmart_pos.reports import payout_batch, payout_pdf_parts
from nttmart_pos.reports.payout_pdf import payout_pdf, payout_summary_pdf
from nttmart_pos.reports.pdf_fonts import BUILTIN
from test_payout_documents import COFFEE, LONG_NAME, REFUND, STORE, make_doc, sold
from test_payouts_cli import pdf_text, period, run, store  # noqa: F401 - store is a fixture


def _documents() -> dict[str, object]:
    cashew = sold("Kacang Mete Curah", 1_500, 120_000, measure="weight", barcode="2100001")
    scarf = sold("Selendang Tenun Rote", 3, 250_000, terms="harga_setor", setor=200_000)
    names = [LONG_NAME if n % 3 == 0 else f"Sambal Lu'at  Kupang {n} & <b>co</b>" for n in range(40)]
    return {
        "paid": make_doc("paid", lines=(COFFEE, cashew, scarf), refunds=(REFUND,), carried_in=-12_495,
                         approved_by="Yosef Manajer", paid_method="transfer", paid_reference="TRX-889900",
                         paid_on=date(2026, 12, 9)),
        "long": make_doc(lines=tuple(sold(name, n % 5 + 1, 12_500 + n) for n, name in enumerate(names))),
        # letters Helvetica lacks: the TrueType font, where one is installed
        "unicode": make_doc("draft", lines=(sold("Kopi Ŋgada Ā 咖啡", 2, 7_350),), refunds=(REFUND,),
                            vendor_name="Ŋusa Tenggara"),
    }


def _placed_text(path: Path) -> list[tuple[int, float, float, str]]:
    """Every piece of text on every page with where it starts, in page coordinates."""
    placed = []
    for number, page in enumerate(PdfReader(str(path)).pages):
        def visit(text, cm, tm, _font, _size, number=number):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                placed.append((number, round(x, 1), round(y, 1), text.strip()))

        page.extract_text(visitor_text=visit)
    return sorted(placed)


@pytest.mark.parametrize("name", ["paid", "long", "unicode"])
def test_plain_string_cells_land_where_their_paragraphs_did(tmp_path, monkeypatch, name):
    doc = _documents()[name]
    fast = _placed_text(payout_pdf(doc, STORE, tmp_path / "fast.pdf"))
    monkeypatch.setattr(payout_pdf_parts, "_fits", lambda *_args: None)  # every cell a Paragraph, as before
    slow = _placed_text(payout_pdf(doc, STORE, tmp_path / "slow.pdf"))
    assert fast == slow
    assert len(fast) > 60


def test_summary_cells_land_where_their_paragraphs_did(tmp_path, monkeypatch):
    docs = [replace(doc, vendor_code=f"V{n:03}") for n, doc in enumerate(list(_documents().values()) * 8)]
    dates = (date(2026, 12, 1), date(2026, 12, 7))
    fast = _placed_text(payout_summary_pdf(docs, STORE, tmp_path / "fast.pdf", *dates))
    monkeypatch.setattr(payout_pdf_parts, "_fits", lambda *_args: None)
    slow = _placed_text(payout_summary_pdf(docs, STORE, tmp_path / "slow.pdf", *dates))
    # the summary says when it was printed: that line may be a minute apart
    assert [t for t in fast if "Dicetak" not in t[3]] == [t for t in slow if "Dicetak" not in t[3]]


def test_one_line_cells_are_plain_strings_and_long_ones_wrap():
    lay = payout_pdf_parts.Layout("A4", BUILTIN)
    assert payout_pdf_parts.text_cell(lay, "Kopi  Arabika", lay.body, 200) == "Kopi Arabika"
    assert isinstance(payout_pdf_parts.text_cell(lay, LONG_NAME, lay.body, 100), Paragraph)
    assert isinstance(payout_pdf_parts.text_cell(lay, "Kopi\nArabika", lay.body, 200), Paragraph)
    table = payout_pdf_parts.grid_table(lay, ["Barcode", "Nama barang", "Jml"],
                                        [["8991234567891", LONG_NAME, "2"]] * 30, ["Jumlah", "", "60"],
                                        ("body", "body", "right"), name_column=1, total_span=1,
                                        widths=[80, 150, 40])
    assert isinstance(table, Table)
    cells = [cell for row in table._cellvalues for cell in row]
    assert sum(isinstance(cell, Paragraph) for cell in cells) == 30  # only the long names
    assert "8991234567891" in cells and "Jumlah" in cells


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_pool_writes_the_same_documents_in_the_same_order(tmp_path, monkeypatch, start):
    if start == "fork" and "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    # spawn is what a process with other threads (or not on Linux) gets
    monkeypatch.setattr(payout_batch, "start_context", lambda: multiprocessing.get_context(start))
    docs = [replace(doc, vendor_code=f"V{n:03}") for n, doc in enumerate(list(_documents().values()) * 6)]
    serial = [(doc, tmp_path / "serial" / f"{doc.vendor_code}.pdf") for doc in docs]
    pooled = [(doc, tmp_path / "pool" / f"{doc.vendor_code}.pdf") for doc in docs]
    for folder in ("serial", "pool"):
        (tmp_path / folder).mkdir()
    assert list(payout_batch.payout_pdfs(serial, STORE, workers=1)) == [path for _doc, path in serial]
    assert list(payout_batch.payout_pdfs(pooled, STORE, workers=2)) == [path for _doc, path in pooled]
    for (_doc, one), (_doc2, other) in zip(serial, pooled):
        assert _placed_text(one) == _placed_text(other)
    assert not [p for p in (tmp_path / "pool").iterdir() if p.suffix != ".pdf"]  # no temporary file left


def test_a_document_that_cannot_be_written_fails_the_batch_with_its_message(tmp_path):
    set_language("en")  # the workers speak the caller's language
    docs = [replace(make_doc(), vendor_code=f"V{n:03}", payout_no=f"PO-2026-{n:06}") for n in range(24)]
    jobs = [(doc, tmp_path / f"{doc.vendor_code}.pdf") for doc in docs]
    jobs[5] = (docs[5], tmp_path / "missing" / "V005.pdf")
    written = []
    with pytest.raises(PosError, match="PO-2026-000005 could not be saved"):
        for path in payout_batch.payout_pdfs(jobs, STORE, workers=2):
            written.append(path)
    assert written == [path for _doc, path in jobs[:5]]
    assert not (tmp_path / "missing").exists()


def test_pool_size_one_per_core_and_none_for_a_few_documents():
    assert payout_batch.pool_size(300, cpus=2) == 2
    assert payout_batch.pool_size(300, cpus=1) == 1
    assert payout_batch.pool_size(5, cpus=2) == 1  # not worth a second process
    assert payout_batch.pool_size(0, cpus=4) == 1
    assert 1 <= payout_batch.usable_cpus() <= (os.cpu_count() or 1)


def test_fork_only_without_other_threads():
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert payout_batch.start_context().get_start_method() == "spawn"
    finally:
        release.set()
        other.join()


def test_the_payouts_command_writes_on_a_pool_as_one_by_one(store, capsys, monkeypatch):
    """``nttmart-pos payouts`` with two processes for its two vendors: the same lines and documents."""
    code, serial_out, err = run(capsys, store, *period(store))
    assert (code, err) == (0, "")
    serial = {path.name: pdf_text(path) for path in store["out"].glob("*-*.pdf") if "ringkasan" not in path.name}
    assert len(serial) == 2
    monkeypatch.setattr(payout_batch, "MIN_PER_WORKER", 1)
    monkeypatch.setattr(payout_batch, "usable_cpus", lambda: 2)
    assert payout_batch.pool_size(2) == 2
    code, pooled_out, err = run(capsys, store, *period(store))
    assert (code, err) == (0, "")
    assert pooled_out == serial_out  # each vendor announced, in vendor order
    assert {name: pdf_text(store["out"] / name) for name in serial} == serial


_PARENT = os.getpid()


def _write_or_die(job):
    """``payout_batch._write``, except that a worker given V010 dies (as the out-of-memory killer ends one)."""
    if job[0].vendor_code == "V010" and os.getpid() != _PARENT:
        os._exit(9)
    return payout_pdf(*job)


def test_a_worker_that_dies_leaves_the_rest_to_this_process(tmp_path, monkeypatch):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    docs = [replace(make_doc(), vendor_code=f"V{n:03}", payout_no=f"PO-2026-{n:06}") for n in range(24)]
    jobs = [(doc, tmp_path / f"{doc.vendor_code}.pdf") for doc in docs]
    monkeypatch.setattr(payout_batch, "_write", _write_or_die)
    monkeypatch.setattr(payout_batch, "start_context", lambda: multiprocessing.get_context("fork"))
    assert list(payout_batch.payout_pdfs(jobs, STORE, workers=2)) == [path for _doc, path in jobs]
    assert all(PdfReader(str(path)).pages for _doc, path in jobs)

"""The "Setoran UMKM" tab as a manager uses it: preview figures, drafts, approval, payment,
the payout PDF, the summary PDF + payouts.csv, the slip and the service's refusals (pytest-qt)."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QTableView
from pypdf import PdfReader

from document_ui_helpers import WAIT_MS, click, confirm
from factories import seeded_database
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.terbilang import terbilang_rupiah
from nttmart_pos.i18n import set_language
from nttmart_pos.services.settlement import approve_payout, create_payouts, list_payouts, settlement_figures
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.manager import settlement_tab
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child
from settlement_helpers import sell

TODAY = date.today()


@pytest.fixture
def store(sqlite_url, tmp_path):
    """Seeded store; today 2 coffees (KOPI01, commission 15%) and a scarf (TENUN1, harga setor)."""
    with seeded_database(sqlite_url) as seed:
        ids = seed["ids"]
        sell(seed["engine"], seed["cashier"], [(ids["coffee"], 2), (ids["scarf"], 1)])
        seed["slip"] = tmp_path / "slip.bin"
        yield seed
        wait_for_background()


def open_tab(qtbot, store, tmp_path):
    settings = Settings(printer_url="file://" + str(store["slip"]), terminal_id="T01")
    context = AppContext(store["engine"], settings, tmp_path / "s.toml", user=store["manager"])
    tab = settlement_tab.build(context, None)
    qtbot.addWidget(tab)
    tab.resize(1100, 680)
    tab.show()
    tab.set_folder(tmp_path / "out")
    tab.opened = []
    tab.opener = lambda path: tab.opened.append(path) or True
    return tab


def rows(tab):
    model = child(tab, QTableView, "settlementTable").model()
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def select(tab, *indexes):
    table = child(tab, QTableView, "settlementTable")
    table.clearSelection()
    for index in indexes:
        table.selectionModel().select(table.model().index(index, 0),
                                      QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def wait_idle(qtbot, tab):
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT_MS)


def error_text(qtbot, tab) -> str:
    qtbot.waitUntil(lambda: tab.findChild(QMessageBox, "errorBox") is not None, timeout=WAIT_MS)
    box = tab.findChild(QMessageBox, "errorBox")
    text = box.text()
    box.close()
    box.deleteLater()
    return text


def pay_by_transfer(qtbot, tab, reference: str) -> None:
    click(qtbot, tab, "settlementPay")
    dialog = child(tab, QDialog, "settlementPayDialog")
    method = child(dialog, QComboBox, "settlementPayMethod")
    method.setCurrentIndex(method.findData("transfer"))
    ok = child(dialog, QPushButton, "settlementPayConfirm")
    assert not ok.isEnabled()  # a transfer needs its reference
    qtbot.keyClicks(child(dialog, QLineEdit, "settlementPayReference"), reference)
    assert child(dialog, QDateEdit, "settlementPayDate").date() == QDate.currentDate()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_preview_rows_equal_the_settlement_figures(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    figures = settlement_figures(UnitOfWork(store["engine"]), TODAY, TODAY)
    assert [(f.vendor_code, f.gross, f.commission, f.amount) for f in figures] == [
        ("KOPI01", 130_000, 19_500, 110_500), ("TENUN1", 250_000, 50_000, 200_000)]
    assert rows(tab) == [
        (f"{f.vendor_code} - {f.vendor_name}", format_number(f.units), format_number(f.gross),
         format_number(f.refunds_total), format_number(f.commission), format_number(f.carried_in),
         format_number(f.amount), "Pratinjau", "-") for f in figures]
    totals = child(tab, QLabel, "settlementTotals").text()
    assert "bruto Rp380.000" in totals and "komisi toko Rp69.500" in totals and "untuk UMKM Rp310.500" in totals
    assert child(tab, QPushButton, "settlementCreate").text() == "Buat draf setoran (semua 2 UMKM)"
    for name in ("settlementApprove", "settlementPay", "settlementDiscard", "settlementPdf", "settlementSlip"):
        assert not child(tab, QPushButton, name).isEnabled(), name

    click(qtbot, tab, "settlementYesterday")  # nothing was sold yesterday
    assert rows(tab) == []
    assert child(tab, QDateEdit, "settlementFrom").date().toPython() == TODAY - timedelta(days=1)
    assert "Tidak ada penjualan UMKM" in child(tab, QLabel, "settlementTotals").text()
    click(qtbot, tab, "settlementToday")
    assert len(rows(tab)) == 2


def test_draft_approve_pay_then_documents(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    year = TODAY.year
    click(qtbot, tab, "settlementCreate")
    numbers = [f"PO-{year}-000001", f"PO-{year}-000002"]
    assert [(r[0][:6], r[7], r[8]) for r in rows(tab)] == [("KOPI01", "Draf", numbers[0]),
                                                            ("TENUN1", "Draf", numbers[1])]
    assert rows(tab)[0][6] == "110.500"  # the saved payout keeps the previewed figures

    select(tab, 0, 1)
    click(qtbot, tab, "settlementApprove")
    assert "Setujui 2 setoran" in confirm(qtbot, tab, "settlementApproveConfirm")
    assert [r[7] for r in rows(tab)] == ["Disetujui", "Disetujui"]

    select(tab, 0)
    pay_by_transfer(qtbot, tab, "BRI-7788")
    assert [r[7] for r in rows(tab)] == ["Dibayar", "Disetujui"]
    paid = list_payouts(UnitOfWork(store["engine"]), "paid")
    assert [(p.payout_no, p.paid_method, p.paid_reference, p.paid_on, p.amount) for p in paid] == [
        (numbers[0], "transfer", "BRI-7788", TODAY, 110_500)]

    select(tab, 0)
    click(qtbot, tab, "settlementPdf")
    wait_idle(qtbot, tab)
    [pdf] = tab.opened
    assert pdf.parent == tmp_path / "out" and numbers[0] in pdf.name
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Kopi Bajawa Flores" in text and terbilang_rupiah(110_500, capitalized=True) in text
    assert "BRI-7788" in text

    click(qtbot, tab, "settlementSlip")
    wait_idle(qtbot, tab)
    assert b"Kopi Bajawa Flores" in store["slip"].read_bytes()
    assert "dikirim ke printer" in child(tab, QLabel, "settlementStatus").text()

    click(qtbot, tab, "settlementSummary")
    wait_idle(qtbot, tab)
    summary = tab.opened[-1]
    summary_text = " ".join(PdfReader(summary).pages[0].extract_text().split())
    assert "Tenun Ina Ndao" in summary_text and format_rupiah(310_500) in summary_text
    with open(tmp_path / "out" / "payouts.csv", encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["vendor_code"] for row in table] == ["KOPI01", "TENUN1"]
    assert sum(int(row["payout"]) for row in table) == 310_500
    assert sum(int(row["gross"]) for row in table) == 380_000
    assert sum(int(row["commission"]) for row in table) == 69_500


def test_create_only_the_selected_vendor_and_discard_it(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    select(tab, 1)
    assert child(tab, QPushButton, "settlementCreate").text() == "Buat draf setoran (1 UMKM dipilih)"
    click(qtbot, tab, "settlementCreate")
    assert [(r[0][:6], r[7]) for r in rows(tab)] == [("KOPI01", "Pratinjau"), ("TENUN1", "Draf")]
    select(tab, 1)
    click(qtbot, tab, "settlementDiscard")
    confirm(qtbot, tab, "settlementDiscardConfirm")
    assert [r[7] for r in rows(tab)] == ["Pratinjau", "Pratinjau"]
    assert list_payouts(UnitOfWork(store["engine"])) == []


def test_preview_pdf_is_marked_and_uses_the_figures(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    select(tab, 1)
    click(qtbot, tab, "settlementPdf")
    wait_idle(qtbot, tab)
    [pdf] = tab.opened
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "PRATINJAU" in text and "Tenun Ina Ndao" in text
    assert terbilang_rupiah(200_000, capitalized=True) in text
    assert list_payouts(UnitOfWork(store["engine"])) == []  # a preview saves nothing


def test_approving_twice_shows_the_refusal(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    [first, _second] = create_payouts(UnitOfWork(store["engine"], write=True), store["manager"], TODAY, TODAY)
    tab.reload()
    select(tab, 0)
    # another manager approves it meanwhile; this screen still shows the draft
    approve_payout(UnitOfWork(store["engine"], write=True), store["manager"], first)
    click(qtbot, tab, "settlementApprove")
    confirm(qtbot, tab, "settlementApproveConfirm")
    assert error_text(qtbot, tab) == f"Setoran {first} sudah disetujui; tidak dapat disetujui lagi"
    assert rows(tab)[0][7] == "Disetujui"  # the screen shows the truth again


def test_cash_payment_needs_an_open_shift(qtbot, store, tmp_path):
    tab = open_tab(qtbot, store, tmp_path)
    [first, _second] = create_payouts(UnitOfWork(store["engine"], write=True), store["manager"], TODAY, TODAY)
    approve_payout(UnitOfWork(store["engine"], write=True), store["manager"], first)
    tab.reload()
    select(tab, 0)
    click(qtbot, tab, "settlementPay")
    dialog = child(tab, QDialog, "settlementPayDialog")
    method = child(dialog, QComboBox, "settlementPayMethod")
    method.setCurrentIndex(method.findData("cash"))
    assert not child(dialog, QLineEdit, "settlementPayReference").isEnabled()
    assert "T01" in child(dialog, QLabel, "settlementPayHint").text()
    qtbot.mouseClick(child(dialog, QPushButton, "settlementPayConfirm"), Qt.MouseButton.LeftButton)
    assert "T01" in error_text(qtbot, tab)
    assert rows(tab)[0][7] == "Disetujui"


def test_english_headers(qtbot, store, tmp_path):
    set_language("en")
    try:
        tab = open_tab(qtbot, store, tmp_path)
        model = child(tab, QTableView, "settlementTable").model()
        assert model.headerData(6, Qt.Orientation.Horizontal) == "For the vendor (Rp)"
        assert rows(tab)[0][7] == "Preview"
    finally:
        set_language("id")

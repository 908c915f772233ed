"""Printer faults at the till, with real TCP listeners on 127.0.0.1 standing in for the printer.

For each fault (nothing listening; accepts but never reads; closes
mid-receipt; answers slowly): the sale is committed, the cashier scans the
next item within a second, the receipt stays queued (and the status bar says
so), and once a good printer is there F9 prints it exactly once.  F9 while
the receipt is still being printed prints no copy (SALINAN) and journals no
reprint: the queue goes once more, the original comes out once.  A job a
crash left half printed prints once, as SALINAN, after the till restarts.  The
drawer opens with a cash sale, never with a card sale.  The tests wait for the
queue's state (no pass running, the job's status), then read the status line.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from fake_printers import ONLINE_STATUS, FakePrinter, free_port
from nttmart_pos.app import build
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Sale
from nttmart_pos.db.print_models import PrintJob
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.hardware.printer import DRAWER_PULSE
from nttmart_pos.services import printing
from nttmart_pos.services.print_queue import claim_next
from nttmart_pos.services.shifts import open_shift
from nttmart_pos.ui.worker import wait_for_background

WAIT_MS = 8000


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch):
    monkeypatch.setattr(printing, "PRINT_TIMEOUT_SECONDS", 1.0)


@pytest.fixture
def printers():
    made: list[FakePrinter] = []

    def make(*args, **kwargs) -> FakePrinter:
        made.append(FakePrinter(*args, **kwargs))
        return made[-1]

    yield make
    wait_for_background()
    for printer in made:
        printer.close()


def open_till(qtbot, url, tmp_path, printer_url: str, *, seed: bool = True):
    engine = make_engine(url)
    if seed:
        open_shift(UnitOfWork(engine, write=True), seed_store(engine)["cashier"], "T01", 200000)  # no float prompt
    window = build(["--db", url, "--config", str(tmp_path / "s.toml"), "--printer", printer_url])
    qtbot.addWidget(window)
    window.findChild(QLineEdit, "loginUser").setText("kasir")
    window.findChild(QLineEdit, "loginPin").setText("1234")
    qtbot.mouseClick(window.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    return window, engine


def scan(qtbot, window, code: str = COFFEE) -> float:
    """Scan ``code``; how long the GUI thread took to handle it."""
    field = window.findChild(QLineEdit, "scanInput")
    started = time.monotonic()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return time.monotonic() - started


def pay(qtbot, window, method: str = "cash") -> float:
    """Pay the cart (cash: exact; card: the whole total); how long the GUI thread took to record the sale."""
    qtbot.mouseClick(window.findChild(QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(QDialog, "paymentDialog") if d.isVisible())
    if method == "cash":
        qtbot.mouseClick(dialog.findChild(QPushButton, "quickExact"), Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(dialog.findChild(QPushButton, "payCard"), Qt.MouseButton.LeftButton)
        dialog.findChild(QLineEdit, "paymentReference").setText("4321")
    started = time.monotonic()
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmPayment"), Qt.MouseButton.LeftButton)
    return time.monotonic() - started


def text(window, name: str) -> str:
    return window.findChild(QLabel, name).text()


def job_states(engine) -> list[tuple[str, str, bool]]:
    with UnitOfWork(engine) as uow:
        return [tuple(row) for row in uow.session.execute(
            select(PrintJob.ref, PrintJob.status, PrintJob.copy).order_by(PrintJob.id))]


def sales(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(Sale))


def reprints(engine) -> int:
    """Reprints in the journal (each one a copy the cashier was allowed)."""
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(JournalEntry).where(JournalEntry.kind == "reprint"))


@pytest.mark.parametrize("fault", ["nothing listening", "never reads", "closes mid-receipt", "answers slowly"])
def test_a_printer_fault_never_costs_the_sale_or_a_second_receipt(qtbot, sqlite_url, tmp_path, printers, fault):
    if fault == "nothing listening":
        url = f"tcp://127.0.0.1:{free_port()}"
    else:
        behaviour = {"never reads": "stall", "closes mid-receipt": "close", "answers slowly": "slow"}[fault]
        url = printers(behaviour, status=ONLINE_STATUS if fault == "answers slowly" else None, read_first=300).url
    window, engine = open_till(qtbot, sqlite_url, tmp_path, url)
    queue = window.cashier.printQueue
    scan(qtbot, window)
    assert pay(qtbot, window) < 1.0
    assert sales(engine) == 1 and text(window, "lastChangeLabel") == "Lunas"  # committed, then "paid"
    assert scan(qtbot, window) < 1.0  # the next customer, while the printer misbehaves
    assert text(window, "totalLabel") == "Rp65.000"

    # the pass that tried the receipt is over (the job is back in the queue): then the status line says so
    qtbot.waitUntil(lambda: not queue.running
                    and job_states(engine) == [("T01-000001", "queued", fault != "nothing listening")],
                    timeout=WAIT_MS)
    message = text(window, "statusMessage")
    assert "belum tercetak" in message and "T01-000001" in message and "F9" in message
    assert text(window, "printQueueLabel") == "1 struk menunggu"
    assert window.findChild(QPushButton, "printQueueButton").isVisible()

    good = printers("read", status=ONLINE_STATUS)
    window.context.settings = replace(window.context.settings, printer_url=good.url)
    qtbot.mouseClick(window.findChild(QPushButton, "reprintButton"), Qt.MouseButton.LeftButton)  # "F9 Cetak ulang"
    # printed (by the pass F9 asked for, or one under way), and no pass left running: then the message
    qtbot.waitUntil(lambda: not queue.running and job_states(engine)[0][:2] == ("T01-000001", "printed"),
                    timeout=WAIT_MS)
    assert text(window, "statusMessage") == "1 struk dari antrean tercetak"
    queue.run()  # one more pass finds nothing to print
    qtbot.waitUntil(lambda: not queue.running, timeout=WAIT_MS)
    assert good.receipts() == 1 and b"T01-000001" in good.received
    assert job_states(engine)[0][:2] == ("T01-000001", "printed")
    assert text(window, "printerStateLabel") == "Printer: online"
    assert not window.findChild(QLabel, "printQueueLabel").isVisible()
    assert text(window, "totalLabel") == "Rp65.000"  # the open sale was not touched


def test_a_good_printer_prints_the_sale_and_opens_the_drawer_for_cash_only(qtbot, sqlite_url, tmp_path, printers):
    printer = printers("read", status=ONLINE_STATUS)
    window, engine = open_till(qtbot, sqlite_url, tmp_path, printer.url)
    scan(qtbot, window)
    pay(qtbot, window, "cash")
    qtbot.waitUntil(lambda: "T01-000001 tercetak" in text(window, "statusMessage"), timeout=WAIT_MS)
    assert printer.receipts() == 1 and printer.received.count(DRAWER_PULSE) == 1
    scan(qtbot, window)
    pay(qtbot, window, "card")
    qtbot.waitUntil(lambda: "T01-000002 tercetak" in text(window, "statusMessage"), timeout=WAIT_MS)
    assert printer.receipts() == 2 and printer.received.count(DRAWER_PULSE) == 1  # not for the card sale
    assert text(window, "printerStateLabel") == "Printer: online"
    assert job_states(engine) == [("T01-000001", "printed", False), ("T01-000002", "printed", False)]


def test_a_crash_while_printing_leaves_a_copy_to_print_after_restart(qtbot, sqlite_url, tmp_path, printers):
    engine = make_engine(sqlite_url)
    seed = seed_store(engine)
    from settlement_helpers import sell  # a sale recorded by the till that then crashed

    open_shift(UnitOfWork(engine, write=True), seed["cashier"], "T01", 200000)
    result = sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 1)])  # checkout queued its receipt
    assert claim_next(UnitOfWork(engine, write=True), "T01") is not None  # "printing" ... and the till died
    printer = printers("read", status=ONLINE_STATUS)
    window, _engine = open_till(qtbot, sqlite_url, tmp_path, printer.url, seed=False)
    qtbot.waitUntil(lambda: job_states(engine) == [(result.receipt_no, "printed", True)], timeout=WAIT_MS)
    window.cashier.printQueue.run(everything=True)
    qtbot.waitUntil(lambda: not window.cashier.printQueue.running, timeout=WAIT_MS)
    assert printer.receipts() == 1 and b"SALINAN" in printer.received
    assert DRAWER_PULSE not in printer.received


def test_f9_while_the_receipt_is_printing_prints_the_original_once_and_no_copy(qtbot, db_url, tmp_path, printers,
                                                                               monkeypatch):
    """F9 while the queue pass is in the middle of the last receipt: no SALINAN, no reprint in the journal;
    the queue is printed once more after that pass, and the original comes out exactly once.  Once it is
    printed, F9 prints a journalled copy."""
    monkeypatch.setattr(printing, "PRINT_TIMEOUT_SECONDS", 10.0)  # this printer takes its time
    printer = printers("read", status=ONLINE_STATUS, hold=True)
    window, engine = open_till(qtbot, db_url, tmp_path, printer.url)
    queue = window.cashier.printQueue
    scan(qtbot, window)
    pay(qtbot, window)
    qtbot.waitUntil(printer.holding.is_set, timeout=WAIT_MS)  # the pass is printing the receipt
    assert queue.running and job_states(engine) == [("T01-000001", "printing", False)]

    f9 = window.findChild(QPushButton, "reprintButton")
    qtbot.mouseClick(f9, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(f9, Qt.MouseButton.LeftButton)  # pressed again: still no copy
    qtbot.wait(100)  # what the clicks deferred (an allowed reprint goes on at the next turn of the event loop)
    assert reprints(engine) == 0 and job_states(engine) == [("T01-000001", "printing", False)]
    message = text(window, "statusMessage")
    assert message == ("Struk T01-000001 masih menunggu di antrean cetak dan dicetak begitu printer menjawab "
                       "(tidak dicetak salinan).")

    printer.release()
    qtbot.waitUntil(lambda: not queue.running and job_states(engine) == [("T01-000001", "printed", False)],
                    timeout=WAIT_MS)
    assert printer.receipts() == 1 and b"T01-000001" in printer.received and b"SALINAN" not in printer.received
    assert reprints(engine) == 0
    assert text(window, "statusMessage") == "1 struk dari antrean tercetak"

    # the original is on paper: now F9 prints a copy, and the journal says so
    qtbot.mouseClick(f9, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not queue.running and job_states(engine)[1:] == [("T01-000001", "printed", True)],
                    timeout=WAIT_MS)
    original, copy = bytes(printer.received).split(b"\x1b@")[1:]
    assert b"T01-000001" in copy and b"SALINAN" in copy and b"SALINAN" not in original
    assert reprints(engine) == 1
    assert text(window, "statusMessage") == ("Salinan struk T01-000001 tercetak (cetak ulang). Silakan pindai barang "
                                             "berikutnya.")

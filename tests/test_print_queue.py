"""The persistent print queue on SQLite and PostgreSQL, against fake network printers on 127.0.0.1.

A job is marked printed only after the printer accepted the receipt; every
fault leaves it queued and the retry prints it exactly once; a job a crash
left "printing" prints once, as a copy; the drawer pulse goes with cash sales
only, and never with a retry long after the sale.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from fake_printers import ONLINE_STATUS, PAPER_OUT_STATUS, FakePrinter, free_port
from factories import seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.models import utcnow
from nttmart_pos.db.print_models import PrintJob
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.hardware.printer import DRAWER_PULSE
from nttmart_pos.hardware.printer_status import NONE, OFFLINE, ONLINE, PAPER_OUT, UNKNOWN
from nttmart_pos.services import printing
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.print_queue import (claim_next, enqueue_copy, enqueue_refund, enqueue_sale,
                                              enqueue_sale_receipt, recover_interrupted, run_queue, waiting_count)
from nttmart_pos.services.refunds import RefundRequest, refund
from settlement_helpers import cart_product, quick_user

STORE = Settings(store_name="NTT Mart", paper_width=58)


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch):
    monkeypatch.setattr(printing, "PRINT_TIMEOUT_SECONDS", 1.0)


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["engine"] = engine
    return seed


@pytest.fixture
def printers():
    made: list[FakePrinter] = []

    def make(*args, **kwargs) -> FakePrinter:
        made.append(FakePrinter(*args, **kwargs))
        return made[-1]

    yield make
    for printer in made:
        printer.close()


def sale(store, *payments: PaymentEntry, terminal: str = "T01") -> str:
    """A coffee sold (Rp65.000) with ``payments`` (default: exact cash); checkout queues its receipt."""
    engine = store["engine"]
    cart = Cart()
    cart.add(cart_product(engine, store["ids"]["coffee"]), 1)
    result = checkout(UnitOfWork(engine, write=True), cart, list(payments) or [PaymentEntry("cash", 65000)],
                      store["cashier"], terminal)
    return result.receipt_no


def jobs(engine) -> list[tuple]:
    with UnitOfWork(engine) as uow:
        return [tuple(row) for row in uow.session.execute(
            select(PrintJob.kind, PrintJob.ref, PrintJob.status, PrintJob.copy, PrintJob.attempts)
            .order_by(PrintJob.id))]


def on(printer_url: str, **changes) -> Settings:
    return replace(STORE, printer_url=printer_url, **changes)


def test_a_receipt_is_printed_once_and_marked_printed(store, printers):
    engine = store["engine"]
    number = sale(store)
    assert jobs(engine) == [("sale", number, "queued", False, 0)] and waiting_count(UnitOfWork(engine), "T01") == 1
    printer = printers("read", status=ONLINE_STATUS)
    run = run_queue(engine, on(printer.url))
    assert [(job.ref, job.copy) for job in run.printed] == [(number, False)]
    assert (run.state, run.error, run.waiting) == (ONLINE, "", 0)
    assert jobs(engine) == [("sale", number, "printed", False, 1)]
    again = run_queue(engine, on(printer.url))  # nothing left: the printer is only asked how it is
    assert again.printed == () and again.state == ONLINE
    assert printer.receipts() == 1 and b"SALINAN" not in printer.received and number.encode() in printer.received


def test_checkout_queues_the_receipt_in_the_sale_transaction(store):
    number = sale(store)  # no print call at all: as if the till died right after the commit
    assert [job[1] for job in jobs(store["engine"])] == [number]


def test_queueing_twice_adds_one_job_and_a_rolled_back_sale_leaves_none(store):
    engine = store["engine"]
    number = sale(store)
    assert enqueue_sale(UnitOfWork(engine, write=True), number, "T01") is False
    with UnitOfWork(engine, write=True) as uow:  # inside a transaction that never commits (a failed sale)
        assert enqueue_sale_receipt(uow.session, 0, "T01-000099", "T01", kick_drawer=True) is not None
    assert [job[1] for job in jobs(engine)] == [number]


@pytest.mark.parametrize("fault", ["nothing listening", "never reads", "closes mid-receipt", "answers slowly"])
def test_a_printer_fault_leaves_the_job_queued_and_the_retry_prints_it_once(store, printers, fault):
    engine = store["engine"]
    number = sale(store)
    if fault == "nothing listening":
        url = f"tcp://127.0.0.1:{free_port()}"
    else:
        behaviour = {"never reads": "stall", "closes mid-receipt": "close", "answers slowly": "slow"}[fault]
        url = printers(behaviour, status=ONLINE_STATUS if fault == "answers slowly" else None, read_first=300).url
    run = run_queue(engine, on(url))
    assert run.printed == () and run.error and run.waiting == 1
    reached = fault != "nothing listening"  # bytes may be on paper: the retry must say so
    assert jobs(engine) == [("sale", number, "queued", reached, 1)]
    assert run.state == (OFFLINE if fault in ("nothing listening", "closes mid-receipt") else UNKNOWN)

    good = printers("read", status=ONLINE_STATUS)
    retry = run_queue(engine, on(good.url))
    assert [job.ref for job in retry.printed] == [number] and retry.waiting == 0
    assert run_queue(engine, on(good.url)).printed == ()
    assert good.receipts() == 1
    assert (b"SALINAN" in good.received) is reached
    assert jobs(engine) == [("sale", number, "printed", reached, 2)]


def test_a_job_a_crash_left_printing_prints_once_as_a_copy_after_restart(store, printers):
    engine = store["engine"]
    number = sale(store)
    claimed = claim_next(UnitOfWork(engine, write=True), "T01")  # the till took it ... and died
    assert claimed is not None and claimed.ref == number
    printer = printers("read", status=ONLINE_STATUS)
    assert run_queue(engine, on(printer.url)).printed == ()  # a running till does not touch it
    assert jobs(engine) == [("sale", number, "printing", False, 1)]

    restarted = run_queue(engine, on(printer.url), recover=True)  # the first pass of a new worker
    assert [(job.ref, job.copy) for job in restarted.printed] == [(number, True)]
    assert run_queue(engine, on(printer.url), recover=True).printed == ()
    assert printer.receipts() == 1 and b"SALINAN" in printer.received
    assert DRAWER_PULSE not in printer.received  # a copy never opens the drawer
    assert recover_interrupted(UnitOfWork(engine, write=True), "T01") == 0


def test_two_workers_never_claim_the_same_job(store):
    engine = store["engine"]
    for number in range(1, 9):
        enqueue_copy(UnitOfWork(engine, write=True), "sale", f"T01-{number:06d}", "T01")
    claimed: list[int] = []
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait()
        while (job := claim_next(UnitOfWork(engine, write=True), "T01")) is not None:
            claimed.append(job.id)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(claimed) == sorted(set(claimed)) and len(claimed) == 8


@pytest.mark.parametrize("payments, kicks", [
    ([PaymentEntry("cash", 100000)], True),
    ([PaymentEntry("qris", 65000)], False),
    ([PaymentEntry("card", 65000, "4321")], False),
    ([PaymentEntry("transfer", 65000, "BRI")], False),
    ([PaymentEntry("qris", 15000), PaymentEntry("cash", 50000)], True),
])
def test_the_drawer_opens_with_cash_sales_only(store, printers, payments, kicks):
    number = sale(store, *payments)
    printer = printers("read", status=ONLINE_STATUS)
    assert [job.ref for job in run_queue(store["engine"], on(printer.url)).printed] == [number]
    assert (DRAWER_PULSE in printer.received) is kicks
    if kicks:  # in the receipt's own byte stream, right after ESC @, so before the cut
        receipt = bytes(printer.received)[bytes(printer.received).index(b"\x1b@"):]
        assert receipt.startswith(b"\x1b@" + DRAWER_PULSE) and receipt.count(DRAWER_PULSE) == 1


def test_a_retry_long_after_a_cash_sale_does_not_open_the_drawer(store, printers):
    engine = store["engine"]
    number = sale(store)
    run_queue(engine, on(f"tcp://127.0.0.1:{free_port()}"))  # printer off: nothing reached it
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(update(PrintJob).values(created_at=utcnow() - timedelta(minutes=5)))
        uow.commit()
    printer = printers("read", status=ONLINE_STATUS)
    assert [(job.ref, job.copy) for job in run_queue(engine, on(printer.url)).printed] == [(number, False)]
    assert DRAWER_PULSE not in printer.received and printer.receipts() == 1


def test_paper_out_sends_no_receipt_and_keeps_the_original_queued(store, printers):
    engine = store["engine"]
    number = sale(store)
    empty = printers("read", status=PAPER_OUT_STATUS)
    run = run_queue(engine, on(empty.url))
    assert (run.printed, run.state, run.waiting) == ((), PAPER_OUT, 1) and "Kertas printer habis" in run.error
    assert empty.receipts() == 0
    assert jobs(engine) == [("sale", number, "queued", False, 1)]  # nothing was printed: still an original
    loaded = printers("read", status=ONLINE_STATUS)
    assert [(job.ref, job.copy) for job in run_queue(engine, on(loaded.url)).printed] == [(number, False)]
    assert loaded.receipts() == 1 and DRAWER_PULSE in loaded.received  # within a minute of the sale


def test_old_jobs_wait_for_the_cashier_and_unknown_receipts_fail(store, printers):
    engine = store["engine"]
    old = sale(store)
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(update(PrintJob).values(created_at=utcnow() - timedelta(hours=2)))
        uow.commit()
    enqueue_copy(UnitOfWork(engine, write=True), "sale", "T01-000777", "T01")  # no such sale
    new = sale(store)
    enqueue_copy(UnitOfWork(engine, write=True), "sale", new, "T02")  # another till's job
    printer = printers("read", status=ONLINE_STATUS)
    run = run_queue(engine, on(printer.url))
    assert [job.ref for job in run.printed] == [new] and run.waiting == 1
    assert [job[2] for job in jobs(engine)] == ["queued", "failed", "printed", "queued"]
    asked = run_queue(engine, on(printer.url), everything=True)  # F9 / "Cetak antrean"
    assert [job.ref for job in asked.printed] == [old] and asked.waiting == 0
    assert printer.receipts() == 2


def test_a_refund_receipt_goes_through_the_queue_with_the_drawer_for_cash(store, printers):
    engine = store["engine"]
    number = sale(store)
    supervisor = quick_user(engine, "spv", "supervisor")
    given = refund(UnitOfWork(engine, write=True), supervisor, number, [RefundRequest(1, 1)], method="cash",
                   restock=True, reason="Salah beli", terminal="T01")
    # refund() queued its receipt in the refund's transaction: queueing again adds nothing
    assert enqueue_refund(UnitOfWork(engine, write=True), given.refund_no, "T01") is False
    printer = printers("read", status=ONLINE_STATUS)
    run = run_queue(engine, on(printer.url))
    assert [(job.kind, job.ref) for job in run.printed] == [("sale", number), ("refund", given.refund_no)]
    refund_bytes = bytes(printer.received)[bytes(printer.received).index(b"PENGEMBALIAN BARANG") - 200:]
    assert DRAWER_PULSE in refund_bytes and given.refund_no.encode() in refund_bytes


def test_no_printer_drains_the_queue_and_a_printer_without_status_is_unknown(store, printers):
    engine = store["engine"]
    sale(store)
    run = run_queue(engine, on("none"))
    assert (len(run.printed), run.state, run.waiting) == (1, NONE, 0)
    sale(store)
    silent = printers("read")  # takes the bytes, closes when we do, never answers a status request
    run = run_queue(engine, on(silent.url))
    assert (len(run.printed), run.state, run.error) == (1, UNKNOWN, "")
    assert silent.receipts() == 1


def test_a_bad_printer_address_keeps_the_job(store):
    engine = store["engine"]
    sale(store)
    run = run_queue(engine, on("lpt://printer"))
    assert run.printed == () and run.waiting == 1 and "Jenis printer tidak dikenal" in run.error

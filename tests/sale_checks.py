"""What must hold in a database that tills wrote to, whatever happened to them: for the crash and concurrency tests.

Also running ``tests/sale_worker.py`` children and reading their reports.
"""

from __future__ import annotations

import fcntl
import json
import os
import struct
import multiprocessing
import select as select_module
import subprocess
import sys
import time
from collections import Counter as Tally
from collections import defaultdict
from pathlib import Path

from sqlalchemy import func, select, text

from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Counter, Payment, Product, Sale, SaleLine, StockMovement
from nttmart_pos.db.settlement_models import Refund, RefundLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.journal_verify import verify_journal
import sale_worker

WORKER = Path(__file__).with_name("sale_worker.py")


def start_worker(url: str, terminal: str, count: int, report: Path, *, refund_every: int = 0,
                 wait_go: bool = False, seed: int | None = None) -> subprocess.Popen:
    args = [sys.executable, str(WORKER), *worker_argv(url, terminal, count, report, refund_every=refund_every)]
    if wait_go:
        args.append("--wait-go")
    if seed is not None:
        args += ["--seed", str(seed)]
    with open(report.with_suffix(".stderr"), "a", encoding="utf-8") as errors:  # a file: a full pipe would block it
        return subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
                                text=True, cwd=WORKER.parent.parent)


def worker_argv(url: str, terminal: str, count: int, report: Path, *, refund_every: int = 0) -> list[str]:
    args = [url, terminal, str(count), "--report", str(report)]
    return args + (["--refund-every", str(refund_every)] if refund_every else [])


def fork_server():
    """A ``multiprocessing`` context whose fork server has imported the worker's modules once.

    Starting a worker is then a fork (milliseconds) instead of a new
    interpreter importing SQLAlchemy and the services (a second or more).
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(sale_worker.PRELOAD)
    return context


def start_forked(context, argv: list[str], *, timeout: float = 60):
    """A forked worker, returned once it is logged in and selling."""
    ready = context.Event()
    process = context.Process(target=sale_worker.child, args=(argv, ready), daemon=True)
    process.start()
    if not ready.wait(timeout):
        process.kill()
        process.join()
        raise AssertionError(f"sale worker did not get ready in time (exit code {process.exitcode})")
    return process


def wait_ready(worker: subprocess.Popen, timeout: float = 60) -> None:
    """Block until the worker printed ``ready`` (logged in, about to sell)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _w, _x = select_module.select([worker.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = worker.stdout.readline()
        if line.strip() == "ready":
            return
        if not line:  # ended before it was ready
            raise AssertionError(f"sale worker ended early with exit code {worker.wait()} (see its .stderr file)")
    worker.kill()
    raise AssertionError("sale worker did not get ready in time")


def read_report(path: Path) -> list[dict]:
    """The records of a report; a last line cut short by a kill is left out (it was never fully reported)."""
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    return records


def pg_wait_backends_gone(engine, prefix: str = "sale_worker_", timeout: float = 30) -> None:
    """Wait until the server has ended the backends of killed workers (and so rolled their transactions back)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            left = conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE :p "
                                    "AND datname = current_database()"), {"p": prefix + "%"})
        if not left:
            return
        time.sleep(0.02)
    raise AssertionError("the server still has backends of killed sale workers")


_FLOCK = "@hhqqi"  # struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid
_WAL_WRITE_LOCK_BYTE = 120  # WALINDEX_LOCK_OFFSET + WAL_WRITE_LOCK in the -shm file


def sqlite_write_locked(database: str) -> bool:
    """True if another process holds SQLite's WAL write lock, i.e. is inside a write transaction.

    Asks the kernel (``F_GETLK``) without taking the lock, so the writer is not disturbed.
    """
    try:
        fd = os.open(database + "-shm", os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        query = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, _WAL_WRITE_LOCK_BYTE, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query + bytes(32))
        return struct.unpack_from(_FLOCK, answer)[0] != fcntl.F_UNLCK
    finally:
        os.close(fd)


def pg_in_transaction(engine, application_name: str) -> bool:
    """True if the backend of the client ``application_name`` has a transaction open."""
    with engine.connect() as conn:
        return bool(conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :a "
                                     "AND xact_start IS NOT NULL"), {"a": application_name}))


def check_sqlite_file(engine) -> None:
    with engine.connect() as conn:
        assert [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def check_reported_present(engine, records: list[dict]) -> dict[str, int]:
    """Every sale and refund a worker reported committed is in the database, as reported.

    Returns the stock sold and refunded per product according to the reports.
    """
    sales = {r["receipt"]: r for r in records if r["kind"] == "sale"}
    refunds = {r["refund"]: r for r in records if r["kind"] == "refund"}
    with UnitOfWork(engine) as uow:
        session = uow.session
        stored = {receipt: (total, count) for receipt, total, count in session.execute(
            select(Sale.receipt_no, Sale.total, func.count(SaleLine.id)).join(SaleLine)
            .group_by(Sale.receipt_no, Sale.total))}
        stored_refunds = set(session.scalars(select(Refund.refund_no)))
    missing = sorted(set(sales) - stored.keys())
    assert not missing, f"reported committed but not in the database: {missing[:10]}"
    wrong = [receipt for receipt, record in sales.items()
             if stored[receipt] != (record["total"], len(record["lines"]))]
    assert not wrong, f"stored otherwise than reported: {wrong[:10]}"
    missing_refunds = sorted(set(refunds) - stored_refunds)
    assert not missing_refunds, f"refunds reported but not in the database: {missing_refunds[:10]}"
    net: dict[int, int] = defaultdict(int)
    for record in sales.values():
        for product_id, quantity in record["lines"]:
            net[product_id] -= quantity
    for record in refunds.values():
        for product_id, quantity in record["lines"]:
            net[product_id] += quantity
    return dict(net)


def check_sales_whole(engine) -> int:
    """No sale without its lines, payments and stock movements, and they add up; returns the number of sales."""
    with UnitOfWork(engine) as uow:
        session = uow.session
        sales = {sale_id: (receipt, subtotal, discount, total) for sale_id, receipt, subtotal, discount, total
                 in session.execute(select(Sale.id, Sale.receipt_no, Sale.subtotal, Sale.discount, Sale.total))}
        lines = {sale_id: (count, amount) for sale_id, count, amount in session.execute(
            select(SaleLine.sale_id, func.count(), func.sum(SaleLine.line_total)).group_by(SaleLine.sale_id))}
        paid = dict(session.execute(select(Payment.sale_id, func.sum(Payment.amount)).group_by(Payment.sale_id)).all())
        sold_lines = Tally()
        for sale_id, product_id, quantity in session.execute(
                select(SaleLine.sale_id, SaleLine.product_id, SaleLine.quantity)):
            sold_lines[(sale_id, product_id)] += quantity
        moved, moves = Tally(), Tally()
        for sale_id, product_id, quantity in session.execute(
                select(StockMovement.sale_id, StockMovement.product_id, StockMovement.quantity)
                .where(StockMovement.kind == "sold")):
            moved[(sale_id, product_id)] -= quantity
            moves[sale_id] += 1
    problems = []
    for sale_id, (receipt, subtotal, discount, total) in sales.items():
        count, amount = lines.get(sale_id, (0, 0))
        if count == 0:
            problems.append(f"{receipt}: no lines")
        elif amount != subtotal or subtotal - discount != total:
            problems.append(f"{receipt}: lines {amount} / subtotal {subtotal} / total {total}")
        if paid.get(sale_id) != total:
            problems.append(f"{receipt}: payments {paid.get(sale_id)} for a total of {total}")
        if moves[sale_id] != count:
            problems.append(f"{receipt}: {moves[sale_id]} stock movements for {count} lines")
    assert not problems, problems[:10]
    assert moved == sold_lines, "stock movements of sales differ from their lines"
    orphans = set(lines) - set(sales)
    assert not orphans
    return len(sales)


def check_stock(engine, initial: dict[int, int] | None = None, net: dict[int, int] | None = None) -> None:
    """Stock on hand equals the ledger for every product (and, given, the opening stock plus the net moves)."""
    with UnitOfWork(engine) as uow:
        session = uow.session
        cached = dict(session.execute(select(Product.id, Product.stock_on_hand)).all())
        ledger = dict(session.execute(select(StockMovement.product_id, func.sum(StockMovement.quantity))
                                      .group_by(StockMovement.product_id)).all())
        sold = dict(session.execute(select(SaleLine.product_id, func.sum(SaleLine.quantity))
                                    .group_by(SaleLine.product_id)).all())
        refunded = dict(session.execute(
            select(SaleLine.product_id, func.sum(RefundLine.quantity)).select_from(RefundLine)
            .join(Refund, Refund.id == RefundLine.refund_id).join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
            .where(Refund.restock.is_(True))
            .group_by(SaleLine.product_id)).all())
    wrong = {pid: (stock, ledger.get(pid, 0)) for pid, stock in cached.items() if stock != ledger.get(pid, 0)}
    assert not wrong, f"stock on hand differs from the ledger (product: (cached, ledger)): {wrong}"
    if initial is not None:
        expected = {pid: initial[pid] - sold.get(pid, 0) + refunded.get(pid, 0) for pid in cached}
        assert cached == expected, "stock on hand is not opening stock - sold + refunded (a lost update)"
        if net is not None:
            assert cached == {pid: initial[pid] + net.get(pid, 0) for pid in cached}, \
                "stock on hand differs from what the tills reported selling and taking back"


def _gapless(numbers: list[int]) -> bool:
    return sorted(numbers) == list(range(1, len(numbers) + 1))


def check_numbers(engine) -> None:
    """Receipt and refund numbers per terminal run 1..max, unique, and the counters stand at max."""
    with UnitOfWork(engine) as uow:
        session = uow.session
        receipts: dict[str, list[int]] = defaultdict(list)
        for terminal, number in session.execute(select(Sale.terminal, Sale.number)):
            receipts[terminal].append(number)
        refunds: dict[str, list[int]] = defaultdict(list)
        for terminal, refund_no in session.execute(select(Refund.terminal, Refund.refund_no)):
            refunds[terminal].append(int(refund_no.rsplit("-", 1)[1]))
        counters = dict(session.execute(select(Counter.name, Counter.value)).all())
    for terminal, numbers in receipts.items():
        assert _gapless(numbers), f"receipt numbers of {terminal} have gaps or repeats"
        assert counters.get(f"receipt:{terminal}") == len(numbers)
    for terminal, numbers in refunds.items():
        assert _gapless(numbers), f"refund numbers of {terminal} have gaps or repeats"
        assert counters.get(f"refund:{terminal}") == len(numbers)


def check_journal(engine, key: bytes) -> Tally:
    """The journal verifies, runs 1..n, and has one entry per sale and refund; returns the entries per kind."""
    check = verify_journal(UnitOfWork(engine), key)
    assert check.ok, check.problem
    with UnitOfWork(engine) as uow:
        session = uow.session
        seqs = session.scalars(select(JournalEntry.seq).order_by(JournalEntry.seq)).all()
        kinds = Tally(session.scalars(select(JournalEntry.kind)))
        sales = session.scalar(select(func.count()).select_from(Sale))
        refunds = session.scalar(select(func.count()).select_from(Refund))
    assert seqs == list(range(1, len(seqs) + 1)) and check.count == len(seqs)
    assert (kinds["sale"], kinds["refund"]) == (sales, refunds)
    return kinds


def opening_stock(engine) -> dict[int, int]:
    with UnitOfWork(engine) as uow:
        return dict(uow.session.execute(select(Product.id, Product.stock_on_hand)).all())


def is_postgres(engine) -> bool:
    return engine.dialect.name == "postgresql"


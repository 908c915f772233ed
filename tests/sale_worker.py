"""A till in a child process, ringing up sales in a loop: for the crash and concurrency tests.

    python tests/sale_worker.py DB_URL TERMINAL COUNT [--report FILE] [--seed N]
        [--refund-every N] [--user kasir --pin 1234] [--supervisor sari --supervisor-pin 4321] [--wait-go]

It installs the tests' journal key, logs in as a seeded cashier (through
``services.auth.login``, like the till), prints ``ready`` on stdout, (with
``--wait-go``: waits for a line on stdin, so several workers start together)
(``run`` does the same inside a ``multiprocessing`` child, with callbacks)
and then records COUNT sales through ``services.checkout.checkout`` wrapped in
``db.retry.run_with_retry``: 1-4 lines of random products (pieces, or grams of
a weighed product), paid in cash or by QRIS.  With ``--refund-every N`` every
N-th sale is followed by a supervisor's refund of one piece of an earlier sale
of this worker, back on the shelf.

The report file gets one JSON line per committed sale or refund, written and
fsync'ed only AFTER the transaction committed, so a reported receipt must be
in the database whatever happens to this process afterwards.  Errors are
reported as ``{"kind": "error", ...}`` lines and the loop goes on; collisions
that ``run_with_retry`` absorbed are reported as ``{"kind": "retry", ...}``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import traceback

JOURNAL_KEY = b"test-journal-key-not-for-a-store!"  # the same as tests/conftest.py TEST_JOURNAL_KEY


class Report:
    """Append-only JSON lines, each one on disk (fsync) before the next sale starts."""

    def __init__(self, path: str | None) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644) if path else None

    def write(self, record: dict) -> None:
        if self._fd is None:
            return
        os.write(self._fd, (json.dumps(record, sort_keys=True) + "\n").encode())
        os.fsync(self._fd)


PRELOAD = ["sale_worker", "nttmart_pos.db.retry", "nttmart_pos.db.engine", "nttmart_pos.services.auth",
           "nttmart_pos.services.checkout", "nttmart_pos.services.refunds", "sqlalchemy.dialects.postgresql",
           "sqlalchemy.dialects.sqlite", "psycopg"]  # what a fork server imports once for many workers


def _engine(url: str, terminal: str):
    from sqlalchemy.engine import make_url

    from nttmart_pos.db.engine import make_engine

    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":  # lets the tests find (and wait for) this process's backend
        parsed = parsed.update_query_dict({"application_name": f"sale_worker_{terminal}"})
    return make_engine(parsed.render_as_string(hide_password=False))


def _products(engine):
    from sqlalchemy import select

    from nttmart_pos.db.models import Product
    from nttmart_pos.db.uow import UnitOfWork
    from nttmart_pos.domain.cart import CartProduct

    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)).all()
        return [CartProduct(p.id, p.barcode, p.name, p.price, p.measure, p.unit, p.stock_on_hand)
                for p in rows if p.measure in ("unit", "weight")]


def _cart(rng: random.Random, products):
    from nttmart_pos.domain.cart import Cart

    cart = Cart()
    for _line in range(rng.randint(1, 4)):
        product = rng.choice(products)
        if product.measure == "weight":
            cart.add(product, grams=rng.randint(50, 400))
        else:
            cart.add(product, rng.randint(1, 2))
    return cart


def _payments(rng: random.Random, total: int, number: int):
    from nttmart_pos.domain.cart import PaymentEntry

    if rng.random() < 0.5:
        return [PaymentEntry("qris", total, f"QR{number:08d}")]
    return [PaymentEntry("cash", total + rng.choice((0, 0, 500, 1000, 5000)))]


def run(argv: list[str], ready=None, go=None) -> None:
    """Log in and ring up the sales that ``argv`` asks for (the command line's arguments).

    ``ready()`` is called once logged in and about to sell, and ``go()`` (if
    given) must return before the first sale: the command line prints
    ``ready`` and reads stdin; a test in the same interpreter family
    (multiprocessing) may pass events instead.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db_url")
    parser.add_argument("terminal")
    parser.add_argument("count", type=int)
    parser.add_argument("--report")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--user", default="kasir")
    parser.add_argument("--pin", default="1234")
    parser.add_argument("--refund-every", type=int, default=0)
    parser.add_argument("--supervisor", default="sari")
    parser.add_argument("--supervisor-pin", default="4321")
    parser.add_argument("--wait-go", action="store_true")
    args = parser.parse_args(argv)

    from nttmart_pos.db.retry import run_with_retry
    from nttmart_pos.db.uow import UnitOfWork
    from nttmart_pos.services.auth import login
    from nttmart_pos.services.checkout import checkout
    from nttmart_pos.services.journal import set_fallback_key
    from nttmart_pos.services.refunds import RefundRequest, refund

    set_fallback_key(JOURNAL_KEY)
    report = Report(args.report)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    engine = _engine(args.db_url, args.terminal)
    terminal = args.terminal
    cashier = login(UnitOfWork(engine, write=True), args.user, args.pin, terminal=terminal)
    supervisor = (login(UnitOfWork(engine, write=True), args.supervisor, args.supervisor_pin, terminal=terminal)
                  if args.refund_every else None)
    products = _products(engine)
    if ready is not None:
        ready()
    if go is not None and args.wait_go:
        go()

    def retried(what: str):
        return lambda attempt, exc: report.write({"kind": "retry", "what": what, "attempt": attempt,
                                                  "error": f"{type(exc).__name__}: {exc}"[:300]})

    refundable: list[tuple[str, int, int]] = []  # (receipt, line number, product id) of pieces sold here
    for number in range(1, args.count + 1):
        try:
            cart = _cart(rng, products)
            payments = _payments(rng, cart.total, number)
            result = run_with_retry(lambda: checkout(UnitOfWork(engine, write=True), cart, payments, cashier,
                                                     terminal), on_retry=retried("sale"))
            report.write({"kind": "sale", "receipt": result.receipt_no, "total": result.total,
                          "lines": [[line.product.product_id, line.quantity] for line in cart.lines]})
            refundable.extend((result.receipt_no, line_no, line.product.product_id)
                              for line_no, line in enumerate(cart.lines, start=1) if line.product.measure == "unit")
            if supervisor is not None and number % args.refund_every == 0 and refundable:
                receipt, line_no, product_id = refundable.pop(rng.randrange(len(refundable)))
                done = run_with_retry(lambda: refund(
                    UnitOfWork(engine, write=True), supervisor, receipt, [RefundRequest(line_no, 1)], method="cash",
                    restock=True, reason="uji bersamaan", terminal=terminal), on_retry=retried("refund"))
                report.write({"kind": "refund", "refund": done.refund_no, "receipt": receipt,
                              "lines": [[product_id, 1]]})
        except Exception as exc:  # noqa: BLE001 - every failure goes to the report, and the till goes on
            report.write({"kind": "error", "sale": number, "error": f"{type(exc).__name__}: {exc}",
                          "cause": repr(exc.__cause__)[:500], "traceback": traceback.format_exc()[-2000:]})
    engine.dispose()


def child(argv: list[str], ready_event, go_event=None) -> None:
    """``run`` as a ``multiprocessing`` target: ``ready_event`` is set when logged in, ``go_event`` awaited."""
    run(argv, ready=ready_event.set, go=go_event.wait if go_event is not None else None)


def main(argv: list[str] | None = None) -> int:
    run(sys.argv[1:] if argv is None else argv, ready=lambda: print("ready", flush=True),
        go=sys.stdin.readline)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

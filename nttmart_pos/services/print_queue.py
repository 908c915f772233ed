"""The persistent print queue: receipts wait in the database until the printer accepted them.

A sale (refund) writes its receipt job into ``print_jobs`` (``enqueue_*``);
``run_queue`` prints the queued jobs of one terminal, oldest first, and marks
each one ``printed`` only after ``hardware.printer_status.deliver`` says the
printer accepted the bytes (see there what "accepted" means exactly).  The
bytes are rendered at print time from the stored sale (``services.printing``).

Rules that keep a receipt from printing twice as an original:

* a job is claimed atomically (``UPDATE ... SET status='printing' WHERE
  status='queued' RETURNING``), so two workers never print the same job;
* a failed attempt puts the job back to ``queued``; if bytes of it may have
  reached the printer (it closed mid-receipt, took it too slowly, did not
  confirm), the job is flagged ``copy`` and prints as "SALINAN" next time;
* a job left in ``printing`` (the till crashed or lost the database while
  printing) goes back to ``queued`` as a copy at start-up
  (``recover_interrupted``): the printer may or may not have printed it, and
  a customer holding two originals of one sale is what we must not allow;
* the drawer pulse goes only with an original, within
  ``DRAWER_KICK_WINDOW`` of the sale: a retry an hour later never opens the
  drawer of an unattended till;
* automatic retries take only jobs younger than ``AUTO_RETRY_WINDOW`` (the
  customer may still be there); older ones wait until the cashier asks
  (F9 / "Cetak antrean": ``run_queue(..., everything=True)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from nttmart_pos.config import Settings
from nttmart_pos.db.models import Payment, Sale, utcnow
from nttmart_pos.db.print_models import PrintJob
from nttmart_pos.db.settlement_models import Refund
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import ConfigError, NotFoundError, PosError
from nttmart_pos.hardware.printer import parse_printer_url
from nttmart_pos.hardware.printer_status import NONE, UNKNOWN, DeliveryError, deliver, probe_status
from nttmart_pos.i18n import _
from nttmart_pos.services import printing

DRAWER_KICK_WINDOW = timedelta(seconds=60)
AUTO_RETRY_WINDOW = timedelta(minutes=15)
WAITING = ("queued", "printing")


@dataclass(frozen=True)
class ClaimedJob:
    id: int
    kind: str
    ref: str
    copy: bool
    kick_drawer: bool
    attempts: int
    created_at: datetime


@dataclass(frozen=True)
class PrintedJob:
    kind: str
    ref: str
    copy: bool


@dataclass(frozen=True)
class QueueRun:
    """What one pass over the queue did: the jobs printed, how many still wait, the printer's state
    (``hardware.printer_status`` STATES) and the reason the pass stopped early ("" if it did not)."""

    printed: tuple[PrintedJob, ...]
    waiting: int
    state: str
    error: str = ""


# -- putting jobs in -----------------------------------------------------------------

def _job_exists(session: Session, kind: str, ref: str) -> bool:
    return session.scalar(select(PrintJob.id).where(PrintJob.kind == kind, PrintJob.ref == ref).limit(1)) is not None


_INSERT_JOB = insert(PrintJob).returning(PrintJob.id)


def _add(session: Session, kind: str, ref: str, terminal: str, *, copy: bool, kick_drawer: bool) -> PrintJob:
    """Insert a queued job (a plain INSERT, written at once) and return it, detached."""
    values = dict(kind=kind, ref=ref, terminal=terminal, copy=copy, kick_drawer=kick_drawer, status="queued",
                  attempts=0, last_error="", created_at=utcnow())
    session.flush()  # what the caller added before goes first, as an ORM flush would have ordered it
    values["id"] = session.connection().execute(_INSERT_JOB, values).scalar_one()
    return PrintJob(**values)


def enqueue_sale_receipt(session: Session, sale_id: int, receipt_no: str, terminal: str, *,
                         kick_drawer: bool, new_sale: bool = False) -> PrintJob | None:
    """Queue the receipt of the sale just written, inside the caller's (the sale's) transaction.

    ``kick_drawer``: the sale was (partly) paid in cash.  Only one original
    job per sale: a second call for the same receipt adds nothing (None).
    ``new_sale``: the sale was written in this very transaction under a
    receipt number drawn in it, so no job can exist yet (no lookup).
    ``sale_id`` is the sale's row; the job refers to it by receipt number,
    as reprints and the journal do.
    """
    del sale_id  # the receipt number identifies the sale; kept in the signature for the caller's clarity
    if not new_sale and _job_exists(session, "sale", receipt_no):
        return None
    return _add(session, "sale", receipt_no, terminal, copy=False, kick_drawer=kick_drawer)


def enqueue_refund_receipt(session: Session, refund_no: str, terminal: str, *, kick_drawer: bool) -> PrintJob | None:
    """Queue the refund receipt inside the refund's transaction (``kick_drawer`` for a cash refund)."""
    if _job_exists(session, "refund", refund_no):
        return None
    return _add(session, "refund", refund_no, terminal, copy=False, kick_drawer=kick_drawer)


def enqueue_sale(uow: UnitOfWork, receipt_no: str, terminal: str) -> bool:
    """Queue a recorded sale's receipt in a transaction of its own; True if a job was added.

    ``checkout`` already queues every till sale's receipt inside the sale's
    transaction; this is for sales without a job (recorded before the queue
    existed), and adds nothing when the job is there.
    """
    with uow:
        session = uow.session
        sale = session.execute(select(Sale.id, Sale.receipt_no).where(Sale.receipt_no == receipt_no)).first()
        if sale is None:
            raise NotFoundError(_("Struk {number} tidak ditemukan", number=receipt_no))
        cash = session.scalar(select(func.count()).select_from(Payment)
                              .where(Payment.sale_id == sale.id, Payment.method == "cash"))
        job = enqueue_sale_receipt(session, sale.id, sale.receipt_no, terminal, kick_drawer=bool(cash))
        uow.commit()
        return job is not None


def enqueue_refund(uow: UnitOfWork, refund_no: str, terminal: str) -> bool:
    """Queue a recorded refund's receipt in a transaction of its own, if ``refunds.refund`` did not."""
    with uow:
        session = uow.session
        method = session.scalar(select(Refund.method).where(Refund.refund_no == refund_no))
        if method is None:
            raise NotFoundError(_("Pengembalian {number} tidak ditemukan", number=refund_no))
        job = enqueue_refund_receipt(session, refund_no, terminal, kick_drawer=method == "cash")
        uow.commit()
        return job is not None


def enqueue_copy(uow: UnitOfWork, kind: str, ref: str, terminal: str) -> int:
    """Queue a copy ("SALINAN") of a receipt, e.g. a reprint the cashier was allowed; the job's id."""
    with uow:
        job = _add(uow.session, kind, ref, terminal, copy=True, kick_drawer=False)
        uow.commit()
        return job.id


# -- the worker's steps --------------------------------------------------------------

def recover_interrupted(uow: UnitOfWork, terminal: str) -> int:
    """At start-up: jobs of ``terminal`` left in "printing" go back to the queue as copies; how many."""
    with uow:
        session = uow.session
        stuck = session.scalar(select(func.count()).select_from(PrintJob)
                               .where(PrintJob.terminal == terminal, PrintJob.status == "printing"))
        if not stuck:
            return 0
        count = session.execute(update(PrintJob).where(PrintJob.terminal == terminal, PrintJob.status == "printing")
                                .values(status="queued", copy=True,
                                        last_error=_("Pencetakan terputus; dicetak ulang sebagai salinan"))
                                .execution_options(synchronize_session=False)).rowcount
        uow.commit()
        return count


def _queued_conditions(terminal: str, created_after: datetime | None) -> list:
    conditions = [PrintJob.terminal == terminal, PrintJob.status == "queued"]
    if created_after is not None:
        conditions.append(PrintJob.created_at >= created_after)
    return conditions


def _has_queued(uow: UnitOfWork, terminal: str, created_after: datetime | None) -> bool:
    """A read first, so an empty queue costs the till no write transaction."""
    with uow:
        return uow.session.scalar(select(PrintJob.id).where(*_queued_conditions(terminal, created_after))
                                  .limit(1)) is not None


def claim_next(uow: UnitOfWork, terminal: str, *, created_after: datetime | None = None) -> ClaimedJob | None:
    """Take the oldest queued job of ``terminal`` (optionally only those newer than ``created_after``).

    One statement: the job becomes "printing" for exactly one caller, however
    many workers race (SQLite serialises writers; PostgreSQL skips a row
    another transaction holds and re-checks the status after waiting).
    """
    candidate = (select(PrintJob.id).where(*_queued_conditions(terminal, created_after)).order_by(PrintJob.id).limit(1)
                 .with_for_update(skip_locked=True).scalar_subquery())
    statement = (update(PrintJob).where(PrintJob.id == candidate, PrintJob.status == "queued")
                 .values(status="printing", attempts=PrintJob.attempts + 1)
                 .returning(PrintJob.id, PrintJob.kind, PrintJob.ref, PrintJob.copy, PrintJob.kick_drawer,
                            PrintJob.attempts, PrintJob.created_at)
                 .execution_options(synchronize_session=False))
    with uow:
        row = uow.session.execute(statement).first()
        uow.commit()
    return ClaimedJob(*row) if row is not None else None


def _set(uow: UnitOfWork, job_id: int, **values) -> None:
    with uow:
        uow.session.execute(update(PrintJob).where(PrintJob.id == job_id, PrintJob.status == "printing")
                            .values(**values).execution_options(synchronize_session=False))
        uow.commit()


def mark_printed(uow: UnitOfWork, job_id: int, *, now: datetime | None = None) -> None:
    _set(uow, job_id, status="printed", printed_at=now or utcnow(), last_error="")


def mark_queued(uow: UnitOfWork, job_id: int, error: str, *, reached: bool) -> None:
    """Back to the queue; ``reached``: bytes may be on paper, so the next attempt prints a copy."""
    values = {"status": "queued", "last_error": error[:300]}
    if reached:
        values["copy"] = True
    _set(uow, job_id, **values)


def mark_failed(uow: UnitOfWork, job_id: int, error: str) -> None:
    """A job that can never print (its sale or refund does not exist): kept, but no longer tried."""
    _set(uow, job_id, status="failed", last_error=error[:300])


def waiting_count(uow: UnitOfWork, terminal: str) -> int:
    """Jobs of ``terminal`` not yet printed (queued, or being printed right now)."""
    with uow:
        return uow.session.scalar(select(func.count()).select_from(PrintJob)
                                  .where(PrintJob.terminal == terminal, PrintJob.status.in_(WAITING)))


def waiting_receipts(uow: UnitOfWork, terminal: str) -> list[tuple[str, str]]:
    """(kind, ref) of the jobs of ``terminal`` not yet printed (queued, or being printed right now), oldest first."""
    with uow:
        return [(kind, ref) for kind, ref in uow.session.execute(
            select(PrintJob.kind, PrintJob.ref).where(PrintJob.terminal == terminal, PrintJob.status.in_(WAITING))
            .order_by(PrintJob.id))]


def _wants_drawer(job: ClaimedJob, now: datetime) -> bool:
    return job.kick_drawer and not job.copy and now - job.created_at <= DRAWER_KICK_WINDOW


def run_queue(engine: Engine, settings: Settings, *, recover: bool = False, everything: bool = False,
              now: datetime | None = None) -> QueueRun:
    """Print the queued jobs of this till (``settings.terminal_id``) until one fails; off the GUI thread.

    ``recover``: first put back jobs an earlier run left in "printing" (at
    start-up).  ``everything``: also jobs older than ``AUTO_RETRY_WINDOW``
    (the cashier asked).  A pass that attempted nothing asks the printer
    how it is, so the state shown stays current.
    """
    terminal = settings.terminal_id
    now = now or utcnow()
    if recover:
        recover_interrupted(UnitOfWork(engine, write=True), terminal)
    try:
        target = parse_printer_url(settings.printer_url)
    except ConfigError as exc:
        return QueueRun((), waiting_count(UnitOfWork(engine), terminal), UNKNOWN, str(exc))
    printed: list[PrintedJob] = []
    state, error = None, ""
    created_after = None if everything else now - AUTO_RETRY_WINDOW
    while _has_queued(UnitOfWork(engine), terminal, created_after) and \
            (job := claim_next(UnitOfWork(engine, write=True), terminal, created_after=created_after)) is not None:
        try:
            payload = printing.job_bytes(engine, job.kind, job.ref, settings, copy=job.copy,
                                         kick_drawer=_wants_drawer(job, utcnow()))
        except NotFoundError as exc:
            mark_failed(UnitOfWork(engine, write=True), job.id, str(exc))
            continue
        except PosError as exc:  # a paper width the printer profile lacks ...: fix the settings, then retry
            mark_queued(UnitOfWork(engine, write=True), job.id, str(exc), reached=False)
            state, error = UNKNOWN, str(exc)
            break
        try:
            state = deliver(target, payload, printing.PRINT_TIMEOUT_SECONDS)
        except DeliveryError as exc:
            mark_queued(UnitOfWork(engine, write=True), job.id, str(exc), reached=exc.reached)
            state, error = exc.state, str(exc)
            break
        mark_printed(UnitOfWork(engine, write=True), job.id)
        printed.append(PrintedJob(job.kind, job.ref, job.copy))
    if state is None:
        state = probe_status(target, printing.PRINT_TIMEOUT_SECONDS) if target.kind != "none" else NONE
    return QueueRun(tuple(printed), waiting_count(UnitOfWork(engine), terminal), state, error)

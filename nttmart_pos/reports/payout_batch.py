"""Many payout PDFs at once, on every core: a period's documents for all vendors.

A payout PDF is pure CPU work in reportlab (about 10 ms each), so a day's 300
vendors keep one core busy for seconds; ``payout_pdfs`` spreads them over a
pool of processes and hands back each path in the order of the jobs, so the
caller can announce them one by one as before.  A few documents, or a machine
with one core, are written in this process: starting workers would cost more
than it saves.  Nothing here touches the database.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from nttmart_pos.config import Settings
from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.i18n import get_language, set_language
from nttmart_pos.reports.payout_pdf import payout_pdf

MIN_PER_WORKER = 8  # fewer documents than this per extra process: not worth starting one


def pool_size(jobs: int, cpus: int | None = None) -> int:
    """How many processes to write ``jobs`` documents with; 1 means here, without a pool."""
    cpus = cpus if cpus is not None else usable_cpus()
    return max(1, min(cpus, jobs // MIN_PER_WORKER))


def usable_cpus() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(language: str) -> None:
    """A worker's set-up: messages in the caller's language (a spawned worker starts in the default)."""
    set_language(language)


def _write(job: tuple[PayoutDocument, Settings, Path]) -> Path:
    doc, settings, path = job
    return payout_pdf(doc, settings, path)


def start_context():
    """Fork a process with no other thread (the worker starts at once, with this one's imports and
    fonts), else spawn: a fork copies a lock another thread holds, and never frees it."""
    if "fork" in multiprocessing.get_all_start_methods() and _one_thread():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _one_thread() -> bool:
    """True on Linux when this process runs one thread, counting those Python did not start (Qt's)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: not Linux, where fork is not safe to assume
        return False


def payout_pdfs(jobs: Sequence[tuple[PayoutDocument, Path]], settings: Settings,
                workers: int | None = None) -> Iterator[Path]:
    """Write each ``(document, path)`` as ``payout_pdf`` does; yield the paths in the order of ``jobs``.

    ``workers`` (default: one per usable core, see ``pool_size``) processes
    share the work.  The first document that cannot be written raises its
    ``PosError`` here, as ``payout_pdf`` would; the documents the workers
    have started are finished, the rest are not started (each file is
    complete or absent).  Without a pool (none can be made here, or a worker
    died) the documents are written in this process.
    """
    count = workers if workers is not None else pool_size(len(jobs))
    if count <= 1 or len(jobs) < 2:
        yield from _here(jobs, settings)
        return
    try:
        pool = ProcessPoolExecutor(max_workers=count, mp_context=start_context(), initializer=_start,
                                   initargs=(get_language(),))
    except (OSError, ImportError, NotImplementedError):  # no process pool here (no /dev/shm, a sandbox)
        yield from _here(jobs, settings)
        return
    # chunks of a few documents: little messaging, yet the workers finish together
    chunk = max(1, len(jobs) // (count * 8))
    done = 0
    try:
        for path in pool.map(_write, [(doc, settings, path) for doc, path in jobs], chunksize=chunk):
            yield path
            done += 1
    except (BrokenProcessPool, OSError):  # a worker was killed or could not start: the rest in this process
        pool.shutdown(wait=True, cancel_futures=True)
        yield from _here(jobs[done:], settings)
    except BaseException:  # a document that cannot be written, or the caller stopped: start no further ones
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


def _here(jobs: Sequence[tuple[PayoutDocument, Path]], settings: Settings) -> Iterator[Path]:
    for doc, path in jobs:
        yield payout_pdf(doc, settings, path)

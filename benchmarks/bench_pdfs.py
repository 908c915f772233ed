"""Budget 5: the payout PDFs of every vendor for one day, one after another and on a pool of processes.

The documents are the ones ``nttmart-pos payouts`` writes for an unsettled
day (``settlement_figures`` -> ``preview_document`` -> ``payout_pdf``), written
as the command writes them: ``reports.payout_batch.payout_pdfs``, on a pool of
one process per usable core (forked on Linux).  The serial run is the same
call with one worker.  CPU seconds are reported beside the times, since other
work on the machine may slow the clock but not them.  The figure is the day's
figures plus the command's way.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from benchmarks.context import RunContext
from benchmarks.stats import Figure
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.reports import payout_batch
from nttmart_pos.reports.payout_pdf import payout_pdf
from nttmart_pos.services.settlement import preview_document, settlement_figures

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

BUDGET_SECONDS = 10.0


def write_one(job: tuple[PayoutDocument, Settings, Path]) -> int:
    """One vendor's PDF; its size in bytes (what the profile times)."""
    doc, settings, path = job
    return payout_pdf(doc, settings, path).stat().st_size


def _children_cpu() -> float:
    """CPU seconds of this process's ended child processes (the pool's workers, once it is shut down)."""
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def payout_pdfs(ctx: RunContext) -> Figure:
    day = ctx.dataset.last_day
    settings = Settings()
    started = time.perf_counter()
    docs = [preview_document(f) for f in settlement_figures(UnitOfWork(ctx.engine), day, day) if f.has_lines]
    figures_s = time.perf_counter() - started

    def jobs(folder: Path) -> list[tuple[PayoutDocument, Path]]:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return [(doc, folder / f"{doc.vendor_code}.pdf") for doc in docs]

    serial_jobs = jobs(ctx.workdir / "pdf-serial")
    started, cpu = time.perf_counter(), time.process_time()
    serial_bytes = sum(path.stat().st_size for path in payout_batch.payout_pdfs(serial_jobs, settings, workers=1))
    serial_s, serial_cpu_s = time.perf_counter() - started, time.process_time() - cpu

    # the command's own choice of workers; at least two here, so that a tiny run goes through the pool too
    workers = max(2, payout_batch.pool_size(len(docs)))
    method = payout_batch.start_context().get_start_method()  # as the pool will find it
    pool_jobs = jobs(ctx.workdir / "pdf-pool")
    started, children = time.perf_counter(), _children_cpu()
    pool_bytes = sum(path.stat().st_size for path in payout_batch.payout_pdfs(pool_jobs, settings, workers=workers))
    pool_s, pool_cpu_s = time.perf_counter() - started, _children_cpu() - children
    written = len(list((ctx.workdir / "pdf-pool").glob("*.pdf")))
    top = ctx.profile("5_payout_pdfs", lambda: [write_one((doc, settings, path)) for doc, path in serial_jobs[:20]])
    return Figure(
        "5_payout_pdfs", f"Payout PDFs for {len(docs)} vendors, one day", "s", figures_s + pool_s, None,
        "(absolute budget)", BUDGET_SECONDS, limit_kind="max",
        details={"vendors": len(docs), "lines": sum(len(d.lines) for d in docs), "figures_s": figures_s,
                 "serial_pdfs_s": serial_s, "serial_pdfs_cpu_s": serial_cpu_s, "pool_pdfs_s": pool_s,
                 "pool_workers_cpu_s": pool_cpu_s, "pool_workers": workers,
                 "usable_cpus": payout_batch.usable_cpus(),
                 "start_method": method,
                 "pdfs_written": written, "serial_bytes": serial_bytes, "pool_bytes": pool_bytes, "profile": top,
                 "value_is": "figures + the PDFs as nttmart-pos payouts writes them (the pool)"})

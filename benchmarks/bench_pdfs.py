"""Budget 5: the payout PDFs of every vendor for one day, one after another and on a pool of processes.

The documents are the ones ``nttmart-pos payouts`` writes for an unsettled
day (``settlement_figures`` -> ``preview_document`` -> ``payout_pdf``).  The
pool uses the platform's default start method (fork on Linux), as a
``ProcessPoolExecutor`` in ``commands/payouts.py`` would.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.context import RunContext
from benchmarks.stats import Figure
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.reports.payout_pdf import payout_pdf
from nttmart_pos.services.settlement import preview_document, settlement_figures

BUDGET_SECONDS = 10.0


def write_one(job: tuple[PayoutDocument, Settings, Path]) -> int:
    """One vendor's PDF (runs in a worker process); its size in bytes."""
    doc, settings, path = job
    return payout_pdf(doc, settings, path).stat().st_size


def payout_pdfs(ctx: RunContext) -> Figure:
    day = ctx.dataset.last_day
    settings = Settings()
    started = time.perf_counter()
    docs = [preview_document(f) for f in settlement_figures(UnitOfWork(ctx.engine), day, day) if f.has_lines]
    figures_s = time.perf_counter() - started

    def jobs(folder: Path) -> list[tuple[PayoutDocument, Settings, Path]]:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return [(doc, settings, folder / f"{doc.vendor_code}.pdf") for doc in docs]

    serial_jobs = jobs(ctx.workdir / "pdf-serial")
    started = time.perf_counter()
    serial_bytes = sum(write_one(job) for job in serial_jobs)
    serial_s = time.perf_counter() - started

    workers = os.cpu_count() or 2
    pool_jobs = jobs(ctx.workdir / "pdf-pool")
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pool_bytes = sum(pool.map(write_one, pool_jobs, chunksize=max(1, len(pool_jobs) // (workers * 8))))
    pool_s = time.perf_counter() - started
    written = len(list((ctx.workdir / "pdf-pool").glob("*.pdf")))
    best = min(serial_s, pool_s)
    top = ctx.profile("5_payout_pdfs", lambda: [write_one(job) for job in serial_jobs[:20]])
    return Figure(
        "5_payout_pdfs", f"Payout PDFs for {len(docs)} vendors, one day", "s", figures_s + best, None,
        "(absolute budget)", BUDGET_SECONDS, limit_kind="max",
        details={"vendors": len(docs), "lines": sum(len(d.lines) for d in docs), "figures_s": figures_s,
                 "serial_pdfs_s": serial_s, "pool_pdfs_s": pool_s, "pool_workers": workers,
                 "start_method": multiprocessing.get_start_method(), "pdfs_written": written,
                 "serial_bytes": serial_bytes, "pool_bytes": pool_bytes, "profile": top,
                 "value_is": "figures + the faster of serial and pool"})

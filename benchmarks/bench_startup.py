"""Budgets 6 and 8: start-up to the first possible scan, and resident memory, each in a fresh process.

Start-up is timed from spawning ``python -m benchmarks.probe`` to its
``READY`` line, so interpreter start, imports, migrations check, journal
key, login and the shift check are all counted; runs on the full database
and on a 100-product one alternate.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.context import RunContext
from benchmarks.dataset import Dataset, discard, work_copy
from benchmarks.scales import STARTUP_SMALL
from benchmarks.stats import Figure, summary

ROOT = Path(__file__).resolve().parents[1]
MEMORY_BUDGET_MB = 300.0


def run_probe(dataset: Dataset, *, day_end: bool = False, timeout: float = 300.0) -> tuple[float, dict]:
    """Seconds from spawn to READY, and the probe's JSON report.

    A probe that exits with an error, or that writes a Python traceback (even
    one Qt only printed, e.g. from a background job still running at exit),
    fails the figure: a till must close cleanly.
    """
    with tempfile.TemporaryDirectory(prefix="nttmart-probe-") as config:
        command = [sys.executable, "-X", "faulthandler", "-m", "benchmarks.probe", "--db", dataset.url,
                   "--journal-key", str(dataset.key_path), "--config", config]
        if day_end:
            command += ["--day-end", dataset.last_day.isoformat()]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
        errors = Path(config) / "stderr.txt"
        with open(errors, "w+") as stderr:  # a file, not a pipe nobody reads while the probe runs
            started = time.perf_counter()
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
            ready = None
            report: dict = {}
            try:
                assert process.stdout is not None
                for line in process.stdout:
                    if line.strip() == "READY" and ready is None:
                        ready = time.perf_counter() - started
                    elif line.startswith("{"):
                        report = json.loads(line)
                process.wait(timeout=timeout)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            stderr.seek(0)
            error = stderr.read()
        if ready is None or process.returncode != 0 or "Traceback" in error:
            raise RuntimeError(f"probe failed ({process.returncode}): {report or ''} {error[-2000:]}")
        return ready, report


def startup_and_memory(ctx: RunContext) -> list[Figure]:
    small = work_copy(ctx.dataset.backend, STARTUP_SMALL, ctx.log)
    try:
        full_s, small_s = [], []
        if ctx.scale.startup_repeats >= 3:  # a first start warms the file cache for both kinds alike
            run_probe(small)
            run_probe(ctx.dataset)
        for _ in range(ctx.scale.startup_repeats):
            full_s.append(run_probe(ctx.dataset)[0])
            small_s.append(run_probe(small)[0])
    finally:
        discard(small)
    _ready, report = run_probe(ctx.dataset, day_end=True)
    full, base = summary(full_s), summary(small_s)
    startup = Figure("6_startup", "Start-up to first possible scan", "s", full["median"], base["median"],
                     "same with 100 products", 1.5, value_p99=full["max"], baseline_p99=base["max"],
                     details={"full": full, "small_catalogue": base, "products": ctx.dataset.meta["products"],
                              "note": "spawn to READY: interpreter, imports, migrations check, login, shift check"})
    after_start, after_day = report["after_startup"], report.get("after_day_end", {})
    memory_start = Figure("8_memory_startup", "Resident memory after start-up", "MB", after_start["rss"], None,
                          "(absolute budget)", MEMORY_BUDGET_MB, limit_kind="max",
                          details={"peak_mb": after_start["peak"]})
    memory_day = Figure("8_memory_day_end", "Resident memory after a day-end run", "MB", after_day.get("rss"), None,
                        "(absolute budget)", MEMORY_BUDGET_MB, limit_kind="max",
                        details={"peak_mb": after_day.get("peak"), "day_end": report.get("day_end"),
                                 "day_end_is": "dashboard of the day, payouts drafted, their PDFs written"})
    return [startup, memory_start, memory_day]

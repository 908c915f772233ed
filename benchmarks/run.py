"""The one command: ``python -m benchmarks [--scale tiny|small|full] [--db sqlite|postgresql] [--json FILE]
[--only 1,3] [--profile DIR] [--try-indexes] [--keep] [--strict]``.

Builds (or reuses) the scale's database, works on a fresh copy of it, runs
the chosen budgets in a fixed order (database ones first, then the till's
window, then the fresh-process ones), prints a table of every figure with
its raw baseline, the ratio and the budget, and writes the same as JSON.
Exit status: 0, or 1 if a benchmark failed to run (``--strict``: also if a
budget was missed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.scales import SCALES
from benchmarks.stats import FIGURE_IDS, GROUPS, Figure, failed

TITLES = {
    "1_lookup": ("Barcode lookup", "ms"), "2_scan_to_row": ("Scan to cart row (p99)", "ms"),
    "3_checkout": ("Commit a 3-line sale, one payment", "ms"),
    "4_settlement_day": ("Day-end settlement figures, all vendors", "ms"),
    "4_dashboard_year": ("Dashboard, full year", "ms"), "5_payout_pdfs": ("Payout PDFs, one day", "s"),
    "6_startup": ("Start-up to first possible scan", "s"), "7_scanner": ("Scanner: lost/merged/split scans", "scans"),
    "8_memory_startup": ("Resident memory after start-up", "MB"),
    "8_memory_day_end": ("Resident memory after a day-end run", "MB"),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[1])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite",
                        help="postgresql needs $NTTMART_TEST_PG_URL (a server where databases may be created)")
    parser.add_argument("--json", type=Path, help="write the results here (default: /tmp/nttmart-bench/"
                                                  "results-SCALE-DB.json)")
    parser.add_argument("--only", help="budget numbers to run, e.g. 1,3 (default: all eight)")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="also cProfile each of our code paths into DIR")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument("--keep", action="store_true", help="keep the run's database copy (for a look afterwards)")
    parser.add_argument("--try-indexes", action="store_true",
                        help="first build the proposed covering indexes on the run's copy (see dataset.py)")
    args = parser.parse_args(argv)
    wanted = (args.only or "1,2,3,4,5,6,7,8").replace(" ", "").split(",")
    unknown = [n for n in wanted if n not in GROUPS]
    if unknown:
        parser.error(f"--only: no budget {', '.join(unknown)} (budgets are 1 to 8)")
    args.groups = set(wanted)
    return args


def _guarded(ids: list[str], work: Callable[[], list[Figure]], log) -> list[Figure]:
    started = time.perf_counter()
    try:
        figures = work()
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
        import traceback

        log(traceback.format_exc())
        figures = [failed(fid, *TITLES[fid], exc) for fid in ids]
    log(f"  {', '.join(ids)}: {time.perf_counter() - started:.1f} s")
    return figures


def run_suite(scale_name: str, backend: str, groups: set[str], *, profile_dir: Path | None = None,
              keep: bool = False, try_indexes: bool = False, log=print) -> dict:
    from benchmarks import bench_db, bench_pdfs, bench_startup
    from benchmarks.context import RunContext
    from benchmarks.dataset import PROPOSED_INDEXES, add_proposed_indexes, discard, work_copy

    scale = SCALES[scale_name]
    started = datetime.now(timezone.utc)
    dataset = work_copy(backend, scale, log)
    workdir = Path(dataset.url.split("///", 1)[1]).parent if backend == "sqlite" else None
    if workdir is None:
        import tempfile

        workdir = Path(tempfile.mkdtemp(prefix="nttmart-bench-"))
    ctx = RunContext(dataset, scale, workdir, profile_dir, log)
    extra: dict = {}
    figures: list[Figure] = []
    plan: list[tuple[str, list[str], Callable[[], list[Figure]]]] = [
        ("1", ["1_lookup"], lambda: [bench_db.lookup(ctx)]),
        ("3", ["3_checkout"], lambda: [bench_db.checkout_sale(ctx)]),
        ("4", ["4_settlement_day"], lambda: [bench_db.settlement_day(ctx)]),
        ("4", ["4_dashboard_year"], lambda: [bench_db.dashboard_year(ctx)]),
        ("5", ["5_payout_pdfs"], lambda: [bench_pdfs.payout_pdfs(ctx)]),
    ]
    try:
        if try_indexes:
            extra = {"statements": list(PROPOSED_INDEXES), "build_seconds": round(add_proposed_indexes(dataset), 1)}
            log(f"built the proposed indexes in {extra['build_seconds']} s")
        log(f"measuring {scale.name} on {backend}: {dataset.url}")
        for group, ids, work in plan:
            if group in groups:
                figures += _guarded(ids, work, log)
        if groups & {"2", "7"}:
            figures += _ui(ctx, groups, log)
        if groups & {"6", "8"}:
            ids = [fid for fid in FIGURE_IDS if fid[0] in ("6", "8") and fid[0] in groups]
            measured = _guarded(ids, lambda: bench_startup.startup_and_memory(ctx), log)
            figures += [f for f in measured if f.id in ids]
    finally:
        ctx.close()
        if keep:
            log(f"kept the database copy: {dataset.url}")
        else:
            discard(dataset)
            if backend != "sqlite":
                shutil.rmtree(workdir, ignore_errors=True)
    return {
        "scale": scale.name, "backend": backend, "started": started.isoformat(timespec="seconds"),
        "seconds": round((datetime.now(timezone.utc) - started).total_seconds(), 1), "dataset": dataset.meta,
        "extra_indexes": extra,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_end": list(os.getloadavg())},
        "figures": {f.id: f.as_json() for f in figures},
    }


def _ui(ctx, groups: set[str], log) -> list[Figure]:
    """Budgets 2 and 7 in a child process (``benchmarks.ui_child``); a crash there becomes error figures."""
    import subprocess
    from collections import deque

    ids = [fid for fid in ("2_scan_to_row", "7_scanner") if fid[0] in groups]
    started = time.perf_counter()
    args_file, out = ctx.workdir / "ui-args.json", ctx.workdir / "ui-figures.json"
    out.unlink(missing_ok=True)
    data = ctx.dataset
    args_file.write_text(json.dumps({
        "backend": data.backend, "url": data.url, "key_path": str(data.key_path), "meta": data.meta,
        "scale": ctx.scale.name, "workdir": str(ctx.workdir), "groups": sorted(groups & {"2", "7"}),
        "profile": str(ctx.profile_dir) if ctx.profile_dir else "", "out": str(out)}))
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH", "")]))}
    child = subprocess.Popen([sys.executable, "-m", "benchmarks.ui_child", str(args_file)], cwd=root, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    tail: deque[str] = deque(maxlen=25)
    fatal = ""
    assert child.stderr is not None
    for line in child.stderr:
        tail.append(line.rstrip())
        if "Fatal Python error" in line and not fatal:
            fatal = line.strip()
        if line.startswith("    ") or "Fatal Python error" in line:
            log(line.rstrip())
    child.wait()
    measured = {f["id"]: Figure.from_json(f) for f in (json.loads(out.read_text()) if out.exists() else [])}
    figures = []
    for fid in ids:
        if fid in measured:
            figures.append(measured[fid])
        else:
            reason = fatal or (tail[-1] if tail else "")
            figures.append(failed(fid, *TITLES[fid], RuntimeError(
                f"the till process ended with status {child.returncode} before this figure: {reason}")))
            log("\n".join(tail))
    log(f"  {', '.join(ids)}: {time.perf_counter() - started:.1f} s")
    return figures


# -- the table ---------------------------------------------------------------------
def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "scans":
        return f"{value:.0f}"
    text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return f"{text} {unit}"


def table(results: dict) -> str:
    rows = [("figure", "ours", "ours p99", "baseline", "base p99", "ratio", "p99 ratio", "budget", "met")]
    for fid in FIGURE_IDS:
        f = results["figures"].get(fid)
        if f is None:
            continue
        ratio = "-" if f["ratio"] is None else f"{f['ratio']:.2f}x"
        ratio_p99 = "-" if f["ratio_p99"] is None else f"{f['ratio_p99']:.2f}x"
        met = "ERROR" if f["error"] else {True: "yes", False: "NO", None: "-"}[f["met"]]
        rows.append((f"{fid[0]}. {f['title']}", _number(f["value"], f["unit"]), _number(f["value_p99"], f["unit"]),
                     _number(f["baseline"], f["unit"]) if f["baseline"] is not None else f["baseline_label"],
                     _number(f["baseline_p99"], f["unit"]), ratio, ratio_p99, f["budget"], met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    for fid in FIGURE_IDS:
        f = results["figures"].get(fid)
        if f and f["error"]:
            lines.append(f"{fid}: {f['error']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    results = run_suite(args.scale, args.db, args.groups, profile_dir=args.profile, keep=args.keep,
                        try_indexes=args.try_indexes, log=log)
    from benchmarks.dataset import bench_root

    out = args.json or bench_root() / f"results-{args.scale}-{args.db}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print(f"NTT Mart POS benchmarks: scale {results['scale']}, {results['backend']}, "
          f"{results['dataset'].get('products')} products, {results['dataset'].get('sales')} sales "
          f"({results['seconds']} s){' + proposed indexes' if results['extra_indexes'] else ''}; "
          f"load average {results['machine']['load_average_at_end'][1]:.1f}")
    print(table(results))
    print(f"JSON: {out}")
    figures = results["figures"].values()
    status = 1 if any(f["error"] for f in figures) else 0
    if args.strict and any(f["met"] is False for f in figures):
        status = 1
    return status

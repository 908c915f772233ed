"""Budgets 2 and 7 in a process of their own: ``python -m benchmarks.ui_child ARGS.json``.

The till's window runs here, not in the runner: a Qt crash (PySide6 6.12
aborts Python 3.11 processes once ``None`` runs out of references) then
costs only these figures, which the runner reports as errors with the last
lines the child wrote.  Each figure is written to the output file as soon
as it is measured, so a crash in 7 keeps 2.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks import bench_ui
    from benchmarks.context import RunContext
    from benchmarks.dataset import Dataset
    from benchmarks.scales import SCALES

    args = json.loads(Path((argv or sys.argv[1:])[0]).read_text())
    dataset = Dataset(args["backend"], args["url"], Path(args["key_path"]), args["meta"])

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    ctx = RunContext(dataset, SCALES[args["scale"]], Path(args["workdir"]),
                     Path(args["profile"]) if args["profile"] else None, log)
    out = Path(args["out"])
    done: list[dict] = []
    window = bench_ui.open_till(ctx)
    for group, work in (("2", bench_ui.scan_to_row), ("7", bench_ui.scanner)):
        if group in args["groups"]:
            done.append(work(ctx, window).as_json())
            out.write_text(json.dumps(done, default=str))
    bench_ui.close_till(window)
    ctx.close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # skip Qt's teardown at exit: its crashes there would hide that everything was measured


if __name__ == "__main__":
    sys.exit(main())

"""A fresh program process for budgets 6 and 8: start the till, log in, wait for the scan field.

    python -m benchmarks.probe --db URL --journal-key PATH --config DIR [--day-end YYYY-MM-DD]

Builds the main window exactly as the program does (``nttmart_pos.app.build``
with the command-line options), logs ``kasir`` in through the login screen
and prints ``READY`` the moment the cashier screen shows with the scan field
holding the keyboard focus (the parent times the process up to that line,
interpreter start and imports included).  Then it prints one JSON line: the
resident size after start-up and, with ``--day-end``, after a day-end run
(the day's dashboard, drafting the day's payouts and writing their PDFs).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

START = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> dict[str, float]:
    """Resident size now and at its peak in MB: VmRSS and VmHWM of /proc/self/status, else psutil."""
    status = Path("/proc/self/status")
    if not status.exists():
        import psutil  # type: ignore[import-not-found]  # not on Linux: psutil, if installed

        rss = psutil.Process().memory_info().rss / 2**20
        return {"rss": rss, "peak": rss}
    values = {}
    for line in status.read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values["rss" if key == "VmRSS" else "peak"] = int(rest.split()[0]) / 1024
    return values


def _ready(window) -> bool:
    from PySide6.QtWidgets import QApplication

    scan = window.cashier.scanInput
    return window.stack.currentWidget() is window.cashier and QApplication.focusWidget() is scan


def day_end(window, day, out: Path) -> dict:
    """What the manager runs at the end of the day: dashboard, payouts drafted, their PDFs."""
    from nttmart_pos.db.uow import UnitOfWork
    from nttmart_pos.domain.users import UserInfo
    from nttmart_pos.reports.payout_pdf import payout_pdf
    from nttmart_pos.services.dashboard import dashboard
    from nttmart_pos.services.settlement import create_payouts, payout_document

    engine, settings = window.context.engine, window.context.settings
    manager = UserInfo(2, "manajer", "Yohanes Seran", "manager")  # benchmarks.catalog_rows.USERS
    started = time.perf_counter()
    dashboard(UnitOfWork(engine), day, day)
    numbers = create_payouts(UnitOfWork(engine, write=True), manager, day, day)
    out.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        payout_pdf(payout_document(UnitOfWork(engine), number), settings, out / f"{number}.pdf")
    return {"payouts": len(numbers), "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    parser.add_argument("--db", required=True)
    parser.add_argument("--journal-key", required=True)
    parser.add_argument("--config", required=True, help="a folder for settings.toml")
    parser.add_argument("--day-end", help="also run the day-end of this local day (YYYY-MM-DD)")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from nttmart_pos.app import build

    config = Path(args.config)
    window = build(["--db", args.db, "--config", str(config / "settings.toml"), "--printer", "none",
                    "--journal-key", args.journal_key])
    window.activateWindow()
    window.login.user.setText("kasir")
    window.login.pin.setText("1234")
    window.login.submit()
    deadline = time.perf_counter() + args.timeout
    while not _ready(window):
        QApplication.processEvents()
        if time.perf_counter() > deadline:
            print(json.dumps({"error": "the scan field never got the focus"}), flush=True)
            return 1
    ready = time.perf_counter() - START
    print("READY", flush=True)
    for _ in range(5):  # let the screen settle: what it holds now is what a till holds while selling
        QApplication.processEvents()
        time.sleep(0.05)
    result = {"ready_in_process_s": ready, "after_startup": rss_mb()}
    if args.day_end:
        from datetime import date

        result["day_end"] = day_end(window, date.fromisoformat(args.day_end), config / "payouts")
        QApplication.processEvents()
        result["after_day_end"] = rss_mb()
    print(json.dumps(result), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

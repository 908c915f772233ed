"""How big each benchmark scale is: the data it builds and how many repetitions it times."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    products: int
    vendors: int
    days: int
    sales_per_day: int
    lookups: int  # barcode lookups timed (1)
    scans: int  # scan-to-cart-line events timed (2)
    checkouts: int  # sales committed (3)
    report_repeats: int  # day settlement and dashboard runs (4)
    startup_repeats: int  # start-up subprocesses per database (6)
    scanner: tuple[tuple[int, int], ...]  # (ms per character, scans) for the robustness run (7)
    cart_lines: int = 50  # cart size while timing the scan path (2)
    background_sale_ms: int = 250  # one background sale this often during the robustness run (7)


SCALES = {
    # The smoke test's scale: every code path, seconds in all.
    "tiny": Scale("tiny", products=200, vendors=5, days=3, sales_per_day=20, lookups=60, scans=15, checkouts=10,
                  report_repeats=2, startup_repeats=1, scanner=((1, 12), (8, 4), (16, 2), (50, 1)),
                  cart_lines=10, background_sale_ms=100),
    "small": Scale("small", products=10_000, vendors=60, days=30, sales_per_day=300, lookups=2_000, scans=300,
                   checkouts=200, report_repeats=5, startup_repeats=3,
                   scanner=((1, 600), (8, 200), (16, 120), (50, 40))),
    # The figures: 100,000 products, 300 vendors, a year at 1,000 sales a day.
    # 10,000 scans in all; more of them fast, since 14 characters at 50 ms take 0.7 s a scan.
    "full": Scale("full", products=100_000, vendors=300, days=365, sales_per_day=1_000, lookups=10_000, scans=1_000,
                  checkouts=500, report_repeats=7, startup_repeats=5,
                  scanner=((1, 6_000), (8, 2_000), (16, 1_500), (50, 500))),
}

# The start-up comparison's small catalogue (6): 100 products, no sales history.
STARTUP_SMALL = Scale("startup-100", products=100, vendors=5, days=0, sales_per_day=0, lookups=0, scans=0,
                      checkouts=0, report_repeats=0, startup_repeats=0, scanner=())

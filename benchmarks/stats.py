"""Timing helpers and the ``Figure``: one measured number, its baseline, the ratio and the budget."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

# Every figure the suite reports, by budget number of the issue; the JSON has one entry for each.
FIGURE_IDS = (
    "1_lookup",
    "2_scan_to_row",
    "3_checkout",
    "4_settlement_day",
    "4_dashboard_year",
    "5_payout_pdfs",
    "6_startup",
    "7_scanner",
    "8_memory_startup",
    "8_memory_day_end",
)
GROUPS = {str(n): [f for f in FIGURE_IDS if f.startswith(f"{n}_")] for n in range(1, 9)}


@dataclass
class Figure:
    """``value`` and ``baseline`` in ``unit``; ``met`` compares ``ratio`` (or ``value``) with ``limit``."""

    id: str
    title: str
    unit: str
    value: float | None
    baseline: float | None = None
    baseline_label: str = ""
    limit: float | None = None  # a ratio when ``limit_kind`` is "ratio", else in ``unit``
    limit_kind: str = "ratio"  # "ratio", "max" (value <= limit) or "zero" (value == 0)
    value_p99: float | None = None
    baseline_p99: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def ratio_p99(self) -> float | None:
        if self.value_p99 is None or not self.baseline_p99:
            return None
        return self.value_p99 / self.baseline_p99

    @property
    def met(self) -> bool | None:
        if self.error or self.value is None or self.limit is None:
            return None if not self.error else False
        if self.limit_kind == "ratio":
            return self.ratio is not None and self.ratio <= self.limit
        if self.limit_kind == "zero":
            return self.value == 0
        return self.value <= self.limit

    @property
    def budget(self) -> str:
        if self.limit is None:
            return "-"
        if self.limit_kind == "ratio":
            return f"<= {self.limit:g}x"
        if self.limit_kind == "zero":
            return "0"
        return f"<= {self.limit:g} {self.unit}"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Figure":
        """The figure back from ``as_json`` (the derived keys are left out)."""
        names = cls.__dataclass_fields__.keys()
        return cls(**{key: value for key, value in data.items() if key in names})

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ratio=self.ratio, ratio_p99=self.ratio_p99, met=self.met, budget=self.budget)
        return data


def failed(figure_id: str, title: str, unit: str, exc: BaseException) -> Figure:
    return Figure(figure_id, title, unit, None, error=f"{type(exc).__name__}: {exc}")


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` 0-100) of a non-empty list."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(samples: list[float]) -> dict[str, float]:
    """Median, p99, min, max and count of timings (in the samples' unit)."""
    return {"median": percentile(samples, 50), "p99": percentile(samples, 99), "min": min(samples),
            "max": max(samples), "n": len(samples)}


def ms(seconds: float) -> float:
    return seconds * 1000.0


def time_pairs(ours: Callable[[int], Any], raw: Callable[[int], Any], repeats: int, warmup: int = 3,
               ) -> tuple[list[float], list[float]]:
    """Time ``ours(i)`` and ``raw(i)`` alternately (fair under drifting load), in ms; garbage collection off."""
    for i in range(min(warmup, repeats)):
        ours(i)
        raw(i)
    ours_ms, raw_ms = [], []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for i in range(repeats):
            start = time.perf_counter()
            raw(i)
            middle = time.perf_counter()
            ours(i)
            end = time.perf_counter()
            raw_ms.append(ms(middle - start))
            ours_ms.append(ms(end - middle))
            if i % 200 == 199:
                gc.collect()  # between samples, never inside one
    finally:
        if enabled:
            gc.enable()
    return ours_ms, raw_ms


def time_repeated(work: Callable[[], Any], repeats: int) -> list[float]:
    """``work()`` ``repeats`` times, each in ms."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        samples.append(ms(time.perf_counter() - start))
    return samples

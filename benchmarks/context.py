"""What every benchmark of one run shares: the database copy, an engine as the program makes it, the raw
connection, the scale, a seeded random source, and where to put files and profiles."""

from __future__ import annotations

import cProfile
import io
import pstats
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from benchmarks.dataset import Dataset
from benchmarks.raw import RawDb
from benchmarks.scales import Scale
from nttmart_pos.db.engine import make_engine
from nttmart_pos.services.journal import install_key


@dataclass
class RunContext:
    dataset: Dataset
    scale: Scale
    workdir: Path
    profile_dir: Path | None = None
    log: Callable[[str], None] = print
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    _engine: Engine | None = None
    _raw: RawDb | None = None
    _codes: list[str] | None = None

    @property
    def engine(self) -> Engine:
        """The engine the program would make (``db.engine.make_engine``), with the journal key installed."""
        if self._engine is None:
            self._engine = make_engine(self.dataset.url)
            install_key(self._engine, self.dataset.key)
        return self._engine

    @property
    def raw(self) -> RawDb:
        if self._raw is None:
            self._raw = RawDb(self.dataset.url)
        return self._raw

    def unit_codes(self) -> list[str]:
        """Barcodes of every active piece product (what a scanner reads), in id order."""
        if self._codes is None:
            with self.engine.connect() as conn:
                self._codes = list(conn.execute(text(
                    "SELECT barcode FROM products WHERE measure = 'unit' AND active = :yes ORDER BY id"),
                    {"yes": True}).scalars())
        return self._codes

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
        if self._engine is not None:
            self._engine.dispose()

    def profile(self, name: str, work: Callable[[], Any]) -> str:
        """Run ``work`` once under cProfile when profiling is asked for; the top of the profile as text."""
        if self.profile_dir is None:
            return ""
        profiler = cProfile.Profile()
        profiler.runcall(work)
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(self.profile_dir / f"{name}.prof"))
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        (self.profile_dir / f"{name}.txt").write_text(out.getvalue())
        return str(self.profile_dir / f"{name}.txt")

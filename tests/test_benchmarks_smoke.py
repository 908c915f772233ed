"""The benchmark suite (``python -m benchmarks``) works: its whole pipeline at a tiny scale.

This checks the benchmark code, not the timings: the generated store is
valid for the services (the journal verifies, generated payouts equal what
settlement computes), and one run writes a JSON with every figure, each
measured without error.  The real run is ``python -m benchmarks --scale full``
(README, "Benchmarks").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks package sits beside the tests, outside the installed package
    sys.path.insert(0, str(ROOT))


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "NTTMART_BENCH_DIR": str(tmp_path / "bench"), "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}


def _run(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, "-m", "benchmarks", "--scale", "tiny", "--json", str(out), *args],
                            cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    assert "Barcode lookup" in result.stdout or "--only" in " ".join(args)
    return json.loads(out.read_text())


def test_the_whole_suite_runs_at_tiny_scale_and_reports_every_figure(tmp_path):
    from benchmarks.stats import FIGURE_IDS

    results = _run(tmp_path)
    assert sorted(results["figures"]) == sorted(FIGURE_IDS)
    for figure_id, figure in results["figures"].items():
        assert figure["error"] == "", figure_id
        assert figure["value"] is not None, figure_id
        assert figure["budget"] != "-", figure_id
    checkout = results["figures"]["3_checkout"]
    assert checkout["details"]["one_commit_per_sale"] is True
    assert checkout["baseline"] > 0 and checkout["ratio"] > 0
    assert results["figures"]["5_payout_pdfs"]["details"]["pdfs_written"] == 5  # every vendor sold on the last day
    assert results["figures"]["7_scanner"]["value"] == 0  # nothing lost, merged or split
    assert results["figures"]["6_startup"]["baseline"] > 0
    assert results["dataset"]["products"] == 200 and results["dataset"]["sales"] == 60


@pytest.mark.postgres
def test_the_database_figures_run_on_postgresql(tmp_path):
    if not os.environ.get("NTTMART_TEST_PG_URL"):
        pytest.skip("needs NTTMART_TEST_PG_URL")
    try:
        results = _run(tmp_path, "--db", "postgresql", "--only", "1,3,4")
    finally:  # the cached template database lives on the server, not in tmp_path
        subprocess.run([sys.executable, "-c", "from benchmarks.dataset import drop_cache; "
                        "from benchmarks.scales import SCALES; drop_cache('postgresql', SCALES['tiny'])"],
                       cwd=ROOT, env=_env(tmp_path), check=True, timeout=120)
    assert sorted(results["figures"]) == ["1_lookup", "3_checkout", "4_dashboard_year", "4_settlement_day"]
    assert all(figure["error"] == "" and figure["ratio"] for figure in results["figures"].values())


def test_the_generated_store_is_valid_for_the_services(tmp_path, monkeypatch):
    """Journal chain verifies; stock cache equals the ledger; weekly payouts equal settlement's figures."""
    monkeypatch.setenv("NTTMART_BENCH_DIR", str(tmp_path / "bench"))
    from benchmarks import dataset as dataset_module
    from benchmarks.scales import SCALES
    from nttmart_pos.db.engine import make_engine
    from nttmart_pos.db.uow import UnitOfWork
    from nttmart_pos.services.journal_verify import verify_journal
    from nttmart_pos.services.settlement import settlement_figures

    data = dataset_module.work_copy("sqlite", SCALES["tiny"], log=lambda _text: None)
    engine = make_engine(data.url)
    try:
        check = verify_journal(UnitOfWork(engine), data.key)
        assert check.ok and check.count == data.meta["sales"] + data.meta["refunds"]
        with engine.begin() as conn:
            assert conn.execute(text(
                "SELECT count(*) FROM products p WHERE stock_on_hand != "
                "(SELECT coalesce(sum(quantity), 0) FROM stock_movements m WHERE m.product_id = p.id)")).scalar() == 0
            saved = {row[0]: tuple(row[1:]) for row in conn.execute(text(
                "SELECT vendor_id, units, gross, refunds, commission, balance, amount FROM payouts"))}
            last_day = settlement_figures(UnitOfWork(engine), data.last_day, data.last_day)
            assert last_day and all(f.has_lines for f in last_day)  # the last day is left to settle
            conn.execute(text("DELETE FROM payout_items"))
            conn.execute(text("DELETE FROM payouts"))
            conn.execute(text("DELETE FROM counters WHERE name LIKE 'settle:%'"))  # the marks went with them
        computed = settlement_figures(UnitOfWork(engine), data.first_day, data.last_day - timedelta(days=1))
        assert saved == {f.vendor_id: (f.units, f.gross, f.refunds_total, f.commission, f.balance, f.amount)
                         for f in computed}
    finally:
        engine.dispose()
        dataset_module.discard(data)

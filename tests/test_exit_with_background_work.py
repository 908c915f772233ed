"""Closing the program while a background job runs (a print-queue pass, a backup): the job
ends before PySide's exit clean-up destroys the Qt objects it reports through.

Without the wait in ``ui/worker.py`` the job emitted into a deleted signal object
("Signal source has been deleted") and the process could die with SIGSEGV at exit,
as the benchmark's day-end probe did after a day-end longer than the queue's 10 s retry.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROGRAM = """
import sys, time
from pathlib import Path
from nttmart_pos.app import application
from nttmart_pos.ui.worker import run_in_background

app = application()

def job(number):
    def work():
        time.sleep(0.2 * number)  # still running when the script ends
        (Path(sys.argv[1]) / f"{number}.done").write_text("done")
        return number
    return work

for number in range(1, 5):
    run_in_background(job(number), on_success=print)
time.sleep(0.05)
"""


def test_the_program_exits_cleanly_after_its_running_jobs_end(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    result = subprocess.run([sys.executable, "-X", "faulthandler", "-c", PROGRAM, str(tmp_path)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.name for p in tmp_path.glob("*.done")) == ["1.done", "2.done", "3.done", "4.done"]
    assert "deleted" not in result.stderr and "Error calling" not in result.stderr, result.stderr[-3000:]

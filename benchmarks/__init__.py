"""Performance benchmarks of NTT Mart POS, each figure timed against a raw baseline in the same run.

Run ``python -m benchmarks --scale full`` (see ``benchmarks/run.py`` and the
README's "Benchmarks" section).  The suite builds its own data (cached under
``/tmp/nttmart-bench``), times the program's own code paths and the minimal
equivalent work done with plain ``sqlite3`` / ``psycopg``, and prints a table
(and writes JSON) of every figure with its baseline, the ratio and the budget.

It is a developer tool: its output is English only and it is not part of the
normal test run (``tests/test_benchmarks_smoke.py`` runs it at a tiny scale to
check that the benchmark code itself works).
"""

"""The layering rules of pyproject.toml's import-linter contracts hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_are_kept():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(lint).exists():
        pytest.fail("import-linter is a test dependency: pip install -e '.[test]'")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout


def test_no_module_is_over_400_lines():
    long = [f"{p.relative_to(ROOT)} ({n})" for p in (ROOT / "nttmart_pos").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not long


def test_every_module_says_what_it_is_for():
    import ast

    bare = [str(p.relative_to(ROOT)) for p in (ROOT / "nttmart_pos").rglob("*.py")
            if p.parent.name != "versions" and p.name != "env.py"
            and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert not bare

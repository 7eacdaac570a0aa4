"""The code passes a strict type check (mypy) and the linter (ruff): CI fails on either."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_ruff_finds_nothing():
    done = subprocess.run([_tool("ruff"), "check", "qlmatrix", "tests", "scripts"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_finds_nothing():
    done = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)  # settings: pyproject.toml
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr


def test_the_package_says_it_is_typed():
    assert (ROOT / "qlmatrix" / "py.typed").is_file()

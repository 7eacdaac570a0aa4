"""Layers point one way (cli -> render/checks/parser -> diagnostics -> model), checked by import-linter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" in done.stdout and "0 broken" in done.stdout


def test_every_module_is_in_a_layer():
    """A new top-level module must be placed in the contract, or the contract proves nothing about it."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    package = ROOT / "qlmatrix"
    modules = sorted(p.stem if p.is_file() else p.name for p in package.iterdir()
                     if (p.suffix == ".py" and p.stem not in ("__init__", "__main__"))
                     or (p.is_dir() and (p / "__init__.py").exists()))
    missing = [name for name in modules if f"qlmatrix.{name}" not in text]
    assert missing == []

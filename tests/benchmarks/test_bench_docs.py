"""docs/performance.md's commands exist as written (the figures themselves come from scripts/bench.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import qlmatrix
from qlmatrix.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")


def test_every_bench_option_in_the_docs_exists():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--help"],
                          capture_output=True, text=True, check=True)
    used = set(re.findall(r"scripts/bench\.py((?: --?[a-z]+(?: [^\s-]\S*)?)*)", DOC))
    options = {option for found in used for option in re.findall(r"(?<!\S)--?[a-z]+", found)}
    assert options and all(option in done.stdout for option in options), options


def test_the_scale_example_runs(tmp_path, monkeypatch, capsys):
    commands = re.findall(r"^\.venv/bin/qlm (gen .*)$", DOC, re.M)
    assert commands
    monkeypatch.chdir(tmp_path)
    for command in commands:
        argv = command.split()
        argv[argv.index("--tasks") + 1] = "200"  # the documented size, shrunk for the test run
        assert main(argv) == 0
    assert len(list(qlmatrix.load(tmp_path / "big.qlm").tasks())) == 200


def test_the_readme_points_at_the_bench_command():
    assert "scripts/bench.py" in (ROOT / "README.md").read_text(encoding="utf-8")

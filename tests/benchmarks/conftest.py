"""Plans for the benchmarks, generated once per session.

The default test run executes every benchmark once as a plain test
(`--benchmark-disable` in pyproject.toml) on a 1k-task plan. To time them:

    QLM_BENCH_SIZES=1k,10k .venv/bin/python -m pytest tests/benchmarks --benchmark-enable

100k tasks is left to `scripts/bench.py`, which also prints the ratios of the
targets in docs/performance.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.gen import generate

TASKS = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
SIZES = [size.strip() for size in os.environ.get("QLM_BENCH_SIZES", "1k").split(",") if size.strip()]


class Sample:
    """One generated plan: its .qlm file, its text and the plan read back."""

    def __init__(self, folder: Path, size: str):
        self.size = size
        self.path = folder / f"gen-{size}.qlm"
        self.path.write_text(qlmatrix.dumps(generate(TASKS[size], seed=0)), encoding="utf-8")
        self.text = self.path.read_text(encoding="utf-8")
        self.plan = qlmatrix.load(self.path)


@pytest.fixture(scope="session", params=SIZES)
def sample(request, tmp_path_factory) -> Sample:
    return Sample(tmp_path_factory.mktemp("bench"), request.param)

"""Every table format and both diagrams' DOT text."""

from __future__ import annotations

import pytest

from qlmatrix.render import DIAGRAMS, TABLE_FORMATS, diagram_source, table, workbook


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_table(benchmark, sample, fmt):
    out = benchmark(table, sample.plan, "tasks", fmt)
    assert out


def test_workbook(benchmark, sample):
    """`qlm table --format xlsx` without --view: every view in one workbook (target 6)."""
    assert benchmark(workbook, sample.plan)[:2] == b"PK"


@pytest.mark.parametrize("view", DIAGRAMS)
def test_dot(benchmark, sample, view):
    """Building the DOT text only; Graphviz's layout is timed by scripts/bench.py (target 6)."""
    assert benchmark(diagram_source, sample.plan, view).startswith("digraph")

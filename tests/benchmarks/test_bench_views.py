"""Every table format of every view (target: each within 3× load + check of the same plan, at 10k tasks).

scripts/bench_render.py prints the ratios; here each is timed by pytest-benchmark (run once as a
plain test in the ordinary test run).
"""

from __future__ import annotations

import pytest

from qlmatrix.render import TABLE_FORMATS, VIEWS, table


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_view_in_format(benchmark, sample, view, fmt):
    out = benchmark(table, sample.plan, view, fmt)
    assert out

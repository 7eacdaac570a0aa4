"""Figure 7 of scripts/bench.py: every table format and view of a 10k-task plan against load + check.

Target (issue 13): each within 3× of `qlm check`'s load + full check of the same file. Timed in
the same process, interleaved with load + check, best of `repeat` runs.

    .venv/bin/python scripts/bench.py --only 7
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

TARGET = 3.0


def rendering_views(report: Any, path10: Path, plan10: Any, repeat: int,
                    best_of: Callable[..., list[float]], load_and_check: Callable[[Path], object]) -> None:
    """A line per format × view: its time, load + check's, and the ratio."""
    from qlmatrix.render import TABLE_FORMATS, VIEWS, table

    runs = max(1, repeat // 2)
    for fmt in TABLE_FORMATS:
        for view in VIEWS:
            ours, base = best_of(runs, partial(table, plan10, view, fmt), partial(load_and_check, path10))
            report.add("8", f"{fmt} {view} 10k / load+check 10k", f"{ours:.2f} s / {base:.3f} s", ours / base,
                       "≤ 3×", TARGET, cpu=ours.cpu / base.cpu if hasattr(ours, "cpu") and base.cpu else None)

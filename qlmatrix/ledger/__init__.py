"""The supervision ledger (督办台账): the Python API behind `qlm ledger`.

    for template in templates(resolve(plan)):          # one fill-in workbook per lead unit
        write(template.filename, template.data)
    records, problems = read_returns(resolved, paths, as_of)   # the returned workbooks, checked
    log, refused = merged(log, records, task_order)    # qlmatrix.progress: never older over newer
    render_board(board_table(resolved, log, as_of), "xlsx")

The progress file's format is `qlmatrix.progress` (docs/ledger.md).
"""

from __future__ import annotations

import os

from ..render.table import Table
from .board import board_rows, board_table
from .returns import ReturnProblem, read_returns
from .template import Template, templates

__all__ = ["BOARD_FORMATS", "ReturnProblem", "Template", "board_rows", "board_table", "progress_path",
           "read_returns", "render_board", "templates"]

BOARD_FORMATS = ("term", "md", "html", "xlsx", "docx")
PROGRESS_SUFFIX = ".progress.jsonl"


def progress_path(plan_path: str) -> str:
    """Where a plan's progress is kept: beside it, `plan.qlm` -> `plan.progress.jsonl`."""
    stem, _ = os.path.splitext(plan_path)
    return stem + PROGRESS_SUFFIX


def render_board(table: Table, fmt: str = "term", color: bool = False, width: int | None = None) -> str | bytes:
    """The 督办台账 (a `Table` from `board_table`) in `fmt`: term, md, html, xlsx or docx; `width` is the
    terminal table's line width in display cells (`term` only)."""
    if fmt in BOARD_FORMATS:
        from ..render import emit_table

        return emit_table(table, fmt, color=color, width=width)
    raise ValueError(f"unknown ledger format `{fmt}`; choose one of {', '.join(BOARD_FORMATS)}")

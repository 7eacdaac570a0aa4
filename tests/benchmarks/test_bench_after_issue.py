"""After issue: `qlm diff`, the work calendar and the ledger's workbooks and 督办台账 on a generated plan."""

from __future__ import annotations

from datetime import date

import attrs

from qlmatrix import resolve
from qlmatrix.calendar import build_calendar, render_calendar
from qlmatrix.diff import diff
from qlmatrix.ledger import board_table, render_board, templates
from qlmatrix.progress import ProgressLog, ProgressRecord

YEAR = date(2022, 1, 1), date(2022, 12, 31)


def test_diff_same(benchmark, sample):
    """Every task matched by its content at the first pass."""
    assert benchmark(diff, sample.plan, sample.plan).empty


def test_diff_reordered(benchmark, sample):
    """The sections in reverse order: every task moved, found by content, not by id."""
    reversed_plan = attrs.evolve(sample.plan, items=tuple(reversed(sample.plan.items)))
    assert benchmark(diff, sample.plan, reversed_plan).counts()["added"] == 0


def test_calendar_ics(benchmark, sample):
    work = build_calendar(sample.plan, *YEAR, issued=date(2022, 3, 15))
    assert benchmark(render_calendar, work, "ics").startswith(b"BEGIN:VCALENDAR")


def test_calendar_build(benchmark, sample):
    assert benchmark(build_calendar, sample.plan, *YEAR).entries


def test_ledger_templates(benchmark, sample):
    assert benchmark(templates, resolve(sample.plan))


def test_ledger_board(benchmark, sample):
    resolved = resolve(sample.plan)
    log = ProgressLog("x", "", tuple(ProgressRecord(t.id, t.lead or "", date(2022, 7, 1), "序时推进")
                                     for t in resolved.tasks[::3]))
    assert benchmark(lambda: render_board(board_table(resolved, log, date(2022, 7, 5)), "xlsx"))[:2] == b"PK"

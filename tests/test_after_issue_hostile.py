"""Hostile names through the after-issue outputs (diff, calendar, ledger), judged by real parsers.

The plan of tests/test_hostile_names.py, with a cadence on every task, so
that each name reaches an occurrence, a workbook row, a ledger row and a
修改对照表 row.
"""

from __future__ import annotations

import io
import json
from datetime import date

import attrs
import docx
import icalendar
import openpyxl
import pytest
from lxml import html as lxml_html

from qlmatrix import Task
from qlmatrix.calendar import build_calendar, render_calendar
from qlmatrix.diff import diff, render_diff
from qlmatrix.ledger import board_table, render_board, templates
from qlmatrix.progress import ProgressLog, ProgressRecord
from qlmatrix.resolve import resolve

from .test_hostile_names import CONTROL, DOCUMENT_CONTROL, INVISIBLE, hostile_plan

YEAR = date(2022, 1, 1), date(2022, 12, 31)


def with_cadence(plan):
    section = plan.items[0]
    items = [attrs.evolve(item, cadence="每季度") if isinstance(item, Task) else item for item in section.items]
    return attrs.evolve(plan, items=[attrs.evolve(section, items=items)])


@pytest.fixture(scope="module")
def plan():
    return with_cadence(hostile_plan())


def terminal_safe(text: str) -> None:
    assert not CONTROL.search(text) and not INVISIBLE.search(text)
    text.encode("utf-8")


def test_calendar_in_every_format(plan):
    work = build_calendar(plan, *YEAR)
    assert len(work.occurrences()) == 4 * len(resolve(plan).tasks)
    terminal_safe(render_calendar(work, "term"))
    lxml_html.fromstring(render_calendar(work, "html"))
    json.loads(render_calendar(work, "json"))
    openpyxl.load_workbook(io.BytesIO(render_calendar(work, "xlsx")))
    events = list(icalendar.Calendar.from_ical(render_calendar(work, "ics")).walk("VEVENT"))
    assert len(events) == len(work.occurrences())
    for event in events:
        assert not DOCUMENT_CONTROL.search(str(event["SUMMARY"]))  # RFC 5545 text carries a tab


def test_diff_in_every_format(plan):
    changed = attrs.evolve(plan, items=[attrs.evolve(plan.items[0], items=plan.items[0].items[1:])])
    found = diff(plan, changed)
    assert found.counts()["removed"] == 1
    terminal_safe(render_diff(found, "text"))
    lxml_html.fromstring(render_diff(found, "html"))
    json.loads(render_diff(found, "json"))
    openpyxl.load_workbook(io.BytesIO(render_diff(found, "xlsx")))
    docx.Document(io.BytesIO(render_diff(found, "docx")))
    assert diff(plan, plan).empty


def test_ledger_templates_and_board(plan):
    resolved = resolve(plan)
    made = templates(resolved)
    assert len(made) == len(resolved.leads_by_unit())
    assert len({t.filename for t in made}) == len(made)  # names differing only in unsafe characters stay apart
    for template in made:
        assert "/" not in template.filename and "\x00" not in template.filename
        openpyxl.load_workbook(io.BytesIO(template.data))
    first = resolved.tasks[0]
    log = ProgressLog("x", "", (ProgressRecord(first.id, first.lead or "", date(2022, 4, 1), "滞后",
                                               progress="进展\x1b[2J", problems="\u202e问题"),))
    board = board_table(resolved, log, date(2022, 7, 1))
    terminal_safe(render_board(board, "term"))
    lxml_html.fromstring(render_board(board, "html"))
    openpyxl.load_workbook(io.BytesIO(render_board(board, "xlsx")))
    docx.Document(io.BytesIO(render_board(board, "docx")))

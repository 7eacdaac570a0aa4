"""The 督办台账: every task with its lead, due date, latest status and an overdue mark, as of a date.

Built once as a render `Table` (a group per section of the plan) and written
by the table emitters (terminal, Markdown, HTML, XLSX, DOCX), like every
other table of qlmatrix. Who leads comes from the resolution; where a task
stands from `qlmatrix.progress.standing`.
"""

from __future__ import annotations

from datetime import date

import attrs

from ..progress import ProgressLog, ProgressRecord, Standing, standing
from ..render.roles import PlanIndex
from ..render.table import Cell, Column, Group, Table, numbered
from ..render.views import keep_whole, leads_text
from ..resolve import ResolvedPlan, ResolvedTask
from .template import timing

VIEW = "ledger"
COLUMNS = (Column("编号", 8), Column("重点任务", 24, main=True), Column("牵头单位", 10), Column("完成时限/频次", 14),
           Column("应完成日期", 10), Column("完成状态", 8), Column("进展情况", 30), Column("存在问题", 20),
           Column("报送日期", 10), Column("督办提示", 20))
OVERDUE_MARK = "【逾期】"
#: The columns whose cells are each one unit of text: 编号, 应完成日期, 报送日期.
WHOLE_COLUMNS = (0, 4, 8)


@attrs.frozen
class BoardRow:
    task: ResolvedTask
    latest: ProgressRecord | None
    standing: Standing


def board_rows(resolved: ResolvedPlan, log: ProgressLog, as_of: date, issued: date | None = None) -> list[BoardRow]:
    """Every task, in plan order, with its newest return on or before `as_of` and where it stands."""
    newest = log.latest_by_task(until=as_of)
    return [BoardRow(task, newest.get(task.id), standing(task, newest.get(task.id), as_of, issued))
            for task in resolved.tasks]


def board_table(resolved: ResolvedPlan, log: ProgressLog, as_of: date, issued: date | None = None) -> Table:
    rows = board_rows(resolved, log, as_of, issued)
    groups: list[Group] = []
    current: str | None = None
    cells: list[tuple[Cell, ...]] = []
    for row in rows:
        section = row.task.sections[0] if row.task.sections else None
        heading = numbered(section.number, section.title) if section is not None else None
        if cells and heading != current:
            groups.append(Group(current, cells))
            cells = []
        current = heading
        cells.append(_cells(row))
    if cells:
        groups.append(Group(current, cells))
    overdue = sum(row.standing.overdue for row in rows)
    behind = sum(1 for row in rows if row.latest is not None and row.latest.status == "滞后")
    unreported = sum(1 for row in rows if row.latest is None)
    title = f"{resolved.plan.title} · 督办台账" if resolved.plan.title else "督办台账"
    notes = [f"截至 {as_of.isoformat()}：逾期 {overdue} 项，滞后 {behind} 项，未报送进展 {unreported} 项"]
    # A unit name or a due phrase never breaks inside, as in the plan's own tables; nor a task's id
    # (`二(一)`) or a date (`2022-07-05`), the columns of 编号 and of dates.
    whole = {cells[col].text for group in groups for cells in group.rows for col in WHOLE_COLUMNS}
    return Table(VIEW, title, COLUMNS, groups, group_label="章节", notes=notes,
                 keep=keep_whole(PlanIndex(resolved)) | {text for text in whole if text})


def _cells(row: BoardRow) -> tuple[Cell, ...]:
    task, latest, where = row.task, row.latest, row.standing
    note = where.note.zh
    if where.overdue:
        note = OVERDUE_MARK + note
    return tuple(Cell(text) for text in (
        task.id, task.title, leads_text(task, task.leads), timing(task), where.due.isoformat() if where.due else "",
        latest.status if latest else "未报送", latest.progress if latest else "", latest.problems if latest else "",
        latest.as_of.isoformat() if latest else "", note))

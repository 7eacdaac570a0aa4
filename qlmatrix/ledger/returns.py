"""Returned workbooks read back (openpyxl), checked against the plan, turned into progress records.

Everything wrong with a return is found and said, each with the file and
row, before anything is recorded: a workbook of another plan or for a unit
that leads nothing, a row copied from another unit's workbook, a locked
column edited, a task id the plan does not have or one given twice, a
status not on the drop-down, a file that is not a workbook. The caller
records nothing when any is found (a collection is all or nothing).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections import Counter
from collections.abc import Iterable
from datetime import date

import attrs

from .. import limits
from ..progress import STATUSES, ProgressRecord, plan_identity
from ..render.errors import missing
from ..render.safe import terminal
from ..resolve import ResolvedPlan, ResolvedTask
from ..source import os_reason, read_bytes
from ..text import Text
from .template import FILL_COLUMNS, HEADING_ROW, HEADINGS, PLAN_COLUMNS, SHEET, plan_cells


@attrs.frozen
class ReturnProblem:
    """Why a return (or one row of it) cannot be recorded. `row` is the sheet's row number, 0 for the file."""

    path: str
    row: int
    message: Text
    #: The file cannot be read at all (exit 2 rather than 1).
    unreadable: bool = False

    def where(self) -> str:
        return f"{self.path}:{self.row}" if self.row else self.path


def read_returns(resolved: ResolvedPlan, paths: Iterable[str], as_of: date
                 ) -> tuple[list[ProgressRecord], list[ReturnProblem]]:
    """The records of every return, and every problem found (records are only to be kept when there is none)."""
    identity = plan_identity(resolved.plan.title, resolved.plan.basis)
    leads = resolved.leads_by_unit()
    records: list[ProgressRecord] = []
    problems: list[ReturnProblem] = []
    seen_tasks: dict[str, str] = {}  # task id -> where it was first returned
    seen_units: dict[str, str] = {}
    for path in paths:
        rows = _rows(path, problems)
        if rows is None:
            continue
        unit = _unit_of(path, rows, identity, leads, problems)
        if unit is None:
            continue
        if unit in seen_units:
            problems.append(ReturnProblem(path, 0, Text(f"a second workbook of `{unit}` (the first is {seen_units[unit]})",
                                                        f"又一份`{unit}`的填报表（第一份是 {seen_units[unit]}）")))
            continue
        seen_units[unit] = path
        led = {task.id: task for task in leads[unit]}
        for number, row in rows:
            record = _record(path, number, row, unit, led, resolved, as_of, seen_tasks, problems)
            if record is not None:
                records.append(record)
    return records, problems


Row = tuple[str, ...]


def _rows(path: str, problems: list[ReturnProblem]) -> list[tuple[int, Row]] | None:
    """(row number, cells as text) of the table under the heading row; None after saying why it cannot be read."""
    def unreadable(en: str, zh: str) -> None:
        problems.append(ReturnProblem(path, 0, Text(en, zh), unreadable=True))

    try:
        data = read_bytes(path)
    except OSError as error:
        reason = os_reason(error)
        unreadable(f"cannot read: {reason.en}", f"无法读取：{reason.zh}")
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        unreadable("not an XLSX workbook (the file is damaged or of another kind)", "不是 XLSX 工作簿（文件已损坏或是其他格式）")
        return None
    # A zip bomb is refused before openpyxl expands it, with the limits the importer uses for .docx.
    if len(members) > limits.MAX_DOCX_MEMBERS or sum(m.file_size for m in members) > limits.MAX_DOCX_EXPANDED:
        unreadable("the workbook expands to more than qlmatrix reads", "工作簿解压后超过允许的大小")
        return None
    try:
        import openpyxl  # type: ignore[import-untyped]  # no type information is published
    except ImportError as error:
        raise missing("openpyxl", "ledger", "Reading returned workbooks", "读取交回的填报表") from error
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) on a damaged file
        unreadable("not an XLSX workbook qlmatrix can read (damaged, or not from `qlm ledger template`)",
                   "无法读取该 XLSX 工作簿（已损坏，或不是由 `qlm ledger template` 生成的）")
        return None
    try:
        if SHEET not in book.sheetnames:
            problems.append(ReturnProblem(path, 0, Text(f"no sheet `{SHEET}`: not a workbook from `qlm ledger template`",
                                                        f"没有“{SHEET}”工作表：不是由 `qlm ledger template` 生成的填报表")))
            return None
        found = []
        for number, values in enumerate(book[SHEET].iter_rows(values_only=True), 1):
            cells = tuple("" if value is None else str(value).strip() for value in values)
            cells = (*cells, *[""] * (len(HEADINGS) - len(cells)))[: len(HEADINGS)]
            if number == HEADING_ROW + 1:
                if cells != HEADINGS:
                    problems.append(ReturnProblem(path, number, Text("the heading row was changed", "表头被改动")))
                    return None
            elif number > HEADING_ROW + 1 and any(cells):
                found.append((number, cells))
        return found
    finally:
        book.close()


_PLAN_ID_COL = len(PLAN_COLUMNS) + len(FILL_COLUMNS)
_UNIT_COL = _PLAN_ID_COL + 1


def _unit_of(path: str, rows: list[tuple[int, Row]], identity: str, leads: dict[str, tuple[ResolvedTask, ...]],
             problems: list[ReturnProblem]) -> str | None:
    """The unit the workbook was made for (its hidden columns), checked to be of this plan and to lead tasks."""
    marked = [(number, row) for number, row in rows if row[_PLAN_ID_COL] or row[_UNIT_COL]]
    if not marked:
        problems.append(ReturnProblem(path, 0, Text("no row carries the plan's identity: not a workbook from `qlm ledger template`",
                                                    "没有一行带有计划标识：不是由 `qlm ledger template` 生成的填报表")))
        return None
    plans = {row[_PLAN_ID_COL] for _, row in marked}
    if plans != {identity}:
        problems.append(ReturnProblem(path, 0, Text("this workbook was made for another plan", "这份填报表是为另一份计划生成的")))
        return None
    # The unit most rows carry: a row pasted from another unit's workbook is then said as such.
    unit = Counter(row[_UNIT_COL] for _, row in marked).most_common(1)[0][0]
    if unit not in leads:
        shown = terminal(unit)
        problems.append(ReturnProblem(path, 0, Text(f"`{shown}` leads no task in this plan", f"`{shown}`在本计划中不牵头任何任务")))
        return None
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem in leads and stem != unit:
        problems.append(ReturnProblem(path, 0, Text(f"the file is named for `{stem}` but is the workbook of `{unit}`",
                                                    f"文件名是`{stem}`，内容却是`{unit}`的填报表")))  # (both plan names)
        return None
    return unit


def _record(path: str, number: int, cells: Row, unit: str, led: dict[str, ResolvedTask], resolved: ResolvedPlan,
            as_of: date, seen: dict[str, str], problems: list[ReturnProblem]) -> ProgressRecord | None:
    def problem(en: str, zh: str) -> None:
        problems.append(ReturnProblem(path, number, Text(en, zh)))

    row = cells
    shown = tuple(terminal(cell) for cell in cells)  # what a message may quote: a cell can hold anything
    task_id = row[0]
    if not task_id:
        problem("a row without a task id (编号)", "这一行没有任务编号")
        return None
    if row[_UNIT_COL] and row[_UNIT_COL] != unit:
        problem(f"row of `{shown[_UNIT_COL]}`'s workbook, copied into `{unit}`'s",
                f"这一行来自`{shown[_UNIT_COL]}`的填报表，被复制到了`{unit}`的填报表中")
        return None
    try:
        task = resolved.task(task_id)
    except KeyError:
        problem(f"task `{shown[0]}` is not in the plan", f"计划中没有任务`{shown[0]}`")
        return None
    if task_id not in led:
        owner = "、".join(task.leads) or "nobody"
        problem(f"task `{task_id}` is led by {owner}, not `{unit}`", f"任务`{task_id}`由{owner}牵头，不是`{unit}`")
        return None
    if task_id in seen:
        problem(f"task `{task_id}` is returned twice (first at {seen[task_id]})", f"任务`{task_id}`重复填报（第一次在 {seen[task_id]}）")
        return None
    seen[task_id] = f"{path}:{number}"
    expected = plan_cells(task)
    for col, (heading, _) in enumerate(PLAN_COLUMNS):
        if row[col] != expected[col].strip():
            problem(f"the locked column {heading} was changed: the plan says `{expected[col]}`",
                    f"锁定列“{heading}”被改动：计划中为“{expected[col]}”")
            return None
    fill = dict(zip((field for _, _, field in FILL_COLUMNS), row[len(PLAN_COLUMNS):_PLAN_ID_COL]))
    if not any(fill.values()):
        return None  # not reported this round: nothing to record
    status = fill.pop("status")
    if status not in STATUSES:
        written = terminal(status) or "（空）"
        problem(f"status `{written}` is not one of {'/'.join(STATUSES)}",
                f"完成状态“{written}”不在 {'/'.join(STATUSES)} 之中")
        return None
    return ProgressRecord(task_id, unit, as_of, status, source=os.path.basename(path), **fill)

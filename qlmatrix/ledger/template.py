"""Fill-in workbooks: one per lead unit, listing the tasks it leads, for it to report progress on.

The columns are those Chinese progress reports use. The plan's own columns
(编号 · 重点任务 · 牵头单位 · 配合单位 · 完成时限/频次) are locked (the sheet is
protected, without a password: protection guards against slips, and
`qlm ledger collect` compares them with the plan anyway); 进展情况, 完成状态
(a drop-down), 佐证材料, 存在问题 and 下步打算 are open. Every row carries the
task's id, and hidden columns carry the plan's identity and the unit, so a
workbook returned for another unit or another plan is told apart. Written
with xlsxwriter's public API; the file is byte-stable (`normalise_zip`).
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from types import ModuleType

import attrs

from ..progress import STATUSES, TEXT_FIELDS, plan_identity
from ..render.archive import normalise_zip
from ..render.errors import missing
from ..render.safe import document
from ..resolve import ResolvedPlan, ResolvedTask

SHEET = "进展填报"
#: The plan's columns, locked: heading -> width.
PLAN_COLUMNS = (("编号", 10), ("重点任务", 36), ("牵头单位", 12), ("配合单位", 18), ("完成时限/频次", 18))
STATUS_COLUMN = "完成状态"
#: The unit's columns, open: heading, width, record field.
FILL_COLUMNS = (("进展情况", 40, "progress"), (STATUS_COLUMN, 12, "status"), ("佐证材料", 24, "evidence"),
                ("存在问题", 28, "problems"), ("下步打算", 28, "next_steps"))
#: Hidden columns, on every row: what ties it to its plan and unit.
HIDDEN_COLUMNS = ("计划标识", "填报单位")
HEADINGS = (*(h for h, _ in PLAN_COLUMNS), *(h for h, _, _ in FILL_COLUMNS), *HIDDEN_COLUMNS)
#: Rows above the table: the title, then who fills it in; the heading row follows.
HEADING_ROW = 2
CREATED = datetime(2021, 1, 1, tzinfo=UTC)
assert set(TEXT_FIELDS) | {"status"} == {field for _, _, field in FILL_COLUMNS}


@attrs.frozen
class Template:
    """One unit's workbook: its file name (the unit's name, made safe as a file name) and bytes."""

    unit: str
    filename: str
    data: bytes


def _xlsxwriter() -> ModuleType:
    try:
        import xlsxwriter
    except ImportError as error:
        raise missing("xlsxwriter", "xlsx", "XLSX workbooks", "XLSX 工作簿") from error
    return xlsxwriter  # type: ignore[no-any-return]  # xlsxwriter has no types: mypy sees the module as Any


def timing(task: ResolvedTask) -> str:
    return " · ".join(str(c) for c in (task.cadence, task.due) if c is not None)


def plan_cells(task: ResolvedTask) -> tuple[str, ...]:
    """The locked cells of a task's row, as the plan states them (collect compares against these)."""
    return (task.id, task.title, "、".join(task.leads), "、".join(task.support), timing(task))


def file_name(unit: str) -> str:
    """The unit's name as a file name: characters no file system takes become `_`."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "_", unit).strip(" .") or "_"
    return f"{safe}.xlsx"


def templates(resolved: ResolvedPlan) -> list[Template]:
    """A workbook per unit that leads a task, in the order units first lead."""
    identity = plan_identity(resolved.plan.title, resolved.plan.basis)
    found = []
    names: set[str] = set()
    for unit, tasks in resolved.leads_by_unit().items():
        name = file_name(unit)
        if name in names:  # two units whose names differ only in characters a file name cannot hold
            name = f"{name[:-5]}_{len(names)}.xlsx"
        names.add(name)
        found.append(Template(unit, name, workbook(resolved.plan.title or "", identity, unit, tasks)))
    return found


def workbook(title: str, identity: str, unit: str, tasks: tuple[ResolvedTask, ...]) -> bytes:
    xlsxwriter = _xlsxwriter()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    book.set_properties({"title": document(f"{title} 进展情况填报表"), "created": CREATED, "subject": identity})
    sheet = book.add_worksheet(SHEET)
    wrap = {"text_wrap": True, "valign": "top", "border": 1, "font_name": "宋体", "font_size": 11}
    locked = book.add_format({**wrap, "locked": True, "bg_color": "#F2F2F2"})
    open_cell = book.add_format({**wrap, "locked": False})
    heading = book.add_format({**wrap, "bold": True, "align": "center", "bg_color": "#D9E1F2", "locked": True})
    sheet.merge_range(0, 0, 0, len(PLAN_COLUMNS) + len(FILL_COLUMNS) - 1,
                      document(f"{title} 进展情况填报表" if title else "进展情况填报表"),
                      book.add_format({"bold": True, "font_size": 14, "align": "center", "font_name": "宋体"}))
    sheet.write_string(1, 0, document(f"填报单位：{unit}"))
    for col, text in enumerate(HEADINGS):
        sheet.write_string(HEADING_ROW, col, text, heading)
    for col, (_, width) in enumerate(PLAN_COLUMNS):
        sheet.set_column(col, col, width)
    for offset, (_, width, _) in enumerate(FILL_COLUMNS):
        sheet.set_column(len(PLAN_COLUMNS) + offset, len(PLAN_COLUMNS) + offset, width, open_cell)
    first_hidden = len(PLAN_COLUMNS) + len(FILL_COLUMNS)
    sheet.set_column(first_hidden, first_hidden + len(HIDDEN_COLUMNS) - 1, 16, None, {"hidden": True})
    status_col = len(PLAN_COLUMNS) + [h for h, _, _ in FILL_COLUMNS].index(STATUS_COLUMN)
    for number, task in enumerate(tasks, HEADING_ROW + 1):
        for col, text in enumerate(plan_cells(task)):
            sheet.write_string(number, col, document(text), locked)
        for offset in range(len(FILL_COLUMNS)):
            sheet.write_blank(number, len(PLAN_COLUMNS) + offset, None, open_cell)
        sheet.write_string(number, first_hidden, identity, locked)
        sheet.write_string(number, first_hidden + 1, document(unit), locked)
    if tasks:
        last = HEADING_ROW + len(tasks)
        sheet.data_validation(HEADING_ROW + 1, status_col, last, status_col, {
            "validate": "list", "source": list(STATUSES),
            "error_title": "完成状态", "error_message": "请从下拉列表中选择：" + "、".join(STATUSES),
            "input_title": "完成状态", "input_message": "、".join(STATUSES)})
    sheet.freeze_panes(HEADING_ROW + 1, 2)
    # No password: protection keeps the plan's columns from slips; collect checks them against the plan.
    sheet.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                       "select_unlocked_cells": True})
    book.close()
    return normalise_zip(buffer.getvalue())

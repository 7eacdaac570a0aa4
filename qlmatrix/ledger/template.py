"""Fill-in workbooks: one per lead unit, listing the tasks it leads, for it to report progress on.

The columns are those Chinese progress reports use. The plan's own columns
(编号 · 重点任务 · 牵头单位 · 配合单位 · 完成时限/频次) are locked (the sheet is
protected, without a password: protection guards against slips, and
`qlm ledger collect` compares them with the plan anyway); 进展情况, 完成状态
(a drop-down), 佐证材料, 存在问题 and 下步打算 are open. Every row carries the
task's id, and hidden columns carry the plan's identity and the unit, so a
workbook returned for another unit or another plan is told apart. Written
by the views' own SpreadsheetML writer (`render.sheetml`), which needs no
library; the file is byte-stable (`archive.zip_parts`).
"""

from __future__ import annotations

import re

import attrs

from ..progress import STATUSES, TEXT_FIELDS, plan_identity
from ..render.archive import zip_parts
from ..render.safe import document
from ..render.sheetforms import ListValidation, Protection
from ..render.sheetml import SharedStrings, Sheet, Style, Styles, column_name, package
from ..render.views import leads_text
from ..render.xlsx import page_setup
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
#: A fixed creation date, so the same plan gives the same file.
CREATED = "2021-01-01T00:00:00Z"
FONT = "宋体"
HIDDEN_WIDTH = 16
#: Excel shows a column's width less a padding of 5 pixels (about 0.71 of a `0`): written with it,
#: a column of width 36 shows as 36, as the widths above mean.
COLUMN_PADDING = 0.7109375
assert set(TEXT_FIELDS) | {"status"} == {field for _, _, field in FILL_COLUMNS}


@attrs.frozen
class Template:
    """One unit's workbook: its file name (the unit's name, made safe as a file name) and bytes."""

    unit: str
    filename: str
    data: bytes


def timing(task: ResolvedTask) -> str:
    return " · ".join(str(c) for c in (task.cadence, task.due) if c is not None)


def plan_cells(task: ResolvedTask) -> tuple[str, ...]:
    """The locked cells of a task's row, as the plan states them (collect compares against these)."""
    return (task.id, task.title, leads_text(task, task.leads), "、".join(task.support), timing(task))


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
    styles, strings = Styles(), SharedStrings()
    sheet = Sheet(SHEET, strings)
    body = Style(FONT, 11, border=True, valign="top", wrap=True)
    locked = styles.index(attrs.evolve(body, fill="#F2F2F2"))
    open_cell = styles.index(attrs.evolve(body, locked=False))
    heading = styles.index(attrs.evolve(body, bold=True, align="center", fill="#D9E1F2"))
    banner = styles.index(Style(FONT, 14, bold=True, align="center", valign="bottom"))
    width = len(PLAN_COLUMNS) + len(FILL_COLUMNS)
    name = f"{title} 进展情况填报表" if title else "进展情况填报表"
    sheet.string(0, 0, document(name), banner)
    for col in range(1, width):
        sheet.blank(0, col, banner)
    sheet.merge(0, 0, width - 1)
    plain = styles.index(Style(FONT, 11, valign="bottom"))
    sheet.string(1, 0, document(f"填报单位：{unit}"), plain)
    # The open columns' bordered format would otherwise show on this row's empty cells.
    for col in range(len(PLAN_COLUMNS), width):
        sheet.blank(1, col, plain)
    sheet.strings(HEADING_ROW, ((col, text, heading) for col, text in enumerate(HEADINGS)))
    widths = [w for _, w in PLAN_COLUMNS] + [w for _, w, _ in FILL_COLUMNS] + [HIDDEN_WIDTH] * len(HIDDEN_COLUMNS)
    sheet.widths = {col: w + COLUMN_PADDING for col, w in enumerate(widths)}
    sheet.column_styles = {col: open_cell for col in range(len(PLAN_COLUMNS), width)}
    sheet.hidden_columns = set(range(width, width + len(HIDDEN_COLUMNS)))
    for number, task in enumerate(tasks, HEADING_ROW + 1):
        plan = [(col, document(text), locked) for col, text in enumerate(plan_cells(task))]
        sheet.strings(number, plan)
        for col in range(len(PLAN_COLUMNS), width):
            sheet.blank(number, col, open_cell)
        sheet.string(number, width, identity, locked)
        sheet.string(number, width + 1, document(unit), locked)
    if tasks:
        status = column_name(len(PLAN_COLUMNS) + [h for h, _, _ in FILL_COLUMNS].index(STATUS_COLUMN))
        listed = "、".join(STATUSES)
        sheet.validations.append(ListValidation(
            f"{status}{HEADING_ROW + 2}:{status}{HEADING_ROW + 1 + len(tasks)}", STATUSES,
            prompt_title=STATUS_COLUMN, prompt=listed, error_title=STATUS_COLUMN, error="请从下拉列表中选择：" + listed))
    sheet.freeze = (HEADING_ROW + 1, 2)
    # Printed for a signature: landscape A4, as wide as the page, the heading row on every page.
    sheet.setup = page_setup(True, True, f"${HEADING_ROW + 1}:${HEADING_ROW + 1}", None)
    # No password: protection keeps the plan's columns from slips; collect checks them against the plan.
    sheet.protection = Protection(format_columns=True, format_rows=True)
    return zip_parts(package([sheet], styles, strings, document(f"{title} 进展情况填报表"), CREATED, subject=identity))

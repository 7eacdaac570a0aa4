"""A `PlanDiff` as a reader gets it: a list in text, JSON data, and the 修改对照表.

The 修改对照表 (序号 · 原内容 · 修改后 · 说明) is what a Chinese office sends
with a revised draft; it is built once as a render `Table` and written by
the table emitters (Markdown, HTML, XLSX, DOCX), so it looks like every other
table qlmatrix writes.
"""

from __future__ import annotations

import json

from ..diagnostics.text import json_text
from ..render.safe import terminal
from ..render.table import Column, Group, Table
from ..render.views import leads_text
from ..resolve import ResolvedReport, ResolvedTask
from ..text import Text
from .changes import ChangeKind
from .compare import PlanDiff, ReportDiff, SectionDiff, TaskDiff, report_label

TITLE = "修改对照表"
VIEW = "diff"
#: The columns of a 修改对照表, as offices head them.
COLUMNS = (Column("序号", 6), Column("原内容", 40), Column("修改后", 40), Column("说明", 30))
_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def summary(found: PlanDiff) -> Text:
    """`2 tasks changed, 1 added, 1 removed` / `修改 2 项、新增 1 项、删去 1 项任务`."""
    if found.empty:
        return Text("no changes", "没有变化")
    counts = found.counts()
    en = f"{counts['changed']} task{'s' * (counts['changed'] != 1)} changed, {counts['added']} added, {counts['removed']} removed"
    zh = f"修改 {counts['changed']} 项、新增 {counts['added']} 项、删去 {counts['removed']} 项任务"
    if found.sections:
        number = len(found.sections)
        en += f"; {number} section change{'s' * (number != 1)}"
        zh += f"；章节变化 {number} 处"
    if found.reports:
        number = len(found.reports)
        en += f"; {number} report change{'s' * (number != 1)}"
        zh += f"；汇报变化 {number} 处"
    return Text(en, zh)


def to_text(found: PlanDiff, lang: str = "zh") -> str:
    """One line per task that differs (`+` added, `-` removed, `~` changed), its changes indented."""
    out = [summary(found).in_language(lang)]
    for section in found.sections:
        for change in section.changes:
            out.append(f"# {change.describe().in_language(lang)}")
    for entry in found.tasks:
        task = entry.task
        out.append(f"{_MARKS[entry.status]} {task.id} {task.title}".rstrip())
        if entry.status == "changed":
            out += [f"    {change.describe().in_language(lang)}" for change in entry.changes]
    for report in found.reports:
        out.append(f"{_MARKS[report.status]} {report_label(report.report)}")
        if report.status == "changed":
            out += [f"    {change.describe().in_language(lang)}" for change in report.changes]
    return "\n".join(terminal(line) for line in out) + "\n"


def to_data(found: PlanDiff) -> dict[str, object]:
    """The diff as JSON-ready data: every change with its kind, values and words in both languages."""

    def change_data(entry: TaskDiff | SectionDiff | ReportDiff) -> list[dict[str, object]]:
        return [{"kind": c.kind.value, "before": c.before, "after": c.after,
                 "role": c.role.value if c.role else None, "units": list(c.units),
                 "en": c.describe().en, "zh": c.describe().zh} for c in entry.changes]

    return {
        "changed": not found.empty,
        "counts": found.counts(),
        "sections": [{"old_id": s.old.id if s.old else None, "new_id": s.new.id if s.new else None,
                      "changes": change_data(s)} for s in found.sections],
        "tasks": [{"status": t.status, "old_id": t.old.id if t.old else None, "new_id": t.new.id if t.new else None,
                   "title": t.task.title, "changes": change_data(t)}
                  for t in found.tasks],
        "reports": [{"status": r.status, "line": report_label(r.report), "changes": change_data(r)}
                    for r in found.reports],
    }


def to_json(found: PlanDiff) -> str:
    return json_text(json.dumps(to_data(found), ensure_ascii=False, indent=2)) + "\n"


def comparison_table(found: PlanDiff) -> Table:
    """The 修改对照表: a row per section change, then a row per task that differs."""
    rows = []
    for section in found.sections:
        old = section.old.title if section.old else "（无）"
        new = section.new.title if section.new else "（删去）"
        rows.append((old, new, "；".join(c.describe().zh for c in section.changes)))
    for entry in found.tasks:
        with_body = ChangeKind.BODY in entry.kinds
        old = _written(entry.old, with_body) if entry.old else "（无）"
        new = _written(entry.new, with_body) if entry.new else "（删去）"
        rows.append((old, new, "；".join(c.describe().zh for c in entry.changes)))
    for report in found.reports:
        old = _report_written(report.old) if report.old else "（无）"
        new = _report_written(report.new) if report.new else "（删去）"
        rows.append((old, new, "；".join(c.describe().zh for c in report.changes)))
    from ..render.table import Cell

    cells = [tuple(Cell(text) for text in (str(number), *row)) for number, row in enumerate(rows, 1)]
    return Table(VIEW, TITLE, COLUMNS, [Group(None, cells)] if cells else [], group_label="")


def _report_written(report: ResolvedReport) -> str:
    item = report.report
    timing = "；".join(f"{word}：{value}" for word, value in (("频次", item.cadence), ("时限", item.due),
                                                             ("形式", item.form)) if value)
    return report_label(report) + (f"\n{timing}" if timing else "")


def _written(task: ResolvedTask, with_body: bool) -> str:
    """A task as the 原内容/修改后 columns quote it: id and title, its body when that changed, roles, timing."""
    lines = [f"{task.id} {task.title}".strip()]
    if with_body and task.body:
        lines.append(task.body)
    roles = [f"牵头单位：{leads_text(task, task.leads)}"] if task.leads else []
    roles += [f"配合单位：{'、'.join(task.support)}"] if task.support else []
    if task.oversee:
        roles.append(f"监督单位：{'、'.join(task.oversee)}")
    if roles:
        lines.append("；".join(roles))
    timing = [f"频次：{task.cadence}"] if task.cadence else []
    timing += [f"时限：{task.due}"] if task.due else []
    if task.deliverable:
        timing.append(f"成果：{task.deliverable}")
    if timing:
        lines.append("；".join(timing))
    return "\n".join(lines)

"""What changed between two versions of a plan (征求意见稿 → 正式稿): the Python API behind `qlm diff`.

    found = diff(old_plan, new_plan)     # Plans or ResolvedPlans
    found.empty                          # True when nothing a 任务分工表 shows changed
    render_diff(found, "md")             # text | md | html | json | xlsx | docx

See compare.py for how tasks are matched (content first, then id, then similarity).
"""

from __future__ import annotations

from .changes import Change, ChangeKind
from .compare import PlanDiff, ReportDiff, SectionDiff, TaskDiff, diff
from .output import comparison_table, summary, to_data, to_json, to_text

__all__ = ["DIFF_FORMATS", "Change", "ChangeKind", "PlanDiff", "ReportDiff", "SectionDiff", "TaskDiff", "comparison_table", "diff",
           "render_diff", "summary", "to_data", "to_json", "to_text"]

DIFF_FORMATS = ("text", "md", "html", "json", "xlsx", "docx")


def render_diff(found: PlanDiff, fmt: str = "text", lang: str = "zh") -> str | bytes:
    """The diff in `fmt`: text (a list), json, or the 修改对照表 as md, html, xlsx or docx."""
    if fmt == "text":
        return to_text(found, lang)
    if fmt == "json":
        return to_json(found)
    if fmt in DIFF_FORMATS:
        from ..render import emit_table

        return emit_table(comparison_table(found), fmt)
    raise ValueError(f"unknown diff format `{fmt}`; choose one of {', '.join(DIFF_FORMATS)}")

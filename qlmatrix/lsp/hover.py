"""Hover: what a unit is and does across the plan, who holds which role on a task, how a cadence was read.

Every answer comes from the resolved plan (roles as they take effect, the
section an inherited role comes from), in the reader's language, as Markdown.
"""

from __future__ import annotations

import re

from ..cadence import Cadence, Period
from ..keywords import PROPERTIES, UNIT_KINDS
from ..model import Report, Role, Unit
from ..raci import EACH_LEAD_MARKS
from ..resolve import ResolvedPlan, ResolvedTask
from ..span import Span
from .analysis import Analysis, real
from .index import at, occurrences

_ROLE_WORDS = {Role.LEAD: ("lead", "牵头"), Role.SUPPORT: ("support", "配合"), Role.CONSULT: ("consulted", "会同"),
               Role.INFORM: ("informed", "报送"), Role.OVERSEE: ("oversee", "监督")}
_PERIODS = {Period.YEAR: ("every year", "每年"), Period.HALF_YEAR: ("every half year", "每半年"),
            Period.QUARTER: ("every quarter", "每季度"), Period.MONTH: ("every month", "每月"),
            Period.WEEK: ("every week", "每周"), Period.ONCE: ("once", "一次性")}
_CADENCE_KEYS = {form: name for name in ("cadence", "due") for forms in PROPERTIES[name] for form in forms}
_CADENCE_ENTRY = re.compile(r"(" + "|".join(sorted(map(re.escape, _CADENCE_KEYS), key=len, reverse=True))
                            + r")[ \t\u3000]*[:：][ \t\u3000]*([^;；{}｛｝#＃\n]*)")
_MAX_LISTED = 8


def _say(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _aside(lang: str, text: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def hover(analysis: Analysis, file: str, line: int, column: int, text: str, lang: str) -> str | None:
    """Markdown for what is under the 1-based line and code-point column of `file`, or None."""
    resolved = analysis.resolved
    if resolved is None:
        return None
    found = at(occurrences(analysis), file, line, column)
    if found is not None:
        if found.unit is None:
            return _say(lang, f"`{found.written}`: not declared by any `单位` or `集合`",
                        f"`{found.written}`：未由`单位`或`集合`声明")
        unit = resolved.units.get(found.unit)
        return unit_hover(resolved, unit, lang) if unit is not None else None
    cadence = _cadence_at(analysis, file, line, column, text, lang)
    if cadence is not None:
        return cadence
    for task in resolved.tasks:
        if task.span is not None and _on(task.span, file, line, column):
            return task_hover(task, lang)
    return None


def _on(span: Span, file: str, line: int, column: int) -> bool:
    return real(span.file) == file and span.line == line and span.column <= column <= span.end_column


def unit_hover(resolved: ResolvedPlan, unit: Unit, lang: str) -> str:
    kind = _say(lang, "collective", "集合") if unit.collective else _say(lang, "unit", "单位")
    lines = [f"**{unit.name}**{_aside(lang, kind)}", ""]
    facts = []
    if unit.full_name:
        facts.append(f"{_say(lang, 'full name', '全称')}{_colon(lang)}{unit.full_name}")
    if unit.aliases:
        facts.append(f"{_say(lang, 'aliases', '别名')}{_colon(lang)}{'、'.join(unit.aliases)}")
    if unit.parent is not None:
        facts.append(f"{_say(lang, 'parent', '上级')}{_colon(lang)}{resolved.units.canonical(unit.parent)}")
    levels = unit.levels or ((unit.level,) if unit.level else ())
    if levels:
        facts.append(f"{_say(lang, 'level', '层级')}{_colon(lang)}{'、'.join(levels)}")
    if unit.kind is not None:
        zh, en = UNIT_KINDS[unit.kind]
        facts.append(f"{_say(lang, 'kind', '类型')}{_colon(lang)}{_say(lang, en, zh)}")
    lines += [f"- {fact}" for fact in facts]
    if facts:
        lines.append("")
    does = False
    for role, (en, zh) in _ROLE_WORDS.items():
        tasks = [task for task in resolved.tasks if role in task.roles_of(unit.name)]
        if tasks:
            does = True
            listed = "、".join(f"`{task.id}`" for task in tasks[:_MAX_LISTED]) + ("…" if len(tasks) > _MAX_LISTED else "")
            lines.append(_say(lang, f"- {en}: {len(tasks)} task{'s' * (len(tasks) != 1)} ({listed})",
                              f"- {zh}：{len(tasks)}项任务（{listed}）"))
    sends = sum(1 for report in resolved.reports if unit.name in report.senders)
    receives = sum(1 for report in resolved.reports if report.target == unit.name)
    if sends or receives:
        does = True
        lines.append(_say(lang, f"- reports: sends {sends}, receives {receives}", f"- 汇报：报送{sends}条，接收{receives}条"))
    if not does:
        lines.append(_say(lang, "holds no role on any task", "未承担任何任务"))
    return "\n".join(lines).rstrip() + "\n"


def task_hover(task: ResolvedTask, lang: str) -> str:
    head = " ".join(part for part in (task.number, task.title) if part)
    lines = [_say(lang, f"**task `{task.id}`** {head}", f"**任务`{task.id}`** {head}"), ""]
    for role, (en, zh) in _ROLE_WORDS.items():
        holdings = task.holdings_in(role)
        if not holdings:
            continue
        names = []
        for holding in holdings:
            if holding.source is not None:
                section = " ".join(part for part in (holding.source.number, holding.source.title) if part)
                names.append(_say(lang, f"{holding.unit} (inherited from {section})", f"{holding.unit}（继承自{section}）"))
            else:
                names.append(holding.unit)
        mark = EACH_LEAD_MARKS[lang == "en"] if role is Role.LEAD and task.leads_separately else ""
        lines.append(f"- {_say(lang, en, zh)}{_colon(lang)}{'、'.join(names)}{mark}")
    if not task.has_holdings:
        lines.append(_say(lang, "- no responsible unit", "- 未明确责任单位"))
    for what, cadence in ((_say(lang, "cadence", "频次"), task.cadence), (_say(lang, "due", "时限"), task.due)):
        if cadence is not None:
            lines.append(f"- {what}{_colon(lang)}{cadence.text}{_aside(lang, describe_cadence(cadence, lang))}")
    if task.deliverable:
        lines.append(f"- {_say(lang, 'deliverable', '成果')}{_colon(lang)}{task.deliverable}")
    return "\n".join(lines) + "\n"


def describe_cadence(cadence: Cadence, lang: str) -> str:
    """How qlmatrix understood a cadence: its period, minimum count, due point, vagueness."""
    parts = []
    if cadence.period is not None:
        en, zh = _PERIODS[cadence.period]
        parts.append(_say(lang, f"period: {en}", f"周期：{zh}"))
    if cadence.min_count is not None:
        parts.append(_say(lang, f"at least {cadence.min_count} time{'s' * (cadence.min_count != 1)}",
                          f"至少{cadence.min_count}次"))
    if cadence.due is not None:
        parts.append(_say(lang, f"due: {cadence.due}", f"时限：{cadence.due}"))
    if cadence.vague:
        parts.append(_say(lang, "vague: names no date", "表述模糊：没有具体时间"))
    if not parts:
        parts.append(_say(lang, "not understood: no period, due point or known vague term",
                          "未能识别：没有周期、时间点或已知的模糊表述"))
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def _cadence_at(analysis: Analysis, file: str, line: int, column: int, text: str, lang: str) -> str | None:
    """The cadence entry (`频次:`/`时限:`) under the cursor, described, with the task or report it belongs to."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    for match in _CADENCE_ENTRY.finditer(lines[line - 1]):
        if not match.start() < column <= match.end() + 1:
            continue
        written = match.group(2).strip()
        cadence = Cadence.parse(written)
        owner = _owner(analysis, file, line, written)
        label = _say(lang, "cadence", "频次") if _CADENCE_KEYS[match.group(1)] == "cadence" else _say(lang, "due", "时限")
        head = f"**{label}** {written}"
        if owner:
            head += f" · {owner}"
        return f"{head}\n\n{describe_cadence(cadence, lang)}\n"
    return None


def _owner(analysis: Analysis, file: str, line: int, written: str) -> str | None:
    """The task or report nearest above `line` whose cadence or due is `written`."""
    resolved = analysis.resolved
    assert resolved is not None
    best: tuple[int, str] | None = None
    for task in resolved.tasks:
        span = task.span
        texts = {c.text for c in (task.cadence, task.due) if c is not None}
        if span is not None and real(span.file) == file and span.line <= line and written in texts:
            if best is None or span.line >= best[0]:
                best = (span.line, f"`{task.id}`")
    for report in resolved.reports:
        item: Report = report.report
        texts = {c.text for c in (item.cadence, item.due) if c is not None}
        span = item.span
        if span is not None and real(span.file) == file and span.line <= line and written in texts:
            if best is None or span.line >= best[0]:
                target = f" -> {report.target}" if report.target else ""
                best = (span.line, f"{report.source}{target}")
    return best[1] if best else None

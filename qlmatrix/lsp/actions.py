"""Quick fixes for findings, each one edit of the text:

- E101 (undeclared unit): use the declared name "did you mean" suggests, or declare the name as a unit;
- W202 (task without lead): add `牵头: X`, X a unit that leads the task's neighbours (else the plan's leads);
- W210 (task nobody oversees): add `监督: X`, X a unit that oversees elsewhere in the plan;
- E301 (several leads under one `牵头:`): write them `分别牵头:`, when each leads its own part.

Edits are qlmatrix positions (1-based, code points); the server converts them.
Candidates come from the resolved plan; a unit already holding a role on the
task is never proposed (it would be a new conflict, E302 or E303).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import attrs

from ..diagnostics import Diagnostic
from ..keywords import PROPERTIES, STATEMENTS
from ..model import Plan, Role, UnitKind
from ..resolve import ResolvedTask
from ..text import Text
from .analysis import Analysis, real
from .language import keyword_language
from .navigation import plans_by_file

MAX_CANDIDATES = 3
_NEEDS_QUOTES = set(" \t\u3000、，,;；:：{}｛｝#＃\"()（）[]【】〔〕")


@attrs.frozen
class Edit:
    file: str  # real path
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@attrs.frozen
class Fix:
    title: Text
    edit: Edit
    preferred: bool = False


def _real(analysis: Analysis, path: str) -> str:
    """`real(path)`, once per path and analysis: fixes are asked for every finding, and each looks
    at every unit declared and every task (a realpath is a system call per folder of the path)."""
    known: dict[str, str] = analysis.memo.setdefault("actions.real", {})
    found = known.get(path)
    if found is None:
        found = known[path] = real(path)
    return found


def _keyword_language(analysis: Analysis, file: str, text: str) -> str:
    """The keyword language a file is written in, once per file and analysis (`language`: counted again
    only in the lines an edit changed)."""
    known: dict[str, str] = analysis.memo.setdefault("actions.language", {})
    found = known.get(file)
    if found is None:
        found = known[file] = keyword_language(file, text)
    return found


def fixes(analysis: Analysis, diagnostic: Diagnostic) -> list[Fix]:
    """The quick fixes for one finding of `analysis`."""
    if diagnostic.span is None or analysis.resolved is None:
        return []
    if diagnostic.code == "E101":
        return list(_undeclared(analysis, diagnostic))
    if diagnostic.code in ("W202", "W210"):
        task = _task_at(analysis, diagnostic)
        if task is None:
            return []
        role = Role.LEAD if diagnostic.code == "W202" else Role.OVERSEE
        return list(_add_role(analysis, task, role))
    if diagnostic.code == "E301" and diagnostic.help == "one-lead":
        return list(_lead_each(analysis, diagnostic))
    return []


#: A lead property's key and colon at the end of the text before a unit it lists (`牵头: A、`): its units
#: are all on this line, within this entry.
_LEAD_KEY = re.compile(r"(" + "|".join(sorted(map(re.escape, (*PROPERTIES["lead"][0], *PROPERTIES["lead"][1])),
                                              key=len, reverse=True))
                       + r")[ \t\u3000]*[:：][^;；{}｛｝#＃:：]*$")


def _lead_each(analysis: Analysis, diagnostic: Diagnostic) -> Iterator[Fix]:
    """`牵头: A、B` -> `分别牵头: A、B`: the second lead and the first under the same key of a property (not
    the label of an annotation, `(牵头单位:A、B)`, which has no such form)."""
    span = diagnostic.span
    assert span is not None
    first = next((label.span for label in diagnostic.labels if label.span is not None), None)
    file = _real(analysis, span.file)
    text = analysis.sources.get(file)
    if text is None or first is None or first.line != span.line or first.column > span.column:
        return
    line = text.split("\n")[span.line - 1]
    found = _LEAD_KEY.search(line[: span.column - 1])
    if found is None or found.start() >= first.column - 1:
        return
    if found.start() and line[found.start() - 1] not in " \t\u3000{｛;；":
        return  # an annotation's label (`(牵头单位:`), or the end of a longer word
    key = PROPERTIES["lead-each"][0 if _keyword_language(analysis, file, text) == "zh" else 1][0]
    at = found.start(1) + 1
    yield Fix(Text(f"Each leads its own part: write `{key}:`", f"各自牵头各自的部分：改为`{key}:`"),
              Edit(file, span.line, at, span.line, at + len(found.group(1)), key))


def _undeclared(analysis: Analysis, diagnostic: Diagnostic) -> Iterator[Fix]:
    span = diagnostic.span
    assert span is not None
    name = str(diagnostic.args.get("name", ""))
    suggestion = diagnostic.help_args.get("suggestion")
    if suggestion:
        yield Fix(Text(f"Replace with `{suggestion}`", f"改为`{suggestion}`"),
                  Edit(_real(analysis, span.file), span.line, span.column, span.end_line, span.end_column, suggestion), True)
    declaration = _declare(analysis, _real(analysis, span.file), name)
    if declaration is not None:
        yield Fix(Text(f"Declare `{name}` as a unit", f"声明单位`{name}`"), declaration, not suggestion)


def _declare(analysis: Analysis, file: str, name: str) -> Edit | None:
    """A `单位 NAME` line before the first unit declared in `file` (or in the root file when `file` declares
    none), else before the file's first statement."""
    assert analysis.plan is not None
    plans: dict[str, Plan] = analysis.memo.get("actions.plans") or analysis.memo.setdefault(
        "actions.plans", plans_by_file(analysis.plan, analysis.root))  # a walk of the whole plan, once
    target = file if file in plans and plans[file].units else analysis.root
    written = plans.get(target)
    text = analysis.sources.get(target)
    if written is None or text is None:
        return None
    word = STATEMENTS["unit"][0 if _keyword_language(analysis, target, text) == "zh" else 1]
    spelled = f'"{name}"' if set(name) & _NEEDS_QUOTES else name
    spans = [u.span for u in written.units if u.span is not None and _real(analysis, u.span.file) == target]
    spans += [i.span for i in written.items if i.span is not None and _real(analysis, i.span.file) == target]
    if spans:
        line = min(span.line for span in spans)
        return Edit(target, line, 1, line, 1, f"{word} {spelled}\n")
    lines = text.split("\n")
    end = len(lines[-1]) + 1
    prefix = "" if not text or text.endswith("\n") else "\n"
    return Edit(target, len(lines), end, len(lines), end, f"{prefix}{word} {spelled}\n")


def _task_at(analysis: Analysis, diagnostic: Diagnostic) -> ResolvedTask | None:
    span = diagnostic.span
    assert span is not None and analysis.resolved is not None
    file = _real(analysis, span.file)
    for task in analysis.resolved.tasks:
        if task.span is not None and task.span.line == span.line and task.span.column == span.column \
                and _real(analysis, task.span.file) == file:
            return task
    return None


def candidates(analysis: Analysis, task: ResolvedTask, role: Role) -> list[str]:
    """Units to propose for `role` on `task`: for a lead, those leading the most tasks of its section (then of
    the plan); for oversight, the plan's overseers (then its discipline units). None that is on the task."""
    resolved = analysis.resolved
    assert resolved is not None
    on_task = {unit for _, unit in task.pairs()}
    ranked: list[str] = []
    if role is Role.LEAD:
        neighbours = Counter(other.lead for other in resolved.tasks
                             if other is not task and other.section is task.section and other.lead is not None)
        ranked = [unit for unit, _ in neighbours.most_common()] + list(resolved.lead_units)
    else:
        holders = [*resolved.tasks, *resolved.sections]
        ranked = [unit for holder in holders for unit in holder.oversee]
        ranked += [unit.name for unit in resolved.units if unit.kind is UnitKind.DISCIPLINE]
    ranked = [unit for unit in dict.fromkeys(ranked) if unit not in on_task and unit in resolved.units]
    return ranked[:MAX_CANDIDATES]


def _add_role(analysis: Analysis, task: ResolvedTask, role: Role) -> Iterator[Fix]:
    span = task.span
    assert span is not None
    file = _real(analysis, span.file)
    text = analysis.sources.get(file)
    if text is None:
        return
    key = PROPERTIES[role.value][0 if _keyword_language(analysis, file, text) == "zh" else 1][0]
    lines: dict[str, list[str]] = analysis.memo.setdefault("actions.lines", {})
    if file not in lines:
        lines[file] = text.split("\n")  # once per file and analysis, not per fix
    for index, unit in enumerate(candidates(analysis, task, role)):
        edit = _property_edit(lines[file], file, span.line, span.column, f"{key}: {unit}")
        if edit is not None:
            yield Fix(Text(f"Add `{key}: {unit}`", f"添加`{key}: {unit}`"), edit, index == 0)


def _property_edit(lines: list[str], file: str, line: int, column: int, entry: str) -> Edit | None:
    """Insert `entry` into the block of the statement starting at (line, column) of the file of these
    `lines`, or give it a block."""
    from pygments.token import Comment, Punctuation, Whitespace, is_token_subtype

    from ..highlight import QlmLexer

    head = lines[line - 1].rstrip("\r")
    rest = head[column - 1:]
    end = len(rest.rstrip())  # where the statement's text ends on its line, before a comment
    for offset, kind, value in QlmLexer().get_tokens_unprocessed(rest):
        if is_token_subtype(kind, Comment):
            end = len(rest[:offset].rstrip())
            break
        if is_token_subtype(kind, Punctuation) and value in ";；":
            end = len(rest[:offset].rstrip())
            break
        if is_token_subtype(kind, Punctuation) and value in "{｛":
            after = rest[offset + 1:]
            if after.strip() and not after.strip().startswith(("#", "＃")):
                at = column + offset + 1
                return Edit(file, line, at, line, at, f" {entry};")
            indent = len(head) - len(head.lstrip(" \t\u3000"))
            return Edit(file, line + 1, 1, line + 1, 1, f"{head[:indent]}  {entry}\n")
        if is_token_subtype(kind, Whitespace) and "\n" in value:
            break
    at = column + end
    return Edit(file, line, at, line, at, f" {{ {entry} }}")


"""Two versions of a plan compared task by task: what a reviewer of a revised draft reads.

Tasks are matched by what they say before they are matched by their id, so a
task that moved to another section, or was renumbered because one before it
was dropped, is one task that moved, not one removed and one added:

1. the same title and body (in order, where several tasks say the same);
2. then the same id, if the text is still somewhat alike (a task whose wording
   was edited in place; a new task that took a dropped task's number is not that);
3. then the most similar title and body (edited *and* moved), when close enough.

Every role, id and section comes from `qlmatrix.resolve`: the roles compared
are the effective ones, as the 任务分工表 prints them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import TypeVar

import attrs

from ..model import Plan, Section
from ..render.table import numbered
from ..render.views import leads_text
from ..resolve import ResolvedPlan, ResolvedReport, ResolvedSection, ResolvedTask, resolve
from .changes import OTHER_ROLES, Change, ChangeKind

#: Below this similarity of title and body, two unmatched tasks are one removed and one added.
SIMILAR_ENOUGH = 0.6
#: Two tasks with the same id are one task edited in place down to this similarity (or when neither says anything).
ALIKE_UNDER_ONE_ID = 0.35
#: Pairs of leftover tasks compared for similarity at most; beyond, leftovers stay added and removed
#: (a rewrite that large is read as a new plan anyway, and comparing all pairs would be quadratic).
MAX_SIMILARITY_PAIRS = 250_000


@attrs.frozen
class TaskDiff:
    """One task that differs: `old` is None when it was added, `new` None when it was removed."""

    old: ResolvedTask | None
    new: ResolvedTask | None
    changes: tuple[Change, ...]

    @property
    def status(self) -> str:
        """`added`, `removed` or `changed`."""
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def kinds(self) -> tuple[ChangeKind, ...]:
        return tuple(change.kind for change in self.changes)

    @property
    def task(self) -> ResolvedTask:
        """The task as it is now, or as it was if it was removed."""
        task = self.new or self.old
        assert task is not None  # (a TaskDiff has at least one side)
        return task


@attrs.frozen
class SectionDiff:
    old: ResolvedSection | None
    new: ResolvedSection | None
    changes: tuple[Change, ...]


@attrs.frozen
class ReportDiff:
    """A reporting line (汇报) added, removed or changed."""

    old: ResolvedReport | None
    new: ResolvedReport | None
    changes: tuple[Change, ...]

    @property
    def status(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def report(self) -> ResolvedReport:
        report = self.new or self.old
        assert report is not None  # (a ReportDiff has at least one side)
        return report


@attrs.frozen
class PlanDiff:
    """What changed between two versions: tasks in the new plan's order (removed ones where they were)."""

    tasks: tuple[TaskDiff, ...]
    sections: tuple[SectionDiff, ...]
    reports: tuple[ReportDiff, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.tasks and not self.sections and not self.reports

    def counts(self) -> dict[str, int]:
        """How many tasks were added, removed and changed."""
        found = {"added": 0, "removed": 0, "changed": 0}
        for entry in self.tasks:
            found[entry.status] += 1
        return found


def diff(old: Plan | ResolvedPlan, new: Plan | ResolvedPlan) -> PlanDiff:
    """What changed from `old` to `new`: `diff(p, p).empty` is True.

        >>> from qlmatrix import loads
        >>> from qlmatrix.diff import diff
        >>> old = loads("单位 甲、乙\\n任务 (一) 加强监督 { 牵头: 甲; 配合: 乙 }")
        >>> new = loads("单位 甲、乙\\n任务 (一) 加强监督 { 牵头: 乙 }")
        >>> [change.describe().zh for change in diff(old, new).tasks[0].changes]
        ['牵头单位由“甲”改为“乙”', '删去配合单位：乙']
    """
    before = old if isinstance(old, ResolvedPlan) else resolve(old)
    after = new if isinstance(new, ResolvedPlan) else resolve(new)
    section_pairs = _match(before.sections, after.sections, _section_key, lambda s: s.id, _section_text,
                           same_id_alike=False)
    section_of = {id(a.section): b.section for a, b in section_pairs}
    task_pairs = _match(before.tasks, after.tasks, _task_key, lambda t: t.id, _task_text)
    report_pairs = _match(before.reports, after.reports, _report_key, _report_line, _report_text, same_id_alike=False)
    return PlanDiff(_task_diffs(before.tasks, after.tasks, task_pairs, section_of),
                    _section_diffs(before.sections, after.sections, section_pairs),
                    _report_diffs(before.reports, after.reports, report_pairs))


# ---- matching ----

Item = TypeVar("Item", ResolvedTask, ResolvedSection, ResolvedReport)


def _task_key(task: ResolvedTask) -> tuple[str, str] | None:
    key = (_squeeze(task.title), _squeeze(task.body or ""))
    return key if any(key) else None  # a task saying nothing is matched by its id only


def _section_key(section: ResolvedSection) -> tuple[str, str] | None:
    title = _squeeze(section.title)
    return (title, "") if title else None


def _report_line(report: ResolvedReport) -> str:
    """Who reports to whom: what identifies a reporting line across versions."""
    return f"{report.source}->{report.target or ''}"


def _report_key(report: ResolvedReport) -> tuple[str, str]:
    return _report_line(report), _squeeze(report.report.content or "")


def _report_text(report: ResolvedReport) -> str:
    return f"{report.source} {report.target or ''} {report.report.content or ''}"


def report_label(report: ResolvedReport) -> str:
    """`汇报 牵头单位 -> 党工委：工作情况`."""
    target = f" -> {report.target}" if report.target else ""
    content = f"：{report.report.content}" if report.report.content else ""
    return f"汇报 {report.source}{target}{content}"


def _task_text(task: ResolvedTask) -> str:
    return f"{task.title}\n{task.body or ''}"


def _section_text(section: ResolvedSection) -> str:
    return section.title


def _squeeze(text: str) -> str:
    """Text without its white space: a re-wrapped line or a space after a comma is no revision."""
    return "".join(text.split())


def _match(old: Sequence[Item], new: Sequence[Item], key: Callable[[Item], tuple[str, str] | None],
           ident: Callable[[Item], str], text: Callable[[Item], str], same_id_alike: bool = True,
           ) -> list[tuple[Item, Item]]:
    """(old, new) pairs, in the three passes the module docstring gives; each item in one pair at most.

    `same_id_alike=False`: one id is one item however its text changed (a section keeps its
    number when retitled; what it holds says more about it than its title)."""
    pairs: list[tuple[int, int]] = []
    free_old, free_new = set(range(len(old))), set(range(len(new)))

    def alike(a: int, b: int) -> bool:
        first, second = _squeeze(text(old[a])), _squeeze(text(new[b]))
        if not first and not second:
            return True
        return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= ALIKE_UNDER_ONE_ID

    def pass_by(value: Callable[[Item], object], accept: Callable[[int, int], bool] = lambda a, b: True) -> None:
        waiting: dict[object, list[int]] = {}
        for index in sorted(free_new):
            found = value(new[index])
            if found is not None:
                waiting.setdefault(found, []).append(index)
        for index in sorted(free_old):
            found = value(old[index])
            queue = waiting.get(found) if found is not None else None
            if queue and accept(index, queue[0]):
                partner = queue.pop(0)
                pairs.append((index, partner))
                free_old.discard(index)
                free_new.discard(partner)

    pass_by(key)
    pass_by(ident, alike if same_id_alike else lambda a, b: True)
    if free_old and free_new and len(free_old) * len(free_new) <= MAX_SIMILARITY_PAIRS:
        pairs += _similar(old, new, free_old, free_new, text)
    return [(old[a], new[b]) for a, b in sorted(pairs)]


def _similar(old: Sequence[Item], new: Sequence[Item], free_old: set[int], free_new: set[int],
             text: Callable[[Item], str]) -> list[tuple[int, int]]:
    """Leftover pairs similar enough, the most similar first (ties in document order)."""
    scored = []
    for a in sorted(free_old):
        matcher = difflib.SequenceMatcher(None, b=_squeeze(text(old[a])), autojunk=False)
        for b in sorted(free_new):
            matcher.set_seq1(_squeeze(text(new[b])))
            if matcher.real_quick_ratio() >= SIMILAR_ENOUGH and matcher.quick_ratio() >= SIMILAR_ENOUGH:
                ratio = matcher.ratio()
                if ratio >= SIMILAR_ENOUGH:
                    scored.append((-ratio, a, b))
    found = []
    for _, a, b in sorted(scored):
        if a in free_old and b in free_new:
            found.append((a, b))
            free_old.discard(a)
            free_new.discard(b)
    return found


# ---- what differs ----


def _task_diffs(old: Sequence[ResolvedTask], new: Sequence[ResolvedTask],
                pairs: list[tuple[ResolvedTask, ResolvedTask]], section_of: dict[int, Section]) -> tuple[TaskDiff, ...]:
    old_index = {id(task): index for index, task in enumerate(old)}
    new_index = {id(task): index for index, task in enumerate(new)}
    partner = {id(a): b for a, b in pairs}
    matched_new = {id(b) for _, b in pairs}
    placed: list[tuple[tuple[int, int, int], TaskDiff]] = []
    for added in new:
        if id(added) not in matched_new:
            change = Change(ChangeKind.ADDED, after=_label(added))
            placed.append(((new_index[id(added)], 0, 0), TaskDiff(None, added, (change,))))
    last_new = -1  # a removed task goes after the new place of the task that came before it
    for a in old:
        b = partner.get(id(a))
        if b is None:
            entry = TaskDiff(a, None, (Change(ChangeKind.REMOVED, before=_label(a)),))
            placed.append(((last_new, 1, old_index[id(a)]), entry))
            continue
        last_new = new_index[id(b)]
        changes = _task_changes(a, b, section_of)
        if changes:
            placed.append(((last_new, 0, 0), TaskDiff(a, b, changes)))
    return tuple(entry for _, entry in sorted(placed, key=lambda pair: pair[0]))


def _label(task: ResolvedTask) -> str:
    return f"{task.id} {task.title}".strip()


def _heading(section: Section | None) -> str:
    return numbered(section.number, section.title) if section is not None else "（不在任何章节）"


def _task_changes(a: ResolvedTask, b: ResolvedTask, section_of: dict[int, Section]) -> tuple[Change, ...]:
    changes: list[Change] = []
    inner = a.section
    moved = section_of.get(id(inner)) is not b.section if inner is not None else b.section is not None
    if moved:
        changes.append(Change(ChangeKind.MOVED, f"{a.id}（{_heading(a.section)}）", f"{b.id}（{_heading(b.section)}）"))
    elif a.id != b.id:
        changes.append(Change(ChangeKind.RENUMBERED, a.id, b.id))
    if a.title != b.title:
        changes.append(Change(ChangeKind.TITLE, a.title, b.title))
    if _squeeze(a.body or "") != _squeeze(b.body or ""):
        changes.append(Change(ChangeKind.BODY, a.body, b.body))
    if a.leads != b.leads or a.leads_separately != b.leads_separately:  # 牵头: A、B -> 分别牵头: A、B is a change
        changes.append(Change(ChangeKind.LEAD, leads_text(a, a.leads) or None, leads_text(b, b.leads) or None))
    for role in OTHER_ROLES:
        was, now = a.units(role), b.units(role)
        added = tuple(unit for unit in now if unit not in was)
        removed = tuple(unit for unit in was if unit not in now)
        if added:
            changes.append(Change(ChangeKind.ROLE_ADDED, role=role, units=added))
        if removed:
            changes.append(Change(ChangeKind.ROLE_REMOVED, role=role, units=removed))
    for kind, before, after in ((ChangeKind.CADENCE, a.cadence, b.cadence), (ChangeKind.DUE, a.due, b.due)):
        if before != after:
            changes.append(Change(kind, str(before) if before else None, str(after) if after else None))
    if a.deliverable != b.deliverable:
        changes.append(Change(ChangeKind.DELIVERABLE, a.deliverable, b.deliverable))
    return tuple(changes)


def _section_diffs(old: Sequence[ResolvedSection], new: Sequence[ResolvedSection],
                   pairs: list[tuple[ResolvedSection, ResolvedSection]]) -> tuple[SectionDiff, ...]:
    matched_old = {id(a) for a, _ in pairs}
    matched_new = {id(b) for _, b in pairs}
    found = [SectionDiff(a, None, (Change(ChangeKind.SECTION_REMOVED, before=_heading(a.section)),))
             for a in old if id(a) not in matched_old]
    for a, b in pairs:
        changes = []
        if a.title != b.title:
            changes.append(Change(ChangeKind.SECTION_RENAMED, a.title, b.title))
        if a.id != b.id:
            changes.append(Change(ChangeKind.SECTION_RENUMBERED, a.id, b.id))
        if changes:
            found.append(SectionDiff(a, b, tuple(changes)))
    found += [SectionDiff(None, b, (Change(ChangeKind.SECTION_ADDED, after=_heading(b.section)),))
              for b in new if id(b) not in matched_new]
    return tuple(found)


def _report_diffs(old: Sequence[ResolvedReport], new: Sequence[ResolvedReport],
                  pairs: list[tuple[ResolvedReport, ResolvedReport]]) -> tuple[ReportDiff, ...]:
    matched_old = {id(a) for a, _ in pairs}
    matched_new = {id(b) for _, b in pairs}
    found = [ReportDiff(a, None, (Change(ChangeKind.REPORT_REMOVED, before=report_label(a)),))
             for a in old if id(a) not in matched_old]
    for a, b in pairs:
        was, now = a.report, b.report
        changes = [Change(kind, before, after) for kind, before, after in (
            (ChangeKind.RECIPIENT, a.target, b.target), (ChangeKind.CONTENT, was.content, now.content),
            (ChangeKind.CADENCE, _text_of(was.cadence), _text_of(now.cadence)),
            (ChangeKind.DUE, _text_of(was.due), _text_of(now.due)), (ChangeKind.FORM, was.form, now.form))
            if before != after]
        if a.source != b.source:
            changes.insert(0, Change(ChangeKind.SENDER, a.source, b.source))
        if changes:
            found.append(ReportDiff(a, b, tuple(changes)))
    found += [ReportDiff(None, b, (Change(ChangeKind.REPORT_ADDED, after=report_label(b)),))
              for b in new if id(b) not in matched_new]
    return tuple(found)


def _text_of(cadence: object) -> str | None:
    return str(cadence) if cadence is not None else None

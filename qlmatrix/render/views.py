"""The three table views, built from the model into `Table`s.

- raci: tasks × units, one RACI (or RASCI) letter per cell, grouped by section;
- tasks: the 任务分工表 planners print: 序号 · 重点任务 · 牵头单位 · 配合单位 ·
  完成时限/频次, grouped by section and numbered as the document numbers them;
- units: each unit's 责任清单: what it leads, supports, is consulted or
  informed on, oversees, and the reports it owes and receives.

Every view takes the same filters: a section (id, number or title; nested
sections included), a unit (name or alias) and a role.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import partial
from typing import TypeAlias, TypeVar

import attrs

from ..model import Plan, Report, Role, Section, Task
from ..raci import DUTY_WORDS, EACH_LEAD_MARKS, EACH_LEAD_WORDS, Scheme, letters
from ..resolve import ResolvedPlan
from ..span import display_width
from .memo import Memo
from .roles import Holding, PlanIndex, ResolvedReport, ResolvedTask
from .safe import document, terminal
from .table import VIEW_TITLES, Cell, Column, Group, SparseRow, Table, numbered

VIEWS = ("raci", "tasks", "units")
REPORT_OWED, REPORT_RECEIVED = "汇报", "接收"

#: A task the filters keep, with the role holders they keep on it (see `_selected`).
Selected: TypeAlias = tuple[ResolvedTask, tuple[Holding, ...]]
#: The 责任清单's rows of each unit, by unit name.
UnitRows: TypeAlias = dict[str, list[Sequence[Cell]]]


class ViewMemo:
    """What one view built for an earlier version of the plan (see `memo`): its rows, by the task they
    show, and its groups, by their first row (a group whose rows are all the same objects is the same)."""

    def __init__(self) -> None:
        self.rows: Memo[Sequence[Cell]] = Memo()
        self.groups: Memo[Group] = Memo()

    def begin(self, shared: object) -> None:
        self.rows.begin(shared)
        self.groups.begin(shared)

    def group(self, heading: str | None, rows: list[Sequence[Cell]]) -> Group:
        """The group of these very rows under `heading`: last build's when it held the same ones."""
        return self.groups.get(rows[0], heading, lambda: Group(heading, rows),
                               lambda kept: len(kept.rows) == len(rows) and all(map(operator.is_, kept.rows, rows)))
Item = TypeVar("Item")


@attrs.frozen
class Filters:
    section: str | None = None
    unit: str | None = None
    role: Role | None = None
    #: The section `section` names, once resolved: tasks inside it (at any depth) are kept.
    scope: Section | None = attrs.field(default=None, eq=False, repr=False)

    def resolved(self, index: PlanIndex) -> Filters:
        """The same filters with the section as an id and the unit as its main name."""
        found = index.resolve_section(self.section) if self.section else None
        unit = index.resolve_unit(self.unit) if self.unit else None
        return Filters(found.id if found else None, unit, self.role, found.section if found else None)

    def in_section(self, sections: Iterable[Section]) -> bool:
        return self.scope is None or any(section is self.scope for section in sections)

    def keeps(self, holder: Holding) -> bool:
        return (self.unit is None or holder.unit == self.unit) and (self.role is None or holder.role is self.role)

    @property
    def narrows_holders(self) -> bool:
        return self.unit is not None or self.role is not None


def build(plan: Plan | ResolvedPlan, view: str, filters: Filters = Filters(), scheme: Scheme = Scheme.RACI,
          index: PlanIndex | None = None, memo: ViewMemo | None = None) -> Table:
    """The view `raci`, `tasks` or `units` of `plan`. Raises ValueError for unknown views or filters.

    `index`, the plan's `PlanIndex`, lets several views of one plan share it. `memo`, kept by the
    caller for one view across edits, hands back the rows of tasks the resolution reused (the
    workbench's pane after a keystroke); the table is the same with or without it.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view `{view}`; choose one of {', '.join(VIEWS)}")
    plain = plan.plan if isinstance(plan, ResolvedPlan) else plan
    index = index if index is not None and index.plan is plain else PlanIndex(plan)
    filters = filters.resolved(index)
    builder = {"raci": _raci, "tasks": _tasks, "units": _units}[view]
    built = builder(index, filters, scheme, memo if memo is not None else ViewMemo())
    return attrs.evolve(built, keep=keep_whole(index) | built.keep)


def keep_whole(index: PlanIndex) -> frozenset[str]:
    """What a line never breaks inside: every name a unit answers to, every cadence and due date
    the plan writes (`每半年至少一次`, `到“十四五”末`), and the role words of the 责任清单 (`接收报送`)."""
    phrases = {*index.resolved.units.names(), *index.unit_order(), *DUTY_WORDS.values(), REPORT_OWED, REPORT_RECEIVED}
    items: list[Task | Report] = [entry.task for entry in index.tasks]
    items += [entry.report for entry in index.reports]
    for item in items:
        phrases.update(str(value) for value in (item.cadence, item.due) if value is not None)
    # As the emitters show them: a name holding a control character is kept whole as `甲<U+0000>` too.
    shown = {form for phrase in phrases for form in (document(phrase), terminal(phrase)) if form != phrase}
    return frozenset(phrases | shown)


def _title(index: PlanIndex, view: str) -> str:
    return f"{index.plan.title} · {VIEW_TITLES[view]}" if index.plan.title else VIEW_TITLES[view]


def _notes(index: PlanIndex) -> tuple[str, ...]:
    plan = index.plan
    notes = []
    if plan.basis:
        notes.append(f"依据：{plan.basis}")
    if plan.issuer:
        notes.append(f"发文：{plan.issuer}")
    return tuple(notes)


def _selected(index: PlanIndex, filters: Filters) -> list[Selected]:
    """Tasks in the section filter with the role holders the filters keep.

    With a unit or role filter, tasks keeping no holder drop out; without,
    every task stays, unassigned ones included, so gaps show.
    """
    chosen: list[Selected] = []
    narrows = filters.narrows_holders
    for entry in index.tasks:
        if not filters.in_section(entry.sections):
            continue
        if not narrows:
            chosen.append((entry, entry.holdings))
            continue
        kept = tuple(h for h in entry.holdings if filters.keeps(h))
        if kept:
            chosen.append((entry, kept))
    return chosen


def _section_heading(entry: ResolvedTask | ResolvedReport, index: PlanIndex | None = None) -> str | None:
    """`一、总则 / (一)…`: the entry's sections as the document numbers them (remembered by the index)."""
    if not entry.sections:
        return None
    if index is not None:
        return index.heading(entry.sections)
    return " / ".join(numbered(section.number, section.title) for section in entry.sections)


def _serials(chosen: Sequence[Selected], headings: Sequence[str | None]) -> list[str]:
    """序号 as the document writes it: (一), 1.; unnumbered tasks count 1, 2, … within their section
    (`headings`, each task's)."""
    serials: list[str] = []
    counters: dict[str | None, int] = {}
    for (entry, _), heading in zip(chosen, headings):
        counters[heading] = counters.get(heading, 0) + 1
        number = entry.task.number
        if number:
            serials.append(number if number.startswith("(") or not number.isdigit() else f"{number}.")
        else:
            serials.append(str(counters[heading]))
    return serials


def _task_groups(index: PlanIndex, chosen: list[Selected], memo: ViewMemo,
                 row: Callable[[Selected, str], Sequence[Cell]],
                 row_key: Callable[[Selected], Hashable]) -> tuple[Group, ...]:
    """One row per task (`row(item, 序号)`) under its section's heading, in document order. A row the memo
    holds for the very same task under the same 序号 is reused: a task the resolution reused is unchanged.
    So is one built for a task of the same `row_key` (what its row shows): a section the edit re-read
    has new tasks, all but the edited one showing what they showed."""
    heading_of = index.heading
    headings = [heading_of(entry.sections) if entry.sections else None for entry, _ in chosen]
    serials = _serials(chosen, headings)
    rows = memo.rows.map([entry for entry, _ in chosen], serials, lambda at: row(chosen[at], serials[at]),
                         lambda at: (serials[at], row_key(chosen[at])))
    # Consecutive tasks under the same heading are one group, in document order.
    groups = []
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and headings[end] == headings[start]:
            end += 1
        groups.append(memo.group(headings[start], rows[start:end]))
        start = end
    return tuple(groups)


def leads_text(entry: ResolvedTask, leads: Sequence[str], language: str = "zh") -> str:
    """The leads of `entry` as a table prints them: `市发改委、市财政局`, marked `（分别牵头）` (in English
    ` (each leads its part)`) when they were written `分别牵头:` (`ResolvedTask.leads_separately`)."""
    if not leads:
        return ""
    joined = "、".join(leads)
    return joined + EACH_LEAD_MARKS[language == "en"] if entry.leads_separately else joined


def _timing(item: Task | Report) -> str:
    parts = [str(value) for value in (item.cadence, item.due) if value is not None]
    return " / ".join(dict.fromkeys(parts))  # 长期坚持 as both 频次 and 时限 says it once


def _raci(index: PlanIndex, filters: Filters, scheme: Scheme, memo: ViewMemo) -> Table:
    chosen = _selected(index, filters)
    used = {h.unit for _, kept in chosen for h in kept}
    units = [name for name in index.unit_order() if name in used]
    memo.begin(("raci", filters, tuple(units), scheme))  # a row's columns are the units any task uses
    column_of = {name: col for col, name in enumerate(units, start=2)}
    width = len(units) + 2
    cells: dict[tuple[Role, ...], Cell] = {}  # one Cell per combination of roles: cells are immutable

    def row(item: Selected, serial: str) -> SparseRow:
        # A task's row from its own holders: a unit with no role on it stays blank, unwritten.
        entry, kept = item
        roles_of: dict[str, list[Role]] = {}
        for holder in kept:
            roles_of.setdefault(holder.unit, []).append(holder.role)
        filled: dict[int, Cell] = {}
        for name, roles in roles_of.items():
            key = tuple(roles)
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = Cell(letters(key, scheme), key)
            filled[column_of[name]] = cell
        return SparseRow((Cell(serial), Cell(entry.task.title)), filled, width)

    def row_key(item: Selected) -> Hashable:
        return item[0].task.title, tuple((holder.unit, holder.role) for holder in item[1])

    columns = [Column("序号", 8), Column("任务", 30, main=True)] + [Column(name, 6, letters=True) for name in units]
    groups = _task_groups(index, chosen, memo, row, row_key)
    return Table("raci", _title(index, "raci"), columns, groups, scheme, notes=_notes(index))


def _tasks(index: PlanIndex, filters: Filters, scheme: Scheme, memo: ViewMemo) -> Table:
    chosen = _selected(index, filters)
    # 责任领导 (people) only when the plan names any: most plans do not, and an empty column wastes the page.
    with_leaders = any(entry.leaders for entry, _ in chosen)
    memo.begin(("tasks", filters, with_leaders))

    def row(item: Selected, serial: str) -> tuple[Cell, ...]:
        entry, kept = item
        shown = kept if filters.narrows_holders else entry.holdings
        lead = [h.unit for h in shown if h.role is Role.LEAD]
        support = [h.unit for h in shown if h.role is Role.SUPPORT]
        support += [f"{h.unit}（会同）" for h in shown if h.role is Role.CONSULT]
        leaders = (Cell("、".join(entry.leaders)),) if with_leaders else ()
        return (
            Cell(serial),
            Cell(entry.task.title),
            *leaders,
            Cell(leads_text(entry, lead), (Role.LEAD,) if lead else ()),
            Cell("、".join(support)),
            Cell(_timing(entry.task)),
        )

    columns = [Column("序号", 8), Column("重点任务", 36, main=True), *([Column("责任领导", 10)] if with_leaders else []),
               Column("牵头单位", 16), Column("配合单位", 24), Column("完成时限/频次", 22)]
    def row_key(item: Selected) -> Hashable:
        entry, kept = item
        shown = kept if filters.narrows_holders else entry.holdings
        return (entry.task.title, tuple((holder.role, holder.unit) for holder in shown), entry.leads_separately,
                entry.leaders if with_leaders else (), _timing(entry.task))

    groups = _task_groups(index, chosen, memo, row, row_key)
    return Table("tasks", _title(index, "tasks"), columns, groups, scheme, notes=_notes(index))


def _task_label(entry: ResolvedTask) -> str:
    return f"{entry.id} {entry.task.title}" if entry.task.number else entry.task.title


def _units(index: PlanIndex, filters: Filters, scheme: Scheme, memo: ViewMemo) -> Table:
    memo.begin(("units", filters))
    rows_by_unit: UnitRows = {}
    # Role by role (all leads first, then supports...), each in document order; one pass over the tasks.
    by_role: dict[Role, list[tuple[str, ResolvedTask]]] = {role: [] for role in Role}
    for entry, kept in _selected(index, filters):
        for holder in kept:
            by_role[holder.role].append((holder.unit, entry))
    # A unit holding several roles on one task gets one row naming them all (`牵头、监督`), where
    # its first role puts it: two rows would read as two duties.
    held: list[tuple[str, ResolvedTask, list[Role]]] = []
    roles_of: dict[tuple[str, int], list[Role]] = {}
    for role, pairs in by_role.items():
        for unit, entry in pairs:
            roles = roles_of.get((unit, id(entry)))
            if roles is None:
                roles = roles_of[unit, id(entry)] = []
                held.append((unit, entry, roles))
            if role not in roles:
                roles.append(role)
    # One Cell per combination of roles (and whether a lead is one of several leading their parts):
    # cells are immutable.
    duties: dict[tuple[tuple[Role, ...], bool], Cell] = {}

    def shown(entry: ResolvedTask, duty: Cell) -> tuple[str, str, str, str]:
        return duty.text, _task_label(entry), _section_heading(entry, index) or "", _timing(entry.task)

    def row(entry: ResolvedTask, duty: Cell) -> tuple[Cell, ...]:
        return (duty, *(Cell(text) for text in shown(entry, duty)[1:]))

    for unit, entry, roles in held:
        key = tuple(roles)
        each = Role.LEAD in key and entry.leads_separately
        duty = duties.get((key, each))
        if duty is None:
            words = (EACH_LEAD_WORDS[0] if each and role is Role.LEAD else DUTY_WORDS[role] for role in key)
            duty = duties[key, each] = Cell("、".join(words), key, spelt_out=True)
        # One row per task and roles, the same in the list of every unit holding those roles on it; the
        # row of a task the resolution made anew is found by what it shows.
        rows_by_unit.setdefault(unit, []).append(
            memo.rows.get(entry, duty.text, partial(row, entry, duty), value_of=partial(shown, entry, duty)))
    if filters.role is None:
        for report in index.reports:
            if filters.in_section(report.sections):
                _report_rows(index, report, filters, rows_by_unit, memo)
    groups: list[Group] = []
    order = index.unit_order()
    known = set(order)
    names = list(order) + [name for name in rows_by_unit if name not in known]
    for name in names:
        if name in rows_by_unit:
            declared = index.unit(name)
            heading = f"{name}（{declared.full_name}）" if declared and declared.full_name else name
            groups.append(memo.group(heading, rows_by_unit[name]))
    # The role column as wide as its widest cell (`配合、监督` is 10), so role words never wrap.
    role_width = max([8, *(display_width(duty.text) for duty in duties.values())])
    columns = [Column("角色", role_width), Column("事项", 36, main=True), Column("章节", 30), Column("频次/时限", 22)]
    return Table("units", _title(index, "units"), columns, groups, scheme, group_label="单位", notes=_notes(index),
                 keep={duty.text for duty in duties.values()})  # `配合、监督` never breaks at its 、


def _report_rows(index: PlanIndex, entry: ResolvedReport, filters: Filters, rows_by_unit: UnitRows,
                 memo: ViewMemo) -> None:
    report = entry.report
    what = report.content or "工作情况"
    form = f"（{report.form}）" if report.form else ""
    where = _section_heading(entry, index) or ""
    target = entry.target or "（未写明）"

    def row(*texts: str) -> Sequence[Cell]:
        # The same row in every sender's list, and after an edit elsewhere (found by what it shows).
        return memo.rows.get(report, texts, lambda: tuple(Cell(text) for text in texts), value=texts)

    for source in entry.senders:
        if filters.unit in (None, source):
            rows_by_unit.setdefault(source, []).append(row(REPORT_OWED, f"向{target}报送{what}{form}", where, _timing(report)))
    if entry.target and filters.unit in (None, entry.target):
        rows_by_unit.setdefault(entry.target, []).append(
            row(REPORT_RECEIVED, f"接收{entry.source}报送的{what}{form}", where, _timing(report)))

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
from .table import VIEW_TITLES, Cell, Column, Group, SparseRow, Table, bracketed_number, numbered

VIEWS = ("raci", "tasks", "units")
REPORT_OWED, REPORT_RECEIVED = "汇报", "接收"

#: A unit in a role on a task, as the resolution answers it (`ResolvedTask.pairs()`): the views show
#: roles and canonical names alone, so they never make the `Holding`s (each with the `Assignment` and
#: `Ref` it rests on, made on every access): that was a fifth of a workbook's time (docs/performance.md,
#: round eight).
Pair: TypeAlias = tuple[Role, str]
#: A task the filters keep, with the (role, unit) pairs they keep on it (see `_selected`).
Selected: TypeAlias = tuple[ResolvedTask, tuple[Pair, ...]]
#: The 责任清单's rows of each unit, by unit name.
UnitRows: TypeAlias = dict[str, list[Sequence[Cell]]]


class ViewMemo:
    """What one view built for an earlier version of the plan (see `memo`): its rows, by the task they
    show, and its groups, by their first row (a group whose rows are all the same objects is the same)."""

    def __init__(self, keeps: bool = True) -> None:
        self.rows: Memo[Sequence[Cell]] = Memo(keeps=keeps)
        self.groups: Memo[Group] = Memo(keeps=keeps)

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
        return self.keeps_pair(holder.role, holder.unit)

    def keeps_pair(self, role: Role, unit: str) -> bool:
        """Whether the filters keep `unit` in `role` (a holding's role and canonical unit)."""
        return (self.unit is None or unit == self.unit) and (self.role is None or role is self.role)

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
    built = builder(index, filters, scheme, memo if memo is not None else ViewMemo(keeps=False))
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
    keeps = filters.keeps_pair
    # Every task's pairs are asked of the index once for all views built from it; a section filter
    # asks only the tasks inside it.
    tasks: Iterable[tuple[ResolvedTask, tuple[Pair, ...]]] = (
        zip(index.tasks, index.pairs()) if filters.scope is None
        else ((entry, entry.pairs()) for entry in index.tasks if filters.in_section(entry.sections)))
    for entry, pairs in tasks:
        if not narrows:
            chosen.append((entry, pairs))
            continue
        kept = tuple([pair for pair in pairs if keeps(*pair)])
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
    """序号 as the document writes it: （一）, 1.; unnumbered tasks count 1, 2, … within their section
    (`headings`, each task's)."""
    serials: list[str] = []
    counters: dict[str | None, int] = {}
    for (entry, _), heading in zip(chosen, headings):
        counters[heading] = counters.get(heading, 0) + 1
        number = entry.task.number
        if number:
            serials.append(bracketed_number(number, entry.task.title) if number.startswith("(")
                           else f"{number}." if number.isdigit() else number)
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
    used = {unit for _, kept in chosen for _, unit in kept}
    units = [name for name in index.unit_order() if name in used]
    memo.begin(("raci", filters, tuple(units), scheme))  # a row's columns are the units any task uses
    column_of = {name: col for col, name in enumerate(units, start=2)}
    width = len(units) + 2
    cells: dict[tuple[Role, ...], Cell] = {}  # one Cell per combination of roles: cells are immutable
    text_cell = index.cell

    def row(item: Selected, serial: str) -> SparseRow:
        # A task's row from its own holders: a unit with no role on it stays blank, unwritten.
        entry, kept = item
        roles_of: dict[str, list[Role]] = {}
        for role, unit in kept:
            roles_of.setdefault(unit, []).append(role)
        filled: dict[int, Cell] = {}
        for name, roles in roles_of.items():
            key = tuple(roles)
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = Cell(letters(key, scheme), key)
            filled[column_of[name]] = cell
        return SparseRow((text_cell(serial), text_cell(entry.task.title)), filled, width)

    def row_key(item: Selected) -> Hashable:
        return item[0].task.title, tuple((unit, role) for role, unit in item[1])

    columns = [Column("序号", 8), Column("任务", 30, main=True)] + [Column(name, 6, letters=True) for name in units]
    groups = _task_groups(index, chosen, memo, row, row_key)
    return Table("raci", _title(index, "raci"), columns, groups, scheme, notes=_notes(index))


def _tasks(index: PlanIndex, filters: Filters, scheme: Scheme, memo: ViewMemo) -> Table:
    chosen = _selected(index, filters)
    # 责任领导 (people) only when the plan names any: most plans do not, and an empty column wastes the page.
    with_leaders = any(entry.leaders for entry, _ in chosen)
    memo.begin(("tasks", filters, with_leaders))
    text_cell = index.cell
    lead_cells: dict[str, Cell] = {}  # the 牵头单位 cell of each list of leads, coloured as a lead

    def lead_cell(text: str) -> Cell:
        found = lead_cells.get(text)
        if found is None:
            found = lead_cells[text] = Cell(text, (Role.LEAD,) if text else ())
        return found

    def row(item: Selected, serial: str) -> tuple[Cell, ...]:
        entry, kept = item
        # The units the filters keep: every one of the task's without a unit or role filter.
        lead = [unit for role, unit in kept if role is Role.LEAD]
        support = [unit for role, unit in kept if role is Role.SUPPORT]
        support += [f"{unit}（会同）" for role, unit in kept if role is Role.CONSULT]
        leaders = (text_cell("、".join(entry.leaders)),) if with_leaders else ()
        return (
            text_cell(serial),
            text_cell(entry.task.title),
            *leaders,
            lead_cell(leads_text(entry, lead)),
            text_cell("、".join(support)),
            text_cell(_timing(entry.task)),
        )

    columns = [Column("序号", 8), Column("重点任务", 36, main=True), *([Column("责任领导", 10)] if with_leaders else []),
               Column("牵头单位", 16), Column("配合单位", 24), Column("完成时限/频次", 22)]
    def row_key(item: Selected) -> Hashable:
        entry, kept = item
        return (entry.task.title, kept, entry.leads_separately,
                entry.leaders if with_leaders else (), _timing(entry.task))

    groups = _task_groups(index, chosen, memo, row, row_key)
    return Table("tasks", _title(index, "tasks"), columns, groups, scheme, notes=_notes(index))


def _task_label(entry: ResolvedTask) -> str:
    return f"{entry.id} {entry.task.title}" if entry.task.number else entry.task.title


#: Each role's place in role order, and the bit of it in a set of roles held (`_units`).
_ROLE_ORDER = tuple(Role)
_ROLE_BIT = {role: 1 << rank for rank, role in enumerate(_ROLE_ORDER)}
_LEAD_BIT = _ROLE_BIT[Role.LEAD]


def _units(index: PlanIndex, filters: Filters, scheme: Scheme, memo: ViewMemo) -> Table:
    memo.begin(("units", filters))
    rows_by_unit: UnitRows = {}
    chosen = _selected(index, filters)
    # The roles each unit holds on each task, as a set of bits, keyed by (unit, the task's place in
    # document order): a unit holding several roles on one task gets one row naming them all
    # (`牵头、监督`), where its first role puts it, as two rows would read as two duties. Plain
    # integers and strings, which the collector stops tracking: a 10k-task plan has 40,000 of them.
    held: dict[tuple[str, int], int] = {}
    for place, (_, kept) in enumerate(chosen):
        for role, unit in kept:
            key = (unit, place)
            held[key] = held.get(key, 0) | _ROLE_BIT[role]
    # Each unit's rows: role by role (all leads first, then supports...), each in document order.
    by_unit: dict[str, list[tuple[int, int, int]]] = {}
    for (unit, place), bits in held.items():
        by_unit.setdefault(unit, []).append(((bits & -bits).bit_length(), place, bits))
    # One Cell per combination of roles, and whether a lead is one of several leading their parts
    # (分别牵头): cells are immutable.
    duties: dict[tuple[int, bool], Cell] = {}
    rows: dict[tuple[int, int], Sequence[Cell]] = {}  # one row per task and roles, in every unit's list

    each_at: dict[int, bool] = {}  # whether a task's leads each lead their part, asked once per task

    def duty_of(bits: int, place: int) -> Cell:
        each = False
        if bits & _LEAD_BIT:
            known = each_at.get(place)
            each = known if known is not None else each_at.setdefault(place, chosen[place][0].leads_separately)
        found = duties.get((bits, each))
        if found is None:
            roles = tuple(role for role in _ROLE_ORDER if bits & _ROLE_BIT[role])
            words = (EACH_LEAD_WORDS[0] if each and role is Role.LEAD else DUTY_WORDS[role] for role in roles)
            found = duties[bits, each] = Cell("、".join(words), roles, spelt_out=True)
        return found

    texts_at: dict[int, tuple[str, str, str]] = {}  # a task's texts, for each of its rows

    def texts(place: int) -> tuple[str, str, str]:
        found = texts_at.get(place)
        if found is None:
            entry = chosen[place][0]
            found = texts_at[place] = (_task_label(entry), _section_heading(entry, index) or "", _timing(entry.task))
        return found

    def shown(place: int, bits: int) -> tuple[int, str, str, str]:
        return (bits, *texts(place))

    def row(place: int, duty: Cell) -> tuple[Cell, ...]:
        return (duty, *map(index.cell, texts(place)))

    for pairs in by_unit.values():
        pairs.sort()
    # Units in the order their first row comes (reports' senders and receivers after them), as the
    # headings of units the plan does not declare follow it.
    for unit, pairs in sorted(by_unit.items(), key=lambda item: item[1][0]):
        listed = rows_by_unit[unit] = []
        for _, place, bits in pairs:
            found = rows.get((place, bits))
            if found is None:
                duty = duty_of(bits, place)  # the duties name the role column's width and what never breaks, rows reused or not
                # The row of a task the resolution reused is last build's; one made anew is found by
                # what it shows.
                found = rows[place, bits] = memo.rows.get(chosen[place][0], bits, partial(row, place, duty),
                                                          value_of=partial(shown, place, bits))
            listed.append(found)
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
        return memo.rows.get(report, texts, lambda: tuple(index.cell(text) for text in texts), value=texts)

    for source in entry.senders:
        if filters.unit in (None, source):
            rows_by_unit.setdefault(source, []).append(row(REPORT_OWED, f"向{target}报送{what}{form}", where, _timing(report)))
    if entry.target and filters.unit in (None, entry.target):
        rows_by_unit.setdefault(entry.target, []).append(
            row(REPORT_RECEIVED, f"接收{entry.source}报送的{what}{form}", where, _timing(report)))

"""The resolved plan: for every task, section and report, who holds which role and why.

The model keeps what the file says; this module answers what it means:

- scopes: each item's enclosing sections, across includes (an `引入` inside a
  section puts the included tasks in that section);
- ids, derived once (see `ids`);
- effective roles: for each role, the task's own units if it names any, else
  those of the innermost enclosing section that names the role; each
  `Holding` says which section it came from;
- reports with the role reference 牵头单位 expanded to the units that lead a
  task, never the report's own recipient (so nobody "reports to itself" and
  cycles through the reference are real cycles).

Everything that reads a plan (checks, tables, diagrams, the JSON export, the
Python API) reads it from here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, TypeAlias

import attrs

from ..cadence import Cadence
from ..model import LEAD_REFERENCE, Assignment, Include, Plan, Report, Role, Section, Task
from ..span import Span
from . import ids
from .directory import UnitDirectory

if TYPE_CHECKING:
    from ..model import Item

_ROLE_ORDER = {role: index for index, role in enumerate(Role)}
_ROLES = tuple(Role)

#: A holding as the resolution keeps it: (role's index in `Role`, canonical unit, where the
#: assignment is written: -1 for the item itself, else the index of that section in the item's
#: `sections`, and the assignment's index in that item's `assignments`). Plain values, so the
#: garbage collector stops tracking a row, and a tuple of rows, the first time it looks at them;
#: a `Holding` is an instance it keeps walking in every full collection for as long as the plan
#: lives (docs/performance.md, sixth round). The public `Holding`s are made when asked for.
Held: TypeAlias = tuple[int, str, int, int]
_OWN = -1
_ROLE_OF = itemgetter(0)


@attrs.frozen
class Holding:
    """One unit in one role on a task or section, as it takes effect."""

    role: Role
    #: The unit's canonical name (an alias is resolved; an undeclared name stays as written).
    unit: str
    #: The assignment as written, with its position.
    assignment: Assignment = attrs.field(eq=False, repr=False)
    #: The enclosing section or carrier this role is inherited from; None when the item names it itself.
    source: Section | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def inherited(self) -> bool:
        return self.source is not None

    @property
    def each(self) -> bool:
        """A lead written `分别牵头:`: one of several units each leading its own part (`Assignment.each`)."""
        return self.assignment.each

    @property
    def span(self) -> Span | None:
        return self.assignment.span


class _Roles:
    """Role look-ups over the holdings, shared by resolved tasks and sections. They read the rows
    the resolution keeps (`Held`) and make no `Holding`; `holdings` makes them."""

    _held: tuple[Held, ...]
    sections: tuple[Section, ...]

    if TYPE_CHECKING:
        # Each resolved kind gives the model item it resolves (a property of the subclass).
        @property
        def item(self) -> Task | Section: ...

    @property
    def holdings(self) -> tuple[Holding, ...]:
        """Effective roles, grouped by role, each (role, unit) once: made anew on every access, so a
        caller that reads them often keeps the tuple; `pairs()` gives roles and units alone."""
        return self._made(self._held)

    def _made(self, rows: Iterable[Held]) -> tuple[Holding, ...]:
        """The `Holding`s of `rows`, each with the one assignment it rests on (made from its row)."""
        made = []
        for role, unit, depth, index in rows:
            # Only the assignment each holding rests on is made: a section's other assignments are not.
            where = self.item if depth == _OWN else self.sections[depth]
            source = None if depth == _OWN else self.sections[depth]
            made.append(Holding(_ROLES[role], unit, where.assignment_at(index), source))
        return tuple(made)

    @property
    def has_holdings(self) -> bool:
        """Whether any unit holds a role here (own or inherited): `bool(holdings)` without making them."""
        return bool(self._held)

    def holds_a_unit_twice(self) -> bool:
        """Whether one unit holds two roles here (own or inherited), without making the holdings."""
        held = self._held
        return len(held) > 1 and len({row[1] for row in held}) < len(held)

    def both(self, role: Role, other: Role) -> list[tuple[Holding, Holding]]:
        """(holding in `role`, holding in `other`) of each unit holding both roles here, in the order
        of `role`'s holdings, unless both are inherited (the section they come from has the pair
        itself). Only the Holdings of the pairs are made."""
        wanted, mates = _ROLE_ORDER[role], {row[1]: row for row in self._held if row[0] == _ROLE_ORDER[other]}
        pairs = []
        for row in self._held:
            if row[0] == wanted:
                mate = mates.get(row[1])
                if mate is not None and not (row[2] != _OWN and mate[2] != _OWN):
                    made = self._made((row, mate))
                    pairs.append((made[0], made[1]))
        return pairs

    def own_counts(self) -> tuple[int, int]:
        """How many holdings the item states itself (no `source`), and how many of them are leads."""
        own = leads = 0
        for role, _, depth, _ in self._held:
            if depth == _OWN:
                own += 1
                leads += role == 0  # Role.LEAD, the first role
        return own, leads

    def pairs(self) -> tuple[tuple[Role, str], ...]:
        """(role, canonical unit) of each holding, in the order of `holdings`, without making them."""
        return tuple([(_ROLES[row[0]], row[1]) for row in self._held])

    def own_pairs(self) -> tuple[tuple[Role, str], ...]:
        """(role, canonical unit) of the holdings the item states itself (no `source`)."""
        return tuple([(_ROLES[row[0]], row[1]) for row in self._held if row[2] == _OWN])

    def units(self, role: Role) -> tuple[str, ...]:
        """Canonical names of the units holding `role`, in written order."""
        wanted = _ROLE_ORDER[role]
        return tuple([row[1] for row in self._held if row[0] == wanted])

    def holdings_in(self, role: Role) -> tuple[Holding, ...]:
        wanted = _ROLE_ORDER[role]
        return self._made([row for row in self._held if row[0] == wanted])

    def roles_of(self, unit: str) -> tuple[Role, ...]:
        return tuple(_ROLES[row[0]] for row in self._held if row[1] == unit)

    def origin(self, role: Role) -> Section | None:
        """The section `role` is inherited from, or None when it is the item's own (or nobody holds it)."""
        wanted = _ROLE_ORDER[role]
        depth = next((row[2] for row in self._held if row[0] == wanted), _OWN)
        return None if depth == _OWN else self.sections[depth]

    @property
    def lead(self) -> str | None:
        """The lead unit (牵头单位); the first if a plan wrongly names several (E301)."""
        held = self._held  # grouped by role, so a lead comes first
        return held[0][1] if held and held[0][0] == 0 else None

    @property
    def leads(self) -> tuple[str, ...]:
        return self.units(Role.LEAD)

    @property
    def leads_separately(self) -> bool:
        """Whether the leads, own or inherited, were written `分别牵头:`: each leads its own part of the
        work (`（A、B分别负责）`), so several of them are no conflict. False when there is no lead, or a
        plain `牵头:` lead stands among them (E301 reports that mix)."""
        found = False
        for role, _unit, depth, index in self._held:  # grouped by role: the leads come first
            if role != 0:
                break
            where = self.item if depth == _OWN else self.sections[depth]
            if not where.assignment_each(index):  # read from the rows: no Holding or Assignment made
                return False
            found = True
        return found

    @property
    def support(self) -> tuple[str, ...]:
        return self.units(Role.SUPPORT)

    @property
    def consult(self) -> tuple[str, ...]:
        return self.units(Role.CONSULT)

    @property
    def inform(self) -> tuple[str, ...]:
        return self.units(Role.INFORM)

    @property
    def oversee(self) -> tuple[str, ...]:
        return self.units(Role.OVERSEE)

    @property
    def own(self) -> tuple[Assignment, ...]:
        """What the item itself states, as written."""
        return self.item.assignments


@attrs.frozen(eq=False)
class ResolvedTask(_Roles):
    """A task with its id, its sections and its effective roles, as every table shows them."""

    task: Task
    id: str
    #: Enclosing sections, outermost first (across includes).
    sections: tuple[Section, ...]
    #: Effective roles as rows (`Held`), grouped by role, each (role, unit) once; `holdings` makes them.
    _held: tuple[Held, ...] = attrs.field(alias="held", repr=False)
    #: The officials in charge (责任领导), people not units: the task's own, else its innermost section's.
    leaders: tuple[str, ...] = ()
    #: The section `leaders` are inherited from; None when the task names them itself (or nobody does).
    leaders_origin: Section | None = None

    @property
    def item(self) -> Task:
        return self.task

    @property
    def title(self) -> str:
        return self.task.title

    @property
    def number(self) -> str | None:
        return self.task.number

    @property
    def body(self) -> str | None:
        return self.task.body

    @property
    def cadence(self) -> Cadence | None:
        return self.task.cadence

    @property
    def due(self) -> Cadence | None:
        return self.task.due

    @property
    def deliverable(self) -> str | None:
        return self.task.deliverable

    @property
    def span(self) -> Span | None:
        return self.task.span

    @property
    def section(self) -> Section | None:
        """The innermost enclosing section, or None at the top level."""
        return self.sections[-1] if self.sections else None


@attrs.frozen(eq=False)
class ResolvedSection(_Roles):
    """A section or carrier with its id, enclosing sections, effective roles and the work inside it."""

    section: Section
    id: str
    sections: tuple[Section, ...]
    _held: tuple[Held, ...] = attrs.field(alias="held", repr=False)
    #: Tasks inside, nested sections and included files too, in document order.
    tasks: tuple[ResolvedTask, ...]
    #: Reports inside, likewise.
    reports: tuple[ResolvedReport, ...]
    #: The officials in charge, own or inherited, as `ResolvedTask.leaders`.
    leaders: tuple[str, ...] = ()
    leaders_origin: Section | None = None

    @property
    def item(self) -> Section:
        return self.section

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def span(self) -> Span | None:
        return self.section.span


@attrs.frozen(eq=False)
class ResolvedReport:
    """A reporting line with its names resolved."""

    report: Report
    sections: tuple[Section, ...]
    #: The sender as written, canonical: a unit's name, or 牵头单位.
    source: str
    #: The recipient's canonical name, or None when the report names none.
    target: str | None
    #: The concrete units that owe the report: the sender, or for 牵头单位 every unit
    #: that leads a task, the recipient excepted.
    senders: tuple[str, ...]

    @property
    def by_role_reference(self) -> bool:
        return self.source == LEAD_REFERENCE

    @property
    def span(self) -> Span | None:
        return self.report.span


class ResolvedPlan:
    """A plan with every task, section and report resolved; build it with `qlmatrix.resolve(plan)`.

    Read-only: its parts are frozen, and it is built once per plan object.
    """

    def __init__(self, plan: Plan, previous: ResolvedPlan | None = None):
        """`previous`, the resolution of an earlier version of the plan, lends what it walked of each
        top-level section that is the very same object here (see `resolve`)."""
        self.plan = plan
        self.units = UnitDirectory(plan.all_units())
        tasks: list[ResolvedTask] = []
        sections: list[ResolvedSection] = []
        reports: list[ResolvedReport] = []
        reusable = previous._walked if previous is not None and previous.units.same_names(self.units) else {}
        walker = _Walker(self.units, tasks, sections, reports, reusable)
        walker.run(plan)
        self._walked: dict[int, _Walked] = walker.walked
        self.tasks: tuple[ResolvedTask, ...] = tuple(tasks)
        led: dict[str, list[ResolvedTask]] = {}
        for task in self.tasks:
            for unit in dict.fromkeys(task.leads):
                led.setdefault(unit, []).append(task)
        self._led = {unit: tuple(tasks) for unit, tasks in led.items()}
        #: Every unit that leads a task, as first met: what 牵头单位 stands for.
        self.lead_units: tuple[str, ...] = tuple(self._led)
        self.reports: tuple[ResolvedReport, ...] = tuple(self._expanded(r) for r in reports)
        by_report = {id(r.report): r for r in self.reports}
        self.sections: tuple[ResolvedSection, ...] = tuple(
            attrs.evolve(s, reports=tuple(by_report[id(r.report)] for r in s.reports)) if s.reports else s
            for s in sections)
        self._task_by_id: dict[str, ResolvedTask] | None = None
        self._unit_order: tuple[str, ...] | None = None

    def _expanded(self, report: ResolvedReport) -> ResolvedReport:
        if report.source != LEAD_REFERENCE:
            return report
        senders = tuple(unit for unit in self.lead_units if unit != report.target)
        return attrs.evolve(report, senders=senders)

    def __repr__(self) -> str:
        return f"<ResolvedPlan {self.plan.title or ''!s}: {len(self.tasks)} tasks, {len(self.units)} units>"

    def task(self, id: str) -> ResolvedTask:
        """The task with this id (as the tables print it). Raises KeyError."""
        if self._task_by_id is None:
            found: dict[str, ResolvedTask] = {}
            for task in self.tasks:
                found.setdefault(task.id, task)  # a repeated id is E103; the first keeps it
            self._task_by_id = found
        return self._task_by_id[id]

    def unit_order(self) -> tuple[str, ...]:
        """Declared units in declaration order, then names used but never declared, as first met."""
        if self._unit_order is None:
            order = [unit.name for unit in self.units]
            known = set(order)
            for task in self.tasks:
                for _, unit, _, _ in task._held:
                    if unit not in known:
                        known.add(unit)
                        order.append(unit)
            self._unit_order = tuple(order)
        return self._unit_order

    def led_by(self, unit: str) -> tuple[ResolvedTask, ...]:
        """The tasks `unit` (any of its names) leads, own or inherited lead, in document order."""
        return self.leads_by_unit().get(self.units.canonical(unit), ())

    def leads_by_unit(self) -> dict[str, tuple[ResolvedTask, ...]]:
        """Canonical unit name -> the tasks it leads, units in the order they first lead."""
        return dict(self._led)


#: A section being walked, with the tasks and reports found inside it so far.
_OpenSection: TypeAlias = tuple[Section, list[ResolvedTask], list[ResolvedReport]]
#: The leaders an enclosing section offers, and that section (None at the top level: nobody offers any).
_Leaders: TypeAlias = tuple[tuple[str, ...], Section | None]
_NO_LEADERS: _Leaders = ((), None)
#: What the walk of one top-level section added: the section itself (kept so that its id stays
#: its own), then its tasks, sections and reports, before reports by 牵头单位 are expanded.
_Walked: TypeAlias = tuple[Section, list[ResolvedTask], list[ResolvedSection], list[ResolvedReport]]


class _Walker:
    """One pass over the plan in document order, included files in place."""

    def __init__(self, units: UnitDirectory, tasks: list[ResolvedTask], sections: list[ResolvedSection],
                 reports: list[ResolvedReport], reusable: dict[int, _Walked]):
        self.units = units
        self.tasks, self.sections, self.reports = tasks, sections, reports
        self.reusable = reusable
        self.walked: dict[int, _Walked] = {}

    def run(self, plan: Plan) -> None:
        # A top-level section resolves the same wherever it stands: it starts its own numbering,
        # inherits nothing and sits in no other section, and everything inside it is frozen. So
        # the very same object (an editor's re-read keeps the statements it did not parse again)
        # under the same unit names gives what it gave last time; anything else is walked.
        ordinal = [0]  # unnumbered top-level tasks, counted across the whole file
        for item in plan.items:
            if not isinstance(item, Section):
                self._items((item,), (), "", ordinal, (), [])
                continue
            kept = self.reusable.get(id(item))
            if kept is not None and kept[0] is item:
                _, tasks, sections, reports = kept
                self.tasks += tasks
                self.sections += sections
                self.reports += reports
            else:
                first_task, first_section, first_report = len(self.tasks), len(self.sections), len(self.reports)
                self._section(item, (), "", (), [], _NO_LEADERS)
                tasks = self.tasks[first_task:]
                sections = self.sections[first_section:]
                reports = self.reports[first_report:]
            self.walked[id(item)] = (item, tasks, sections, reports)

    def _items(self, items: Iterable[Item], outer: tuple[Section, ...], prefix: str, ordinal: list[int],
               offered: tuple[Held, ...], open_sections: list[_OpenSection],
               leaders: _Leaders = _NO_LEADERS) -> None:
        # Recursion depth is the nesting of sections and includes, which the parser bounds.
        for item in items:
            if isinstance(item, Task):
                if ids.counts_as_unnumbered(item.id, item.number):
                    ordinal[0] += 1
                ident = ids.task_id(item.id, prefix, item.number, ordinal[0])
                own, origin = (item.leaders, None) if item.leaders else leaders
                task = ResolvedTask(item, ident, outer, self._effective(item, offered), own, origin)
                self.tasks.append(task)
                for _, tasks_inside, _ in open_sections:
                    tasks_inside.append(task)
            elif isinstance(item, Section):
                self._section(item, outer, prefix, offered, open_sections, leaders)
            elif isinstance(item, Report):
                report = self._report(item, outer)
                self.reports.append(report)
                for _, _, reports_inside in open_sections:
                    reports_inside.append(report)
            elif isinstance(item, Include) and item.plan is not None:
                # The included file continues the section it is included in.
                self._items(item.plan.items, outer, prefix, ordinal, offered, open_sections, leaders)

    def _section(self, section: Section, outer: tuple[Section, ...], prefix: str, offered: tuple[Held, ...],
                 open_sections: list[_OpenSection], leaders: _Leaders) -> None:
        ident = ids.section_id(section.id, prefix, section.number, section.title)
        held = self._effective(section, offered)
        tasks: list[ResolvedTask] = []
        reports: list[ResolvedReport] = []
        index = len(self.sections)
        # What the section offers its items: its effective roles, each marked with where it is written
        # (the section's place in its items' `sections`, the same for every item at any depth inside).
        depth = len(outer)
        passed = tuple([row if row[2] != _OWN else (row[0], row[1], depth, row[3]) for row in held])
        own = (section.leaders, None) if section.leaders else leaders
        offered_leaders = (section.leaders, section) if section.leaders else leaders
        self._items(section.items, (*outer, section), ident, [0], passed, [*open_sections, (section, tasks, reports)],
                    offered_leaders)
        # Document order: a section comes before the sections it holds, which were added meanwhile.
        self.sections.insert(index, ResolvedSection(section, ident, outer, held, tuple(tasks), tuple(reports),
                                                    *own))

    def _effective(self, item: Task | Section, offered: tuple[Held, ...]) -> tuple[Held, ...]:
        main = self.units.main_names.get  # `canonical` without a call per name: once per unit named
        mine: list[Held] = [(role, main(name, name), _OWN, index)
                            for index, (role, name) in enumerate(zip(item.assigned_roles(), item.assigned_names()))]
        if offered:
            named = {row[0] for row in mine}
            inherited = [row for row in offered if row[0] not in named]
            if inherited:
                mine = sorted(mine + inherited, key=_ROLE_OF)
        return _distinct(mine)

    def _report(self, report: Report, outer: tuple[Section, ...]) -> ResolvedReport:
        canonical = self.units.canonical
        source = canonical(report.source.name)
        target = canonical(report.target.name) if report.target is not None else None
        senders = () if source == LEAD_REFERENCE else (source,)  # 牵头单位 is expanded once leads are known
        return ResolvedReport(report, outer, source, target, senders)


def _distinct(held: list[Held]) -> tuple[Held, ...]:
    """Each (role, unit) once, first occurrence kept: a unit named twice holds the role once (W311 says so)."""
    if len(held) < 2:
        return tuple(held)
    seen: set[tuple[int, str]] = set()
    kept = []
    for row in held:
        key = (row[0], row[1])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return tuple(kept)

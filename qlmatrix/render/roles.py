"""Who holds which role on each task, with roles inherited from sections and carriers.

A carrier (载体) or section may name roles once for every task inside it
(`载体 清廉企业 { 牵头: 市国资委党委 … }`, `章 二 { 监督: 纪监委 … }`). A task
takes, for each role it does not name itself, the units the innermost
enclosing section names in that role. Names are resolved to the unit's main
name, so an alias (高新区党工委) and the name (党工委) are one column.
"""

from __future__ import annotations

from .errors import UnknownChoice

import difflib

import attrs

from ..model import LEAD_REFERENCE, Plan, Report, Role, Section, Task, Unit
from .table import numbered


@attrs.frozen
class Holder:
    role: Role
    unit: str
    #: Named by an enclosing section or carrier rather than by the task.
    inherited: bool = False


@attrs.frozen
class TaskEntry:
    task: Task
    sections: tuple[Section, ...]
    holders: tuple[Holder, ...]

    def units(self, role: Role) -> tuple[str, ...]:
        return tuple(h.unit for h in self.holders if h.role is role)

    def roles_of(self, unit: str) -> tuple[Role, ...]:
        return tuple(h.role for h in self.holders if h.unit == unit)


@attrs.frozen
class ReportEntry:
    report: Report
    sections: tuple[Section, ...]
    source: str
    target: str | None


class PlanIndex:
    """The plan's tasks, reports and units, resolved once for every view."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.units: tuple[Unit, ...] = tuple(plan.all_units())
        self._by_name: dict[str, Unit] = {}
        for unit in self.units:
            for name in unit.names:
                self._by_name.setdefault(name, unit)
        tasks, reports = [], []
        for item, sections in plan.walk():
            if isinstance(item, Task):
                tasks.append(TaskEntry(item, sections, self._holders(item, sections)))
            elif isinstance(item, Report):
                target = self.canonical(item.target.name) if item.target else None
                reports.append(ReportEntry(item, sections, self.canonical(item.source.name), target))
        self.tasks: tuple[TaskEntry, ...] = tuple(tasks)
        self.reports: tuple[ReportEntry, ...] = tuple(reports)
        self._order: tuple[str, ...] | None = None
        self._headings: dict[int, str] = {}
        self._lead_units: tuple[str, ...] | None = None

    def canonical(self, name: str) -> str:
        unit = self._by_name.get(name)
        return unit.name if unit else name

    def unit(self, name: str) -> Unit | None:
        return self._by_name.get(name)

    def _holders(self, task: Task, sections: tuple[Section, ...]) -> tuple[Holder, ...]:
        holders: list[Holder] = []
        for role in Role:
            own = task.units_in(role)
            if own:
                holders += [Holder(role, self.canonical(ref.name)) for ref in own]
                continue
            for section in reversed(sections):
                named = section.units_in(role)
                if named:
                    holders += [Holder(role, self.canonical(ref.name), inherited=True) for ref in named]
                    break
        return tuple(_unique(holders))

    def unit_order(self) -> tuple[str, ...]:
        """Declared units in declaration order, then names used but never declared, as first met."""
        if self._order is None:
            order = [unit.name for unit in self.units]
            known = set(order)
            for entry in self.tasks:
                for holder in entry.holders:
                    if holder.unit not in known:
                        known.add(holder.unit)
                        order.append(holder.unit)
            self._order = tuple(order)
        return self._order

    def heading(self, sections: tuple[Section, ...]) -> str:
        """`一、总则 / (一)…`: the sections as the document numbers them, joined once per distinct chain."""
        key = id(sections)  # tasks of one section share the tuple, which the index keeps alive
        found = self._headings.get(key)
        if found is None:
            found = self._headings[key] = " / ".join(_numbered(section) for section in sections)
        return found

    def leads_anything(self, unit: str) -> bool:
        return unit in self._leads()

    def _leads(self) -> tuple[str, ...]:
        """Every unit that leads a task, as first met (computed once: reports from 牵头单位 ask for it)."""
        if self._lead_units is None:
            leads: dict[str, None] = {}
            for task in self.tasks:
                for unit in task.units(Role.LEAD):
                    leads.setdefault(unit, None)
            self._lead_units = tuple(leads)
        return self._lead_units

    def report_sources(self, entry: ReportEntry) -> tuple[str, ...]:
        """The units that owe a report; `牵头单位` stands for every unit that leads a task."""
        if entry.source != LEAD_REFERENCE:
            return (entry.source,)
        return self._leads()

    # Filters: each raises ValueError with the known choices when nothing matches.

    def resolve_unit(self, name: str) -> str:
        canonical = self.canonical(name)
        if canonical in self.unit_order():
            return canonical
        close = difflib.get_close_matches(name, list(self._by_name) + list(self.unit_order()), n=1, cutoff=0.5)
        hint_en = f"; did you mean `{close[0]}`?" if close else ""
        hint_zh = f"；是否应为`{close[0]}`？" if close else ""
        raise UnknownChoice(f"no unit named `{name}` in the plan{hint_en}", f"计划中没有名为`{name}`的单位{hint_zh}")

    def resolve_section(self, wanted: str) -> str:
        """A section's id from its id, number, title or numbered title."""
        for section in self.plan.sections():
            names = {section.id, section.title, section.number or section.id}
            if wanted.strip() in names or wanted.strip() == _numbered(section):
                return section.id
        known = ", ".join(section.id for section in self.plan.sections())
        raise UnknownChoice(f"no section `{wanted}` in the plan; sections: {known}",
                            f"计划中没有章节`{wanted}`；现有章节：{known}")


def _numbered(section: Section) -> str:
    return numbered(section.number, section.title)


def _unique(holders: list[Holder]) -> list[Holder]:
    seen, out = set(), []
    for holder in holders:
        key = (holder.role, holder.unit)
        if key not in seen:
            seen.add(key)
            out.append(holder)
    return out

"""What every rule is given: the resolved plan and the configured rule options.

Rules read roles, scopes, ids and names from `qlmatrix.resolve` only, so a
finding always agrees with the tables and the JSON export.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING

import attrs

from ..model import Plan, Ref, Unit, UnitKind
from ..resolve import ResolvedPlan, ResolvedSection, ResolvedTask, UnitDirectory, resolve

if TYPE_CHECKING:  # the returns' module (json, the calendar) loads only when there are returns to judge
    from ..progress import ProgressLog

#: Administrative levels from the top down; a unit's level is read from its first character,
#: so 县(市、区), 乡(镇), 村(社区) and 街道 all work.
LEVEL_RANKS = {"省": 0, "市": 1, "县": 2, "区": 2, "乡": 3, "镇": 3, "街": 3, "村": 4, "社": 4}


def level_rank(level: str | None) -> int | None:
    return LEVEL_RANKS.get(level[0]) if level else None


@attrs.frozen
class Progress:
    """What the progress checks judge: the returns recorded, as of a date, for a plan issued on a date."""

    log: ProgressLog
    #: The day progress is judged on; None: the day of the newest return.
    as_of: date | None = None
    issued: date | None = None

    @property
    def day(self) -> date | None:
        return self.as_of or self.log.last_date()


class Context:
    def __init__(self, plan: Plan, options: Mapping[str, Mapping[str, object]] | None = None,
                 resolved: ResolvedPlan | None = None, progress: Progress | None = None):
        self.plan = plan
        #: Returns on the plan's tasks, for the progress checks (W401-W403); None: they find nothing.
        self.progress = progress
        self.resolved = resolved if resolved is not None and resolved.plan is plan else resolve(plan)
        self.units: UnitDirectory = self.resolved.units
        self._options = options or {}
        self._leading_groups: tuple[Unit, ...] | None = None
        self._sharing: list[ResolvedSection | ResolvedTask] | None = None
        self._restating: list[ResolvedSection | ResolvedTask] | None = None
        self._references: list[Ref] | None = None
        self._names: tuple[str, ...] | None = None

    def option(self, code: str, key: str) -> object:
        """The configured value of a rule option, or the rule's default."""
        from .registry import RULES

        configured = self._options.get(code, {})
        return configured[key] if key in configured else RULES[code].options[key]

    def items(self) -> Iterator[ResolvedSection | ResolvedTask]:
        """Every section and task, sections first: what rules about assignments look at."""
        yield from self.resolved.sections
        yield from self.resolved.tasks

    def references(self, names: Container[str] | None = None) -> list[Ref]:
        """Every unit reference in the plan, in order: the units' `上级`, what each item of `items()`
        assigns, the reports' senders and recipients; with `names`, only the references to those.
        For the rules that look at names written (E101, W105, W203), instead of a walk of the plan
        per rule. The `Ref`s of assignments are made here (an item keeps rows, see
        `qlmatrix.model.AssignmentRow`), so a rule asks for the few names it reports on."""
        if names is None and self._references is not None:
            return self._references
        found = [unit.parent for unit in self.units
                 if unit.parent is not None and (names is None or unit.parent.name in names)]
        for resolved in self.items():
            item = resolved.item
            if names is not None and not any(name in names for name in item.assigned_names()):
                continue  # the names alone, without making the item's rows
            for _, name, at, _, _ in item.assignment_rows:
                if names is None or name in names:
                    found.append(Ref(name, at))
        for entry in self.resolved.reports:
            for ref in (entry.report.source, entry.report.target):
                if ref is not None and (names is None or ref.name in names):
                    found.append(ref)
        if names is None:
            self._references = found
        return found

    def referenced_names(self) -> tuple[str, ...]:
        """The distinct names of `references()`, as first written: a plan names a few thousand units
        in tens of thousands of places, so a question about a name is asked once per name."""
        if self._names is None:
            found = [unit.parent.name for unit in self.units if unit.parent is not None]
            for resolved in self.items():
                found += resolved.item.assigned_names()
            for entry in self.resolved.reports:
                found.append(entry.report.source.name)
                if entry.report.target is not None:
                    found.append(entry.report.target.name)
            self._names = tuple(dict.fromkeys(found))
        return self._names

    def items_sharing_a_unit(self) -> list[ResolvedSection | ResolvedTask]:
        """The items of `items()` on which one unit holds two roles (own or inherited), in order: the
        only ones where a unit can lead and oversee, or lead and support, the same work. Most items
        have none, so the rules about such pairs look at a few items instead of every one."""
        if self._sharing is None:
            self._sharing = [resolved for resolved in self.items() if resolved.holds_a_unit_twice()]
        return self._sharing

    def items_restating_a_unit(self) -> list[ResolvedSection | ResolvedTask]:
        """The items of `items()` whose own assignments name one unit twice in a role or name two
        leads, in order. Resolving keeps each (role, unit) of an item's own assignments once (as
        holdings with no source), so an item is here when it has fewer own holdings than
        assignments, or two own leads."""
        if self._restating is None:
            found = []
            for resolved in self.items():
                stated = resolved.item.assignment_count
                if stated < 2:
                    continue
                own, leads = resolved.own_counts()
                if own < stated or leads > 1:
                    found.append(resolved)
            self._restating = found
        return self._restating

    @property
    def leading_groups(self) -> tuple[Unit, ...]:
        if self._leading_groups is None:
            self._leading_groups = tuple(u for u in self.units if u.kind is UnitKind.LEADING_GROUP)
        return self._leading_groups

    def ancestors(self, unit: Unit) -> Iterator[Unit]:
        """The unit's parents upwards, stopping at a cycle."""
        seen = {unit.name}
        while unit.parent is not None:
            parent = self.units.get(unit.parent)
            if parent is None or parent.name in seen:
                return
            seen.add(parent.name)
            yield parent
            unit = parent

"""What every rule is given: the resolved plan and the configured rule options.

Rules read roles, scopes, ids and names from `qlmatrix.resolve` only, so a
finding always agrees with the tables and the JSON export.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

import attrs

from ..model import Plan, Unit, UnitKind
from ..progress import ProgressLog
from ..resolve import ResolvedPlan, ResolvedSection, ResolvedTask, UnitDirectory, resolve

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

    def option(self, code: str, key: str) -> object:
        """The configured value of a rule option, or the rule's default."""
        from .registry import RULES

        configured = self._options.get(code, {})
        return configured[key] if key in configured else RULES[code].options[key]

    def items(self) -> Iterator[ResolvedSection | ResolvedTask]:
        """Every section and task, sections first: what rules about assignments look at."""
        yield from self.resolved.sections
        yield from self.resolved.tasks

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

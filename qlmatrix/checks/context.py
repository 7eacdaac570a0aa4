"""Look-ups every rule needs, computed once per plan so checks stay linear."""

from __future__ import annotations

import functools
from collections import Counter
from typing import Iterator, Mapping

import attrs

from ..model import LEAD_REFERENCE, Assignment, Plan, Ref, Role, Section, Task, Unit, UnitKind

#: Administrative levels from the top down; a unit's level is read from its first character,
#: so 县(市、区), 乡(镇), 村(社区) and 街道 all work.
LEVEL_RANKS = {"省": 0, "市": 1, "县": 2, "区": 2, "乡": 3, "镇": 3, "街": 3, "村": 4, "社": 4}

#: Prefixes that name a level rather than a unit: 市纪委监委 and 纪委监委 are the same body.
_LEVEL_PREFIXES = ("高新区", "开发区", "市", "区", "县", "镇", "乡")

#: Characters that are often typed for one another (same reading, or the same idea).
_NEAR = str.maketrans({"检": "监", "记": "纪", "卫": "委", "当": "党", "正": "政", "务": "物"})

#: Names that point up from wherever they are used: 上一级党委 is each reporter's next level up.
RELATIVE_PREFIXES = ("上一级", "上级")


def level_rank(level: str | None) -> int | None:
    return LEVEL_RANKS.get(level[0]) if level else None


@attrs.frozen
class Scoped:
    """A task (or section) with the assignments that apply to it, its own and those it inherits."""

    item: Task | Section
    outer: tuple[Section, ...]
    assignments: tuple[Assignment, ...]

    # List comprehensions, not generators: these run for every task in several rules.
    def units_in(self, role: Role) -> tuple[Ref, ...]:
        return tuple([a.unit for a in self.assignments if a.role is role])

    def assignments_in(self, role: Role) -> tuple[Assignment, ...]:
        return tuple([a for a in self.assignments if a.role is role])


def _inherit(own: tuple[Assignment, ...], outer: tuple[Assignment, ...]) -> tuple[Assignment, ...]:
    """Per role: the item's own assignments if it has any, else the enclosing ones.

    A carrier's 牵头/配合/会同 and a section's 监督 apply to the tasks inside
    it unless a task names its own units for that role.
    """
    if not outer or not own:
        return own or outer
    roles = {a.role for a in own}
    return own + tuple([a for a in outer if a.role not in roles])


def _strip_level(name: str) -> str:
    for prefix in _LEVEL_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix):]
    return name


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(char in letters for char in short)


def similarity(typed: str, known: str) -> float:
    """How likely `typed` means `known`, 0..1: same body at another level, an abbreviation, a near typo."""
    a = _strip_level(typed).translate(_NEAR)
    b = _strip_level(known).translate(_NEAR)
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and _is_subsequence(short, long):
        return 0.8 + 0.15 * len(short) / len(long)  # 纪监委 is short for 纪委监委
    common = sum((Counter(a) & Counter(b)).values())
    dice = 2 * common / (len(a) + len(b))
    import difflib  # only for a misspelt name: not worth importing at every start

    return max(dice * 0.9, difflib.SequenceMatcher(None, a, b).ratio())


class Context:
    def __init__(self, plan: Plan, options: Mapping[str, Mapping[str, object]] | None = None):
        self.plan = plan
        self._options = options or {}
        self.units: tuple[Unit, ...] = tuple(plan.all_units())
        by_name: dict[str, Unit] = {}
        for unit in self.units:
            for known in unit.names:
                by_name.setdefault(known, unit)
        self.by_name = by_name
        self._keys = {known: unit.name for known, unit in by_name.items()}  # `key` runs for every assignment
        self._suggestions: dict[str, str | None] = {}

    # Options

    def option(self, code: str, key: str):
        """The configured value of a rule option, or the rule's default."""
        from .registry import RULES

        configured = self._options.get(code, {})
        return configured[key] if key in configured else RULES[code].options[key]

    # Names

    def resolve(self, ref: Ref) -> Unit | None:
        return self.by_name.get(ref.name)

    def is_known(self, ref: Ref) -> bool:
        return ref.name in self.by_name or ref.name == LEAD_REFERENCE

    def key(self, ref: Ref) -> str:
        """One name per unit, whichever of its names `ref` used."""
        name = ref.name
        return self._keys.get(name, name)

    @staticmethod
    def is_relative(ref: Ref | None) -> bool:
        return ref is not None and ref.name.startswith(RELATIVE_PREFIXES)

    def suggest(self, name: str) -> str | None:
        """The declared name closest to `name`, for "did you mean"; ties go to the first declared."""
        # Remembered per name: scoring costs a pass over every declared name, and a
        # misspelt name tends to be misspelt the same way many times.
        if name in self._suggestions:
            return self._suggestions[name]
        best, best_score = None, 0.6
        for known in self.by_name:
            score = similarity(name, known)
            if score > best_score:
                best, best_score = known, score
        self._suggestions[name] = best
        return best

    # The plan's structure

    @functools.cached_property
    def scoped(self) -> tuple[Scoped, ...]:
        """Every task and section in document order, with the assignments that apply to it."""
        found: list[Scoped] = []
        inherited: dict[int, tuple[Assignment, ...]] = {}
        for item, outer in self.plan.walk():
            if not isinstance(item, (Task, Section)):
                continue
            around = inherited.get(id(outer[-1]), ()) if outer else ()
            effective = _inherit(item.assignments, around)
            if isinstance(item, Section):
                inherited[id(item)] = effective
            found.append(Scoped(item, outer, effective))
        return tuple(found)

    def scoped_tasks(self) -> Iterator[Scoped]:
        return (s for s in self.scoped if isinstance(s.item, Task))

    @functools.cached_property
    def led(self) -> dict[str, list[Scoped]]:
        """Unit key -> the tasks it leads (its own or inherited lead), in document order."""
        found: dict[str, list[Scoped]] = {}
        for scoped in self.scoped_tasks():
            for ref in dict.fromkeys(self.key(r) for r in scoped.units_in(Role.LEAD)):
                found.setdefault(ref, []).append(scoped)
        return found

    @functools.cached_property
    def leading_groups(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.kind is UnitKind.LEADING_GROUP)

    def ancestors(self, unit: Unit) -> Iterator[Unit]:
        """The unit's parents upwards, stopping at a cycle."""
        seen = {unit.name}
        while unit.parent is not None:
            parent = self.resolve(unit.parent)
            if parent is None or parent.name in seen:
                return
            seen.add(parent.name)
            yield parent
            unit = parent

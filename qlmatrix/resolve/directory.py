"""The unit directory: every unit of a plan (included files too), found by any of its names.

A unit answers to its name, its full name (全称) and its aliases (别名); the
directory maps each to the unit, gives the canonical (short) name every view
uses as the unit's one column, and suggests the declared name a misspelt one
probably meant.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from ..model import LEAD_REFERENCE, Ref, Unit
from ..suggest import closest

#: Names that point up from wherever they are used: 上一级党委 is each reporter's next level up.
RELATIVE_PREFIXES = ("上一级", "上级")

#: Prefixes that name a level rather than a unit: 市纪委监委 and 纪委监委 are the same body.
_LEVEL_PREFIXES = ("高新区", "开发区", "市", "区", "县", "镇", "乡")

#: Characters that are often typed for one another (same reading, or the same idea).
_NEAR = str.maketrans({"检": "监", "记": "纪", "卫": "委", "当": "党", "正": "政", "务": "物"})


#: A suggestion must score more than 0.6 (`closest` takes an inclusive cutoff).
_MORE_THAN_0_6 = math.nextafter(0.6, 1.0)


class UnitDirectory:
    """Look-up of declared units by any name; built once per resolved plan."""

    def __init__(self, units: Iterable[Unit]):
        self.units: tuple[Unit, ...] = tuple(units)
        by_name: dict[str, Unit] = {}
        for unit in self.units:
            for known in unit.names:
                by_name.setdefault(known, unit)  # a name claimed twice is E102; the first owner keeps it
        self._by_name = by_name
        self._canonical = {known: unit.name for known, unit in by_name.items()}
        #: Every name a unit answers to -> its main name (`canonical` for a str, as one dict look-up).
        self.main_names: Mapping[str, str] = MappingProxyType(self._canonical)
        self._suggestions: dict[str, str | None] = {}

    def same_names(self, other: UnitDirectory) -> bool:
        """Whether every name means the same unit name in both: then names resolve alike."""
        return self._canonical == other._canonical

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str | Ref) -> Unit | None:
        """The unit declared under `name` (a name, full name or alias), or None."""
        return self._by_name.get(name.name if isinstance(name, Ref) else name)

    def canonical(self, name: str | Ref) -> str:
        """The unit's main name, whichever of its names was used; an undeclared name stays as written."""
        text = name.name if isinstance(name, Ref) else name
        return self._canonical.get(text, text)

    def is_known(self, name: str | Ref) -> bool:
        """Declared, or the role reference 牵头单位."""
        text = name.name if isinstance(name, Ref) else name
        return text in self._by_name or text == LEAD_REFERENCE

    def names(self) -> tuple[str, ...]:
        """Every name any unit answers to, in declaration order."""
        return tuple(self._by_name)

    def suggest(self, name: str) -> str | None:
        """The declared name `name` most probably meant, for "did you mean"; ties go to the first declared."""
        # Remembered per name: scoring costs a pass over every declared name, and a
        # misspelt name tends to be misspelt the same way many times.
        if name not in self._suggestions:
            self._suggestions[name] = closest(name, self._by_name, score=_likely_similarity,
                                                 cutoff=_MORE_THAN_0_6, prefer_same_start=False)
        return self._suggestions[name]

    @staticmethod
    def is_relative(name: str | Ref | None) -> bool:
        """A name such as 上一级党委, which means a different unit for each sender."""
        if name is None:
            return False
        text = name.name if isinstance(name, Ref) else name
        return text.startswith(RELATIVE_PREFIXES)


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
    return _similarity(typed, known, 0.0)


def _likely_similarity(typed: str, known: str) -> float:
    """`similarity`, or a lower value when both are below what `suggest` takes: "did you mean" scores
    every declared name (5,000 in a 100k-task plan) and most are nowhere near."""
    return _similarity(typed, known, _MORE_THAN_0_6)


def _similarity(typed: str, known: str, floor: float) -> float:
    """`similarity`, exact from `floor` up; below it, some value below `floor`."""
    a = _strip_level(typed).translate(_NEAR)
    b = _strip_level(known).translate(_NEAR)
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and _is_subsequence(short, long):
        return 0.8 + 0.15 * len(short) / len(long)  # 纪监委 is short for 纪委监委
    # The characters the two share, counted as a multiset (what `Counter(a) & Counter(b)` counts).
    common = sum(min(a.count(char), b.count(char)) for char in set(a) & set(b))
    dice = 2 * common / (len(a) + len(b))
    if dice < floor:
        # difflib's ratio is at most its quick_ratio, which is this very dice: the score is below floor.
        return dice * 0.9
    import difflib  # only for a misspelt name: not worth importing at every start

    return max(dice * 0.9, difflib.SequenceMatcher(None, a, b).ratio())

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
_NEAR_CHARACTERS = {"检": "监", "记": "纪", "卫": "委", "当": "党", "正": "政", "务": "物"}
#: Traditional characters of unit names and their simplified forms: a name pasted from a traditional-
#: character document (紀監委, 財政廳) means the declared simplified one, and shares too few characters
#: with it for the similarity to see that.
_TRADITIONAL = dict(zip(
    "紀監檢記黨當辦財務廳衛會發園區縣鄉鎮經濟與環資產規劃國稅審計統農業車運輸質醫療險員組織傳戰機關隊總應軍體網絡"
    "電設議協聯權據數歸處級導開學書圖館藝術廣視講節約倉庫糧儲場達專門執紅線陽東強華豐邊證師選舉觀態層風屬對單職團婦殘"
    "護勞動價際來僑臺貿積極壓災礦氣熱漁鐵檔徵獄勢僱輔興築測繪遠龍營綜",
    "纪监检记党当办财务厅卫会发园区县乡镇经济与环资产规划国税审计统农业车运输质医疗险员组织传战机关队总应军体网络"
    "电设议协联权据数归处级导开学书图馆艺术广视讲节约仓库粮储场达专门执红线阳东强华丰边证师选举观态层风属对单职团妇残"
    "护劳动价际来侨台贸积极压灾矿气热渔铁档征狱势雇辅兴筑测绘远龙营综", strict=True))
_NEAR = str.maketrans({**_NEAR_CHARACTERS, **{old: _NEAR_CHARACTERS.get(new, new) for old, new in _TRADITIONAL.items()}})


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

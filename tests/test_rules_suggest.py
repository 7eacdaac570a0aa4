""""did you mean": level prefixes, abbreviations and near typos of unit names."""

from __future__ import annotations

import pytest

from qlmatrix import Plan, Unit
from qlmatrix.resolve import UnitDirectory, similarity


def context(*units: Unit) -> UnitDirectory:
    return UnitDirectory(Plan(units=units).all_units())


XIANGYANG = context(
    Unit("市纪委监委", aliases=("纪委监委",)),
    Unit("市委宣传部"),
    Unit("领导小组办公室"),
    Unit("市委"),
)
XIANNING = context(Unit("纪监委"), Unit("党群部"), Unit("综合办"), Unit("党工委", aliases=("高新区党工委",)))


@pytest.mark.parametrize("typed, expected", [
    ("纪监委", "市纪委监委"),  # the abbreviation of 纪委监委
    ("市纪监委", "市纪委监委"),
    ("区纪委监委", "市纪委监委"),  # same body, another level's prefix
    ("宣传部", "市委宣传部"),
    ("领导小组办", "领导小组办公室"),
])
def test_abbreviations_and_levels(typed, expected):
    assert XIANGYANG.suggest(typed) == expected


@pytest.mark.parametrize("typed, expected", [
    ("纪检委", "纪监委"),  # 检 for 监: same reading
    ("记监委", "纪监委"),
    ("纪委监委", "纪监委"),  # the long form for the plan's short one
    ("党群工作部", "党群部"),
    ("综合办公室", "综合办"),
    ("高新区党工委员会", "党工委"),  # ties go to the first declared name
    ("紀監委", "纪监委"),  # traditional characters, pasted from a traditional-character document
    ("紀檢委", "纪监委"),  # traditional and a near typo at once
    ("黨群部", "党群部"),
    ("綜合辦", "综合办"),
])
def test_near_forms(typed, expected):
    assert XIANNING.suggest(typed) == expected


@pytest.mark.parametrize("typed", ["财政局", "执法局", "妇联"])
def test_unrelated_names_get_no_suggestion(typed):
    assert XIANNING.suggest(typed) is None


def test_similarity_orders_candidates():
    assert similarity("纪监委", "纪委监委") > similarity("纪监委", "党工委")
    assert similarity("市委宣传部", "宣传部") > similarity("市委宣传部", "市委")
    assert similarity("纪检委", "纪监委") == 1.0


def test_undeclared_unit_carries_the_suggestion():
    from qlmatrix import loads
    from qlmatrix.checks import run_checks

    plan = loads("单位 市纪委监委 { 别名: 纪委监委 }\n任务 (一) 全面加强纪律建设 (责任单位:纪监委)\n")
    found = [d for d in run_checks(plan) if d.code == "E101"]
    assert len(found) == 1
    assert found[0].help == "did-you-mean" and found[0].help_args == {"suggestion": "市纪委监委"}


def test_suggest_skips_difflib_only_where_the_score_cannot_reach_the_cutoff():
    """`suggest` scores every declared name; it leaves difflib out where the shared characters already
    bound the score below its cutoff. The suggestion is the one the exact score gives, and the
    bounded score is exact wherever it reaches the cutoff."""
    import random
    from collections import Counter

    from qlmatrix.gen import generate
    from qlmatrix.resolve import directory
    from qlmatrix.suggest import closest

    def counted(typed: str, known: str) -> float:  # the score as written before, with Counter and difflib
        import difflib
        a = directory._strip_level(typed).translate(directory._NEAR)
        b = directory._strip_level(known).translate(directory._NEAR)
        if a == b:
            return 1.0
        short, long = sorted((a, b), key=len)
        if len(short) >= 2 and directory._is_subsequence(short, long):
            return 0.8 + 0.15 * len(short) / len(long)
        dice = 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))
        return max(dice * 0.9, difflib.SequenceMatcher(None, a, b).ratio())

    units = UnitDirectory(generate(3000, seed=3).all_units())
    names = list(units.names())
    rng = random.Random(0)
    typos = []
    for name in rng.sample(names, 30):
        chars = list(name)
        chars[rng.randrange(len(chars))] = rng.choice("纪检委局党市县镇办")
        typos.append("".join(chars))
    checked = 0
    for typo in typos:
        for known in names:
            exact = counted(typo, known)
            assert similarity(typo, known) == exact
            bounded = directory._likely_similarity(typo, known)
            if exact >= directory._MORE_THAN_0_6:
                assert bounded == exact
                checked += 1
            else:
                assert bounded < directory._MORE_THAN_0_6
        assert units.suggest(typo) == closest(typo, names, score=counted, cutoff=directory._MORE_THAN_0_6,
                                              prefer_same_start=False)
    assert checked > 100  # the typos do reach the cutoff often enough for the test to mean something

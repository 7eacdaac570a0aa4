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

"""A task's or section's assignments made one at a time (`assignment_at`) are the ones made all at once,
and a resolved item's holdings rest on exactly those: the workbook and the diagrams read them that way."""

from pathlib import Path

import pytest

from qlmatrix import load, loads, resolve

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.qlm"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_each_assignment_made_alone_is_the_one_made_with_the_others(path):
    plan = load(path)
    items = [*plan.tasks(), *plan.sections()]
    assert sum(item.assignment_count for item in items) > 0
    for item in items:
        assert tuple(item.assignment_at(index) for index in range(item.assignment_count)) == item.assignments
        assert [item.assignment_each(index) for index in range(item.assignment_count)] == \
            [assignment.each for assignment in item.assignments]


def test_an_assignment_written_each_is_read_from_the_rows():
    """`assignment_each(i)` is `assignments[i].each`, on a task and on a section: what
    `leads_separately` reads (the views ask it of every task)."""
    plan = loads("单位 甲、乙、丙\n章 一、总 { 分别牵头: 乙、丙\n任务 (一) 事 { 牵头: 甲; 分别牵头: 乙; 配合: 丙 }\n"
                 "任务 (二) 别 { 配合: 甲 } }\n")
    section, = plan.sections()
    first, second = plan.tasks()
    for item in (section, first, second):
        assert [item.assignment_each(index) for index in range(item.assignment_count)] == \
            [assignment.each for assignment in item.assignments]
    assert [first.assignment_each(index) for index in range(first.assignment_count)] == [False, True, False]
    resolved = resolve(plan)
    assert [task.leads_separately for task in resolved.tasks] == [False, True]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_holdings_rest_on_the_assignments_of_the_item_they_come_from(path):
    resolved = resolve(load(path))
    inherited = 0
    for task in resolved.tasks:
        own = task.task.assignments
        for holding in task.holdings:
            where = own if holding.source is None else holding.source.assignments
            inherited += holding.source is not None
            assert holding.assignment in where
            assert holding.assignment.role is holding.role
        leads = [holding for holding in task.holdings if holding.role.name == "LEAD"]
        assert task.leads_separately == (bool(leads) and all(holding.assignment.each for holding in leads))
    assert inherited > 0  # the examples inherit roles from sections, so the source side is exercised

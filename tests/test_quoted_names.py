"""A quoted name is one name wherever units are listed (`"各区、县级市"`): in an annotation, in a role
property, alone as a property's whole value, with escapes; the writer quotes what needs it and the plan
reads back the same."""

from __future__ import annotations

import pytest

import qlmatrix
from qlmatrix import Assignment, Plan, Role, Task, Unit
from qlmatrix.writer import UnwritableError

DECLARED = '单位 市发展改革委、市委组织部\n集合 "各区、县级市"\n'


def _roles(text: str) -> list[tuple[str, str]]:
    plan = qlmatrix.loads(DECLARED + text)
    assert not [d for d in qlmatrix.check(plan) if d.code == "E101"]
    return [(a.role.value, a.unit.name) for a in plan.items[-1].assignments]


@pytest.mark.parametrize("text", [
    '任务 (一) 推进 (责任单位:市发展改革委、"各区、县级市")\n',
    '任务 (一) 推进 {\n  牵头: 市发展改革委\n  配合: "各区、县级市"\n}\n',
    '任务 (一) 推进 {\n  牵头: 市发展改革委\n  配合: 、"各区、县级市"\n}\n',
    '任务 (一) 推进 {\n  牵头: 市发展改革委\n  配合: "各区、县级市" ，\n}\n',
])
def test_a_quoted_name_with_a_bare_separator_is_one_unit(text):
    assert _roles(text) == [("lead", "市发展改革委"), ("support", "各区、县级市")]


def test_a_quoted_name_may_lead_the_annotation_and_carry_a_role_mark():
    assert _roles('任务 (一) 推进 (责任单位:"各区、县级市"、市委组织部)\n') == [("lead", "各区、县级市"), ("support", "市委组织部")]
    marked = _roles('任务 (一) 推进 (责任单位:市委组织部、"各区、县级市"(牵头))\n')
    assert sorted(marked) == [("lead", "各区、县级市"), ("support", "市委组织部")]


def test_the_span_of_a_quoted_name_covers_its_quotes():
    plan = qlmatrix.loads(DECLARED + '任务 (一) 推进 (责任单位:市发展改革委、"各区、县级市")\n')
    line = (DECLARED + '任务 (一) 推进 (责任单位:市发展改革委、"各区、县级市")\n').split("\n")[2]
    span = plan.items[-1].assignments[1].span
    assert line[span.column - 1:span.end_column - 1] == '"各区、县级市"'


def test_a_list_opening_with_a_quoted_name_reads_back_as_fmt_writes_it():
    task = Task(title="推进", number="(一)", assignments=(
        Assignment(Role.LEAD, "市委组织部"), Assignment(Role.OVERSEE, "各区、县级市"), Assignment(Role.OVERSEE, "市发展改革委")))
    plan = Plan(units=(Unit(name="市发展改革委"), Unit(name="市委组织部"), Unit(name="各区、县级市", collective=True)),
                items=(task,))
    text = qlmatrix.dumps(plan)
    assert '监督: "各区、县级市"、市发展改革委' in text
    assert qlmatrix.loads(text) == plan and qlmatrix.dumps(qlmatrix.loads(text)) == text


def test_quotes_and_backslashes_inside_a_name_round_trip():
    names = ['甲"乙', "丙\\丁", "戊(己", "、辛", '""', '""、""']
    tasks = tuple(Task(title=f"任务{n}", number=str(n + 1), assignments=(
        Assignment(Role.LEAD, names[n]), Assignment(Role.SUPPORT, names[(n + 1) % 6]),
        Assignment(Role.OVERSEE, names[(n + 2) % 6]), Assignment(Role.OVERSEE, names[(n + 3) % 6]))) for n in range(6))
    plan = Plan(units=tuple(Unit(name=name, parent=names[0] if name != names[0] else None) for name in names),
                items=tasks)
    assert qlmatrix.loads(qlmatrix.dumps(plan)) == plan


def test_a_name_that_would_end_the_line_still_cannot_stand_in_a_list():
    plan = Plan(units=(Unit(name="甲;乙"),), items=(Task(title="x", assignments=(Assignment(Role.LEAD, "甲;乙"),)),))
    with pytest.raises(UnwritableError):
        qlmatrix.dumps(plan)


def test_the_importer_keeps_a_collective_written_with_a_bare_separator(tmp_path):
    from qlmatrix.importer import import_text

    result = import_text("一、任务\n（一）做好甲项工作。（牵头单位：市发展改革委，配合单位：市委组织部，各区、县级市）\n", "doc.txt")
    assert '集合 "各区、县级市"' in result.text and '"各区、县级市")' in result.text
    task = result.plan.items[0].items[0]
    assert [a.unit.name for a in task.assignments] == ["市发展改革委", "市委组织部", "各区、县级市"]
    from qlmatrix.render import table as render_table

    table = render_table(result.plan, "tasks", "md")
    assert "市委组织部、各区、县级市" in str(table) and "各区县级市" not in str(table)


def test_completion_offers_a_name_with_a_separator_quoted():
    from qlmatrix.lsp.completion import spelt

    assert spelt("各区、县级市") == '"各区、县级市"' and spelt("市委组织部") == "市委组织部"
    assert spelt("各县(市、区)") == "各县(市、区)"  # a 、 inside the name's own parentheses needs no quotes


@pytest.mark.parametrize("listed", ['"各区、县级市"、市发展改革委', '"各区、县级市" ， 市发展改革委',
                                    '、"各区、县级市"、市发展改革委'])
def test_a_hand_written_list_may_open_with_a_quoted_name(listed):
    roles = _roles(f"任务 (一) 推进 {{\n  牵头: 市委组织部\n  配合: {listed}\n}}\n")
    assert roles == [("lead", "市委组织部"), ("support", "各区、县级市"), ("support", "市发展改革委")]


def test_a_quoted_name_before_a_stray_word_is_still_a_syntax_error():
    from qlmatrix.parser import read_text

    result = read_text(DECLARED + '任务 (一) 推进 {\n  配合: "各区、县级市" 市发展改革委\n}\n', "p.qlm")
    assert [d.code for d in result.diagnostics] == ["E001"]


def test_a_list_of_many_quotes_is_split_in_one_pass():
    """Each quote asks only whether its part has begun (a flag), not the text before it again: the
    splitter stays linear in a hostile value of quotes after a name."""
    from qlmatrix.parser.values import split_top_level

    text = "A" + '"' * 50_000 + "、B"
    assert [text[start:end] for start, end in split_top_level(text, "、，,")] == ["A" + '"' * 50_000, "B"]
    assert split_top_level(' "C、D"、E', "、") == [(0, 6), (7, 8)]  # a blank before the quote

"""Wordings around the units that are no part of them: how they do it (`按照职责分工参加`), a word inside a label
(`牵头考核单位`), a deadline before the labels, an official opening a running list, and a heading naming the
units that lead its items. Each against a fixture of its own."""

from __future__ import annotations

from pathlib import Path

import qlmatrix
from qlmatrix import Role
from qlmatrix.importer import import_file, import_text
from qlmatrix.importer.annotations import label_role, parse_note
from qlmatrix.importer.units import strip_verb
from qlmatrix.model import Section

DATA = Path(__file__).parent / "data" / "import"


def tasks(result) -> dict:
    return {t.id: t for t in qlmatrix.resolve(result.plan).tasks}


def roles(task) -> tuple:
    return task.units(Role.LEAD), task.units(Role.SUPPORT)


def test_how_the_units_do_it_between_them_and_the_verb_is_no_part_of_their_names():
    result = import_file(DATA / "verb-manner.txt")
    found = tasks(result)
    assert {n: roles(t) for n, t in found.items()} == {
        "一(一)": (("市人社局",), ("市财政局", "市税务局")),  # `等按照职责分工负责`, the rule in the same note
        "一(二)": (("市农业农村局",), ("市乡村振兴局", "市金融办")),  # `按职责分工配合`
        "一(三)": (("市人社局", "市民政局"), ("市残联", "团市委")),  # 参加 supports
        "一(四)": (("市教育局",), ("市工信局",)),  # `依职责参与`
        "一(五)": (("市人社局",), ("市大数据局",)),  # `按各自职责负责`
    }
    assert result.problems == ()
    assert not [u.name for u in result.plan.units if any(word in u.name for word in ("按", "依", "参加", "职责"))]
    assert qlmatrix.loads(result.text) == result.plan


def test_a_manner_is_taken_only_before_a_role_verb():
    assert strip_verb("区甲局按职责分工配合") == ("区甲局", "support")
    assert strip_verb("区甲局、区乙局参加") == ("区甲局、区乙局", "support")
    assert strip_verb("按职责分工") == ("按职责分工", None)  # no verb: nothing taken away


def test_a_label_with_a_word_between_its_role_word_and_organ_word_says_the_role_of_its_role_word():
    assert [label_role(w) for w in ("牵头考核单位", "配合落实部门", "责任实施单位", "牵头单位", "主要责任单位")] == [
        "lead", "support", "responsible", "lead", "lead"]
    result = import_file(DATA / "label-qualified.txt")
    found = tasks(result)
    assert {n: roles(t) for n, t in found.items()} == {
        "一(一)1": (("区大数据中心",), ()),
        "一(一)2": (("区大数据中心", "区政务服务局"), ()),  # both under the lead label
        "一(二)3": (("区应急局",), ("区公安分局", "区城管局")),
        "一(二)4": (("区应急局",), ("区气象局",)),  # 责任落实部门: the first listed leads
    }
    assert result.problems == ()
    # the deadline before the labels is the task's 时限 (a vague one its 频次), never a unit
    due, cadence = found["一(一)1"].task.due, found["一(二)3"].task.cadence
    assert due is not None and due.text == "6月底完成" and cadence is not None and cadence.text == "持续推进"
    assert "时限: 9月底取得阶段性成效并持续推进" in result.text


def test_a_deadline_before_the_labels_is_read_after_them_and_prose_stays_no_unit():
    found = parse_note("年底前完成，牵头实施单位：区甲局，配合单位：区乙局")
    assert found is not None and found.roles() == (["区甲局"], ["区乙局"], []) and found.due == ["年底前完成"]
    assert found.problems == []
    found = parse_note("持续优化，牵头考核单位：区甲局、区乙局")  # a vague when: no unit, no problem
    assert found is not None and found.roles() == (["区甲局", "区乙局"], [], []) and found.due == ["持续优化"]
    assert found.problems == []
    found = parse_note("区甲局牵头，配合单位：区乙局")  # a clause of units before the label keeps its place
    assert found is not None and found.roles() == (["区甲局"], ["区乙局"], [])
    found = parse_note("区甲局，责任单位：区乙局、区丙局")
    assert found is not None and found.roles() == (["区甲局"], ["区乙局", "区丙局"], [])
    assert parse_note("抓好落实，确保实效") is None  # no label, no verb: no note


def test_an_official_opening_a_running_list_is_the_leader_and_the_units_after_him_keep_their_roles():
    result = import_file(DATA / "running-officials.txt")
    found = tasks(result)
    assert {n: roles(t) for n, t in found.items()} == {
        "1": (("市发改委",), ("相关部门",)), "2": (("市住建局",), ("市水务局", "市财政局")), "3": (("市住建局",), ("相关部门",))}
    assert result.problems == ()
    assert not [u.name for u in result.plan.units if "市长" in u.name]  # a person is declared as no unit
    assert [found[n].task.leaders for n in ("1", "2", "3")] == [("陈某副市长",), ("刘某副市长",), ("刘某常务副市长",)]
    assert qlmatrix.loads(result.text) == result.plan


def test_an_assignment_sentence_that_goes_on_with_what_is_done_is_read_as_running_text():
    text = "一、任务\n（一）甲事项。完善工作台账。由王某副县长负责，县甲局牵头，县乙局配合，确保任务落实。\n"
    result = import_text(text)
    assert roles(tasks(result)["一(一)"]) == (("县甲局",), ("县乙局",))
    assert result.problems == ()


def test_a_heading_naming_its_lead_units_is_their_part_and_an_item_with_a_note_keeps_its_own():
    result = import_file(DATA / "heading-leads.txt")
    found = tasks(result)
    assert {n: t.units(Role.LEAD) for n, t in found.items()} == {
        "一1": ("县开发区管委会",), "一2": ("县开发区管委会",), "一3": ("县开发区管委会",),
        "二1": ("县文旅局", "县商务局"), "二2": ("县商务局",), "三1": ("县水利局",)}
    sections = [item for item in result.plan.items if isinstance(item, Section)]
    assert [s.title for s in sections][:2] == ["县开发区管委会牵头工作(3项)", "县文旅局、县商务局牵头工作（共2项）"]
    assert sections[2].leaders == ("周某",)  # a leader heading is still the official's, no unit
    assert result.problems == ()
    assert qlmatrix.loads(result.text) == result.plan


def test_a_heading_of_prose_before_a_role_word_assigns_nothing():
    text = "一、加快科技创新牵头工作\n1.甲事项。(县甲局负责)\n2.乙事项。\n"
    found = tasks(import_text(text))
    assert found["一1"].units(Role.LEAD) == ("县甲局",) and found["一2"].units(Role.LEAD) == ()

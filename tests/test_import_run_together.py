"""Items run together on one line, parents with sub-measures, and the marks and words around unit names that
are no part of them (`*X`, `负责配合落实`, `〈含…〉`, `1﹒`): each against a fixture of its own."""

from __future__ import annotations

from pathlib import Path

import qlmatrix
from qlmatrix import Role
from qlmatrix.importer import import_file, import_text
from qlmatrix.model import Section, Task

DATA = Path(__file__).parent / "data" / "import"


def tasks(result) -> dict:
    return {t.id: t for t in qlmatrix.resolve(result.plan).tasks}


def roles(task) -> tuple:
    return task.lead, task.units(Role.SUPPORT)


def test_items_run_together_on_one_line_are_cut_where_the_numbering_expects_the_next():
    result = import_file(DATA / "run-together.txt")  # one line: `…措施。一、优化营商环境1.推行…责任单位：县审批服务局2.…`
    found = tasks(result)
    assert sorted(found) == ["一1", "一2", "一3", "二4", "二5"]
    assert roles(found["一2"]) == ("县市场监管局", ("县司法局", "各镇人民政府"))
    assert found["一2"].body is not None and "3.5成以上" in found["一2"].body  # 3.5 after 2. is text, not item 3
    assert found["一3"].title == "2031年底前完成涉企收费清理"  # `各镇人民政府3.2031年底前…`: item 3, reported
    assert [p.line for p in result.problems] == [1] and "按编号顺序" in result.problems[0].reason.zh
    assert [(s.number, s.title) for s in result.plan.items if isinstance(s, Section)] == [
        ("一", "优化营商环境"), ("二", "强化要素保障")]
    assert qlmatrix.loads(result.text) == result.plan


def test_a_label_running_into_the_next_number_ends_there_in_a_line_of_any_length():
    found = tasks(import_text("一、任务\n1.甲事项。责任单位：区甲局2.乙事项。责任单位：区乙局、区丙局\n"))
    assert {n: roles(t) for n, t in found.items()} == {"一1": ("区甲局", ()), "一2": ("区乙局", ("区丙局",))}


def test_a_heading_running_into_its_first_item_and_a_lead_in_before_the_sub_measures():
    text = ("现制定如下分工方案。一、深化改革，提高政策实施的精准性（一）推进甲事项，优化乙流程。（区甲局、区乙局按职责分工负责）"
            "具体措施：1．完善丙制度。（区丙局牵头，区甲局按职责分工负责）2．建立丁机制。（区丁局负责）")
    result = import_text(text)
    found = tasks(result)
    assert {n: roles(t) for n, t in found.items()} == {
        "一(一)": ("区甲局", ("区乙局",)), "一(一)1": ("区丙局", ("区甲局",)), "一(一)2": ("区丁局", ())}
    assert found["一(一)"].body is None  # `具体措施：` introduces the items, it is no text of the task


def test_numbers_inside_text_stay_text_in_a_run_together_line():
    text = ("各单位：现印发给你们。一、任务1.推动一、二、三产业融合发展，增长3.5%以上，第2.阶段启动。（责任单位：区甲局）"
            "2.乙事项。（责任单位：区乙局）")
    found = tasks(import_text(text))
    assert sorted(found) == ["一1", "一2"]
    assert "一、二、三产业" in (found["一1"].title + (found["一1"].body or ""))


def test_a_parent_with_its_own_note_is_a_task_and_its_sub_measures_do_not_inherit_its_units():
    result = import_file(DATA / "parent-measures.txt")
    found = tasks(result)
    assert roles(found["一(一)"]) == ("国家数据局", ("公安部", "人力资源社会保障部", "各地区"))
    assert roles(found["一(一)1"]) == ("市场监管总局", ("国务院相关部门", "各地区"))  # nothing of 一(一)'s
    assert found["一(一)1"].due.text == "2031年底前"  # `1．2031年底前…`: the first item under (一), digits and all
    assert roles(found["一(二)2"]) == ("金融监管总局", ("各地区",))
    section = result.plan.items[0].items[0]
    assert isinstance(section, Section) and isinstance(section.items[0], Task) and not section.assignments
    assert "此项有自己的分工" in result.text
    assert not [d for d in qlmatrix.check(result.plan) if d.is_error and d.code != "E301"]  # 一(一)2 has two leads
    assert qlmatrix.loads(result.text) == result.plan


def test_a_heading_note_is_still_inherited_by_items_without_notes():
    found = tasks(import_text("一、强化科技创新（区科技局牵头）\n1.甲事项。\n2.乙事项。（区乙局负责）\n"))
    assert {n: t.lead for n, t in found.items()} == {"一1": "区科技局", "一2": "区乙局"}


def test_responsible_before_the_role_verb_is_no_part_of_the_name():
    found = tasks(import_file(DATA / "verb-chains.txt"))  # `各街道负责配合落实，以下均需各街道配合落实，不再列出`
    assert roles(found["一(一)1"]) == ("区生态环境局", ("各街道",))
    assert roles(found["一(二)3"]) == ("区发改局", ("区生态环境局", "区市场监管局", "各街道"))
    assert roles(found["二(二)"]) == ("区水务局", ("区农业农村局", "各街道"))  # `区水务局负责牵头`
    assert "各街道负责" not in qlmatrix.resolve(import_file(DATA / "verb-chains.txt").plan).unit_order()


def test_a_star_before_a_name_marks_the_lead_wherever_it_is_listed():
    found = tasks(import_file(DATA / "lead-marks.txt"))
    assert roles(found["一"]) == ("县数据中心", ("县科技局", "县财政局"))
    assert roles(found["二"]) == ("县数据中心", ("县经信局",))  # `县经信局、*县数据中心`
    assert roles(found["三"]) == ("县委人才办（县人才服务中心）", ("县人社局",))  # ★, a name with parentheses


def test_numbers_with_small_form_marks_and_leader_lines_ending_in_full_stops():
    result = import_file(DATA / "small-marks.txt")  # `1﹒`, `二﹑`, `牵头责任单位:X。`
    found = tasks(result)
    assert roles(found["一1"]) == ("省发展改革委", ("省政府各部门", "各直属机构"))
    assert found["一1"].leaders == ("林某",) and found["一1"].title == "地区生产总值增长6%左右"
    assert sorted(found) == ["一1", "一2", "二3"]
    units = {unit.name: unit for unit in result.plan.units}
    assert units["省政府各部门"].collective


def test_a_gloss_after_a_unit_is_its_scope_not_its_name():
    result = import_file(DATA / "scope-gloss.txt")
    found = tasks(result)
    assert roles(found["一-2"]) == ("各区人民政府", ())
    assert roles(found["二"]) == ("市数据局", ("各区人民政府",))  # one unit, with and without the gloss
    units = {unit.name: unit for unit in result.plan.units}
    assert units["各区人民政府"].full_name == "各区人民政府（含开发区、高新区管委会）"
    assert units["各县"].full_name == "各县（含功能区）"
    assert qlmatrix.loads(result.text) == result.plan


def test_a_list_of_attachments_ends_the_run_together_items():
    text = ("各单位：现印发给你们。一、任务1.甲事项。（责任单位：区甲局）2.乙事项。牵头：区乙局3.丙事项。（责任单位：区丙局）"
            "附件：1.任务清单2.进度表")
    found = tasks(import_text(text))
    assert {n: roles(t) for n, t in found.items()} == {"一1": ("区甲局", ()), "一2": ("区乙局", ()), "一3": ("区丙局", ())}
    assert "附件：1.任务清单2.进度表" in (found["一3"].body or "")  # the attachments are no items


def test_a_gloss_that_excludes_is_a_scope_as_well():
    result = import_text("一、任务\n1.甲事项。（责任单位：区甲局、各区政府（不含开发区））\n2.乙事项。（责任单位：区乙局，各区政府）\n")
    found = tasks(result)
    assert roles(found["一1"]) == ("区甲局", ("各区政府",)) and roles(found["一2"]) == ("区乙局", ("各区政府",))
    assert {unit.name: unit.full_name for unit in result.plan.units}["各区政府"] == "各区政府（不含开发区）"


def test_a_list_after_a_sentence_inside_an_item_stays_its_text():
    """`（一）加强保障。主要措施：1.…。2.…。（责任单位：区甲局）`: a count that opens after a sentence, not after a
    heading or a note, is a list in the item's text, in a long line of a document of many lines or run together."""
    long = "为抓好落实，结合实际，制定本方案，请各单位认真贯彻执行，确保各项任务落到实处，取得实效，按时完成各项目标任务。"
    for text in ("一、重点任务\n（一）加强保障。" + long + "主要措施：1.建立机制。2.完善制度。（责任单位：区甲局）\n（二）乙事项。（责任单位：区乙局）\n",
                 "现制定如下方案。一、重点任务（一）加强保障。主要措施：1.建立机制。2.完善制度。（责任单位：区甲局）（二）乙事项。（责任单位：区乙局）"):
        found = tasks(import_text(text))
        assert {n: roles(t) for n, t in found.items()} == {"一(一)": ("区甲局", ()), "一(二)": ("区乙局", ())}, text


def test_an_item_with_a_small_form_mark_after_a_note_on_the_same_line_is_cut():
    found = tasks(import_text("一﹑任务\n1﹒甲事项。（区甲局负责）2﹒乙事项。（区乙局负责）\n"))
    assert {n: t.lead for n, t in found.items()} == {"一1": "区甲局", "一2": "区乙局"}


def test_a_figure_a_wrap_put_at_a_lines_start_is_no_item():
    # `…用水总量控制在` (a line broken at the page width) / `1.8亿立方米以内。`: the figure goes on with the sentence,
    # though a first `1.` under (二) would be the next in the count; after a heading line it is still item 1
    text = ("某县方案\n一、主要任务\n（一）推进节水型社会建设。全面落实最严格水资源管理制度，全县用水总量控制在\n"
            "1.8亿立方米以内。（县水利局负责）\n（二）强化用地保障\n1．2031年底前完成低效用地再开发。（县自然资源局负责）\n")
    result = import_text(text)
    found = {t.id: t for t in qlmatrix.resolve(result.plan).tasks}
    assert found["一(一)"].lead == "县水利局" and "1.8亿立方米" in (found["一(一)"].body or "")
    assert found["一(二)1"].lead == "县自然资源局" and found["一(二)1"].title == "2031年底前完成低效用地再开发"

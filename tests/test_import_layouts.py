"""Layouts a copy gives a plan document: a whole document on one line (paragraphs apart by blanks of any kind,
or by nothing), lines wrapped at a page width. Each class the combinatorial generator found, against a fixture
of its own and a minimal example (docs/importing.md, development round eight)."""

from __future__ import annotations

from pathlib import Path

import pytest

import qlmatrix
from qlmatrix import Role
from qlmatrix.importer import import_file, import_text
from qlmatrix.importer.paragraphs import split_paragraphs

DATA = Path(__file__).parent / "data" / "import"


def roles(result) -> dict:
    assert qlmatrix.loads(result.text) == result.plan
    return {t.id: (t.lead, t.units(Role.SUPPORT)) for t in qlmatrix.resolve(result.plan).tasks}


def test_a_one_line_copy_is_cut_at_the_blanks_before_every_kind_of_item_number():
    found = roles(import_file(DATA / "oneline-numbered.txt"))  # `⑴`, `①`, U+3000 and doubled spaces, page numbers
    assert found == {
        "一(1)": ("湾区政务服务中心", ("湾区数据局",)), "一(2)": ("湾区审批局", ("湾区司法局", "各街道办事处")),
        "二(1)": ("湾区营商办", ("湾区工商联",)), "二(2)": ("湾区信访局", ("湾区融媒体中心",)),
        "三(1)": ("湾区督查室", ()), "三(2)": ("湾区财政局", ("湾区审计局",))}


def test_a_one_line_copy_without_blanks_is_cut_at_parenthesised_and_circled_numbers():
    found = roles(import_file(DATA / "oneline-joined.txt"))  # `…责任单位：县城管局、县环卫中心（2）开展…`
    assert found == {
        "一(1)": ("县城管局", ("县环卫中心",)), "一(2)": ("县农业农村局", ("各乡镇",)),
        "一(3)": ("各乡镇人民政府", ("县住建局",)), "二(1)": ("县生态环境分局", ()), "二(2)": ("县水利局", ("县财政局",))}


def test_a_list_in_an_items_text_counts_on_from_its_own_first_number():
    # `…以下工作：1.…。2.…。3.…。责任单位：…3.…`: the list's 3. is no item 3, the label's units end item 2
    found = roles(import_file(DATA / "inline-list.txt"))
    assert found == {"1": ("镇建设办", ()), "2": ("镇农业服务中心", ("镇财政所",)), "3": ("镇环卫所", ())}


def test_notes_and_sentences_wrapped_at_the_page_width_are_joined():
    found = roles(import_file(DATA / "wrapped-notes.txt"))
    assert found["一1"] == ("云岭县文旅局", ("云岭县交通运输局", "云岭县自然资源局"))  # its note on the next line
    assert found["一3"] == ("云岭县融媒体中心", ("县委宣传部", "云岭县“三农”服务中心", "云岭县“两山”转化中心"))  # `…“两山”` / `转化…`
    assert found["一4"] == ("云岭县教育局", ("云岭县红色记忆纪念馆", "县委党史研究室(云岭县地方志办)"))  # `…(…办)` / `配合。`
    assert found["二1"] == ("云岭县人社局", ("云岭县文旅局", "云岭县总工会"))  # `…县总工` / `会2.规范…`
    assert found["二2"] == ("云岭县市场监管局", ("云岭县公安局", "云岭县文旅局"))  # `[牵头单位：X  ` / `配合单位：Y]`
    assert len(found) == 7


@pytest.mark.parametrize(("text", "paragraphs"), [
    # a blank before any item number, after a sentence; never inside a bracket, whose labels spaces part
    # (marks.py has written `⑴` as `(1)` before)
    ("如下。 一、重点任务 (1)甲事项。 [牵头单位：区甲局  配合单位：区乙局] ②乙事项。",
     ["如下。", "一、重点任务", "(1)甲事项。", "[牵头单位：区甲局  配合单位：区乙局]", "②乙事项。"]),
    # page numbers between paragraphs are taken out, a table's figures are not
    ("1.甲事项。（区甲局负责） - 2 - 2.乙事项。（区乙局负责） 4", ["1.甲事项。（区甲局负责）", "2.乙事项。（区乙局负责）"]),
    ("责任单位：区甲局 第2页 共5页 2.乙事项。", ["责任单位：区甲局", "2.乙事项。"]),
    ("合计 年度目标 2 3 1", ["合计 年度目标 2 3 1"]),
    # U+3000 and doubled blanks are blanks
    ("甲事项。\u3000\u3000（1）乙事项。  （2）丙事项。", ["甲事项。", "（1）乙事项。", "（2）丙事项。"]),
])
def test_paragraphs_of_a_line_run_together(text, paragraphs):
    assert split_paragraphs(text) == paragraphs


def test_a_bracket_left_open_by_a_copy_stops_no_later_paragraph():
    text = "1.甲事项。（皖發〔20229號，区甲局负责 " + "推进落实。" * 70 + " 2.乙事项。（区乙局负责）"
    assert split_paragraphs(text)[-1] == "2.乙事项。（区乙局负责）"


def test_a_note_after_items_that_assign_themselves_is_the_last_items_own():
    # the wrap put the second note on a line of its own: it is item 2's, not the part's over items 1 and 2
    text = "某县方案\n一、重点任务\n1.甲事项。\n[区甲局主办,区乙局协办]\n2.乙事项。\n[责任部门：区丙局]\n"
    assert roles(import_text(text)) == {"一1": ("区甲局", ("区乙局",)), "一2": ("区丙局", ())}

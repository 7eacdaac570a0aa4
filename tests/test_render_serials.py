"""序号 as a Chinese document prints it: a number in brackets in full-width brackets (GB/T 9704's （一）, （1）)
before a Chinese title, the half-width `(1)` before an English one; ids and filters keep the parser's form."""

from __future__ import annotations

import qlmatrix
from qlmatrix.render import table

PLAN = """单位 纪监委
章 一、总则 {
  章 (一) 组织保障 {
    任务 (1) 严格督查问责 { 牵头: 纪监委 }
  }
}
"""


def test_chinese_numbers_and_headings_are_printed_in_full_width_brackets():
    plan = qlmatrix.loads(PLAN)
    markdown = table(plan, "tasks", "md")
    assert "| （1） | 严格督查问责 | 纪监委 |" in markdown
    assert "（一）组织保障" in markdown and "(一)" not in markdown
    # the id is the parser's, half-width, as `qlm check` and the JSON name the task
    assert [task.id for task in qlmatrix.resolve(plan).tasks] == ["一(一)(1)"]


def test_an_english_title_keeps_half_width_brackets():
    plan = qlmatrix.loads("unit Audit\ntask (1) Strict inspection { lead: Audit }\n")
    assert "| (1) | Strict inspection | Audit |" in table(plan, "tasks", "md")


def test_a_section_is_found_by_its_printed_or_its_parsed_number():
    plan = qlmatrix.loads(PLAN)
    for wanted in ("（一）组织保障", "(一)组织保障", "一(一)"):
        assert "严格督查问责" in table(plan, "tasks", "md", section=wanted)


def test_a_section_title_holding_full_width_brackets_is_found_as_written():
    plan = qlmatrix.loads("单位 纪监委\n章 一、清廉（机关）建设 {\n  任务 (一) 严格督查问责 { 牵头: 纪监委 }\n}\n")
    for wanted in ("清廉（机关）建设", "一、清廉（机关）建设", "一"):
        assert "严格督查问责" in table(plan, "tasks", "md", section=wanted)

"""The plan's date (发文日期), the officials in charge (责任领导) and passages that are not tasks (说明)."""

from __future__ import annotations

import datetime
import json

import pytest

import qlmatrix
from qlmatrix.dates import parse_date
from qlmatrix.fmt import format_text
from qlmatrix.parser import read_text
from qlmatrix.render.views import build

PLAN = """计划 测试方案 { 发文日期: 2022年10月18日 }
单位 区发改局、区财政局

章 一、总体要求 {
  # 原则性表述，不是任务
  说明 (一)指导思想 { 正文: 以新时代思想为指导。 }  # 保留
}

章 二、王丹县长牵头重点工作 {
  责任领导: 王丹
  1.推进重点项目 (责任单位:区发改局、区财政局)
  2.推进预算绩效 (责任单位:区财政局) { 牵头负责领导: 李明、赵强 }
}
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("2022-10-18", datetime.date(2022, 10, 18)),
    ("2022/3/5", datetime.date(2022, 3, 5)),
    ("2022年3月5日", datetime.date(2022, 3, 5)),
    ("２０２２年３月５日", datetime.date(2022, 3, 5)),
    ("二〇二二年十月十八日", datetime.date(2022, 10, 18)),
    ("二〇二三年二月三日", datetime.date(2023, 2, 3)),
    ("2022年2月30日", None),
    ("2022年13月5日", None),
    ("去年", None),
    ("2022年10月", None),
])
def test_dates_in_the_forms_documents_write(text, expected):
    assert parse_date(text) == expected


def test_plan_date_is_a_date_and_written_iso():
    plan = qlmatrix.loads(PLAN)
    assert plan.date == datetime.date(2022, 10, 18)
    assert "发文日期: 2022-10-18" in qlmatrix.dumps(plan)
    assert qlmatrix.loads(qlmatrix.dumps(plan)) == plan
    assert qlmatrix.loads("计划 无日期").date is None


def test_a_wrong_date_is_an_error_at_its_value():
    result = read_text("计划 测试 {\n  发文日期: 2022年2月30日\n}\n", "plan.qlm")
    [error] = [d for d in result.diagnostics if d.is_error]
    assert (error.code, error.span.line, error.span.column) == ("E020", 2, 9)
    assert result.plan.date is None


def test_leaders_are_people_inherited_like_roles():
    resolved = qlmatrix.resolve(qlmatrix.loads(PLAN))
    first, second = resolved.tasks
    assert (first.leaders, first.leaders_origin.title) == (("王丹",), "王丹县长牵头重点工作")
    assert (second.leaders, second.leaders_origin) == (("李明", "赵强"), None)
    assert "王丹" not in resolved.unit_order() and "李明" not in resolved.unit_order()


def test_leaders_column_only_when_a_task_has_one():
    table = build(qlmatrix.loads(PLAN), "tasks")
    assert [c.title for c in table.columns][2] == "责任领导"
    rows = [[cell.text for cell in row] for group in table.groups for row in group.rows]
    assert rows[1][2] == "李明、赵强"
    plain = build(qlmatrix.loads("单位 甲\n任务 (一) 事项 (责任单位:甲)"), "tasks")
    assert "责任领导" not in [c.title for c in plain.columns]


def test_a_cadence_that_is_also_the_due_date_prints_once():
    table = build(qlmatrix.loads("单位 甲\n任务 (一) 事项 (责任单位:甲) { 频次: 长期坚持; 时限: 长期坚持 }"), "tasks")
    assert [cell.text for group in table.groups for row in group.rows for cell in row][-1] == "长期坚持"


def test_notes_are_kept_and_ignored_by_checks_and_task_views():
    plan = qlmatrix.loads(PLAN)
    [note] = plan.notes()
    assert (note.number, note.title, note.body) == ("(一)", "指导思想", "以新时代思想为指导。")
    assert [t.id for t in qlmatrix.resolve(plan).tasks] == ["二1", "二2"]
    assert not [d for d in qlmatrix.check(plan) if d.code in ("W201", "W208")]


def test_fmt_keeps_notes_leaders_and_their_comments():
    formatted = format_text(PLAN, "plan.qlm").formatted
    assert "# 原则性表述，不是任务" in formatted and "# 保留" in formatted
    assert qlmatrix.loads(formatted) == qlmatrix.loads(PLAN)
    assert format_text(formatted, "plan.qlm").formatted == formatted
    english = qlmatrix.dumps(qlmatrix.loads(PLAN), keywords="en")
    assert "note (一)指导思想" in english and "leader: 王丹" in english and "date: 2022-10-18" in english
    assert qlmatrix.loads(english) == qlmatrix.loads(PLAN)


def test_json_export_has_date_notes_and_leaders():
    data = json.loads(qlmatrix.to_json(qlmatrix.loads(PLAN)))
    assert data["schema_version"] >= 3 and data["date"] == "2022-10-18"
    [note] = data["notes"]
    assert (note["number"], note["title"], note["body"], note["section"]) == ("(一)", "指导思想", "以新时代思想为指导。", "一")
    assert note["where"]["line"] == 6
    first, second = data["tasks"]
    assert (first["leaders"], first["leaders_inherited"]) == (["王丹"], "二")
    assert (second["leaders"], second["leaders_inherited"]) == (["李明", "赵强"], None)

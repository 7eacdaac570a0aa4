"""`qlm calendar` and `qlmatrix.calendar`: dated occurrences from the resolution, as iCalendar and tables."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

from qlmatrix import loads
from qlmatrix.calendar import build_calendar, calendar_table, plan_issue_date, render_calendar
from qlmatrix.calendar.ics import to_ics
from qlmatrix.cli import main
from qlmatrix.render import RenderError

ROOT = Path(__file__).resolve().parent.parent
REVISED = ROOT / "tests" / "data" / "revision" / "xianning-gaoxin-revised.qlm"
ISSUED = date(2022, 3, 15)
YEAR = date(2022, 1, 1), date(2022, 12, 31)

PLAN = loads("""
计划 示例方案 { }
单位 办公室、甲局、乙局、党委
任务 (一) 专题研究 { 牵头: 甲局; 配合: 乙局; 频次: 每半年至少一次 }
任务 (二) 建立台账 { 牵头: 乙局; 频次: 每季度最后一个月的30日前 }
任务 (三) 完成评估 { 牵头: 甲局; 时限: 明年年底 }
任务 (四) 日常监督 { 牵头: 乙局; 频次: 常态化 }
汇报 牵头单位 -> 办公室 { 内容: 工作情况; 频次: 每年; 时限: 年底 }
""")


def read(path: Path):
    from qlmatrix.parser import read_file

    return read_file(path).plan


def test_occurrences_name_the_resolved_units():
    work = build_calendar(PLAN, *YEAR, issued=ISSUED)
    found = [(day.isoformat(), entry.ident, entry.units) for day, entry in work.occurrences()]
    assert found == [
        ("2022-03-30", "(二)", ("乙局",)),
        ("2022-06-30", "(一)", ("甲局",)),
        ("2022-06-30", "(二)", ("乙局",)),
        ("2022-09-30", "(二)", ("乙局",)),
        ("2022-12-30", "(二)", ("乙局",)),
        ("2022-12-31", "(一)", ("甲局",)),
        ("2022-12-31", "汇报1", ("甲局", "乙局")),  # 牵头单位, as the resolution expands it
    ]
    assert [(e.ident, e.undated.zh) for e in work.undated()] == [("(四)", "频次模糊（常态化），不生成日期")]


def test_relative_due_counts_from_the_issue_date():
    work = build_calendar(PLAN, date(2022, 1, 1), date(2023, 12, 31), issued=ISSUED)
    assert [day for day, e in work.occurrences() if e.ident == "(三)"] == [date(2023, 12, 31)]
    without = build_calendar(PLAN, date(2022, 1, 1), date(2023, 12, 31))
    assert "(三)" in [e.ident for e in without.undated()]


def test_the_issue_date_is_read_in_one_place():
    assert plan_issue_date(PLAN) is None  # the language has no 发文日期 yet

    class Dated:
        date = ISSUED

    assert plan_issue_date(Dated()) == ISSUED


def test_unit_filter_keeps_what_it_leads_supports_or_reports():
    work = build_calendar(PLAN, *YEAR, issued=ISSUED, unit="乙局")
    assert {e.ident for e in work.entries} == {"(一)", "(二)", "(四)", "汇报1"}
    table = calendar_table(work)
    assert [g.heading for g in table.groups] == ["乙局", "无具体日期（不生成日程）"]
    assert [row[0].text for row in table.groups[0].rows] == ["(一) 专题研究（配合）", "(二) 建立台账", "向办公室报送工作情况"]
    whole = calendar_table(build_calendar(PLAN, *YEAR, issued=ISSUED))
    assert all("（配合）" not in row[0].text for row in whole.rows)  # the whole plan: under the lead only
    with pytest.raises(RenderError, match="乙句|乙局"):
        build_calendar(PLAN, *YEAR, unit="乙句")


def test_ics_is_valid_and_has_one_all_day_event_per_occurrence():
    work = build_calendar(PLAN, *YEAR, issued=ISSUED)
    stamp = datetime(2022, 3, 15, tzinfo=UTC)
    data = to_ics(work, stamp)
    parsed = icalendar.Calendar.from_ical(data)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(work.occurrences()) == 7
    first = events[0]
    assert first["SUMMARY"] == "【乙局】(二) 建立台账"
    assert first.decoded("DTSTART") == date(2022, 3, 30)  # a date: an all-day entry
    assert first.decoded("DTEND") == date(2022, 3, 31)
    assert "牵头单位：乙局" in first["DESCRIPTION"]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert to_ics(work, stamp) == data  # deterministic, and the UIDs stable across runs
    later = build_calendar(PLAN, date(2022, 6, 1), date(2022, 12, 31), issued=ISSUED)
    assert {str(e["UID"]) for e in icalendar.Calendar.from_ical(to_ics(later, stamp)).walk("VEVENT")} <= set(uids)
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"] and parsed["METHOD"] == "PUBLISH"


def test_month_by_month_table_per_unit():
    table = calendar_table(build_calendar(PLAN, *YEAR, issued=ISSUED))
    assert [c.title for c in table.columns][:4] == ["事项", "频次/时限", "1月", "2月"]
    assert [g.heading for g in table.groups] == ["甲局", "乙局", "无具体日期（不生成日程）"]
    ledger = table.groups[1].rows[0]
    assert ledger[0].text == "(二) 建立台账"
    assert [ledger[2 + m].text for m in (2, 5, 8, 11)] == ["30日"] * 4


def test_every_format(tmp_path):
    work = build_calendar(read(REVISED), *YEAR, issued=ISSUED)
    assert "| 事项 | 频次/时限 | 1月 |" in render_calendar(work, "md")
    assert "<table" in render_calendar(work, "html")
    data = json.loads(render_calendar(work, "json"))
    assert data["issued"] == "2022-03-15" and data["undated"][0]["reason"]["zh"] == "未写明频次或时限"
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(render_calendar(work, "xlsx")))["工作日历"]
    assert any(cell == "四(四) 建立督办台账" for row in sheet.iter_rows(values_only=True) for cell in row)
    assert "建立督办台账" in render_calendar(work, "term", width=200)  # wide enough that no title wraps


def test_command(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a terminal wide enough that no task title wraps
    out = tmp_path / "日历.ics"
    assert main(["calendar", str(REVISED), "--year", "2022", "--issued", "2022-03-15", "--allow-errors",
                 "-o", str(out), "--lang", "zh"]) == 0
    assert "有日期的事项" in capsys.readouterr().err
    events = list(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert any(str(e["SUMMARY"]) == "【各单位】四(二) 压实主体责任" for e in events)
    assert main(["calendar", str(REVISED), "--year", "2022", "--unit", "纪监委", "--allow-errors"]) == 0
    shown = capsys.readouterr().out
    assert "四(三) 严格督查问责" in shown and "四(二)" not in shown


@pytest.mark.parametrize("options", [
    ["--year", "2022", "--from", "2022-01-01", "--to", "2022-02-01"],
    ["--from", "2022-01-01"],
    ["--from", "2022-05-01", "--to", "2022-01-01"],
    ["--issued", "去年"],
    ["--unit", "没有的单位"],
])
def test_bad_options_are_usage_errors(options, capsys):
    try:
        status = main(["calendar", str(REVISED), "--allow-errors", "--lang", "en", *options])
    except SystemExit as exit:  # argparse's own usage errors
        status = exit.code
    assert status == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("error" in err)


def test_chinese_date_on_the_command_line(capsys):
    assert main(["calendar", str(REVISED), "--allow-errors", "--issued", "2022年3月15日", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["issued"] == "2022-03-15"


def test_the_python_example_in_the_docs_runs():
    import re

    text = (ROOT / "docs" / "calendar.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/calendar.md", "exec"), {})


@pytest.mark.parametrize("due", ["2022年13月1日", "2022年0月1日", "13月底前", "2022年12月32日", "2022年13月1日前"])
def test_a_date_no_calendar_has_is_not_understood_and_the_calendar_stands(due):
    """`时限: 2022年13月1日` was read as the point `2022-13-01`: no W104, and `qlm calendar` ended in a
    traceback (calendar.IllegalMonthError: bad month number 13)."""
    from qlmatrix.checks import run_checks

    plan = loads(f"单位 甲\n任务 (一) 开展巡察 {{\n  牵头: 甲\n  时限: {due}\n}}\n")
    assert [d.code for d in run_checks(plan)] == ["W104"]
    assert build_calendar(plan, date(2022, 1, 1), date(2022, 12, 31)).occurrences() == []
    # A real date next to it is still read: 2022年2月30日 is held to February's end, as 30日 is elsewhere.
    kept = loads("单位 甲\n任务 (一) 开展巡察 {\n  牵头: 甲\n  时限: 2022年2月30日\n}\n")
    assert [d.code for d in run_checks(kept)] == []

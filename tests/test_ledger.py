"""`qlm ledger`: fill-in workbooks, collecting returns (all or nothing), the progress file, the 督办台账, W401-W403."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qlmatrix.checks import Progress, run_checks
from qlmatrix.cli import main
from qlmatrix.ledger import board_rows, board_table, read_returns, templates
from qlmatrix.parser import read_file, read_text
from qlmatrix.progress import (
    ProgressError,
    ProgressLog,
    ProgressRecord,
    dumps_progress,
    loads_progress,
    merged,
    plan_identity,
)
from qlmatrix.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent
REVISED = ROOT / "tests" / "data" / "revision" / "xianning-gaoxin-revised.qlm"
RETURNS = ROOT / "tests" / "data" / "ledger"
FIRST_ROW = 4


@pytest.fixture
def plan_dir(tmp_path):
    """A copy of the revised plan, so its progress file is written beside the copy."""
    shutil.copy(REVISED, tmp_path / "plan.qlm")
    return tmp_path


def resolved():
    return resolve(read_file(REVISED).plan)


def collect(plan_dir, files, as_of, *extra):
    return main(["ledger", "collect", str(plan_dir / "plan.qlm"), *map(str, files), "--as-of", as_of,
                 "--allow-errors", "--lang", "en", *extra])


def round_files(name):
    return sorted((RETURNS / name).glob("*.xlsx"))


def edited(source: Path, target: Path, change) -> Path:
    book = openpyxl.load_workbook(source)
    change(book["进展填报"])
    book.save(target)
    return target


# ---- templates ----


def test_one_template_per_lead_unit_with_locked_plan_columns():
    made = templates(resolved())
    assert [t.filename for t in made] == ["党群部.xlsx", "综合办.xlsx", "纪监委.xlsx", "政务局.xlsx", "财政局.xlsx",
                                          "执法局.xlsx", "党工委.xlsx", "各单位.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(made[2].data))  # 纪监委
    sheet = book["进展填报"]
    assert sheet.protection.sheet is True
    headings = [c.value for c in sheet[3]]
    assert headings[:10] == ["编号", "重点任务", "牵头单位", "配合单位", "完成时限/频次", "进展情况", "完成状态",
                             "佐证材料", "存在问题", "下步打算"]
    ids = [sheet.cell(row, 1).value for row in range(FIRST_ROW, sheet.max_row + 1)]
    assert ids == ["二(四)", "二(五)", "四(三)"]  # what 纪监委 leads, effective roles
    assert sheet.cell(FIRST_ROW, 2).protection.locked and not sheet.cell(FIRST_ROW, 6).protection.locked
    assert sheet.cell(FIRST_ROW, 11).value == plan_identity("清廉高新区建设实施意见", "咸发〔2021〕12号")
    assert sheet.cell(FIRST_ROW, 12).value == "纪监委"
    assert sheet.column_dimensions["K"].hidden
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list" and "已完成" in validation.formula1 and str(validation.sqref) == "G4:G6"


def test_templates_are_byte_stable():
    assert [t.data for t in templates(resolved())] == [t.data for t in templates(resolved())]


def test_template_command(tmp_path, capsys):
    assert main(["ledger", "template", str(REVISED), "--by-unit", "-o", str(tmp_path / "out"), "--allow-errors"]) == 0
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == 8
    assert capsys.readouterr().out.splitlines()[0].endswith("党群部.xlsx")


# ---- collecting ----


def test_two_rounds_are_recorded_and_the_file_round_trips(plan_dir, capsys):
    assert collect(plan_dir, round_files("round1"), "2022-07-05") == 0
    assert collect(plan_dir, round_files("round2"), "2022-10-10") == 0
    text = (plan_dir / "plan.progress.jsonl").read_text(encoding="utf-8")
    log = loads_progress(text)
    assert dumps_progress(log) == text and loads_progress(dumps_progress(log)) == log
    assert len(log.records) == 19 and log.last_date() == date(2022, 10, 10)
    assert [r.as_of for r in log.records] == sorted(r.as_of for r in log.records)
    newest = log.latest()[("三(二)", "财政局")]
    assert (newest.status, newest.progress, newest.source) == ("序时推进", "预算绩效管理办法已出台", "财政局.xlsx")
    assert "recorded 10 returns of 6 units as of 2022-10-10" in capsys.readouterr().err


def test_older_progress_never_overwrites_newer_and_nothing_is_written(plan_dir, capsys):
    assert collect(plan_dir, round_files("round2"), "2022-10-10") == 0
    before = (plan_dir / "plan.progress.jsonl").read_bytes()
    assert collect(plan_dir, round_files("round1"), "2022-07-05") == 1
    assert (plan_dir / "plan.progress.jsonl").read_bytes() == before
    err = capsys.readouterr().err
    assert "is older than the progress recorded as of 2022-10-10" in err and "nothing was recorded" in err


def test_a_corrected_return_of_the_same_date_replaces_the_first(plan_dir):
    files = round_files("round1")
    assert collect(plan_dir, files, "2022-07-05") == 0
    fixed = edited(RETURNS / "round1" / "财政局.xlsx", plan_dir / "财政局.xlsx",
                   lambda sheet: setattr(sheet.cell(FIRST_ROW, 7), "value", "序时推进"))
    assert collect(plan_dir, [fixed], "2022-07-05") == 0
    log = loads_progress((plan_dir / "plan.progress.jsonl").read_text(encoding="utf-8"))
    assert [r.status for r in log.records if r.unit == "财政局"] == ["序时推进"]


def _problems(paths):
    _, problems = read_returns(resolved(), [str(p) for p in paths], date(2022, 7, 5))
    return [(Path(p.path).name, p.row, p.message.zh, p.unreadable) for p in problems]


def test_an_edited_locked_column_is_refused(tmp_path):
    bad = edited(RETURNS / "round1" / "纪监委.xlsx", tmp_path / "纪监委.xlsx",
                 lambda sheet: setattr(sheet.cell(FIRST_ROW, 3), "value", "党群部"))
    assert _problems([bad]) == [("纪监委.xlsx", 4, "锁定列“牵头单位”被改动：计划中为“纪监委”", False)]


def test_unknown_and_duplicated_task_ids_are_refused(tmp_path):
    def change(sheet):
        sheet.cell(FIRST_ROW, 1).value = "二(九)"
        for col in range(1, 13):
            sheet.cell(FIRST_ROW + 2, col).value = sheet.cell(FIRST_ROW + 1, col).value

    bad = edited(RETURNS / "round1" / "纪监委.xlsx", tmp_path / "纪监委.xlsx", change)
    found = _problems([bad])
    assert found[0] == ("纪监委.xlsx", 4, "计划中没有任务`二(九)`", False)
    assert found[1][1] == 6 and found[1][2].startswith("任务`二(五)`重复填报")


def test_an_invalid_status_is_refused(tmp_path):
    bad = edited(RETURNS / "round1" / "纪监委.xlsx", tmp_path / "纪监委.xlsx",
                 lambda sheet: setattr(sheet.cell(FIRST_ROW, 7), "value", "基本完成"))
    assert _problems([bad]) == [("纪监委.xlsx", 4, "完成状态“基本完成”不在 已完成/序时推进/滞后/未启动 之中", False)]


def test_another_units_workbook_is_refused(tmp_path):
    renamed = tmp_path / "综合办.xlsx"
    shutil.copy(RETURNS / "round1" / "纪监委.xlsx", renamed)
    assert _problems([renamed])[0][2] == "文件名是`综合办`，内容却是`纪监委`的填报表"
    twice = tmp_path / "纪监委-2.xlsx"
    shutil.copy(RETURNS / "round1" / "纪监委.xlsx", twice)
    assert "又一份`纪监委`的填报表" in _problems([RETURNS / "round1" / "纪监委.xlsx", twice])[0][2]

    def paste(sheet):  # a row of 党群部's workbook pasted into 纪监委's
        sheet.cell(FIRST_ROW, 1).value = "二(一)"
        sheet.cell(FIRST_ROW, 12).value = "党群部"

    pasted = edited(RETURNS / "round1" / "纪监委.xlsx", tmp_path / "纪监委.xlsx", paste)
    assert _problems([pasted])[0][2] == "这一行来自`党群部`的填报表，被复制到了`纪监委`的填报表中"


def test_a_workbook_of_another_plan_is_refused(tmp_path):
    other = resolve(read_text("计划 另一份方案 { }\n单位 纪监委\n任务 (一) 某项 { 牵头: 纪监委 }").plan)
    path = tmp_path / "纪监委.xlsx"
    path.write_bytes(templates(other)[0].data)
    assert _problems([path]) == [("纪监委.xlsx", 0, "这份填报表是为另一份计划生成的", False)]


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04broken", b""])
def test_a_corrupt_file_is_unreadable_and_nothing_is_recorded(plan_dir, content, capsys):
    bad = plan_dir / "坏文件.xlsx"
    bad.write_bytes(content)
    assert collect(plan_dir, [*round_files("round1"), bad], "2022-07-05") == 2
    assert not (plan_dir / "plan.progress.jsonl").exists()  # all or nothing
    err = capsys.readouterr().err
    assert "坏文件.xlsx: not an XLSX workbook" in err and "Traceback" not in err


def test_a_damaged_progress_file_is_said_with_its_line(plan_dir, capsys):
    assert collect(plan_dir, round_files("round1"), "2022-07-05") == 0
    path = plan_dir / "plan.progress.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + "{broken\n", encoding="utf-8")
    assert collect(plan_dir, round_files("round2"), "2022-10-10") == 2
    assert "plan.progress.jsonl:12: not a JSON line" in capsys.readouterr().err


def test_progress_format_errors():
    header = '{"format": "qlm-progress", "version": 1, "plan": "x"}\n'
    with pytest.raises(ProgressError) as error:
        loads_progress(header + '{"as_of": "2022-13-01", "task": "一", "unit": "甲", "status": "已完成"}\n')
    assert error.value.line == 2
    with pytest.raises(ProgressError):
        loads_progress(header + '{"as_of": "2022-01-01", "task": "一", "unit": "甲", "status": "基本完成"}\n')
    with pytest.raises(ProgressError):
        loads_progress('{"as_of": "2022-01-01"}\n')  # no header
    text = header.replace('"x"}', '"x", "title": "方案"}')
    record = ProgressRecord("一", "甲", date(2022, 1, 1), "滞后", problems="第一行\n第二行\u2028第三行")
    log = ProgressLog("x", "方案", (record,))
    assert loads_progress(dumps_progress(log)) == log  # a line break inside a value stays inside the record
    assert loads_progress(text).title == "方案"


def test_merge_keeps_plan_order_within_a_date():
    old = ProgressLog("x", "", (ProgressRecord("二", "甲", date(2022, 7, 1), "滞后"),))
    new = [ProgressRecord("一", "甲", date(2022, 7, 1), "滞后"), ProgressRecord("二", "甲", date(2022, 7, 1), "已完成")]
    log, refused = merged(old, new, ["一", "二"])
    assert not refused and [(r.task, r.status) for r in log.records] == [("一", "滞后"), ("二", "已完成")]


# ---- the 督办台账 and the progress checks ----


def _log_after(rounds):
    plan = resolved()
    log = ProgressLog(plan_identity(plan.plan.title, plan.plan.basis), plan.plan.title or "")
    for name, as_of in rounds:
        records, problems = read_returns(plan, [str(p) for p in round_files(name)], as_of)
        assert not problems
        log, _ = merged(log, records, [t.id for t in plan.tasks])
    return plan, log


def test_board_marks_what_is_overdue():
    plan, log = _log_after([("round1", date(2022, 7, 5))])
    rows = {row.task.id: row for row in board_rows(plan, log, date(2022, 7, 5), date(2022, 3, 15))}
    assert rows["四(二)"].standing.overdue and rows["四(二)"].latest is None  # due 2022-06-30, no return
    assert not rows["四(四)"].standing.overdue  # returned this quarter
    table = board_table(plan, log, date(2022, 7, 5), date(2022, 3, 15))
    assert table.notes == ("截至 2022-07-05：逾期 1 项，滞后 1 项，未报送进展 3 项",)
    assert any(row[9].text.startswith("【逾期】") and row[0].text == "四(二)" for row in table.rows)
    later = {row.task.id: row for row in board_rows(plan, log, date(2022, 10, 10), date(2022, 3, 15))}
    assert later["四(四)"].standing.overdue  # quarterly: the 9-30 deadline passed with no return since 6-30


def test_progress_rules_after_each_round():
    plan, log = _log_after([("round1", date(2022, 7, 5))])
    found = [(d.code, d.args.get("unit") or d.args.get("id"))
             for d in run_checks(plan.plan, progress=Progress(log, None, date(2022, 3, 15))) if d.code.startswith("W4")]
    assert found == [("W401", "四(二)"), ("W402", "执法局"), ("W402", "各单位")]
    plan, log = _log_after([("round1", date(2022, 7, 5)), ("round2", date(2022, 10, 10))])
    found = [(d.code, d.args.get("unit") or d.args.get("id"))
             for d in run_checks(plan.plan, progress=Progress(log, None, date(2022, 3, 15))) if d.code.startswith("W4")]
    assert found == [("W403", "四(三)"), ("W402", "执法局")]


def test_progress_rules_find_nothing_without_progress_and_honour_suppressions():
    plan = read_text("单位 甲\n任务 (一) 某项 { 牵头: 甲; 时限: 2022年6月底前 }  # qlm: ignore[W401]\n").plan
    assert [d.code for d in run_checks(plan)] == []  # no W901: a progress rule not run is not judged
    log = ProgressLog("x", "", (ProgressRecord("(一)", "甲", date(2022, 7, 1), "滞后"),))
    assert "W401" not in [d.code for d in run_checks(plan, progress=Progress(log))]
    bare = read_text("单位 甲\n任务 (一) 某项 { 牵头: 甲; 时限: 2022年6月底前 }\n").plan
    assert "W401" in [d.code for d in run_checks(bare, progress=Progress(log))]


def test_show_and_check_commands(plan_dir, capsys):
    assert collect(plan_dir, round_files("round1"), "2022-07-05") == 0
    out = plan_dir / "督办台账.xlsx"
    assert main(["ledger", "show", str(plan_dir / "plan.qlm"), "--as-of", "2022-07-05", "--issued", "2022-03-15",
                 "--allow-errors", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["督办台账"]
    assert any(str(c).startswith("【逾期】") for row in sheet.iter_rows(values_only=True) for c in row if c)
    import docx

    assert main(["ledger", "show", str(plan_dir / "plan.qlm"), "--as-of", "2022-07-05", "--allow-errors",
                 "-o", str(plan_dir / "台账.docx")]) == 0
    assert docx.Document(str(plan_dir / "台账.docx")).tables[0].rows[0].cells[0].text == "编号"
    capsys.readouterr()
    assert main(["ledger", "check", str(plan_dir / "plan.qlm"), "--issued", "2022-03-15", "--lang", "en"]) == 0
    shown = capsys.readouterr().out
    assert "warning[W401]" in shown and "warning[W402]" in shown


def test_collect_refuses_the_progress_file_as_a_return(plan_dir, capsys):
    assert collect(plan_dir, [plan_dir / "plan.progress.jsonl"], "2022-07-05") == 2
    assert "is the progress file" in capsys.readouterr().err


def test_the_python_example_in_the_docs_runs(capsys):
    import re

    text = (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/ledger.md", "exec"), {})
    assert "【逾期】" in capsys.readouterr().out


def test_a_cell_holding_invisible_characters_is_shown_escaped(plan_dir, capsys):
    # (XLSX cannot hold ESC itself; a bidirectional override it can, and it would reorder the line.)
    bad = edited(RETURNS / "round1" / "纪监委.xlsx", plan_dir / "纪监委.xlsx",
                 lambda sheet: setattr(sheet.cell(FIRST_ROW, 7), "value", "完成\u202e成完"))
    assert collect(plan_dir, [bad], "2022-07-05") == 1
    err = capsys.readouterr().err
    assert "\u202e" not in err and "<U+202E>" in err


@pytest.mark.parametrize("step", ["template", "collect", "show", "check"])
def test_every_step_has_its_help(step, capsys):
    from qlmatrix.cli.ledger import STEPS

    assert step in STEPS
    with pytest.raises(SystemExit) as exit:
        main(["ledger", step, "--help", "--lang", "zh"])
    assert exit.value.code == 0 and "用法：qlm ledger " + step in capsys.readouterr().out


def test_the_day_judged_sees_the_returns_up_to_it():
    plan = read_text("单位 财政局\n任务 (一) 某项 { 牵头: 财政局; 时限: 2022年6月底前 }\n").plan
    log = ProgressLog("x", "", (ProgressRecord("(一)", "财政局", date(2022, 6, 20), "已完成"),
                                ProgressRecord("(一)", "财政局", date(2022, 9, 1), "滞后")))
    codes = [d.code for d in run_checks(plan, progress=Progress(log, date(2022, 7, 1)))]
    assert "W401" not in codes  # on 1 July, the newest return (20 June) said 已完成
    assert "W401" in [d.code for d in run_checks(plan, progress=Progress(log))]  # on 1 September: 滞后

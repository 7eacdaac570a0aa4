"""`qlm diff` and `qlmatrix.diff`: task-by-task changes between two versions of a plan."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qlmatrix import Assignment, Plan, Role, Section, Task, Unit, loads
from qlmatrix.cli import main
from qlmatrix.diff import ChangeKind, comparison_table, diff, render_diff, to_data

from .strategies import names, plans, texts

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "examples" / "xianning-gaoxin.qlm"
REVISED = ROOT / "tests" / "data" / "revision" / "xianning-gaoxin-revised.qlm"


def read(path: Path) -> Plan:
    from qlmatrix.parser import read_file

    result = read_file(path)
    assert result.plan is not None
    return result.plan


def entry(found, task_id):
    return next(t for t in found.tasks if (t.new or t.old).id == task_id)


# ---- the revised 咸宁 draft: every kind of change the fixture's header lists ----


def test_revised_draft_is_read_as_its_edits():
    found = diff(read(FIRST), read(REVISED))
    assert found.counts() == {"added": 1, "removed": 1, "changed": 7}
    lead = entry(found, "二(一)")
    assert lead.kinds == (ChangeKind.LEAD, ChangeKind.ROLE_ADDED, ChangeKind.ROLE_REMOVED)
    assert (lead.changes[0].before, lead.changes[0].after) == ("综合办", "党群部")
    assert lead.changes[2].units == ("纪监委",) and lead.changes[2].role is Role.SUPPORT
    moved = entry(found, "二(五)")
    assert moved.kinds == (ChangeKind.MOVED,) and moved.old.id == "三(一)"
    assert entry(found, "三(一)").kinds == (ChangeKind.RENUMBERED,)  # 清风助企, one place up
    assert entry(found, "三(三)").kinds == (ChangeKind.RENUMBERED, ChangeKind.ROLE_ADDED)
    assert entry(found, "四(三)").changes[0].describe().zh == "频次由“常态化”改为“每半年至少一次”"
    # A new task under a dropped task's number is a task removed and one added, not an edit.
    assert [(t.status, (t.new or t.old).title) for t in found.tasks[-2:]] == [
        ("removed", "加大宣传力度"), ("added", "建立督办台账")]
    assert [(r.status, r.report.source, r.report.target) for r in found.reports] == [
        ("added", "牵头单位", "党工委"), ("added", "纪监委", "市委")]


def test_a_changed_reporting_line():
    old = loads("单位 甲、乙、丙\n任务 (一) 某项 { 牵头: 甲 }\n汇报 甲 -> 乙 { 内容: 工作情况; 频次: 每年 }")
    new = loads("单位 甲、乙、丙\n任务 (一) 某项 { 牵头: 甲 }\n汇报 甲 -> 丙 { 内容: 工作情况; 频次: 每季度 }")
    (entry,) = diff(old, new).reports
    assert [c.describe().zh for c in entry.changes] == ["报送对象由“乙”改为“丙”", "频次由“每年”改为“每季度”"]


def test_same_plan_in_another_layout_has_no_changes():
    from qlmatrix import dumps

    plan = read(FIRST)
    assert diff(plan, loads(dumps(plan))).empty


def test_wording_edited_in_place_is_matched_by_id():
    old = loads("单位 甲\n章 一、总则 { 任务 (一) 加强日常监督工作 { 牵头: 甲 } }")
    new = loads("单位 甲\n章 一、总则 { 任务 (一) 强化日常监督工作 { 牵头: 甲 } }")
    found = diff(old, new)
    assert [t.kinds for t in found.tasks] == [(ChangeKind.TITLE,)]


def test_edited_and_moved_is_matched_by_similarity():
    old = loads("单位 甲\n章 一、甲章 { 任务 (一) 严格规范公共资金管理使用 { 牵头: 甲 } }\n章 二、乙章 { }")
    new = loads("单位 甲\n章 一、甲章 { }\n章 二、乙章 { 任务 (一) 严格规范公共资金的管理使用 { 牵头: 甲 } }")
    assert [t.kinds for t in diff(old, new).tasks] == [(ChangeKind.MOVED, ChangeKind.TITLE)]


def test_section_renamed():
    old = loads("单位 甲\n章 一、总则 { 任务 (一) 甲事 { 牵头: 甲 } }")
    new = loads("单位 甲\n章 一、总体要求 { 任务 (一) 甲事 { 牵头: 甲 } }")
    found = diff(old, new)
    assert not found.tasks  # its tasks did not move: their section is the same section, renamed
    assert [c.kind for s in found.sections for c in s.changes] == [ChangeKind.SECTION_RENAMED]


def test_comparison_table_has_the_office_columns_and_a_row_per_change():
    table = comparison_table(diff(read(FIRST), read(REVISED)))
    assert [c.title for c in table.columns] == ["序号", "原内容", "修改后", "说明"]
    assert len(table.rows) == 11
    assert table.rows[-4][2].text == "（删去）" and table.rows[-3][1].text == "（无）"
    assert table.rows[-1][3].text == "新增汇报：汇报 纪监委 -> 市委：清廉高新区建设情况"
    assert table.rows[-1][2].text.endswith("时限：每年底；形式：书面")


def test_every_format_renders_and_parses(tmp_path):
    found = diff(read(FIRST), read(REVISED))
    data = json.loads(render_diff(found, "json"))
    assert data["changed"] is True and data["counts"]["changed"] == 7
    assert data == json.loads(json.dumps(to_data(found)))
    assert "| 序号 | 原内容 | 修改后 | 说明 |" in render_diff(found, "md")
    assert "<table" in render_diff(found, "html")
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(render_diff(found, "xlsx")))
    sheet = book["修改对照表"]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "说明" in values and any("牵头单位由“综合办”改为“党群部”" in str(v) for v in values)
    import docx

    document = docx.Document(io.BytesIO(render_diff(found, "docx")))
    assert document.tables[0].rows[0].cells[3].text == "说明"
    assert render_diff(found, "text", "en").startswith("7 tasks changed, 1 added, 1 removed")


# ---- the command ----


def test_exit_codes(tmp_path, capsys):
    assert main(["diff", str(FIRST), str(FIRST), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "no changes\n"
    assert main(["diff", str(FIRST), str(REVISED), "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "修改 7 项、新增 1 项、删去 1 项任务；汇报变化 2 处"
    assert "~ 二(一) 全面强化政治建设" in out
    assert main(["diff", str(FIRST), str(tmp_path / "missing.qlm"), "--lang", "en"]) == 2
    assert "missing.qlm" in capsys.readouterr().err


def test_broken_plan_is_exit_2_with_its_diagnostic(tmp_path, capsys):
    broken = tmp_path / "broken.qlm"
    broken.write_text("章 一、总则 {\n", encoding="utf-8")
    assert main(["diff", str(FIRST), str(broken), "--lang", "en"]) == 2
    assert "broken.qlm:" in capsys.readouterr().err


def test_a_document_compares_with_a_plan(tmp_path, capsys):
    document = tmp_path / "draft.txt"
    document.write_text("一、总则\n（一）加强日常监督。（责任单位：甲局、乙局）\n", encoding="utf-8")
    plan = tmp_path / "plan.qlm"
    plan.write_text("单位 甲局、乙局\n章 一、总则 { 任务 (一) 加强日常监督 { 牵头: 乙局 } }\n", encoding="utf-8")
    assert main(["diff", str(document), str(plan), "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "牵头单位由“甲局”改为“乙局”" in out and "删去配合单位：乙局" in out


def test_output_file_follows_its_suffix(tmp_path):
    out = tmp_path / "对照表.xlsx"
    assert main(["diff", str(FIRST), str(REVISED), "-o", str(out)]) == 1
    assert out.read_bytes()[:2] == b"PK"
    assert main(["diff", str(FIRST), str(REVISED), "-o", str(FIRST)]) == 2  # never over an input
    assert read(FIRST) == read(FIRST)  # (still a plan)


# ---- properties ----


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_plan_has_no_changes_from_itself(plan):
    assert diff(plan, plan).empty


@st.composite
def edit_cases(draw):
    """A plan of two or three sections, tasks numbered in order, each with one lead and some supports;
    titles distinct, so that each task is matched by what it says."""
    units = draw(st.lists(names, min_size=3, max_size=6, unique=True))
    count = draw(st.integers(2, 3))
    titles = draw(st.lists(texts, min_size=count * 3, max_size=count * 3,
                           unique_by=lambda t: "".join(t.split())).filter(lambda ts: all("".join(t.split()) for t in ts)))
    sections = []
    for s in range(count):
        tasks = []
        for t in range(draw(st.integers(1, 3))):
            lead = draw(st.sampled_from(units))
            supports = draw(st.lists(st.sampled_from([u for u in units if u != lead]), unique=True, max_size=2))
            tasks.append(Task(titles[s * 3 + t], number=str(t + 1),
                              assignments=[Assignment(Role.LEAD, lead), *(Assignment(Role.SUPPORT, u) for u in supports)]))
        sections.append(Section(f"第{s}章", number=str(s + 1), items=tasks))
    return Plan(units=[Unit(u) for u in units], items=sections), units


def _replace_task(plan: Plan, s: int, t: int, task: Task | None) -> Plan:
    sections = list(plan.items)
    items = list(sections[s].items)
    if task is None:
        del items[t]
    else:
        items[t] = task
    sections[s] = attrs.evolve(sections[s], items=items)
    return attrs.evolve(plan, items=sections)


@given(edit_cases(), st.data())
def test_a_changed_lead_is_reported_as_exactly_that(case, data):
    plan, units = case
    s = data.draw(st.integers(0, len(plan.items) - 1))
    t = data.draw(st.integers(0, len(plan.items[s].items) - 1))
    task = plan.items[s].items[t]
    lead, supports = task.units_in(Role.LEAD)[0].name, {u.name for u in task.units_in(Role.SUPPORT)}
    other = data.draw(st.sampled_from([u for u in units if u != lead and u not in supports] or [None]))
    if other is None:
        return  # every unit already holds a role here: no lead to change to
    changed = attrs.evolve(task, assignments=[Assignment(Role.LEAD, other),
                                              *(a for a in task.assignments if a.role is not Role.LEAD)])
    found = diff(plan, _replace_task(plan, s, t, changed))
    assert [(e.old.id, e.kinds) for e in found.tasks] == [(f"{s + 1}{t + 1}", (ChangeKind.LEAD,))]
    assert (found.tasks[0].changes[0].before, found.tasks[0].changes[0].after) == (lead, other)
    assert not found.sections


@given(edit_cases(), st.data())
def test_a_dropped_support_is_reported_as_exactly_that(case, data):
    plan, _ = case
    candidates = [(s, t) for s, section in enumerate(plan.items) for t, task in enumerate(section.items)
                  if task.units_in(Role.SUPPORT)]
    if not candidates:
        return
    s, t = data.draw(st.sampled_from(candidates))
    task = plan.items[s].items[t]
    dropped = data.draw(st.sampled_from(task.units_in(Role.SUPPORT))).name
    changed = attrs.evolve(task, assignments=[a for a in task.assignments if a.unit.name != dropped])
    found = diff(plan, _replace_task(plan, s, t, changed))
    assert [e.kinds for e in found.tasks] == [(ChangeKind.ROLE_REMOVED,)]
    assert found.tasks[0].changes[0].units == (dropped,) and found.tasks[0].changes[0].role is Role.SUPPORT


@given(edit_cases(), st.data())
def test_a_moved_task_is_reported_as_exactly_that(case, data):
    plan, _ = case
    s = data.draw(st.integers(0, len(plan.items) - 1))
    target = data.draw(st.sampled_from([i for i in range(len(plan.items)) if i != s]))
    source_items = plan.items[s].items
    task = source_items[-1]  # the last: no task after it is renumbered
    moved = attrs.evolve(task, number=str(len(plan.items[target].items) + 1))
    edited = _replace_task(plan, s, len(source_items) - 1, None)
    sections = list(edited.items)
    sections[target] = attrs.evolve(sections[target], items=[*sections[target].items, moved])
    found = diff(plan, attrs.evolve(edited, items=sections))
    assert [(e.old.id, e.new.id, e.kinds) for e in found.tasks] == [
        (f"{s + 1}{len(source_items)}", f"{target + 1}{moved.number}", (ChangeKind.MOVED,))]

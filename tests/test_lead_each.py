"""分别牵头 / lead-each: several units each leading their own part of a task (`（A、B分别负责）`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

import qlmatrix
from qlmatrix import Assignment, Role
from qlmatrix.checks import run_checks
from qlmatrix.diagnostics.messages import render_label
from qlmatrix.fmt import format_text
from qlmatrix.parser import read_text
from qlmatrix.render import build_table, table
from qlmatrix.render.views import leads_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "qlmatrix" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))

PLAN = """单位 市发改委、市财政局、市商务局、市统计局
任务 (一) 统筹推进重大项目 { 分别牵头: 市发改委、市财政局; 配合: 市统计局 }
任务 (二) 优化营商环境 { 牵头: 市商务局; 配合: 市发改委 }
章 三、强化要素保障 {
  分别负责: 市财政局、市商务局  # 各自负责
  任务 (一) 落实专项资金
  任务 (二) 做好统计监测 { 牵头: 市统计局 }
}
载体 清廉园区 {
  lead-each: 市发改委、市统计局
  闭环: 目标、举措、考核、反馈
  任务 建立园区监督清单
}
"""


def _plan(text: str = PLAN) -> qlmatrix.Plan:
    result = read_text(text, "plan.qlm")
    assert not result.diagnostics, [d.code for d in result.diagnostics]
    return result.plan


def test_the_property_reads_as_leads_flagged_each_in_both_languages():
    first, second = list(_plan().tasks())[:2]
    assert [(a.role, a.unit.name, a.each) for a in first.assignments] == [
        (Role.LEAD, "市发改委", True), (Role.LEAD, "市财政局", True), (Role.SUPPORT, "市统计局", False)]
    assert [a.each for a in second.assignments] == [False, False]
    # Each name keeps its own position, as in any unit list.
    assert first.assignments[1].span.column == PLAN.splitlines()[1].index("市财政局") + 1
    english = _plan("unit A, B\ntask (1) X { lead-each: A, B }\n")
    assert [(a.unit.name, a.each) for a in next(english.tasks()).assignments] == [("A", True), ("B", True)]


def test_lead_each_differs_from_lead_in_equality():
    plain = qlmatrix.loads("单位 甲、乙\n任务 (一) 事 { 牵头: 甲、乙 }\n")
    each = qlmatrix.loads("单位 甲、乙\n任务 (一) 事 { 分别牵头: 甲、乙 }\n")
    assert plain != each
    assert Assignment(Role.LEAD, "甲") != Assignment(Role.LEAD, "甲", each=True)
    assert hash(Assignment(Role.LEAD, "甲", each=True)) == hash(Assignment(Role.LEAD, "甲", each=True))
    # The order of the entries does not matter: plain leads come first in the model, as the writer writes them.
    swapped = qlmatrix.loads("单位 甲、乙、丙\n任务 (一) 事 { 分别牵头: 乙、丙; 牵头: 甲 }\n")
    ordered = qlmatrix.loads("单位 甲、乙、丙\n任务 (一) 事 { 牵头: 甲; 分别牵头: 乙、丙 }\n")
    assert swapped == ordered


def test_only_a_lead_leads_its_part():
    from qlmatrix.writer import UnwritableError

    plan = qlmatrix.Plan(units=[qlmatrix.Unit("甲")], items=[qlmatrix.Task("事", assignments=[
        Assignment(Role.SUPPORT, "甲", each=True)])])
    with pytest.raises(UnwritableError, match="only a lead"):
        qlmatrix.dumps(plan)
    assert not qlmatrix.resolve(plan).tasks[0].leads_separately


def test_the_resolution_says_the_leads_lead_separately_and_sections_pass_it_on():
    resolved = qlmatrix.resolve(_plan())
    own, plain, inherited, overridden, carried = resolved.tasks
    assert own.leads == ("市发改委", "市财政局") and own.leads_separately
    assert plain.lead == "市商务局" and not plain.leads_separately
    assert inherited.leads == ("市财政局", "市商务局") and inherited.leads_separately
    assert inherited.origin(Role.LEAD).title == "强化要素保障"
    assert overridden.lead == "市统计局" and not overridden.leads_separately
    assert carried.leads == ("市发改委", "市统计局") and carried.leads_separately
    section, carrier = resolved.sections
    assert section.leads_separately and carrier.leads_separately
    assert all(holding.each for holding in own.holdings_in(Role.LEAD))
    assert resolved.led_by("市财政局") == (own, inherited)
    # No lead, or a plain lead among them: not separately.
    mixed = qlmatrix.resolve(qlmatrix.loads("单位 甲、乙、丙\n任务 (一) 事 { 牵头: 甲; 分别牵头: 乙、丙 }\n"))
    assert not mixed.tasks[0].leads_separately
    assert not qlmatrix.resolve(qlmatrix.loads("单位 甲\n任务 (一) 事 { 配合: 甲 }\n")).tasks[0].leads_separately


def test_e301_is_silent_among_separate_leads_and_fires_on_a_mix():
    assert [d.code for d in run_checks(_plan())] == []
    mixed = read_text("单位 甲、乙、丙\n任务 (一) 事 { 牵头: 甲; 分别牵头: 乙、丙 }\n", "m.qlm").plan
    found = [d for d in run_checks(mixed) if d.code == "E301"]
    assert [d.args["name"] for d in found] == ["乙", "丙"]
    assert {d.help for d in found} == {"mixed-each"}
    help_text = found[0].help_message
    assert "`分别牵头:` gives each unit its own part" in help_text.en
    assert "`分别牵头:`是各单位分别牵头各自的部分" in help_text.zh
    [label] = found[0].labels
    assert (render_label(label, "en"), render_label(label, "zh")) == (
        "leads the whole task here (`牵头:`)", "在此对整项任务牵头（`牵头:`）")
    assert label.span.column == 16  # at 甲, the plain lead
    # Two plain leads: the usual finding, whose help now names 分别牵头 as the other way out.
    plain = read_text("单位 甲、乙\n任务 (一) 事 { 牵头: 甲、乙 }\n", "p.qlm").plan
    [finding] = [d for d in run_checks(plain) if d.code == "E301"]
    assert finding.help == "one-lead"


def test_other_rules_treat_each_unit_as_a_lead():
    # E302: a unit leading its part and supporting the task; W202 does not fire on separate leads.
    text = "单位 甲、乙、丙\n任务 (一) 事 { 分别牵头: 甲、乙; 配合: 乙 }\n任务 (二) 另 { 分别牵头: 甲、丙 }\n"
    codes = [d.code for d in run_checks(read_text(text, "x.qlm").plan)]
    assert codes == ["E302"]


def test_task_table_marks_separate_leads_and_the_raci_gives_each_the_lead_letter():
    plan = _plan()
    markdown = table(plan, "tasks", "md")
    assert "| （一） | 统筹推进重大项目 | 市发改委、市财政局（分别牵头） | 市统计局 |" in markdown
    assert "| （二） | 优化营商环境 | 市商务局 | 市发改委 |" in markdown
    assert "市财政局、市商务局（分别牵头）" in markdown  # inherited from the section
    assert "市统计局（分别牵头）" not in markdown.split("做好统计监测")[1].splitlines()[0]
    for fmt in ("csv", "html"):
        assert "市发改委、市财政局（分别牵头）" in re.sub(r"<[^>]+>", "", str(table(plan, "tasks", fmt))), fmt
    assert "市财政局（分别牵头）" in str(table(plan, "tasks", "term"))  # the terminal breaks the cell after 、
    raci = build_table(plan, "raci")
    units = [column.title for column in raci.columns]
    row = raci.groups[0].rows[0]
    assert (row[units.index("市发改委")].text, row[units.index("市财政局")].text,
            row[units.index("市统计局")].text) == ("A", "A", "R")
    duties = table(plan, "units", "md", unit="市财政局")
    assert "| 分别牵头 | (一) 统筹推进重大项目 |" in duties
    assert "| 牵头 |" not in duties


def test_the_mark_in_english():
    resolved = qlmatrix.resolve(_plan())
    first, second = resolved.tasks[:2]
    assert leads_text(first, first.leads, "en") == "市发改委、市财政局 (each leads its part)"
    assert leads_text(first, first.leads) == "市发改委、市财政局（分别牵头）"
    assert leads_text(second, second.leads, "en") == "市商务局"
    assert leads_text(second, ()) == ""


def test_json_export_carries_the_flag():
    data = json.loads(qlmatrix.to_json(_plan()))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["schema_version"] == 4
    first, second, inherited = data["tasks"][:3]
    assert (first["leads"], first["leads_separately"], first["own"]["leads_each"]) == (
        ["市发改委", "市财政局"], True, ["市发改委", "市财政局"])
    assert (second["leads_separately"], second["own"]["leads_each"]) == (False, [])
    assert (inherited["leads_separately"], inherited["own"]["leads_each"], inherited["inherited"]["lead"]) == (
        True, [], "三")
    assert data["sections"][0]["leads_separately"] and data["sections"][0]["own"]["leads_each"] == ["市财政局", "市商务局"]


@pytest.mark.parametrize("keywords", ["zh", "en"])
def test_writer_and_fmt_keep_it(keywords):
    plan = _plan()
    written = qlmatrix.dumps(plan, keywords=keywords)
    assert ("分别牵头: 市发改委、市财政局" if keywords == "zh" else "lead-each: 市发改委、市财政局") in written
    assert "(责任单位:" not in written.split("\n")[2]  # never the annotation, which cannot say it
    assert qlmatrix.loads(written) == plan
    formatted = format_text(PLAN, "plan.qlm").formatted
    assert "  分别牵头: 市财政局、市商务局  # 各自负责" in formatted
    assert qlmatrix.loads(formatted) == plan
    assert format_text(formatted, "plan.qlm").formatted == formatted


def test_a_mix_is_written_plain_lead_first():
    plan = qlmatrix.loads("单位 甲、乙、丙\n任务 (一) 事 { 分别牵头: 乙、丙; 牵头: 甲 }\n")
    written = qlmatrix.dumps(plan)
    assert written.index("牵头: 甲") < written.index("分别牵头: 乙、丙")
    assert qlmatrix.loads(written) == plan


def test_diff_reports_a_lead_that_becomes_separate():
    from qlmatrix.diff import ChangeKind, diff

    before = qlmatrix.loads("单位 甲、乙\n任务 (一) 事 { 牵头: 甲、乙 }\n")
    after = qlmatrix.loads("单位 甲、乙\n任务 (一) 事 { 分别牵头: 甲、乙 }\n")
    [changed] = diff(before, after).tasks
    [change] = changed.changes
    assert (change.kind, change.before, change.after) == (ChangeKind.LEAD, "甲、乙", "甲、乙（分别牵头）")
    assert diff(after, after).empty


@pytest.mark.parametrize("text", ["单位 甲、乙\n任务 (一) 事 { 分别牵头: 甲、乙 }\n",
                                  "unit A, B\ntask (1) X { lead-each: A, B }\n"])
def test_editors_read_the_word_from_the_keywords(text):
    from pygments.token import Name

    from qlmatrix.highlight import QlmLexer
    from qlmatrix.lsp import completion

    unit = text.splitlines()[1].split(": ")[1].split("、" if "、" in text else ",")[1].strip(" }")
    assert (Name.Class, unit) in [(kind, value) for kind, value in QlmLexer().get_tokens(text)]
    line = text.splitlines()[1].split(unit)[0]
    assert completion.context(line, len(line)) == "unit"


def test_hover_on_a_task_marks_its_separate_leads(tmp_path):
    from qlmatrix.lsp import hover
    from qlmatrix.lsp.analysis import Documents, real

    text = "单位 甲、乙\n任务 (一) 事 { 分别牵头: 甲、乙 }\n"
    documents = Documents(str(tmp_path))
    path = real(str(tmp_path / "plan.qlm"))
    documents.set(path, text)
    analysis = documents.analyse(path)
    chinese = hover.hover(analysis, path, 2, 2, text, "zh")
    english = hover.hover(analysis, path, 2, 2, text, "en")
    assert chinese is not None and "- 牵头：甲、乙（分别牵头）" in chinese.splitlines()
    assert english is not None and "- lead: 甲、乙 (each leads its part)" in english.splitlines()


# --- the importer: 分别负责 and its relatives are 分别牵头 --------------------------------------------------

IMPORT_DATA = ROOT / "tests" / "data" / "import"


def test_an_imported_document_with_separate_leads_checks_clean():
    from qlmatrix.importer import import_file

    result = import_file(IMPORT_DATA / "each-leads.txt")
    assert not result.problems
    found = {task.id: task for task in qlmatrix.resolve(result.plan).tasks}
    assert (found["一(一)"].leads, found["一(一)"].leads_separately) == (("市甲务局", "市乙务局"), True)
    assert (found["一(二)"].lead, found["一(二)"].leads_separately) == ("市丙数局", False)
    # A heading's 分别负责 is its part's: the items inherit it.
    assert found["二(二)"].leads == ("市戊源局", "市己能办") and found["二(二)"].leads_separately
    assert found["二(二)"].origin(Role.LEAD).title == "强化要素保障"
    # Traditional characters, and 分别牵头落实 after a label.
    assert found["三(一)"].leads_separately and found["三(二)"].leads == ("市壬知局", "市癸调中心")
    assert "分别牵头: 市甲务局、市乙务局" in result.text
    assert run_checks(qlmatrix.loads(result.text)) == []


@pytest.mark.parametrize(("note", "separately"), [
    ("（甲局、乙局分别负责）", True),
    ("（甲局、乙局分别牵头）", True),
    ("（甲局、乙局分别牵头负责）", True),
    ("（甲局分别负责）", False),  # 分别 of one unit: a plain lead
    ("（甲局、乙局负责）", False),  # the first listed leads, the other supports
])
def test_import_of_each_notes(note, separately):
    from qlmatrix.importer import import_text

    result = import_text(f"一、总则\n（一）做好某项工作。{note}\n")
    [task] = qlmatrix.resolve(result.plan).tasks
    assert task.leads_separately is separately
    assert ("分别牵头:" in result.text) is separately
    assert [d.code for d in run_checks(qlmatrix.loads(result.text)) if d.code == "E301"] == []


def test_a_plain_lead_beside_separate_leads_is_kept_and_reported():
    from qlmatrix.importer import import_text

    result = import_text("一、总则\n（一）做好某项工作。（甲局牵头，乙局、丙局分别负责）\n")
    [task] = qlmatrix.resolve(result.plan).tasks
    assert task.leads == ("甲局", "乙局", "丙局") and not task.leads_separately
    found = [d for d in run_checks(qlmatrix.loads(result.text)) if d.code == "E301"]
    assert [(d.args["name"], d.help) for d in found] == [("乙局", "mixed-each"), ("丙局", "mixed-each")]


@pytest.mark.parametrize(("text", "fixed"), [
    ("单位 甲、乙\n任务 (一) 事 { 牵头: 甲、乙 }\n", "单位 甲、乙\n任务 (一) 事 { 分别牵头: 甲、乙 }\n"),
    ("unit A, B\ntask (1) X {\n  lead: A, B\n}\n", "unit A, B\ntask (1) X {\n  lead-each: A, B\n}\n"),
    ("单位 甲、乙\n任务 (一) 事 (牵头单位:甲、乙)\n", None),  # an annotation's label has no such form
    ("单位 甲、乙\n任务 (一) 事 (责任单位:甲) { 牵头: 乙 }\n", None),  # leads from two places: no one key to rewrite
])
def test_quick_fix_writes_several_leads_as_separate(tmp_path, text, fixed):
    from lsprotocol import types

    from qlmatrix.lsp import actions
    from qlmatrix.lsp.analysis import Documents, real
    from qlmatrix.lsp.positions import Lines, apply_edits

    documents = Documents(str(tmp_path))
    path = real(str(tmp_path / "plan.qlm"))
    documents.set(path, text)
    analysis = documents.analyse(path)
    findings = [d for d in analysis.diagnostics[path] if d.code == "E301"]
    assert findings
    found = actions.fixes(analysis, findings[0])
    if fixed is None:
        assert found == []
        return
    [fix] = found
    lines = Lines(text)
    edit = fix.edit
    change = types.TextEdit(range=types.Range(start=lines.position(edit.line, edit.column),
                                              end=lines.position(edit.end_line, edit.end_column)), new_text=edit.text)
    after = apply_edits(text, [change])
    assert after == fixed
    assert [d.code for d in run_checks(qlmatrix.loads(after))] == []

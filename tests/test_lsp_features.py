"""The language server's parts without the protocol: positions, the analysis seam, quick fixes, completion,
hover and rename, each on small plans written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

import qlmatrix
from qlmatrix.diagnostics import Severity
from qlmatrix.lsp import actions, completion, hover, navigation
from qlmatrix.lsp.analysis import Documents, real
from qlmatrix.lsp.diagnostics import to_lsp
from qlmatrix.lsp.positions import UTF8, UTF16, UTF32, Lines, apply_edits

# --- positions -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "character"), [(UTF16, 5), (UTF8, 11), (UTF32, 4)])
def test_a_column_after_a_character_outside_the_bmp(encoding, character):
    lines = Lines("单位 𠀾甲\n", encoding)  # 𠀾: CJK Extension B, two UTF-16 units, four UTF-8 bytes
    position = lines.position(1, 5)  # code-point column 5: 甲
    assert position == types.Position(line=0, character=character)
    assert lines.column(position) == 4
    assert lines.offset(position) == 4


def test_a_position_inside_a_surrogate_pair_counts_as_after_the_character():
    lines = Lines("𝒜甲")
    assert lines.column(types.Position(line=0, character=1)) == 1


def test_apply_edits_applies_from_the_end():
    text = "𝒜甲乙\n丙\n"
    edits = [types.TextEdit(range=types.Range(start=types.Position(line=0, character=2),
                                              end=types.Position(line=0, character=3)), new_text="X"),
             types.TextEdit(range=types.Range(start=types.Position(line=1, character=0),
                                              end=types.Position(line=1, character=1)), new_text="YY")]
    assert apply_edits(text, edits) == "𝒜X乙\nYY\n"


# --- the analysis seam ---------------------------------------------------------------------------------

MASTER = '单位 纪监委、党群部\n引入 "carrier.qlm"\n'
CARRIER = "任务 (一)加强作风建设 (责任单位:党群部)\n"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    (tmp_path / "master.qlm").write_text(MASTER, encoding="utf-8")
    (tmp_path / "carrier.qlm").write_text(CARRIER, encoding="utf-8")
    return tmp_path


def test_an_included_file_belongs_to_the_plan_that_includes_it(plans):
    documents = Documents(str(plans))
    carrier = str(plans / "carrier.qlm")
    assert documents.root_of(carrier) == real(str(plans / "master.qlm"))
    analysis = documents.analyse(carrier)
    assert [d.code for d in analysis.diagnostics[real(carrier)]] == []  # 党群部 is declared by the master


def test_an_open_included_file_is_read_from_the_editor_not_the_disk(plans):
    documents = Documents(str(plans))
    carrier = real(str(plans / "carrier.qlm"))
    documents.set(carrier, CARRIER.replace("党群部", "宣传部"))
    analysis = documents.analyse(carrier)
    assert [(d.code, d.args["name"]) for d in analysis.diagnostics[carrier]] == [("E101", "宣传部")]
    assert analysis.sources[carrier] == CARRIER.replace("党群部", "宣传部")
    documents.close(carrier)
    assert documents.analyse(carrier).diagnostics[carrier] == []


def test_includes_are_confined_to_the_workspace(tmp_path):
    inside = tmp_path / "workspace"
    inside.mkdir()
    (tmp_path / "secret.qlm").write_text("单位 甲\n", encoding="utf-8")
    documents = Documents(str(inside))
    plan = real(str(inside / "plan.qlm"))
    documents.set(plan, '引入 "../secret.qlm"\n')
    assert [d.code for d in documents.analyse(plan).diagnostics[plan]] == ["E017"]
    assert documents.text(str(tmp_path / "secret.qlm")) is None


def test_severities_come_from_the_plans_settings(tmp_path):
    (tmp_path / "qlmatrix.toml").write_text('[severity]\nW201 = "error"\n', encoding="utf-8")
    documents = Documents(str(tmp_path))
    plan = real(str(tmp_path / "plan.qlm"))
    documents.set(plan, "任务 (一)加大宣传力度\n")
    (finding,) = documents.analyse(plan).diagnostics[plan]
    assert (finding.code, finding.severity) == ("W201", Severity.ERROR)
    converted = to_lsp(finding, Lines("任务 (一)加大宣传力度\n"), {}, {}, "en")
    assert converted.severity == types.DiagnosticSeverity.Error


def test_while_the_text_does_not_parse_features_use_the_last_plan_that_did(plans):
    documents = Documents(str(plans))
    master = real(str(plans / "master.qlm"))
    documents.set(master, MASTER)
    assert documents.usable(master).plan is not None
    documents.set(master, MASTER + "任务 {\n")
    assert documents.analyse(master).plan is None
    assert documents.usable(master).plan is not None


def test_a_label_becomes_related_information_at_its_place(tmp_path):
    documents = Documents(str(tmp_path))
    plan = real(str(tmp_path / "plan.qlm"))
    text = "单位 甲、乙\n任务 (一)𝒜a (责任单位:甲) { 牵头: 乙 }\n"
    documents.set(plan, text)
    (finding,) = [d for d in documents.analyse(plan).diagnostics[plan] if d.code == "E301"]
    lines = Lines(text)
    converted = to_lsp(finding, lines, {plan: lines}, {plan: "file:///plan.qlm"}, "zh")
    (related,) = converted.related_information or []
    assert related.message == "第一个牵头单位在此"
    assert related.location.range.start == types.Position(line=1, character=len("任务 (一)𝒜a (责任单位:") + 1)


# --- quick fixes: each edit applied, then checked again --------------------------------------------------


def analysed(tmp_path: Path, text: str, name: str = "plan.qlm"):
    documents = Documents(str(tmp_path))
    path = real(str(tmp_path / name))
    documents.set(path, text)
    return documents.analyse(path), path


def fixed(tmp_path: Path, text: str, code: str, title: str) -> tuple[str, list[str]]:
    """The text after applying the fix titled `title` of the first `code` finding, and the codes found then."""
    analysis, path = analysed(tmp_path, text)
    finding = next(d for d in analysis.diagnostics[path] if d.code == code)
    fixes = {fix.title.zh: fix for fix in actions.fixes(analysis, finding)}
    edit = fixes[title].edit
    lines = Lines(text)
    result = apply_edits(text, [types.TextEdit(range=types.Range(start=lines.position(edit.line, edit.column),
                                                                 end=lines.position(edit.end_line, edit.end_column)),
                                               new_text=edit.text)])
    return result, [d.code for d in qlmatrix.check(qlmatrix.loads(result, path))]


def test_fix_did_you_mean(tmp_path):
    text = "单位 纪监委\n任务 (一)甲 (责任单位:纪检委)\n"
    result, found = fixed(tmp_path, text, "E101", "改为`纪监委`")
    assert result == text.replace("纪检委", "纪监委") and "E101" not in found


def test_fix_declare_an_undeclared_unit_before_the_first_declaration(tmp_path):
    text = "# 单位\n单位 纪监委\n任务 (一)甲 (责任单位:宣传部、纪监委)\n"
    result, found = fixed(tmp_path, text, "E101", "声明单位`宣传部`")
    assert result == "# 单位\n单位 宣传部\n单位 纪监委\n任务 (一)甲 (责任单位:宣传部、纪监委)\n"
    assert "E101" not in found


def test_fix_declare_in_english_keywords_in_a_plan_without_units(tmp_path):
    text = "task (1) A (responsible: Office)\n"
    result, found = fixed(tmp_path, text, "E101", "声明单位`Office`")
    assert result == "unit Office\n" + text and "E101" not in found


@pytest.mark.parametrize(("task", "after"), [
    ("  任务 (二)b { 配合: 乙 }", "  任务 (二)b { 牵头: 甲; 配合: 乙 }"),
    ("  任务 (二)b { 配合: 乙 }  # 注释", "  任务 (二)b { 牵头: 甲; 配合: 乙 }  # 注释"),
    ("  任务 (二)b {\n    配合: 乙\n  }", "  任务 (二)b {\n    牵头: 甲\n    配合: 乙\n  }"),
])
def test_fix_add_the_missing_lead_from_the_tasks_neighbours(tmp_path, task, after):
    text = f"单位 甲、乙、丙\n章 一、X {{\n  任务 (一)a (责任单位:甲)\n{task}\n}}\n"
    result, found = fixed(tmp_path, text, "W202", "添加`牵头: 甲`")
    assert result == text.replace(task, after)
    assert "W202" not in found and not [code for code in found if code.startswith("E")]


def test_fix_add_oversight_by_a_unit_that_oversees_elsewhere(tmp_path):
    text = ("单位 纪监委、党群部、综合办\n章 一、X {\n  监督: 纪监委\n  任务 (一)a (责任单位:党群部)\n}\n"
            "章 二、Y {\n  任务 (一)b (责任单位:综合办)  # 无人监督\n}\n")
    result, found = fixed(tmp_path, text, "W210", "添加`监督: 纪监委`")
    assert "  任务 (一)b (责任单位:综合办) { 监督: 纪监委 }  # 无人监督\n" in result
    assert "W210" not in found and not [code for code in found if code.startswith("E")]


def test_no_oversight_is_proposed_for_a_unit_that_leads_the_task(tmp_path):
    text = "单位 纪监委、党群部\n章 一、X {\n  监督: 纪监委\n  任务 (一)a (责任单位:党群部)\n}\n章 二、Y {\n  任务 (一)b (责任单位:纪监委)\n}\n"
    analysis, path = analysed(tmp_path, text)
    finding = next(d for d in analysis.diagnostics[path] if d.code == "W210")
    assert actions.fixes(analysis, finding) == []  # 纪监委 would oversee itself (E303)


# --- completion, hover, rename ---------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("  牵头: 纪", "unit"),
    ("  配合：党群部、纪", "unit"),
    ("任务 (一)甲 （责任单位：纪", "unit"),
    ("汇报 纪", "unit"),
    ("汇报 纪监委 -> 领", "unit"),
    ("  任", "keyword"),
    ("单位 甲 { 全", "keyword"),
    ("任务 (一)加强纪", None),
    ("  频次: 每", None),
])
def test_what_completion_offers_where(line, expected):
    assert completion.context(line, len(line)) == expected


def test_a_unit_name_is_one_word():
    line = "  配合：党群部、纪委监"
    assert completion.word_start(line, len(line)) == len("  配合：党群部、")


def test_pinyin_initials():
    assert completion.initials("纪监委") == "jjw"


def test_hover_on_a_vague_cadence_says_it_is_vague(tmp_path):
    text = "单位 甲\n任务 (一)a (责任单位:甲) { 频次: 定期 }\n"
    analysis, path = analysed(tmp_path, text)
    found = hover.hover(analysis, path, 2, text.splitlines()[1].index("定期") + 1, text, "en")
    assert found is not None and "vague: names no date" in found and "`(一)`" in found


def test_hover_on_a_unit_in_english(tmp_path):
    text = "单位 纪监委 { 全称: 高新区纪监委; 别名: 纪委监委; 类型: 纪检监察 }\n任务 (一)a { 监督: 纪委监委 }\n"
    analysis, path = analysed(tmp_path, text)
    found = hover.hover(analysis, path, 2, text.splitlines()[1].index("纪委监委") + 2, text, "en")
    assert found is not None
    assert found.splitlines()[0] == "**纪监委** (unit)"
    assert "- full name: 高新区纪监委" in found and "- aliases: 纪委监委" in found and "- kind: discipline" in found
    assert "- oversee: 1 task (`(一)`)" in found


def test_rename_an_alias_rewrites_that_alias_only(tmp_path):
    text = "单位 纪监委 { 别名: 纪委监委 }\n任务 (一)a (责任单位:纪监委) { 监督: 纪委监委 }\n"
    analysis, path = analysed(tmp_path, text)
    found = navigation.rename(analysis, path, 1, text.index("纪委监委") + 2, "区纪委监委")
    assert sorted((o.span.line, o.span.column) for o in found) == [(1, 14), (2, text.splitlines()[1].index("纪委监委") + 1)]


@pytest.mark.parametrize("name", ["甲;乙", "甲{", "甲#", "", " 甲", "甲(乙"])
def test_rename_refuses_a_name_that_cannot_be_written_in_a_list(tmp_path, name):
    analysis, path = analysed(tmp_path, "单位 纪监委\n任务 (一)a (责任单位:纪监委)\n")
    with pytest.raises(navigation.RenameRefused):
        navigation.rename(analysis, path, 1, 4, name)


@pytest.mark.parametrize("new_name", ["各区、县级市", "甲 乙", "市“两新”组织党工委"])
def test_rename_to_a_name_holding_a_separator_quotes_it_wherever_it_goes(tmp_path, new_name):
    """Every place the name stands (declaration, annotation, a list opening with it, a report) reads
    back as the one renamed unit: the plan means what it meant, with the new name."""
    text = ("单位 纪监委、党群部\n任务 (一)a (责任单位:纪监委、党群部)\n"
            "任务 (二)b { 牵头: 纪监委; 配合: 党群部 }\n汇报 纪监委 -> 党群部\n")
    analysis, path = analysed(tmp_path, text)
    found = navigation.rename(analysis, path, 1, 4, new_name)
    lines = Lines(text, UTF32)
    edits = [types.TextEdit(range=lines.range(o.span), new_text=navigation.spelling(o, new_name)) for o in found]
    renamed = apply_edits(text, edits)
    before, after = qlmatrix.loads(text), qlmatrix.loads(renamed)
    assert qlmatrix.dumps(after) == qlmatrix.dumps(before).replace("纪监委", qlmatrix.writer.name(new_name))
    assert [d.code for d in qlmatrix.check(after)] == [d.code for d in qlmatrix.check(before)]


def test_without_the_lsp_extra_qlm_lsp_says_what_to_install():
    import subprocess
    import sys

    script = "import sys; sys.modules['pygls'] = None; from qlmatrix.cli import main; sys.exit(main(['lsp']))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={"LANG": "C.UTF-8"})
    assert done.returncode == 2
    assert done.stderr.strip() == "qlm lsp needs pygls: install qlmatrix[lsp]"


def test_the_outline_of_an_included_file_is_its_own(plans):
    documents = Documents(str(plans))
    carrier = real(str(plans / "carrier.qlm"))
    analysis = documents.analyse(carrier)
    assert analysis.plan is not None
    outline = navigation.document_symbols(analysis.plan, analysis.root, carrier)
    assert [(symbol.kind, symbol.name) for symbol in outline] == [("task", "(一) 加强作风建设")]
    master = navigation.document_symbols(analysis.plan, analysis.root, analysis.root)
    assert [(symbol.kind, symbol.name) for symbol in master] == [("unit", "纪监委"), ("unit", "党群部"),
                                                                  ("include", "carrier.qlm")]


def test_a_settings_file_that_cannot_be_used_is_kept_as_a_problem_and_the_defaults_apply(tmp_path):
    (tmp_path / "qlmatrix.toml").write_text('selekt = ["E"]\n', encoding="utf-8")
    documents = Documents(str(tmp_path))
    plan = real(str(tmp_path / "plan.qlm"))
    documents.set(plan, "任务 (一)加大宣传力度\n")
    assert [d.code for d in documents.analyse(plan).diagnostics[plan]] == ["W201"]
    problem = documents.config_problems[real(str(tmp_path))]
    assert "selekt" in problem.in_language("en") and "select" in problem.in_language("zh")

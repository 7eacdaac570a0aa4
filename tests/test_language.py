"""One test (or a few) per construct of the .qlm language."""

from __future__ import annotations

import pytest

import qlmatrix
from qlmatrix import Period, Role, SectionKind, UnitKind
from qlmatrix.parser import read_text


def load(text: str) -> qlmatrix.Plan:
    return qlmatrix.loads(text, "t.qlm")


def roles(task) -> list[tuple[str, str]]:
    return [(a.role.value, a.unit.name) for a in task.assignments]


def errors(text: str) -> list[str]:
    return [d.code for d in read_text(text, "t.qlm").diagnostics if d.is_error]


# Plan header


def test_plan_header_with_basis_and_issuer():
    plan = load("计划 清廉高新区建设实施意见 {\n  依据: 咸发〔2021〕12号\n  发文: 高新区党工委\n}\n")
    assert (plan.title, plan.basis, plan.issuer) == ("清廉高新区建设实施意见", "咸发〔2021〕12号", "高新区党工委")
    assert plan.span.line == 1


def test_plan_header_in_english_on_one_line():
    plan = load("plan Clean Zone { basis: X〔2021〕1号; issuer: Committee }")
    assert (plan.title, plan.basis, plan.issuer) == ("Clean Zone", "X〔2021〕1号", "Committee")


def test_two_plan_headers_are_an_error():
    assert errors("计划 A\n计划 B\n") == ["E012"]


# Units and collectives


def test_unit_with_every_property():
    plan = load("单位 党工委\n单位 纪监委 { 全称: 高新区纪监委; 别名: 纪委、纪委监委; 上级: 党工委; 层级: 区; 类型: 纪检监察 }")
    unit = plan.units[1]
    assert unit.name == "纪监委"
    assert unit.full_name == "高新区纪监委"
    assert unit.aliases == ("纪委", "纪委监委")
    assert unit.parent.name == "党工委"
    assert unit.parent.span.line == 2 and unit.parent.span.column == 39
    assert unit.level == "区"
    assert unit.kind is UnitKind.DISCIPLINE
    assert unit.names == ("纪监委", "高新区纪监委", "纪委", "纪委监委")


def test_several_units_share_one_block():
    plan = load("单位 党工委\n单位 综合办、党群部，政务局 { 上级: 党工委 }")
    assert [u.name for u in plan.units] == ["党工委", "综合办", "党群部", "政务局"]
    assert all(u.parent.name == "党工委" for u in plan.units[1:])
    assert [u.span.column for u in plan.units[1:]] == [4, 8, 12]


def test_unit_names_keep_their_parentheses():
    plan = load("单位 市委组织部(市委编办)\n集合 各县(市、区)政府(管委会)")
    assert [u.name for u in plan.units] == ["市委组织部(市委编办)", "各县(市、区)政府(管委会)"]


def test_collective_with_levels():
    plan = load("集合 各级党委 { 全称: 各级党委(党组); 层级: 市、县、乡、村 }")
    unit = plan.units[0]
    assert unit.collective and unit.full_name == "各级党委(党组)"
    assert unit.levels == ("市", "县", "乡", "村")


def test_english_unit_keywords():
    plan = load("unit Office { full: General Office; kind: office }\ncollective AllUnits")
    assert plan.units[0].kind is UnitKind.OFFICE and plan.units[1].collective


def test_unknown_unit_kind_is_reported_with_a_suggestion():
    result = read_text("单位 纪监委 { 类型: 纪检 }", "t.qlm")
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "E006" and diagnostic.help == "did-you-mean"
    assert diagnostic.help_args == {"suggestion": "纪检监察"}


# Sections and numbering


@pytest.mark.parametrize("written, number", [
    ("一、", "一"), ("二 ", "二"), ("(一)", "(一)"), ("（二）", "(二)"), ("1.", "1"), ("2、", "2"),
    ("(3)", "(3)"), ("（４）", "(4)"), ("①", "(1)"), ("㈡", "(二)"),
])
def test_section_numbers_in_every_document_form(written, number):
    plan = load(f"章 {written}标题 {{\n}}")
    assert plan.items[0].number == number
    assert plan.items[0].title == "标题"


def test_nested_sections_give_task_ids_from_their_numbers():
    plan = load("章 二、建设 {\n  章 (一) 政治 {\n    任务 1. 学习\n    任务 2. 研讨\n  }\n}")
    resolved = qlmatrix.resolve(plan)
    assert [t.id for t in resolved.tasks] == ["二(一)1", "二(一)2"]
    assert [s.id for s in resolved.sections] == ["二", "二(一)"]
    assert [t.id for t in plan.tasks()] == ["", ""]  # the model keeps what the file says: no 编号


def test_numbering_restarting_in_each_section_stays_unique():
    plan = load("章 一、A {\n 任务 (一) x\n}\n章 二、B {\n 任务 (一) y\n}")
    assert [t.id for t in qlmatrix.resolve(plan).tasks] == ["一(一)", "二(一)"]


def test_unnumbered_tasks_are_counted_within_their_section():
    plan = load("章 二、A {\n 任务 甲\n 任务 乙\n}\n任务 丙")
    assert [t.id for t in qlmatrix.resolve(plan).tasks] == ["二#1", "二#2", "#1"]


def test_explicit_id_wins():
    plan = load("章 一、A {\n 任务 甲 { 编号: T-7 }\n 任务 乙\n}")
    assert plan.items[0].items[0].id == "T-7"
    assert [t.id for t in qlmatrix.resolve(plan).tasks] == ["T-7", "一#1"]  # a labelled task takes no #N


def test_carrier_with_roles_and_closed_loop():
    plan = load("单位 机关工委、派驻机构\n载体 清廉机关 {\n  牵头: 机关工委\n  配合: 派驻机构\n  闭环: 目标、举措、考核、反馈\n  任务 制定推进方案\n}")
    carrier = plan.items[0]
    assert carrier.kind is SectionKind.CARRIER
    assert [r.name for r in carrier.units_in(Role.LEAD)] == ["机关工委"]
    assert [stage.value for stage in carrier.loop] == ["goal", "measure", "assessment", "feedback"]
    resolved = qlmatrix.resolve(plan)
    assert resolved.sections[0].id == "清廉机关"
    (task,) = resolved.tasks
    assert (task.id, task.lead, task.support) == ("清廉机关#1", "机关工委", ("派驻机构",))


# Tasks and the document's annotation


def test_annotation_first_listed_unit_leads():
    task = load("任务 (一) 全面强化政治建设 (责任单位:综合办、纪监委)").items[0]
    assert roles(task) == [("lead", "综合办"), ("support", "纪监委")]
    assert task.title == "全面强化政治建设"
    assert task.assignments[1].span.column == 27


def test_annotation_with_explicit_lead_mark():
    task = load("任务 甲 (责任单位:纪监委、党群部(牵头))").items[0]
    assert roles(task) == [("lead", "党群部"), ("support", "纪监委")]


def test_annotation_with_lead_and_support_groups():
    task = load("任务 甲 (牵头单位:X;配合单位:Y、Z)").items[0]
    assert roles(task) == [("lead", "X"), ("support", "Y"), ("support", "Z")]


def test_annotation_full_width_with_comma_between_groups():
    task = load("任务 甲 （牵头单位：X，配合单位：Y、Z）").items[0]
    assert roles(task) == [("lead", "X"), ("support", "Y"), ("support", "Z")]


@pytest.mark.parametrize("brackets", ["[]", "【】", "〔〕"])
def test_annotation_in_square_and_hexagonal_brackets(brackets):
    task = load(f"任务 甲 {brackets[0]}责任单位:A、B{brackets[1]}").items[0]
    assert roles(task) == [("lead", "A"), ("support", "B")]


def test_annotation_names_with_parentheses():
    task = load("任务 甲 (责任单位:市委组织部(市委编办)、各县(市、区)政府)").items[0]
    assert roles(task) == [("lead", "市委组织部(市委编办)"), ("support", "各县(市、区)政府")]


def test_a_pasted_document_line_is_a_task():
    line = "(一)全面强化政治建设。把党的政治建设作为党的根本性建设，坚决纠正自行其是。(责任单位:综合办、纪监委)"
    task = load(line).items[0]
    assert task.number == "(一)" and task.title == "全面强化政治建设"
    assert task.body == "把党的政治建设作为党的根本性建设，坚决纠正自行其是。"
    assert roles(task) == [("lead", "综合办"), ("support", "纪监委")]


def test_parentheses_that_are_not_annotations_stay_in_the_title():
    task = load("任务 严格执行《党委(党组)落实全面从严治党主体责任规定》").items[0]
    assert task.title == "严格执行《党委(党组)落实全面从严治党主体责任规定》" and task.assignments == ()


def test_roles_one_per_line():
    task = load("任务 (三) 严格督查问责 {\n  牵头: 纪监委\n  配合: 党群部、综合办\n  会同: 财政局\n  报送: 党工委\n  监督: 巡察办\n}").items[0]
    assert roles(task) == [("lead", "纪监委"), ("support", "党群部"), ("support", "综合办"),
                           ("consult", "财政局"), ("inform", "党工委"), ("oversee", "巡察办")]


def test_english_role_properties():
    task = load("task Audit funds {\n  lead: Finance\n  support: Inspection\n  oversee: Committee\n}").items[0]
    assert roles(task) == [("lead", "Finance"), ("support", "Inspection"), ("oversee", "Committee")]


def test_cadence_due_deliverable_and_body():
    task = load('任务 专题研究 { 频次: 每半年至少一次; 时限: 每年12月31日前; 成果: 研判报告; 正文: "分析；研判" }').items[0]
    assert task.cadence.period is Period.HALF_YEAR and task.cadence.min_count == 1
    assert task.due.due == "12-31"
    assert task.deliverable == "研判报告" and task.body == "分析；研判"


@pytest.mark.parametrize("text, period, due, vague", [
    ("每年", Period.YEAR, None, False),
    ("每季度", Period.QUARTER, None, False),
    ("每月", Period.MONTH, None, False),
    ("每年底", Period.YEAR, "year-end", False),
    ("2022年6月底前", None, "2022-06-end", False),
    ("每季度最后一个月的30日前", Period.QUARTER, "day-30", False),
    ("到“十四五”末", None, "十四五-end", False),
    ("定期", None, None, True),
    ("常态化", None, None, True),
    ("长期坚持", None, None, True),
])
def test_cadence_structure(text, period, due, vague):
    cadence = qlmatrix.Cadence.parse(text)
    assert (cadence.period, cadence.due, cadence.vague) == (period, due, vague)


# Reports and includes


def test_report_with_every_property():
    plan = load("汇报 各级党委 -> 上一级党委 { 内容: 清廉建设推进情况; 频次: 每年; 时限: 年底; 形式: 书面 }")
    report = plan.items[0]
    assert (report.source.name, report.target.name) == ("各级党委", "上一级党委")
    assert report.content == "清廉建设推进情况" and report.form == "书面"
    assert report.cadence.period is Period.YEAR and report.due.due == "year-end"


def test_report_arrow_forms_and_missing_recipient():
    plan = load("汇报 A→B\nreport C")
    assert plan.items[0].target.name == "B"
    assert plan.items[1].target is None


def test_include_reads_the_other_file(tmp_path):
    (tmp_path / "carriers").mkdir()
    (tmp_path / "carriers" / "机关.qlm").write_text("载体 清廉机关 {\n  任务 甲 (责任单位:工委)\n}\n", encoding="utf-8")
    (tmp_path / "main.qlm").write_text('单位 工委\n引入 "carriers/机关.qlm"\n', encoding="utf-8")
    plan = qlmatrix.load(tmp_path / "main.qlm")
    assert [t.title for t in plan.tasks()] == ["甲"]
    assert plan.items[0].plan.items[0].span.file.endswith("机关.qlm")


def test_missing_include_is_reported(tmp_path):
    (tmp_path / "main.qlm").write_text('引入 "nope.qlm"\n', encoding="utf-8")
    with pytest.raises(qlmatrix.QlmError) as caught:
        qlmatrix.load(tmp_path / "main.qlm")
    assert caught.value.diagnostics[0].code == "E007"


def test_include_cycle_is_reported(tmp_path):
    (tmp_path / "a.qlm").write_text('引入 "b.qlm"\n', encoding="utf-8")
    (tmp_path / "b.qlm").write_text('引入 "a.qlm"\n', encoding="utf-8")
    with pytest.raises(qlmatrix.QlmError) as caught:
        qlmatrix.load(tmp_path / "a.qlm")
    assert caught.value.diagnostics[0].code == "E008"


# Lexical matters


def test_comments_blank_lines_and_semicolons():
    plan = load("# 标题注释\n\n单位 A  # 行尾注释\n＃ 全角注释\n单位 B; 单位 C\n")
    assert [u.name for u in plan.units] == ["A", "B", "C"]


def test_full_width_punctuation_everywhere():
    plan = load("单位 甲，乙 ｛ 上级：丙 ｝\n单位 丙\n任务 （一） 事项 （责任单位：甲、乙）")
    assert [u.parent.name for u in plan.units[:2]] == ["丙", "丙"]
    assert roles(plan.items[0]) == [("lead", "甲"), ("support", "乙")]


def test_crlf_and_bom(tmp_path):
    path = tmp_path / "p.qlm"
    path.write_bytes("\ufeff单位 A\r\n任务 (一) 事项 (责任单位:A)\r\n".encode("utf-8"))
    plan = qlmatrix.load(path)
    assert plan.items[0].title == "事项" and plan.items[0].span.line == 2


def test_non_utf8_file_gets_a_diagnostic_not_a_traceback(tmp_path):
    path = tmp_path / "gbk.qlm"
    path.write_bytes("单位 纪监委\n".encode("gbk"))
    with pytest.raises(qlmatrix.QlmError) as caught:
        qlmatrix.load(path)
    assert caught.value.diagnostics[0].code == "E009"


def test_positions_are_kept_out_of_equality():
    assert load("单位 A\n任务 x (责任单位:A)") == load("\n\n单位   A\n\n任务   x   (责任单位：A)")


# Properties


def test_unknown_property_suggests_the_right_one():
    result = read_text("任务 甲 { 牵投: A }", "t.qlm")
    (diagnostic,) = result.diagnostics
    assert (diagnostic.code, diagnostic.help_args) == ("E003", {"suggestion": "牵头"})
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 8)


def test_property_of_another_statement_is_rejected():
    assert errors("单位 A { 频次: 每年 }") == ["E003"]


def test_duplicate_property_points_at_the_first():
    result = read_text("单位 A { 全称: x; 全称: y }", "t.qlm")
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "E004" and diagnostic.labels[0].span.column == 8


def test_a_role_given_twice_is_told_to_list_its_units_in_one_entry():
    """`配合: 甲` then `配合: 乙` is two units meant, not one to drop: "keep one of them" lost a unit."""
    from qlmatrix.diagnostics.messages import render_help

    (diagnostic,) = read_text("单位 甲、乙、丙\n任务 (一) x {\n  牵头: 甲\n  配合: 乙\n  配合: 丙\n}\n", "t.qlm").diagnostics
    assert diagnostic.code == "E004" and (diagnostic.span.line, diagnostic.labels[0].span.line) == (5, 4)
    assert render_help(diagnostic, "zh") == "请只保留一处`配合:`，把各单位列在其中，如`配合: 甲、乙`"
    assert render_help(diagnostic, "en") == "keep one `配合:` and list every unit in it, e.g. `配合: 甲、乙`"
    (other,) = read_text("单位 A { 全称: x; 全称: y }", "t.qlm").diagnostics
    assert render_help(other, "en") == "keep one of them"


def test_empty_value_is_reported():
    assert errors("单位 A { 全称: }") == ["E010"]


def test_a_task_cannot_hold_tasks():
    result = read_text("章 一、测试 {\n 任务 甲 {\n  任务 乙 { 牵头: A }\n }\n}", "t.qlm")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("E013", 3)]


def test_semicolon_in_an_unquoted_body_is_not_silently_lost():
    result = read_text("单位 A\n任务 甲 { 正文: 一;二 }", "t.qlm")
    assert any(d.is_error for d in result.diagnostics)
    assert qlmatrix.loads('任务 甲 { 正文: "一;二" }').items[0].body == "一;二"


def test_a_pasted_arabic_item_with_a_colon_is_a_task():
    plan = load("单位 A\n章 一、甲 {\n 1.工作要求:全面推进 (责任单位:A)\n}")
    task = qlmatrix.resolve(plan).tasks[0]
    assert (task.id, task.title, task.lead) == ("一1", "工作要求:全面推进", "A")


def test_include_inside_a_section(tmp_path):
    (tmp_path / "c.qlm").write_text("载体 清廉机关 {\n 任务 甲\n}\n", encoding="utf-8")
    (tmp_path / "m.qlm").write_text('章 二、“1+7”工作布局 {\n 引入 "c.qlm"\n}\n', encoding="utf-8")
    plan = qlmatrix.load(tmp_path / "m.qlm")
    assert [t.title for t in plan.tasks()] == ["甲"]


def test_a_title_may_start_with_a_quoted_phrase():
    plan = load('章 "1+7"工作布局 {\n}')
    assert plan.items[0].title == '"1+7"工作布局'


def test_party_group_kind():
    assert load("单位 市妇联党组 { 类型: 党组 }").units[0].kind is UnitKind.PARTY_GROUP


def test_an_included_file_that_is_not_utf8_is_placed_in_that_file(tmp_path):
    (tmp_path / "c.qlm").write_bytes("单位 纪监委\n".encode("gbk"))
    (tmp_path / "m.qlm").write_text('引入 "c.qlm"\n', encoding="utf-8")
    with pytest.raises(qlmatrix.QlmError) as caught:
        qlmatrix.load(tmp_path / "m.qlm")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "E009" and diagnostic.span.file.endswith("c.qlm") and diagnostic.span.line == 1


def test_grammar_and_keywords_agree_on_annotation_labels():
    """The grammar spells the labels out; keywords.ANNOTATION_LABELS is what the rest of the code uses."""
    import re

    from qlmatrix.keywords import ANNOTATION_LABELS
    from qlmatrix.parser.grammar import grammar_path

    grammar = grammar_path().read_text(encoding="utf-8")
    for terminal in ("ANNOTATION", "TEXT"):
        line = next(line for line in grammar.splitlines() if line.startswith(terminal + "."))
        for alternation in re.findall(r"\((责任单位[^)]*)\)", line):
            assert set(alternation.split("|")) == set(ANNOTATION_LABELS)


# What Chinese typists naturally write, and one typo, each said clearly at its own place


def _findings(text: str) -> list[tuple[str, int, int]]:
    result = read_text(text, "t.qlm")
    found = list(result.diagnostics)
    if result.plan is not None:
        found += qlmatrix.check(result.plan)
    return [(d.code, d.span.line, d.span.column) for d in found]


def test_a_comma_between_properties_is_reported_at_the_comma_and_read_as_meant():
    text = "单位 市财政局、市教育局\n任务 (四) 强化监督 {牵头：市财政局，配合：市教育局}\n"
    assert _findings(text) == [("E014", 2, 21)]  # no false E101 / E301 for `配合：市教育局`
    task = read_text(text, "t.qlm").plan.items[0]
    assert [(a.role, a.unit.name) for a in task.assignments] == [(Role.LEAD, "市财政局"), (Role.SUPPORT, "市教育局")]


def test_an_annotation_without_its_colon_is_reported_and_read_as_meant():
    text = "单位 A局\n任务 (一) 甲 (责任单位 A局)\n"
    assert _findings(text) == [("E015", 2, 15)]
    task = read_text(text, "t.qlm").plan.items[0]
    assert task.title == "甲" and [a.unit.name for a in task.assignments] == ["A局"]
    assert [a.unit.span.column for a in task.assignments] == [16]  # the name, where it is written


@pytest.mark.parametrize("line, keyword", [("任物 (一) 甲", "任务"), ("单未 A局", "单位"), ("tsak (1) x", "task")])
def test_a_mistyped_keyword_gets_did_you_mean(line, keyword):
    (diagnostic,) = read_text(line + "\n", "t.qlm").diagnostics
    assert diagnostic.code == "E001" and diagnostic.help_message.en == f"did you mean `{keyword}`?"


def test_every_independent_syntax_error_is_reported_at_its_own_place_in_line_order():
    text = ("单位 A局\n任物 (一) 甲 (责任单位:A局)\n任务 (二) 乙 (责任单位:A局)\n单未 B局\n"
            "章 一 {\n  任务 x { 牵头 A局 }\n  任务 y (责任单位:A局)\n}\n")
    result = read_text(text, "t.qlm")
    assert result.plan is None
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("E001", 2, 1), ("E001", 4, 1), ("E001", 6, 10)]
    assert [d.help_message.en for d in result.diagnostics][:2] == ["did you mean `任务`?", "did you mean `单位`?"]


def test_a_task_missing_its_brace_is_blamed_not_the_section_around_it():
    text = "单位 党工委\n章 四、保障 {\n  任务 (一) 领导 {\n    牵头: 党工委\n}\n"
    (diagnostic,) = read_text(text, "t.qlm").diagnostics
    assert diagnostic.code == "E002" and diagnostic.help_args == {"line": "3"}
    assert diagnostic.labels[0].span.line == 3


def test_recovery_is_bounded():
    from qlmatrix.parser.recovery import MAX_ERRORS

    text = "单位 A局\n" + "任物 甲\n" * (MAX_ERRORS + 30)
    assert len(read_text(text, "t.qlm").diagnostics) == MAX_ERRORS


@pytest.mark.parametrize("text", ["任务\r\n", "task\r\n", "计划\r\n任务\r\n", "计划 方案\r\n1.任务一\r\n任务\r\n"])
def test_a_bare_keyword_at_the_end_of_a_crlf_line_parses_as_at_the_end_of_an_lf_line(text):
    # A file saved on Windows ends its lines with CR LF: a keyword alone on such a line is still a keyword
    # (it was E001, found by the fmt property test).
    crlf, lf = read_text(text), read_text(text.replace("\r\n", "\n"))
    assert crlf.diagnostics == lf.diagnostics == ()
    assert [type(item) for item in crlf.plan.items] == [type(item) for item in lf.plan.items]

"""What the importer reads besides roles: the document's date, leaders, passages that are not tasks, cadences
that govern a task, several annotations in one item, reports of what it had to assume."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import qlmatrix
from qlmatrix.fmt import format_text
from qlmatrix.importer import import_file, import_text
from qlmatrix.render.views import build

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "import"
SEED = ROOT.parent / "shared" / "seeds" / "004_473ea45572e01628.txt"


def tasks(result) -> dict:
    return {t.id: t for t in qlmatrix.resolve(result.plan).tasks}


def test_the_signature_date_is_the_plan_date():
    assert import_file(DATA / "general.txt").plan.date == datetime.date(2032, 11, 20)
    # A notice whose date stands near the top, before the plan's own title, and nothing after the items.
    assert import_file(DATA / "pinyin.txt").plan.date == datetime.date(2031, 1, 8)
    assert import_file(DATA / "flat-cells.txt").plan.date is None


def test_different_dates_are_reported_not_guessed():
    result = import_text("某方案\n2031年1月8日印发\n一、任务\n（一）甲事项。（责任单位：甲局）\n某局\n2031年2月9日\n")
    assert result.plan.date is None
    [problem] = result.problems
    assert "2031-01-08" in problem.excerpt and "发文日期" in problem.reason.zh and "several dates" in problem.reason.en


def test_leaders_come_from_labels_annotations_and_headings():
    found = tasks(import_file(DATA / "labelled-leaders.txt"))
    assert found["一1"].leaders == ("周文",) and found["二3"].leaders == ("[姓名]",)
    assert "周文" not in qlmatrix.resolve(import_file(DATA / "labelled-leaders.txt").plan).unit_order()
    headed = tasks(import_file(DATA / "oneline.txt"))
    assert (headed["一1"].leaders, headed["二1"].leaders) == (("孙洋",), ("钱坤",))
    assert headed["一1"].leaders_origin is not None  # from the heading 孙洋区长牵头重点工作


def test_principles_and_goals_are_notes_and_raise_no_w201():
    result = import_file(DATA / "general.txt")
    assert [(n.number, n.title) for n in result.plan.notes()] == [("(一)", "指导思想"), ("(二)", "基本原则"),
                                                                   ("(三)", "主要目标")]
    assert not [d for d in qlmatrix.check(result.plan) if d.code in ("W201", "W208")]
    assert "说明 (一)指导思想" in result.text


def test_numbered_principles_under_a_principles_heading_are_notes_too():
    # `（二）基本原则` over `1.统筹规划…` `2.需求牵引…`: the principles are statements like their heading; an item under
    # it that names its unit is still a task, and a heading of duties keeps its unassigned items as tasks (W201)
    text = ("某市行动计划\n一、总体思路\n（一）指导思想\n以新发展理念为指导。\n（二）基本原则\n1.统筹规划，协调推进。加强规划引领。\n"
            "2.需求牵引，创新应用。面向重大需求。\n3.龙头带动。发挥龙头企业作用。（市甲委负责）\n二、主要任务\n"
            "1.开展技术攻关。聚焦共性技术。（牵头部门：市乙局）\n2.建设公共平台。建设检测平台。\n")
    result = import_text(text)
    assert [(n.number, n.title) for n in result.plan.notes()] == [("(一)", "指导思想"), ("1", "统筹规划，协调推进"),
                                                                   ("2", "需求牵引，创新应用")]
    found = tasks(result)
    assert found["一(二)3"].lead == "市甲委" and found["二1"].lead == "市乙局" and "二2" in found
    assert [d.code for d in qlmatrix.check(result.plan) if d.code == "W201"] == ["W201"]  # 二2 only


def test_cadence_words_in_the_body_do_not_become_the_cadence():
    found = tasks(import_file(DATA / "general.txt"))
    assert found["二(一)"].cadence is None  # 推动通信网络建设常态化: about the network, not the duty
    assert found["二(三)2"].due.text == "2033年6月底前"  # a sentence that states when


def test_long_term_in_a_due_cell_is_the_cadence_only():
    task = tasks(import_file(DATA / "labelled-leaders.txt"))["二4"]
    assert (task.cadence.text, task.due) == ("长期坚持", None)


def test_several_annotations_in_one_item_give_one_task_each():
    result = import_file(DATA / "state-council.txt")
    found = tasks(result)
    assert [found[f"二(四)-{i}"].lead for i in (1, 2, 3)] == ["教育部", "人力资源社会保障部", "财政部"]
    assert found["二(四)-1"].section.number == "(四)"
    table = build(result.plan, "tasks")
    titles = [row[1].text for group in table.groups for row in group.rows]
    assert "扩大护理专业招生规模" in titles and "完善护理人员职业技能等级认定" in titles


def test_numbers_follow_the_sequence():
    found = tasks(import_file(DATA / "state-council.txt"))
    assert found["三3"].title == "65周岁以上老年人健康管理项目"  # `3.65周岁…` after 2.
    assert set(found) >= {"一(二)", "一(三)"}  # `…负责）（三）…` on one line: two items
    text = "一、任务\n1.甲事项。（责任单位：甲局）\n3.5%以上的增长。\n"
    assert set(tasks(import_text(text))) == {"一1"}  # `3.5%` after 1. is text, not item 3
    result = import_text("一、任务\n1.甲事项。（责任单位：甲局）\n2.乙事项。（责任单位：乙局）\n3.65岁以上老人体检。（责任单位：丙局）\n")
    assert tasks(result)["一3"].title == "65岁以上老人体检"  # 3 follows 2: item 3, and the report says how it was read
    assert [p.line for p in result.problems] == [4] and "按编号顺序" in result.problems[0].reason.zh


def test_a_spanning_lead_cell_is_reported():
    result = import_file(DATA / "flat-pipes.txt")
    assert [p.line for p in result.problems] == [5]
    assert "跨行" in result.problems[0].reason.zh


def test_seed_004_principles_are_notes_and_its_body_cadence_is_gone():
    if not SEED.exists():
        return  # ../shared is beside the clone in CI (test_import.py insists on it there)
    result = import_file(SEED)
    assert [n.title for n in result.plan.notes()] == ["指导思想", "主要目标"]
    assert tasks(result)["二(二)"].cadence is None  # `…具体化、常态化` in its body
    assert not [d for d in qlmatrix.check(result.plan) if d.code == "W205" and d.span.line == 6]


def test_accuracy_script_measures_extra_folders(tmp_path, capsys):
    (tmp_path / "plan.txt").write_text("一、任务\n（一）甲事项。（牵头单位：团市委；配合单位：市侨联）\n", encoding="utf-8")
    (tmp_path / "plan.json").write_text(json.dumps({"document": "plan.txt", "tasks": {
        "一(一)": {"lead": ["团市委"], "support": ["市侨联"]}}}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "nogold.txt").write_text("一、任务\n", encoding="utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import import_accuracy
    finally:
        sys.path.pop(0)
    assert import_accuracy.main(["--extra", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "plan.txt" in captured.out and "exact 100.0%" in captured.out
    assert "nogold.txt" in captured.err and "nogold.txt" not in captured.out


def test_a_docx_due_cell_of_long_term_is_the_cadence_and_prints_once(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、任务分工")
    table = document.add_table(rows=2, cols=5)
    for row, cells in zip(table.rows, [("序号", "重点任务", "责任领导", "牵头单位", "完成时限"),
                                       ("1", "推进清廉文化进校园", "赵明", "区教育局", "长期坚持")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    result = import_file(path)
    task = tasks(result)["一1"]
    assert (task.cadence.text, task.due, task.leaders, task.lead) == ("长期坚持", None, ("赵明",), "区教育局")
    rows = [[cell.text for cell in row] for group in build(result.plan, "tasks").groups for row in group.rows]
    assert rows == [["1.", "推进清廉文化进校园", "赵明", "区教育局", "", "长期坚持"]]


def test_leader_labels_of_any_level_and_a_division_line_of_role_verbs():
    found = tasks(import_file(DATA / "division-lines.txt"))
    assert found["一1"].leaders == ("周立",)
    assert [str(u) for u in found["一2"].task.units_in(qlmatrix.Role.LEAD)] == ["市就业服务中心", "市人力社保局"]
    result = import_text("示例方案\n一、任务\n1.甲事项。\n包抓县领导：韩青\n部门分工：县商务局牵头，县财政局配合。\n")
    assert tasks(result)["一1"].leaders == ("韩青",) and not result.problems


def test_places_sharing_an_organ_word_are_read_and_reported():
    result = import_text("示例方案\n一、任务\n1.甲事项。（牵头单位：市城管委；配合单位：东城区、西城区政府）\n")
    task = tasks(result)["一1"].task
    assert {str(u) for u in task.units_in(qlmatrix.Role.SUPPORT)} == {"东城区政府", "西城区政府"}
    [problem] = result.problems
    assert problem.excerpt == "东城区→东城区政府" and "共用" in problem.reason.zh and "sharing" in problem.reason.en
    # A collective or a place of another level keeps its own name.
    result = import_text("示例方案\n一、任务\n1.甲事项。（牵头单位：市城管委；配合单位：各区、县级市政府）\n")
    assert not result.problems


def test_a_table_of_short_rows_is_read_by_what_its_cells_hold_and_reported():
    result = import_file(DATA / "flat-merged.txt")
    found = tasks(result)
    assert found["一(一)"].task.due.text == "2031年6月底前"
    assert any("单元格少于表头" in p.reason.zh and "shorter than its header" in p.reason.en for p in result.problems)


def test_headings_between_flattened_rows_keep_the_table():
    found = tasks(import_file(DATA / "flat-headings.txt"))
    assert set(found) == {"(一)1", "(一)2", "(二)3"} and found["(二)3"].leaders == ("林芳",)


def test_pdf_spacing_in_numbers_and_names_and_a_label_after_the_sentence():
    found = tasks(import_file(DATA / "pdf-spaced.txt"))
    assert set(found) == {"一1", "一2", "二(一)", "二(二)"}
    lead = [str(u) for u in found["一1"].task.units_in(qlmatrix.Role.LEAD)]
    assert lead == ["市水利局"] and "示范区管委会" in {str(u) for u in found["一1"].task.units_in(qlmatrix.Role.SUPPORT)}
    # `责任单位:X牵头,A、B配合`: the label's value names the roles; `成员单位及市自然资源局` is two units.
    assert {str(u) for u in found["二(二)"].task.units_in(qlmatrix.Role.SUPPORT)} == {"城市更新领导小组成员单位", "市自然资源局"}


def test_a_join_inside_a_name_is_kept():
    from qlmatrix.importer.units import split_units

    assert split_units("国家发展和改革委员会、省科学技术和教育厅") == ["国家发展和改革委员会", "省科学技术和教育厅"]
    assert split_units("市委宣传部和市文明办") == ["市委宣传部", "市文明办"]
    # a bracketed note after the sentence stays a note, its `；` never starts a label
    result = import_text("示例方案\n一、任务\n（一）甲事项。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,示范区]\n")
    task = tasks(result)["一(一)"].task
    assert [str(u) for u in task.units_in(qlmatrix.Role.LEAD)] == ["县发改局(粮食局)"] and task.body is None


def test_a_note_on_a_heading_is_the_parts_and_its_items_inherit_it():
    result = import_file(DATA / "section-notes.txt")
    resolved = qlmatrix.resolve(result.plan)
    found = {t.id: t for t in resolved.tasks}
    # `一、扩大商品消费(由市商贸委牵头实施)`: 由…牵头实施 is a role verb with what is done after it
    assert [(s.number, s.title) for s in result.plan.sections()][:2] == [("一", "扩大商品消费"), ("二", "提振服务消费")]
    assert found["一1"].lead == found["一2"].lead == "市商贸委" and found["一1"].origin(qlmatrix.Role.LEAD) is not None
    assert found["二(一)"].lead == "市文游局"
    assert (found["二(二)"].lead, found["二(二)"].units(qlmatrix.Role.SUPPORT)) == ("市体训中心", ("团市委",))
    assert "本部分的分工" in result.text and result.problems == ()


def test_an_annotated_item_holds_only_items_that_start_their_own_count():
    # `2.` after an annotated `（八）` does not start (八)'s items (they would count from 1.): two tasks
    text = "（八）甲事项。（责任单位：甲局、乙局）\n2.乙事项。（责任部门：丙局）\n"
    assert set(tasks(import_text(text))) == {"(八)", "2"}
    nested = tasks(import_text("一、甲部分（甲局牵头）\n1.甲事项。\n2.乙事项。（责任单位：乙局）\n"))
    assert (nested["一1"].lead, nested["一2"].lead) == ("甲局", "乙局")


def test_lead_rules_in_any_wording_are_read_not_kept_in_a_name():
    for rule in ("第一责任单位为牵头单位，下同", "列第一位的为工作牵头单位或汇总单位，下同", "排名第一的單位為牽頭單位，下同",
                 "首个单位为牵头单位，下同"):
        result = import_text(f"一、任务\n（一）甲事项。\n责任单位：甲局、乙局（{rule}）\n（二）乙事项。\n责任单位：丙局、丁局\n")
        found = tasks(result)
        assert (found["一(一)"].lead, found["一(一)"].units(qlmatrix.Role.SUPPORT)) == ("甲局", ("乙局",)), rule
        assert found["一(二)"].lead == "丙局" and rule in result.text.splitlines()[1], rule
        assert result.problems == (), rule


def test_due_labels_of_other_wordings():
    found = tasks(import_text("一、任务\n（一）甲事项。\n责任单位：甲局\n时限要求：2031年6月底前\n"
                              "（二）乙事项。\n责任单位：乙局\n时限要求：持续推进\n"))
    assert found["一(一)"].due.text == "2031年6月底前"
    assert (found["一(二)"].cadence.text, found["一(二)"].due) == ("持续推进", None)


def test_header_comments_use_full_width_punctuation():
    result = import_text("某方案\n一、任务\n（一）甲事项。（责任单位：见附件）\n（二）乙事项。甲局牵头，乙局配合。\n")
    header = [line for line in result.text.splitlines() if line.startswith("#")]
    assert header[0].startswith("# 由 qlm import 导入：") and "牵头规则：原文未说明，按惯例" in header[1]
    assert any(line.endswith("处，请对照原文补全：") for line in header)
    assert not [line for line in header if any(ch in line for ch in ",:;()")]
    assert "；分工据正文推断，请核对" in result.text


def test_an_assignment_sentence_is_read_as_a_note():
    found = tasks(import_file(DATA / "sentences.txt"))
    # `由市交运委、市城投集团，各县(市)、区人民政府负责落实。` at the end of the item, and on a line of its own
    assert (found["二(一)"].lead, found["二(一)"].units(qlmatrix.Role.SUPPORT)) == ("市交运委", ("市城投集团", "各县(市)、区人民政府"))
    assert found["二(二)"].lead == "市住建委" and "由市住建委" not in (found["二(二)"].body or "")
    assert "负责落实" not in found["二(一)"].title + (found["二(一)"].body or "")


def test_goal_headings_are_notes_and_a_rule_in_one_group_holds_for_the_next():
    result = import_file(DATA / "sentences.txt")
    assert [n.title for n in result.plan.notes()] == ["目标要求"]
    found = tasks(result)
    # `以下各项工作均需各县、区人民政府(管委会)落实，不再列出` in the first group: the second group and later items too
    assert "各县、区人民政府(管委会)" in found["三(一)-2"].units(qlmatrix.Role.SUPPORT)
    assert found["三(一)-2"].leads == ("市发改委", "市统计局")
    assert "各县、区人民政府(管委会)" in found["三(二)"].units(qlmatrix.Role.SUPPORT)


def test_a_table_apart_by_spaces_after_a_signed_notice():
    result = import_file(DATA / "spaced-table.txt")
    found = tasks(result)
    assert set(found) == {"1", "2", "3"}  # the notice's 一、二、 end with its signature: not the plan's items
    assert (found["3"].title, found["3"].lead) == ("新增高新技术企业50家,研发投入增长10%", "市科技局")
    assert result.plan.date == datetime.date(2031, 4, 6)


def test_numbers_lost_in_a_broken_copy_are_read_by_the_sequence_and_reported():
    result = import_file(DATA / "broken-numbers.txt")
    assert list(tasks(result)) == ["一(一)", "一(二)", "一(三)", "一(四)", "一(五)"]
    assert [p.line for p in result.problems] == [4, 5, 7]
    assert all("编号无法识别" in p.reason.zh for p in result.problems)


def test_a_rule_as_a_clause_of_a_label_and_each_leading_its_part():
    result = import_file(DATA / "label-clauses.txt")
    found = tasks(result)
    # `(責任單位:A、B,排在首位的爲牽頭單位,下同)`: the rule is a clause of the label's value, not a unit
    assert (found["一1"].lead, found["一1"].units(qlmatrix.Role.SUPPORT)) == ("市稅務局", ("市財政局",))
    assert result.problems == () and "排在首位" in result.text.splitlines()[1]
    assert found["二3"].leads == ("市人社局", "市农业局")  # 分别牵头 is one verb, not 分别 + 牵头
    assert not [name for name in qlmatrix.resolve(result.plan).unit_order() if "分别" in name or "排在" in name]


def test_a_closing_clause_that_names_the_lead_and_who_is_consulted():
    found = tasks(import_file(DATA / "joint-clauses.txt"))
    # `…的问题，由省发改委会同省农办、省侨联、省粮储局等部门研究提出落实意见。`: the clause says who; it stays in the text
    assert found["一(一)"].lead == "省发改委"
    assert found["一(一)"].units(qlmatrix.Role.CONSULT) == ("省农办", "省侨联", "省粮储局")
    assert "研究提出落实意见" in found["一(一)"].title + (found["一(一)"].body or "")
    assert (found["一(二)"].lead, found["一(二)"].units(qlmatrix.Role.CONSULT)) == ("省自然资源厅", ("省農業廳",))
    assert found["一(三)"].lead == "省政务办"  # `由区级负责审批` inside the text is not an assignment


def test_label_lines_and_headings_wrapped_like_the_text():
    result = import_file(DATA / "wrapped-labels.txt")
    [section] = result.plan.sections()
    assert section.title == "提高基层党建工作水平,加强党对社区治理的全面领导"  # `…的全面` / `领导`
    found = tasks(result)
    # `协办单位:…、园区党工` / `委、各街道党工委`: one label line, wrapped
    assert found["一1"].units(qlmatrix.Role.SUPPORT) == ("区委编办", "区民政局(区委社会工委)", "园区党工委", "各街道党工委")
    assert "各街道党工委" not in (found["一1"].body or "")


def test_labels_are_a_role_word_and_an_organ_word():
    result = import_file(DATA / "label-words.txt")
    found = tasks(result)
    # 牵头科室 / 配合科室, 主要责任单位 / 其他责任单位, 牵头处室 / 协办部门, 责任股室 / 参与单位: read alike
    assert {task: (t.lead, t.units(qlmatrix.Role.SUPPORT)) for task, t in found.items()} == {
        "一1": ("食品安全科", ("稽查大队", "各市场监管所")), "一2": ("县信用办", ("县发改局", "团县委")),
        "一3": ("登记注册科", ("县政务中心",)), "一4": ("价格监督股", ("县侨联",))}
    assert result.problems == ()


def test_notes_that_name_their_lead_labels_in_brackets_and_bare_lists_of_organs():
    result = import_file(DATA / "named-leads.txt")
    found = tasks(result)
    assert found["一1"].lead == "市财政局"  # `A、B(B牵头)`: the named unit leads, not the first
    assert found["一2"].lead == "市侨联"  # `其中市侨联为牵头单位`
    assert (found["一3"].lead, found["一3"].units(qlmatrix.Role.SUPPORT)) == ("市政务办", ("团市委", "市残联"))  # 【牵头单位】
    assert found["二1"].lead == "市政务办"  # the note on the line after the first item is that item's
    assert found["二2"].units(qlmatrix.Role.SUPPORT) == ("市信访局", "各区政府")  # a bare list of organs
    assert found["二3"].lead == "市政务办"  # ★ marks the lead
    assert result.problems == ()
    # a bracket of prose closing an item stays text: `(预包装食品)`, `(不含6亩)`
    prose = tasks(import_text("一、任务\n1.规范食品经营许可。(预包装食品)\n2.简化小型项目审批。(不含6亩)\n"))
    assert all(not t.units(qlmatrix.Role.LEAD) for t in prose.values())


def test_numbers_closed_by_one_parenthesis_and_labels_with_an_aside():
    result = import_file(DATA / "numbering-labels.txt")
    found = tasks(result)
    assert list(found) == ["一(1)", "一(2)", "二(1)"]  # `1)` is item (1), as the parser writes it
    assert found["一(2)"].units(qlmatrix.Role.SUPPORT) == ("区消防救援大队", "团区委")  # `配合单位(部门):`
    assert (found["二(1)"].lead, found["二(1)"].leaders) == ("区应急局", ("李某",))  # 主要负责单位, 负责领导
    assert result.problems == ()


def test_tables_of_one_cell_a_line_and_with_a_column_of_their_own():
    cells = tasks(import_file(DATA / "cell-lines.txt"))  # no blank lines between the cells: each line is one
    assert {t: (x.lead, x.units(qlmatrix.Role.SUPPORT)) for t, x in cells.items()} == {
        "1": ("区民政局", ("区财政局", "团区委")), "2": ("区住建局", ("区侨联",))}
    category = tasks(import_file(DATA / "spaced-category.txt"))  # `类别`: a column only this table has
    assert (category["2"].title, category["2"].lead) == ("城镇新增就业3000人", "县人社局")


def test_officials_named_by_office_in_a_note_are_leaders_not_units():
    result = import_file(DATA / "officials.txt")
    found = tasks(result)
    assert (found["一(一)"].lead, found["一(一)"].leaders) == ("省发改委", ("分管副省长", "协管副秘书长"))
    assert (found["一(二)"].lead, found["一(二)"].leaders) == ("省人社厅", ("王某副省长",))
    assert found["一(三)"].leaders == ("分管副省长",)
    assert not [u for u in qlmatrix.resolve(result.plan).unit_order() if u.endswith(("省长", "秘书长"))]


def test_each_before_any_role_verb_and_a_verb_closing_its_clause_inside_a_list():
    found = tasks(import_file(DATA / "each-verbs.txt"))
    # `A和B分别牵头、C`: 分别 makes A and B leads each, the verb closes their clause, C supports
    assert (found["一1"].leads, found["一1"].units(qlmatrix.Role.SUPPORT)) == (("数据资源中心", "青禾信息港"), ("市经信局",))
    # `分别牵头落实`, `分别负责落实`: 分别 before any verb, not a piece of the last name
    assert found["一2"].leads == ("市司法局", "市融媒中心", "青禾银保分局")
    assert found["一4"].leads == ("市民政局", "市乡振委")
    # 和 inside a name is kept when what comes before it does not end like an organ
    one = tasks(import_text("一、总则\n（一）甲事项。（国家发展和改革委员会、市甲局分别负责落实）\n"))
    assert one["一(一)"].leads == ("国家发展和改革委员会", "市甲局")


def test_a_progress_column_between_task_and_units_is_passed_over():
    result = import_file(DATA / "flat-progress.txt")  # 内容与要求 / 进展情况 / 责任单位, blank lines between cells
    found = tasks(result)
    assert found["1"].title == "加快建设城东综合枢纽,年内完成主体工程" and found["1"].lead == "市交通运输局"
    assert "桩基" not in result.text and "推进会" not in result.text  # the progress prose is no task's text


def test_a_page_of_a_longer_table_numbers_its_rows_from_where_it_starts():
    found = tasks(import_file(DATA / "flat-page.txt"))  # rows 37, 38; header `分 管 区领导` spaced out
    assert sorted(found) == ["37", "38"]
    assert (found["38"].lead, found["38"].leaders) == ("区人社局", ("林默", "周岚"))  # `林 默周 岚`: two people


def test_a_leader_name_that_may_be_several_is_reported():
    result = import_text("一、总则\n（一）甲事项。（责任领导：林默周岚；牵头单位：甲局）\n")
    assert [p.excerpt for p in result.problems] == ["林默周岚"] and "ambiguous" in result.problems[0].reason.en


def test_content_rows_under_a_merged_heading_column():
    result = import_file(DATA / "flat-content.txt")  # 目标/任务 (merged headings) / 主要内容 / 责任单位
    found = tasks(result)
    assert sorted(found) == ["一(一)#1", "一(一)#2", "一(二)#1"]
    assert found["一(二)#1"].title.endswith("稳定市场预期")  # a content cell wrapped over two lines
    assert found["一(二)#1"].leads == ("市金融办", "松川农商联社", "松川银保分局")
    assert any("merged" in p.reason.en for p in result.problems)


def test_merged_cells_written_once_are_carried_down_and_reported():
    result = import_file(DATA / "flat-spanning.txt")  # one cell a line; row 2 lacks its leader and lead cells
    found = tasks(result)
    assert (found["2"].lead, found["2"].units(qlmatrix.Role.SUPPORT), found["2"].leaders) == (
        "区民政局", ("区商务局",), ("许青",))
    assert [p.line for p in result.problems] == [13, 13] and all("merged" in p.reason.en for p in result.problems)
    assert found["3"].leaders == ("韩松",)  # row 1 lacks only its empty 备注: nothing carried


def test_label_lines_in_groups_give_one_task_a_group():
    found = tasks(import_file(DATA / "label-groups.txt"))
    first, second = found["一(一)-1"], found["一(一)-2"]
    assert (first.lead, second.lead, second.units(qlmatrix.Role.SUPPORT)) == (
        "县司法局", "县发改局", ("县财政局", "白溪融媒中心"))
    assert first.title.startswith("编制年度重大行政决策") and second.title.startswith("完善意见征集")
    # one group, a 完成时限 line in it or after the text: the item is one task
    assert found["一(二)"].lead == "县政府办公室" and "二(三)" in found


def test_empty_lead_and_leader_cells_in_a_blank_line_table_span_from_the_row_above():
    result = import_file(DATA / "flat-blank-span.txt")  # an extra blank line for each empty cell of row 2
    found = tasks(result)
    assert (found["2"].lead, found["2"].units(qlmatrix.Role.SUPPORT), found["2"].leaders) == (
        "县发改局", ("县商务局",), ("郑远",))
    assert sorted(p.excerpt for p in result.problems) == ["分管县领导：郑 远", "牵头单位：县发改局"]


def test_a_class_of_units_of_one_level_after_deng_closes_the_list():
    found = tasks(import_text("一、总则\n（一）推进甲工作。（省发展改革委、交通运输厅、能源局等省有关部门和各地级以上市人民政府"
                              "按职责分工负责）\n（二）推进乙工作。（省科技厅、省工信厅等省直有关单位按职责分工负责）\n"))
    assert found["一(一)"].units(qlmatrix.Role.SUPPORT) == ("交通运输厅", "能源局", "各地级以上市人民政府")
    assert found["一(二)"].units(qlmatrix.Role.SUPPORT) == ("省工信厅",)


def test_a_unit_name_broken_over_lines_of_its_cell_is_joined_and_reported():
    result = import_file(DATA / "cell-lines-broken.txt")  # one cell a line: `区政` / `府办` / `公厅`
    found = tasks(result)
    assert (found["2"].lead, found["2"].units(qlmatrix.Role.SUPPORT)) == ("区政府办公厅", ("区大数据中心",))
    assert found["3"].units(qlmatrix.Role.SUPPORT) == ("区城管局",)  # the last row, at the end of the table
    assert sorted(p.excerpt for p in result.problems) == ["区城管局", "区政府办公厅"]


def test_a_spaced_row_one_cell_short_carries_the_merged_cell_and_says_so():
    result = import_file(DATA / "spaced-span.txt")  # row 2 lacks its 牵头单位: written once, in row 1
    found = tasks(result)
    assert sorted(found) == ["1", "2", "3"]  # the table goes on after the short row
    assert (found["2"].lead, found["2"].units(qlmatrix.Role.SUPPORT)) == ("县发改局", ("县人社局",))
    [problem] = result.problems
    assert problem.line == 4 and "merged" in problem.reason.en and "合并单元格" in problem.reason.zh


def test_a_spaced_header_run_on_at_the_end_of_a_paragraph_opens_its_table():
    # `…分解表 序号 名称 工作任务 牵头责任单位` ends the notice's one line; the rows leave the 名称 column empty
    result = import_file(DATA / "spaced-run-on-header.txt")
    found = tasks(result)
    assert sorted(found) == ["一1", "一2", "二3"]
    assert found["一2"].lead == "市财政所" and "名称" not in result.text
    assert found["二3"].units(qlmatrix.Role.LEAD) == ("市数据中心", "市工信委", "科创促进会")  # a 牵头 column: all lead
    # prose that merely ends in words of a header, with no spaced row after it, stays prose
    prose = import_text("某局工作通知\n请各单位对照附表 序号 工作任务 牵头单位\n某局\n2033年1月5日\n")
    assert not tasks(prose) and "（未找到带编号的条目" in prose.text


def test_a_spaced_row_whose_unit_cells_go_on_over_the_lines_below_keeps_them_in_their_columns():
    # `2 …。 区财政局` / `区税务局` / `区政府有关部门,…。`: the line broke inside the lead cell (cells are apart by
    # spaces), so the lines below go on in it and the last line is the 协同配合单位 cell; said in the report
    result = import_file(DATA / "spaced-wrapped-cells.txt")
    found = tasks(result)
    assert sorted(found) == ["一1", "一2", "一3", "一4"]  # the table goes on after the wrapped rows
    assert found["一2"].units(qlmatrix.Role.LEAD) == ("区财政局", "区税务局")
    assert found["一2"].units(qlmatrix.Role.SUPPORT) == ("区政府有关部门", "石泉高新区管委会")
    assert (found["一4"].lead, found["一4"].units(qlmatrix.Role.SUPPORT)) == ("区商务局", ("区市场监管局",))
    assert sorted(p.line for p in result.problems) == [7, 10]  # rows 2 and 3 took surplus lines; row 4 did not
    assert all("goes on" in p.reason.en and "接续" in p.reason.zh for p in result.problems)


def test_a_table_copied_without_its_header_is_read_by_what_its_cells_hold_and_says_so():
    # `1` / `|` / `一、主要预期目标` / `|` / `城乡居民…。` / `|` / `综合规划科` / `|` / `柳青禾` / `|` / `2033年底前` / `|` / …
    result = import_file(DATA / "table-headerless-pipes.txt")
    found = tasks(result)
    assert sorted(found) == ["一1", "一2", "二3", "二4"]  # part headings written once, in the rows opening them
    assert (found["二3"].lead, found["二3"].units(qlmatrix.Role.SUPPORT)) == ("产业发展科", ("市果树所", "北湾种苗站"))
    assert found["二4"].due.text == "2033年9月底前" and "柳青禾" not in result.text and "6612001" not in result.text
    [problem] = result.problems
    assert problem.line == 1 and "no header" in problem.reason.en and "无表头" in problem.reason.zh
    # cells closed on their own line (`南坪街道 |`), rows numbered from where the extract starts, a supporting cell
    found = tasks(import_file(DATA / "table-headerless-closed.txt"))
    assert (found["12"].lead, found["12"].units(qlmatrix.Role.SUPPORT)) == ("南坪街道", ("文旅服务中心", "东桥社区"))
    assert found["13"].units(qlmatrix.Role.SUPPORT) == ()  # its supporting cell is empty
    # two numbered cells closed by `|` are no table: too few rows to tell its columns
    assert not tasks(import_text("某局通知\n1\n|\n推进甲事项。\n|\n甲局\n|\n2\n|\n推进乙事项。\n|\n乙局\n|\n"))


def test_a_telephone_column_assigns_nothing_and_is_not_reported_as_units():
    # a department's table: `序号 | 工作任务 | 责任科室 | 责任人 | 完成时限 | 联系电话`, a cell ending ` |` a line
    cells = ["序号", "工作任务", "责任科室", "责任人", "完成时限", "联系电话",
             "1", "推进甲事项建设。", "综合科", "柳青禾", "2034年底前", "6612001",
             "2", "推进乙事项。", "法规科", "程远山", "2034年6月底前", "6612002"]
    result = import_text("某局任务分解\n" + "\n".join(f"{cell} |" for cell in cells) + "\n")
    found = tasks(result)
    assert (found["1"].lead, found["2"].lead, found["2"].leaders) == ("综合科", "法规科", ("程远山",))
    assert result.problems == () and "6612001" not in result.text


def test_a_table_whose_cells_a_pdf_wrapped_with_nothing_between_them_gives_back_its_rows():
    # `3` / `2.优化项目` / `审批` (a group cell, passed over) / the task over four lines / `青川市住建委` / `、青川市自然`
    # / `资源局` / `青川市发展改革委、` / … / `# Page 7:` and the header again / `压减审批时限。` / `市城管委`
    result = import_file(DATA / "table-wrapped-cells.txt")
    found = tasks(result)
    assert sorted(found, key=int) == ["1", "2", "3", "4", "5"]
    assert found["3"].units(qlmatrix.Role.LEAD) == ("青川市住建委", "青川市自然资源局")
    assert found["3"].units(qlmatrix.Role.SUPPORT) == ("青川市发展改革委", "青川市水务局", "青川市城管委")  # `…青川` + `市城管委`
    assert "压减审批时限" in found["3"].title  # the task goes on after the page break
    assert found["4"].units(qlmatrix.Role.SUPPORT) == ("青川市发展改革委", "青川市政务服务中心")  # `等…有关成员单位` closes it
    assert found["5"].units(qlmatrix.Role.SUPPORT) == ()  # `—`: no unit
    [problem] = result.problems
    assert "wrapped" in problem.reason.en and "折成多行" in problem.reason.zh


def test_a_unit_cell_a_row_cannot_place_is_reported_not_passed_over():
    # blank lines between cells: three blank lines are two empty cells, so row 2 has one cell too many
    text = ("某县任务分解表\n\n序号\n\n工作任务\n\n牵头单位\n\n责任单位\n\n1\n\n推进甲项目建设。\n\n县发改局\n\n县财政局\n\n"
            "2\n\n推进乙项目建设。\n\n\n\n\n县自然资源局\n\n3\n\n推进丙项目。\n\n县住建局\n\n县城投公司\n")
    result = import_text(text)
    assert any(p.excerpt == "县自然资源局" and "heading" in p.reason.en for p in result.problems)


def test_a_class_of_places_under_any_opening_word_is_one_collective():
    found = tasks(import_file(DATA / "collective-levels.txt"))
    assert found["一1"].units(qlmatrix.Role.SUPPORT) == ("相关市、县政府",)  # one collective, not 相关市 + 县政府
    assert found["一3"].units(qlmatrix.Role.SUPPORT) == ("有關市、縣政府", "市郵政分公司")  # traditional characters
    assert found["二4"].units(qlmatrix.Role.SUPPORT) == ("市交通局", "各有关区、县人民政府")


def test_units_before_a_no_longer_listed_note_take_part_in_every_later_task():
    result = import_file(DATA / "carried-ahead.txt")  # `…负责，列第一位的为牵头单位，下同。X按职责落实，以下不再列出`
    found = tasks(result)
    assert (found["一1"].lead, found["一1"].units(qlmatrix.Role.SUPPORT)) == ("市商务局", ("市财政局", "各县区人民政府"))
    assert found["二4"].units(qlmatrix.Role.SUPPORT) == ("各县区人民政府",)
    assert "集合 各县区人民政府\n" in result.text  # not `各县区人民政府按职责`


def test_a_header_over_many_lines_is_cut_into_its_columns():
    # one word of the header a line (`责任` / `领导`, `完成` / `时限`), and `序 |` / `号 |` split in a piped copy
    found = tasks(import_file(DATA / "header-lines.txt"))
    assert (found["一1"].lead, found["一1"].leaders, found["一1"].due.text) == ("区卫健局", ("韩松",), "2025年10月底")
    assert found["二2"].units(qlmatrix.Role.SUPPORT) == ("区工信局", "区商务局")


def test_unit_cells_under_a_merged_task_cell_are_the_tasks_further_rows():
    result = import_file(DATA / "sub-rows.txt")
    found = tasks(result)
    assert found["1"].leads == ("县交通运输局", "县自然资源局")
    assert found["1"].units(qlmatrix.Role.SUPPORT) == ("县财政局", "县林业局")
    assert found["2"].leads == ("县水利局",)  # the row after them is a row of its own
    assert [p.line for p in result.problems[:2]] == [7, 19] and all("merged" in p.reason.en for p in result.problems[:2])
    # one unit cell after a full row, too few for a further row: more units of the last unit column
    assert (found["4"].leads, found["4"].units(qlmatrix.Role.SUPPORT)) == (("县教育局",), ("县财政局", "县人社局"))
    assert result.problems[2].line == 26 and "too few" in result.problems[2].reason.en


def test_a_row_that_dropped_an_empty_cell_is_placed_by_what_its_cells_hold():
    result = import_file(DATA / "shifted-cells.txt")
    found = tasks(result)
    assert (found["1"].lead, found["1"].units(qlmatrix.Role.SUPPORT), found["1"].due.text) == ("县卫健局", (), "2025年6月底")
    # row 3 reads either way (a dropped 配合单位, or 牵头单位 merged from row 2): the copy dropped a cell in row 1,
    # so it is read as dropped, and the report says the row is ambiguous
    assert (found["3"].lead, found["3"].units(qlmatrix.Role.SUPPORT)) == ("县农业农村局", ())
    assert any(p.line == 5 and "ambiguous" in p.reason.en and "歧义" in p.reason.zh for p in result.problems)
    assert found["二4"].due.text == "2025年11月底"


def test_a_short_row_whose_cells_fit_no_column_is_reported():
    text = "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 推进甲项目。 | 推进乙项目，完成丙工程。 | 2031年底\n"
    result = import_text(text)
    assert any("do not fit" in p.reason.en for p in result.problems)


def test_items_numbered_straight_through_annotated_parts_stay_under_their_part():
    found = tasks(import_file(DATA / "straight-through.txt"))  # （二）…（X牵头） / 3. / 4.: 3 goes on from 2
    assert sorted(found) == ["一(一)1", "一(一)2", "一(二)3", "一(二)4", "二(一)5", "二(一)6", "二(二)7"]
    assert found["一(二)3"].lead == "市政务服务中心" and found["二(二)7"].lead == "市司法局"


def test_a_header_over_two_pipe_rows_is_joined_cell_by_cell():
    found = tasks(import_file(DATA / "header-rows.txt"))  # `序号 | 实事 | 分管 | 牵头` / ` | 项目 | 领导 | 单位`
    assert (found["1"].lead, found["1"].leaders, found["2"].units(qlmatrix.Role.SUPPORT)) == (
        "镇城建办", ("罗兰",), ("各村（社区）",))


def test_a_short_title_before_a_header_is_no_piece_of_it_and_a_missing_cell_between_blank_lines_spans():
    cells = ["序号", "工作任务", "牵头单位", "配合单位", "1", "推进甲工作。", "区甲局", "区乙局", "2", "推进乙工作。", "区丙局",
             "3", "推进丙工作。", "区丁局", "区戊局"]
    result = import_text("某区分工\n\n" + "\n\n".join(cells) + "\n")  # `某区分工` + `序号` + `工作任务` is no column
    found = tasks(result)
    # row 2 lacks a cell with no blank line marking it empty: the 牵头单位 merged from row 1
    assert [(found[n].lead, found[n].units(qlmatrix.Role.SUPPORT)) for n in "123"] == [
        ("区甲局", ("区乙局",)), ("区甲局", ("区丙局",)), ("区丁局", ("区戊局",))]
    assert [p.line for p in result.problems] == [19]


def test_a_table_of_one_unit_column_with_a_unit_a_cell_or_a_line():
    result = import_file(DATA / "unit-cells.txt")
    found = tasks(result)
    # one cell a line: 县商务局 / 县住建局 / 青岚镇人民政府 are three cells of the one 责任单位 column
    assert (found["一1"].lead, found["一1"].units(qlmatrix.Role.SUPPORT), found["一1"].due.text) == (
        "县商务局", ("县住建局", "青岚镇人民政府"), "2026年10月底")
    # blank lines between cells: 县卫健局 / 县教育局 on two lines of one cell are two units, not one name
    assert (found["二3"].lead, found["二3"].units(qlmatrix.Role.SUPPORT)) == ("县卫健局", ("县教育局",))
    assert [p.line for p in result.problems] == [7]


def test_a_merged_category_column_before_the_number_is_passed_over():
    result = import_file(DATA / "category-column.txt")  # 类别 / 序号 / …, `经济发展` written once before row 1
    found = tasks(result)
    assert sorted(found) == ["1", "2", "3"]
    assert (found["2"].lead, found["2"].units(qlmatrix.Role.SUPPORT), found["2"].leaders) == (
        "区经信局", ("区统计局",), ("周岚",))  # 责任人: people, as 责任领导
    assert result.problems == ()  # a category cell is no lost unit cell


def test_unit_names_holding_quotation_marks_are_units_and_read_back():
    result = import_file(DATA / "quoted-names.txt")  # `市“两新”组织党工委`, `区"双创"办`, `"青年之家"服务中心`
    found = tasks(result)
    assert found["一(一)"].lead == "市“两新”组织党工委" and found["二(三)"].lead == '区"双创"办'
    assert found["二(五)"].units(qlmatrix.Role.SUPPORT) == ('"青年之家"服务中心',)
    assert result.problems == ()
    assert qlmatrix.loads(result.text) == result.plan  # the writer quotes `区"双创"办` with an escape
    assert format_text(result.text).formatted == result.text  # and fmt keeps every name as it is


def test_bare_places_before_one_organ_word_share_it_and_the_report_says_so():
    result = import_file(DATA / "shared-suffix.txt")
    found = tasks(result)
    assert found["一(一)"].units(qlmatrix.Role.SUPPORT) == ("省交通运输厅", "甲城市政府", "乙港市政府", "丙河市政府")
    assert found["一(二)"].lead == "东区人民政府"  # `东、西、南区人民政府`
    assert found["一(三)"].units(qlmatrix.Role.SUPPORT) == ("海关", "丁原縣人民政府", "戊川縣人民政府")
    assert found["一(四)"].units(qlmatrix.Role.SUPPORT) == ("边检", "己山市政府")  # 海关, 边检 are units of their own
    noted = [p.excerpt for p in result.problems]
    assert "甲城→甲城市政府、乙港→乙港市政府" in noted and "东→东区人民政府、西→西区人民政府" in noted


def test_a_lead_rule_and_a_no_longer_listed_collective_in_the_first_bracket_hold_for_every_item():
    # `（X牵头，A、B配合，列第一位的为牵头单位，下同；各县（市、区）政府均为责任单位，不再列出）`
    result = import_file(DATA / "rule-and-all.txt")
    found = tasks(result)
    assert (found["一(一)"].lead, found["一(一)"].units(qlmatrix.Role.SUPPORT)) == (
        "市发改委", ("市财政局", "市商务局", "各县（市、区）政府"))
    assert (found["二(三)"].lead, found["二(四)"].units(qlmatrix.Role.SUPPORT)) == ("市住建局", ("各县（市、区）政府",))
    assert "集合 各县（市、区）政府\n" in result.text  # not `…政府均为责任单位`


def test_a_row_going_on_without_a_number_is_more_of_its_task():
    # one cell a line, no separators: `3` / task / units / `5月底前动工` / `扩建云溪二中…` / `12月底前`
    result = import_file(DATA / "cell-continuation.txt")
    found = tasks(result)
    assert (found["3"].lead, found["3"].units(qlmatrix.Role.SUPPORT)) == ("县教育局", ("县自然资源局",))
    assert "扩建云溪二中" in found["3"].task.body and "（12月底前）" in found["3"].task.body
    assert found["2"].task.body == "完成时限：10月投入使用"  # a deadline in words, kept in the text
    assert sorted(found) == ["1", "2", "3", "4", "5"]  # the title line before 序号 is no column
    assert [p.excerpt for p in result.problems].count("3") == 2  # one unit a line, and the row going on


def test_a_piped_table_of_figures_reads_its_one_unit_column():
    # 序号 / 项目名称 / 目标任务 / 1-6月完成 / 完成率 / 责任单位 / 备注, each cell a line ending ` |`
    found = tasks(import_file(DATA / "figures-table.txt"))
    assert {task: found[task].lead for task in found} == {"1": "区人社局", "2": "区教育局", "3": "区教育局",
                                                          "4": "区城管局", "5": "区民政局"}
    assert found["4"].units(qlmatrix.Role.SUPPORT) == ("区住建局",)  # `1300人`, `54%` are figures, no units
    assert "按序时" not in (found["1"].task.body or "")  # 备注 is passed over
    traditional = tasks(import_file(DATA / "figures-traditional.txt"))  # 序號 / 項目名稱 / … / 責任單位 / 備註
    assert (traditional["3"].lead, traditional["3"].units(qlmatrix.Role.SUPPORT)) == ("縣衛健局", ("縣發改局",))


def test_labels_run_together_on_one_line_end_at_the_next_label_of_any_name():
    # `… 责任单位:X 项目责任人:Y 配合单位:A、B 实际完成情况:…`, a table of figures run in after the units
    result = import_file(DATA / "labels-one-line.txt")
    found = tasks(result)
    assert found["1"].lead == "市轨道交通建设指挥部" and found["1"].leaders == ("周明远",)  # not `…项目责任人:郑立…`
    assert found["3"].units(qlmatrix.Role.SUPPORT) == ("市公安局", "各区政府")  # not `各区政府东城西城`
    assert found["4"].units(qlmatrix.Role.SUPPORT) == ("各区政府", "市发改委", "市财政局", "市供电公司")
    assert any("年度目标 2 3 1 2 8" in p.excerpt for p in result.problems)  # what follows the units is reported


def test_a_row_that_dropped_a_cell_inside_and_ends_empty_is_placed_by_what_its_cells_hold():
    # 10 columns: `分管 领导`, `牵头 单位` spaced, `责任主体与协同单位` (two role words: its units support),
    # `1-9月推进情况`; the 全年目标任务 cell absent in every row, an empty cell written `||` or `|` at the end
    result = import_file(DATA / "progress-columns.txt")
    found = tasks(result)
    assert (found["12"].lead, found["12"].units(qlmatrix.Role.SUPPORT)) == ("区城管局", ("区环卫处", "高新园区", "各街道"))
    assert found["13"].leaders == ("周岚",) and "已建成" not in (found["13"].task.body or "")
    assert {p.excerpt.split(" | ")[0] for p in result.problems} >= {"11", "12", "13"}  # each row's placing reported


def test_items_numbered_with_the_ideographic_full_stop():
    from qlmatrix.importer.marks import plain_marks
    found = tasks(import_file(DATA / "ideographic-stops.txt"))
    assert sorted(found) == ["1", "2", "3", "4", "5"]
    # `…(市住建局负责)5。完善…`: an item run together after the note of the one before
    assert found["5"].lead == "市民政局" and found["5"].title.startswith("完善社区养老服务网络")
    # `（…分别负责，年内持续推进）`: the vague word is the 时限's own, not also a 频次
    assert (found["1"].cadence, found["1"].due.text) == (None, "年内持续推进")
    # only where an item may start, and never a number inside a sentence or before a digit
    assert [plain_marks(text) for text in ("  12。按照", "增长3。", "2。5倍", "1。", "2023。全年")] == [
        "  12.按照", "增长3。", "2。5倍", "1。", "2023。全年"]


def test_a_note_wrapped_to_the_next_line_still_closes_its_group_of_sentences():
    found = tasks(import_file(DATA / "wrapped-group-notes.txt"))
    assert (found["一(一)1-3"].lead, found["一(一)1-4"].lead) == ("县林业局", "县自然资源局")
    assert found["一(一)1-3"].title.startswith("森林覆盖率") and found["一(一)1-4"].title.startswith("耕地保有量")
    assert found["一(一)3-2"].units(qlmatrix.Role.SUPPORT) == ("各乡镇人民政府",)  # the note on an indented line


def test_a_title_naming_the_lead_joins_label_lines_of_supporting_units():
    result = import_file(DATA / "titled-leads.txt")
    found = tasks(result)
    assert (found["一(一)"].lead, found["一(一)"].units(qlmatrix.Role.SUPPORT)) == ("市审计局", ("市直各部门", "各县区人民政府"))
    assert found["一(一)"].leaders == ("赵明",)  # from the leader heading above it
    # an official named by office (`市政府分管领导同志`) is one leader, not names run together: nothing reported
    assert found["三1"].leaders == ("市政府分管领导同志",) and not result.problems


def test_a_sites_publication_date_does_not_contradict_the_documents_own():
    page = ("• 成文日期：2031年3月3日\n• 发布日期：2031年3月9日\n关于印发某区分工方案的通知\n各街道办事处：\n现印发给你们。\n"
            "某区人民政府办公室\n2031年3月3日\n某区分工方案\n一、主要目标\n1.甲事项。（区甲局负责）\n")
    result = import_text(page)
    assert result.plan.date == datetime.date(2031, 3, 3) and not result.problems
    # a publication date alone still dates the plan; two dates of the document's own are still reported
    assert import_text("发布日期：2031年3月9日\n某方案\n一、任务\n1.甲事项。（区甲局负责）\n").plan.date == datetime.date(2031, 3, 9)
    assert import_text(page.replace("• 成文日期：2031年3月3日", "• 成文日期：2031年3月2日")).plan.date is None


def test_a_short_plan_right_after_the_notices_signature_is_no_closing_block():
    # no blank lines, every line after the date short: the date is the notice's, the plan goes on after it
    result = import_text("关于印发某区分工方案的通知\n各街道办事处：\n现印发给你们。\n某区人民政府办公室\n2031年3月3日\n"
                         "某区分工方案\n一、主要任务\n（一）甲事项。（区甲局负责）\n")
    assert tasks(result)["一(一)"].lead == "区甲局" and result.plan.date == datetime.date(2031, 3, 3)
    # a signature block at the end is still one
    closing = import_text("某区分工方案\n一、主要任务\n（一）甲事项。（区甲局负责）\n某区人民政府办公室\n2031年3月3日\n（此件公开发布）\n")
    assert closing.plan.issuer == "某区人民政府办公室" and "此件公开发布" not in closing.text.split("章", 1)[1]


def test_a_label_run_on_after_the_last_unit_of_the_one_before_starts_its_own_part():
    # `(牵头部门:A、B责任部门:C)`: no separator between B and the next label; the label and its colon end B
    result = import_file(DATA / "glued-labels.txt")
    found = tasks(result)
    assert found["一1"].units(qlmatrix.Role.LEAD) == ("园区市场监管分局", "政服办")
    assert found["一1"].units(qlmatrix.Role.SUPPORT) == ("各相关部门",)
    assert (found["二3"].lead, found["二3"].units(qlmatrix.Role.SUPPORT)) == ("园区规建局", ("园区国土分局",))
    assert not result.problems
    # a label that holds a shorter one (`牵头责任单位:`) is still one label, not 牵头 + 责任单位
    one = tasks(import_text("某方案\n一、任务\n1.甲事项。(牵头责任单位:县甲局;配合单位:县乙局)\n"))["一1"]
    assert (one.lead, one.units(qlmatrix.Role.SUPPORT)) == ("县甲局", ("县乙局",))


def test_a_label_of_the_areas_responsible_lists_units_by_the_role_word_in_it():
    # `责任地区:各区市县政府`: a role word and a word for areas, read as 责任单位 is (beside a lead they support)
    result = import_file(DATA / "area-labels.txt")
    found = tasks(result)
    assert found["一(一)1"].units(qlmatrix.Role.SUPPORT) == ("各区市县政府", "临川新区管委会")
    assert found["一(一)2"].units(qlmatrix.Role.SUPPORT) == ("各区市县政府",)
    assert (found["一(一)4"].lead, found["一(一)4"].units(qlmatrix.Role.SUPPORT)) == ("各区市县政府", ("临川新区管委会",))
    assert not result.problems


def test_units_added_by_a_clause_then_not_listed_again_support_every_later_task():
    # `…按职责分工负责,各项政策措施均需X、Y落实,以下不再列出`: X and Y support this task and every later one
    found = tasks(import_file(DATA / "involves-not-listed.txt"))
    for task in ("一1", "一2", "一3"):
        assert found[task].units(qlmatrix.Role.SUPPORT)[-2:] == ("各市政府", "沧澜示范区管委会"), task
    assert found["一3"].lead == "省财政厅"


def test_a_date_on_the_sites_byline_dates_the_page_not_the_document():
    # `2031年02月03日来源:市政府办公厅`: a date beside the site's 来源 label is the page's, as a 发布日期 line is
    result = import_file(DATA / "site-byline.txt")
    assert result.plan.date == datetime.date(2031, 1, 28)
    assert not [p for p in result.problems if "several dates" in p.reason.en]
    # alone it still dates the plan
    alone = import_text("2031年02月03日 来源：区政府办公室\n某方案\n一、任务\n1.甲事项。（区甲局负责）\n")
    assert alone.plan.date == datetime.date(2031, 2, 3)


def test_a_note_line_between_items_is_the_items_before_it_not_the_parts():
    # `(二)…` / `（责任单位:…）` / `(三)…`: further items after the note, so it closes (二) only; a note after the
    # last sub-item (`(1)` `(2)` / `（责任单位:…）` / `2.…`) still belongs to the item above them
    found = tasks(import_file(DATA / "note-between-items.txt"))
    assert sorted(found) == ["一(一)", "一(三)", "一(二)", "三(1)", "三(2)", "二1", "二2"]
    # a sub-item titled by its lead (`①区团委牵头的工作`) assigns itself: the note after the last one is that one's
    assert (found["三(1)"].lead, found["三(2)"].lead) == ("区团委", "区委组织部")
    assert (found["一(一)"].lead, found["一(二)"].lead, found["一(三)"].lead) == ("区妇联", "区民政局", "区委督查室")
    assert found["二1"].units(qlmatrix.Role.SUPPORT) == ("区直各有关单位",)


def test_a_figure_a_wrap_put_at_a_lines_start_is_no_item():
    # `…年度控制在` / `1.8亿立方米以内…`: the line before goes on, so `1.8亿` is the sentence's figure, not item 1
    # `8亿…`; after a line that ends its item, `1.365天巡河…` is still item 1 whose title starts with digits
    result = import_file(DATA / "wrapped-figures.txt")
    found = tasks(result)
    assert sorted(found) == ["一(1)", "一(2)", "一(3)", "二1", "二2"]
    assert found["一(2)"].lead == "区水务局" and "1.8亿立方米" in found["一(2)"].title
    assert found["二1"].title.startswith("365天")


def test_a_class_of_places_goes_on_over_a_bare_zone_word():
    # `各旗县市区、开发区`: 各 opens a class of places, and 开发区 (a zone, no organ word) is one more place of it
    text = "示例方案\n一、任务\n1.甲事项。（牵头单位：市甲局；责任单位：市直有关部门，各乡镇区、开发区）\n" \
           "2.乙事项。（牵头单位：市乙局；责任单位：各县区人民政府、开发区管委会）\n"
    found = tasks(import_text(text))
    assert found["一1"].units(qlmatrix.Role.SUPPORT) == ("市直有关部门", "各乡镇区、开发区")
    # an organ after the 、 is a unit of its own
    assert found["一2"].units(qlmatrix.Role.SUPPORT) == ("各县区人民政府", "开发区管委会")


def test_a_list_rule_naming_a_unit_in_every_later_list():
    # `以下责任单位中均包含X，不再列出` after the first note's units: X supports this task and every later one
    text = ("示例方案\n一、任务\n（一）甲事项。（责任单位：省甲厅、省乙厅，各市、县〔区〕政府。以下责任单位中均包含"
            "各市、县〔区〕政府，\n不再列出）\n（二）乙事项。（责任单位：省乙厅、省丙局）\n")
    found = tasks(import_text(text))
    assert (found["一(一)"].lead, found["一(一)"].units(qlmatrix.Role.SUPPORT)) == ("省甲厅", ("省乙厅", "各市、县〔区〕政府"))
    assert (found["一(二)"].lead, found["一(二)"].units(qlmatrix.Role.SUPPORT)) == ("省乙厅", ("省丙局", "各市、县〔区〕政府"))


def test_a_class_named_by_its_government_closes_the_list_before_a_joined_collective():
    # `A等市政府有关部门及各县区人民政府、开发区管委会`: the class after 等 closes the list; the collective after 及 is a unit
    text = ("示例方案\n一、任务\n1.甲事项。（牵头单位：市甲局，责任单位：市乙局等市政府有关部门及各县区人民政府、"
            "开发区管委会）\n")
    found = tasks(import_text(text))
    assert found["一1"].units(qlmatrix.Role.SUPPORT) == ("市乙局", "各县区人民政府", "开发区管委会")


def test_annotated_groups_opened_by_sub_item_numbers_take_those_numbers():
    # `…等问题，（1）…。（X牵头，Y配合）（2）…。（Z负责）`: the groups are sub-items (1), (2), not -1, -2
    text = ("示例方案\n一、任务\n（一）甲方面\n1.改进审批。针对环节多等问题，（1）梳理要点。（市甲局牵头，市乙局配合）"
            "（2）完善承诺制。\n（市丙局负责）\n2.优化服务。先说明。（市丁局负责）再推进。（市戊局负责）\n")
    found = tasks(import_text(text))
    assert (found["一(一)1(1)"].lead, found["一(一)1(1)"].units(qlmatrix.Role.SUPPORT)) == ("市甲局", ("市乙局",))
    assert found["一(一)1(2)"].lead == "市丙局"
    # groups without numbers keep -1, -2
    assert (found["一(一)2-1"].lead, found["一(一)2-2"].lead) == ("市丁局", "市戊局")


def test_a_sub_item_on_its_own_line_goes_on_with_the_groups_count():
    # `（1）…。（X负责）（2）…（Y负责）` / `（3）…（Z负责）`: (3) is the item's third sub-item, not a sibling of the item
    text = ("示例方案\n一、任务\n（一）甲方面\n1.优化环境。针对难点等问题，（1）出台手册。（市甲局负责）（2）引导机构。"
            "（市乙局负责）\n（3）\n拓展业务。（市丙局牵头，市丁局配合）\n2.完善机制。（市戊局负责）\n")
    found = tasks(import_text(text))
    assert [found[k].lead for k in ("一(一)1(1)", "一(一)1(2)", "一(一)1(3)", "一(一)2")] == ["市甲局", "市乙局", "市丙局", "市戊局"]

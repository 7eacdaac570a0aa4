"""What web copies of plans add around the units (set H's classes): a document number cited in the note, a part
number set apart by blanks, marks a copying site scattered through the text; and running lists opened by 由
after the item's opening words, sectors sharing 部门, two named organs joined by 和. Each against a fixture."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import qlmatrix
from qlmatrix import Role
from qlmatrix.importer import import_file, import_text
from qlmatrix.importer.annotations import parse_note
from qlmatrix.importer.blanks import plain_blanks
from qlmatrix.importer.outline import clean
from qlmatrix.importer.units import split_units

DATA = Path(__file__).parent / "data" / "import"


def roles(result) -> dict:
    return {t.id: (t.units(Role.LEAD), t.units(Role.SUPPORT)) for t in qlmatrix.resolve(result.plan).tasks}


def test_a_document_number_cited_in_the_note_is_the_tasks_source_and_no_unit():
    result = import_file(DATA / "cited-numbers.txt")
    got = roles(result)
    assert got["一1"] == (("省税务局", "省财政厅"), ())
    assert got["二1"] == (("省地方金融局",), ("各市政府",))  # `〔20237號`: the copy lost the 〕
    assert got["二2"] == (("省发展改革委",), ("省证监局",))
    assert not any("号" in u.name or "號" in u.name for u in result.plan.units)
    tasks = {t.id: t for t in qlmatrix.resolve(result.plan).tasks}
    assert "（青发〔2024〕3号）" in (tasks["一1"].task.body or "")  # kept in the task's text, as the document cites it
    assert result.problems == ()
    assert qlmatrix.loads(result.text) == result.plan


def test_a_number_alone_is_a_document_number_only_in_its_shape():
    found = parse_note("皖发〔2021〕9号，省财政厅负责")
    assert found is not None and found.sources == ["皖发〔2021〕9号"] and found.responsible == ["省财政厅"]
    found = parse_note("省财政厅、9号楼管理办负责")
    assert found is not None and found.sources == [] and "9号楼管理办" in found.responsible


def test_a_part_number_set_apart_by_blanks_is_a_heading():
    assert clean("一   减税降费政策(2条)") == "一、减税降费政策(2条)"
    assert clean("一 流企业培育计划，分三年实施。") == "一 流企业培育计划，分三年实施。"  # a sentence: left as it is
    assert clean("一  重点 工作") == "一  重点 工作"  # a row of a table apart by spaces: left to the table reader
    assert set(roles(import_file(DATA / "cited-numbers.txt"))) == {"一1", "一2", "二1", "二2"}


def test_marks_a_copying_site_scattered_through_the_text_are_dropped():
    result = import_file(DATA / "site-marks.txt")
    assert roles(result) == {"一(一)": (("市水利局",), ("市财政局", "各旗县区人民政府")),
                             "一(二)": (("市住建局",), ("市水务集团有限公司",))}
    assert "@" not in result.text
    assert clean("邮箱 office@example.cn") == "邮箱 office@example.cn"  # a single @ is text


def test_a_running_list_opened_by_by_after_the_items_opening_words():
    result = import_file(DATA / "sector-organs.txt")
    got = roles(result)
    assert got["(二)"] == (("教育部门",), ("城管部门", "有关部门"))
    assert got["(三)"] == (("住建部门",), ("有关部门",))
    assert got["(四)"] == (("市场监管部门",), ("农业农村部门", "卫生健康局", "北川县疾控中心"))
    # the shared word is a reading, not what is written: the report says so
    assert any("教育→教育部门" in p.excerpt for p in result.problems)


def test_two_named_organs_joined_by_he_are_two_units_and_a_he_inside_a_name_is_kept():
    assert split_units("环保厅和内蒙古电力监管办") == ["环保厅", "内蒙古电力监管办"]
    assert split_units("区水利局和区应急管理局") == ["区水利局", "区应急管理局"]
    for name in ("经济和信息化委", "国家发展和改革委员会", "住房和城乡建设局", "省有关部门和单位"):
        assert split_units(name) == [name]
    got = roles(import_file(DATA / "sector-organs.txt"))
    assert got["(六)"] == (("区经济和信息化局",), ("区住房和城乡建设局",))



def test_typographic_blanks_are_read_as_the_blanks_they_stand_for():
    # items indented with two em spaces (U+2003), labels apart by no-break spaces: read as U+3000 and spaces
    got = roles(import_file(DATA / "typographic-blanks.txt"))
    assert got["一"] == (("区国资中心",), ("区财政局",))
    assert got["四1"] == (("区政务办",), ("区市场监管局",))  # `（牵头单位：区政务办\u00a0\u00a0配合单位：…）`
    assert set(got) == {"一", "二", "三", "四1", "四2"}
    # every space separator of Unicode but the two the importer reads is written as one of them, one for one
    blanks = [chr(code) for code in range(0x3001) if unicodedata.category(chr(code)) == "Zs" and chr(code) not in " \u3000"]
    assert {plain_blanks(blank) for blank in blanks} == {" ", "\u3000"} and len(plain_blanks("".join(blanks))) == len(blanks)
    assert plain_blanks("\u2003\u2003一、\u00a0甲") == "\u3000\u3000一、 甲"


def test_a_note_cut_by_a_blank_line_goes_on_in_the_line_that_closes_it():
    got = roles(import_file(DATA / "page-break-notes.txt"))
    # `（牵头部` / `` / `门：A、B、C）`: the label put back together, all three lead
    assert got["一(一)1"] == (("市通信发展办", "市工业和信息化局", "市文化广电旅游局"), ())
    assert got["一(二)3"] == (("市商务局",), ("市邮政管理局", "市供销社"))
    assert got["二(一)"] == (("各县（市、区）政府",), ())  # a verb note cut the same way
    # a bracket left open before a blank line and a line that closes nothing: two paragraphs, as before
    result = import_text("某方案\n一、任务\n1.甲事项（试行\n\n乙段落。（区甲局负责）\n")
    assert roles(result)["一1"] == (("区甲局",), ())
    item = next(t for t in qlmatrix.resolve(result.plan).tasks if t.id == "一1")
    assert (item.title, item.body) == ("甲事项（试行", "乙段落。")


def test_a_class_after_deng_closes_the_list_whatever_its_level_and_organ():
    assert split_units("城东区、滨江区等相关区政府") == ["城东区", "滨江区"]  # no organ shared with the class
    assert split_units("市财政局等其他市级部门") == ["市财政局"]
    assert split_units("白沙镇等有关乡镇人民政府") == ["白沙镇"]
    assert split_units("市公安局等有关部门") == ["市公安局"]
    assert split_units("荔湾区、黄埔区政府") == ["荔湾区政府", "黄埔区政府"]  # places still share an organ
    assert split_units("各县（市、区）政府") == ["各县（市、区）政府"]
    got = roles(import_file(DATA / "class-after-etc.txt"))
    assert got["一1"] == (("城东区",), ("滨江区", "市商务局"))
    assert got["一3"] == (("市农业农村局",), ("白沙镇",))


def test_a_pages_metadata_around_the_title_is_no_part_of_it():
    # a crawler's Markdown copy: `# title`, `**发布日期**: …` lines and a rule before the document number
    result = import_file(DATA / "crawled-page.txt")
    assert result.plan.title == "云岭区人民政府办公室关于印发《云岭区2031年优化营商环境工作要点》的通知"
    assert "原文下载" not in result.text and ".pdf" not in result.text  # the download button and link are the site's
    assert roles(result)["二3"] == (("区自然资源分局",), ("区发改局",))
    # a gazette page: bullets of its metadata, the title over two lines, its date under it
    gazette = ("某市人民政府公报(2031年第3期)\n字体大小: 打印\n  • 成文日期 2031-02-28\n  •   某市人民政府\n\n"
               "      关于2031年重点办好\n\n      10件实事的通知\n\n      (2031年1月29日)\n\n      某政发〔2031〕1号\n\n"
               "      一、促进就业\n\n      (一)新增就业3万人。(责任单位:市人社局)\n")
    assert import_text(gazette).plan.title == "关于2031年重点办好10件实事的通知"
    # no document number: the first line that ends as a title, not the site's name or breadcrumb above it
    page = ("某县人民政府\n您當前的位置:\n>> 走進某縣 >> 投資某縣 >> 投資政策\n\n加快工業發展若干政策\n\n發布日期:2031-12-19\n"
            "一、數字經濟\n(一)推進數字化。(責任單位:縣經信局)\n")
    result = import_text(page)
    assert result.plan.title == "加快工業發展若干政策" and roles(result)["一(一)"] == (("縣經信局",), ())
    # a short first line that is not a title's kind is still the title when nothing else is
    assert import_text("某区工作安排表\n一、任务\n1.甲事项。（区甲局负责）\n").plan.title == "某区工作安排表"


def test_a_document_number_with_a_pdf_blank_before_its_serial_or_its_hao_is_the_number():
    # `某审改办〔2031〕2 号`: the blank a PDF copy set before 号; the line is the number, not more of the title
    for written in ("某审改办〔2031〕2 号", "某审改办〔2031〕 2号"):
        text = (f"某省审改办关于印发某方案的通知\n{written}\n各有关单位：\n现将方案印发给你们。\n一、重点任务\n"
                "(一)推进某项改革。(牵头单位:省甲厅;配合单位:省乙厅)\n")
        result = import_text(text)
        assert result.plan.title == "某省审改办关于印发某方案的通知"
        assert "原文文号：某审改办〔2031〕2号" in result.text

"""Round nine's classes from national and provincial documents (set X): indents in Unicode spaces other than
U+3000 (and the copying tool's field lines above the title), a note a PDF copy broke over a blank line, units that assist others inside a note (`A配合B落实`), and a
class of governments after 等 (`北岭新区等相关区政府`). Each against a fixture of its own."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix import Role
from qlmatrix.importer import import_file, import_text
from qlmatrix.importer.annotations import parse_note
from qlmatrix.importer.blanks import plain_blanks
from qlmatrix.importer.units import split_units

from .test_import_properties import BODIES, TITLES, any_names

DATA = Path(__file__).parent / "data" / "import"


def roles(result) -> dict:
    return {t.id: (t.units(Role.LEAD), t.units(Role.SUPPORT)) for t in qlmatrix.resolve(result.plan).tasks}


def test_items_indented_with_em_spaces_are_numbered_items():
    result = import_file(DATA / "em-indents.txt")
    assert roles(result) == {"一": (("市科技局",), ("市财政局",)),
                             "二": (("市工信局",), ("市科技局", "各区政府")),
                             "三": (("市人才办",), ("市人社局",))}  # 三 is indented with en spaces
    assert not any("no numbered items" in p.reason.en for p in result.problems)


def test_a_copying_tools_field_lines_are_no_part_of_the_title():
    result = import_file(DATA / "em-indents.txt")  # `# title` / `**发布日期**: …` / `---` / the document number
    assert result.plan.title == "青岚市人民政府办公厅关于印发《青岚市支持企业开展技术攻关的若干措施》的通知"
    text = "某县人民政府关于印发工作方案的通知\n发布日期：2031-01-02\n某政发〔2031〕1号\n一、建设平台。（县甲局负责）\n"
    assert import_text(text).plan.title == "某县人民政府关于印发工作方案的通知"


def test_every_unicode_space_is_written_as_a_blank_of_its_width_one_for_one():
    text = "\u2003\u2003一、甲\u00a0乙\u2002丙\u202f丁"
    assert plain_blanks(text) == "\u3000\u3000一、甲 乙 丙 丁"
    assert len(plain_blanks(text)) == len(text)  # a line keeps its length: its width still says where it wrapped
    assert plain_blanks("牵头单位：X  配合单位：Y") == "牵头单位：X  配合单位：Y"


def test_a_note_broken_over_a_blank_line_is_joined_again():
    result = import_file(DATA / "note-over-blank.txt")
    got = roles(result)
    assert got["一(一)1"] == (("市测绘局", "市大数据局"), ())  # `（牵头部` / blank / `门：…）`
    assert got["一(一)2"] == (("市自然资源局", "市交通局"), ())  # `（牵` / blank / `头部门：…）`
    assert got["一(一)3"] == (("市港务局",), ())
    assert got["一(二)"] == (("各有关单位",), ())


def test_a_bracket_left_open_before_a_blank_line_takes_only_a_line_that_closes_it():
    text = ("一、重点任务\n1.建设数据平台。推进平台建设（一期\n\n"
            "完善数据标准。（责任单位：市数据局）\n2.开展示范。（责任单位：市港务局）\n")
    result = import_text(text)
    tasks = {t.id: t for t in qlmatrix.resolve(result.plan).tasks}
    assert tasks["一1"].units(Role.LEAD) == ("市数据局",)
    assert tasks["一2"].units(Role.LEAD) == ("市港务局",)
    # the line after the blank opened nothing it closes: a paragraph of its own, not a wrap of the open bracket
    assert "（一期完善" not in result.text


def test_units_that_assist_others_in_a_note_support_and_the_assisted_lead():
    result = import_file(DATA / "note-assists.txt")
    got = roles(result)
    assert got["二(一)2"] == (("省委有关部门",), ("省人事厅",))
    assert got["二(一)3"] == (("省政府办公厅",), ("省统计局", "省发展改革委"))
    found = parse_note("甲局配合乙局落实")
    assert found is not None and found.responsible == ["乙局"] and found.support == ["甲局"]
    found = parse_note("甲局配合乙局、丙局牵头")  # 牵头 after the assisted: they lead, each of them
    assert found is not None and found.lead == ["乙局", "丙局"] and found.support == ["甲局"]
    found = parse_note("甲局牵头，乙局配合")  # 配合 closing its clause: as before
    assert found is not None and found.lead == ["甲局"] and found.support == ["乙局"]
    assert parse_note("甲局配合做好宣传") is None  # what follows 配合 is no unit: no note
    assert parse_note("甲局配合乙局做好") is None  # no role verb after the units: no note, as before


def test_a_class_of_governments_after_deng_closes_the_list():
    assert split_units("省科技厅、北岭新区等相关区政府") == ["省科技厅", "北岭新区"]
    assert split_units("省商务厅、东港市等有关市人民政府") == ["省商务厅", "东港市"]
    assert split_units("民政部等和各省级人民政府") == ["民政部", "各省级人民政府"]  # a collective after 等和 stays a unit
    assert split_units("各相关区政府") == ["各相关区政府"]
    assert split_units("省科技厅、北岭新区等相关县（市、区）政府") == ["省科技厅", "北岭新区"]
    assert split_units("省农业厅、南平市等其他设区市政府") == ["省农业厅", "南平市"]
    assert split_units("各县（市、区）政府") == ["各县（市、区）政府"]  # a collective, not after 等: kept
    got = roles(import_file(DATA / "note-assists.txt"))
    assert got["二(二)4"] == (("省科技厅",), ("省财政厅", "北岭新区"))
    assert got["二(二)5"] == (("省商务厅",), ("东港市",))


def test_units_a_label_adds_for_every_later_task_even_with_a_comma_in_the_clause():
    result = import_file(DATA / "label-ahead.txt")
    got = roles(result)
    assert got["一1"] == (("省税务局",), ("北港市税务局", "各市、县（区）人民政府", "东岚新区管委会"))
    assert got["二4"] == (("省自然资源厅",), ("各市、县（区）人民政府", "东岚新区管委会"))  # carried, nothing listed
    # the governments listed with 各 and named again without it for what follows are listed once here
    assert got["三(一)"] == (("省市场监管局",), ("省财政厅", "各市、县（市、区）人民政府", "各市、县（区）人民政府", "东岚新区管委会"))
    assert got["三(二)"][0] == ("省人社厅",)
    assert set(got["三(二)"][1]) == {"市、县（市、区）人民政府", "各市、县（区）人民政府", "东岚新区管委会"}
    found = parse_note("责任单位：甲局，以下均需乙局、丙局落实，不再列出")
    assert found is not None and found.responsible == ["甲局"] and found.also == ["乙局", "丙局"] and found.also_henceforth
    found = parse_note("责任单位：甲局，以下均需加强宣传，不再列出")  # no units after 均需: left as it was
    assert found is not None and found.also == []


def test_a_collective_written_whole_before_deng_is_no_reading_to_report():
    found = parse_note("省人社厅、省财政厅，各市、县〔区〕人民政府等按职责分工负责")
    assert found is not None and found.responsible[-1] == "各市、县〔区〕人民政府" and found.assumed == []
    found = parse_note("荔湾区、黄埔区政府负责")  # a reading the report states, as before
    assert found is not None and "荔湾区→荔湾区政府" in found.assumed


def test_a_level_word_alone_before_governments_is_one_collective_with_them():
    assert split_units("市、县（市、区）人民政府") == ["市、县（市、区）人民政府"]
    assert split_units("市、县人民政府、省财政厅") == ["市、县人民政府", "省财政厅"]
    assert split_units("市、区财政局") == ["市", "区财政局"]  # not governments: as before


def test_the_last_characters_of_a_label_broken_off_on_a_narrow_page_go_back_to_the_name():
    text = ("某市2031年重点工作任务分工方案\n\n一、加强组织领导。建立健全工作台账，逐项推进落实。\n"
            "牵头单位:市甲局\n配合单位:市乙委、各县(市、区)人民政\n府\n- 2 -\n"
            "二、完善工作机制。建立健全工作台账。\n（市甲局负责）\n附件\n")
    got = roles(import_text(text))
    assert got["一"] == (("市甲局",), ("市乙委", "各县(市、区)人民政府"))
    assert got["二"] == (("市甲局",), ())  # a heading `附件` after a note is no part of a name
    text = "某市方案\n一、加强组织领导。\n牵头单位:市甲局\n附件\n"
    assert roles(import_text(text))["一"] == (("市甲局",), ())


#: Units a first note names for every later task: collectives and organs of any kind.
AHEAD_UNITS = ["各县(市、区)人民政府", "各乡镇人民政府", "市、县（市、区）人民政府", "东岚新区管委会", "各街道办事处"]


@st.composite
def ahead_documents(draw):
    """A plan whose first note, a label's list, ends `以下…均需X，Y落实，不再列出`, items numbered any way, notes of
    any bracket, unit names of any ending: (text, {task: (leads, supports)})."""
    pool = draw(st.lists(any_names, min_size=2, max_size=5, unique=True))
    ahead = draw(st.lists(st.sampled_from(AHEAD_UNITS), min_size=1, max_size=2, unique=True))
    marks = draw(st.sampled_from([("", "{}."), ("一、", "（{}）")]))
    lines = ["某省人民政府办公厅关于印发若干措施的通知", "为稳定经营主体，制定如下措施。", marks[0] + "主要措施"]
    expected: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
    for number in range(1, draw(st.integers(2, 5)) + 1):
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        opening, closing = draw(st.sampled_from([("（", "）"), ("〔", "〕"), ("[", "]")]))
        listed = draw(st.sampled_from(["、", "，"])).join(chosen)
        clause = ""
        if number == 1:
            clause = (f"，以下{draw(st.sampled_from(['', '政策', '各项工作']))}均需"
                      f"{draw(st.sampled_from(['，', '、'])).join(ahead)}落实，"
                      f"{draw(st.sampled_from(['不再列出', '不再单独列出']))}")
        label = draw(st.sampled_from(["责任单位", "责任部门"])) + draw(st.sampled_from(["：", ":"]))
        written = marks[1].format(CN_NUMBERS[number - 1] if marks[1].startswith("（") else number)
        lines.append(f"{written}{draw(st.sampled_from(TITLES))}。{draw(st.sampled_from(BODIES))}"
                     f"{opening}{label}{listed}{clause}{closing}")
        task = (marks[0][:1] + f"({CN_NUMBERS[number - 1]})") if marks[0] else str(number)
        expected[task] = ((chosen[0],), frozenset(chosen[1:]) | {name for name in ahead if name != chosen[0]})
    indent = draw(st.sampled_from(["", "\u3000\u3000", "\u2003\u2003", "  "]))
    return "\n".join(indent + line for line in lines) + "\n", expected


CN_NUMBERS = "一二三四五六七八九十"


@settings(max_examples=60, deadline=None)
@given(ahead_documents())
def test_units_named_for_everything_after_in_the_first_label_support_every_task(document):
    text, expected = document
    tasks = qlmatrix.resolve(import_text(text).plan).tasks
    assert {t.id: (t.units(Role.LEAD), frozenset(t.units(Role.SUPPORT))) for t in tasks} == expected, text

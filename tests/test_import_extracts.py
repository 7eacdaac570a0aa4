"""Tables and pages copied in part (set I's classes): an extract of a longer table whose rows keep their own
numbers under part headings, role headers with a word inside, a spaced-out header, a table without a 序号
column whose task cells carry their number, a header with a copying site's pinyin. Each against a fixture."""

from __future__ import annotations

from pathlib import Path

import qlmatrix
from qlmatrix import Role
from qlmatrix.importer import import_file, import_text
from qlmatrix.importer.annotations import role_label
from qlmatrix.importer.columns import header_key

DATA = Path(__file__).parent / "data" / "import"


def roles(result) -> dict:
    return {t.id: (t.units(Role.LEAD), t.units(Role.SUPPORT)) for t in qlmatrix.resolve(result.plan).tasks
            if t.units(Role.LEAD) or t.units(Role.SUPPORT)}


def test_an_extract_keeps_its_rows_numbers_under_its_part_headings():
    got = roles(import_file(DATA / "table-extract.txt"))
    assert got == {
        "一5": (("区卫健局",), ("区医保局", "区民政局", "各镇人民政府", "街道办事处", "青岚康养集团")),
        "四41": (("区卫健局",), ("区教育局", "各镇人民政府")),
        "四42": (("区卫健局",), ("区发改局", "区住建局")),
    }


def test_an_extract_copied_a_cell_a_line_with_qualified_role_headers():
    got = roles(import_file(DATA / "table-extract-piped.txt"))
    assert got == {"一12": (("县发改局",), ("县财政局", "县统计局")), "一13": (("县发改局",), ("县招商中心",)),
                   "三27": (("县发改局",), ("县生态环境分局", "县林业局"))}


def test_a_table_without_a_number_column_takes_the_number_its_task_cell_opens_with():
    result = import_file(DATA / "table-own-numbers.txt")
    got = roles(result)
    assert set(got) == {"一1", "一2", "二3", "二(4)"}
    assert got["一1"][0] == ("市发改委",) and "白溪湾新区管委会" in got["一1"][1]  # `…管委会等`: the 等 dropped
    assert got["二3"] == (("市交通局",), ("市住建局(市人防办)",))
    tasks = {t.id: t.task for t in qlmatrix.resolve(result.plan).tasks}
    assert tasks["一1"].title.startswith("地区生产总值")  # the number is the row's, not the title's
    assert qlmatrix.loads(result.text) == result.plan


def test_a_header_with_pinyin_is_read_and_the_names_lose_it():
    result = import_file(DATA / "table-pinyin.txt")
    assert roles(result) == {"1": (("區衛生健康局",), ()), "2": (("區發改局",), ()), "3": (("區人社局",), ())}
    assert "(qū)" not in result.text and "30%" not in {u.name for u in result.plan.units}


def test_a_label_with_a_word_inside_heads_a_column_of_its_role():
    assert role_label("协同配合单位") == "support" and role_label("主要责任单位") == "lead"
    assert role_label("牵头组织实施单位") == "lead" and role_label("参加单位") == "support"
    assert role_label("责任领导") is None and role_label("责任领导责任单位") is None  # two cells, no label
    assert header_key("牵头考核单位") == "牵头单位" and header_key("配合落实部门") == "配合单位"
    assert header_key("牵头考核单位", qualified=False) == "牵头考核单位"


def test_a_rule_that_a_note_naming_no_lead_leaves_each_unit_its_part():
    result = import_file(DATA / "rule-each.txt")
    got = roles(result)
    assert got["一(一)1"] == (("省水利厅", "省发展改革委", "省直其他有关部门"), ())
    assert got["一(一)2"] == (("省水利厅",), ("省住房城乡建设厅", "省统计局"))  # 参加单位 apart by a U+3000
    assert got["一(二)3"] == (("省农业农村厅",), ("省水利厅", "省财政厅"))  # apart by a space
    assert got["一(二)4"] == (("省水利厅", "省农业农村厅"), ())
    assert result.problems == ()
    assert "分别牵头: 省水利厅、省农业农村厅" in result.text  # each its own part: no E301
    assert not any("所列" in unit.name for unit in result.plan.units)
    assert not [d for d in qlmatrix.check(result.plan) if d.code == "E301"]


def test_the_rule_after_the_first_unit_of_a_label_line():
    result = import_file(DATA / "rule-each-after.txt")
    got = roles(result)
    assert got["一1"] == (("县发改局", "县住建局", "县自然资源局"), ())
    assert got["一2"] == (("县财政局",), ("县发改局",))
    assert got["一3"] == (("县住建局", "城南街道办事处"), ())
    assert "原文第6行" in result.text.split("\n")[1]  # the header quotes the label line that states the rule


def test_paragraphs_without_numbers_that_each_assign_are_items():
    result = import_file(DATA / "unnumbered-paragraphs.txt")
    assert roles(result) == {"#1": (("市民政局",), ("市商务局",)), "#2": (("市住建局",), ()),
                             "#3": (("市教育局",), ("市卫健委",))}
    # the officials named after the units are people: kept in the text, never units
    assert not any("责任人" in unit.name or "副局长" in unit.name for unit in result.plan.units)
    assert "林某副局长" in result.text
    assert any("no numbered items" in p.reason.en for p in result.problems)  # the report says how it was read
    got = roles(import_file(DATA / "unnumbered-notes.txt"))
    assert got["#1"] == (("市教育局",), ("市发改委", "各区人民政府")) and got["#3"] == (("市水利局",), ())


def test_a_label_list_ends_before_a_phone_and_goes_on_in_the_lines_of_units_after_it():
    result = import_file(DATA / "project-entries.txt")
    assert roles(result) == {"#1": (("市人社局",), ("市财政局",)), "#2": (("市残联",), ("市民政局", "市财政局"))}
    assert not any(ch.isdigit() for unit in result.plan.units for ch in unit.name)
    assert "咨询电话:0571-5550123" in result.text  # kept in the task's text


def test_a_party_committee_and_its_government_named_together_are_one_unit():
    from qlmatrix.importer.units import split_units

    assert split_units("市林业局,丙河县党委、政府,高新区党工委、管委会") == ["市林业局", "丙河县党委、政府", "高新区党工委、管委会"]
    assert split_units("各县(区)党委、政府") == ["各县(区)党委、政府"]
    assert split_units("区委、区政府") == ["区委", "区政府"]  # each names its place: two units
    assert split_units("市发改委、政府办") == ["市发改委", "政府办"]
    result = import_file(DATA / "joint-organs.txt")
    got = roles(result)
    assert got["一(1)"] == (("市林业局",), ("丙河县党委、政府", "丁港区党委、政府", "高新区党工委、管委会"))
    assert got["一(3)"] == (("市住建局",), ("区委", "区政府", "青岚镇党委、人民政府"))
    assert "政府" not in {unit.name for unit in result.plan.units}
    assert qlmatrix.loads(result.text) == result.plan  # the names holding a 、 are quoted


def test_a_document_number_without_its_hao_is_the_source_and_no_unit():
    from qlmatrix.importer.annotations import DOCUMENT_NUMBER

    for number in ("青发〔2031〕3", "青人社发[2031]5", "依据青发〔2031〕7号文件", "根据青政发〔2031〕9号精神", "皖发〔2021〕9号"):
        assert DOCUMENT_NUMBER.match(number), number
    for name in ("省科技厅", "2031年底前", "青发2031"):  # no bracketed year and no 号: not a number
        assert not DOCUMENT_NUMBER.match(name), name
    result = import_file(DATA / "cited-numbers-bare.txt")
    got = roles(result)
    assert got["一1"] == (("省科技厅",), ("省财政厅",)) and got["一2"] == (("省科技厅",), ())
    assert got["二4"] == (("省人社厅",), ("省财政厅",))  # `[2031]5、` is the number's, no item 5
    assert got["二5"] == (("省国资委",), ("各市人民政府",))
    assert not any("〔" in unit.name or "[" in unit.name for unit in result.plan.units)
    assert "（青人社发[2031]5）" in result.text


def test_an_extract_without_headings_keeps_its_rows_numbers():
    got = roles(import_file(DATA / "table-extract-jumps.txt"))
    assert got == {"5": (("区民政局",), ("区财政局",)), "9": (("区民政局",), ("区医保局", "区人社局")),
                   "17": (("区民政局",), ("各街道办事处",))}


def test_a_lead_rule_stated_in_the_notice_holds_for_every_note():
    result = import_file(DATA / "rule-each-preamble.txt")
    got = roles(result)
    assert got["一1"] == (("省数据局", "省通信管理局"), ())
    assert got["一2"] == (("省数据局",), ("省财政厅",))
    assert got["二3"] == (("省数据局", "省市场监管局", "省公安厅"), ())
    assert "原文第4行“分工中未标明牵头单位的" in result.text.split("\n")[1]
    first = import_text("某方案\n\n各单位：列第一位的为牵头单位。\n\n1.甲事项。（责任单位：市甲局、市乙局）\n")
    assert roles(first) == {"1": (("市甲局",), ("市乙局",))} and "原文第3行" in first.text.split("\n")[1]


def test_heading_rows_and_heading_lines_between_rows_of_a_table_are_its_sections():
    got = roles(import_file(DATA / "table-extract-rows.txt"))  # `| 一、主要预期目标 | | | |`
    assert got == {"一4": (("区商务局",), ("区统计局",)), "一(二)11": (("区发改委",), ("区自然资源局", "各乡镇人民政府")),
                   "六70": (("区教育局",), ("区住建局",))}
    got = roles(import_file(DATA / "table-extract-pipes.txt"))  # a heading on a line of its own between `|` rows
    assert got == {"一8": (("区文旅局",), ("区商务局",)), "三52": (("区文旅局",), ("区住建局", "各街道办事处")),
                   "三53": (("区文旅局",), ("各乡镇人民政府",))}

"""What web copies of plans add around the units (set H's classes): a document number cited in the note, a part
number set apart by blanks, marks a copying site scattered through the text; and running lists opened by 由
after the item's opening words, sectors sharing 部门, two named organs joined by 和. Each against a fixture."""

from __future__ import annotations

from pathlib import Path

import qlmatrix
from qlmatrix import Role
from qlmatrix.importer import import_file
from qlmatrix.importer.annotations import parse_note
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


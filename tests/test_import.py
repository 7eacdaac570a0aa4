"""`qlm import`: conventions, encodings, formats, provenance, the report, and the seed document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix import Role
from qlmatrix.cli import main
from qlmatrix.fmt import format_text
from qlmatrix.importer import DocumentError, import_file, import_text
from qlmatrix.importer.annotations import parse_note

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "import"
GOLD = Path(__file__).parent / "data" / "import_gold"
SEED = ROOT.parent / "shared" / "seeds" / "004_473ea45572e01628.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


def roles(plan) -> dict:
    return {t.id: (tuple(map(str, t.task.units_in(Role.LEAD))), frozenset(map(str, t.task.units_in(Role.SUPPORT))))
            for t in qlmatrix.resolve(plan).tasks if t.own}


def gold(name: str) -> dict:
    tasks = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["tasks"]
    return {task: (tuple(r["lead"]), frozenset(r["support"])) for task, r in tasks.items()}


@pytest.mark.parametrize("note, leads, supports", [
    ("责任单位:综合办、纪监委", ["综合办"], ["纪监委"]),
    ("牵头单位:X局;配合单位:Y局、Z委", ["X局"], ["Y局", "Z委"]),
    ("牵头单位：X局，配合单位：Y局，各区、县级市", ["X局"], ["Y局", "各区、县级市"]),
    ("牵头单位:市委组织部(市委编办);责任单位:各县(市、区)政府(管委会)", ["市委组织部(市委编办)"], ["各县(市、区)政府(管委会)"]),
    ("A部、B部等有关部门和单位负责", ["A部"], ["B部"]),
    ("A部、B部，各省级人民政府按职责分工负责", ["A部"], ["B部", "各省级人民政府"]),
    ("A部、B部牵头负责", ["A部", "B部"], []),
    ("A局牵头，B局、C委配合", ["A局"], ["B局", "C委"]),
    ("责任单位：市高院、市公安局等；各区政府", ["市高院"], ["市公安局", "各区政府"]),
    ("責任單位：甲局、乙委", ["甲局"], ["乙委"]),
])
def test_notes(note, leads, supports):
    found = parse_note(note)
    assert found is not None
    assert found.roles()[:2] == (leads, supports)


@pytest.mark.parametrize("note", ["简称综保区", "5分", "此件公开发布", "县级市", "2023版", "含港澳台"])
def test_parentheses_that_are_not_notes(note):
    assert parse_note(note) is None


def test_stated_rule_applies_after():
    found = parse_note("A部、B部负责。列第一位者为牵头单位，下同")
    assert (found.rule, found.rule_henceforth) == ("first", True)
    assert parse_note("A部、B部负责，排名不分先后").roles() == ([], ["A部", "B部"], [])


@pytest.mark.parametrize("name", ["conventions", "table"])
def test_fixtures_match_their_gold(name):
    source = next(DATA.glob(f"{name}.*"))
    result = import_file(source)
    assert {task: r for task, r in roles(result.plan).items() if task in gold(name)} == gold(name)
    assert set(roles(result.plan)) == set(gold(name))


def test_output_is_canonical_parses_and_keeps_provenance():
    result = import_file(DATA / "conventions.txt")
    assert qlmatrix.loads(result.text) == result.plan
    assert format_text(result.text).formatted == result.text
    task = qlmatrix.resolve(result.plan).task("二(四)")
    assert task.span.line == 17 and task.due.text == "2024年12月底前"
    assert ("(四)优化政务服务。推进“一网通办”,提升办事效率。(责任单位:市政务服务数据管理局、市发展改革委、市司法局) {"
            "  # 原文第17行；分工见原文标注行") in result.text
    assert ("(五)推进数据共享。建立部门间数据共享机制,打通信息壁垒。"
            "(责任单位:市政务服务数据管理局、市发展改革委、市经济和信息化局)  # 原文第22行") in result.text
    assert not [d for d in qlmatrix.check(result.plan) if d.code.startswith("E0")]


def test_header_units_cadence_and_report():
    result = import_file(DATA / "conventions.txt")
    plan = result.plan
    assert (plan.title, plan.basis, plan.issuer) == ("江川市清廉机关建设三年行动工作方案", "江发〔2022〕3号", "江川市委办公室")
    units = {u.name: u for u in plan.units}
    assert units["各区、县级市"].full_name is None and units["各区、县级市"].collective  # the document's name, quoted
    assert not units["市司法局"].collective
    cadences = {t.id: (t.cadence and t.cadence.text, t.due and t.due.text) for t in qlmatrix.resolve(plan).tasks}
    assert cadences["一(一)"] == ("每半年至少一次", None)
    assert cadences["一(五)"] == ("每季度最后一个月的30日前", None)
    assert cadences["一(三)"] == (None, "2023年6月底前")
    assert [p.line for p in result.problems] == [30, 30]
    assert "# 未能识别的分工 2 处" in result.text and "原文第30行" in result.text
    assert all(d.code == "I010" for d in result.diagnostics)


def test_gb18030_crlf_and_bom():
    text = (DATA / "conventions.txt").read_text(encoding="utf-8")
    expected = roles(import_text(text).plan)
    assert roles(import_text(text.replace("\n", "\r\n").encode("gb18030")).plan) == expected
    assert roles(import_text(b"\xef\xbb\xbf" + text.encode("utf-8")).plan) == expected


def test_undecodable_bytes_name_the_offset_and_suggest_an_encoding(tmp_path, capsys):
    path = tmp_path / "big5.txt"
    path.write_bytes("一、總則\n(一)加強領導。(責任單位:甲局)\n".encode("big5") + b"\xff\xff")
    with pytest.raises(DocumentError) as error:
        import_file(path)
    assert error.value.diagnostic.code == "I001" and error.value.diagnostic.args["offset"].isdigit()
    assert main(["--lang", "en", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "I001" in err and "--encoding" in err
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("一、总则\n".encode("utf-16-le"))
    with pytest.raises(DocumentError) as error:
        import_file(utf16)
    assert error.value.diagnostic.help_args["suggestion"] == "utf-16-le"
    assert len(import_file(utf16, encoding="utf-16-le").plan.items) == 1


def test_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某区清廉学校建设方案")
    document.add_paragraph("一、主要任务")
    document.add_paragraph("（一）加强师德建设。开展师德专题教育。（责任单位：区教育局、区纪委监委）")
    document.add_paragraph("二、任务分工")
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(table.rows, [("序号", "重点任务", "牵头单位", "配合单位"),
                                       ("1", "规范招生管理", "区教育局", "区公安分局、各街道办事处"),
                                       ("2", "加强食堂监管", "区市场监管局", "区教育局")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    result = import_file(path)
    assert roles(result.plan) == {
        "一(一)": (("区教育局",), frozenset({"区纪委监委"})),
        "二1": (("区市场监管局",) if False else ("区教育局",), frozenset({"区公安分局", "各街道办事处"})),
        "二2": (("区市场监管局",), frozenset({"区教育局"})),
    }
    assert "原文第3段" in result.text and result.plan.title == "某区清廉学校建设方案"


def test_cli_writes_the_plan_and_reports_on_stderr(tmp_path, capsys):
    out = tmp_path / "plan.qlm"
    assert main(["--lang", "zh", "import", str(DATA / "conventions.txt"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "原文" not in err.splitlines()[-1] and "已导入 15 项任务" in err and ":30:" in err
    assert main(["check", str(out)]) != 2
    assert main(["import", str(tmp_path / "missing.txt")]) == 2


def test_runs_as_a_module(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "qlmatrix", "--lang", "en", "import", str(DATA / "table.md")],
                               capture_output=True, text=True, encoding="utf-8", check=True)
    assert completed.stdout.startswith("# 由 qlm import 导入：table.md")
    assert "imported 3 tasks" in completed.stderr


def test_text_and_files_have_their_own_entry_points(tmp_path):
    text = "一、总则\n（一）加强领导。（责任单位：甲局、乙委）\n"
    result = qlmatrix.import_text(text)
    assert roles(result.plan) == {"一(一)": (("甲局",), frozenset({"乙委"}))}
    # A one-line text that happens to look like a file name is text, never opened.
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    assert qlmatrix.import_text("notes.txt").plan.units == ()
    assert roles(qlmatrix.import_file(tmp_path / "notes.txt").plan) == roles(result.plan)


def _needs(path: Path, what: str) -> None:
    """Outside CI a developer may lack ../shared; in CI (where it is always beside the clone) it must be there."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{what} missing at {path}: CI must have ../shared beside the clone")
        pytest.skip(f"{what} lives outside the repository ({path})")


def test_seed_004_comes_out_as_the_example():
    _needs(SEED, "the seed document")
    result = import_file(SEED)
    example = qlmatrix.load(ROOT / "examples" / "xianning-gaoxin.qlm")
    assert roles(result.plan) == roles(example)
    assert [t.id for t in qlmatrix.resolve(result.plan).tasks] == [t.id for t in qlmatrix.resolve(example).tasks]
    assert result.plan.basis == example.basis


def test_accuracy_on_the_corpus(capsys):
    _needs(CORPUS, "the corpus")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import import_accuracy
    finally:
        sys.path.pop(0)
    assert import_accuracy.main([]) == 0
    assert "exact 100.0%" in capsys.readouterr().out


def test_utf16_with_a_byte_order_mark_needs_no_flag():
    text = "一、总则\n（一）加强领导。（责任单位：甲局、乙委）\n"
    assert roles(import_text(text.encode("utf-16")).plan) == {"一(一)": (("甲局",), frozenset({"乙委"}))}


def test_a_document_without_numbered_items_is_reported_and_stays_canonical():
    result = import_text("记者近日采访了有关负责人。\n全市各级党委要坚决扛起主体责任。\n")
    assert result.plan.items == () and [p.line for p in result.problems] == [1]
    assert format_text(result.text).formatted == result.text


def test_cadence_with_words_between_period_and_count():
    from qlmatrix.importer.phrases import find_cadence

    assert find_cadence("强化督查", "", "每半年开展一次专项督查。") == ("每半年一次", None)
    assert find_cadence("专题研究", "", "每半年至少专题研究一次全面从严治党工作")[0] == "每半年至少一次"

"""Every output is well-formed for any text a plan can hold: one test per case a tester found.

The convention (qlmatrix.render.safe, qlmatrix.diagnostics.text): a character
a format cannot carry, or that a terminal would act on, is shown as
`<U+XXXX>`; CR is a line break; one-line formats keep one finding per line;
Graphviz labels keep backslashes and `&` literal; CSV neutralises a formula
after leading whitespace too; XLSX cuts a cell at Excel's limit with a
visible mark and keeps the whole text on a `全文` sheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from qlmatrix import Assignment, Plan, Role, Section, Task, Unit
from qlmatrix.cli import main
from qlmatrix.diagnostics.text import code_point, json_text, visible
from qlmatrix.render import diagram, table, workbook
from qlmatrix.render.data import neutralise
from qlmatrix.render.safe import document, terminal
from qlmatrix.span import display_width

OSC = "甲\x1b]0;pwned\x07"
FORGED = "乙\nevil.qlm:1:1: E999 forged"
#: FORGED as a quoted .qlm string spells it: `\n` is the language's own escape for a newline.
FORGED_QLM = '"乙\\nevil.qlm:1:1: E999 forged"'


def plan_with(*units: str, title: str = "计划", task: str = "严格督查问责") -> Plan:
    """One section, one task led by the first unit and supported by the others."""
    roles = [Assignment(Role.LEAD, units[0]), *(Assignment(Role.SUPPORT, unit) for unit in units[1:])]
    item = Task(title=task, id="t1", number="(一)", assignments=roles)
    return Plan(title=title, units=[Unit(unit) for unit in units], items=[Section(title="总则", id="s1", number="一", items=[item])])


def svg_texts(svg: str) -> list[str]:
    from lxml import etree

    root = etree.fromstring(svg.encode("utf-8"))  # raises unless well-formed
    return ["".join(text.itertext()) for text in root.iter("{http://www.w3.org/2000/svg}text")]


def write_plan(tmp_path: Path, text: str) -> str:
    path = tmp_path / "plan.qlm"
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- the convention itself ---------------------------------------------------------------------


def test_one_notation_for_every_character_not_written_raw():
    assert code_point("\x1b") == "<U+001B>" and code_point("\uffff") == "<U+FFFF>" and code_point("\U0001ffff") == "<U+1FFFF>"
    assert visible(OSC) == "甲<U+001B>]0;pwned<U+0007>"
    assert visible(FORGED) == "乙<U+000A>evil.qlm:1:1: E999 forged"
    assert visible("纪监委\u200b\u202e\n", keep="\n") == "纪监委<U+200B><U+202E>\n"
    assert document("甲\x00乙\r\n丙\r丁\t\uffff\ud800") == "甲<U+0000>乙\n丙\n丁\t<U+FFFF><U+D800>"
    assert terminal("a\tb\r\nc\u2028") == "a<U+0009>b\nc<U+2028>"


def test_ordinary_text_is_left_as_it_is():
    text = "二、建设清廉的政治生态　(一)全面强化政治建设。A/B 2022年\n第二行"
    assert document(text) == text and terminal(text) == text and visible(text, keep="\n") == text
    assert neutralise(text) == text and json_text(json.dumps(text, ensure_ascii=False)) == json.dumps(text, ensure_ascii=False)


# --- Graphviz ---------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_responsibility_labels_keep_backslash_escapes_literal():
    """`任务 \\N和\\G` rendered as "b1和responsibility": the HTML-like labels now double backslashes."""
    plan = plan_with("纪监委\\L", task="任务 \\N和\\G")
    texts = svg_texts(diagram(plan, "responsibility", "svg"))
    assert any("任务 \\N和\\G" in text for text in texts), texts
    assert "纪监委\\L" in texts
    assert not any("b1" in text or "和responsibility" in text for text in texts)


@pytest.mark.graphviz
def test_quoted_labels_keep_entities_literal():
    """Graphviz decodes `&…;` in quoted labels too: `&#1;` would put a control character in the SVG."""
    plan = plan_with("甲&#1;&nbsp;", title="计划&amp;")
    texts = svg_texts(diagram(plan, "org", "svg"))
    assert "甲&#1;&nbsp;" in texts and any(text.startswith("计划&amp;") for text in texts)


@pytest.mark.graphviz
@pytest.mark.parametrize("view", ["org", "responsibility"])
def test_a_noncharacter_in_the_title_does_not_break_dot(view):
    plan = plan_with("纪监委", title="计划\uffff\ufffe")
    texts = svg_texts(diagram(plan, view, "svg"))
    assert any(text.startswith("计划<U+FFFF><U+FFFE>") for text in texts)


@pytest.mark.graphviz
def test_a_control_character_in_a_unit_name_gives_a_well_formed_org_svg():
    plan = plan_with("丁\x01", OSC)
    texts = svg_texts(diagram(plan, "org", "svg"))
    assert "丁<U+0001>" in texts and "甲<U+001B>]0;pwned<U+0007>" in "".join(texts)  # (a label wraps at 24 cells)


@pytest.mark.graphviz
def test_dot_writing_a_malformed_svg_is_a_failure():
    """The net under the labels: an SVG that is not well-formed XML is never returned."""
    from qlmatrix.render import RenderError
    from qlmatrix.render.engine import run_dot

    with pytest.raises(RenderError, match="not well-formed XML"):
        run_dot('digraph { a [label="x\x01"]; }', "svg")


# --- terminal ------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["raci", "tasks", "units"])
def test_the_terminal_table_holds_no_escape_sequence(view):
    text = table(plan_with(OSC, "乙\r丙"), view, "term")
    data = text.encode("utf-8")
    assert b"\x1b" not in data and b"\x07" not in data and b"\r" not in data
    if view != "raci":  # (there the unit is a column 6 cells wide, too narrow for a `<U+XXXX>`)
        assert "甲<U+001B>" in text and "<U+0007>" in text  # wrapped, but each notation whole


def test_the_terminal_table_aligns_what_it_shows():
    text = table(plan_with("甲\x1b", "乙"), "tasks", "term")
    header, rule, row = text.splitlines()[2], text.splitlines()[3], text.splitlines()[5]
    lead = header.index("牵头单位")
    assert display_width(row[: row.index("甲<U+001B>")]) == display_width(header[:lead])
    assert rule.count("-") >= display_width("甲<U+001B>")


def test_check_source_excerpts_show_control_characters(tmp_path, capsys):
    path = write_plan(tmp_path, f'单位 乙\n章 一、总则 {{\n  任务 (一) 严格督查问责 {{ 牵头: "{OSC}"; 配合: 乙 }}\n}}\n')
    assert main(["--lang", "en", "--color", "never", "check", path]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    excerpt = next(line for line in lines if line.startswith("3 |"))
    carets = lines[lines.index(excerpt) + 1]
    assert '"甲<U+001B>]0;pwned<U+0007>"' in excerpt
    # The carets stand under the span, measured in what is shown.
    assert display_width(carets[: carets.index("^")]) == display_width(excerpt[: excerpt.index('"甲')])
    assert "unit `甲<U+001B>]0;pwned<U+0007>` is not declared" in out


def test_excerpts_count_lines_as_the_parser_does(tmp_path, capsys):
    """A form feed or U+2028 in a comment is inside its line: the excerpt is the line the error is on."""
    path = write_plan(tmp_path, "单位 甲 # \x0c 注释 \u2028 x\n章 一、总则 {\n  任务 (一) 严格督查问责 { 牵头: 乙 }\n}\n")
    main(["--lang", "en", "--color", "never", "check", path])
    out = capsys.readouterr().out
    assert "3 |   任务 (一) 严格督查问责 { 牵头: 乙 }" in out
    assert "1 | 单位 甲 # <U+000C> 注释 <U+2028> x" in out


# --- one-line formats --------------------------------------------------------------------------


def test_concise_prints_one_line_per_finding(tmp_path, capsys):
    path = write_plan(tmp_path, f'单位 甲\n章 一、总则 {{\n  任务 (一) 严格督查问责 {{ 牵头: {FORGED_QLM} }}\n'
                                f'  任务 (二) 加大宣传力度 {{ 牵头: "{OSC}" }}\n}}\n')
    assert main(["--lang", "en", "check", "--format", "concise", path]) == 1
    lines = capsys.readouterr().out.splitlines()
    findings, summary = lines[:-1], lines[-1]
    assert summary.startswith("checked 1 file: 2 errors")
    # E101 twice, W203, and W105 for each name holding control characters (the line feed, ESC and BEL).
    assert len(findings) == 5 and all(line.startswith(path + ":") for line in findings)
    assert sum(": W105 " in line for line in findings) == 2
    assert not any(line.startswith("evil.qlm") for line in lines)
    assert f"unit `{visible(FORGED)}` is not declared" in findings[1]
    assert "\x1b" not in "\n".join(lines)


def test_github_annotations_are_one_command_per_finding(tmp_path, capsys):
    path = write_plan(tmp_path, f'单位 甲\n章 一、总则 {{\n  任务 (一) 严格督查问责 {{ 牵头: {FORGED_QLM} }}\n'
                                f'  任务 (二) 加大宣传力度 {{ 牵头: "{OSC}\u2028x" }}\n}}\n')
    assert main(["--lang", "en", "check", "--format", "github", path]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()  # str.splitlines also breaks at U+2028, U+0085, form feeds...
    assert len(lines) == 5 and all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert sum("W105" in line for line in lines) == 2  # the names' control characters, each found
    assert "unit `乙%0Aevil.qlm:1:1: E999 forged`" in out  # GitHub's own escape: still one command
    assert "\x1b" not in out and "<U+001B>]0;pwned<U+0007><U+2028>x" in out


# --- documents ------------------------------------------------------------------------------------


def test_a_carriage_return_does_not_split_a_markdown_row():
    text = table(plan_with("甲", "乙\r丙", "丁\r\n戊"), "tasks", "md")
    rows = [line for line in text.split("\n") if line.startswith("| （一）")]
    assert rows == ["| （一） | 严格督查问责 | 甲 | 乙<br>丙、丁<br>戊 |  |"]
    assert "\r" not in text


def test_html_and_docx_take_line_breaks_and_replace_what_xml_cannot_hold():
    import docx

    plan = plan_with("甲\x00", "乙\r丙", title="计划\x1b\uffff")
    page = table(plan, "tasks", "html")
    assert "甲&lt;U+0000&gt;" in page and "乙<br>丙" in page and "\x00" not in page and "\r" not in page
    document_ = docx.Document(io.BytesIO(table(plan, "tasks", "docx")))  # raised ValueError before
    cells = [cell.text for row in document_.tables[0].rows for cell in row.cells]
    assert "甲<U+0000>" in cells and "乙\n丙" in cells
    assert document_.core_properties.title == "计划<U+001B><U+FFFF> · 任务分工表"


def test_xlsx_cuts_a_long_cell_visibly_and_keeps_the_whole_text():
    import openpyxl

    long = "长" * 40_000
    book = openpyxl.load_workbook(io.BytesIO(workbook(plan_with("纪监委", task=long), ["tasks"])))
    cell = book["任务分工表"]["B5"]
    assert len(cell.value) == 32767 and cell.value.startswith("长" * 30_000)
    assert cell.value.endswith("…〔已截断：全文 40,000 字符，超出 Excel 单元格上限 32,767 字符；全文见工作表“全文”第 2 行〕")
    full = book["全文"]
    assert [c.value for c in full[1]][:2] == ["位置", "字符数"]
    where, length, *pieces = [c.value for c in full[2]]
    assert (where, length) == ("任务分工表!B5", 40_000)
    assert all(len(piece) <= 32767 for piece in pieces) and "".join(pieces) == long


def test_xlsx_counts_the_limit_in_utf16_units():
    """Excel counts a character beyond U+FFFF twice: 20,000 of them are over the limit."""
    import openpyxl

    astral = "\U00020000" * 20_000
    book = openpyxl.load_workbook(io.BytesIO(table(plan_with("纪监委", task=astral), "tasks", "xlsx")))
    cell = book["任务分工表"]["B5"]
    assert "已截断" in cell.value and len(cell.value.encode("utf-16-le")) // 2 <= 32767
    assert "".join(c.value for c in book["全文"][2][2:] if c.value) == astral


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
@pytest.mark.parametrize("space", ["", " ", "  ", "\t", "\u3000", " \t\u3000", "\u00a0", "\u200b", "\ufeff"])
def test_csv_neutralises_formulas_after_leading_whitespace(start, space):
    name = f"{space}{start}HYPERLINK(1)"
    rows = list(csv.reader(io.StringIO(table(plan_with(name), "raci", "csv")[1:], newline="")))
    assert f"'{name}" in rows[0]  # the unit's column
    assert neutralise(name) == f"'{name}"


def test_csv_leaves_ordinary_cells_alone():
    assert [neutralise(text) for text in ("纪监委", " 纪监委", "\u3000总则", "a=1", "")] == ["纪监委", " 纪监委", "\u3000总则", "a=1", ""]


def test_json_loses_nothing():
    names = [OSC, "乙\r\n丙", "丁\uffff", "戊\ud800", "己\x85\u2028"]
    text = table(plan_with(*names), "raci", "json")
    text.encode("utf-8")  # a lone surrogate is escaped, never written raw
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", text)
    assert json.loads(text)["columns"][2:] == names


# --- qlm render -----------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_render_writes_every_file_for_a_hostile_title(tmp_path, capsys):
    """A control character, U+FFFE or U+FFFF in a title made python-docx raise half-way through."""
    import docx
    import openpyxl
    from lxml import html

    path = write_plan(tmp_path, '计划 "标题\x01\ufffe\uffff\x1b]0;x\x07"\n单位 甲\n章 一、总则 {\n  任务 (一) "任务\\\\N\r" { 牵头: 甲 }\n}\n')
    out = tmp_path / "out"
    assert main(["--lang", "en", "render", path, "-o", str(out), "--allow-errors"]) == 0
    names = sorted(p.name for p in out.iterdir())
    expected = sorted([f"{view}.{suffix}" for view in ("raci", "tasks", "units")
                       for suffix in ("md", "html", "csv", "json", "docx", "txt")]
                      + ["tables.xlsx"] + [f"{view}.{suffix}" for view in ("org", "responsibility") for suffix in ("dot", "svg", "png")])
    assert names == expected
    for view in ("raci", "tasks", "units"):
        assert docx.Document(str(out / f"{view}.docx")).core_properties.title.startswith("标题<U+0001><U+FFFE><U+FFFF>")
        html.document_fromstring((out / f"{view}.html").read_text(encoding="utf-8"))
        assert b"\x1b" not in (out / f"{view}.txt").read_bytes()
    openpyxl.load_workbook(str(out / "tables.xlsx"))
    for view in ("org", "responsibility"):
        assert any(text.startswith("标题<U+0001><U+FFFE><U+FFFF>") for text in svg_texts((out / f"{view}.svg").read_text(encoding="utf-8")))


def test_filter_errors_show_the_plan_names_they_suggest():
    """`did you mean …?` quotes a unit of the plan, and the CLI prints it on a terminal."""
    from qlmatrix.render import RenderError

    with pytest.raises(RenderError) as raised:
        table(plan_with(OSC), "raci", "md", unit="甲\x1b]0;pwne")
    message = str(raised.value)
    assert "\x1b" not in message and "did you mean `甲<U+001B>]0;pwned<U+0007>`?" in message

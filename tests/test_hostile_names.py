"""A matrix of hostile names through every table view × every format and both diagrams, judged by real parsers.

One plan holds every hostile name (as a unit, its full name, a task title, a
section title, a report's content, the plan's title, basis and issuer), so
the whole matrix renders each output once. The 40,000-character name has a
plan of its own and goes only where size is the point (XLSX's cell limit,
and the text formats that must carry it whole).

Judges: lxml for HTML and SVG, `dot -Tsvg` for the DOT, openpyxl for XLSX,
python-docx for DOCX, json for JSON, a Markdown table check (every row of a
table has as many unescaped `|` as its header) and a terminal-safe check
(no C0 or C1 control character but the newline, no bidirectional or
zero-width character).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import unicodedata

import pytest

from qlmatrix import Assignment, Plan, Report, Role, Section, Task, Unit
from qlmatrix.render import diagram, table
from qlmatrix.render.safe import document, terminal

VIEWS = ("raci", "tasks", "units")
FORMATS = ("term", "md", "html", "csv", "xlsx", "docx", "json")

#: Each a unit name, and (with a prefix) a task title. Keep them short: the diagrams wrap at
#: about 24 display cells, and the SVG judge looks for each line of a name on one line.
HOSTILE = [
    'quo"te',
    "apo'strophe",
    "back\\slash",
    "trailing\\",
    "\\N\\G\\L\\E\\T\\H",
    "\\n\\l\\r",
    "<script>alert(1)</script>",
    "&nbsp;&#1;&bogus;",
    "{brace}|pipe",
    "=cmd|'/C calc'!A0",
    "+SUM(1)",
    "-2+3",
    "@import",
    " =space",
    "\t=tab",
    "\u3000=ideographic",
    " \t\u3000-mixed",
    "tab\tinside",
    "cr\rinside",
    "lf\ninside",
    "crlf\r\ninside",
    "nul\x00inside",
    "esc\x1b[31mred",
    "osc\x1b]0;pwned\x07",
    "c1\x85\x9bcsi",
    "del\x7f",
    "nonchar\ufffe",
    "nonchar\uffff",
    "astral\U0001ffff",
    "lone\ud800surrogate",
    "rlo\u202eevil",
    "zero\u200bwidth",
    "bom\ufeff",
    "line\u2028sep",
    "纪监委#*_`~[x]",
]
LONG = "长" * 40_000

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # every C0 and C1 control but the newline
#: The same for documents and diagrams, which keep a tab as it is (every format carries it).
DOCUMENT_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def hostile_plan() -> Plan:
    units = [Unit(name, full_name=f"全称{name}", levels=["市"]) for name in HOSTILE]
    tasks = [
        Task(
            title=f"任务{name}",
            id=f"t{number}",
            number=str(number),
            assignments=[Assignment(Role.LEAD, name), Assignment(Role.SUPPORT, HOSTILE[(number + 1) % len(HOSTILE)])],
        )
        for number, name in enumerate(HOSTILE, start=1)
    ]
    reports = [Report(source=HOSTILE[0], target=HOSTILE[1], content="内容\\N\x1b]0;x\x07\uffff")]
    section = Section(title='章"节\\N<b>\x1b\uffff', id="s1", number="一",
                      assignments=[Assignment(Role.OVERSEE, HOSTILE[2])], items=[*tasks, *reports])
    return Plan(title="计划\\G\x00\ufffe\uffff\r\n<i>", basis="依据\x1b[2J", issuer="=发文", units=units, items=[section])


def long_plan() -> Plan:
    task = Task(title=LONG, id="t1", number="1", assignments=[Assignment(Role.LEAD, "纪监委")])
    return Plan(title="长文", units=[Unit("纪监委")], items=[Section(title="章", id="s1", number="一", items=[task])])


@pytest.fixture(scope="module")
def plan() -> Plan:
    return hostile_plan()


@pytest.fixture(scope="module")
def rendered(plan):
    """Every view in every format, rendered once for the module."""
    return {(view, fmt): table(plan, view, fmt) for view in VIEWS for fmt in FORMATS}


def shown(name: str) -> list[str]:
    """The lines of `name` as every document shows it (`<U+XXXX>` for what it cannot carry)."""
    return [line for line in document(name).split("\n") if line.strip()]


def assert_encodable(text: str) -> None:
    text.encode("utf-8")  # no lone surrogate


def strings(data: object) -> list[str]:
    """Every string in parsed JSON."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return []


# --- every table view × every format -----------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_terminal_is_terminal_safe(rendered, view):
    text = rendered[view, "term"]
    assert_encodable(text)
    assert not CONTROL.search(text), repr(CONTROL.search(text))
    assert not INVISIBLE.search(text), repr(INVISIBLE.search(text))


def test_terminal_shows_hostile_titles_escaped_not_dropped(plan):
    # On a line wide enough for every title (names never break, so at 100 cells the titles wrap).
    text = table(plan, "tasks", "term", width=240)
    assert isinstance(text, str)
    for name in ("osc\x1b]0;pwned\x07", "rlo\u202eevil", "zero\u200bwidth", "nul\x00inside", "tab\tinside"):
        assert f"任务{terminal(name)}" in text, name


@pytest.mark.parametrize("view", VIEWS)
def test_markdown_rows_keep_their_columns(rendered, view):
    text = rendered[view, "md"]
    assert_encodable(text)
    assert not DOCUMENT_CONTROL.search(text)  # no CR either: it would split the row
    assert "<script" not in text and "<b>" not in text and "<i>" not in text
    header_pipes = None
    rows = 0
    for line in text.split("\n"):
        if not line.startswith("|"):
            header_pipes = None
            continue
        pipes = len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))
        if header_pipes is None:
            header_pipes = pipes
        assert pipes == header_pipes, line
        rows += 1
    assert rows > len(HOSTILE) // 2


@pytest.mark.parametrize("view", VIEWS)
def test_html_parses_and_holds_every_name_as_text(rendered, view):
    from lxml import html

    page = rendered[view, "html"]
    assert_encodable(page)
    assert not XML_ILLEGAL.search(page) and not DOCUMENT_CONTROL.search(page)
    root = html.document_fromstring(page)
    assert root.xpath("//script") == [] and root.xpath("//b") == [] and root.xpath("//i") == []
    body = root.text_content()
    for name in HOSTILE:  # every view names every unit
        for line in shown(name):
            assert line in body, (view, name)


@pytest.mark.parametrize("view", VIEWS)
def test_csv_rows_parse_and_no_cell_is_a_formula(rendered, view):
    text = rendered[view, "csv"]
    assert_encodable(text)
    assert text.startswith("\ufeff")
    assert not DOCUMENT_CONTROL.search(text.replace("\r\n", "\n"))  # CRLF ends a record, no CR elsewhere
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert len({len(row) for row in rows}) == 1
    for row in rows:
        for cell in row:
            stripped = re.sub(r"^[\s\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+", "", cell)
            assert not stripped.startswith(("=", "+", "-", "@")), cell
    if view == "raci":  # the header names every unit, as written, each formula behind an apostrophe
        assert {"'=cmd|'/C calc'!A0", "'+SUM(1)", "'-2+3", "'@import", "' =space", "'\t=tab", "'\u3000=ideographic",
                "' \t\u3000-mixed", "tab\tinside", "cr\ninside", "crlf\ninside", "nul<U+0000>inside"} <= set(rows[0])


@pytest.mark.parametrize("view", VIEWS)
def test_xlsx_opens_and_keeps_strings_as_text(rendered, view):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(rendered[view, "xlsx"]))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    assert not DOCUMENT_CONTROL.search(cell.value)
                    texts.append(cell.value)
    joined = "\n".join(texts)
    for name in HOSTILE:
        for line in shown(name):
            assert line in joined, (view, name)


@pytest.mark.parametrize("view", VIEWS)
def test_docx_opens_and_holds_every_name(rendered, view):
    import docx

    document_ = docx.Document(io.BytesIO(rendered[view, "docx"]))
    cells = "\n".join(cell.text for row in document_.tables[0].rows for cell in row.cells)
    for name in HOSTILE:
        for line in shown(name):
            assert line in cells, (view, name)
    assert document_.core_properties.title.startswith("计划\\G<U+0000>")


@pytest.mark.parametrize("view", VIEWS)
def test_json_is_lossless(rendered, view):
    text = rendered[view, "json"]
    assert_encodable(text)
    assert not CONTROL.search(text.replace("\n", "")) and "\u2028" not in text
    data = json.loads(text)
    assert data["title"].startswith("计划\\G\x00\ufffe\uffff\r\n<i>")
    found = "\n".join(strings(data))
    for name in HOSTILE:
        assert name in found, name
    if view == "raci":
        assert [column for column in data["columns"] if column in HOSTILE] == HOSTILE


# --- both diagrams ------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["org", "responsibility"])
def test_dot_text_is_safe(plan, view):
    source = diagram(plan, view, "dot")
    assert_encodable(source)
    assert not DOCUMENT_CONTROL.search(source) and not XML_ILLEGAL.search(source)


@pytest.mark.graphviz
@pytest.mark.parametrize("view", ["org", "responsibility"])
def test_dot_accepts_it_and_the_svg_parses_with_every_name_literal(plan, view):
    from lxml import etree

    source = diagram(plan, view, "dot")
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Error" not in done.stderr, done.stderr.decode()
    root = etree.fromstring(done.stdout)
    lines = ["".join(text.itertext()) for text in root.iter("{http://www.w3.org/2000/svg}text")]
    drawn = "\n".join(lines)
    assert not DOCUMENT_CONTROL.search(drawn)
    flat = "".join(lines)  # a label wraps at about 24 display cells: a name may span two lines
    for name in HOSTILE:
        assert "".join(document(name).split("\n")) in flat, (view, name)  # literal: `\N` stays `\N`, `&nbsp;` too
    assert "\\N\\G\\L\\E\\T\\H" in drawn and "&nbsp;&#1;&bogus;" in drawn
    assert any(line.startswith("计划\\G<U+0000><U+FFFE><U+FFFF>") for line in lines)


def test_the_svg_from_the_api_parses_too(plan):
    """`diagram(..., "svg")` as a Python caller gets it: a string lxml reads."""
    from lxml import etree

    for view in ("org", "responsibility"):
        etree.fromstring(diagram(plan, view, "svg").encode("utf-8"))


# --- the 40,000-character name: only where size is the point -----------------------------------


@pytest.fixture(scope="module")
def long() -> Plan:
    return long_plan()


def test_a_long_name_in_xlsx_is_cut_visibly_and_kept_whole(long):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(table(long, "tasks", "xlsx")))
    sheet = book["任务分工表"]
    cell = next(cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str) and cell.value.startswith("长长"))
    assert len(cell.value) <= 32767
    assert "已截断" in cell.value and "40,000" in cell.value and "全文" in cell.value
    full = book["全文"]
    (row,) = list(full.iter_rows(min_row=2, values_only=True))
    assert row[0] == f"任务分工表!{cell.coordinate}" and row[1] == 40_000
    assert "".join(piece for piece in row[2:] if piece) == LONG


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "term"])
def test_a_long_name_in_text_formats_is_kept_whole(long, fmt):
    text = table(long, "tasks", fmt)
    if fmt == "term":
        assert text.count("长") == 40_000 + "长文".count("长")  # wrapped, not cut (and the title)
    else:
        assert LONG in text


def test_the_judges_know_what_they_judge():
    """The hostile names hold what the matrix promises: every class of character is in it."""
    joined = "".join(HOSTILE)
    assert {"\x00", "\t", "\r", "\n", "\x1b", "\x85", "\ufffe", "\uffff", "\u202e", "\u200b", "\ud800", "\u3000"} <= set(joined)
    assert any(unicodedata.category(char) == "Cs" for char in joined)
    assert len(LONG) == 40_000

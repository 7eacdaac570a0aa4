"""Hostile names cannot break any output: quotes, backslashes, braces, <>, pipes and `=cmd` formulas."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess

import pytest

from qlmatrix import Assignment, Plan, Role, Section, Task, Unit
from qlmatrix.render import diagram, table, workbook
from qlmatrix.render.data import neutralise
from qlmatrix.render.dot import quote

EVIL = [
    'a"b',
    "back\\slash\\",
    "{brace}",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "-2+3",
    "@import",
    "pipe|name",
    "x:y",
]
FORMULA = "=HYPERLINK(\"http://x\")"


def evil_plan() -> Plan:
    units = [Unit(name) for name in EVIL]
    tasks = [
        Task(
            title=f"{FORMULA} 任务{index}",
            id=f"t{index}",
            assignments=[Assignment(Role.LEAD, name), Assignment(Role.SUPPORT, EVIL[(index + 1) % len(EVIL)])],
            cadence="每年",
        )
        for index, name in enumerate(EVIL)
    ]
    section = Section(title='章"节{x}<y>\\', id="s1", number="一", assignments=[Assignment(Role.OVERSEE, EVIL[0])], items=tasks)
    return Plan(title="<b>计划</b>", units=units, items=[section])


@pytest.fixture(scope="module")
def plan():
    return evil_plan()


def test_dot_quote_keeps_text_literal():
    assert quote('a"b') == '"a\\"b"'
    assert quote("c:\\") == '"c:\\\\"'
    assert quote("两行\n文字") == '"两行\\n文字"'


@pytest.mark.parametrize("view", ["org", "responsibility"])
def test_dot_ids_are_synthetic_ascii(plan, view):
    source = diagram(plan, view, "dot")
    for line in source.splitlines()[1:-1]:
        statement = line.strip()
        if statement.startswith(("graph ", "node ", "edge ", "subgraph", "}", "{rank")):
            continue
        head = re.match(r"([A-Za-z0-9_]+)( -> ([A-Za-z0-9_]+))?( \[|;)", statement)
        assert head, f"statement does not start with ASCII ids: {statement}"


@pytest.mark.graphviz
@pytest.mark.parametrize("view", ["org", "responsibility"])
def test_dot_parses_and_keeps_every_name(plan, view):
    """dot reads the file without error, and every hostile name comes out as written."""
    source = diagram(plan, view, "dot")
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    drawn = "".join(html.unescape(text) for text in re.findall(r"<text[^>]*>(.*?)</text>", done.stdout.decode()))
    for name in EVIL:
        assert name in drawn, name


def test_markdown_escapes_pipes_and_html(plan):
    text = table(plan, "tasks", "md")
    assert "<script>" not in text and "&lt;script&gt;" in text
    rows = [line for line in text.splitlines() if line.startswith(("| (", "| （", "| 1"))]
    assert rows
    for line in rows:
        assert len(re.findall(r"(?<!\\)\|", line)) == 6  # 5 columns, no stray pipe


def test_html_escapes_everything(plan):
    page = table(plan, "raci", "html")
    assert "<script>" not in page and "<b>计划</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a&quot;b" in page


def test_csv_neutralises_formulas(plan):
    text = table(plan, "units", "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(cell == "'" + FORMULA + " 任务0" or cell.endswith(FORMULA + " 任务0") for row in rows for cell in row)
    assert neutralise("=1+1") == "'=1+1" and neutralise("纪监委") == "纪监委"


def test_xlsx_stores_formulas_as_text(plan):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook(plan)))
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    seen += 1
    assert seen >= 5


def test_docx_and_json_keep_text(plan):
    import docx

    document = docx.Document(io.BytesIO(table(plan, "tasks", "docx")))
    texts = {cell.text for row in document.tables[0].rows for cell in row.cells}
    assert "back\\slash\\" in texts and f"{FORMULA} 任务0" in texts
    data = json.loads(table(plan, "raci", "json"))
    assert [c for c in data["columns"] if c in EVIL] == EVIL


def test_terminal_aligns_wide_text():
    from qlmatrix.render.table import Cell, Column, Group, Table
    from qlmatrix.render.text import to_terminal
    from qlmatrix.span import display_width

    built = Table("tasks", "t", [Column("名称", 10), Column("x", 4)], [Group(None, [(Cell("纪监委"), Cell("A")), (Cell("ab"), Cell("B"))])])
    lines = to_terminal(built).splitlines()[2:]
    assert len({display_width(line.rstrip()) for line in lines if line.strip() and not line.startswith("-")}) == 1

"""The 责任清单: a unit holding several roles on one task has one row naming them all, in every format.

Two rows (`牵头 (一) 某项`, then further down `监督 (一) 某项`) read as two
duties; the row says `牵头、监督` instead, where the first role puts it. Every
format comes from the same built table through `render.emit_table`.
"""

from __future__ import annotations

import html
import io
import json
import re

import docx
import openpyxl
import pytest

from qlmatrix.parser import read_text
from qlmatrix.render import TABLE_FORMATS, build_table, emit_table, table

PLAN = read_text("单位 甲局、乙局\n"
                 "任务 (一) 某项 { 牵头: 甲局; 监督: 甲局; 配合: 乙局 }\n"
                 "任务 (二) 另项 { 牵头: 乙局; 监督: 甲局 }\n").plan


def cells_of(data: str | bytes, fmt: str) -> list[str]:
    """Every cell's text of the output, as its reader sees it."""
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        return [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    if fmt == "docx":
        return [cell.text for t in docx.Document(io.BytesIO(data)).tables for row in t.rows for cell in row.cells]
    if fmt == "json":
        return [cell["text"] for group in json.loads(data)["groups"] for row in group["rows"] for cell in row]
    if fmt == "html":  # a cell's text is in spans that keep names whole
        return [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", str(data))]
    return [str(data)]


def test_one_row_names_both_roles():
    built = build_table(PLAN, "units")
    rows = {group.heading: [(row[0].text, row[1].text) for row in group.rows] for group in built.groups}
    assert rows["甲局"] == [("牵头、监督", "(一) 某项"), ("监督", "(二) 另项")]
    assert rows["乙局"] == [("牵头", "(二) 另项"), ("配合", "(一) 某项")]
    assert [role.value for role in built.groups[0].rows[0][0].roles] == ["lead", "oversee"]


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_every_format_shows_the_one_row(fmt):
    out = emit_table(build_table(PLAN, "units"), fmt)
    found = cells_of(out, fmt)
    text = "\n".join(found)
    assert "牵头、监督" in text
    assert "牵头、监督!" not in text  # the words say it: not a RACI cell's conflict mark
    # The task is named once for each unit holding it: 甲局 (both roles) and 乙局.
    if fmt in ("xlsx", "docx", "json", "html"):
        assert sum(cell == "(一) 某项" for cell in found) == 2
    else:
        assert text.count("(一) 某项") == 2


def test_the_role_column_is_as_wide_as_the_words():
    lines = str(table(PLAN, "units", "term")).splitlines()
    row = next(line for line in lines if line.startswith("牵头、监督"))
    assert row.startswith("牵头、监督  (一) 某项")  # the words on one line, the gap, then the task


def test_a_role_filter_keeps_its_own_role():
    built = build_table(PLAN, "units", role="牵头")
    assert [(row[0].text, row[1].text) for row in built.rows] == [("牵头", "(一) 某项"), ("牵头", "(二) 另项")]


def test_the_matrix_still_marks_the_conflict():
    assert "A/I!" in str(table(PLAN, "raci", "md"))

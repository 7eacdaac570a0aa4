"""CSV and JSON emitters for a `Table`.

CSV is UTF-8 with a byte-order mark by default, because Excel and WPS read a
BOM-less CSV in the local code page and show Chinese as mojibake. Cells that
a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
leading apostrophe, as OWASP recommends for CSV injection.
"""

from __future__ import annotations

import csv
import io
import json

from ..raci import ROLE_WORDS
from .table import Cell, Table, render_row

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(text: str) -> str:
    """`=HYPERLINK(…)` -> `'=HYPERLINK(…)`: shown as text, never run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(table: Table, bom: bool = True) -> str:
    """One row per table row; the group heading (章节 or 单位) becomes the first column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    with_heading = any(group.heading for group in table.groups)
    header = ([table.group_label] if with_heading else []) + [column.title for column in table.columns]
    writer.writerow([neutralise(text) for text in header])
    blanks = [""] * len(table.columns)  # a blank cell's text; a RACI row is mostly blank

    def text(col: int, cell: Cell) -> str:
        return neutralise(cell.text)

    for group in table.groups:
        lead = [neutralise(group.heading or "")] if with_heading else []
        writer.writerows(lead + render_row(row, blanks, text) for row in group.rows)
    return (BOM if bom else "") + buffer.getvalue()


def table_data(table: Table) -> dict[str, object]:
    """The table as plain data: columns, groups of rows (cells with their roles), legend."""
    blank: dict[str, object] = {"text": "", "roles": []}
    blanks = [blank] * len(table.columns)  # one dict for every blank cell: they serialise alike

    def cell_data(col: int, cell: Cell) -> dict[str, object]:
        return {"text": cell.text, "roles": [role.value for role in cell.roles]}

    return {
        "view": table.view,
        "title": table.title,
        "notes": list(table.notes),
        "scheme": table.scheme.value,
        "columns": [column.title for column in table.columns],
        "groups": [
            {
                "heading": group.heading,
                "rows": [render_row(row, blanks, cell_data) for row in group.rows],
            }
            for group in table.groups
        ],
        "legend": [
            {"letter": mark, "role": role.value, "word": ROLE_WORDS[role], "zh": zh, "en": en}
            for mark, role, zh, en in table.legend()
        ],
    }


def to_json(table: Table) -> str:
    return json.dumps(table_data(table), ensure_ascii=False, indent=2) + "\n"

"""CSV and JSON emitters for a `Table`.

CSV is UTF-8 with a byte-order mark by default, because Excel and WPS read a
BOM-less CSV in the local code page and show Chinese as mojibake. Cells that
a spreadsheet would run as a formula (starting with = + - @, tab or CR, also
after leading spaces, tabs, U+3000 or invisible characters, which spreadsheets
skip or trim) get a leading apostrophe, as OWASP recommends for CSV injection.
Text is first made what every document may hold (`safe.document`): a CR is a
line break, a character no format carries is `<U+XXXX>`.

JSON loses nothing: every character is kept, the ones a reader could trip on
as JSON's own `\\uXXXX` escapes (`qlmatrix.diagnostics.text.json_text`, shared by every JSON writer).
Its shape is qlmatrix/schema/table.schema.json (docs/rendering.md, "JSON"): each row lists its
filled cells with their column, so it grows with the assignments, not with tasks × units.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re

from ..diagnostics.text import json_text
from ..raci import ROLE_WORDS
from .safe import document
from .table import Cell, Table, filled, render_row

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
BOM = "\ufeff"
#: A formula starter after what a spreadsheet skips or trims before it: any whitespace (space, tab,
#: U+3000, no-break spaces...) and invisible format characters (U+200B, U+FEFF, bidi controls...).
_SPACED_FORMULA = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]+[=+\-@]")


def neutralise(text: str) -> str:
    """`=HYPERLINK(…)` -> `'=HYPERLINK(…)`, and so ` =…`, `\\t=…`, `\\u3000=…`: shown as text, never run."""
    if text.startswith(FORMULA_STARTS) or _SPACED_FORMULA.match(text):
        return "'" + text
    return text


def to_csv(table: Table, bom: bool = True) -> str:
    """One row per table row; the group heading (章节 or 单位) becomes the first column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    with_heading = any(group.heading for group in table.groups)
    header = ([table.group_label] if with_heading else []) + [column.title for column in table.columns]
    writer.writerow([neutralise(document(text)) for text in header])
    blanks = [""] * len(table.columns)  # a blank cell's text; a RACI row is mostly blank

    written: dict[str, str] = {}  # each distinct text made safe once: rows share their cells' texts

    def text(col: int, cell: Cell) -> str:
        found = written.get(cell.text)
        if found is None:
            found = written[cell.text] = neutralise(document(cell.text))
        return found

    for group in table.groups:
        lead = [neutralise(document(group.heading or ""))] if with_heading else []
        writer.writerows(lead + render_row(row, blanks, text) for row in group.rows)
    return (BOM if bom else "") + buffer.getvalue()


#: The version of the table JSON's shape (qlmatrix/schema/table.schema.json); changes when a field changes meaning.
TABLE_SCHEMA_VERSION = 2


def _cell_data(col: int, cell: Cell) -> dict[str, object]:
    return {"col": col, "text": cell.text, "roles": [role.value for role in cell.roles]}


def _head(table: Table) -> dict[str, object]:
    return {
        "schema_version": TABLE_SCHEMA_VERSION,
        "view": table.view,
        "title": table.title,
        "notes": list(table.notes),
        "scheme": table.scheme.value,
        "columns": [column.title for column in table.columns],
    }


def _legend(table: Table) -> list[dict[str, str]]:
    return [{"letter": mark, "role": role.value, "word": ROLE_WORDS[role], "zh": zh, "en": en}
            for mark, role, zh, en in table.legend()]


def table_data(table: Table) -> dict[str, object]:
    """The table as plain data: columns, groups of rows, legend (the shape of `to_json`).

    A row lists only its filled cells, each with its column number (`col`): a RACI matrix is
    tasks × units and mostly blank, and its JSON grows with the assignments, not with its area.
    """
    return {
        **_head(table),
        "groups": [{"heading": group.heading, "rows": [[_cell_data(col, cell) for col, cell in filled(row)]
                                                         for row in group.rows]}
                   for group in table.groups],
        "legend": _legend(table),
    }


def to_json(table: Table) -> str:
    """`table_data` as JSON text, a row to a line (a 10,000-task plan stays readable and quick to write)."""
    dump = functools.partial(json.dumps, ensure_ascii=False)
    row = functools.partial(json.dumps, ensure_ascii=False, separators=(", ", ": "))
    out = ["{"]
    out += [f"  {dump(key)}: {dump(value)}," for key, value in _head(table).items()]
    out.append('  "groups": [')
    for number, group in enumerate(table.groups):
        out.append(f'    {{"heading": {dump(group.heading)}, "rows": [')
        rows = [row([_cell_data(col, cell) for col, cell in filled(cells)]) for cells in group.rows]
        out.append(",\n".join(f"      {text}" for text in rows))
        out.append("    ]}" + ("," if number < len(table.groups) - 1 else ""))
    out.append("  ],")
    out.append(f'  "legend": {json.dumps(_legend(table), ensure_ascii=False, indent=2)}'.replace("\n", "\n  "))
    out.append("}")
    return json_text("\n".join(out)) + "\n"

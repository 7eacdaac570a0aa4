"""HTML emitter: a standalone page that prints well, with the legend; all text escaped.

The page names Chinese fonts readers are likely to have (Noto/Source Han on
Linux, PingFang on macOS, Microsoft YaHei/SimSun on Windows), repeats the
header row on every printed page and keeps role colours when printing.

Every text goes through `_text`: the characters no document carries as
`<U+XXXX>` and CR as a line break (`safe.document`), then HTML-escaped.
"""

from __future__ import annotations

from html import escape

from ..raci import ROLE_WORDS
from .safe import document
from .table import BLANK, ROLE_FILLS, Cell, Column, Table, render_row

FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif'

_CSS = """
.qlm-table { font-family: %(fonts)s; color: #111; }
.qlm-table h1 { font-size: 1.4em; margin: 0 0 .3em; }
.qlm-table .notes { color: #444; margin: 0 0 .8em; }
.qlm-table table { border-collapse: collapse; margin-bottom: 1.2em; }
.qlm-table th, .qlm-table td { border: 1px solid #777; padding: .3em .5em; vertical-align: top; text-align: left; }
.qlm-table thead th { background: #F2F2F2; }
.qlm-table tr.group th { background: #FAFAFA; font-weight: bold; }
.qlm-table td.letter, .qlm-table th.letter { text-align: center; min-width: 2em; }
%(roles)s
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .qlm-table { font-size: 10pt; }
  .qlm-table thead { display: table-header-group; }
  .qlm-table tr { break-inside: avoid; }
  .qlm-table td, .qlm-table th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _css() -> str:
    roles = "\n".join(f".qlm-table .role-{role.value} {{ background: {fill}; }}" for role, fill in ROLE_FILLS.items())
    return _CSS % {"fonts": FONT_STACK, "roles": roles}


def _text(text: str) -> str:
    """`text` as HTML character data or an attribute value; line breaks as `<br>`."""
    return escape(document(text)).replace("\n", "<br>")


def _cell(cell: Cell, column: Column) -> str:
    classes = []
    if column.letters:
        classes.append("letter")
    if cell.role:
        classes.append(f"role-{cell.role.value}")
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{attr}>{_text(cell.text)}</td>"


def _head(table: Table) -> str:
    letter = ' class="letter"'
    cells = "".join(
        f'<th{letter if column.letters else ""} scope="col">{_text(column.title)}</th>' for column in table.columns
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _body(table: Table) -> list[str]:
    out = ["<tbody>"]
    span = len(table.columns)
    columns = table.columns
    blanks = [_cell(BLANK, column) for column in columns]  # most cells of a RACI row

    def cell_html(col: int, cell: Cell) -> str:
        return _cell(cell, columns[col])

    for group in table.groups:
        if group.heading:
            out.append(f'<tr class="group"><th colspan="{span}" scope="rowgroup">{_text(group.heading)}</th></tr>')
        for row in group.rows:
            out.append("<tr>" + "".join(render_row(row, blanks, cell_html)) + "</tr>")
    out.append("</tbody>")
    return out


def _legend(table: Table) -> list[str]:
    out = ['<table class="legend">', "<caption>图例</caption>", "<thead><tr><th>字母</th><th>角色</th><th>含义</th></tr></thead>", "<tbody>"]
    for mark, role, zh, en in table.legend():
        out.append(
            f'<tr><td class="letter role-{role.value}">{escape(mark)}</td><td>{escape(ROLE_WORDS[role])}</td>'
            f"<td>{escape(zh)}<br><small>{escape(en)}</small></td></tr>"
        )
    out += ["</tbody>", "</table>"]
    return out


def to_html_fragment(table: Table) -> str:
    """The table and its legend in a `<div>` with its own style, for notebooks and embedding."""
    out = [f'<div class="qlm-table qlm-{table.view}">', f"<style>{_css()}</style>", f"<h1>{_text(table.title)}</h1>"]
    if table.notes:
        out.append(f'<p class="notes">{_text("  ".join(table.notes))}</p>')
    out += ["<table>", _head(table), *_body(table), "</table>", *_legend(table), "</div>"]
    return "\n".join(out) + "\n"


def to_html(table: Table) -> str:
    """A standalone UTF-8 page."""
    title = escape(document(table.title).replace("\n", " "))  # a window title has one line
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            "<style>body { margin: 1.5em; background: #fff; }</style>",
            "</head>",
            "<body>",
            to_html_fragment(table),
            "</body>",
            "</html>",
            "",
        ]
    )

"""HTML emitter: a standalone page that prints as a 公文 attachment table; all text escaped.

The page follows GB/T 9704-2012 where it applies to a table (see
docs/rendering.md): A4 with the standard's margins (portrait when the table
fits the 156 mm type area, else landscape), the title in 小标宋 (黑体 as the
fallback), the table in 仿宋 with a 黑体 header row repeated on every printed
page, and page numbers `— 1 —` in the bottom margin (CSS `@page` margin
boxes, which Chromium draws since version 131), right on odd pages and left
on even ones.

Cells never break inside a unit name, a cadence phrase, `序号` or a number:
each cell is cut into the units of `linebreak` (names and phrases of the
plan kept whole), every unit of more than one character is a
`white-space: nowrap` span, and short columns (those whose text fits their
width) are set `word-break: keep-all` with `<wbr>` between units, so a list
of units breaks only after a `、`. Widths come from the content: every short
column gets the width of its widest text, the long one (重点任务) the rest.

Every text goes through `_text`: the characters no document carries as
`<U+XXXX>` and CR as a line break (`safe.document`), then HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from html import escape

import attrs

from ..raci import ROLE_WORDS
from ..span import display_width
from .linebreak import units
from .memo import Memo
from .safe import document
from .split import in_part, shared_evenly
from .table import (
    BLANK,
    CONFLICT_FILL,
    CONFLICT_MARK,
    CONFLICT_MEANING,
    ROLE_FILLS,
    Cell,
    Column,
    Group,
    Table,
    cell_text,
    filled,
    is_conflict,
)

#: 仿宋 as Windows (仿宋_GB2312, FangSong), macOS (STFangsong) and Linux (Noto Serif CJK, the
#: nearest free serif) name it; 宋体 last, which every Chinese Windows has.
BODY_FONTS = '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "宋体", "SimSun", serif'
#: 方正小标宋 for the title, 黑体 for it and the header row when it is missing.
TITLE_FONTS = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
HEADER_FONTS = '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
#: Kept for callers that named the old stack: the body fonts.
FONT_STACK = BODY_FONTS

#: The type area of GB/T 9704-2012 (156 mm × 225 mm) and the printed table's font size.
TYPE_AREA_MM = (156, 225)
PRINT_PT = 12  # 小四
_MM_PER_PT = 25.4 / 72
#: Margins of an A4 page, top right bottom left (mm): 天头 37, 订口 28, so the type area is
#: 156 × 225 mm; turned for a landscape table, with its head towards the binding (订口).
MARGINS = {"portrait": "37mm 26mm 35mm 28mm", "landscape": "28mm 37mm 26mm 35mm"}

_CSS = """
.qlm-table { font-family: %(body)s; color: #000; }
.qlm-table h1 { font-family: %(title)s; font-weight: normal; font-size: 1.6em; text-align: center; margin: 0 0 .4em; }
.qlm-table .notes { text-align: center; margin: 0 0 .8em; }
.qlm-table table { border-collapse: collapse; margin: 0 auto 1.2em; }
.qlm-table table.main { width: 100%%; }
.qlm-table th, .qlm-table td { border: 1px solid #000; padding: .25em .4em; vertical-align: middle; text-align: left; line-height: 1.45; text-wrap: pretty; }
.qlm-table thead th { font-family: %(header)s; font-weight: normal; text-align: center; }
.qlm-table tr.group th { font-family: %(header)s; font-weight: normal; }
.qlm-table .u { white-space: nowrap; }
.qlm-table td.short, .qlm-table th { word-break: keep-all; }
.qlm-table td.letter, .qlm-table th.letter { text-align: center; min-width: 2em; }
/* 竖排: a unit's name down its narrow column, in two lines (read right to left) when long: Chromium
   repeats a header row on every printed page only while it is under a quarter of the page. */
.qlm-table th.letter .u { writing-mode: vertical-rl; white-space: normal; word-break: normal; max-height: 6em; display: inline-block; }
.qlm-table th.letter { vertical-align: bottom; }
.qlm-table td.serial { text-align: center; white-space: nowrap; }
%(roles)s
.qlm-table td.conflict { background: %(conflict)s; font-weight: bold; outline: 2px solid #C00000; outline-offset: -3px; }
.qlm-table table.legend { font-size: .9em; }
.qlm-table p.panel { margin: .6em 0 .3em; }
.qlm-table p.panel.next { break-before: page; }
@page { size: A4 %(orientation)s; margin: %(margins)s; }
@page :right { @bottom-right { content: "— " counter(page) " —"; %(number)s } }
@page :left { @bottom-left { content: "— " counter(page) " —"; %(number)s } }
@media print {
  .qlm-table { font-size: %(size)spt; }
  .qlm-table h1 { font-size: 22pt; }
  .qlm-table thead { display: table-header-group; }
  .qlm-table tr { break-inside: avoid; }
  .qlm-table td, .qlm-table th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
#: 4号 (14 pt) 宋体 digits between em dashes, 7 mm under the type area, one character in from its edge.
_PAGE_NUMBER = 'font-family: "宋体", "SimSun", "Noto Serif CJK SC", serif; font-size: 14pt; vertical-align: top; padding-top: 7mm; margin: 0 14pt;'


def _mm(cells: int) -> float:
    """The printed width of a column `cells` display cells wide, with its padding and border."""
    return cells * PRINT_PT / 2 * _MM_PER_PT + 3.5


def orientation(table: Table, cells: list[int] | None = None) -> str:
    """`portrait` when the table at its natural column widths fits the 156 mm type area, else `landscape`.
    `cells`: the columns' widths (`column_cells`), when the caller has them."""
    wide = sum(_mm(width) for width in (cells if cells is not None else column_cells(table)))
    return "portrait" if wide <= TYPE_AREA_MM[0] else "landscape"


#: The least a panel leaves the task column (display cells) when a matrix is split into panels.
_TASK_CELLS = 24


def column_panels(table: Table, cells: list[int] | None = None) -> list[list[int]]:
    """The columns printed together: all of them, or, for a RACI matrix wider than the landscape
    type area (225 mm), the text columns (序号, 任务) with as many unit columns as fit, panel after
    panel, as a planner pastes a wide matrix into A4 pages; the units shared evenly between the
    panels (`split.shared_evenly`). `cells` as for `orientation`."""
    everything = list(range(len(table.columns)))
    cells = cells if cells is not None else column_cells(table)
    letters = [col for col in everything if table.columns[col].letters]
    fixed = [col for col in everything if not table.columns[col].letters]
    if not letters or sum(_mm(cells[col]) for col in everything) <= TYPE_AREA_MM[1]:
        return [everything]
    room = TYPE_AREA_MM[1] - sum(_mm(min(cells[col], _TASK_CELLS)) for col in fixed)
    # As many as fit of the widest: then every panel fits, however its units are shared.
    most = int(room // max(_mm(cells[col]) for col in letters))
    return [fixed + panel for panel in shared_evenly(letters, most)]


def _css(table: Table, cells: list[int], panels: list[list[int]]) -> str:
    roles = "" if table.view == "tasks" else "\n".join(
        f".qlm-table .role-{role.value} {{ background: {fill}; }}" for role, fill in ROLE_FILLS.items())
    side = "landscape" if len(panels) > 1 else orientation(table, cells)
    return _CSS % {"body": BODY_FONTS, "title": TITLE_FONTS, "header": HEADER_FONTS, "roles": roles,
                   "conflict": CONFLICT_FILL, "orientation": side, "margins": MARGINS[side],
                   "number": _PAGE_NUMBER, "size": PRINT_PT}


def _text(text: str) -> str:
    """`text` as HTML character data or an attribute value; line breaks as `<br>`."""
    return escape(document(text)).replace("\n", "<br>")


def _spans(text: str, keep: frozenset[str], short: bool) -> str:
    """`text` with each unit of more than one character unbreakable; in a short cell, `<wbr>`
    marks the only places a line may break (between units)."""
    lines = []
    for line in document(text).split("\n"):
        # An ASCII word or number is never broken by a browser anyway: only Chinese needs the span.
        pieces = [f'<span class="u">{escape(piece)}</span>' if len(piece) > 1 and not piece.isascii() else escape(piece)
                  for piece in units(line, keep)]
        lines.append(("<wbr>" if short else "").join(pieces))
    return "<br>".join(lines)


def _row_widths(row: Sequence[Cell]) -> tuple[tuple[int, int], ...]:
    """(column, widest line in display cells) of each filled cell of the row."""
    return tuple((col, max(display_width(line) for line in cell_text(cell).split("\n"))) for col, cell in filled(row))


def column_cells(table: Table, groups: list[GroupHtml] | None = None) -> list[int]:
    """Each column's width in display cells: its widest text, its header's widest part, up to its
    `max_width` (the long text wraps). `groups`: the groups as HTML, which know their widest texts."""
    # A letters column's header is set vertically: only its letters decide its width.
    widest = [4 if column.letters else display_width(column.title) for column in table.columns]  # a header never breaks
    found = (group.widest.items() for group in groups) if groups is not None else map(_row_widths, table.rows)
    for widths in found:
        for col, wide in widths:
            if wide > widest[col]:
                widest[col] = wide
    return [min(wide, max(column.max_width, 4)) for wide, column in zip(widest, table.columns)]


def _free_column(table: Table) -> int:
    """The column of long text (重点任务, 任务, 事项): the widest-allowed text column; it takes the
    width the others leave and wraps as Chinese prose does (names still whole)."""
    return max(range(len(table.columns)), key=lambda col: (not table.columns[col].letters, table.columns[col].max_width, -col))


def _short_columns(table: Table) -> list[bool]:
    """Every column but the free one: set keep-all, broken only between units (after a `、`)."""
    free = _free_column(table)
    return [col != free for col in range(len(table.columns))]


def _colgroup(table: Table, shown: list[int], widths: list[int]) -> str:
    """Widths from the content: each column as wide as its widest text up to its `max_width`
    (1 em = 2 cells, plus the padding); the long text column (重点任务) takes the rest of the page."""
    free = _free_column(table)
    cols = ["<col>" if col == free else f'<col style="width: {widths[col] / 2 + 1:.1f}em">' for col in shown]
    return "<colgroup>" + "".join(cols) + "</colgroup>"


def _cell(cell: Cell, column: Column, keep: frozenset[str], short: bool, colour: bool, serial: bool) -> str:
    classes = []
    if column.letters:
        classes.append("letter")
    if serial:
        classes.append("serial")
    if short:
        classes.append("short")
    text = cell_text(cell)
    if is_conflict(cell):
        classes.append("conflict")
    elif cell.role and colour:
        classes.append(f"role-{cell.role.value}")
    attr = f' class="{" ".join(classes)}"' if classes else ""
    title = ' title="冲突：同一单位兼有多个角色"' if is_conflict(cell) else ""
    inner = f'<span class="u">{_text(text)}</span>' if column.letters and text else _spans(text, keep, short)
    return f"<td{attr}{title}>{inner}</td>"


def _head(table: Table, shown: list[int]) -> str:
    cells = []
    for column in (table.columns[col] for col in shown):
        parts = f'<span class="u">{_text(column.title)}</span>'  # 完成时限/频次 and a unit's name stay whole
        letter = ' class="letter"' if column.letters else ""
        cells.append(f'<th{letter} scope="col">{parts}</th>')
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


@attrs.frozen
class RowHtml:
    """One row as HTML: the `<td>` of each filled cell (a blank one is its column's shared blank), and the
    widths of its filled cells. Sparse because a RACI row of 10,000 tasks by 1,000 units fills a handful
    of its cells: the HTML made grows with the assignments, not with tasks × units."""

    filled: dict[int, str]
    blanks: Sequence[str]
    widths: tuple[tuple[int, int], ...]
    length: int  # a row shorter than the table's columns has only its own cells

    def tr(self, shown: Sequence[int]) -> str:
        """The row's `<tr>` in the columns `shown`."""
        filled, blanks, length = self.filled, self.blanks, self.length
        return "<tr>" + "".join(filled.get(col, blanks[col]) for col in shown if col < length) + "</tr>"


@attrs.frozen(eq=False)
class GroupHtml:
    """One group as HTML: its heading, its rows, the widest text of each column among them, and its block
    in each panel of columns (made when first asked for)."""

    heading: str | None
    rows: tuple[RowHtml, ...]
    widest: dict[int, int]
    blocks: dict[tuple[int, ...], Block] = attrs.field(factory=dict)


class HtmlMemo:
    """HTML from an earlier build of the same view (see `memo`): each group's by the group (the same
    object: see `views.ViewMemo`), each row's by the row (the same object, or an equal one), each
    heading's by its text. A pane rebuilt after an edit emits again only the rows the edit changed."""

    def __init__(self, by_value: bool = True) -> None:
        self.groups: Memo[GroupHtml] = Memo()
        # By value: a re-read row equal to one of the last build keeps its HTML. That hashes every row
        # (a RACI row hashes all its cells, blanks too), which only a kept memo gets anything for.
        self.rows: Memo[RowHtml] = Memo(by_value=by_value)
        self.headings: Memo[str] = Memo(by_value=True)

    def begin(self, shared: object) -> None:
        self.groups.begin(shared)
        self.rows.begin(shared)
        self.headings.begin(shared)


class RowsHtml:
    """The rows of one table as HTML, each emitted once (its widths decide the columns, its cells the body)."""

    def __init__(self, table: Table, memo: HtmlMemo | None = None) -> None:
        self.table = table
        self.memo = memo if memo is not None else HtmlMemo(by_value=False)  # one build: nothing to find by value
        # What every row's HTML depends on besides the row: its columns, the names kept whole, the colours.
        self.memo.begin((table.view, table.columns, table.keep))
        columns = table.columns
        self.short = short = _short_columns(table)
        self.colour = colour = table.view != "tasks"  # the 任务分工表 prints in black and white, as a 公文 does
        self.serial = serial = [col == 0 and column.title == "序号" for col, column in enumerate(columns)]
        self.blanks = [_cell(BLANK, column, table.keep, short[col], colour, serial[col]) for col, column in enumerate(columns)]
        self.letters = frozenset(col for col, column in enumerate(columns) if column.letters)
        self.cells: dict[tuple[int, Cell], str] = {}  # each distinct cell of each column, as HTML

    def groups(self) -> list[GroupHtml]:
        """Each group as HTML."""
        return [self.memo.groups.get(group, None, partial(self._group, group)) for group in self.table.groups]

    def _group(self, group: Group) -> GroupHtml:
        rows = group.rows
        emitted = self.memo.rows.map(rows, [None] * len(rows), lambda at: self._emit(rows[at]))
        widest: dict[int, int] = {}
        for row in emitted:
            for col, wide in row.widths:
                if wide > widest.get(col, -1):
                    widest[col] = wide
        return GroupHtml(group.heading, tuple(emitted), widest)

    def block(self, group: GroupHtml, shown: list[int], first: bool = True) -> Block:
        """The group's heading row (when it has a heading), then its rows, in the columns `shown`. In a
        panel of some of the matrix's unit columns, only the rows `split.in_part` puts there, as a
        DOCX part holds them; a group left with no row is left out."""
        key = (first, *shown)
        found = group.blocks.get(key)
        if found is None:
            rows = group.rows
            if len(shown) < len(self.table.columns):
                letters = self.letters
                here = letters.intersection(shown)
                rows = tuple(html for html in rows if in_part(html.filled, here, letters, first))
            lines = [self.heading(group.heading, len(shown))] if group.heading and rows else []
            lines += [html.tr(shown) for html in rows]
            found = group.blocks[key] = Block(_joined(lines), rows=True)
        return found

    def heading(self, heading: str, span: int) -> str:
        """A group's heading row across `span` columns."""
        return self.memo.headings.get(heading, span, lambda: f'<tr class="group"><th colspan="{span}" scope="rowgroup">'
                                                           f'{_spans(heading, self.table.keep, False)}</th></tr>')

    def _emit(self, row: Sequence[Cell]) -> RowHtml:
        columns, keep, short, serial = self.table.columns, self.table.keep, self.short, self.serial

        made = self.cells

        def cell_html(col: int, cell: Cell) -> str:
            # A 责任清单 names the same sections, timings and roles on thousands of rows: each once.
            found = made.get((col, cell))
            if found is None:
                found = made[col, cell] = _cell(cell, columns[col], keep, short[col], self.colour, serial[col])
            return found

        return RowHtml({col: cell_html(col, cell) for col, cell in filled(row)}, self.blanks, _row_widths(row),
                       min(len(row), len(self.blanks)))


def _legend(table: Table) -> list[str]:
    """The letters' legend, in Chinese as the page is; only the RACI matrix shows letters."""
    if table.view != "raci":
        return []
    out = ['<table class="legend">', "<caption>图例</caption>", "<thead><tr><th>字母</th><th>角色</th><th>含义</th></tr></thead>", "<tbody>"]
    for mark, role, zh, _ in table.legend():
        out.append(f'<tr><td class="letter role-{role.value}">{escape(mark)}</td><td>{escape(ROLE_WORDS[role])}</td><td>{escape(zh)}</td></tr>')
    out.append(f'<tr><td class="letter conflict">A/I{CONFLICT_MARK}</td><td>冲突</td>'
               f"<td>{escape(CONFLICT_MEANING)}</td></tr>")
    out += ["</tbody>", "</table>"]
    return out


@attrs.frozen
class Block:
    """A run of the fragment's lines: the fragment is its blocks, one after the other. A `rows` block is
    one group's `<tr>`s inside the `<tbody>` (a page showing the table may replace it alone)."""

    html: str
    rows: bool = False


def fragment_blocks(table: Table, memo: HtmlMemo | None = None) -> list[Block]:
    """`to_html_fragment` in blocks: what comes before the table's rows, each group's rows, what follows
    them (and again for each further panel). `memo`, kept across builds of one view, lends the HTML of
    rows built before (the same row objects: see `views.build`'s memo)."""
    rows = RowsHtml(table, memo)
    groups = rows.groups()
    cells = column_cells(table, groups)
    panels = column_panels(table, cells)
    blocks: list[Block] = []
    lines = [f'<div class="qlm-table qlm-{table.view}">', f"<style>{_css(table, cells, panels)}</style>",
             f"<h1>{_spans(table.title, table.keep, False)}</h1>"]
    if table.notes:
        lines.append(f'<p class="notes">{_text("　".join(table.notes))}</p>')
    for number, shown in enumerate(panels, start=1):
        if len(panels) > 1:
            kind = "panel next" if number > 1 else "panel"  # each further panel starts a page
            lines.append(f'<p class="{kind}">（第 {number} 部分，共 {len(panels)} 部分）</p>')
        lines += ['<table class="main">', _colgroup(table, shown, cells), _head(table, shown), "<tbody>"]
        blocks.append(Block(_joined(lines)))
        blocks += [rows.block(group, shown, number == 1) for group in groups]
        lines = ["</tbody>", "</table>"]
    blocks.append(Block(_joined([*lines, *_legend(table), "</div>"])))
    return blocks


def _joined(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def to_html_fragment(table: Table, memo: HtmlMemo | None = None) -> str:
    """The table (and, for the RACI matrix, its legend) in a `<div>` with its own style (`memo` as for
    `fragment_blocks`)."""
    return "".join(block.html for block in fragment_blocks(table, memo))


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
            "<style>body { margin: 1.5em; background: #fff; } @media print { body { margin: 0; } }</style>",
            "</head>",
            "<body>",
            to_html_fragment(table),
            "</body>",
            "</html>",
            "",
        ]
    )

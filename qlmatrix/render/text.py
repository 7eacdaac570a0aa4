"""Terminal and Markdown emitters for a `Table`.

The terminal table aligns by display width (a Chinese character takes two
cells) and wraps long cells; it uses ASCII rules because box-drawing
characters are "ambiguous width" and take two cells in many CJK terminals.
Colour is the caller's decision (TTY and NO_COLOR live in the CLI).

Text from the plan never reaches the terminal raw: control, format and
separator characters are shown as `<U+XXXX>` before anything is measured
(`safe.terminal`), so an ESC sequence in a name cannot drive the terminal and
a CR cannot overwrite a line. Markdown gets what every document gets
(`safe.document`): CR as a line break, and `<U+XXXX>` for what no format
carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..raci import ROLE_WORDS
from ..span import display_width, pad
from .linebreak import units, wrap, wrap_heading
from .safe import cleaned, document, terminal
from .split import in_part
from .table import (
    CONFLICT_ANSI,
    CONFLICT_MARK,
    CONFLICT_MEANING,
    ROLE_ANSI,
    Cell,
    Column,
    Table,
    cell_text,
    filled,
    is_conflict,
    render_row,
)
from .termcolumns import GAP
from .termcolumns import panels as column_panels

#: The width when the output is not a terminal and `COLUMNS` is not set (a file, a pipe).
DEFAULT_WIDTH = 100
#: The narrowest table drawn: below it even two-cell columns cannot be kept apart.
MIN_WIDTH = 20


def _paint(text: str, code: str | None, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and code and text.strip() else text


def _cell_code(cell: Cell) -> str | None:
    if is_conflict(cell):
        return CONFLICT_ANSI
    return ROLE_ANSI.get(cell.role) if cell.role else None


def _header(column: Column, width: int) -> list[str]:
    if display_width(column.title) <= width:
        return [column.title]
    if column.letters:  # 竖排: one unit of the name per line, read top to bottom
        return [line for piece in units(column.title) for line in wrap(piece, width)]
    return wrap_heading(column.title, width)


def _lines(cells: list[list[str]], widths: list[int], aligns: list[str], paints: list[str | None], color: bool) -> Iterator[str]:
    height = max((len(lines) for lines in cells), default=1)
    for number in range(height):
        parts = []
        for lines, width, align, code in zip(cells, widths, aligns, paints):
            text = lines[number] if number < len(lines) else ""
            parts.append(_paint(pad(text, width, align), code, color))
        yield GAP.join(parts).rstrip()


#: A cell's lines, padded to its column, by (text, column, width): a table repeats its texts (a
#: 责任清单 names the same sections, timings and roles on thousands of rows), wrapped once each.
Padded = dict[tuple[str, int, int], list[str]]


def _row_lines(shown: dict[int, Cell], columns: list[int], widths: list[int], aligns: list[str], keep: frozenset[str],
               color: bool, padded: Padded) -> Iterator[str]:
    """The row's filled cells (`shown`, by column) in `columns`, wrapped and painted; blank cells
    are spaces. A RACI row has a handful of filled cells among hundreds of columns."""
    wrapped = []
    for slot, col in enumerate(columns):
        cell = shown.get(col)
        if cell is None:
            continue
        text, width = cell_text(cell), widths[col]
        lines = padded.get((text, col, width))
        if lines is None:
            lines = padded[text, col, width] = [pad(line, width, aligns[col]) for line in wrap(text, width, keep)]
        wrapped.append((slot, col, lines, _cell_code(cell)))
    height = max((len(lines) for _, _, lines, _ in wrapped), default=1)
    blank = [" " * widths[col] for col in columns]
    for number in range(height):
        parts = blank.copy()
        for slot, _col, lines, code in wrapped:
            parts[slot] = _paint(lines[number] if number < len(lines) else blank[slot], code, color)
        yield GAP.join(parts).rstrip()


def to_terminal(table: Table, color: bool = False, width: int | None = None) -> str:
    """The table in lines of at most `width` display cells (default `DEFAULT_WIDTH`).

    Columns are as wide as their content up to their `max_width`; when the table is wider than
    the line, long text columns (the task) wrap first, and a name, a cadence phrase, a number or
    序号 never breaks unless a single one is wider than its whole column can get. A RACI matrix
    too wide for the line comes in panels, each repeating 序号 and 任务 and holding the rows with a
    role in its units (a row with none, in the first).
    """
    room = max(MIN_WIDTH, width or DEFAULT_WIDTH)
    table = cleaned(table, terminal)  # before measuring: the widths are those of what is shown
    aligns = ["center" if column.letters else "left" for column in table.columns]
    out = [_paint(line, "1", color) for line in wrap(table.title, room, table.keep)]
    if table.notes:
        out += wrap("  ".join(table.notes), room, table.keep)
    panels = column_panels(table, room)
    shown = [[dict(filled(row)) for row in group.rows] for group in table.groups]  # once for every panel
    letters = frozenset(col for col, column in enumerate(table.columns) if column.letters)
    padded: Padded = {}
    for number, (columns, widths) in enumerate(panels, start=1):
        out.append("")
        if len(panels) > 1:
            out.append(f"（第 {number} 部分，共 {len(panels)} 部分）")
        header = [_header(table.columns[col], widths[col]) for col in columns]
        out += _lines(header, [widths[col] for col in columns], [aligns[col] for col in columns], [None] * len(columns), color)
        out.append(GAP.join("-" * widths[col] for col in columns))
        here = letters.intersection(columns)
        for group_number, (group, rows) in enumerate(zip(table.groups, shown)):
            if len(panels) > 1:
                # A panel of some unit columns shows the rows a DOCX part of them would hold.
                rows = [cells for cells in rows if in_part(cells, here, letters, number == 1)]
                if not rows:
                    continue
            if group.heading:
                out += [""] * (group_number > 0) + [_paint(line, "1", color) for line in wrap(group.heading, room, table.keep)]
            for cells in rows:
                out += _row_lines(cells, columns, widths, aligns, table.keep, color, padded)
    if not table.groups:
        out += ["", "（无）"]
    if table.view == "raci":
        out += ["", "图例："]
        entries = [(mark, ROLE_ANSI[role], ROLE_WORDS[role], zh) for mark, role, zh, _ in table.legend()]
        entries.append((CONFLICT_MARK, CONFLICT_ANSI, "冲突", CONFLICT_MEANING))
        for mark, code, word, meaning in entries:
            lead = f"  {mark}  {word}  "
            lines = wrap(meaning, room - display_width(lead))
            out.append(f"  {_paint(mark, code, color)}  {word}  {lines[0]}")
            out += [" " * display_width(lead) + line for line in lines[1:]]
    return "\n".join(out) + "\n"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#~"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": "<br>"})


def md_escape(text: str) -> str:
    """Text safe in a Markdown table cell or heading: no markup, pipes or raw HTML survive, and
    no line break (CR and CRLF included) splits the row."""
    return document(text).translate(_MD_SPECIAL)


def _md_row(cells: Iterable[Cell | str]) -> str:
    return "| " + " | ".join(md_escape(cell_text(cell) if isinstance(cell, Cell) else cell) for cell in cells) + " |"


def to_markdown(table: Table) -> str:
    out = [f"# {md_escape(table.title)}", ""]
    if table.notes:
        out += [md_escape(" ".join(table.notes)), ""]
    aligns = [":-:" if column.letters else "---" for column in table.columns]
    blanks = [""] * len(table.columns)

    def text(col: int, cell: Cell) -> str:
        return md_escape(cell_text(cell))

    for group in table.groups:
        if group.heading:
            out += [f"## {md_escape(group.heading)}", ""]
        out.append(_md_row(column.title for column in table.columns))
        out.append("|" + "|".join(aligns) + "|")
        out += ["| " + " | ".join(render_row(row, blanks, text)) + " |" for row in group.rows]
        out.append("")
    if not table.groups:
        out += ["（无）", ""]
    if table.view == "raci":
        out += ["## 图例", "", "| 字母 | 角色 | 含义 |", "|:-:|---|---|"]
        out += [_md_row((mark, ROLE_WORDS[role], zh)) for mark, role, zh, _ in table.legend()]
        out.append(_md_row((CONFLICT_MARK, "冲突", CONFLICT_MEANING)))
        out.append("")
    return "\n".join(out)

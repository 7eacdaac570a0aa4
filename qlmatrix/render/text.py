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

from collections.abc import Iterable, Iterator, Sequence

from ..raci import ROLE_WORDS
from ..span import display_width, pad
from .safe import cleaned, document, terminal
from .table import ROLE_ANSI, Cell, Table, filled, fit_width, render_row, wrap

GAP = "  "


def _paint(text: str, code: str | None, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and code and text.strip() else text


def _widths(table: Table) -> list[int]:
    widest = [0] * len(table.columns)  # blank cells are 0 wide: only filled ones are measured
    for row in table.rows:
        for col, cell in filled(row):
            if cell.text:
                widest[col] = max(widest[col], max(display_width(line) for line in cell.text.split("\n")))
    widths = []
    for column, wide in zip(table.columns, widest):
        header_floor = 4 if column.letters else min(column.max_width, fit_width([column.title], column.max_width))
        widths.append(max(header_floor, max(2, min(column.max_width, wide))))
    return widths


def _line(cells: list[list[str]], widths: list[int], aligns: list[str], paints: list[str | None], color: bool) -> Iterator[str]:
    height = max(len(lines) for lines in cells)
    for row in range(height):
        parts = []
        for lines, width, align, code in zip(cells, widths, aligns, paints):
            text = lines[row] if row < len(lines) else ""
            parts.append(_paint(pad(text, width, align), code, color))
        yield GAP.join(parts).rstrip()


def _row_lines(row: Sequence[Cell], widths: list[int], aligns: list[str], blank_parts: list[str], color: bool) -> Iterator[str]:
    """`_line` of a table row: the filled cells wrapped and painted, every blank cell its padding."""
    cells = [(col, wrap(cell.text, widths[col]), ROLE_ANSI.get(cell.role) if cell.role else None)
             for col, cell in filled(row)]
    height = max((len(lines) for _, lines, _ in cells), default=1)
    for number in range(height):
        parts = blank_parts.copy()
        for col, lines, code in cells:
            text = lines[number] if number < len(lines) else ""
            parts[col] = _paint(pad(text, widths[col], aligns[col]), code, color)
        yield GAP.join(parts).rstrip()


def to_terminal(table: Table, color: bool = False) -> str:
    table = cleaned(table, terminal)  # before measuring: the widths are those of what is shown
    widths = _widths(table)
    aligns = ["center" if column.letters else "left" for column in table.columns]
    out = [_paint(table.title, "1", color)]
    if table.notes:
        out.append("  ".join(table.notes))
    header = [wrap(column.title, width) for column, width in zip(table.columns, widths)]
    out.append("")
    out += _line(header, widths, aligns, [None] * len(widths), color)
    out.append(GAP.join("-" * width for width in widths))
    blank_parts = [pad("", width, align) for width, align in zip(widths, aligns)]
    for number, group in enumerate(table.groups):
        if group.heading:
            out += [""] * (number > 0) + [_paint(group.heading, "1", color)]
        for row in group.rows:
            out += _row_lines(row, widths, aligns, blank_parts, color)
    if not table.groups:
        out += ["", "(无)"]
    if table.view == "raci":
        out += ["", "图例:"]
        out += [f"  {_paint(mark, ROLE_ANSI[role], color)}  {ROLE_WORDS[role]}  {zh}" for mark, role, zh, _ in table.legend()]
    return "\n".join(out) + "\n"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#~"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": "<br>"})


def md_escape(text: str) -> str:
    """Text safe in a Markdown table cell or heading: no markup, pipes or raw HTML survive, and
    no line break (CR and CRLF included) splits the row."""
    return document(text).translate(_MD_SPECIAL)


def _md_row(cells: Iterable[Cell | str]) -> str:
    return "| " + " | ".join(md_escape(cell.text if isinstance(cell, Cell) else cell) for cell in cells) + " |"


def to_markdown(table: Table) -> str:
    out = [f"# {md_escape(table.title)}", ""]
    if table.notes:
        out += [md_escape(" ".join(table.notes)), ""]
    aligns = [":-:" if column.letters else "---" for column in table.columns]
    blanks = [""] * len(table.columns)

    def text(col: int, cell: Cell) -> str:
        return md_escape(cell.text)

    for group in table.groups:
        if group.heading:
            out += [f"## {md_escape(group.heading)}", ""]
        out.append(_md_row(column.title for column in table.columns))
        out.append("|" + "|".join(aligns) + "|")
        out += ["| " + " | ".join(render_row(row, blanks, text)) + " |" for row in group.rows]
        out.append("")
    if not table.groups:
        out += ["(无)", ""]
    if table.view == "raci":
        out += ["## 图例", "", "| 字母 | 角色 | 含义 |", "|:-:|---|---|"]
        out += [_md_row((mark, ROLE_WORDS[role], zh)) for mark, role, zh, _ in table.legend()]
        out.append("")
    return "\n".join(out)

"""Tables copied without their header row, one cell a line, each cell closed by a `|`.

A department's page may show only its share of a 任务分工表, its header left in an image or cut off: the copy
starts at row 1 (`1` / `|` / `一、…` / `|` / `城乡居民…。` / `|` / `综合规划科` / `|` / `柳青禾` / `|` / `2033年底前` /
`|` / `6612001` / `|` / `2` / …). A cell is the lines before a line that ends in `|` (a lone `|` after a cell
closes it, a lone `|` after that is an empty cell); a cell of several lines is a cell of several paragraphs
(`产业发展科` / `市果树所`). With no header, the rows are told apart by the 序号 sequence (a cell holding only the
next number opens a row) and each row's cells by what they hold: a part heading written once in the row that
opens its part (a merged cell), the task's text, a cell of unit names, people, a date, figures (a telephone
number). The rows are handed on as items with label lines, as a document of `责任单位：` lines is read; the
report says the columns were inferred.
"""

from __future__ import annotations

import re

from .columns import NUMBER_CELL, cell_kind
from .numbering import PART_HEADING
from .reading import Line

_CLOSED = re.compile(r"[ \t\u3000]*\|[ \t\u3000]*$")
_MIN_ROWS = 3
_MAX_CELL_LINES = 8  # a cell of more lines is prose, not a table's cell

Cell = list[tuple[int, str]]  # the cell's lines: (line number, text)


def opens_headerless_table(lines: list[Line], index: int) -> bool:
    """Might a headerless table start here: a bare number closed by a `|` on its line or the next?"""
    text = lines[index].text.strip(" \t\u3000")
    if lines[index].cells is not None:
        return False
    if _CLOSED.search(text):
        return bool(NUMBER_CELL.match(_CLOSED.sub("", text)))
    return bool(NUMBER_CELL.match(text)) and index + 1 < len(lines) and lines[index + 1].text.strip() == "|"


def headerless_rows(lines: list[Line], index: int) -> tuple[list[Line], int, int] | None:
    """The items and label lines of a headerless table starting at `index`, the index after it, and how many rows
    it had; None when the lines are not such a table (fewer than three numbered rows, a row without a task's
    text, no column of units)."""
    cells, end = _cells(lines, index)
    rows = _rows(cells)
    if rows is None or len(rows) < _MIN_ROWS:
        return None
    split = [_split_row(row) for row in rows]
    if any(parts is None for parts in split):
        return None
    read = [parts for parts in split if parts is not None]
    columns = _columns([after for _, _, after in read])
    if columns is None:
        return None
    out: list[Line] = []
    for row, (heading, task, after) in zip(rows, read):
        (number_line, number), = row[0]
        out += heading
        out.append(Line(number_line, f"{number}.{task}"))
        for offset, label in columns:
            if offset < len(after) and after[offset]:
                joiner = "" if label == "完成时限" else "、"
                out.append(Line(after[offset][0][0], f"{label}：{joiner.join(text for _, text in after[offset])}"))
    return out, end, len(rows)


def _split_row(row: list[Cell]) -> tuple[list[Line], str, list[Cell]] | None:
    """A row's part heading (a cell before the task's), its task's text, and the cells after it (empty ones kept,
    so that each stands in its column). None when the row has no task's text before its other cells."""
    heading: list[Line] = []
    for at, cell in enumerate(row[1:], start=1):
        if not cell:
            continue
        texts = [text for _, text in cell]
        if len(texts) == 1 and PART_HEADING.match(texts[0]):
            heading.append(Line(cell[0][0], texts[0]))
            continue
        if cell_kind("".join(texts)) != "text":
            return None
        return heading, "".join(texts), row[at + 1:]
    return None


def _columns(after: list[list[Cell]]) -> list[tuple[int, str]] | None:
    """The columns after the task, told apart by what most of their cells hold, as (offset, label): the first
    column of units leads (`责任单位`), a second supports (`配合单位`), a column of dates is the 完成时限; people
    and figures assign nothing. Where no column reads as units, the first column of short names of any kind
    (which a person's name may look like) is taken as the units. None when there is no such column."""
    width = max((len(cells) for cells in after), default=0)
    kinds: list[list[str]] = [[] for _ in range(width)]
    for cells in after:
        for offset, cell in enumerate(cells):
            if cell:
                kinds[offset].append(cell_kind("、".join(text for _, text in cell)))

    def most(offset: int) -> str | None:
        held = kinds[offset]
        return max(set(held), key=held.count) if held else None

    units = [offset for offset in range(width) if most(offset) in ("unit", "name")]
    if not units:
        units = [offset for offset in range(width)
                 if kinds[offset] and all(kind in ("unit", "name", "person") for kind in kinds[offset])][:1]
    if not units:
        return None
    columns = [(units[0], "责任单位"), *((offset, "配合单位") for offset in units[1:2])]
    columns += [(offset, "完成时限") for offset in range(width) if most(offset) == "date"][:1]
    return sorted(columns)


def _cells(lines: list[Line], index: int) -> tuple[list[Cell], int]:
    cells: list[Cell] = []
    current: Cell = []
    cursor, end = index, index
    while cursor < len(lines) and lines[cursor].cells is None:
        text = lines[cursor].text.strip(" \t\u3000")
        if not text:
            break
        if _CLOSED.search(text):
            body = _CLOSED.sub("", text)
            if body:
                current.append((lines[cursor].number, body))
            cells.append(current)  # a lone `|` with nothing before it is an empty cell
            current = []
            end = cursor + 1
        else:
            current.append((lines[cursor].number, text))
            if len(current) > _MAX_CELL_LINES:
                break
        cursor += 1
    return cells, end


def _rows(cells: list[Cell]) -> list[list[Cell]] | None:
    """The cells grouped into rows by the 序号 sequence: a cell holding only the next number opens a row."""
    if not cells or len(cells[0]) != 1 or not NUMBER_CELL.match(cells[0][0][1]):
        return None
    expected = int(cells[0][0][1])
    rows: list[list[Cell]] = []
    for cell in cells:
        if len(cell) == 1 and cell[0][1] == str(expected) and (not rows or len(rows[-1]) >= 3):
            rows.append([cell])
            expected += 1
        elif rows:
            rows[-1].append(cell)
    return rows

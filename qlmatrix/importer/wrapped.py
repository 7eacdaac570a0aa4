"""Tables whose cells a PDF's text wrapped at their column's width, with nothing between one cell and the next.

A 责任清单 printed as a table and turned into text comes out one line per printed line of each cell, the cells
of a row one after another: `1` / `1.优化企业开` / `办服务` (a merged group cell) / `推进电子营业执照在市公共资源` /
`交易平台中的应用。` (the task) / `市甲委` (the lead cell) / `市乙办、市丙` / `委网信办` (the supporting cell). Names
break anywhere (`市政务服务` / `办`); a page's marker (`# Page 141:`) and the header it repeats stand between a
row's lines, and the cells the page cut go on after them (the task's last words, then the end of the last unit
cell, `市水` … `务局`). No cell ends visibly, so the row is read from what the lines hold:

- the rows by the 序号 sequence (a line holding only the next number);
- a group cell, when the table has a task column before the task's own, is the line opening with its number
  (`1.`) and the lines after it no longer than it;
- the task ends at its last line ending in `。`, or at its last line as wide as the task's column (the widest:
  a line short of it is the task's last or a unit cell's); a line `…工作。市甲办` holds the task's end and the
  next cell;
- the unit lines are cut into the table's unit columns where a line ends a name (an organ's ending, no `、`)
  and the next line opens a name of its own (a level word such as 市, 区, 各, 有关, or a name of four
  characters or more): `市甲委` / `市乙办、市丙` is two cells, `市乙办、市丙` / `委网信办` one; a `—` is an
  empty cell.

The rows are handed on as table rows; the report says the cells were told apart so.
"""

from __future__ import annotations

import re

from .columns import NUMBER_CELL
from .numbering import PART_HEADING
from .reading import Line
from .units import could_be_unit, looks_like_unit, split_units

_PAGE_MARK = re.compile(r"^(?:#+\s*)?(?:Page|page|PAGE)\s*\d+\s*:?$|^第\s*\d+\s*页$|^[-—–]\s*\d+\s*[-—–]$")
_GROUP_START = re.compile(r"^[0-9]{1,2}[.．、]\S")

_EMPTY_CELL = ("—", "-", "/", "无", "——", "－")
#: Words a unit's name opens with: a level or a class of places (`市`, `各区`, `有关区人民政府`).
_NAME_START = re.compile(r"^(?:市|区|县|省|镇|乡|街道|各|有关|相关|全市|全区|国家|中共|共青团|团)")
_MAX_LINE = 30  # a PDF table's lines are a column wide; a longer line is prose, and ends the table
_MIN_ROWS = 3
_NEAR = 3  # a task's full lines differ in width by a few characters (digits, spaces, punctuation moved)


def wrapped_rows(lines: list[Line], start: int, columns: list[str], kinds: list[str]
                 ) -> tuple[list[str], list[tuple[int, tuple[str, ...]]], int, bool] | None:
    """The rows of a table of wrapped cells whose header (`columns`, of `kinds`: number, task, unit, …) ends before
    `start`: (the columns the rows fill, (line, cells) for each row, index after the table, whether any row's
    cells went over more lines than one each); a group column before the task's own is passed over. None when
    the lines do not read so (no 序号 column, columns after the task that are not unit columns, a row whose
    cells cannot be told apart): the other table readers read them."""
    if not kinds or kinds[0] != "number" or "unit" not in kinds:
        return None
    tasks = [i for i, kind in enumerate(kinds) if kind == "task"]
    if not tasks or tasks[-1] > kinds.index("unit") or any(kind != "unit" for kind in kinds[tasks[-1] + 1:]):
        return None
    body, end = _body(lines, start, columns)
    if any(PART_HEADING.match(text) for _, text, _ in body):
        return None  # part headings between the rows: a table the other readers know (wrapped ones are not read)
    rows = _numbered(body)
    if rows is None or len(rows) < _MIN_ROWS:
        return None
    units = len(kinds) - tasks[-1] - 1
    task_width = _task_width(rows)
    out: list[tuple[int, tuple[str, ...]]] = []
    for number_line, number, row in rows:
        cells = _row_cells(row, len(tasks) > 1, units, task_width)
        if cells is None:
            return None
        out.append((number_line, (number, *cells)))
    kept = [column for i, column in enumerate(columns) if not (len(tasks) > 1 and i in tasks[:-1])]
    wrapped = any(len(row) + 1 != len(columns) for _, _, row in rows)  # the number is a line of the row too
    return kept, out, end, wrapped


#: A row's lines: (line number, text, whether a page break came before it).
_Row = list[tuple[int, str, bool]]


def _body(lines: list[Line], start: int, columns: list[str]) -> tuple[list[tuple[int, str, bool]], int]:
    """The table's lines, page markers and the header each page repeats taken out (the line after them is marked
    as following a page break); the index after the table."""
    body: list[tuple[int, str, bool]] = []
    cursor, broke = start, False
    while cursor < len(lines) and lines[cursor].cells is None:
        text = lines[cursor].text.strip(" \t\u3000")
        if not text:
            cursor += 1
            continue
        if _PAGE_MARK.match(text):
            broke = True
            cursor += 1
            repeated = 0
            while cursor < len(lines) and repeated < len(columns):
                again = lines[cursor].text.strip(" \t\u3000")
                if not again:
                    cursor += 1
                    continue
                if again != columns[repeated]:
                    break
                repeated += 1
                cursor += 1
            continue
        if len(text) > _MAX_LINE:
            break
        body.append((lines[cursor].number, text, broke))
        broke = False
        cursor += 1
    return body, cursor


_DANGLING = 6  # lines a page may open with before its first row: the end of a row the extract does not hold


def _numbered(body: list[tuple[int, str, bool]]) -> list[tuple[int, str, _Row]] | None:
    """The rows by the 序号 sequence. An extract that opens at a page may start with the last lines of a row it
    does not hold (`常态化工作的量化考核。` / `26` / …): they are passed over."""
    first = next((i for i, (_, text, _) in enumerate(body[:_DANGLING + 1]) if NUMBER_CELL.match(text)), None)
    if first is None:
        return None
    body = body[first:]
    rows: list[tuple[int, str, _Row]] = []
    expected = int(body[0][1])
    for number, text, broke in body:
        if text == str(expected) and (not rows or len(rows[-1][2]) >= 2):
            rows.append((number, text, []))
            expected += 1
        else:
            rows[-1][2].append((number, text, broke))
    return rows


def _width(text: str) -> float:
    """A line's printed width: a Latin letter, digit or space takes half a Chinese character's (`APP 便民`)."""
    return sum(0.5 if ord(char) < 0x80 else 1 for char in text)


def _task_width(rows: list[tuple[int, str, _Row]]) -> float:
    """How wide a line must be to be a task's full line: the task's column is the table's widest, and its lines
    that are not a paragraph's last are wider than any line of a unit cell (the lines after a task's last line
    ending in `。`). 0 when the two widths are too close to tell lines apart by width."""
    task = unit = 0.0
    for _, _, row in rows:
        texts = [text for text, broke in _split_run_on([(text, broke) for _, text, broke in row])]
        task = max([task, *(_width(text) for text in texts)])
        ends = [i for i, text in enumerate(texts) if text.endswith("。")]
        if ends:
            unit = max([unit, *(_width(text) for text in texts[ends[-1] + 1:])])
    # a task's line that is not its last is wider than any unit cell's line (digits and spaces make a task's lines
    # differ in width, so nearly as wide as the widest is not asked)
    return unit + 1 if task > unit + 2 else 0


def _row_cells(row: _Row, grouped: bool, units: int, task_width: float) -> tuple[str, ...] | None:
    texts = _split_run_on([(text, broke) for _, text, broke in row])
    if grouped and texts and _GROUP_START.match(texts[0][0]):  # a group cell's lines, passed over
        first = texts.pop(0)[0]
        while texts and len(texts[0][0]) <= len(first) and not texts[0][1] and not texts[0][0].endswith("。"):
            texts.pop(0)
    cut = next((i for i, (_, broke) in enumerate(texts) if broke), len(texts))
    before, after = [text for text, _ in texts[:cut]], [text for text, _ in texts[cut:]]
    ends = [i for i, text in enumerate(before) if text.endswith("。")]
    # a task's full line: wider than any unit cell's line, and near the widest line of its row (a unit cell's line
    # the rest of the table did not show as wide is still well short of its task's lines)
    near = max((_width(text) for text in before), default=0) - _NEAR
    wide = [i for i, text in enumerate(before) if task_width and _width(text) >= max(task_width, near)]
    last = max([*ends[-1:], *wide[-1:]], default=-1)
    if last < 0:
        return None
    task, unit_lines = "".join(before[:last + 1]), before[last + 1:]
    if not unit_lines:
        return None
    cells = _unit_cells(unit_lines, units)
    if after:  # the page cut the row: the task's last words, then the end of the last unit cell
        more = [i for i, text in enumerate(after) if text.endswith("。")]
        upto = more[-1] + 1 if more else 0
        task += "".join(after[:upto])
        cells[-1] += "".join(after[upto:])
    # the lead cell holds names only; a supporting cell may close with a class (`…等市级有关单位`); a `—` stays, an
    # empty cell the table marks so (not a merged cell written above)
    if not _all_units(cells[0]) or not all(_opens_with_unit(cell) for cell in cells[1:] if cell not in _EMPTY_CELL):
        return None
    cells = ["" if cell in _EMPTY_CELL else cell for cell in cells]
    return (task, *cells)  # a group cell is a merged column of the table's own (`1.优化…`): passed over, as 类别 is


def _split_run_on(texts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """`持续推进…工作。市甲办` → `持续推进…工作。` / `市甲办`: the PDF lost the break between a task's last line
    and the next cell's first."""
    out: list[tuple[str, bool]] = []
    for text, broke in texts:
        at = text.rfind("。")
        rest = text[at + 1:] if at >= 0 else ""
        names = split_units(rest) if rest else []
        if names and all(could_be_unit(name, labelled=True) for name in names) and looks_like_unit(names[0]):
            out += [(text[:at + 1], broke), (rest, False)]
        else:
            out.append((text, broke))
    return out


def _unit_cells(unit_lines: list[str], units: int) -> list[str]:
    """The unit lines cut into `units` cells where a name ends and the next line opens one: a `—` is a cell of its
    own; else the strongest places (the next line opens with a level word, then with a name that ends like an
    organ, then with a name of any ending), the first of equals."""
    strength: dict[int, int] = {}
    for at in range(1, len(unit_lines)):
        before, text = unit_lines[at - 1], unit_lines[at]
        if text in _EMPTY_CELL or before in _EMPTY_CELL:
            strength[at] = 99  # above any score of _opens_a_cell
        else:  # the lines before, joined: an earlier cut there ends a whole name as well
            strength[at] = _opens_a_cell("".join(unit_lines[:at]), text)
    chosen = sorted(sorted((at for at in strength if strength[at]), key=lambda at: (-strength[at], at))[:units - 1])
    cuts = [0, *chosen, len(unit_lines)]
    cells = ["".join(unit_lines[a:b]) for a, b in zip(cuts, cuts[1:])]
    return [*cells, *[""] * (units - len(cells))]


def _opens_a_cell(cell: str, following: str) -> int:
    """How surely the cell so far (its lines joined) ends and `following` opens the next, 0 not at all: the cell
    must end a name (in an organ's ending, surer; or a name of four characters or more of any ending), not in `、`
    or mid-name; `following` must open one (with a level word, surest; with a name ending like an organ; with a
    name of four characters or more of any ending), the cell's end weighing most."""
    if cell.endswith(("、", "，", ",", "等")):
        return 0
    names = split_units(cell)
    last = names[-1] if names else ""
    if len(last) < 2:  # `市` alone is a name broken after its level
        return 0
    ends = 2 if looks_like_unit(last) else 1 if len(last) >= 4 and could_be_unit(last, labelled=True) else 0
    head = re.split(r"[、，,]", following)[0]
    # a level word opens a name of two characters at least (`团` alone, `团、…`, is a name's broken end)
    opens = 3 if _NAME_START.match(following) and len(head) >= 2 else 2 if len(head) >= 4 and looks_like_unit(head) \
        else 1 if len(head) >= 4 and could_be_unit(head, labelled=True) else 0
    return 10 * ends + opens if ends and opens else 0  # a name's end that reads as an organ's weighs most


def _all_units(cell: str) -> bool:
    names = split_units(cell)
    return bool(names) and all(could_be_unit(name, labelled=True) for name in names)


def _opens_with_unit(cell: str) -> bool:
    names = split_units(cell)
    return bool(names) and could_be_unit(names[0], labelled=True)

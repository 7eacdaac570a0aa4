"""How wide each column of a terminal table is, and which columns are drawn together (panels).

The task's title is what a reader reads a row for, so it is given its room
first. Every other column starts at its content's width and never gets
wider (a date, a cadence, a unit name); when the line is too narrow, those
give way before the title does: first down to `READABLE` cells, then to
their widest unbreakable unit (a name, a phrase, a number: `linebreak`);
only then does the title narrow, to its own widest unit, and only when even
that does not fit is a unit cut, the other columns' first, widest first
(never an overflow). Room left over goes to the
title, beyond its usual `max_width`, so it wraps no more than it must.

A run of like columns (a unit of the RACI matrix, a month of the work
calendar) too wide for the line is drawn in panels, each repeating the
other columns, with as many of the run as fit and the run shared evenly
between the panels. A calendar's months go into panels as soon as the title
would get less than `TITLE_SHARE` of the line (or its text's width); a
RACI matrix, read unit against unit, only when its columns cannot keep
their unbroken units.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..span import display_width
from .linebreak import list_items, widest_unit, wrap
from .split import shared_evenly
from .table import Table, cell_text, filled

GAP = "  "
#: A column of long text is narrowed to this many cells before any other gives way.
READABLE = 16
#: The share of the line the title keeps before a run of like columns goes into panels.
TITLE_SHARE = 0.3


def measured(table: Table) -> tuple[list[int], list[int], list[int]]:
    """Each column's width with no limit but its `max_width`, the narrowest it can get without
    breaking a unit, and its widest line with no limit at all (what a title may grow to)."""
    count = len(table.columns)
    widest, floor = [0] * count, [2] * count  # blank cells are 0 wide: only filled ones are measured
    # Each distinct text measured once: a 责任清单 repeats its sections, timings and role words on
    # every row, and cutting a text into unbreakable units is the dear part.
    sizes: dict[str, tuple[int, int]] = {}
    for row in table.rows:
        for col, cell in filled(row):
            text = cell_text(cell)
            if text:
                size = sizes.get(text)
                if size is None:
                    size = sizes[text] = (max(display_width(line) for line in text.split("\n")),
                                          widest_unit(text, table.keep))
                if size[0] > widest[col]:
                    widest[col] = size[0]
                if size[1] > floor[col]:
                    floor[col] = size[1]
    natural = []
    for col, column in enumerate(table.columns):
        if column.letters:  # the header is set vertically (竖排) when wider: the letters decide
            floor[col] = max(floor[col], 4)
            natural.append(floor[col])
            continue
        title = max(_two_lines(part) for part in list_items(column.title))
        # Not capped by `max_width`: a name or a cadence phrase wider than that still never breaks
        # while the line has room (only `shrunk` cuts one, when nothing else fits).
        floor[col] = max(floor[col], title)
        natural.append(max(floor[col], min(column.max_width, max(widest[col], display_width(column.title)))))
    return natural, floor, [max(n, w) for n, w in zip(natural, widest)]


def _two_lines(part: str) -> int:
    """The narrowest a header part gets: set on two lines at most (`进展`/`情况`, `应完成`/`日期`) of
    two characters or more, as a printed table's narrow column heads are, never a word of it cut
    (`Progress` stays whole)."""
    whole = display_width(part)
    if len(part.strip("、/")) < 4:
        return whole  # `说明`, `频次`, `牵头单位/`: two lines of one character are no head
    for width in range(max(widest_unit(part), -(-whole // 2)), whole):
        if len(wrap(part, width)) <= 2:
            return width
    return whole


def _span(widths: Sequence[int], columns: Sequence[int]) -> int:
    return sum(widths[col] for col in columns) + len(GAP) * (len(columns) - 1)


def shrunk(table: Table, widths: list[int], floor: list[int], columns: Sequence[int], room: int) -> list[int]:
    """`widths` of `columns` narrowed until they fit in `room` cells with their gaps, the other
    columns giving way before the title (see the module's doc), widest first within each step."""
    widths = widths.copy()
    need = _span(widths, columns) - room
    main = [col for col in columns if table.columns[col].main]
    others = [col for col in columns if col not in main]
    readable = [max(low, min(wide, READABLE)) for low, wide in zip(floor, widths)]
    cut = [2] * len(widths)
    for group, limit in ((others, readable), (others, floor), (main, readable), (main, floor), (others, cut), (main, cut)):
        while need > 0:
            candidates = [col for col in group if widths[col] > limit[col]]
            if not candidates:
                break
            widest = max(candidates, key=lambda col: (widths[col] - limit[col], -col))
            widths[widest] -= 1
            need -= 1
    return widths


def grown(table: Table, widths: list[int], widest: list[int], columns: Sequence[int], room: int) -> list[int]:
    """The room `columns` leave on the line given to the title, up to its widest line."""
    widths = widths.copy()
    spare = room - _span(widths, columns)
    main = [col for col in columns if table.columns[col].main]
    while spare > 0:
        short = [col for col in main if widths[col] < widest[col]]
        if not short:
            break
        for col in short[:spare]:
            widths[col] += 1
            spare -= 1
    return widths


def fitted(table: Table, natural: list[int], floor: list[int], widest: list[int], columns: Sequence[int],
           room: int) -> list[int]:
    return grown(table, shrunk(table, natural, floor, columns, room), widest, columns, room)


def panels(table: Table, room: int) -> list[tuple[list[int], list[int]]]:
    """The columns drawn together, and their widths: all of them when they fit leaving the title its
    share, else the other columns with as many of the run (`Column.grid`) as fit, panel after panel."""
    natural, floor, widest = measured(table)
    everything = list(range(len(table.columns)))
    run = [col for col, column in enumerate(table.columns) if column.grid]
    whole = fitted(table, natural, floor, widest, everything, room)
    if not run or _keeps_share(table, whole, natural, everything, room):
        return [(everything, whole)]
    fixed = [col for col in everything if col not in run]
    # The other columns as they fit beside one of the run (the title up to its natural width); the
    # run fills what they leave, as many to a panel as fit, shared evenly between the panels.
    base = shrunk(table, natural, floor, fixed, room - len(GAP) - natural[run[0]])
    found = []
    for part in shared_evenly(run, _how_many(run, natural, room - _span(base, fixed))):
        columns = sorted(fixed + part)
        found.append((columns, fitted(table, natural, floor, widest, columns, room)))
    return found


def _how_many(run: Sequence[int], natural: Sequence[int], left: int) -> int:
    count, used = 0, 0
    for col in run:
        used += len(GAP) + natural[col]
        if used > left:
            break
        count += 1
    return count


def _keeps_share(table: Table, widths: Sequence[int], natural: Sequence[int], columns: Sequence[int], room: int) -> bool:
    """Every column fits and the title is as wide as its text, or as its share of the line.

    A RACI matrix (a run of letters) is read across, unit against unit: it stays whole as long as
    every column keeps its unbroken units; a sparse run (the calendar's months) leaves the title
    its share first."""
    if _span(widths, columns) > room:
        return False
    if any(table.columns[col].letters for col in columns):
        return True
    owed = int(room * TITLE_SHARE)
    return all(widths[col] >= min(natural[col], owed) for col in columns if table.columns[col].main)

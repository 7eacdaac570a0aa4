"""The shape every table view comes out in, and text helpers shared by the emitters.

A view (RACI matrix, 任务分工表, 责任清单) is built once into a `Table`; each
output format is a small emitter over that one shape, so the formats cannot
disagree about content. Groups carry the section (or unit) heading that the
printed 任务分工表 puts on a row of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar, overload

import attrs

from ..model import Role
from ..raci import Scheme, legend
from ..span import display_width
from .linebreak import kept
from .linebreak import wrap as wrap  # re-exported: the one line breaker lives in linebreak

#: Sheet names of the views; the last three are tables other modules build (qlmatrix.diff, calendar, ledger).
VIEW_TITLES = {"raci": "RACI 矩阵", "tasks": "任务分工表", "units": "责任清单", "diff": "修改对照表", "calendar": "工作日历",
               "ledger": "督办台账"}

#: What one column's rendering of a cell is (text, HTML, a dict of data).
Rendered = TypeVar("Rendered")


# Converters to tuples, one per field type: mypy's attrs plugin cannot bind the type
# variable of `converter=tuple` (or of a generic function), so each element type gets its own.
def _roles(values: Iterable[Role]) -> tuple[Role, ...]:
    return tuple(values)


@attrs.frozen
class Cell:
    """One cell's text; `roles` colours it (role cells of the RACI matrix and 责任清单)."""

    text: str
    roles: tuple[Role, ...] = attrs.field(default=(), converter=_roles)
    #: The roles are spelt out in the plan's words (the 责任清单's `牵头、监督`): holding several is
    #: what the cell says, not a conflict to mark as a RACI cell's `A/I` is.
    spelt_out: bool = False

    @property
    def role(self) -> Role | None:
        """The role that colours the cell: the first, in role order."""
        return self.roles[0] if self.roles else None


#: The empty cell: most cells of a RACI matrix (a unit has no role on most tasks).
BLANK = Cell("")


class SparseRow(Sequence[Cell]):
    """A row that is mostly blank cells: its first cells, then only the filled ones, by column.

    The RACI matrix is tasks × units, and a task involves a handful of its
    hundreds of units, so its rows keep just those; the row still reads as
    a sequence of `width` cells (blanks are `BLANK`), equal to the tuple of
    them. Emitters that can skip blank cells use `filled(row)`.
    """

    __slots__ = ("head", "cells", "width")

    def __init__(self, head: Iterable[Cell], cells: dict[int, Cell], width: int) -> None:
        self.head = tuple(head)
        #: Filled cells after the head, by column number.
        self.cells = cells
        self.width = width

    def __len__(self) -> int:
        return self.width

    @overload
    def __getitem__(self, index: int) -> Cell: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Cell, ...]: ...

    def __getitem__(self, index: int | slice) -> Cell | tuple[Cell, ...]:
        if isinstance(index, slice):
            return self.as_tuple()[index]
        if index < 0:
            index += self.width
        if not 0 <= index < self.width:
            raise IndexError("row index out of range")
        return self.head[index] if index < len(self.head) else self.cells.get(index, BLANK)

    def as_tuple(self) -> tuple[Cell, ...]:
        row = [*self.head, *[BLANK] * (self.width - len(self.head))]
        for col, cell in self.cells.items():
            row[col] = cell
        return tuple(row)

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.as_tuple())

    def filled(self) -> Iterator[tuple[int, Cell]]:
        """(column, cell) of the head and of every filled cell, in column order."""
        yield from enumerate(self.head)
        yield from sorted(self.cells.items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (SparseRow, tuple, list)):
            return len(other) == self.width and self.as_tuple() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.as_tuple())

    def __repr__(self) -> str:
        return f"SparseRow({self.head!r}, {self.cells!r}, {self.width})"


def is_blank(cell: Cell) -> bool:
    return not cell.text and not cell.roles


def held_cells(row: Sequence[Cell]) -> Iterable[tuple[int, Cell]]:
    """(column, cell) of every cell `row` holds, in column order: a SparseRow's head and filled cells
    (blank ones among them), a tuple's every cell. For an emitter that tells blank cells itself."""
    if type(row) is not tuple and isinstance(row, SparseRow):  # a tuple first: an ABC's isinstance is slow
        return row.filled()
    return enumerate(row)


def filled(row: Sequence[Cell]) -> list[tuple[int, Cell]]:
    """(column, cell) of every cell of `row` that is not blank (no text, no role), in column order.

    Emitters write these and fill the rest with the blank cell's rendering,
    so a sparse RACI row costs its filled cells, not its width.
    """
    return [(col, cell) for col, cell in held_cells(row) if not is_blank(cell)]


def render_row(row: Sequence[Cell], blanks: list[Rendered], render: Callable[[int, Cell], Rendered]) -> list[Rendered]:
    """`blanks` (each column's rendering of a blank cell) with `render(col, cell)` for the filled cells."""
    out = blanks.copy() if len(row) >= len(blanks) else blanks[: len(row)]
    for col, cell in filled(row):
        out[col] = render(col, cell)
    return out


def _rows(values: Iterable[Sequence[Cell]]) -> tuple[Sequence[Cell], ...]:
    return tuple(values)


@attrs.frozen
class Group:
    heading: str | None
    #: Tuples of cells, or `SparseRow`s (the RACI matrix).
    rows: tuple[Sequence[Cell], ...] = attrs.field(converter=_rows)


@attrs.frozen
class Column:
    title: str
    #: Widest the column may get in terminal cells before its text wraps.
    max_width: int = 40
    #: A narrow column holding role letters (centred, coloured); one of a run (`grid`).
    letters: bool = False
    #: The column the rows are about (the task's title): a terminal table gives it its room first.
    main: bool = False
    #: One of a run of like columns (the RACI matrix's units, the calendar's months): a terminal
    #: table too wide for its line shows the run in panels, each repeating the other columns.
    run: bool = False

    @property
    def grid(self) -> bool:
        return self.letters or self.run


def _columns(values: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(values)


def _groups(values: Iterable[Group]) -> tuple[Group, ...]:
    return tuple(values)


def _notes(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _keep(values: Iterable[str]) -> frozenset[str]:
    return kept(values)  # one object for equal sets: the line breaker's cache then compares by identity


@attrs.frozen
class Table:
    view: str  # raci | tasks | units
    title: str
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    groups: tuple[Group, ...] = attrs.field(converter=_groups)
    scheme: Scheme = Scheme.RACI
    #: The heading column's name when the groups are flattened (CSV): 章节 or 单位.
    group_label: str = "章节"
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)
    #: Names and phrases of the plan a line never breaks inside (unit names, aliases, cadences).
    keep: frozenset[str] = attrs.field(default=frozenset(), converter=_keep, eq=False, repr=False)

    @property
    def rows(self) -> tuple[Sequence[Cell], ...]:
        return tuple(row for group in self.groups for row in group.rows)

    def legend(self) -> tuple[tuple[str, Role, str, str], ...]:
        return legend(self.scheme)


#: The mark of a conflict cell (a unit holding several roles on one task, such as `A/I`): it
#: survives black-and-white printing, where the cell's colour does not.
CONFLICT_MARK = "!"
#: What a conflict cell means, for every legend (Chinese, then English).
CONFLICT_MEANING = f"同一单位在同一任务中兼有多个角色，以“/”连写并标“{CONFLICT_MARK}”（如 A/I{CONFLICT_MARK}），应予调整"
CONFLICT_MEANING_EN = (f"one unit holds several roles on one task: joined by “/” and marked “{CONFLICT_MARK}” "
                       f"(as A/I{CONFLICT_MARK}); to be corrected")
#: Fill of a conflict cell (HTML, DOCX, XLSX) and its ANSI colour (terminal).
CONFLICT_FILL, CONFLICT_ANSI = "#FF9999", "1;37;41"


def is_conflict(cell: Cell) -> bool:
    """A RACI cell whose unit holds more than one role on the task (the checks report these)."""
    return len(set(cell.roles)) > 1 and not cell.spelt_out


def cell_text(cell: Cell) -> str:
    """A cell as every format prints it: a conflict (`A/I`) carries `CONFLICT_MARK` (`A/I!`)."""
    return cell.text + CONFLICT_MARK if is_conflict(cell) else cell.text


def fit_width(texts: Iterable[str], limit: int, floor: int = 2) -> int:
    """The column width: the widest text, but no more than `limit`."""
    widest = max((display_width(line) for text in texts for line in text.split("\n")), default=0)
    return max(floor, min(limit, widest))


def bracketed_number(number: str, title: str) -> str:
    """A number in brackets as the document prints it: `（一）`, `（1）` in full-width brackets before a
    Chinese title, as GB/T 9704 numbers the second and fourth levels; `(1)` before a title with no
    Chinese. The parser keeps numbers and ids half-width (`(一)`, `二(一)`), which filters and ids use."""
    if _CHINESE.search(title) or _CHINESE.search(number):
        return "（" + number[1:-1] + "）"
    return number


_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def numbered(number: str | None, title: str) -> str:
    """A heading as the document writes it: `二、建设…`, `（一）全面…`, `1.强化…`, or the bare title."""
    if not number:
        return title
    if number.startswith("("):
        written = bracketed_number(number, title)
        if title.startswith(number):
            return f"{written}{title[len(number):]}"
    elif number.isdigit():
        written = f"{number}."
    else:
        written = f"{number}、"
    if title.startswith(written):
        return title  # a title built in Python may carry its number already: 一、重点任务
    return f"{written}{title}"


#: Fill colours of role cells (HTML, XLSX, DOCX) and role edges (diagrams): light enough to print.
ROLE_FILLS: dict[Role, str] = {
    Role.LEAD: "#F8CBAD",
    Role.SUPPORT: "#BDD7EE",
    Role.CONSULT: "#C6E0B4",
    Role.INFORM: "#E7E6E6",
    Role.OVERSEE: "#D9C3E9",
}

#: ANSI colours of role letters in the terminal.
ROLE_ANSI: dict[Role, str] = {
    Role.LEAD: "1;31",
    Role.SUPPORT: "34",
    Role.CONSULT: "36",
    Role.INFORM: "32",
    Role.OVERSEE: "35",
}

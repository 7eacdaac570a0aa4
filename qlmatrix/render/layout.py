"""Column widths of a printed table (DOCX, XLSX), from its content measured in print width.

A printed 任务分工表 must never break a unit name, a cadence phrase, `序号`
or a number across lines: a reader sees `市委直属机关工/委` as two words.
What may not break is `linebreak`'s business (its *units*: the plan's names
and phrases in `Table.keep`, numbers, short groups, the 禁则); here a
column is made at least as wide as its widest unit, and the emitters break
each cell's lines with `linebreak.wrap`. A column holding prose (a task's
wording: an item of more than `PROSE_PIECE` cells between list separators)
is given at least `PROSE_LEAST` cells, so its lines stay readable.

Widths are in half-ems (`span.print_width`: a Chinese character and the
quotes and dashes a Chinese font sets full-width are two, ASCII one); an emitter turns cells into its own unit (twips, Excel
character widths). Each distinct text is measured once: rows share texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ..span import print_width
from .linebreak import list_items, widest_unit
from .table import Cell, cell_text, filled

#: An item of a list wider than this (16 Chinese characters) is prose, not a name or phrase.
PROSE_PIECE = 32
#: The narrowest a prose column gets (12 Chinese characters a line).
PROSE_LEAST = 24
#: What separates the items of a cell's list: units (`、`, `，`, `；`) and timings (` / `).
LIST_SEPARATORS = "、，；/"


@attrs.frozen
class Fit:
    """What a column's texts ask for, in display cells."""

    #: The widest unit that must not break (for prose at least `PROSE_LEAST`), or the title's widest part.
    least: int
    #: The widest text on one line (each hard line break counts).
    natural: int
    #: Holds prose: text that may break between any two characters.
    prose: bool


class Measure:
    """Measures texts, each distinct one once; `keep` is what never breaks (`Table.keep`)."""

    def __init__(self, keep: frozenset[str] = frozenset()) -> None:
        self.keep = keep
        self._seen: dict[str, tuple[int, int, bool]] = {}

    def text(self, text: str) -> tuple[int, int, bool]:
        """(widest unit, widest line, holds prose) of one text."""
        found = self._seen.get(text)
        if found is None:
            natural = max(print_width(line) for line in text.split("\n"))
            prose = natural > PROSE_PIECE and any(
                print_width(item) > PROSE_PIECE for line in text.split("\n") for item in list_items(line, LIST_SEPARATORS))
            found = self._seen[text] = (widest_unit(text, self.keep, print_width), natural, prose)
        return found

    def column(self, title: str, texts: Iterable[str]) -> Fit:
        """The fit of a column: its title (which breaks only at `/` or `、`) and its cells' texts."""
        title_least = max((print_width(part) for line in title.split("\n") for part in list_items(line)), default=0)
        least, natural, prose = title_least, 0, False
        for text in texts:
            piece, line, is_prose = self.text(text)
            least, natural, prose = max(least, piece), max(natural, line), prose or is_prose
        if prose:  # wording: the column must hold a readable line, whatever its widest unit
            least = max(least, title_least, PROSE_LEAST)
        return Fit(least, max(natural, title_least), prose)


def share(least: Sequence[int], wanted: Sequence[int], total: int) -> list[int] | None:
    """Widths that fill `total`: each at least `least`, the room left shared in proportion to what
    each still wants (`wanted - least`), the rest evenly. None when the least widths do not fit."""
    room = total - sum(least)
    if room < 0:
        return None
    short = [max(0, want - low) for low, want in zip(least, wanted)]
    asked = sum(short)
    if asked == 0:
        given = [room // len(least)] * len(least)
    elif asked <= room:
        spare = room - asked
        given = [gap + spare * gap // asked for gap in short]
    else:
        given = [room * gap // asked for gap in short]
    widths = [low + extra for low, extra in zip(least, given)]
    widths[max(range(len(widths)), key=lambda col: short[col])] += total - sum(widths)  # rounding
    return widths


def widest_letters(columns: Sequence[bool], rows: Iterable[Sequence[Cell]]) -> dict[int, int]:
    """The widest text of each letter column (`columns[col]` is True), a conflict's mark included, in
    one pass over the rows' filled cells: a RACI matrix has a thousand such columns, mostly blank."""
    widest: dict[int, int] = {}
    if not any(columns):
        return widest
    seen: set[tuple[int, str]] = set()
    for row in rows:
        for col, cell in filled(row):
            if columns[col] and (col, cell.text) not in seen:
                seen.add((col, cell.text))
                widest[col] = max(widest.get(col, 0), print_width(cell_text(cell)))
    return widest

"""Column widths and line breaks of a printed table, from its content measured in display width.

A printed 任务分工表 must never break a unit name, a cadence phrase, `序号`
or a number across lines: a reader sees `市委直属机关工/委` as two words.
So each cell's text is cut into *pieces* that may not be broken — a unit
of a list ends after `、` (or `，`, `；`), a phrase of a timing ends after
` / ` — and a column is at least as wide as its widest piece. Lines then
break only between pieces (`lines`). Text with a piece longer than
`PROSE_PIECE` cells is prose (a task's wording): it may break anywhere, as
Chinese is set, so it only asks for `PROSE_LEAST` cells.

Widths are in display cells (`span.display_width`: a Chinese character is
two, ASCII one); an emitter turns cells into its own unit (twips, Excel
character widths). Each distinct text is measured once: rows share texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..span import display_width
from .table import Cell, filled

#: A piece wider than this (16 Chinese characters) is prose, which may break inside.
PROSE_PIECE = 32
#: The narrowest a prose column gets (12 Chinese characters a line).
PROSE_LEAST = 24
#: Where a line may break: after a list separator, or after a ` / ` between timings.
#: (Not after ASCII `,` or `;`: a name may hold them, as `osc<U+001B>]0;x` does.)
_BREAK = re.compile(r"(?<=[、，；])|(?<= / )")


def pieces(line: str) -> list[str]:
    """`纪监委、市委直属机关工委` -> [`纪监委、`, `市委直属机关工委`]: what may never break inside.

    The `、` of a heading's number (`一、总则`) is no list separator: the number stays with its words.
    """
    if "、" not in line and "，" not in line and "；" not in line and " / " not in line:
        return [line]
    found: list[str] = []
    for piece in _BREAK.split(line):
        if found and _NUMBER.fullmatch(found[-1]):
            found[-1] += piece
        elif piece:
            found.append(piece)
    return found


#: A heading's number and its `、` (`一、`, `十二、`, after ` / ` too), which never ends a line.
_NUMBER = re.compile(r"(?:.* / )?[一二三四五六七八九十百零〇]+、")


@attrs.frozen
class Fit:
    """What a column's texts ask for, in display cells."""

    #: The widest piece that must not break (for prose: `PROSE_LEAST`, or the title's widest piece).
    least: int
    #: The widest text on one line (each hard line break counts).
    natural: int
    #: Holds prose: text that may break between any two characters.
    prose: bool


class Measure:
    """Measures texts, each distinct one once."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, int, bool]] = {}

    def text(self, text: str) -> tuple[int, int, bool]:
        """(widest piece, widest line, holds prose) of one text."""
        found = self._seen.get(text)
        if found is None:
            least = natural = 0
            prose = False
            for line in text.split("\n"):
                width = display_width(line)
                natural = max(natural, width)
                if width <= least:
                    continue  # no piece of it can be wider
                parts = pieces(line)
                for piece in parts:
                    piece_width = display_width(piece) if len(parts) > 1 else width
                    if piece_width > PROSE_PIECE:
                        prose = True
                    else:
                        least = max(least, piece_width)
            found = self._seen[text] = (least, natural, prose)
        return found

    def column(self, title: str, texts: Iterable[str]) -> Fit:
        """The fit of a column: its title (which may break only at `/`) and its cells' texts."""
        title_least = max((display_width(part) for line in title.split("\n") for part in title_pieces(line)), default=0)
        least, natural, prose = title_least, 0, False
        for text in texts:
            piece, line, is_prose = self.text(text)
            least, natural, prose = max(least, piece), max(natural, line), prose or is_prose
        if prose:  # wording: any text of the column may break, so only the title's pieces count
            least = max(title_least, PROSE_LEAST)
        return Fit(least, max(natural, title_least), prose)


def title_pieces(line: str) -> list[str]:
    """A column title breaks only after a `/`: `完成时限/频次` -> [`完成时限/`, `频次`]."""
    return [part for part in re.split(r"(?<=/)", line) if part]


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


def lines(text: str, width: int, cut: Callable[[str], list[str]] = pieces) -> list[str]:
    """The lines of a cell `width` cells wide, broken only between pieces (`cut`; at hard breaks too).

    A piece wider than the column (prose) stays on a line of its own, left for the document to
    wrap, which sets Chinese with its own line-breaking rules.
    """
    out: list[str] = []
    for hard in text.split("\n"):
        if display_width(hard) <= width:
            out.append(hard)
            continue
        line, used = "", 0
        for piece in cut(hard):
            cells = display_width(piece)
            if line and used + cells > width:
                out.append(line)
                line, used = "", 0
            line += piece
            used += cells
        out.append(line)
    return out


def widest_letters(columns: Sequence[bool], rows: Iterable[Sequence[Cell]]) -> dict[int, int]:
    """The widest text of each letter column (`columns[col]` is True), in one pass over the rows'
    filled cells: a RACI matrix has a thousand such columns and most of its cells are blank."""
    widest: dict[int, int] = {}
    seen: set[tuple[int, str]] = set()
    for row in rows:
        for col, cell in filled(row):
            if columns[col] and (col, cell.text) not in seen:
                seen.add((col, cell.text))
                widest[col] = max(widest.get(col, 0), display_width(cell.text))
    return widest


#: Where a long title may break best: after `关于` (中共某市委关于 | 推进…的实施意见).
_TITLE_BREAK = "关于"


def title_lines(title: str, per_line: int) -> list[str]:
    """A title too long for one line of `per_line` cells, in balanced lines (the standard's 梯形:
    no word alone on a line), broken after `关于` when that is near the middle, never before
    closing punctuation."""
    from .linebreak import CLOSING as NO_LINE_START

    width = display_width(title)
    if width <= per_line:
        return [title]
    count = -(-width // per_line)
    target = len(title) / count
    at = title.find(_TITLE_BREAK)
    if count == 2 and at > 0 and abs(at + len(_TITLE_BREAK) - target) <= target / 3:
        cut = at + len(_TITLE_BREAK)
        return [title[:cut], *title_lines(title[cut:], per_line)]
    cut = max(1, round(target))
    while cut < len(title) and title[cut] in NO_LINE_START:
        cut += 1
    return [title[:cut], *title_lines(title[cut:], per_line)]


def full_width(text: str) -> str:
    """Generated Chinese words with a Chinese comma (`牵头单位,对任务…` -> `牵头单位，对任务…`): for
    the legend's texts, which come with ASCII commas (never for a plan's own text)."""
    return text.replace(",", "，")

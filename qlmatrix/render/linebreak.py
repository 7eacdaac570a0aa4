"""Chinese line breaking, shared by every renderer that wraps text (terminal, HTML, DOCX, XLSX, diagrams).

Text is cut into *units*, stretches that a line never breaks inside, and
lines are filled with whole units:

- a name or phrase the plan defines (a unit name, an alias, a cadence phrase
  such as `每半年至少一次` or `到“十四五”末`), passed in as `keep`;
- a run of ASCII letters and digits (`2022`, `RACI`, `10`), and the
  `<U+XXXX>` notation `safe` writes for characters not shown raw;
- a short bracketed or quoted group (`(一)`, `（会同）`, `“十四五”`), and such a
  group written right after a kept name stays with it (`其他责任单位(会同)`);
- any other single character.

Then the 禁则 (line-breaking rules of Chinese typesetting, as in GB/T 15834
and W3C's *Requirements for Chinese Text Layout*): closing punctuation
(`。，、；：！？）》”」` …) never starts a line, so it joins the unit
before it; opening quotes and brackets (`“（《「` …) never end a line, so
they join the unit after. A list of units `A、B、C` therefore breaks only
after a `、`. A heading's number (`一、`, `(一)`, `1.`) never ends a line: it
joins the unit after it. Only a unit wider than the whole line is cut, by
character, and even then never before closing punctuation.

`display_width` (East Asian wide = 2 cells) from `span` is the measure on
screen; a printed document (DOCX, XLSX) passes `measure=print_width`, which
counts the ambiguous-width punctuation (`“”‘’…—·`) as wide, since a Chinese
font sets it full-width (a line measured with quotes as narrow overflowed
its cell in LibreOffice and left `为` alone on a line).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from ..span import display_width

#: How wide a text is: `span.display_width` (terminal cells) or `span.print_width` (half-ems in print).
Measure = Callable[[str], int]

#: Punctuation a line must not start with: it stays at the end of the line before.
CLOSING = "、，。．；：！？）］｝〕〉》」』】〙〗”’…‥·・ー々〻%,.;:!?)]}/／"
#: Spaces, which never start a line either: a line breaks after them (`每半年至少一次 / ` | `2025年底前`).
SPACES = " 　"
#: Punctuation a line must not end with: it goes to the start of the next line.
OPENING = "（［｛〔〈《「『【〘〖“‘([{"
#: Matching closers, to find a short bracketed or quoted group.
_PAIRS = dict(zip("（［｛〔〈《「『【“‘([{", "）］｝〕〉》」』】”’)]}"))
#: A bracketed or quoted group up to this many characters inside stays whole.
SHORT_GROUP = 6
#: The notation `safe` writes for a character not shown raw.
_NOTATION = re.compile(r"<U\+[0-9A-F]{4,6}>")
#: Dashes and ellipses come in pairs (`——`, `……`) that are never split.
_DOUBLED = "—…"


#: Each distinct set of kept phrases, as one object (see `kept`).
_KEPT: dict[frozenset[str], frozenset[str]] = {}
#: How many distinct sets `_KEPT` holds before it starts again (a table has one; a session, a few).
_KEPT_MOST = 64


def kept(keep: Iterable[str]) -> frozenset[str]:
    """`keep` as a frozenset, the very same object for equal sets. `_units` is cached by (text, keep),
    and a look-up that meets an equal set that is another object compares them phrase by phrase
    (14 µs for the thousand names of a large plan, on every hit): each view builds its own set, and
    a workbook's sheets and every build of a plan look up the same texts."""
    keep = keep if isinstance(keep, frozenset) else frozenset(keep)
    found = _KEPT.get(keep)
    if found is None:
        if len(_KEPT) >= _KEPT_MOST:
            _KEPT.clear()
        found = _KEPT[keep] = keep
    return found


def display_lines_width(lines: Iterable[str]) -> int:
    return max((display_width(line) for line in lines), default=0)


@functools.lru_cache(maxsize=64)
def _keep_index(keep: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The kept phrases by their first character, longest first (the longest match wins)."""
    index: dict[str, list[str]] = {}
    for phrase in keep:
        if len(phrase) > 1:
            index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(sorted(phrases, key=len, reverse=True)) for first, phrases in index.items()}


def units(text: str, keep: Iterable[str] = ()) -> list[str]:
    """`text` cut into the stretches a line never breaks inside; they join up to `text` again."""
    return list(_units(text, keep if isinstance(keep, frozenset) else frozenset(keep)))


@functools.lru_cache(maxsize=1 << 15)  # a printed table measures each text, then breaks it: cut it once
def _units(text: str, keep: frozenset[str]) -> tuple[str, ...]:
    index = _keep_index(keep)
    pieces: list[tuple[str, bool]] = []  # (text, is a kept phrase)
    at, end = 0, len(text)
    while at < end:
        char = text[at]
        found = next((phrase for phrase in index.get(char, ()) if text.startswith(phrase, at)), None)
        if found:
            pieces.append((found, True))
            at += len(found)
            continue
        size = _atom_size(text, at)
        pieces.append((text[at:at + size], False))
        at += size
    return tuple(_numbered(_glued(pieces)))


#: A heading's number, which stays with the words it numbers: `一、`, `（一）`, `(3)`, `1.`, `10、`.
HEADING_NUMBER = re.compile(r"[一二三四五六七八九十百零〇]+、|[（(][一二三四五六七八九十百零〇0-9]+[）)]|[0-9]+[.．、]")


def _numbered(found: list[str]) -> list[str]:
    """A heading's number joined to the unit after it: `一、总则` never breaks as `一、` / `总则`."""
    if len(found) < 2 or not any(HEADING_NUMBER.fullmatch(unit) for unit in found[:-1]):
        return found
    out: list[str] = []
    hold = ""
    for unit in found:
        if HEADING_NUMBER.fullmatch(unit):
            hold += unit
            continue
        out.append(hold + unit)
        hold = ""
    if hold:
        out.append(hold)
    return out


def _atom_size(text: str, at: int) -> int:
    """How many characters from `at` form one unbreakable stretch (a word, a number, a group)."""
    char = text[at]
    if char == "<":
        notation = _NOTATION.match(text, at)
        if notation:
            return notation.end() - at
    if char.isascii() and char.isalnum():
        end = at
        while end < len(text) and text[end].isascii() and text[end].isalnum():
            end += 1
        return end - at
    if char in _PAIRS:
        close = text.find(_PAIRS[char], at + 1, at + SHORT_GROUP + 2)
        if close > at and char not in text[at + 1:close]:
            return close + 1 - at
    if char in _DOUBLED:
        end = at
        while end < len(text) and text[end] == char:
            end += 1
        return end - at
    return 1


def _glued(pieces: Sequence[tuple[str, bool]]) -> list[str]:
    """The 禁则 applied: closing punctuation joins the unit before, opening the unit after, and a
    short bracketed group right after a kept name stays with the name."""
    out: list[str] = []
    after_kept = False
    hold = ""  # opening punctuation waiting for the unit it opens
    for text, kept in pieces:
        text, hold = hold + text, ""
        if out and (text[0] in CLOSING or text[0] in SPACES or (after_kept and text[0] in _PAIRS and text[-1] == _PAIRS[text[0]])):
            out[-1] += text
        elif text[-1] in OPENING:
            hold = text
            continue
        else:
            out.append(text)
        after_kept = kept
    if hold:
        if out:
            out[-1] += hold
        else:
            out.append(hold)
    return out


def wrap(text: str, width: int, keep: Iterable[str] = (), measure: Measure = display_width) -> list[str]:
    """`text` in lines of at most `width` display cells, broken only between units (see above);
    each newline in `text` starts a line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if measure(paragraph) <= width:
            lines.append(paragraph)
            continue
        lines += _fill(units(paragraph, keep), width, measure)
    return lines


def list_items(text: str, separators: str = "、/") -> list[str]:
    """The items of a one-line list, each with the separator after it: `完成时限/`, `频次`."""
    found = re.findall(f"[^{re.escape(separators)}]*[{re.escape(separators)}]+|[^{re.escape(separators)}]+", text)
    return found or [""]


def wrap_list(text: str, width: int, separators: str = "、/", measure: Measure = display_width) -> list[str]:
    """A list (`市委宣传部、市妇联党组`, a header `完成时限/频次`) broken only after a separator."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _fill(list_items(paragraph, separators), width, measure)
    return lines


def _fill(pieces: Sequence[str], width: int, measure: Measure = display_width) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0
    for piece in pieces:
        cells = measure(piece)
        if used + cells <= width:
            lines[-1].append(piece)
            used += cells
            continue
        if cells <= width:
            lines.append([piece])
            used = cells
            continue
        cut = _cut(piece, width, measure)  # wider than a line: cut by character, the 禁则 still kept
        if not lines[-1]:
            lines.pop()
        lines += [[part] for part in cut]
        used = measure(cut[-1])
    _no_orphan(lines, width, measure)
    return ["".join(line) for line in lines]


def _no_orphan(lines: list[list[str]], width: int, measure: Measure = display_width) -> None:
    """A last line of one character (孤字) takes the last unit of the line before, when that
    leaves the line before with something on it and the last line still fits."""
    if len(lines) < 2 or measure("".join(lines[-1])) > 2 or len(lines[-2]) < 2:
        return
    moved = lines[-2][-1]
    if measure(moved + "".join(lines[-1])) <= width:
        lines[-2].pop()
        lines[-1].insert(0, moved)


def _cut(piece: str, width: int, measure: Measure = display_width) -> list[str]:
    lines: list[str] = []
    line, used = "", 0
    for char in piece:
        cells = measure(char)
        if used + cells > width and line:
            # The character before a closing mark, or an opening mark, goes down with it.
            carry = 1 if (char in CLOSING or line[-1] in OPENING) and len(line) > 1 else 0
            if carry and measure(line[-1]) + cells > width:
                carry = 0
            if carry and line[-1] in CLOSING:
                carry = 0  # a run of closing marks: the width wins over the rule
            lines.append(line[: len(line) - carry])
            line = line[len(line) - carry:]
            used = measure(line)
        line += char
        used += cells
    lines.append(line)
    return lines


def wrap_heading(title: str, width: int, keep: Iterable[str] = (), measure: Measure = display_width) -> list[str]:
    """A column title (`完成时限/频次`) broken after a `/` or `、` first; an item still too wide is set
    on lines of about equal length (`进展`/`情况`, not `进展情`/`况`), as a narrow printed column head is."""
    lines: list[str] = []
    for paragraph in title.split("\n"):
        line = ""
        for item in list_items(paragraph):
            if measure(line + item) <= width:
                line += item
                continue
            if line:
                lines.append(line)
            line = item
            if measure(item) > width:
                *full, line = balanced(item, width, keep, measure)
                lines += full
        lines.append(line)
    return lines


def widest_unit(text: str, keep: Iterable[str] = (), measure: Measure = display_width) -> int:
    """The width of the widest unit of `text`: the narrowest a column can get unbroken."""
    return max((measure(piece) for line in text.split("\n") for piece in units(line, keep)), default=0)


#: Where a two-line title breaks best, when that is near its middle: after `关于`
#: (中共某市委关于 | 推进…的实施意见), as GB/T 9704 asks a title to break between words.
TITLE_BREAK = "关于"


def balanced(text: str, width: int, keep: Iterable[str] = (), measure: Measure = display_width) -> list[str]:
    """Like `wrap`, but with lines of about equal length (the standard's 梯形 or 菱形 title): a
    title never ends on a lone character; two lines break after `关于` when that is near the middle."""
    lines = wrap(text, width, keep, measure)
    if len(lines) < 2:
        return lines
    total = measure(text)
    at = text.find(TITLE_BREAK)
    if len(lines) == 2 and at > 0 and "\n" not in text:
        first, second = text[:at + len(TITLE_BREAK)], text[at + len(TITLE_BREAK):]
        if max(measure(first), measure(second)) <= width and abs(measure(first) - total / 2) <= total / 6:
            return [first, second]
    narrow = -(-total // len(lines))  # the same number of lines, each as full as the others
    for target in range(narrow, width + 1):
        tried = wrap(text, target, keep, measure)
        if len(tried) == len(lines):
            return tried
    return lines

"""Variant characters for one number mark, written as the plain mark before anything reads the numbering.

Copies write the same item number in several characters: the small forms `1﹒` and `一﹑` (U+FE52, U+FE51), one
character for a whole number, `⑴` (U+2474…) and `⒈` (U+2488…), `一．` for `一、`, and the ideographic full stop
for the item's dot (`1。`, a copy whose full-width conversion reached the dot). Every reader of numbers
(the outline at a line's start, the cutter of items run together inside a line) sees them as `1.`, `一、`,
`(1)`, so a document numbered in one of them reads as one numbered in the plain marks.
"""

from __future__ import annotations

import re

import attrs

from .reading import Line

#: `⑴`…`⒇` is `(1)`…`(20)`; `⒈`…`⒛` is `1.`…`20.`.
_ONE_CHARACTER = re.compile(r"[\u2474-\u2487\u2488-\u249b]")
#: The small full stop and the small enumeration comma after a number (`1﹒`, `一﹑`), outside numbers too: no
#: text writes them for anything else.
_SMALL = str.maketrans({"﹑": "、", "﹒": "."})
#: A part number closed by a full stop (`一．`, `二.`): the part's `一、`, wherever it stands (a label's units may run
#: into it, `…各有关单位二．完善…`; the cutter of items run together decides whether an item starts there). Not
#: inside a longer numeral or after 第 (`第三.`), not before a digit (`一.5` is no number).
#: The half-width `.` only where an item may start (a line's start, after a blank, a sentence end or a bracket):
#: a half-width copy may end a sentence with it (`…全市统一.`).
_PART_STOP = re.compile(r"(?<![一二三四五六七八九十百第])([一二三四五六七八九十]{1,3})．(?![0-9０-９])"
                        r"|(?:(?<=^)|(?<=[ \t\u3000。；;)）\]】〕]))([一二三四五六七八九十]{1,3})\.(?![0-9０-９])")

#: A number closed by the ideographic full stop where an item may start, `1。在…` at a line's start (after its
#: indent) or after a note's closing bracket in items run together: the item's `1.`. A sentence never starts a
#: line with `3。` (typesetting hangs the stop at the end of the line before), and the outline still checks that
#: the number follows the one before. Not before a digit, `%` or another stop (`2。5` is no number).
_IDEOGRAPHIC_STOP = re.compile(r"(^[ \t\u3000]*|(?<=[)）\]】〕]))([0-9０-９]{1,3})。(?=[^0-9０-９%％。\s])")
#: A part number closed by the ideographic full stop at a line's start (`一。总体要求`): the part's `一、`.
_PART_IDEOGRAPHIC = re.compile(r"^([ \t\u3000]*)([一二三四五六七八九十]{1,3})。(?=[^\s。])")


def _one_character(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"({code - 0x2473})" if code <= 0x2487 else f"{code - 0x2487}."


def plain_marks(text: str) -> str:
    """`text` with its number marks written plainly: `一﹑…⑴…` -> `一、…(1)…`."""
    if not text:
        return text
    text = _ONE_CHARACTER.sub(_one_character, text.translate(_SMALL))
    text = _IDEOGRAPHIC_STOP.sub(lambda match: match.group(1) + match.group(2) + ".", text)
    text = _PART_IDEOGRAPHIC.sub(lambda match: match.group(1) + match.group(2) + "、", text)
    return _PART_STOP.sub(lambda match: (match.group(1) or match.group(2)) + "、", text)


def plain_lines(lines: list[Line]) -> list[Line]:
    """The document's lines with their number marks written plainly (a table row's cells as they are)."""
    return [line if line.cells is not None else attrs.evolve(line, text=plain_marks(line.text)) for line in lines]

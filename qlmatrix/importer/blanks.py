"""Blank characters a copy writes for the indent or the gap between labels, written as the two the importer reads.

Every reader of the document's layout (an item's number at a line's start, labels apart by spaces, a line's
width) knows the half-width space, the tab and the ideographic space U+3000. Copies from word processors and web
editors indent with other Unicode spaces as well: the em space U+2003 (`\u2003\u2003一、…`, two em spaces where a
typist's copy has two U+3000), the en space U+2002, the no-break space U+00A0, thin and narrow spaces. Each is
written here, one character for one, as the blank of its width (em-wide ones as U+3000, the others as a space),
so a line keeps its length and every later reader sees the indent it already reads.
"""

from __future__ import annotations

import attrs

from .reading import Line

#: Em-wide spaces (the em quad U+2001 and the em space U+2003) are as wide as an ideographic space.
_EM_WIDE = "\u2001\u2003"
#: The other spaces of Unicode's Zs class that are not a plain space or U+3000.
_NARROW = "\u00a0\u1680\u2000\u2002\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_PLAIN = str.maketrans({**{c: "\u3000" for c in _EM_WIDE}, **{c: " " for c in _NARROW}})


def plain_blanks(text: str) -> str:
    """`text` with every Unicode space written as a space or U+3000 (one character for one)."""
    return text.translate(_PLAIN)


def plain_blank_lines(lines: list[Line]) -> list[Line]:
    """The document's lines (and a table row's cells) with their blanks written plainly."""
    return [attrs.evolve(line, text=plain_blanks(line.text),
                         cells=None if line.cells is None else tuple(plain_blanks(cell) for cell in line.cells))
            for line in lines]

"""Blanks a copy writes in other characters, written as the two the importer reads before anything else does.

Pages and word processors indent and space with the typographic blanks of Unicode: the em space (U+2003, two of
them as a paragraph's indent), the en space, the no-break space (U+00A0, what `&nbsp;` becomes), the thin and
narrow spaces. The importer reads a blank as ` `, a tab or the ideographic space (U+3000) wherever it looks for
one: an item's number after the indent, labels apart by a run of blanks, a one-line copy's paragraphs. Each of
the others is written as one of those, character for character (so a line keeps its length for the learnt page
width): the em-wide ones, as wide as a Chinese character, as U+3000, the narrower ones as ` `.
"""

from __future__ import annotations

import attrs

from .reading import Line

#: Every blank of Unicode's space separators (Zs) but ` ` and U+3000, and what it is read as.
_BLANKS = str.maketrans({
    **{chr(code): " " for code in (0x00A0, 0x1680, 0x2000, 0x2002, *range(0x2004, 0x200B), 0x202F, 0x205F)},
    "\u2001": "\u3000",  # em quad
    "\u2003": "\u3000",  # em space
})


def plain_blanks(text: str) -> str:
    """`text` with its typographic blanks written as ` ` or U+3000: `\\u2003\\u2003一、…` -> `\\u3000\\u3000一、…`."""
    return text.translate(_BLANKS)


def plain_blank_lines(lines: list[Line]) -> list[Line]:
    """The document's lines (a table row's cells too) with their blanks written plainly."""
    return [attrs.evolve(line, text=plain_blanks(line.text),
                         cells=None if line.cells is None else tuple(plain_blanks(cell) for cell in line.cells))
            for line in lines]

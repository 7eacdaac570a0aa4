"""Source positions and the display width of Chinese text.

Columns are counted in characters (code points), as editors count them;
`display_width` turns a stretch of text into terminal cells, where East
Asian wide and full-width characters take two.
"""

from __future__ import annotations

import functools
import unicodedata

import attrs


@attrs.frozen
class Span:
    """Where something was written: 1-based line and column, end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


#: A position kept as plain values until someone asks for it: (file, line, column, end_line,
#: end_column), a Span's fields. The model keeps the spans of tasks, assignments and the units they
#: name so (docs/performance.md): a tuple of a string and numbers is one the garbage collector stops
#: tracking after its first look, where a Span, like every instance of a class, stays on its lists,
#: and almost no span of a plan is ever asked for (only those of findings and of editor look-ups).
Place = tuple[str, int, int, int, int]


def as_span(at: Span | Place | None) -> Span | None:
    """The Span of a position kept as a Span or as a Place."""
    return Span(*at) if isinstance(at, tuple) else at


@functools.lru_cache(maxsize=4096)  # plans use a few thousand distinct characters; tables measure millions
def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells taken by `text` (East Asian wide = 2)."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def print_char_width(char: str) -> int:
    """Half-ems a character takes in print, in a Chinese font: as `char_width`, but an ambiguous-width
    character (`“”‘’…—·`) is set full-width there, as wide as a Chinese character."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F", "A") else 1


@functools.lru_cache(maxsize=1 << 16)  # texts and their units recur: the names, the characters
def print_width(text: str) -> int:
    """Half-ems taken by `text` printed in a Chinese font (DOCX, XLSX): `display_width` with the
    ambiguous-width punctuation full-width, as the fonts set it."""
    if text.isascii():
        return len(text)
    return sum(map(print_char_width, text))


def pad(text: str, width: int, align: str = "left") -> str:
    """Pad `text` with spaces to `width` display cells."""
    gap = max(0, width - display_width(text))
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap

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

"""Positions between qlmatrix and the protocol.

qlmatrix counts columns in code points, 1-based (qlmatrix.span); the
protocol counts UTF-16 code units, 0-based, unless client and server agree on
UTF-8 bytes or UTF-32 (code points) at start-up. UTF-16 differs from code
points after a character outside the Basic Multilingual Plane (𝒜, an emoji,
a CJK Extension B character such as 𠀾), which takes two units; UTF-8 after
any non-ASCII character. Every conversion goes through this module.
"""

from __future__ import annotations

from lsprotocol import types

from ..span import Span

UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"


def char_units(char: str, encoding: str = UTF16) -> int:
    """Code units one character takes in `encoding`."""
    if encoding == UTF32:
        return 1
    if encoding == UTF8:
        return len(char.encode("utf-8", "surrogatepass"))
    return 2 if ord(char) > 0xFFFF else 1


def units(text: str, encoding: str = UTF16) -> int:
    """Code units `text` takes in `encoding`."""
    if text.isascii() or encoding == UTF32:
        return len(text)
    return sum(char_units(char, encoding) for char in text)


def utf16_length(text: str) -> int:
    return units(text, UTF16)


class Lines:
    """A text's lines, for turning (line, code-point column) into protocol positions and back."""

    def __init__(self, text: str, encoding: str = UTF16):
        # Lines split at "\n" only, as the parser counts them (a "\r" stays at the line's end).
        self.lines = text.split("\n")
        self.encoding = encoding

    def line(self, number: int) -> str:
        """Line `number` (0-based), or "" past the end."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def position(self, line: int, column: int) -> types.Position:
        """The protocol position of a 1-based line and 1-based code-point column."""
        text = self.line(line - 1)
        return types.Position(line=max(line - 1, 0), character=units(text[: max(column - 1, 0)], self.encoding))

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.line, span.column),
                           end=self.position(span.end_line, span.end_column))

    def column(self, position: types.Position) -> int:
        """The 0-based code-point column of a protocol position (one inside a character counts as after it)."""
        text = self.line(position.line)
        if self.encoding == UTF32 or text.isascii():
            return min(position.character, len(text))
        counted = 0
        for index, char in enumerate(text):
            if counted >= position.character:
                return index
            counted += char_units(char, self.encoding)
        return len(text)

    def offset(self, position: types.Position) -> int:
        """The code-point offset in the whole text of a protocol position."""
        before = sum(len(line) + 1 for line in self.lines[: position.line])
        return before + self.column(position)

    def end(self) -> types.Position:
        """The position just after the last character."""
        return types.Position(line=len(self.lines) - 1, character=units(self.lines[-1], self.encoding))


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = UTF16) -> str:
    """`text` with the edits applied (they do not overlap, as the protocol requires): what a client does."""
    lines = Lines(text, encoding)
    placed = sorted(((lines.offset(edit.range.start), lines.offset(edit.range.end), edit.new_text) for edit in edits),
                    reverse=True)
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text

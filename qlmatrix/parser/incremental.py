"""Reading a file again after an edit: only the top-level statements whose text changed are parsed.

A plan is a list of top-level statements (units, sections, tasks...); a
keystroke in an editor changes one of them. `Reparser` cuts the text into
chunks of whole top-level statements, parses each chunk as a plan of its
own with the fast path (`fast.Engine.parse` over `text[start:stop]`, with
the positions of the whole text), and keeps each chunk's statements and
diagnostics by its text and first line. After an edit only the chunks that
changed are parsed; the Builder's `start` then joins all statements into the
plan, exactly as after a parse of the whole text.

The cut is made where a line starts a statement outside any block (a line
beginning with neither a blank, a separator nor a comment, with the braces
before it balanced). That only has to be right to be fast: a cut inside a
block leaves a chunk with an unclosed block, which does not parse, and any
chunk that does not parse, or a token running over a cut, makes the whole
text be read by `parse_text` as on a first read (lark's diagnostics for a
syntax error). The result is always `parse_text(text, filename)`'s.
"""

from __future__ import annotations

import re
from typing import NamedTuple, cast

from .. import limits
from ..diagnostics import Diagnostic
from . import Parsed, fast, finish, parse_text
from .build import Builder
from .recovery import nesting_error

__all__ = ["Reparser"]

#: Characters that matter for cutting: line ends, braces, quotes and comment marks.
_MARKS = re.compile('[\n{}\uff5b\uff5d"#\uff03]')
#: What may begin a line that continues the separator before it (blank, `;`, a comment).
_NOT_A_STATEMENT = " \t\u3000\r\n;\uff1b#\uff03"


class _Chunk(NamedTuple):
    children: list[object]  # the values of its statements, as the start rule receives them
    diagnostics: tuple[Diagnostic, ...]


class _Statements(Builder):
    """A Builder whose start rule hands back its statements instead of a plan, to join with other chunks."""

    def start(self, children: list[object]) -> list[object]:  # type: ignore[override]  # a part of a plan
        return children


class Reparser:
    """One file's text kept parsed by top-level statement (not thread-safe: one per file and thread)."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.chunks: dict[tuple[str, int], _Chunk] = {}
        self.last: tuple[str, Parsed] | None = None
        #: Chunks parsed by the last `parse`, for tests and benchmarks: what an edit cost.
        self.parsed_chunks = 0

    def parse(self, text: str) -> Parsed:
        """`parse_text(text, self.filename)`, reusing what earlier texts' chunks gave."""
        if self.last is not None and self.last[0] == text:
            self.parsed_chunks = 0
            return self.last[1]
        result = self._by_chunks(text)
        if result is None:
            self.chunks = {}
            result = parse_text(text, self.filename)
            self.parsed_chunks = -1  # the whole text
        self.last = (text, result)
        return result

    def _by_chunks(self, text: str) -> Parsed | None:
        engine = fast.engine()
        if engine is None:
            return None
        pieces, deepest, unbalanced = _scan(text)
        # The scan counts braces as `nesting_error` does (same marks, quotes and comments), so
        # when no `}` ever closes more than was opened its deepest level is that check's: the
        # whole-text check runs only for a text that may be too deep (E016), read in full anyway.
        if (unbalanced or deepest > limits.MAX_NESTING) and nesting_error(text, self.filename) is not None:
            return None
        kept: dict[tuple[str, int], _Chunk] = {}
        children: list[object] = []
        diagnostics: list[Diagnostic] = []
        parsed = 0
        for start, stop, line in pieces:
            key = (text[start:stop], line)
            chunk = self.chunks.get(key) or kept.get(key)
            if chunk is None:
                builder = _Statements(self.filename)
                try:
                    found = cast("list[object]", engine.parse(text, builder, start, stop, line))
                except Exception:  # a syntax error, or a cut that was not one: read the whole text
                    return None
                chunk = _Chunk(found, tuple(builder.diagnostics))
                parsed += 1
            kept[key] = chunk
            children += chunk.children
            diagnostics += chunk.diagnostics
        joiner = Builder(self.filename)
        plan = joiner.start(children)  # type: ignore[arg-type]  # the statements of every chunk, in order
        self.chunks = kept
        self.parsed_chunks = parsed
        return finish(plan, [*diagnostics, *joiner.diagnostics], text, self.filename)


def cuts(text: str) -> list[tuple[int, int, int]]:
    """(start, stop, first line) of chunks of whole top-level statements covering `text`."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[list[tuple[int, int, int]], int, bool]:
    """`cuts(text)`, the deepest level of braces reached, and whether a `}` closed more than was open."""
    found: list[tuple[int, int, int]] = []
    depth, line, quoted, in_comment = 0, 1, False, False
    deepest, unbalanced = 0, False
    start, start_line = 0, 1
    size = len(text)
    for mark in _MARKS.finditer(text):
        char = mark.group()
        if char == "\n":
            line += 1
            quoted = in_comment = False
            at = mark.end()
            if depth == 0 and at < size and text[at] not in _NOT_A_STATEMENT and at > start:
                found.append((start, at, start_line))
                start, start_line = at, line
        elif in_comment:
            continue
        elif char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "#\uff03":
            in_comment = True
        elif char in "{\uff5b":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
            if depth < 0:
                unbalanced = True
    found.append((start, size, start_line))
    return found, deepest, unbalanced

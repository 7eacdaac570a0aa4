"""Reading a file again after an edit: only the top-level statements whose text changed are parsed,
and of a large top-level section only the statements in it that changed.

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

A top-level section of many statements (a 章 of 150 tasks) is cut once more,
at the lines inside its block that start a statement: each is parsed as a
plan of its own and kept by its text and line, and the section itself is
parsed with those statements blanked out (spaces, line ends kept, so every
position stays), its items then being theirs. Anything that does not read so
is parsed whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple, cast

import attrs

from .. import limits
from ..diagnostics import Diagnostic
from ..keywords import PROPERTY_BY_WORD
from ..model import Include, Item, Note, Report, Section, Task
from . import Parsed, fast, finish, parse_text
from .build import Builder, Tok
from .recovery import nesting_error

__all__ = ["Reparser"]

#: Characters that matter for cutting: line ends, braces, quotes and comment marks.
_MARKS = re.compile('[\n{}\uff5b\uff5d"#\uff03]')
#: What may begin a line that continues the separator before it (blank, `;`, a comment).
_NOT_A_STATEMENT = " \t\u3000\r\n;\uff1b#\uff03"


#: What starts a line inside a section that is not one of its statements: a property (`牵头:`) or the
#: block's end. Anything else begins a statement (`任务 …`, `章 …`, or a numbered task `1.…`).
_NOT_A_MEMBER = re.compile(
    "[}\uff5d]|(?:" + "|".join(map(re.escape, sorted(PROPERTY_BY_WORD, key=len, reverse=True)))
    + ")[ \t\u3000]*[:\uff1a]")
_INDENT = re.compile("[ \t\u3000]*")
#: What a section's block may hold besides its properties (the grammar's `_member`).
_MEMBER_TYPES = (Section, Task, Report, Include, Note)
#: A top-level section is read statement by statement when it holds at least this many.
_MEMBERS_WORTH_IT = 4


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
        #: A section's statements, and the section with them blanked out, by text and first line.
        self.members: dict[tuple[str, int], _Chunk] = {}
        self.last: tuple[str, Parsed] | None = None
        #: Chunks parsed by the last `parse`, for tests and benchmarks: what an edit cost; of them,
        #: the sections read statement by statement.
        self.parsed_chunks = 0
        self.by_members = 0

    def parse(self, text: str) -> Parsed:
        """`parse_text(text, self.filename)`, reusing what earlier texts' chunks gave."""
        if self.last is not None and self.last[0] == text:
            self.parsed_chunks = 0
            return self.last[1]
        result = self._by_chunks(text)
        if result is None:
            self.chunks, self.members = {}, {}
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
        members: dict[tuple[str, int], _Chunk] = {}
        children: list[object] = []
        diagnostics: list[Diagnostic] = []
        parsed = by_members = 0
        for start, stop, line in pieces:
            key = (text[start:stop], line)
            chunk = self.chunks.get(key) or kept.get(key)
            if chunk is None:
                parsed += 1
                chunk = self._by_members(engine, text, start, stop, line, members)
                by_members += chunk is not None
            if chunk is None:
                try:
                    chunk = _parsed(engine, self.filename, text, start, stop, line)
                except Exception:  # a syntax error, or a cut that was not one: read the whole text
                    return None
            kept[key] = chunk
            children += chunk.children
            diagnostics += chunk.diagnostics
        joiner = Builder(self.filename)
        plan = joiner.start(children)  # type: ignore[arg-type]  # the statements of every chunk, in order
        self.chunks, self.members = kept, members
        self.parsed_chunks, self.by_members = parsed, by_members
        return finish(plan, [*diagnostics, *joiner.diagnostics], text, self.filename)


    def _by_members(self, engine: fast.Engine, text: str, start: int, stop: int, line: int,
                    members: dict[tuple[str, int], _Chunk]) -> _Chunk | None:
        """A top-level section read statement by statement: a keystroke in one of a section's 150
        tasks parses that task, and the section with its statements blanked out (spaces, line ends
        kept, so every position stays), instead of all 150. None when the chunk is no such section or
        anything does not read: the caller then parses it whole, so this is only ever faster."""
        pieces = _member_pieces(text, start, stop, line)
        if len(pieces) < _MEMBERS_WORTH_IT:
            return None
        shell: list[str] = []
        done = start
        for _, begins, end, _ in pieces:
            shell += [text[done:begins], _blanked(text[begins:end])]
            done = end
        shell.append(text[done:stop])
        blank = "".join(shell)
        parts: list[_Chunk] = []
        try:
            for line_start, begins, end, first in pieces:
                parts.append(self._chunk(engine, text, begins, end, first, members, line_start))
            # On its own: a chunk starts a line, so its columns are the same, and spans hold no offsets
            # (copying the text around it for each section would be quadratic in a large file).
            outer = self._chunk(engine, blank, 0, len(blank), line, members, key=blank)
        except Exception:  # a piece that is no statement, a syntax error: the chunk is parsed whole
            return None
        if len(outer.children) != 1 or not isinstance(outer.children[0], Section) or outer.children[0].items:
            return None
        items = cast("list[Item]", [child for part in parts for child in part.children])
        if not all(isinstance(item, _MEMBER_TYPES) for item in items):
            # A statement only a plan may hold (`单位 …`, `计划 …`) reads on its own but not inside the
            # section's block, where a parse of the whole text reports it (E001): let it do so.
            return None
        section = attrs.evolve(outer.children[0], items=items)
        # In the order a parse of the whole section reports them: its statements', then its own.
        return _Chunk([section], tuple(d for part in (*parts, outer) for d in part.diagnostics))

    def _chunk(self, engine: fast.Engine, text: str, start: int, stop: int, line: int,
               members: dict[tuple[str, int], _Chunk], line_start: int | None = None,
               key: str | None = None) -> _Chunk:
        """text[start:stop] parsed as statements, or what the last parse of the same text there gave."""
        slot = (text[start if line_start is None else line_start:stop] if key is None else key, line)
        chunk = members.get(slot) or self.members.get(slot)
        if chunk is None:
            chunk = _parsed(engine, self.filename, text, start, stop, line, line_start)
        members[slot] = chunk
        return chunk


def _parsed(engine: fast.Engine, filename: str, text: str, start: int, stop: int, line: int,
            line_start: int | None = None) -> _Chunk:
    """text[start:stop] parsed as a plan's statements, with their diagnostics (raises as the engine does)."""
    builder = _Statements(filename)
    found = cast("list[object]", engine.parse(text, builder, start, stop, line, line_start, token=Tok))
    return _Chunk(found, tuple(builder.diagnostics))


def _blanked(piece: str) -> str:
    """`piece` as spaces, its line ends kept: every position after it stays where it was."""
    return "\n".join(" " * (len(part) - 1) + "\r" if part.endswith("\r") else " " * len(part)
                     for part in piece.split("\n"))


def _member_pieces(text: str, start: int, stop: int, line: int) -> list[tuple[int, int, int, int]]:
    """(line start, statement start, stop, first line) of each statement directly inside the block of
    the top-level statement text[start:stop]: from a line at depth 1 that starts a statement, after
    its indent, to the first character of the next line at depth 1 that starts anything (a statement,
    a property, the end)."""
    starts: list[tuple[int, int, int, bool]] = []  # (line start, its first character, line, a statement)
    for at, line_number, depth in _Braces().lines(text, start, stop, line):
        if depth == 1 and at < stop:
            indent = _INDENT.match(text, at, stop)
            begins = indent.end() if indent is not None else at
            if begins < stop and text[begins] not in _NOT_A_STATEMENT:
                starts.append((at, begins, line_number, _NOT_A_MEMBER.match(text, begins, stop) is None))
    # A piece ends where the next line's first character is: its line end and that line's indent are
    # one token, which must not run past the piece.
    return [(at, begins, following[1], first)
            for (at, begins, first, statement), following in zip(starts, starts[1:]) if statement]


def cuts(text: str) -> list[tuple[int, int, int]]:
    """(start, stop, first line) of chunks of whole top-level statements covering `text`."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[list[tuple[int, int, int]], int, bool]:
    """`cuts(text)`, the deepest level of braces reached, and whether a `}` closed more than was open."""
    found: list[tuple[int, int, int]] = []
    start, start_line = 0, 1
    size = len(text)
    braces = _Braces()
    for at, line, depth in braces.lines(text, 0, size, 1):
        if depth == 0 and at < size and text[at] not in _NOT_A_STATEMENT and at > start:
            found.append((start, at, start_line))
            start, start_line = at, line
    found.append((start, size, start_line))
    return found, braces.deepest, braces.unbalanced


class _Braces:
    """The braces of a text, as the parser sees them: not inside a quoted string or a comment."""

    def __init__(self) -> None:
        #: Once `lines` is done: the deepest level reached, and whether a `}` closed more than was open.
        self.deepest = 0
        self.unbalanced = False

    def lines(self, text: str, start: int, stop: int, line: int) -> Iterator[tuple[int, int, int]]:
        """(position after each line end, the line it starts, the depth of braces there) in
        text[start:stop], whose first line is `line`."""
        depth, quoted, in_comment = 0, False, False
        for mark in _MARKS.finditer(text, start, stop):
            char = mark.group()
            if char == "\n":
                line += 1
                quoted = in_comment = False
                yield mark.end(), line, depth
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
                if depth > self.deepest:
                    self.deepest = depth
            else:
                depth -= 1
                if depth < 0:
                    self.unbalanced = True

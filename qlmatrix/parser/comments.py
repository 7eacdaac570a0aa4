"""Comments of a .qlm file, found and tied to the statements they belong to.

The lexer drops `#` comments, so `qlm fmt` finds them itself, from lark's
parse tree: every token the parser keeps (a name, a title, a "string", a
brace) is code, and a `#`/`＃` in the text between two of them starts a
comment. So a `#` inside a name's parentheses (`单位 县(#1)`) or a quoted
string is text, as the parser reads it.

Each comment keeps the place it has in the file, so that a suppression
comment (`# qlm: ignore[…]`, see parser/suppressions.py) covers the same
statement after formatting:

- a comment at the end of a line stays at the end of that line's statement
  (the last statement starting on the line), of its property (`频次: 每年  # …`)
  or of the block its closing brace ends (`}  # …`);
- a comment on a line of its own stays before the code that follows it: a
  statement, a property in a block, a block's closing brace, or the end of
  the file.

What a suppression on a line applies to stays on one line: units declared
together (`单位 甲、乙 {…}  # qlm: ignore[W203]`) stay one declaration, other
statements of a suppressed line stay on it where the writer can put them
there (`Attached.joins`), and units after a suppressed line are not declared
on it. fmt compares `qlm check`'s findings before and after, so what cannot
be kept is refused, never changed.

Blank lines between statements are kept (one at most), so the planner's
grouping of units and tasks survives formatting; inside a block, before a
property, they are dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs
import lark

from ..keywords import PROPERTY_BY_WORD
from ..model import Plan, Section
from .grammar import get_parser

if TYPE_CHECKING:
    from ..model import Item, Unit

    Statement = Plan | Unit | Item

_STATEMENTS = frozenset({"plan", "unit", "collective", "section", "task", "report", "include", "note"})
_COMMENT = re.compile(r"[#＃][^\n]*")
#: A suppression comment (parser/suppressions.py): `ignore` covers lines, `ignore-file` the whole file.
_DIRECTIVE = re.compile(r"qlm:\s*(ignore-file|ignore)\b")

Position = tuple[int, int]  # (line, column), both 1-based, as lark and Span count them


@attrs.frozen
class Comment:
    line: int
    column: int  # 0-based, where the `#` is
    text: str
    trailing: bool  # code before it on the same line


@attrs.frozen
class Extent:
    """A statement as written: from its first token to its last (its closing brace, if any)."""

    kind: str  # plan, unit, collective, section, task, report, include
    start: Position
    end: Position  # just after the last token
    parent: int | None  # index of the enclosing statement in Scan.statements
    names: tuple[Position, ...] = ()  # a unit declaration's names (each Unit's span starts at its name)


@attrs.frozen
class Place:
    """Where comment lines go, relative to a statement (an index into Scan.statements).

    `how` is one of: leading, trailing, closing (before the block's closing
    brace), after (after that brace), entry-leading and entry-trailing (of the
    property `prop`), remaining (the end of the file, `statement` None).
    """

    how: str
    statement: int | None
    prop: str | None = None


@attrs.frozen
class Scan:
    comments: tuple[Comment, ...]
    statements: tuple[Extent, ...]  # in the order of the text (a block's statements after their owner)
    placed: tuple[tuple[Place, tuple[str, ...]], ...]  # comment lines ("" a blank line) and where they go
    bound: frozenset[int] = frozenset()  # lines a line suppression (`# qlm: ignore[…]`) applies to
    starts: tuple[Position, ...] = attrs.field(init=False)

    @starts.default
    def _starts(self) -> tuple[Position, ...]:
        return tuple(extent.start for extent in self.statements)

    def statement_at(self, line: int, column: int) -> int | None:
        """The innermost statement whose text holds the position, or None."""
        position = (line, column)
        index: int | None = bisect.bisect_right(self.starts, position) - 1
        while index is not None and index >= 0:
            extent = self.statements[index]
            if extent.start <= position < extent.end:
                return index
            index = extent.parent
        return None


@attrs.frozen
class _Token:
    token: lark.Token
    statement: int | None  # the statement it belongs to (a brace: the statement whose block it is)
    prop: str | None  # the property it belongs to, canonical
    first: bool  # the first token of its statement, or of its property


def is_directive(comment: str) -> bool:
    """The comment is a line suppression `# qlm: ignore[…]` (not `ignore-file`, which covers the whole file)."""
    found = _DIRECTIVE.search(comment)
    return found is not None and found.group(1) == "ignore"


def _walk(tree: lark.Tree[lark.Token]) -> tuple[list[Extent], list[_Token]]:
    """The statements of the tree, and its tokens in order, each with its statement and property."""
    extents: list[Extent] = []
    tokens: list[_Token] = []

    def visit(node: lark.Tree[lark.Token], statement: int | None, prop: str | None) -> None:
        for child in node.children:
            if isinstance(child, lark.Token):
                tokens.append(_Token(child, statement, prop, False))
                continue
            begin = len(tokens)
            if child.data in _STATEMENTS:
                index = len(extents)
                extents.append(Extent(str(child.data), (0, 0), (0, 0), statement))
                visit(child, index, None)
                names = tuple(_start(t.token) for t in tokens[begin:] if t.statement == index
                              and t.token.type in ("NAME", "STRING")) if child.data in ("unit", "collective") else ()
                last = tokens[-1].token
                extents[index] = attrs.evolve(extents[index], start=_start(tokens[begin].token),
                                              end=(_line(last, end=True), _column(last, end=True)), names=names)
            elif child.data == "property":
                visit(child, statement, PROPERTY_BY_WORD.get(str(child.children[0]), str(child.children[0])))
            else:
                visit(child, statement, prop)
                continue
            tokens[begin] = attrs.evolve(tokens[begin], first=True)

    visit(tree, None, None)
    return extents, tokens


def _line(token: lark.Token, end: bool = False) -> int:
    value = token.end_line if end else token.line
    if value is None:  # lark's lexer places every token it makes
        raise ValueError(f"lark gave the {token.type} token {token!r} no position")
    return value


def _column(token: lark.Token, end: bool = False) -> int:
    value = token.end_column if end else token.column
    if value is None:
        raise ValueError(f"lark gave the {token.type} token {token!r} no position")
    return value


def _start(token: lark.Token) -> Position:
    return _line(token), _column(token)


def _offset(token: lark.Token, end: bool = False) -> int:
    value = token.end_pos if end else token.start_pos
    if value is None:
        raise ValueError(f"lark gave the {token.type} token {token!r} no position")
    return value


def scan(text: str) -> Scan:
    """Comments of `text` (without a byte-order mark), and where each goes. Raises ValueError if it does not parse."""
    try:
        tree = get_parser().parse(text)
    except lark.exceptions.LarkError as error:
        raise ValueError(f"the text does not parse: {error}") from error
    extents, tokens = _walk(tree)
    starts = [0] + [newline.end() for newline in re.finditer("\n", text)]  # where each line starts
    heads: dict[int, list[int]] = {}
    for index, extent in enumerate(extents):
        heads.setdefault(extent.start[0], []).append(index)
    comments: list[Comment] = []
    placed: list[tuple[Place, tuple[str, ...]]] = []
    bound: set[int] = set()
    for gap in range(len(tokens) + 1):
        before = tokens[gap - 1] if gap else None
        after = tokens[gap] if gap < len(tokens) else None
        begin = _offset(before.token, end=True) if before else 0
        end = _offset(after.token) if after else len(text)
        if begin >= end:
            continue
        last_line = _line(before.token, end=True) if before else 0
        next_line = _line(after.token) if after else len(starts) + 1
        own: dict[int, str] = {}
        for match in _COMMENT.finditer(text, begin, end):
            line = bisect.bisect_right(starts, match.start())
            column = match.start() - starts[line - 1]
            comment = Comment(line, column, match.group().rstrip(), bool(text[starts[line - 1]:match.start()].strip()))
            comments.append(comment)
            if before is not None and line == last_line:  # at the end of a line of code
                placed.append((_trailing_place(line, before, heads), (comment.text,)))
                if is_directive(comment.text):
                    bound.add(line)
            else:  # on a line of its own (or after nothing but a `;`)
                own[line] = comment.text
                if is_directive(comment.text) and after is not None:
                    bound.add(next_line)
        lines = [own.get(line, "") for line in range(last_line + 1, next_line)]  # "": a blank line
        if not any(lines) and (not lines or after is None or not after.first or after.prop is not None):
            continue  # blank lines count only before a statement
        placed.append((_own_place(after), tuple(_collapse(lines))))
    return Scan(tuple(comments), tuple(extents), tuple(placed), frozenset(bound))


def _trailing_place(line: int, before: _Token, heads: dict[int, list[int]]) -> Place:
    """Where a comment at the end of a line of code goes (`before`: the last token before it)."""
    if line in heads:
        return Place("trailing", heads[line][-1])
    if before.token.type == "RBRACE":
        return Place("after", before.statement)
    if before.prop is not None:
        return Place("entry-trailing", before.statement, before.prop)
    return Place("trailing", before.statement)


def _own_place(after: _Token | None) -> Place:
    """Where the comment lines before `after` go (the end of the file when it is None)."""
    if after is None:
        return Place("remaining", None)
    if after.first and after.prop is not None:
        return Place("entry-leading", after.statement, after.prop)
    if after.token.type == "RBRACE":
        return Place("closing", after.statement)
    return Place("leading", after.statement)


def _collapse(lines: Iterable[str]) -> Iterator[str]:
    """The lines with each run of blank lines made one."""
    previous = None
    for line in lines:
        if line or previous != "":
            yield line
        previous = line


def statements(plan: Plan) -> Iterator[Statement]:
    """Every statement of this file (not of the files it includes), in order."""
    if plan.span is not None:
        yield plan
    yield from plan.units

    def walk(items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            yield item
            if isinstance(item, Section):
                yield from walk(item.items)

    yield from walk(plan.items)


def nodes(found: Scan, plan: Plan) -> list[list[Statement]]:
    """The model's statements for each of `found.statements` (a unit declaration holds one per name)."""
    by_position: dict[Position, int] = {}
    for index, extent in enumerate(found.statements):
        for position in extent.names or (extent.start,):
            by_position.setdefault(position, index)
    result: list[list[Statement]] = [[] for _ in found.statements]
    for node in statements(plan):
        if node.span is not None:
            found_at = by_position.get((node.span.line, node.span.column))
            if found_at is not None:
                result[found_at].append(node)
    return result


@attrs.define
class Attached:
    """Comments by statement, as qlmatrix.writer.Comments wants them (keys are id(node))."""

    leading: dict[int, list[str]] = attrs.field(factory=dict)
    trailing: dict[int, str] = attrs.field(factory=dict)
    closing: dict[int, list[str]] = attrs.field(factory=dict)
    after: dict[int, str] = attrs.field(factory=dict)
    entries: dict[int, dict[str, tuple[list[str], str | None]]] = attrs.field(factory=dict)
    joins: dict[int, bool] = attrs.field(factory=dict)
    remaining: list[str] = attrs.field(factory=list)


def attach(found: Scan, plan: Plan) -> Attached:
    """Each comment of `found` tied to the statement of `plan` it belongs to."""
    by_extent = nodes(found, plan)
    attached = Attached()
    for place, lines in found.placed:
        owners = by_extent[place.statement] if place.statement is not None else []
        if not owners:
            attached.remaining.extend(lines)
            continue
        first, last = id(owners[0]), id(owners[-1])
        if place.how == "leading":
            attached.leading.setdefault(first, []).extend(lines)
        elif place.how == "trailing":
            _trail(attached.trailing, attached.leading, last, lines[0])
        elif place.how == "closing":
            attached.closing.setdefault(first, []).extend(lines)
        elif place.how == "after":
            _trail(attached.after, attached.closing, first, lines[0])
        else:
            assert place.prop is not None  # entry places name their property
            entries = attached.entries.setdefault(first, {})
            before, end = entries.get(place.prop, ([], None))
            if place.how == "entry-leading":
                before = before + [line for line in lines if line]
            elif end is None:
                end = lines[0]
            else:
                before = before + [lines[0]]
            entries[place.prop] = (before, end)
    _joins(found, plan, by_extent, attached)
    for closing in attached.closing.values():
        _trim(closing)
    while attached.remaining and not attached.remaining[0]:
        attached.remaining.pop(0)
    _trim(attached.remaining)
    return attached


def _trail(trailing: dict[int, str], instead: dict[int, list[str]], key: int, text: str) -> None:
    """One comment at a line's end; a second one for the same place goes on a line of its own."""
    if key in trailing:
        instead.setdefault(key, []).append(text)
    else:
        trailing[key] = text


def _joins(found: Scan, plan: Plan, by_extent: list[list[Statement]], attached: Attached) -> None:
    """Statements that must share the line before them (a suppression or the declaration ties them), or must not.

    A unit declaration `单位 甲、乙` stays one line, and so do statements on a line that a suppression
    comment applies to; a statement after such a line must not join it.
    """
    extent_of = {id(node): index for index, owners in enumerate(by_extent) for node in owners}

    def pairs(items: Iterable[Statement]) -> Iterator[tuple[Statement, Statement]]:
        previous: Statement | None = None
        for item in items:
            if previous is not None:
                yield previous, item
            previous = item

    def lists(items: Iterable[Item]) -> Iterator[Iterable[Item]]:
        yield items
        for item in items:
            if isinstance(item, Section):
                yield from lists(item.items)

    for group in (plan.units, *lists(plan.items)):
        for previous, node in pairs(group):
            if previous.span is None or node.span is None:
                continue
            same_line = previous.span.line == node.span.line
            if same_line and (previous.span.line in found.bound
                              or extent_of.get(id(node), -1) == extent_of.get(id(previous), -2)):
                attached.joins[id(node)] = True
            elif not same_line and previous.span.line in found.bound:
                attached.joins[id(node)] = False


def _trim(lines: list[str]) -> None:
    while lines and not lines[-1]:
        lines.pop()

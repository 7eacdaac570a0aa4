"""Comments of a .qlm file, found and tied to the statements they belong to.

The lexer drops `#` comments, so `qlm fmt` scans the source for them itself:
titles, names and values cannot hold `#`/`＃`, so a `#` outside the file's
"strings" and notes (whose places the parser gives) starts a comment. Each comment is tied to a statement:

- a comment at the end of a statement's first line stays there (trailing);
- any other comment goes before the next statement in the same block
  (leading); with none left in the block, before the block's closing brace
  (a section) or before the statement that owns the block (a task, a unit);
  with none left in the file, at the end of the file.

A blank line after a comment is kept, so a file's header stays apart, and
so is one blank line before a statement (and its comments): the planner's
grouping of units and tasks survives formatting.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs
import lark

from ..model import Plan, Section
from .grammar import get_parser

if TYPE_CHECKING:
    from ..model import Item, Unit

    Statement = Plan | Unit | Item

_OPEN = "{｛"
_CLOSE = "}｝"


@attrs.frozen
class Comment:
    line: int
    text: str
    trailing: bool  # code before it on the same line
    owner: int | None  # head line of the innermost block open at the comment, None at top level
    blank_after: bool


@attrs.frozen
class Scan:
    comments: tuple[Comment, ...]
    owners: dict[int, int | None]  # line -> head line of the block open at the start of that line
    blank_before: frozenset[int] = frozenset()  # lines whose comment run above starts after a blank line


def literals(text: str) -> dict[int, list[tuple[int, int]]]:
    """line -> [(start, end)] 0-based columns of the "strings" and notes, where `#` and braces are text."""
    spans: dict[int, list[tuple[int, int]]] = {}
    tree = get_parser().parse(text)
    for token in tree.scan_values(lambda v: isinstance(v, lark.Token) and v.type in ("STRING", "ANNOTATION")):
        line, column, end_column = token.line, token.column, token.end_column
        if line is None or column is None or end_column is None:  # lark's lexer places every token it makes
            raise ValueError(f"lark gave the {token.type} token {token!r} no position")
        spans.setdefault(line, []).append((column - 1, end_column - 1))
    return spans


def scan(text: str) -> Scan:
    """Comments and block owners of `text`, which must parse."""
    lines = text.split("\n")
    inside = literals(text)
    comments: list[Comment] = []
    owners: dict[int, int | None] = {}
    stack: list[int] = []
    for number, line in enumerate(lines, start=1):
        owners[number] = stack[-1] if stack else None
        skip = inside.get(number, [])
        for index, char in enumerate(line):
            if any(start <= index < end for start, end in skip):
                continue
            if char in _OPEN:
                stack.append(number)
            elif char in _CLOSE and stack:
                stack.pop()
            elif char in "#＃":
                following = lines[number] if number < len(lines) else ""
                comments.append(Comment(number, line[index:].rstrip(), bool(line[:index].strip()),
                                        stack[-1] if stack else None, not following.strip()))
                break
    return Scan(tuple(comments), owners, frozenset(_blank_before(lines)))


def _blank_before(lines: list[str]) -> Iterator[int]:
    """Lines (1-based) with a blank line above them, comment lines in between skipped."""
    above_is_blank = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            above_is_blank = True
        elif stripped.startswith(("#", "＃")):
            continue  # a comment line keeps what is above it
        else:
            if above_is_blank:
                yield number
            above_is_blank = False


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


@attrs.define
class Attached:
    """Comments by statement, as qlmatrix.writer.Comments wants them."""

    leading: dict[int, list[str]] = attrs.field(factory=dict)  # id(node) -> lines
    trailing: dict[int, str] = attrs.field(factory=dict)
    closing: dict[int, list[str]] = attrs.field(factory=dict)
    remaining: list[str] = attrs.field(factory=list)


def attach(found: Scan, plan: Plan) -> Attached:
    by_line: dict[int, Statement] = {}  # the first statement of each line takes the comments before it
    last_on_line: dict[int, Statement] = {}  # the last one takes the comment at the line's end
    for node in statements(plan):
        if node.span is None:
            continue
        by_line.setdefault(node.span.line, node)
        last_on_line[node.span.line] = node
    anchors = sorted(by_line)
    attached = Attached()
    for comment in found.comments:
        if comment.trailing and comment.line in last_on_line:
            attached.trailing[id(last_on_line[comment.line])] = comment.text
            continue
        lines = [comment.text] + ([""] if comment.blank_after else [])
        target = next((line for line in anchors if line > comment.line and found.owners[line] == comment.owner), None)
        if target is not None:
            attached.leading.setdefault(id(by_line[target]), []).extend(lines)
        elif comment.owner is None:
            attached.remaining.extend(lines)
        elif isinstance(by_line.get(comment.owner), Section):
            attached.closing.setdefault(id(by_line[comment.owner]), []).extend(lines)
        elif comment.owner in by_line:
            attached.leading.setdefault(id(by_line[comment.owner]), []).extend(lines)
        else:
            attached.remaining.extend(lines)
    for line, node in by_line.items():
        if line in found.blank_before:
            attached.leading[id(node)] = ["", *attached.leading.get(id(node), [])]
    for lines in attached.closing.values():
        _trim(lines)
    _trim(attached.remaining)
    return attached


def _trim(lines: list[str]) -> None:
    while lines and not lines[-1]:
        lines.pop()


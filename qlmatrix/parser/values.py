"""Splitting values that lark reads as one token: unit lists and annotations.

Each piece keeps its own position, computed from the token's position and
the piece's offset (values never span lines), so a diagnostic can point at
the one misspelt unit in `(责任单位:综合办、纪检委)`.

A plan repeats the same values thousands of times (`牵头: 市财政局`, `频次: 每年`), so
what a value says is worked out once per distinct text, with offsets instead of
positions (`_layout`), and each occurrence only places it (`_placed`).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..errors import QlmError
from ..keywords import ANNOTATION_LABELS, ROLE_MARKS
from ..model import Assignment, Ref, Role
from ..span import Span
from ..text import Text

_OPEN = "(（"
_CLOSE = ")）"
_LIST_SEPARATORS = "、，,"
_GROUP_SEPARATORS = ";；"
_LABEL = re.compile(r"^[ \t\u3000]*(" + "|".join(map(re.escape, ANNOTATION_LABELS)) + r")[ \t\u3000]*[:：]")
_MARK = re.compile(r"[(（][ \t]*(" + "|".join(map(re.escape, ROLE_MARKS)) + r")[ \t]*[)）]$")


class Piece(NamedTuple):  # not attrs: one per unit named, and a NamedTuple is cheaper to build
    text: str
    span: Span


def span_at(base: Span, start: int, end: int) -> Span:
    """The span of characters [start, end) of a one-line token starting at `base`."""
    return Span(base.file, base.line, base.column + start, base.line, base.column + end)


_PARENTHESES = re.compile(r"[()（）]")


def split_top_level(text: str, separators: str, brackets: tuple[str, str] = (_OPEN, _CLOSE)) -> list[tuple[int, int]]:
    """(start, end) of the parts of `text` between separators outside brackets (parentheses by default)."""
    opening, closing = brackets
    if brackets == (_OPEN, _CLOSE):
        nested = _PARENTHESES.search(text) is not None
    else:
        nested = any(char in text for char in opening + closing)
    if not nested:  # the usual case: split in C, not character by character
        first = separators[0]
        for other in separators[1:]:
            if other in text:
                text = text.replace(other, first)
        parts, start = [], 0
        for part in text.split(first):
            end = start + len(part)
            parts.append((start, end))
            start = end + 1
        return parts
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in opening:
            depth += 1
        elif char in closing:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append((start, index))
            start = index + 1
    parts.append((start, len(text)))
    return parts


def pieces(text: str, base: Span, offset: int = 0, separators: str = _LIST_SEPARATORS) -> list[Piece]:
    """Non-empty, stripped parts of `text`, with spans; `offset` is text's place in the token."""
    file, line, column = base.file, base.line, base.column + offset  # span_at, unrolled: once per unit named
    return [Piece(name, Span(file, line, column + start, line, column + end))
            for name, start, end in _parts(text, separators)]


@functools.lru_cache(maxsize=1 << 14)
def _parts(text: str, separators: str) -> tuple[tuple[str, int, int], ...]:
    """(part, start, end) of each non-empty stripped part of `text`: `pieces` without positions."""
    found = []
    for start, end in split_top_level(text, separators):
        raw = text[start:end]
        stripped = raw.strip(" \t\u3000")
        if not stripped:
            continue
        lead = start + (len(raw) - len(raw.lstrip(" \t\u3000")) if raw[0] in " \t\u3000" else 0)
        found.append((stripped, lead, lead + len(stripped)))
    return tuple(found)


#: Where `_layout` reads a value: offsets come out as the columns of this span.
_ORIGIN = Span("", 1, 0, 1, 0)
#: What a value assigns, without positions: (role, unit, start, end) per unit named.
_Layout = tuple[tuple[Role, str, int, int], ...]


def _layout(assignments: list[Assignment]) -> _Layout:
    return tuple((a.role, a.unit.name, a.unit.span.column, a.unit.span.end_column)  # type: ignore[union-attr]
                 for a in assignments)  # every assignment read from text has its span


def _placed(layout: _Layout, file: str, line: int, column: int) -> list[Assignment]:
    """The assignments of `layout` for a value starting at (line, column) of `file`."""
    found = []
    for role, name, start, end in layout:
        span = Span(file, line, column + start, line, column + end)
        found.append(Assignment(role, Ref(name, span), span))
    return found


def list_assignments(text: str, file: str, line: int, column: int, role: Role | None) -> list[Assignment]:
    """The units a role property lists (`配合: A、B`) in `role`; None: 责任单位 semantics."""
    return _placed(_list_layout(text, role), file, line, column)


@functools.lru_cache(maxsize=1 << 14)
def _list_layout(text: str, role: Role | None) -> _Layout:
    found = pieces(text, _ORIGIN)
    return _layout(responsible_assignments(found) if role is None else role_assignments(found, role))


def marked_role(piece: Piece) -> tuple[Piece, Role | None]:
    """`纪监委(牵头)` -> (`纪监委`, LEAD)."""
    match = _MARK.search(piece.text) if piece.text.endswith((")", "）")) else None
    if not match:
        return piece, None
    name = piece.text[: match.start()].rstrip()
    if not name or _MARK.search(name):
        # `(牵头)` alone or `(牵头)(牵头)`: no name for the mark to follow, so the whole is the name.
        # Otherwise the mark would be stripped again each time the plan is written and read.
        return piece, None
    span = Span(piece.span.file, piece.span.line, piece.span.column, piece.span.line, piece.span.column + len(name))
    return Piece(name, span), ROLE_MARKS[match.group(1)]


def responsible_assignments(pieces_: list[Piece]) -> list[Assignment]:
    """责任单位 semantics: a unit marked (牵头) leads, else the first listed (列第一位的为牵头单位)."""
    named = [marked_role(piece) for piece in pieces_]
    any_marked_lead = any(role is Role.LEAD for _, role in named)
    assignments = []
    for index, (piece, role) in enumerate(named):
        if role is None:
            role = Role.SUPPORT if any_marked_lead or index > 0 else Role.LEAD
        assignments.append(Assignment(role, Ref(piece.text, piece.span), piece.span))
    return assignments


def role_assignments(pieces_: list[Piece], role: Role) -> list[Assignment]:
    assignments = []
    for piece in pieces_:
        piece, mark = marked_role(piece)
        assignments.append(Assignment(mark or role, Ref(piece.text, piece.span), piece.span))
    return assignments


class AnnotationError(QlmError, ValueError):
    """An annotation the parser cannot read; it becomes diagnostic E005 with `message` as its reason."""

    def __init__(self, reason_en: str, reason_zh: str, span: Span):
        super().__init__(Text(reason_en, reason_zh))
        self.span = span


def annotation_assignments(text: str, base: Span) -> list[Assignment]:
    """Read `(责任单位:A、B)`, `(牵头单位:X;配合单位:Y、Z)`, `【责任单位：A】` and the like."""
    try:
        layout = _annotation_layout(text)  # an error is not kept: it is raised again each time, placed
    except AnnotationError as error:
        at = error.span
        error.span = Span(base.file, base.line, base.column + at.column, base.line, base.column + at.end_column)
        raise
    return _placed(layout, base.file, base.line, base.column)


@functools.lru_cache(maxsize=1 << 14)
def _annotation_layout(text: str) -> _Layout:
    return _layout(_read_annotation(text, _ORIGIN))


def _read_annotation(text: str, base: Span) -> list[Assignment]:
    inner = text[1:-1]
    assignments: list[Assignment] = []
    for start, end in _groups(inner):
        group = inner[start:end]
        label = _LABEL.match(group)
        if not label:
            span = span_at(base, 1 + start, 1 + end)
            raise AnnotationError(
                f"`{group.strip()}` has no label such as 责任单位: or 配合单位:",
                f"`{group.strip()}`缺少“责任单位:”或“配合单位:”等标签",
                span,
            )
        found = pieces(group[label.end():], base, offset=1 + start + label.end())
        if not found:
            span = span_at(base, 1 + start, 1 + end)
            raise AnnotationError(f"`{label.group(1)}` names no unit", f"`{label.group(1)}`后没有单位", span)
        role = ANNOTATION_LABELS[label.group(1)]
        if role is None:
            assignments.extend(responsible_assignments(found))
        else:
            assignments.extend(role_assignments(found, role))
    return assignments


_NEXT_LABEL = re.compile(r"[，,][ \t\u3000]*(?=(" + "|".join(map(re.escape, ANNOTATION_LABELS)) + r")[ \t\u3000]*[:：])")


def _groups(inner: str) -> list[tuple[int, int]]:
    """Groups split at `;` and at a comma that starts another label: `牵头单位：X，配合单位：Y`."""
    groups = []
    for start, end in split_top_level(inner, _GROUP_SEPARATORS):
        cursor = start
        for match in _NEXT_LABEL.finditer(inner, start, end):
            groups.append((cursor, match.start()))
            cursor = match.end()
        groups.append((cursor, end))
    return [(s, e) for s, e in groups if inner[s:e].strip()]

"""Splitting values that lark reads as one token: unit lists and annotations.

Each piece keeps its own position, computed from the token's position and
the piece's offset (values never span lines), so a diagnostic can point at
the one misspelt unit in `(责任单位:综合办、纪检委)`.

What a value assigns is read as offsets in the value (`list_layout`,
`annotation_layout`), then placed at the value's position (`placed`): one
Span per unit named, made once.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import QlmError
from ..keywords import ANNOTATION_LABELS, ROLE_MARKS
from ..model import AssignmentRow, Role
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
    if not nested and '"' not in text:  # the usual case: split in C, not character by character
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
    return _split_scanning(text, separators, opening, closing)


def _split_scanning(text: str, separators: str, opening: str, closing: str) -> list[tuple[int, int]]:
    """`split_top_level` character by character: a separator inside brackets, or inside the quotes of
    a name that starts with one (`市委组织部、"各区、县级市"`, a `\\"` in it), is the name's, as in a
    declaration."""
    parts, depth, start = [], 0, 0
    begun = False  # whether the current part holds anything but blanks yet
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char in separators and depth == 0:
            parts.append((start, index))
            start, begun = index + 1, False
            index += 1
            continue
        if char == '"' and depth == 0 and not begun:
            # a quote opens a name only where the name starts: `(")` is a name of its own
            index, begun = quoted_end(text, index), True
            continue
        if char in opening:
            depth += 1
        elif char in closing:
            depth = max(0, depth - 1)
        if char not in " \t\u3000":
            begun = True
        index += 1
    parts.append((start, length))
    return parts


def quoted_end(text: str, start: int) -> int:
    """Where the quoted text opening at `text[start]` ends: just after its closing quote, or at the end of
    `text` when it is never closed; `\\x` escapes the x. The one reading of quotes for the list splitter
    and the importer's guard, which passes over quoted text to find a line's code."""
    found = _QUOTED.match(text, start)
    assert found is not None  # the pattern matches any text that opens with a quote
    return found.end()


_QUOTED = re.compile(r'"(?:[^"\\]|\\.|\\\Z)*"?', re.S)


_ESCAPED = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def unquoted(name: str) -> str:
    """A name as listed: `"各区、县级市"` is the name 各区、县级市 (escapes as in any quoted text)."""
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        return _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), name[1:-1])
    return name


def pieces(text: str, base: Span, offset: int = 0, separators: str = _LIST_SEPARATORS) -> list[Piece]:
    """Non-empty, stripped parts of `text`, with spans; `offset` is text's place in the token."""
    file, line, column = base.file, base.line, base.column + offset  # span_at, unrolled: once per unit named
    return [Piece(unquoted(name), Span(file, line, column + start, line, column + end))
            for name, start, end in _parts(text, separators)]


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


#: A part of a value without its position: (text, start, end), offsets in the value.
_Part = tuple[str, int, int]
#: What a value assigns, without positions: (role, unit, start, end) per unit named, the role by its
#: index in `_ROLES`. Numbers and strings only, so the garbage collector stops tracking the tuples of
#: a kept layout (an Enum member inside would keep every one of them on its lists).
Layout = tuple[tuple[int, str, int, int], ...]
_ROLES = tuple(Role)
_ROLE_INDEX = {role: index for index, role in enumerate(_ROLES)}


def placed(layout: Layout, file: str, line: int, column: int, each: bool = False) -> list[AssignmentRow]:
    """The assignments of `layout` for a value starting at (line, column) of `file`, as the rows a
    task or section keeps (`qlmatrix.model.AssignmentRow`): the unit and the assignment at one place;
    `each`: its leads were written `分别牵头:` (`Assignment.each`)."""
    found: list[AssignmentRow] = []
    if each:
        lead = _ROLE_INDEX[Role.LEAD]
        for role, name, start, end in layout:
            at = (file, line, column + start, line, column + end)
            found.append((role, name, at, at, role == lead))
        return found
    for role, name, start, end in layout:
        at = (file, line, column + start, line, column + end)  # a Place: a Span only if asked for
        found.append((role, name, at, at, False))
    return found


def list_layout(text: str, role: Role | None) -> Layout:
    """What a role property's value (`配合: A、B`) assigns, in `role`; None: 责任单位 semantics."""
    return _assigned(_parts(text, _LIST_SEPARATORS), role, 0)


def marked_role(part: _Part) -> tuple[_Part, Role | None]:
    """`纪监委(牵头)` -> (`纪监委`, LEAD)."""
    text, start, _ = part
    match = _MARK.search(text) if text.endswith((")", "）")) else None
    if not match:
        return part, None
    name = text[: match.start()].rstrip()
    if not name or _MARK.search(name):
        # `(牵头)` alone or `(牵头)(牵头)`: no name for the mark to follow, so the whole is the name.
        # Otherwise the mark would be stripped again each time the plan is written and read.
        return part, None
    return (name, start, start + len(name)), ROLE_MARKS[match.group(1)]


def _assigned(parts: tuple[_Part, ...], role: Role | None, offset: int) -> Layout:
    """The units of `parts` in `role`, a mark such as (牵头) overriding it; `role` None is 责任单位:
    a unit marked (牵头) leads, else the first listed (列第一位的为牵头单位), the others support."""
    named = [((unquoted(name), start, end), mark) for (name, start, end), mark in map(marked_role, parts)]
    index_of = _ROLE_INDEX
    if role is None:
        any_marked_lead = any(mark is Role.LEAD for _, mark in named)
        return _repeats_as_first([(index_of[mark or (Role.SUPPORT if any_marked_lead or index else Role.LEAD)], name,
                                   offset + start, offset + end)
                                  for index, ((name, start, end), mark) in enumerate(named)],
                                 [mark is not None for _, mark in named])
    return tuple((index_of[mark or role], name, offset + start, offset + end) for (name, start, end), mark in named)


def _repeats_as_first(rows: list[tuple[int, str, int, int]], marked: list[bool] | None = None) -> Layout:
    """The rows of a 责任单位 list, each name listed again in the role of its first listing. The first
    listed leads and the rest support, so a unit listed again would lead and support at once (E302, "a
    unit cannot assist itself"), which misreads a slip: `(责任单位:甲、乙、甲)` names 甲 twice, and W311 says
    so. A repeat with a mark of its own (`甲(配合)`, `marked`) keeps the mark's role."""
    first_role: dict[str, int] = {}
    out = []
    for at, (role_index, name, start, end) in enumerate(rows):
        if not (marked and marked[at]):
            role_index = first_role.setdefault(name, role_index)
        out.append((role_index, name, start, end))
    return tuple(out)


class AnnotationError(QlmError, ValueError):
    """An annotation the parser cannot read; it becomes diagnostic E005 with `message` as its reason."""

    def __init__(self, reason_en: str, reason_zh: str, span: Span):
        super().__init__(Text(reason_en, reason_zh))
        self.span = span


class Unreadable(Exception):
    """An annotation `annotation_layout` cannot read: the reason and where in the annotation."""

    def __init__(self, reason_en: str, reason_zh: str, start: int, end: int):
        super().__init__(reason_en)
        self.reason, self.start, self.end = (reason_en, reason_zh), start, end

    def placed(self, base: Span) -> AnnotationError:
        """The error for the annotation starting at `base`."""
        return AnnotationError(*self.reason, span_at(base, self.start, self.end))


def annotation_assignments(text: str, base: Span) -> list[AssignmentRow]:
    """Read `(责任单位:A、B)`, `(牵头单位:X;配合单位:Y、Z)`, `【责任单位：A】` and the like."""
    try:
        layout = annotation_layout(text)
    except Unreadable as error:
        raise error.placed(base) from None
    return placed(layout, base.file, base.line, base.column)


def annotation_layout(text: str) -> Layout:
    """What an annotation assigns, with offsets in it; Unreadable when it cannot be read."""
    inner = text[1:-1]
    if _NOT_PLAIN.search(inner) is None:  # most annotations: one label, names split by 、
        plain = _plain_layout(inner)
        if plain:
            return plain
    return _layout_of_groups(inner)


#: What only some annotations hold: several groups (`;`, or a comma before the next label), a
#: comma between names, parentheses (a name's own, or a role mark such as `(牵头)`), a quoted name.
_NOT_PLAIN = re.compile(r"[;；,，()（）\"]")


def _plain_layout(inner: str) -> Layout:
    """`annotation_layout` of an annotation `_NOT_PLAIN` finds nothing in: one group, no marks.
    Empty when it is not read (no label, no name), which the general reading then explains."""
    label = _LABEL.match(inner)
    if label is None:
        return ()
    role = ANNOTATION_LABELS[label.group(1)]
    index = _ROLE_INDEX
    first, others = (index[Role.LEAD], index[Role.SUPPORT]) if role is None else (index[role], index[role])
    found: list[tuple[int, str, int, int]] = []
    start = label.end()
    repeated = False  # the lead listed again: most annotations hold no repeat, so the plain rows stand
    for part in inner[start:].split("、"):
        stripped = part.strip(" \t\u3000")
        if stripped:
            lead = 1 + start + len(part) - len(part.lstrip(" \t\u3000"))
            repeated = repeated or (bool(found) and stripped == found[0][1])
            found.append((others if found else first, stripped, lead, lead + len(stripped)))
        start += len(part) + 1
    return _repeats_as_first(found) if repeated and role is None else tuple(found)


def _layout_of_groups(inner: str) -> Layout:
    assignments: list[tuple[int, str, int, int]] = []
    for start, end in _groups(inner):
        group = inner[start:end]
        label = _LABEL.match(group)
        if not label:
            raise Unreadable(f"`{group.strip()}` has no label such as 责任单位: or 配合单位:",
                              f"`{group.strip()}`缺少“责任单位:”或“配合单位:”等标签", 1 + start, 1 + end)
        found = _parts(group[label.end():], _LIST_SEPARATORS)
        if not found:
            raise Unreadable(f"`{label.group(1)}` names no unit", f"`{label.group(1)}`后没有单位", 1 + start, 1 + end)
        assignments += _assigned(found, ANNOTATION_LABELS[label.group(1)], 1 + start + label.end())
    return tuple(assignments)


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

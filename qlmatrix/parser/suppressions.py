"""Inline suppression comments, found by scanning the source lines (the lexer drops comments).

    任务 (四) 加大宣传力度  # qlm: ignore[W201]       this line
    # qlm: ignore[W210]                              the next line (and its block, if it opens one)
    章 四 强化组织保障 {  # qlm: ignore[W210,W205]      the whole block, to its closing brace
    # qlm: ignore-file[W203]                         the whole file

The parser keeps them on the plan (`Plan.suppressions`); `qlmatrix.checks`
applies them, so `qlmatrix.check(plan)` and `qlm check` agree.
"""

from __future__ import annotations

import re

from ..model import Suppression
from ..span import Span

_DIRECTIVE = re.compile(r"qlm:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?")
_OPEN, _CLOSE = "{｛", "}｝"


#: A bracketed group inside a name, as the grammar's NAME reads it (`县(#1)`): a `#` in it is text.
_GROUP = re.compile(r"[(（][^()（）\n]*[)）]")


def _code_part(line: str) -> tuple[str, int]:
    """The line up to its comment, and where the comment starts (-1 if none).

    Quoted text and bracketed groups are skipped as the lexer skips them: otherwise a unit named
    `县(# qlm: ignore-file)` would be read as a directive and hide every finding of the file.
    """
    quoted = False
    index = 0
    while index < len(line):
        char = line[index]
        if quoted and char == "\\":
            index += 2  # an escaped character inside a string, `\"` included, is text
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "(（":
            group = _GROUP.match(line, index)
            if group:
                index = group.end()
                continue
        elif char in "#＃" and not quoted:
            return line[:index], index
        index += 1
    return line, -1


def _block_ends(lines: list[str]) -> dict[int, int]:
    """Line number of an opening brace's line -> line number of its closing brace (first brace of the line)."""
    ends: dict[int, int] = {}
    stack: list[int] = []
    for number, line in enumerate(lines, 1):
        code, _ = _code_part(line)
        quoted = False
        for char in code:
            if char == '"':
                quoted = not quoted
            elif quoted:
                continue
            elif char in _OPEN:
                stack.append(number)
            elif char in _CLOSE and stack:
                opened = stack.pop()
                ends.setdefault(opened, number)
    return ends


def scan(file: str, text: str) -> tuple[Suppression, ...]:
    """The suppression comments of one file's text."""
    if "qlm:" not in text:
        return ()
    lines = text.splitlines()
    ends = None
    found = []
    for number, line in enumerate(lines, 1):
        code, comment_at = _code_part(line)
        if comment_at < 0:
            continue
        match = _DIRECTIVE.search(line, comment_at)
        if not match:
            continue
        codes = None if match.group(2) is None else tuple(c.strip() for c in match.group(2).split(",") if c.strip())
        span = Span(file, number, comment_at + 1, number, match.end() + 1)
        if match.group(1) == "ignore-file":
            found.append(Suppression(span, codes, 1, 1 << 30))
            continue
        target = number if code.strip() else _next_code_line(lines, number)
        if target is None:
            found.append(Suppression(span, codes, number, number))
            continue
        if ends is None:
            ends = _block_ends(lines)
        found.append(Suppression(span, codes, target, ends.get(target, target)))
    return tuple(found)


def _next_code_line(lines: list[str], number: int) -> int | None:
    for later in range(number + 1, len(lines) + 1):
        if _code_part(lines[later - 1])[0].strip():
            return later
    return None

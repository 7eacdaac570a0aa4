"""Every independent syntax error of a file in one run, each at its own place.

lark's LALR parser stops at the first error. To find the next one, the
statement holding the error is blanked out (replaced by spaces, so every
other line and column stays where it is) and the text parsed again, until
it parses or a limit is reached. A statement that opens a block is blanked
to its closing brace, so that one broken task does not make every line
after it an error. Only syntax errors are reported from a broken file: the
findings of the checks would be about a plan with statements missing.

An unclosed block is blamed on the brace whose closing `}` is not indented
like the line that opened it: with a task missing its `}`, the section's
`}` closes the task, and the task is the block to fix, not the section.
"""

from __future__ import annotations

import re

import lark

from ..diagnostics import Diagnostic
from .errors import from_lark
from .grammar import get_parser

#: Errors reported at most per file, and the size above which fewer re-parses are tried.
MAX_ERRORS = 20
_LARGE = 1_000_000


def syntax_errors(text: str, filename: str, first: lark.exceptions.LarkError) -> list[Diagnostic]:
    """The diagnostics of `first` (the error the text raised) and of every later independent error."""
    found: list[Diagnostic] = []
    error: lark.exceptions.LarkError | None = first
    limit = MAX_ERRORS if len(text) < _LARGE else 3
    while error is not None and len(found) < limit:
        diagnostic = from_lark(error, filename, text, unclosed_block(text) if _at_end(error) else [])
        found.append(diagnostic)
        if diagnostic.code == "E002" or diagnostic.span is None:
            break  # the end of the file: nothing follows to recover into
        blanked = _blank_statement(text, diagnostic.span.line)
        if blanked == text:
            break
        text = blanked
        error = _parse_error(text)
    return sorted(found, key=Diagnostic.sort_key)


def _parse_error(text: str) -> lark.exceptions.LarkError | None:
    try:
        get_parser().parse(text)
    except lark.exceptions.LarkError as error:
        return error
    return None


def _at_end(error: Exception) -> bool:
    token = getattr(error, "token", None)
    return isinstance(error, lark.exceptions.UnexpectedEOF) or (token is not None and token.type == "$END")


#: A line in pieces: a quoted run (to its closing quote or the line's end), a comment mark, or code.
_CODE_PIECES = re.compile('"[^"]*"?|[#\uff03]|[^"#\uff03]+')


def _code(line: str) -> str:
    """The line without its comment and quoted text (which may hold braces).

    In runs, not characters: a list of one-character strings costs about 80 bytes a CJK character,
    over 200 MB for a hostile 3-million-character line.
    """
    out = []
    for piece in _CODE_PIECES.finditer(line):
        first = piece.group()[0]
        if first in "#\uff03":
            break
        if first != '"':
            out.append(piece.group())
    return "".join(out)


def _depth_change(line: str) -> int:
    code = _code(line)
    return sum(code.count(c) for c in "{｛") - sum(code.count(c) for c in "}｝")


def _blank_statement(text: str, line: int) -> str:
    """`text` with the statement on `line` (1-based) replaced by spaces; a block it opens goes too."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return text
    last = line
    depth = _depth_change(lines[line - 1])
    while depth > 0 and last < len(lines):
        last += 1
        depth += _depth_change(lines[last - 1])
    for number in range(line, last + 1):
        original = lines[number - 1]
        closing = "}" * max(0, -_depth_change(original)) if number == line else ""
        # Keep a closing brace the blanked line owes an outer block; everything else becomes blank.
        lines[number - 1] = " " * (len(original) - len(closing)) + closing
    return "\n".join(lines)


def unclosed_block(text: str) -> list[lark.Token]:
    """The brace to blame for a block left open at the end of the file (empty if none is open).

    The innermost open brace, unless a `}` earlier closed a brace opened at another indentation:
    then the block it closed is the one missing its own `}`.
    """
    lines = text.split("\n")
    stack: list[lark.Token] = []
    misplaced: lark.Token | None = None
    try:
        for token in get_parser().lex(text):
            if token.type == "LBRACE":
                stack.append(token)
            elif token.type == "RBRACE" and stack:
                opener = stack.pop()
                if misplaced is None and _indent(lines, token) is not None and (
                        _indent(lines, token) != _line_indent(lines, opener)):
                    misplaced = opener
    except lark.exceptions.LarkError:
        pass
    if not stack:
        return []
    return [misplaced] if misplaced is not None else [stack[-1]]


def _line_indent(lines: list[str], token: lark.Token) -> int:
    line = lines[(token.line or 1) - 1]
    return len(line) - len(line.lstrip(" \t\u3000"))


def _indent(lines: list[str], token: lark.Token) -> int | None:
    """The indentation of a `}` that starts its line, or None when something precedes it."""
    line = lines[(token.line or 1) - 1]
    before = line[: (token.column or 1) - 1]
    return len(before) if not before.strip() else None


#: What decides nesting depth: braces, and what hides them. A quote hides braces up to the next quote or
#: the line's end, a comment up to the line's end; each is one match, so the loop below sees braces,
#: quotes and comments only, not every line end (a line is counted only for the diagnostic).
_NESTING_MARKS = re.compile('"[^"\n]*"?|[#\uff03][^\n]*|[{}\uff5b\uff5d]')


def nesting_error(text: str, filename: str) -> Diagnostic | None:
    """E016 at the brace that nests blocks deeper than the limit: a parse would recurse that deep, and so
    would every reader of the model (writing, comparing, formatting). Counted outside quotes and comments,
    visiting only the characters that matter (a 100k-task plan is scanned in milliseconds)."""
    from .. import limits
    from ..span import Span

    if text.count("{") + text.count("\uff5b") <= limits.MAX_NESTING:
        return None  # cannot be that deep: the common case costs two counts
    depth = 0
    for mark in _NESTING_MARKS.finditer(text):
        char = mark.group()
        if char in "{\uff5b":
            depth += 1
            if depth > limits.MAX_NESTING:
                at = mark.start()
                line = text.count("\n", 0, at) + 1
                column = at - (text.rfind("\n", 0, at) + 1) + 1
                return Diagnostic("E016", Span(filename, line, column, line, column + 1),
                                  args={"limit": str(limits.MAX_NESTING)}, help="close-blocks")
        elif char in "}\uff5d":
            depth = max(0, depth - 1)
    return None

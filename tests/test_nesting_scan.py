"""E016's scan (parser/recovery.py) against the plain reading of its rule, character by character.

The scan jumps over quotes and comments with one regex match each; the rule it must keep: braces
count outside quotes and comments, a quote runs to the next quote or the line's end, a comment to
the line's end, a `}` never takes the depth below zero, and E016 stands at the first `{` that goes
deeper than the limit.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qlmatrix import limits
from qlmatrix.parser.recovery import nesting_error


def _by_characters(text: str) -> tuple[int, int] | None:
    """(line, column) of the first `{` deeper than the limit, reading one character at a time."""
    depth, line, column, quoted, in_comment = 0, 1, 0, False, False
    for char in text:
        column += 1
        if char == "\n":
            line, column, quoted, in_comment = line + 1, 0, False, False
        elif in_comment:
            continue
        elif char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "#＃":
            in_comment = True
        elif char in "{｛":
            depth += 1
            if depth > limits.MAX_NESTING:
                return line, column
        elif char in "}｝":
            depth = max(0, depth - 1)
    return None


def _found(text: str) -> tuple[int, int] | None:
    diagnostic = nesting_error(text, "t.qlm")
    if diagnostic is None:
        return None
    assert diagnostic.code == "E016" and diagnostic.span is not None
    return diagnostic.span.line, diagnostic.span.column


_PIECES = st.sampled_from(["{", "｛", "}", "｝", '"', "#", "＃", "\n", "任务 x ", "a", " ", "{{{{", "\\"])


@given(st.integers(0, limits.MAX_NESTING + 2), st.lists(_PIECES, max_size=200).map("".join),
       st.lists(_PIECES, max_size=200).map("".join))
def test_the_scan_finds_what_reading_each_character_finds(depth, before, after):
    text = before + "{" * depth + after  # deep enough, often, for the limit to be reached
    assert _found(text) == _by_characters(text)


def test_deep_braces_behind_quotes_and_comments_do_not_count():
    deep = "{" * (limits.MAX_NESTING + 1)
    assert _found(f'x "{deep}"\n') is None
    assert _found(f"x # {deep}\n") is None
    assert _found(f'x "open {deep}\n') is None  # an unclosed quote ends with its line ...
    assert _found(f'x "open\n{deep}') == (2, 1 + limits.MAX_NESTING)  # ... and hides nothing after it
    assert _found(f"x # c\n{deep}") == (2, 1 + limits.MAX_NESTING)
    assert _found(f'x "a" {deep}\n') == (1, 7 + limits.MAX_NESTING)
    assert _found(f"# c\n\"q\" {deep}") == (2, 5 + limits.MAX_NESTING)

"""Semantic tokens: the Pygments lexer's reading of the text (qlmatrix.highlight), in the protocol's encoding.

One tokenizer serves `pygmentize`, documentation tools and the editor, so a
keyword is coloured the same everywhere. A unit name where it is declared
carries the `declaration` modifier.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pygments.token import Comment, Keyword, Name, Number, Operator, String, is_token_subtype

from ..span import Span
from .positions import UTF16, units

TOKEN_TYPES = ["keyword", "property", "number", "string", "comment", "class", "operator", "macro"]
TOKEN_MODIFIERS = ["declaration"]

#: Pygments' token kinds (most specific first) -> the protocol's token type.
_KINDS: list[tuple[Any, str]] = [
    (Keyword.Pseudo, "macro"),  # the annotation's label: 责任单位
    (Keyword, "keyword"),
    (Name.Attribute, "property"),
    (Name.Class, "class"),
    (Number, "number"),
    (String, "string"),
    (Comment, "comment"),
    (Operator, "operator"),
]


def _kind(token: Any) -> int | None:
    for pygments_kind, name in _KINDS:
        if is_token_subtype(token, pygments_kind):
            return TOKEN_TYPES.index(name)
    return None


def semantic_tokens(text: str, declarations: Iterable[Span] = (), encoding: str = UTF16) -> list[int]:
    """The protocol's relative encoding (line delta, start delta, length, type, modifiers) in `encoding` units."""
    from ..highlight import QlmLexer

    declared = {(span.line, span.column) for span in declarations}
    data: list[int] = []
    previous_line, previous_start = 0, 0
    line = 0  # 0-based
    line_text_start = 0
    for offset, token, value in QlmLexer().get_tokens_unprocessed(text):
        kind = _kind(token)
        if kind is not None and value and "\n" not in value:
            start = units(text[line_text_start:offset], encoding)
            modifiers = 1 if is_token_subtype(token, Name.Class) and (line + 1, offset - line_text_start + 1) in declared else 0
            data += [line - previous_line, start - previous_start if line == previous_line else start,
                     units(value, encoding), kind, modifiers]
            previous_line, previous_start = line, start
        newlines = value.count("\n")
        if newlines:
            line += newlines
            line_text_start = offset + value.rfind("\n") + 1
    return data

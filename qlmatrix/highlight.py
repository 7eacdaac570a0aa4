"""A Pygments lexer for .qlm, so `pygmentize -l qlm plan.qlm` and documentation tools highlight plans.

Registered through the `pygments.lexers` entry point (pyproject.toml). It
colours what a reader looks for: statement keywords and property names in
both languages (from qlmatrix.keywords, so a new word is highlighted the day
the parser learns it), document numbering, the `(责任单位:A、B)` annotation
with its unit names, unit names in unit-valued properties, strings and `#`/`＃`
comments. It never yields an error token: text the rules do not single out
is a title or body (`Text`). The language server's semantic tokens
(qlmatrix.lsp.tokens) read these same tokens.

Needs Pygments (the `lsp` or `highlight` extra).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from pygments.lexer import RegexLexer, default, include
from pygments.lexer import bygroups as _untyped_bygroups
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from .keywords import ANNOTATION_LABELS, PROPERTIES, STATEMENTS

__all__ = ["QlmLexer"]

#: Pygments' `bygroups`, typed (its stubs leave it untyped).
bygroups: Callable[..., Callable[..., Any]] = _untyped_bygroups


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first (so 牵头单位 wins over 牵头)."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))


def _property_words(*canonical: str) -> list[str]:
    return [form for name in canonical for forms in PROPERTIES[name] for form in forms]


#: Properties whose values are unit names (a list separated by 、，,).
_UNIT_VALUED = _property_words("lead", "lead-each", "support", "consult", "inform", "oversee", "responsible", "parent",
                               "aliases", "issuer", "full")
_STATEMENT_WORDS = [word for pair in STATEMENTS.values() for word in pair]

_BLANK = r"[ \t\u3000]"
_NUMBERING = (r"[一二三四五六七八九十百]+[、，]|[(（][一二三四五六七八九十百]+[)）]|[0-9０-９]+[.．、](?![0-9０-９])"
              r"|[(（][0-9０-９]+[)）]|[①-⑳]|[㈠-㈩]")
_LABEL = _alternation(ANNOTATION_LABELS)
_KEY = r"[^\s:：;；{}｛｝#＃\"(（]+"
_TITLED = _alternation([*STATEMENTS["task"], *STATEMENTS["section"], *STATEMENTS["carrier"], *STATEMENTS["plan"]])
_DECLARING = _alternation([*STATEMENTS["unit"], *STATEMENTS["collective"], *STATEMENTS["report"]])
_NAME_CHARS = r"(?:[^\s、，,;；:：(){}（）｛｝\[\]【】〔〕#＃\"→\-]|[(（][^()（）\n]*[)）]|-(?!>))+"


class QlmLexer(RegexLexer):
    """Pygments lexer for qlmatrix plans (.qlm)."""

    name = "qlm"
    aliases: ClassVar[list[str]] = ["qlm", "qlmatrix"]
    filenames: ClassVar[list[str]] = ["*.qlm"]
    mimetypes: ClassVar[list[str]] = ["text/x-qlm"]
    url = "https://qlmatrix.invalid/docs/language"
    flags = re.MULTILINE

    tokens: ClassVar[dict[str, list[Any]]] = {
        "root": [
            # A document's own numbering at a line's start begins a task: `(一)全面强化政治建设。…`
            (rf"^({_BLANK}*)({_NUMBERING})", bygroups(Whitespace, Number), "title"),
            include("common"),
            (rf"({_TITLED})(?={_BLANK}|[{{｛(（\"]|$)({_BLANK}*)({_NUMBERING})?", bygroups(Keyword, Whitespace, Number),
             "title"),
            (rf"({_alternation(_UNIT_VALUED)})({_BLANK}*)([:：])", bygroups(Name.Attribute, Whitespace, Punctuation),
             "units"),
            (rf"({_KEY})({_BLANK}*)([:：])", bygroups(Name.Attribute, Whitespace, Punctuation), "value"),
            (rf"({_DECLARING})({_BLANK}+)", bygroups(Keyword.Declaration, Whitespace), "units"),
            (rf"({_alternation(_STATEMENT_WORDS)})(?={_BLANK}|[{{｛(（\"]|$)", Keyword),
            (r"[{}｛｝]", Punctuation),
            (r"[;；]", Punctuation),
            (r"[^\s#＃\"{}｛｝;；]+", Text),
            (r".", Text),
        ],
        "common": [
            (r"\n", Whitespace),
            (rf"{_BLANK}+", Whitespace),
            (r"[#＃].*?$", Comment.Single),
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
        ],
        # A title (and the body pasted after it), up to a block, a comment or the line's end.
        "title": [
            (rf"([(（\[【〔])({_BLANK}*)({_LABEL})({_BLANK}*)([:：])",
             bygroups(Punctuation, Whitespace, Keyword.Pseudo, Whitespace, Punctuation), "annotation"),
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
            (r"[^\n{}｛｝#＃;；\"(（\[【〔]+", Text),
            (r"[\"(（\[【〔]", Text),
            default("#pop"),
        ],
        # A list of unit names, up to the end of the statement or entry.
        "units": [
            (rf"{_BLANK}+", Whitespace),
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
            (r"->|→", Operator),
            (r"[、，,]", Punctuation),
            (_NAME_CHARS, Name.Class),
            (r"[^\n;；{}｛｝#＃]", Text),
            default("#pop"),
        ],
        # Any other value: a cadence, a due date, a document number, a kind.
        "value": [
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
            (r"[0-9０-９]+", Number.Integer),
            (r"[、，,]", Punctuation),
            (rf"{_BLANK}+", Whitespace),
            (r"[^\n;；{}｛｝#＃\"0-9０-９、，, \t\u3000]+", String),
            (r"\"", String),
            default("#pop"),
        ],
        # Inside `(责任单位:A、B)`: names and their role marks, up to the closing bracket.
        "annotation": [
            (r"[)）\]】〕]", Punctuation, "#pop"),
            (rf"{_BLANK}+", Whitespace),
            (r"[、，,]", Punctuation),
            (r"([^()（）\[\]【】〔〕\n、，, \t\u3000]+)([(（](?:牵头|配合|lead|support)[)）])",
             bygroups(Name.Class, Keyword.Pseudo)),
            (r"(?:[^()（）\[\]【】〔〕\n、，, \t\u3000]|[(（][^()（）\n]*[)）])+", Name.Class),
            (r"[^\n]", Text),
            default("#pop"),
        ],
    }

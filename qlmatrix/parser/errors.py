"""lark's exceptions as diagnostics a planner can act on.

lark names terminals (NAME, _SEP, RBRACE); planners need words ("a unit
name", "`}`"), in their language. lark's own context text is never shown:
it places the caret by character count, wrong after Chinese text.
"""

from __future__ import annotations

import lark

from ..diagnostics import Diagnostic, Label
from ..keywords import PROPERTY_BY_WORD, STATEMENTS, annotation_start
from ..span import Span
from ..text import Text

#: terminal -> (English, Chinese)
TERMINAL_WORDS = {
    "NAME": ("a unit name", "单位名称"),
    "STRING": ('a quoted text "..."', '带引号的文本"..."'),
    "TEXT": ("a title", "标题"),
    "VALUE": ("a value", "属性值"),
    "KEY": ("a property such as `牵头:`", "属性（如`牵头:`）"),
    "NUMBER": ("a number such as `(一)`", "序号（如`(一)`）"),
    "ANNOTATION": ("an annotation such as `(责任单位:A、B)`", "责任单位标注（如`(责任单位:A、B)`）"),
    "LBRACE": ("`{`", "`{`"),
    "RBRACE": ("`}`", "`}`"),
    "ARROW": ("`->`", "`->`"),
    "_SEP": ("a line break or `;`", "换行或`;`"),
    "_COLON": ("`:`", "`:`"),
    "_LISTSEP": ("`、`", "`、`"),
    "$END": ("the end of the file", "文件结尾"),
}
#: Statement keywords in the order a plan reads: header, declarations, sections, tasks.
KEYWORDS = {
    "PLAN": "计划", "UNIT": "单位", "COLLECTIVE": "集合", "SECTION": "章",
    "CARRIER": "载体", "TASK": "任务", "REPORT": "汇报", "INCLUDE": "引入",
}
_ORDER = {name: index for index, name in enumerate(KEYWORDS)}


def _describe(expected: set[str], lang: int) -> str:
    words, keywords = [], []
    for name in sorted(expected, key=lambda name: (_ORDER.get(name, len(_ORDER)), name)):
        if name in KEYWORDS:
            keywords.append(f"`{KEYWORDS[name]}`")
        elif name in TERMINAL_WORDS:
            words.append(TERMINAL_WORDS[name][lang])
    if keywords:
        listed = (", " if lang == 0 else "、").join(keywords)
        words.insert(0, f"a keyword ({listed})" if lang == 0 else f"关键字（{listed}）")
    separator = ", " if lang == 0 else "、"
    return separator.join(dict.fromkeys(words)) or ("something else" if lang == 0 else "其他内容")


def _found(token: lark.Token | None, char: str | None) -> tuple[str, str]:
    if token is None:
        return (f"`{char}`", f"`{char}`") if char is not None else ("the end of the file", "文件结尾")
    if token.type == "$END":
        return ("the end of the file", "文件结尾")
    if token.type == "_SEP":
        return ("the end of the line", "行尾")
    text = str(token)
    if len(text) > 20:
        text = text[:20] + "…"
    return (f"`{text}`", f"`{text}`")


def from_lark(error: lark.exceptions.LarkError, filename: str, text: str, opened: list[lark.Token]) -> Diagnostic:
    token: lark.Token | None
    if isinstance(error, lark.exceptions.UnexpectedCharacters):
        line, column = error.line, error.column
        where = error.pos_in_stream or 0
        char = text[where] if where < len(text) else None
        found = _found(None, char)
        expected = set(error.allowed or ())
        token = None
    elif isinstance(error, lark.exceptions.UnexpectedToken):
        token = error.token
        expected = set(error.accepts or error.expected or ())
        found = _found(token, None)
        if token.type == "$END" or token.line is None or token.column is None:
            line, column = _end_position(text)
        else:
            line, column = token.line, token.column
    else:  # UnexpectedEOF and anything else lark may raise
        token, expected, found = None, set(getattr(error, "expected", ()) or ()), _found(None, None)
        line, column = _end_position(text)
    width = max(1, len(str(token))) if token is not None and token.type not in ("$END", "_SEP") else 1
    span = Span(filename, line, column, line, column + width)
    args = {"found": Text(*found),
            "expected": Text(_describe(expected, 0), _describe(expected, 1))}
    at_end = token is None and found[0] == "the end of the file" or (token is not None and token.type == "$END")
    if at_end and opened:
        brace = opened[-1]
        brace_line, brace_column = brace.line or 1, brace.column or 1
        open_span = Span(filename, brace_line, brace_column, brace_line, brace_column + 1)
        return Diagnostic("E002", span, args=args, help="close-block", help_args={"line": str(brace.line)},
                          labels=[Label(open_span, "block-opened")])
    help_key, help_args = _help_for(token, expected)
    return Diagnostic("E001", span, args=args, help=help_key, help_args=help_args)



def _help_for(token: lark.Token | None, expected: set[str]) -> tuple[str | None, dict[str, str]]:
    """The likeliest fix, from what was found where something else was expected."""
    text = str(token) if token is not None else ""
    if "ANNOTATION" in expected and annotation_start().match(text):
        return "close-annotation", {}
    if "KEY" in expected and token is not None:
        word = text.split()[0] if text.split() else ""
        if word in PROPERTY_BY_WORD:
            return "missing-colon", {"key": word}
    if "_LISTSEP" in expected and token is not None and token.type in ("NAME", "TEXT"):
        return "list-separator", {"name": text.split()[0]}
    if any(name in KEYWORDS for name in expected):
        keyword = _mistyped_keyword(text)
        if keyword:
            return "did-you-mean", {"suggestion": keyword}
        return "statement-start", {}
    return None, {}


def _mistyped_keyword(text: str) -> str | None:
    """`任务` for a line starting `任物 …`: the statement keyword the first word most likely meant."""
    from ..suggest import closest

    word = text.split()[0] if text.split() else ""
    if not word or len(word) > 12:
        return None
    words = [form for forms in STATEMENTS.values() for form in forms]
    # A two-character keyword with one character wrong scores 0.5; an English one needs more.
    return closest(word, words, cutoff=0.5 if not word.isascii() else 0.7)


def _end_position(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return len(lines), len(lines[-1]) + 1

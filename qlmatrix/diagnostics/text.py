"""The human emitter: rustc/ruff style, carets placed by display width.

    error[E101]: unit `纪检委` is not declared
      --> plan.qlm:3:22
       |
     3 | 任务 (一) 全面加强纪律建设 (责任单位:纪检委)
       |                                      ^^^^^^
       = help: did you mean `纪监委`?

Everything a plan wrote (a name in a message, the source line of an
excerpt, a file name) goes through `visible` before it reaches the
terminal: an ESC or OSC sequence in a unit name must not set the window
title or recolour the screen, a newline must not start what looks like
another finding, and a bidirectional override or a zero-width space must
not make two names look alike. The renderers show the characters they
cannot write the same way (`qlmatrix.render.safe`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..span import Span, display_width
from ..text import Text
from .messages import code_name, render_help, render_label, render_message

if TYPE_CHECKING:
    from . import Diagnostic

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m",
           "help": "\x1b[1;36m", "gutter": "\x1b[1;34m", "label": "\x1b[1;34m"}
_RESET = "\x1b[0m"
#: What a Chinese reader reads in place of rustc's `error`, `warning` and `help`; codes stay as they are.
_SEVERITY_WORDS = {"error": Text("error", "错误"), "warning": Text("warning", "警告"), "info": Text("info", "提示")}
_HELP = Text("help", "帮助")
_WINDOW = 36  # characters kept on each side of a span in a very long line
_SPAN_MAX = 40  # characters of a span underlined at most


def code_point(char: str) -> str:
    r"""`<U+001B>`: how every output of qlmatrix shows a character it will not write as it is.

    One convention for the terminal, diagnostics and every table and diagram format. Why this
    notation: it names the exact character, so the planner can find and delete it in the plan
    (U+FFFD would only say that something was there); it is plain printable ASCII, which every
    format carries; and it has no backslash, which DOT, Graphviz labels (`\N`), Markdown, JSON
    and shells would each read as an escape of their own (`\x1b` would need escaping again).
    """
    return f"<U+{ord(char):04X}>"


#: Noncharacters of the Basic Multilingual Plane, and every character from U+1FFFE on, as a regular
#: expression class: callers keep those that are not noncharacters (U+20000 and up hold rare CJK
#: ideographs). A class listing the sixteen astral pairs one by one makes the engine 16 times slower.
NONCHARACTER_CLASS = "\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff"
#: What JSON writers escape (JSON itself escapes U+0000..U+001F, `"` and `\\`); compiled by `re` when
#: JSON is first written, not at every start-up.
_JSON_RAW = f"[\x7f-\x9f\u2028\u2029\ud800-\udfff{NONCHARACTER_CLASS}]"


def json_text(data: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the characters a reader could
    trip on written as `\\uXXXX` escapes: the same value, in plain printable text, and always
    encodable as UTF-8 (a lone surrogate from a plan built in Python is escaped, not written).

    These characters can only be inside JSON strings, where an escape means the same character.
    Used by every JSON writer: tables, the plan export, diagnostics and SARIF.
    """
    return re.sub(_JSON_RAW, _json_escape, data)


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char > "\uffff" and not is_noncharacter(char):
        return char
    import json  # only when JSON is written

    # `\u0085`; a surrogate pair for U+1FFFF; a lone surrogate, which UTF-8 cannot encode, as itself.
    return json.dumps(char)[1:-1]


def is_noncharacter(char: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...)."""
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


#: Categories never shown raw on a terminal: controls (ESC, CSI, BEL, CR, ...), format characters
#: (bidirectional overrides, zero-width spaces, the BOM: invisible, yet they change what is shown),
#: lone surrogates (not even encodable as UTF-8), and line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


@functools.lru_cache(maxsize=4096)
def _shown(char: str) -> str:
    if unicodedata.category(char) in _HIDDEN_CATEGORIES or is_noncharacter(char):
        return code_point(char)
    return char


def visible(text: str, keep: str = "") -> str:
    r"""`text` safe to print on a terminal, on one line: every control character (newline
    included), format character (bidirectional overrides, zero-width spaces), line or paragraph
    separator, lone surrogate and noncharacter as `<U+XXXX>`, except the characters in `keep`.

        visible("甲\x1b]0;pwned\x07")               == "甲<U+001B>]0;pwned<U+0007>"
        visible("乙\nevil.qlm:1:1: E999 forged")   == "乙<U+000A>evil.qlm:1:1: E999 forged"
        visible("纪监委\u200b\n丙", keep="\n")      == "纪监委<U+200B>\n丙"
    """
    if text.isprintable():  # the common case; U+3000 and other spaces take the loop below, unchanged
        return text
    return "".join(char if char in keep else _shown(char) for char in text)


def _source_lines(text: str) -> list[str]:
    r"""The lines of a source as the parser counts them: split at `\n` only (a form feed, U+2028 or a
    lone CR is inside a line, where `str.splitlines` would start a new one and shift every excerpt)."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # what follows the last newline is not a line (as with str.splitlines)
    return [line[:-1] if line.endswith("\r") else line for line in lines]


class TextEmitter:
    def __init__(self, sources: dict[str, str], lang: str = "en", color: bool = False):
        self.sources = sources
        self.lang = lang
        self.color = color
        self._lines: dict[str, list[str]] = {}

    def paint(self, what: str, text: str) -> str:
        return f"{_COLORS[what]}{text}{_RESET}" if self.color else text

    def source_line(self, file: str, line: int) -> str | None:
        if file not in self._lines:
            text = self.sources.get(file)
            self._lines[file] = _source_lines(text) if text is not None else []
        lines = self._lines[file]
        return lines[line - 1] if 0 < line <= len(lines) else None

    def emit(self, diagnostic: Diagnostic) -> str:
        severity = diagnostic.severity.value
        message = visible(render_message(diagnostic, self.lang))
        word = _SEVERITY_WORDS[severity].in_language(self.lang)
        colon = "：" if self.lang == "zh" else ": "
        out = [f"{self.paint(severity, f'{word}[{diagnostic.code}]')}{colon}{message}"]
        span = diagnostic.span
        snippets: list[tuple[Span, str, str]] = []
        if span is not None:
            snippets.append((span, "^", ""))
        snippets += [(label.span, "-", visible(render_label(label, self.lang))) for label in diagnostic.labels]
        width = max((len(str(s.line)) for s, _, _ in snippets), default=1)
        gutter = " " * width
        if span is not None:
            out.append(f"{gutter}{self.paint('gutter', '-->')} {visible(str(span))}")
        for index, (where, mark, note) in enumerate(snippets):
            # Labels are placed against the primary span; a finding without one has at most one label.
            if index and span is not None and where.file != span.file:
                out.append(f"{gutter}{self.paint('gutter', ':::')} {visible(str(where))}")
            out += self.snippet(where, mark, note, width)
        help_text = render_help(diagnostic, self.lang)
        if help_text:
            out.append(f"{gutter} {self.paint('gutter', '=')} {self.paint('help', _HELP.in_language(self.lang))}"
                       f"{colon}{visible(help_text)}")
        return "\n".join(out)

    def snippet(self, span: Span, mark: str, note: str, width: int) -> list[str]:
        text = self.source_line(span.file, span.line)
        bar = self.paint("gutter", " " * width + " |")
        if text is None:
            return []
        start = span.column - 1
        end = span.end_column - 1 if span.end_line == span.line else len(text)
        end = max(end, start + 1)
        shown, start, end = _window(text, start, end)
        # Shown piece by piece, so that the carets stay under the span when a character
        # before or inside it is written as `<U+XXXX>`.
        before, marked = visible(shown[:start]), visible(shown[start:end])
        shown = before + marked + visible(shown[end:])
        pad = display_width(before)
        underline = mark * max(1, display_width(marked))
        painted = self.paint("error" if mark == "^" else "label", underline + (f" {note}" if note else ""))
        number = self.paint("gutter", f"{span.line:>{width}} |")
        return [bar, f"{number} {shown}", f"{bar} {' ' * pad}{painted}"]

    def summary(self, diagnostics: Sequence[Diagnostic], files: int) -> str:
        errors = sum(d.severity.value == "error" for d in diagnostics)
        warnings = sum(d.severity.value == "warning" for d in diagnostics)
        if self.lang == "zh":
            if not diagnostics:
                return f"已检查 {files} 个文件，未发现问题"
            return f"已检查 {files} 个文件：{errors} 个错误，{warnings} 个警告"
        if not diagnostics:
            return f"checked {files} file{'s' * (files != 1)}: no problems found"
        return (f"checked {files} file{'s' * (files != 1)}: {errors} error{'s' * (errors != 1)}, "
                f"{warnings} warning{'s' * (warnings != 1)}")


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long line to the part around [start, end), marking cuts with ….

    A span longer than _SPAN_MAX (a task's whole pasted heading) is underlined
    at its start only: the caret says where, the message says what.
    """
    start, end = len(text[:start].expandtabs(4)), len(text[:end].expandtabs(4))
    text = text.expandtabs(4)
    end = min(end, start + _SPAN_MAX)
    left = max(0, start - _WINDOW)
    right = min(len(text), end + _WINDOW)
    shown = text[left:right]
    start, end = start - left, end - left
    if left > 0:
        shown, start, end = "…" + shown, start + 1, end + 1
    if right < len(text):
        shown += "…"
    return shown, start, min(end, len(shown))


def concise(diagnostic: Diagnostic, lang: str) -> str:
    """`file:line:col: CODE [name] message` on one line, whatever the plan's names hold (`visible`)."""
    where = f"{visible(str(diagnostic.span))}: " if diagnostic.span else ""
    return f"{where}{diagnostic.code} [{code_name(diagnostic.code)}] {visible(render_message(diagnostic, lang))}"

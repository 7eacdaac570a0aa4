"""GitHub Actions workflow commands: one `::error file=…,line=…::message` per diagnostic.

Annotations then appear on the changed lines of a pull request.

A workflow command is one line of output. Newlines and carriage returns are
written as GitHub's own `%0A` and `%0D` (the annotation shows the break, the
log still has one command per finding); every other control, format or
separator character from the plan (ESC sequences, which the log viewer would
run as colours, U+2028, U+0085, a bidirectional override) is shown as
`<U+XXXX>`, as everywhere else (`text.visible`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .messages import code_name, render_help, render_message
from .text import visible

if TYPE_CHECKING:
    from . import Diagnostic

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    text = visible(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def line(diagnostic: Diagnostic, lang: str) -> str:
    level = _LEVELS[diagnostic.severity.value]
    props = []
    span = diagnostic.span
    if span is not None:
        props += [f"file={_property(span.file)}", f"line={span.line}", f"col={span.column}",
                  f"endLine={span.end_line}"]
        if span.end_line == span.line:
            props.append(f"endColumn={span.end_column}")
    props.append(f"title={_property(f'{diagnostic.code} {code_name(diagnostic.code)}')}")
    message = render_message(diagnostic, lang)
    help_text = render_help(diagnostic, lang)
    if help_text:
        message += f"\nhelp: {help_text}"
    return f"::{level} {','.join(props)}::{_data(message)}"


def dumps(diagnostics: Iterable[Diagnostic], lang: str) -> str:
    return "".join(line(d, lang) + "\n" for d in diagnostics)

"""The one-line emitter: `file:line:col: CODE message`, as compilers and ruff print it.

One finding is one line, whatever a plan's names hold: a newline, a carriage
return or a control character from the plan is shown as `<U+XXXX>` (see
`text.visible`), so `牵头: "乙\\nevil.qlm:1:1: E999 forged"` cannot print a
second, forged finding, and an escape sequence never reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .messages import render_message
from .text import visible

if TYPE_CHECKING:
    from . import Diagnostic


def line(diagnostic: Diagnostic, lang: str) -> str:
    where = f"{visible(str(diagnostic.span))}: " if diagnostic.span else ""
    return f"{where}{diagnostic.code} {visible(render_message(diagnostic, lang))}"


def dumps(diagnostics: Iterable[Diagnostic], lang: str) -> str:
    return "".join(line(d, lang) + "\n" for d in diagnostics)

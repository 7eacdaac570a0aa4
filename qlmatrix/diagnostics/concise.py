"""The one-line emitter: `file:line:col: CODE message`, as compilers and ruff print it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .messages import render_message

if TYPE_CHECKING:
    from . import Diagnostic


def line(diagnostic: Diagnostic, lang: str) -> str:
    where = f"{diagnostic.span}: " if diagnostic.span else ""
    return f"{where}{diagnostic.code} {render_message(diagnostic, lang)}"


def dumps(diagnostics: Iterable[Diagnostic], lang: str) -> str:
    return "".join(line(d, lang) + "\n" for d in diagnostics)

"""The one-line emitter: `file:line:col: CODE message`, as compilers and ruff print it."""

from __future__ import annotations

from .messages import render_message


def line(diagnostic, lang: str) -> str:
    where = f"{diagnostic.span}: " if diagnostic.span else ""
    return f"{where}{diagnostic.code} {render_message(diagnostic, lang)}"


def dumps(diagnostics, lang: str) -> str:
    return "".join(line(d, lang) + "\n" for d in diagnostics)

"""Printing diagnostics in the chosen format."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ..diagnostics.text import TextEmitter, concise

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic

FORMATS = ("text", "concise", "json")


_color_mode = "auto"


def use_color_mode(mode: str) -> None:
    """`auto` (a terminal, unless NO_COLOR or TERM=dumb), `always` or `never`, from --color."""
    global _color_mode
    _color_mode = mode


def use_color(stream: TextIO) -> bool:
    if _color_mode != "auto":
        return _color_mode == "always"
    # no-color.org: only a NO_COLOR that is set and not empty turns colour off.
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def print_diagnostics(diagnostics: Sequence[Diagnostic], sources: dict[str, str], fmt: str, lang: str,
                      files: int | None, stream: TextIO | None = None) -> None:
    """Diagnostics in `fmt`; the text format ends with "checked N files" unless `files` is None
    (a command that only read a plan to render it checked nothing)."""
    stream = stream or sys.stdout
    if fmt == "json":
        from ..diagnostics import json as json_emitter

        stream.write(json_emitter.dumps(diagnostics, lang))
        return
    if fmt == "concise":
        for diagnostic in diagnostics:
            print(concise(diagnostic, lang), file=stream)
        return
    emitter = TextEmitter(sources, lang, color=use_color(stream))
    for diagnostic in diagnostics:
        print(emitter.emit(diagnostic), file=stream)
        print(file=stream)
    if files is not None:
        print(emitter.summary(diagnostics, files), file=stream)

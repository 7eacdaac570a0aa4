"""Printing diagnostics in the chosen format."""

from __future__ import annotations

import os
import sys

from ..diagnostics.text import TextEmitter, concise

FORMATS = ("text", "concise", "json")


def use_color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def print_diagnostics(diagnostics, sources: dict, fmt: str, lang: str, files: int, stream=None) -> None:
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
    print(emitter.summary(diagnostics, files), file=stream)

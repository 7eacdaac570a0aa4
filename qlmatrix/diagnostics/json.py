"""The machine emitter: one JSON document listing every diagnostic."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..span import Span
from .messages import code_name, render_help, render_label, render_message
from .text import json_text

if TYPE_CHECKING:
    from . import Diagnostic


def _span(span: Span | None) -> dict[str, object] | None:
    if span is None:
        return None
    return {"file": span.file, "line": span.line, "column": span.column,
            "end_line": span.end_line, "end_column": span.end_column}


def diagnostic_to_dict(diagnostic: Diagnostic, lang: str) -> dict[str, object]:
    return {
        "code": diagnostic.code,
        "name": code_name(diagnostic.code),
        "severity": diagnostic.severity.value,
        "message": render_message(diagnostic, lang),
        "help": render_help(diagnostic, lang),
        "span": _span(diagnostic.span),
        "labels": [{"message": render_label(label, lang), "span": _span(label.span)} for label in diagnostic.labels],
    }


def dumps(diagnostics: Iterable[Diagnostic], lang: str) -> str:
    return json_text(json.dumps([diagnostic_to_dict(d, lang) for d in diagnostics], ensure_ascii=False, indent=2)) + "\n"

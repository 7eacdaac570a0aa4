"""SARIF 2.1.0: the format code-scanning services read (GitHub code scanning, VS Code's SARIF viewer).

Columns are counted in Unicode code points, 1-based, end exclusive, which is
what SARIF calls `unicodeCodePoints`. Rule metadata (`rules`) is passed in by
the caller, so this module stays below the checks in the layers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..span import Span
from .messages import MESSAGES, code_name, render_help, render_label, render_message
from .text import json_text

if TYPE_CHECKING:
    from . import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(file: str) -> str:
    return PurePath(file).as_posix()


def _location(span: Span) -> dict[str, object]:
    region = {"startLine": span.line, "startColumn": span.column,
              "endLine": span.end_line, "endColumn": span.end_column}
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(span.file)}, "region": region}}


def _rule_entry(code: str, meta: Mapping[str, str] | None, lang: str) -> dict[str, object]:
    """`meta`: {"severity": ..., "summary": ..., "help": markdown} for registered rules."""
    entry: dict[str, object] = {"id": code, "name": code_name(code) if code in MESSAGES else code}
    if meta:
        entry["shortDescription"] = {"text": meta["summary"]}
        entry["fullDescription"] = {"text": meta["summary"]}
        entry["help"] = {"text": meta["help"], "markdown": meta["help"]}
        entry["defaultConfiguration"] = {"level": _LEVELS[meta["severity"]]}
    elif code in MESSAGES:
        _, text = MESSAGES[code]
        en, zh = text.en, text.zh
        entry["shortDescription"] = {"text": zh if lang == "zh" else en}
    return entry


def _result(diagnostic: Diagnostic, index: int, lang: str) -> dict[str, object]:
    text = render_message(diagnostic, lang)
    help_text = render_help(diagnostic, lang)
    result: dict[str, object] = {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": _LEVELS[diagnostic.severity.value],
        "message": {"text": f"{text}\nhelp: {help_text}" if help_text else text},
    }
    if diagnostic.span is not None:
        result["locations"] = [_location(diagnostic.span)]
    related: list[dict[str, object]] = []
    for number, label in enumerate(diagnostic.labels, 1):
        location = _location(label.span)
        location["id"] = number
        location["message"] = {"text": render_label(label, lang)}
        related.append(location)
    if related:
        result["relatedLocations"] = related
    return result


def to_sarif(diagnostics: Sequence[Diagnostic], lang: str, rules: Mapping[str, Mapping[str, str]] | None = None,
             version: str = "0") -> dict[str, object]:
    """The SARIF log as a dict. `rules`: code -> meta for every registered rule, listed even if unused."""
    rules = rules or {}
    codes = list(rules) + [d.code for d in diagnostics if d.code not in rules]
    codes = list(dict.fromkeys(codes))
    index = {code: number for number, code in enumerate(codes)}
    driver = {
        "name": "qlm",
        "fullName": "qlmatrix",
        "version": version,
        "informationUri": "https://qlmatrix.invalid/docs/checks",
        "rules": [_rule_entry(code, rules.get(code), lang) for code in codes],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index[d.code], lang) for d in diagnostics],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def dumps(diagnostics: Sequence[Diagnostic], lang: str, rules: Mapping[str, Mapping[str, str]] | None = None,
          version: str = "0") -> str:
    return json_text(json.dumps(to_sarif(diagnostics, lang, rules, version), ensure_ascii=False, indent=2)) + "\n"

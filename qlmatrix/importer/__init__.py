"""`qlm import`: a plan document (.txt, .md, .docx) turned into a .qlm plan.

    result = import_document("plan.docx")
    result.plan      # the Plan; spans point at lines of the source document
    result.text      # canonical .qlm with `# 原文第N行` provenance and the report
    result.problems  # passages that look like assignments but were not understood

The importer builds the model and writes it with qlmatrix.writer; it never
imports the cli. See docs/importing.md for the conventions it reads.
"""

from __future__ import annotations

import os

import attrs

from ..diagnostics import Diagnostic, Severity
from ..model import Plan
from ..span import Span
from . import messages as _messages  # noqa: F401  (registers the I0xx messages)
from .build import Problem, build_plan
from .outline import build_outline
from .output import write_imported
from .reading import DocumentError, Line, decode, read_document, text_lines

__all__ = ["DocumentError", "ImportResult", "Problem", "import_document", "import_lines"]


@attrs.frozen
class ImportResult:
    plan: Plan
    text: str
    problems: tuple[Problem, ...]
    diagnostics: tuple[Diagnostic, ...]
    source: str


def import_lines(lines: list[Line], source: str = "<text>", unit_word: str = "行",
                 keywords: str = "zh") -> ImportResult:
    built = build_plan(build_outline(lines), source)
    text = write_imported(built, os.path.basename(source), unit_word, keywords)
    diagnostics = tuple(
        Diagnostic("I010", Span(source, p.line, 1, p.line, 1), severity=Severity.WARNING,
                   args={"reason": p.reason}, help="import-check-annotation")
        for p in built.problems)
    return ImportResult(built.plan, text, tuple(built.problems), diagnostics, source)


def _names_a_file(text: str) -> bool:
    """A one-line string that is an existing file or ends like a document's name (then a missing file is an error)."""
    return "\n" not in text and (os.path.isfile(text) or text.lower().endswith((".txt", ".md", ".docx")))




def import_document(path_or_text: str | os.PathLike | bytes, encoding: str | None = None,
                    keywords: str = "zh") -> ImportResult:
    """Import a document given as a path, as text, or as bytes. Raises DocumentError (see .diagnostic)."""
    if isinstance(path_or_text, bytes):
        return import_lines(text_lines(decode(path_or_text, "<bytes>", encoding)), "<bytes>", keywords=keywords)
    if isinstance(path_or_text, os.PathLike) or _names_a_file(path_or_text):
        path = os.fspath(path_or_text)
        lines = read_document(path, encoding)
        return import_lines(lines, path, "段" if path.lower().endswith(".docx") else "行", keywords)
    return import_lines(text_lines(path_or_text), "<text>", keywords=keywords)

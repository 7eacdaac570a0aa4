"""`qlm import`: a plan document (.txt, .md, .docx) turned into a .qlm plan.

    result = import_file("plan.docx")          # or import_text(text_or_bytes)
    result.plan      # the Plan; spans point at lines of the source document
    result.text      # canonical .qlm with `# 原文第N行` provenance and the report
    result.problems  # passages that look like assignments but were not understood
    result.coverage  # how much of the document's assignment-looking text the plan explains (coverage.py)

The importer builds the model and writes it with qlmatrix.writer; it never
imports the cli. See docs/importing.md for the conventions it reads.
"""

from __future__ import annotations

import os

import attrs

from ..diagnostics import Diagnostic, Severity
from ..model import Plan
from ..span import Span
from ..text import Text
from . import messages as _messages  # noqa: F401  (registers the I0xx messages)
from .blanks import plain_blank_lines
from .build import Problem, build_plan
from .coverage import Coverage, coverage_diagnostic, measure
from .flat import Notice, prepare
from .guard import guard, respan
from .marks import plain_lines
from .outline import build_outline
from .output import ImportComments, write_imported
from .reading import (
    CHARACTERS,
    DocumentError,
    Line,
    check_lines,
    check_size,
    decode,
    read_document,
    refuse_other_format,
    text_lines,
)
from .site import without_site_chrome

__all__ = ["Coverage", "DocumentError", "ImportResult", "Problem", "import_file", "import_lines", "import_text"]


@attrs.frozen
class ImportResult:
    """What an import gives: the plan, its .qlm text, what was not understood, and how much of the document's
    assignment-looking text the plan explains (`coverage.doubtful`: the reading is in doubt, reported as I012)."""

    plan: Plan
    text: str
    problems: tuple[Problem, ...]
    diagnostics: tuple[Diagnostic, ...]
    source: str
    coverage: Coverage


def import_lines(lines: list[Line], source: str = "<text>", unit_word: str = "行",
                 keywords: str = "zh") -> ImportResult:
    """Import a document already read into lines (`reading.text_lines`, `docx.docx_lines`)."""
    lines = check_lines(lines, source)
    notices: list[Notice] = []
    plain = plain_lines(without_site_chrome(plain_blank_lines(lines)))
    built = build_plan(build_outline(prepare(plain, notices)), source)
    built.problems.extend(Problem(line, excerpt, Text(en, zh)) for line, excerpt, en, zh in notices)
    built.problems.sort(key=lambda problem: problem.line)
    # Measured on the plan as built, against the text as the readers got it: how it was read does not enter.
    coverage = measure(plain, built.plan)
    comments = ImportComments(built, os.path.basename(source), unit_word, coverage)
    header = comments.header()
    written = write_imported(built, comments, keywords).split("\n")
    # The output must always parse: what does not is kept as a comment and reported (guard.py).
    guarded = guard(written, {line.number: line.text for line in lines}, comments.where)
    plan, written = built.plan, guarded.lines
    if guarded.problems:
        if guarded.read.plan is not None:  # always, for a text without errors
            plan = respan(guarded.read.plan, written, source, {unit.name: unit.span for unit in built.plan.units})
        built.problems.extend(guarded.problems)
        if written[: len(header)] == header:  # the header lists every problem: the new ones too
            written = comments.header() + written[len(header):]
    diagnostics = tuple(
        Diagnostic("I010", Span(source, p.line, 1, p.line, 1), severity=Severity.WARNING,
                   args={"reason": p.reason}, help="import-check-annotation")
        for p in built.problems)
    if coverage.doubtful:
        diagnostics = (coverage_diagnostic(coverage, source), *diagnostics)
    return ImportResult(plan, "\n".join(written), tuple(built.problems), diagnostics, source, coverage)


def import_file(path: str | os.PathLike[str], encoding: str | None = None, keywords: str = "zh") -> ImportResult:
    """Import the document at `path` (.txt, .md or .docx). Raises DocumentError (a QlmError; see
    `.diagnostic`) when it cannot be read or decoded."""
    name = os.fspath(path)
    lines = read_document(name, encoding)
    return import_lines(lines, name, "段" if name.lower().endswith(".docx") else "行", keywords)


def import_text(text: str | bytes, source: str = "<text>", encoding: str | None = None,
                keywords: str = "zh") -> ImportResult:
    """Import a document's text; bytes are decoded as `import_file` decodes a file (`encoding`, else
    UTF-8, else GB18030 that reads as Chinese). `source` names it in positions and messages. Raises
    DocumentError."""
    if isinstance(text, bytes):
        refuse_other_format(text, source)
        text = decode(text, source, encoding)
    else:
        check_size(len(text), source, CHARACTERS)
    return import_lines(text_lines(text), source, keywords=keywords)

"""Every place a plan names a unit: declarations (name, full name, aliases) and references.

References come from the model's own positions (each `Ref` carries the span
of the name as written); a declaration's name is the unit's span, and its
full name and aliases are found in its block with the Pygments lexer, which
marks unit names after `全称:` and `别名:`. Which unit a name means is the
resolved plan's unit directory's answer, never worked out here.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..keywords import PROPERTIES
from ..model import LEAD_REFERENCE, Ref, Report, Section, Task, Unit
from ..span import Span
from .analysis import Analysis, real

_DECLARED_NAMES = frozenset(form for name in ("full", "aliases") for forms in PROPERTIES[name] for form in forms)


@attrs.frozen
class Occurrence:
    written: str  # the name as written: the unit's name, its full name or an alias
    unit: str | None  # the canonical name of the unit it means; None when no unit is declared by it
    span: Span
    declaration: bool
    file: str  # real path


def occurrences(analysis: Analysis) -> list[Occurrence]:
    """Every naming of a unit in the plan, declarations first, each file's in order of position."""
    if analysis.plan is None or analysis.resolved is None:
        return []
    if "occurrences" not in analysis.memo:
        analysis.memo["occurrences"] = _occurrences(analysis)
    found: list[Occurrence] = analysis.memo["occurrences"]
    return found


def _occurrences(analysis: Analysis) -> list[Occurrence]:
    assert analysis.plan is not None and analysis.resolved is not None
    directory = analysis.resolved.units
    found: list[Occurrence] = []

    def add(written: str, span: Span | None, declaration: bool) -> None:
        if span is None or written == LEAD_REFERENCE:
            return
        unit = directory.canonical(written) if written in directory else None
        found.append(Occurrence(written, unit, span, declaration, real(span.file)))

    for unit in analysis.plan.all_units():
        add(unit.name, unit.span, True)
        for written, span in _declared_names(analysis, unit):
            add(written, span, True)
    for ref in _references(analysis):
        add(ref.name, ref.span, False)
    return sorted(found, key=lambda o: (not o.declaration, o.file, o.span.line, o.span.column))


def _references(analysis: Analysis) -> Iterator[Ref]:
    assert analysis.plan is not None
    for unit in analysis.plan.all_units():
        if unit.parent is not None:
            yield unit.parent
    for item, _ in analysis.plan.walk():
        if isinstance(item, (Task, Section)):
            for assignment in item.assignments:
                yield assignment.unit
        elif isinstance(item, Report):
            yield item.source
            if item.target is not None:
                yield item.target


def _declared_names(analysis: Analysis, unit: Unit) -> Iterator[tuple[str, Span]]:
    """The full name and aliases written in the unit's declaration block, with their spans."""
    from pygments.token import Name, Punctuation, String, Whitespace, is_token_subtype

    from ..highlight import QlmLexer

    if unit.span is None or not (unit.full_name or unit.aliases):
        return
    text = analysis.sources.get(real(unit.span.file))
    if text is None:
        return
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: unit.span.line - 1]) + unit.span.column - 1
    wanted = {unit.full_name, *unit.aliases}
    key: str | None = None
    opened = False
    for offset, kind, value in QlmLexer().get_tokens_unprocessed(text[start:]):
        if is_token_subtype(kind, Punctuation) and value in "{｛":
            opened = True
        elif is_token_subtype(kind, Punctuation) and value in "}｝" or (is_token_subtype(kind, Whitespace) and "\n" in value and not opened):
            return
        elif is_token_subtype(kind, Name.Attribute):
            key = value
        elif key in _DECLARED_NAMES and (is_token_subtype(kind, Name.Class) or is_token_subtype(kind, String.Double)):
            name = value[1:-1].replace('\\"', '"') if is_token_subtype(kind, String.Double) else value
            if name in wanted:
                yield name, _span(unit.span.file, text, start + offset, len(value))


def _span(file: str, text: str, offset: int, length: int) -> Span:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span(file, line, column, line, column + length)


def at(found: list[Occurrence], file: str, line: int, column: int) -> Occurrence | None:
    """The occurrence in `file` under the 1-based line and code-point column (its end included)."""
    for occurrence in found:
        span = occurrence.span
        if occurrence.file == file and span.line == line and span.column <= column <= span.end_column:
            return occurrence
    return None


def of_unit(found: list[Occurrence], unit: str) -> list[Occurrence]:
    return [occurrence for occurrence in found if occurrence.unit == unit]

"""Go to definition, find references, outlines and renaming: units across every file of the plan.

All positions here are qlmatrix spans (1-based, code points); the server turns
them into protocol ranges.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import attrs

from .. import writer
from ..model import Include, Item, Plan, Report, Section, SectionKind, Task
from ..span import Span
from ..text import Text
from .analysis import Analysis, real
from .index import Occurrence, at, occurrences, of_unit


def definition(analysis: Analysis, file: str, line: int, column: int) -> Occurrence | None:
    """Where the unit named under the cursor is declared (by the name used there, if it is a full name or alias)."""
    found = occurrences(analysis)
    here = at(found, file, line, column)
    if here is None or here.unit is None:
        return None
    declared = [o for o in of_unit(found, here.unit) if o.declaration]
    return next((o for o in declared if o.written == here.written), declared[0] if declared else None)


def references(analysis: Analysis, file: str, line: int, column: int, include_declaration: bool) -> list[Occurrence]:
    """Every naming of the unit under the cursor, by any of its names, in every file of the plan."""
    found = occurrences(analysis)
    here = at(found, file, line, column)
    if here is None:
        return []
    if here.unit is None:  # an undeclared name: its other uses, as written
        return [o for o in found if o.unit is None and o.written == here.written]
    return [o for o in of_unit(found, here.unit) if include_declaration or not o.declaration]


class RenameRefused(Exception):
    """A rename that would break the plan: the new name is taken or cannot be written everywhere it goes."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


def rename(analysis: Analysis, file: str, line: int, column: int, new_name: str) -> list[Occurrence]:
    """The places to rewrite to give the name under the cursor `new_name`: every use of that name (the
    unit's name, or the alias or full name used there) for that unit, its declaration included.

    Raises RenameRefused when another unit (or this one, by another name) already answers to
    `new_name`, or when it cannot be written in a list or an annotation (`spelling` says how it is
    written at each place)."""
    found = occurrences(analysis)
    here = at(found, file, line, column)
    if here is None:
        raise RenameRefused(Text("no unit name here", "此处没有单位名称"))
    if new_name == here.written:
        return []
    if not _writable(new_name):
        raise RenameRefused(Text(f"`{new_name}` cannot be written as a unit name in a list or an annotation "
                                 "(no ; # or braces in it, and no brackets unless they pair up)",
                                 f"`{new_name}`无法作为单位名称写入列表或责任单位标注"
                                 "（不能含;#或花括号，括号须成对）"))
    resolved = analysis.resolved
    assert resolved is not None
    taken = resolved.units.get(new_name)
    if taken is not None:
        raise RenameRefused(Text(f"`{new_name}` is already a name of the unit `{taken.name}`",
                                 f"`{new_name}`已是单位`{taken.name}`的名称"))
    if here.unit is None:
        return [o for o in found if o.unit is None and o.written == here.written]
    return [o for o in of_unit(found, here.unit) if o.written == here.written]


def spelling(occurrence: Occurrence, new_name: str) -> str:
    """`new_name` as the writer spells it where `occurrence` stands: quoted when it holds a separator
    or a space (`"各区、县级市"`), so that the renamed plan reads back as one name there."""
    return writer.declared_name(new_name) if occurrence.declaration else writer.name(new_name)


def _writable(new_name: str) -> bool:
    if not new_name.strip() or new_name != new_name.strip():
        return False
    try:
        writer.name(new_name)
    except writer.UnwritableError:
        return False
    return writer.annotated(new_name)


@attrs.frozen
class Symbol:
    name: str
    detail: str
    kind: str  # unit, collective, section, carrier, task, report, include
    span: Span
    children: tuple[Symbol, ...] = ()

    def extent(self) -> Span:
        """From the symbol to the end of its last child in the same file."""
        ends = [self.span] + [child.extent() for child in self.children if child.span.file == self.span.file]
        last = max(ends, key=lambda s: (s.end_line, s.end_column))
        return attrs.evolve(self.span, end_line=last.end_line, end_column=last.end_column)


def document_symbols(plan: Plan, root: str, file: str) -> list[Symbol]:
    """The outline of one file of the plan: its units, then its sections with their tasks and reports."""
    written = plans_by_file(plan, root).get(file)
    if written is None:
        return []
    symbols = [Symbol(unit.name, unit.full_name or "", "collective" if unit.collective else "unit", unit.span)
               for unit in written.units if unit.span is not None]
    return symbols + list(_items(written.items))


def plans_by_file(plan: Plan, root: str) -> dict[str, Plan]:
    """Real path -> the plan as written in that file, for the root file and every file it includes."""
    found = {root: plan}
    stack = [(plan, root)]
    while stack:
        current, path = stack.pop()
        for include in current.includes():
            if include.plan is None or "\x00" in include.path:
                continue
            target = real(os.path.join(os.path.dirname(path), include.path))
            if target not in found:
                found[target] = include.plan
                stack.append((include.plan, target))
    return found


def _items(items: Iterable[Item]) -> Iterator[Symbol]:
    for item in items:
        if item.span is None:
            continue
        if isinstance(item, Section):
            kind = "carrier" if item.kind is SectionKind.CARRIER else "section"
            yield Symbol(" ".join(p for p in (item.number, item.title) if p) or item.id, "", kind, item.span,
                         tuple(_items(item.items)))
        elif isinstance(item, Task):
            yield Symbol(" ".join(p for p in (item.number, item.title) if p) or item.id, item.id, "task", item.span)
        elif isinstance(item, Report):
            target = f" -> {item.target}" if item.target is not None else ""
            yield Symbol(f"{item.source}{target}", item.content or "", "report", item.span)
        elif isinstance(item, Include):
            yield Symbol(item.path, "", "include", item.span)


def workspace_symbols(analyses: Iterable[Analysis], query: str) -> list[Symbol]:
    """Units, sections and tasks of every plan of the workspace whose name or id holds `query`."""
    found: list[Symbol] = []
    seen: set[tuple[str, str, int, int]] = set()
    for analysis in analyses:
        if analysis.resolved is None:
            continue
        resolved = analysis.resolved
        candidates = [Symbol(u.name, u.full_name or "", "collective" if u.collective else "unit", u.span)
                      for u in resolved.units if u.span is not None]
        candidates += [Symbol(" ".join(p for p in (s.section.number, s.title) if p), s.id,
                              "carrier" if s.section.kind is SectionKind.CARRIER else "section", s.span)
                       for s in resolved.sections if s.span is not None]
        candidates += [Symbol(" ".join(p for p in (t.number, t.title) if p), t.id, "task", t.span)
                       for t in resolved.tasks if t.span is not None]
        for symbol in candidates:
            key = (symbol.kind, symbol.name, symbol.span.line, symbol.span.column)
            if key in seen:
                continue
            if not query or query in symbol.name or query in symbol.detail:
                seen.add(key)
                found.append(symbol)
    return found

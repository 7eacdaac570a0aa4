"""What the views need beyond the resolved plan: section headings and the filters' look-ups.

Who holds which role, inherited or not, and under which canonical name, is
`qlmatrix.resolve`'s answer; this module only remembers the headings every
view prints and turns a filter's words into an id or a unit name.
"""

from __future__ import annotations

from ..diagnostics.text import visible
from ..model import Plan, Role, Section, Unit
from ..resolve import Holding, ResolvedPlan, ResolvedReport, ResolvedSection, ResolvedTask, resolve
from ..suggest import closest
from .errors import UnknownChoice
from .table import Cell, numbered

__all__ = ["Holding", "PlanIndex", "ResolvedReport", "ResolvedTask"]


class PlanIndex:
    """The resolved plan with the views' helpers, built once for all views of one plan."""

    def __init__(self, plan: Plan | ResolvedPlan):
        self.resolved = plan if isinstance(plan, ResolvedPlan) else resolve(plan)
        self.plan = self.resolved.plan
        self.units: tuple[Unit, ...] = self.resolved.units.units
        self.tasks: tuple[ResolvedTask, ...] = self.resolved.tasks
        self.reports: tuple[ResolvedReport, ...] = self.resolved.reports
        self._headings: dict[int, str] = {}
        self._cells: dict[str, Cell] = {}
        self._pairs: tuple[tuple[tuple[Role, str], ...], ...] | None = None

    def canonical(self, name: str) -> str:
        return self.resolved.units.canonical(name)

    def unit(self, name: str) -> Unit | None:
        return self.resolved.units.get(name)

    def unit_order(self) -> tuple[str, ...]:
        return self.resolved.unit_order()

    def pairs(self) -> tuple[tuple[tuple[Role, str], ...], ...]:
        """(role, canonical unit) of each task's holdings (`ResolvedTask.pairs()`), task by task as
        `tasks`: asked once for every view built from this index (a workbook's three)."""
        if self._pairs is None:
            self._pairs = tuple([entry.pairs() for entry in self.tasks])
        return self._pairs

    def heading(self, sections: tuple[Section, ...]) -> str:
        """`一、总则 / (一)…`: the sections as the document numbers them, joined once per distinct chain."""
        key = id(sections)  # tasks of one section share the tuple, which the resolution keeps alive
        found = self._headings.get(key)
        if found is None:
            found = self._headings[key] = " / ".join(_numbered(section) for section in sections)
        return found

    def cell(self, text: str) -> Cell:
        """The cell of `text` with no role, one per distinct text for every view built from this index.

        Cells are immutable, and sections, timings, unit lists and 序号 repeat on thousands of rows:
        one object each keeps the tables small for the collector, and lets an emitter work out how a
        cell is written once per cell object."""
        found = self._cells.get(text)
        if found is None:
            found = self._cells[text] = Cell(text)
        return found

    # Filters: each raises UnknownChoice with the known choices when nothing matches.

    # The names in these messages come from the plan and the command line, and are printed on a
    # terminal: `visible` shows their control characters as `<U+XXXX>` (see `safe`).

    def resolve_unit(self, name: str) -> str:
        canonical = self.canonical(name)
        if canonical in self.unit_order():
            return canonical
        close = closest(name, [*self.resolved.units.names(), *self.unit_order()])
        hint_en = f"; did you mean `{visible(close)}`?" if close else ""
        hint_zh = f"；是否应为`{visible(close)}`？" if close else ""
        raise UnknownChoice(f"no unit named `{visible(name)}` in the plan{hint_en}",
                            f"计划中没有名为`{visible(name)}`的单位{hint_zh}")

    def resolve_section(self, wanted: str) -> ResolvedSection:
        """A section by its id, number, title or numbered title."""
        wanted = wanted.strip()
        # A number as the tables print it (`（一）组织保障`, `二（一）`) names what the parser writes `(一)`;
        # a title is matched as written, whatever brackets it holds (`清廉（机关）建设`).
        plain = wanted.translate(_HALF_WIDTH_BRACKETS)
        for entry in self.resolved.sections:
            section = entry.section
            heading = _numbered(section)
            if (wanted in (entry.id, section.title, section.number or entry.id, heading)
                    or plain in (entry.id, section.number or entry.id, heading.translate(_HALF_WIDTH_BRACKETS))):
                return entry
        known = visible(", ".join(entry.id for entry in self.resolved.sections))
        raise UnknownChoice(f"no section `{visible(wanted)}` in the plan; sections: {known}",
                            f"计划中没有章节`{visible(wanted)}`；现有章节：{known}")


_HALF_WIDTH_BRACKETS = str.maketrans("（）", "()")


def _numbered(section: Section) -> str:
    return numbered(section.number, section.title)

"""The plan's work calendar: every task and report with the dates it falls due, from the resolution.

Who is named on an occurrence comes from `qlmatrix.resolve`: a task's
effective lead(s) and supporting units, a report's senders (牵头单位
expanded to the units that lead a task) and recipient. When it falls due
comes from `qlmatrix.schedule`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from ..model import Plan
from ..render.errors import UnknownChoice
from ..render.safe import terminal
from ..resolve import ResolvedPlan, ResolvedReport, ResolvedTask, resolve
from ..schedule import due_dates
from ..text import Text


def plan_issue_date(plan: Plan) -> date | None:
    """The plan's issue date: its `发文日期:` (`Plan.date`), or None when the plan states none.

    The one place the calendar and the ledger read it, so `--issued` overrides it in one way.
    """
    return plan.date


@attrs.frozen
class Entry:
    """A task or report with the dates it falls due in the calendar's range (or why it has none)."""

    kind: str  # task | report
    #: The task's id; for a report `汇报N` (its place among the plan's reports, from 1).
    ident: str
    title: str
    #: Who owes it: the task's lead(s), or the report's senders.
    units: tuple[str, ...]
    support: tuple[str, ...] = ()
    recipient: str | None = None
    #: The 频次 and 时限 as written, joined with ` · `.
    timing: str = ""
    dates: tuple[date, ...] = ()
    #: Why it has no date at all (vague, nothing given, relative with no issue date); None when dated.
    undated: Text | None = None

    @property
    def label(self) -> str:
        """How the calendar names it: `二(一) 全面强化政治建设`, `向党工委报送工作情况`."""
        if self.kind == "task":
            return f"{self.ident} {self.title}".strip()
        return f"向{self.recipient}报送{self.title}" if self.recipient else f"报送{self.title}"


@attrs.frozen
class WorkCalendar:
    """Every dated occurrence between `start` and `end`, and the duties that have no date."""

    title: str
    start: date
    end: date
    issued: date | None
    entries: tuple[Entry, ...]
    #: The one unit asked for (`--unit`), canonical; None for the whole plan.
    unit: str | None = None

    def occurrences(self) -> list[tuple[date, Entry]]:
        """(date, entry) for every occurrence, by date, then in plan order."""
        order = {id(entry): index for index, entry in enumerate(self.entries)}
        found = [(day, entry) for entry in self.entries for day in entry.dates]
        return sorted(found, key=lambda pair: (pair[0], order[id(pair[1])]))

    def undated(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.undated is not None]

    def units(self) -> list[str]:
        """Units owing something, in the order they are first named (only the unit asked for, if any)."""
        if self.unit is not None:
            return [self.unit]
        return list(dict.fromkeys(unit for entry in self.entries for unit in entry.units))


def build_calendar(plan: Plan | ResolvedPlan, start: date, end: date, issued: date | None = None,
                   unit: str | None = None) -> WorkCalendar:
    """The work calendar of `plan` from `start` to `end`; `unit` keeps what it leads, supports or reports."""
    resolved = plan if isinstance(plan, ResolvedPlan) else resolve(plan)
    wanted = known_unit(resolved, unit) if unit else None
    entries = [*(_task_entry(task, start, end, issued) for task in resolved.tasks),
               *(_report_entry(number, report, start, end, issued)
                 for number, report in enumerate(resolved.reports, 1))]
    if wanted is not None:
        entries = [entry for entry in entries if wanted in (*entry.units, *entry.support)]
    return WorkCalendar(resolved.plan.title or "", start, end, issued, tuple(entries), wanted)


def known_unit(resolved: ResolvedPlan, name: str) -> str:
    """The canonical name of unit `name`; UnknownChoice (with "did you mean") when the plan has none such."""
    canonical = resolved.units.canonical(name)
    if canonical in resolved.unit_order():
        return canonical
    close = resolved.units.suggest(name)
    shown = terminal(name)
    hint_en = f"; did you mean `{terminal(close)}`?" if close else ""
    hint_zh = f"；是否应为`{terminal(close)}`？" if close else ""
    raise UnknownChoice(f"no unit named `{shown}` in the plan{hint_en}", f"计划中没有名为`{shown}`的单位{hint_zh}")


def _timing(*phrases: object) -> str:
    return " · ".join(str(phrase) for phrase in phrases if phrase is not None)


def _task_entry(task: ResolvedTask, start: date, end: date, issued: date | None) -> Entry:
    timing = due_dates(task.cadence, task.due, start, end, issued)
    return Entry("task", task.id, task.title, task.leads, task.support, None, _timing(task.cadence, task.due),
                 timing.dates, timing.reason)


def _report_entry(number: int, report: ResolvedReport, start: date, end: date, issued: date | None) -> Entry:
    item = report.report
    timing = due_dates(item.cadence, item.due, start, end, issued)
    return Entry("report", f"汇报{number}", item.content or "工作情况", report.senders, (), report.target,
                 _timing(item.cadence, item.due), timing.dates, timing.reason)


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def months_between(start: date, end: date) -> Iterator[tuple[int, int]]:
    """(year, month) of every month the range touches."""
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)

"""The work calendar after a plan is issued: the Python API behind `qlm calendar`.

    work = build_calendar(plan, date(2022, 1, 1), date(2022, 12, 31), issued=date(2022, 3, 15))
    work.occurrences()                  # [(date, Entry), ...]: every dated occurrence
    work.undated()                      # duties with no date (定期, 常态化, nothing given), with the reason
    render_calendar(work, "ics")        # ics | term | md | html | xlsx | json

Dates come from `qlmatrix.schedule`; who owes what from `qlmatrix.resolve`.
The plan's issue date is an explicit parameter: see `plan_issue_date`.
"""

from __future__ import annotations

import json

from .build import Entry, WorkCalendar, build_calendar, months_between, plan_issue_date, year_range
from .table import calendar_table

__all__ = ["CALENDAR_FORMATS", "Entry", "WorkCalendar", "build_calendar", "calendar_data", "calendar_table",
           "months_between", "plan_issue_date", "render_calendar", "year_range"]

CALENDAR_FORMATS = ("ics", "term", "md", "html", "xlsx", "json")


def calendar_data(calendar: WorkCalendar) -> dict[str, object]:
    """The calendar as JSON-ready data: occurrences by date, then the duties with no date."""

    def entry_data(entry: Entry) -> dict[str, object]:
        return {"kind": entry.kind, "id": entry.ident, "title": entry.title, "units": list(entry.units),
                "support": list(entry.support), "recipient": entry.recipient, "timing": entry.timing}

    return {
        "title": calendar.title,
        "from": calendar.start.isoformat(),
        "to": calendar.end.isoformat(),
        "issued": calendar.issued.isoformat() if calendar.issued else None,
        "occurrences": [{"date": day.isoformat(), **entry_data(entry)} for day, entry in calendar.occurrences()],
        "undated": [{**entry_data(entry), "reason": {"en": entry.undated.en, "zh": entry.undated.zh}}
                    for entry in calendar.undated() if entry.undated is not None],
    }


def render_calendar(calendar: WorkCalendar, fmt: str = "term", color: bool = False,
                    width: int | None = None) -> str | bytes:
    """The calendar as iCalendar (`ics`, bytes), JSON, or the month-by-month table (term, md, html, xlsx);
    `width` is the terminal table's line width in display cells (`term` only)."""
    if fmt == "ics":
        from .ics import to_ics

        return to_ics(calendar)
    if fmt == "json":
        from ..diagnostics.text import json_text

        return json_text(json.dumps(calendar_data(calendar), ensure_ascii=False, indent=2)) + "\n"
    if fmt in CALENDAR_FORMATS:
        from ..render import emit_table

        return emit_table(calendar_table(calendar), fmt, color=color, width=width)
    raise ValueError(f"unknown calendar format `{fmt}`; choose one of {', '.join(CALENDAR_FORMATS)}")

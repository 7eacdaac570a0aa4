"""The work calendar as iCalendar (RFC 5545), through the `icalendar` library (the `calendar` extra).

One all-day VEVENT per occurrence, so Outlook, WPS and phone calendars show
each deadline on its day. Its UID is derived from the plan's title, the task
id (or report) and the date, so importing a regenerated file updates the
same entries instead of doubling them. The summary names the unit(s) and the
task in Chinese: `【党群部】二(三) 筑牢清廉思想根基`.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from types import ModuleType

from ..render.errors import missing
from ..render.safe import document
from .build import Entry, WorkCalendar

PRODUCT = "-//qlmatrix//work calendar//ZH"


def _icalendar() -> ModuleType:
    try:
        import icalendar
    except ImportError as error:  # an optional extra
        raise missing("icalendar", "calendar", "iCalendar files", "iCalendar 文件") from error
    return icalendar


def uid(title: str, entry: Entry, day: object) -> str:
    """Stable across runs: the same plan, task and date give the same UID."""
    key = "\x1f".join((title, entry.kind, entry.ident, str(day)))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@qlmatrix"


def _one_line(text: str) -> str:
    """A summary is one line: any line break (CR, LF, CRLF, U+2028) becomes a space."""
    return " ".join(re.split(r"\r\n|[\r\n\u2028\u2029\x85]", text))


def _lines(text: str) -> str:
    """A description may hold line breaks, written as LF (iCalendar escapes them; a CR it cannot carry)."""
    return "\n".join(re.split(r"\r\n|[\r\n\u2028\u2029\x85]", text))


def summary(entry: Entry) -> str:
    return _one_line(document(f"【{'、'.join(entry.units) or '未明确责任单位'}】{entry.label}"))


def description(calendar: WorkCalendar, entry: Entry) -> str:
    lines = [f"计划：{calendar.title}"] if calendar.title else []
    if entry.kind == "task":
        lines.append(f"牵头单位：{'、'.join(entry.units) or '（未明确）'}")
        if entry.support:
            lines.append(f"配合单位：{'、'.join(entry.support)}")
    else:
        lines.append(f"报送单位：{'、'.join(entry.units)}")
        if entry.recipient:
            lines.append(f"报送对象：{entry.recipient}")
    if entry.timing:
        lines.append(f"频次/时限：{entry.timing}")
    return _lines(document("\n".join(lines)))


def to_ics(calendar: WorkCalendar, stamp: datetime | None = None) -> bytes:
    """The calendar as an .ics file; `stamp` (DTSTAMP, default now) fixes the output for tests."""
    icalendar = _icalendar()
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    book = icalendar.Calendar()
    book.add("prodid", PRODUCT)
    book.add("version", "2.0")
    book.add("calscale", "GREGORIAN")
    book.add("method", "PUBLISH")  # a calendar to add, not an invitation to answer (how Outlook reads it)
    book.add("x-wr-calname", _one_line(document(f"{calendar.title} 工作日历" if calendar.title else "工作日历")))
    for day, entry in calendar.occurrences():
        event = icalendar.Event()
        event.add("uid", uid(calendar.title, entry, day))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)  # a date, not a time: an all-day entry
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary(entry))
        event.add("description", description(calendar, entry))
        event.add("categories", ["任务" if entry.kind == "task" else "汇报"])
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
        book.add_component(event)
    data: bytes = book.to_ical()
    return data

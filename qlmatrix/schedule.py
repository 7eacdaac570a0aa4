"""When a duty falls due: the dated occurrences of its cadence and due point, between two dates.

    >>> from datetime import date
    >>> from qlmatrix.cadence import Cadence
    >>> year = date(2022, 1, 1), date(2022, 12, 31)
    >>> due_dates(Cadence.parse("每半年至少一次"), None, *year).dates
    (datetime.date(2022, 6, 30), datetime.date(2022, 12, 31))
    >>> due_dates(Cadence.parse("定期"), None, *year).reason.zh
    '频次模糊（定期），不生成日期'

The rules, in the order they apply (docs/calendar.md gives them with examples):

- a recurring period (每年, 每半年, 每季度, 每月, 每周) gives one date per period:
  its due point inside the period (12月31日; 年底; 30日 of the period's last
  month, or of its first with 首月), else the period's last day; a plan
  period end (到“十四五”末) stops the recurrence there;
- a single point gives one date: 2022年6月底前 → 2022-06-30; 到“十四五”末 →
  2025-12-31; a point without a year (年底前, 6月底前, 明年年底) counts from
  the plan's issue date, and has no date when that is not known;
- vague words (定期, 常态化, 长期坚持), a day with no month, and text not
  understood have no date, with the reason: nothing is invented.

The minimum count (至少两次) is not spread over the period: the date is the
period's deadline, and the count stays in the cadence's text.
"""

from __future__ import annotations

import calendar as _days
from collections.abc import Iterator
from datetime import date, timedelta

import attrs

from .cadence import CN_DIGITS, Cadence, Period
from .text import Text

#: Months in each recurring period (a week is handled apart).
_MONTHS = {Period.YEAR: 12, Period.HALF_YEAR: 6, Period.QUARTER: 3, Period.MONTH: 1}


@attrs.frozen
class Timing:
    """The dates a duty falls due in the range asked, or, when it has none at all, why."""

    dates: tuple[date, ...] = ()
    #: Set when the duty has no date whatever the range (vague, relative with no issue date, ...).
    reason: Text | None = None

    @property
    def dated(self) -> bool:
        return self.reason is None


NO_TIMING = Text("no cadence or due date given", "未写明频次或时限")


def vague(text: str) -> Text:
    return Text(f"vague ({text}): no date is invented", f"频次模糊（{text}），不生成日期")


def needs_issue_date(text: str) -> Text:
    return Text(f"`{text}` counts from the issue date: give --issued", f"“{text}”以发文日期起算，请用 --issued 指定发文日期")


def not_understood(text: str) -> Text:
    return Text(f"cannot tell a date from `{text}`", f"无法从“{text}”确定日期")


def due_dates(cadence: Cadence | None, due: Cadence | None, start: date, end: date,
              issued: date | None = None) -> Timing:
    """The dates from `start` to `end` (inclusive) that a duty with this 频次 and 时限 falls due.

    `issued` is the plan's issue date (发文日期): relative points count from it, and
    nothing falls due before it.
    """
    given = [c for c in (cadence, due) if c is not None]
    if not given:
        return Timing(reason=NO_TIMING)
    period = next((c.period for c in given if c.period not in (None, Period.ONCE)), None)
    # The due point: from 时限 first (the deadline), else from the cadence's own words.
    pointed = next((c for c in (due, cadence) if c is not None and c.due), None)
    if period is not None:
        found = _recurring(period, pointed, start, end)
        if isinstance(found, Text):
            return Timing(reason=found)
        dates = found
    elif pointed is not None:
        single = _single(pointed, issued)
        if isinstance(single, Text):
            return Timing(reason=single)
        dates = (single,)
    elif any(c.vague for c in given):
        return Timing(reason=vague("、".join(c.text for c in given if c.vague)))
    else:
        return Timing(reason=not_understood("、".join(c.text for c in given)))
    first = max(start, issued) if issued else start
    return Timing(tuple(day for day in dates if first <= day <= end))


# ---- a single point ----


def _single(pointed: Cadence, issued: date | None) -> date | Text:
    point = pointed.due or ""
    plan_end = _plan_period_end(point)
    if plan_end is not None:
        return plan_end
    parts = point.split("-")
    if parts[0] == "day":
        return not_understood(pointed.text)  # 30日前, of which month?
    if len(parts) == 3 and parts[0].isdigit():  # 2022-06-end, 2022-06-30
        return _day(int(parts[0]), int(parts[1]), parts[2])
    year = _year(pointed, issued)
    if year is None:
        return needs_issue_date(pointed.text)
    if point == "year-end":
        return date(year, 12, 31)
    return _day(year, int(parts[0]), parts[1])


def _year(pointed: Cadence, issued: date | None) -> int | None:
    """The year of a point with no year in its normal form: named (2023年底), else from the issue date."""
    if pointed.year is not None:
        return pointed.year
    if issued is None:
        return None
    return issued.year + (pointed.year_offset or 0)


def _plan_period_end(point: str) -> date | None:
    """`十四五-end`: the last day of the five-year plan period (the Nth ends in 5N + 1955, from the 3rd on)."""
    if not point.endswith("五-end"):
        return None
    number = _chinese_number(point[: -len("五-end")])
    if number is None or number < 3:
        return None
    return date(5 * number + 1955, 12, 31)


def _chinese_number(text: str) -> int | None:
    """十四 → 14, 十 → 10, 九 → 9, 14 → 14."""
    if text.isdigit():
        return int(text)
    if not text or any(char not in CN_DIGITS for char in text):
        return None
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


# ---- a recurring period ----


def _recurring(period: Period, pointed: Cadence | None, start: date, end: date) -> tuple[date, ...] | Text:
    point = pointed.due if pointed is not None else None
    if point is not None:
        stop = _plan_period_end(point)
        if stop is not None:  # 每年…到“十四五”末: yearly until then, at each period's end
            end, point = min(end, stop), None
    if period is Period.WEEK:
        if point is not None:
            assert pointed is not None
            return not_understood(pointed.text)
        return tuple(_week_ends(start, end))
    months = _MONTHS[period]
    in_first = pointed is not None and pointed.month_in_period == "first"
    dates = []
    for first_month in _period_starts(start, end, months):
        day = _in_period(first_month, months, point, in_first)
        if day is None:
            assert pointed is not None
            return not_understood(pointed.text)
        dates.append(day)
    return tuple(dates)


def _period_starts(start: date, end: date, months: int) -> Iterator[date]:
    """The first day of every period of `months` months (aligned to the calendar year) meeting the range."""
    year, month = start.year, (start.month - 1) // months * months + 1
    while date(year, month, 1) <= end:
        yield date(year, month, 1)
        month += months
        if month > 12:
            year, month = year + 1, month - 12


def _in_period(first: date, months: int, point: str | None, in_first: bool) -> date | None:
    """The due day in the period starting on `first`; None when the point does not fit such a period."""
    last_month = first.month + months - 1
    if point is None:
        return _day(first.year, last_month, "end")
    parts = point.split("-")
    if parts[0] == "day":  # the day of the period's last month, or of its first (首月)
        return _day(first.year, first.month if in_first else last_month, parts[1])
    if point == "year-end":
        return date(first.year, 12, 31) if months == 12 else None
    if len(parts) == 2 and parts[0].isdigit() and months == 12:  # 每年6月底前, 每年12月31日前
        return _day(first.year, int(parts[0]), parts[1])
    if len(parts) == 2 and parts[0].isdigit() and first.month <= int(parts[0]) <= last_month:
        return _day(first.year, int(parts[0]), parts[1])
    return None


def _week_ends(start: date, end: date) -> Iterator[date]:
    """Every Sunday (the end of an ISO week) in the range."""
    day = start + timedelta(days=6 - start.weekday())
    while day <= end:
        yield day
        day += timedelta(days=7)


def _day(year: int, month: int, day: str) -> date:
    """`day` of the month (`end`, or a number held to the month's length: 30日 of February is its last)."""
    length = _days.monthrange(year, month)[1]
    return date(year, month, length if day == "end" else min(int(day), length))

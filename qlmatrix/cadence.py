"""Cadence: how often and by when a duty recurs, read from the plan's own words.

A cadence keeps the planner's text (its identity) and derives a structure from
it: the period (每年, 每半年, 每季度...), a minimum count (至少一次), a due point
(年底, 6月底前, 2022年6月底前) and whether the wording is vague (定期, 常态化),
so that checks can ask for a real date. The year a point falls in is kept
apart: named (2023年底前: `year` 2023) or relative to the plan's issue date
(明年年底: `year_offset` 1), and so is the month of a period a day falls in
(每季度最后一个月的30日前: `month_in_period` "last"). `qlmatrix.schedule` turns
all this into dates.
"""

from __future__ import annotations

import enum
import re

import attrs


class Period(enum.Enum):
    """How often a duty recurs (每年, 每半年, 每季度, 每月, 每周), or ONCE for a single deadline."""

    YEAR = "year"
    HALF_YEAR = "half-year"
    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"
    ONCE = "once"


#: Words that name a recurrence without saying when: kept, and flagged by checks.
VAGUE_TERMS = ("定期", "常态化", "长期坚持", "经常性", "持续推进", "持续", "适时", "不定期", "长期")

_PERIOD_WORDS = (
    ("每半年", Period.HALF_YEAR),
    ("半年", Period.HALF_YEAR),
    ("每季度", Period.QUARTER),
    ("每季", Period.QUARTER),
    ("每年", Period.YEAR),
    ("年度", Period.YEAR),
    ("每月", Period.MONTH),
    ("每周", Period.WEEK),
    ("一次性", Period.ONCE),
)
_ENGLISH_PERIODS = {
    "yearly": Period.YEAR,
    "annually": Period.YEAR,
    "half-yearly": Period.HALF_YEAR,
    "quarterly": Period.QUARTER,
    "monthly": Period.MONTH,
    "weekly": Period.WEEK,
    "once": Period.ONCE,
}
_ENGLISH_VAGUE = ("regularly", "ongoing", "continuous")
#: Chinese numerals up to ten, as counts and numbers are written in plans.
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

#: 至少一次, and 至少专题研究一次 (a few words of what is done between 至少 and the count).
_MIN_COUNT = re.compile(r"至少[\u4e00-\u9fff]{0,6}?([一二两三四五六七八九十\d]+)次|(\d+)\s*times?")
_NAMED_YEAR = re.compile(r"(\d{4})\s*年")
#: Years named relative to the issue date: 当年年底, 明年6月底前, 次年1月底前.
_RELATIVE_YEARS = (("后年", 2), ("明年", 1), ("次年", 1), ("下一年", 1), ("翌年", 1), ("下年", 1),
                   ("今年", 0), ("当年", 0), ("本年", 0))
#: Which month of a quarter, half-year or year a `day-N` point falls in.
_FIRST_MONTH = re.compile(r"首月|第一个月|第1个月|初月")
_LAST_MONTH = re.compile(r"最后一个月|末月|最后1个月")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|底|末)")
_DAY_OF_PERIOD = re.compile(r"(\d{1,2})日前")
_YEAR_END = re.compile(r"(年底|年末|年终|end of year|year-end)")
_PLAN_PERIOD_END = re.compile(r"“?「?([十\d一二三四五]+五)”?」?末")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else CN_DIGITS.get(text, 1)


def _period_of(text: str) -> Period | None:
    lowered = text.lower()
    for word, period in _ENGLISH_PERIODS.items():
        if re.search(rf"\b{re.escape(word)}\b", lowered):
            return period
    for word, period in _PERIOD_WORDS:
        if word in text:
            return period
    return None


def _due_of(text: str) -> str | None:
    """Normalised due point: `12-31`, `06-end`, `2022-06-end`, `year-end`, `day-30`, `十四五-end`."""
    date = _DATE.search(text)
    if date:
        year, month, day = date.groups()
        if not 1 <= int(month) <= 12 or (day and not 1 <= int(day) <= 31):
            # 13月, 0月, 32日: no day of any calendar (a 30日 of February is held to the month's end,
            # as elsewhere). Not understood, so W104 says so, rather than a point no calendar has.
            return None
        point = f"{int(month):02d}-{int(day):02d}" if day else f"{int(month):02d}-end"
        return f"{year}-{point}" if year else point
    if _YEAR_END.search(text):
        return "year-end"
    day = _DAY_OF_PERIOD.search(text)
    if day:
        return f"day-{int(day.group(1)):02d}"
    plan_end = _PLAN_PERIOD_END.search(text)
    if plan_end:
        return f"{plan_end.group(1)}-end"
    return None


def _min_count_of(text: str) -> int | None:
    match = _MIN_COUNT.search(text)
    if not match:
        return None
    return _number(match.group(1) or match.group(2))


def _year_of(text: str) -> int | None:
    found = _NAMED_YEAR.search(text)
    return int(found.group(1)) if found else None


def _year_offset_of(text: str) -> int | None:
    return next((offset for word, offset in _RELATIVE_YEARS if word in text), None)


def _month_in_period_of(text: str) -> str | None:
    if _FIRST_MONTH.search(text):
        return "first"
    if _LAST_MONTH.search(text):
        return "last"
    return None


def _is_vague(text: str) -> bool:
    lowered = text.lower()
    return any(term in text for term in VAGUE_TERMS) or any(term in lowered for term in _ENGLISH_VAGUE)


@attrs.frozen
class Cadence:
    """A cadence or due phrase. Two cadences are equal when their text is."""

    text: str
    period: Period | None = attrs.field(eq=False)
    min_count: int | None = attrs.field(eq=False)
    due: str | None = attrs.field(eq=False)
    vague: bool = attrs.field(eq=False)
    #: The year the text names (2022年6月底前, 2023年底前), or None.
    year: int | None = attrs.field(default=None, eq=False)
    #: A year named relative to the issue date: 0 for 当年/今年, 1 for 明年/次年, 2 for 后年; None if none.
    year_offset: int | None = attrs.field(default=None, eq=False)
    #: `first` or `last`: which month of each quarter (half-year, year) a day such as 30日 falls in.
    month_in_period: str | None = attrs.field(default=None, eq=False)

    @classmethod
    def parse(cls, text: str) -> Cadence:
        text = text.strip()
        return cls(
            text=text,
            period=_period_of(text),
            min_count=_min_count_of(text),
            due=_due_of(text),
            vague=_is_vague(text),
            year=_year_of(text),
            year_offset=_year_offset_of(text),
            month_in_period=_month_in_period_of(text),
        )

    @property
    def understood(self) -> bool:
        """True when the text yields a period, a due point or a known vague term."""
        return self.period is not None or self.due is not None or self.vague

    def __str__(self) -> str:
        return self.text


def to_cadence(value: Cadence | str | None) -> Cadence | None:
    if value is None or isinstance(value, Cadence):
        return value
    return Cadence.parse(value)

"""Cadence: how often and by when a duty recurs, read from the plan's own words.

A cadence keeps the planner's text (its identity) and derives a structure from
it: the period (每年, 每半年, 每季度...), a minimum count (至少一次), a due point
(年底, 6月底前, 2022年6月底前) and whether the wording is vague (定期, 常态化),
so that checks can ask for a real date.
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
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_MIN_COUNT = re.compile(r"至少([一二两三四五六七八九十\d]+)次|(\d+)\s*times?")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|底|末)")
_DAY_OF_PERIOD = re.compile(r"(\d{1,2})日前")
_YEAR_END = re.compile(r"(年底|年末|年终|end of year|year-end)")
_PLAN_PERIOD_END = re.compile(r"“?「?([十\d一二三四五]+五)”?」?末")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGITS.get(text, 1)


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

    @classmethod
    def parse(cls, text: str) -> Cadence:
        text = text.strip()
        return cls(
            text=text,
            period=_period_of(text),
            min_count=_min_count_of(text),
            due=_due_of(text),
            vague=_is_vague(text),
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

"""A plan's date (`发文日期:`) as documents and planners write it: `2022-10-18`, `2022年10月18日`,
`二〇二二年十月十八日`. One reader for the parser and the importer, so both accept the same forms.
"""

from __future__ import annotations

import datetime
import functools
import re

_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_CHINESE = re.compile(r"([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})年([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月"
                      r"([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日")
@functools.cache  # for the importer only: not compiled by every `qlm check`
def date_in_text() -> re.Pattern[str]:
    """Where a date stands in a longer line (`2022年10月18日印发`)."""
    return re.compile(_CHINESE.pattern + "|" + r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def _number(text: str) -> int:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in _DIGITS for ch in text):  # a year written digit by digit: 二〇二二
        return int("".join(str(_DIGITS[ch]) for ch in text))
    if "十" in text:  # 十, 十八, 二十, 三十一
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS[text]


def parse_date(text: str) -> datetime.date | None:
    """The date `text` states in full, or None when it is not exactly one real calendar date."""
    text = text.strip()
    match = _ISO.fullmatch(text) or _CHINESE.fullmatch(text)
    if match is None:
        return None
    try:
        return datetime.date(*(_number(part) for part in match.groups()))
    except (ValueError, KeyError):  # 2022-02-30, 十十月
        return None


def iso(date: datetime.date) -> str:
    """How the writer and the JSON export spell a date: `2022-10-18`."""
    return date.isoformat()

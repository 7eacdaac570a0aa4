"""Cadence and due phrases in task text, turned into the text a `频次:`/`时限:` holds.

Only phrases that qlmatrix.cadence understands are kept (so the imported plan
does not raise W104). Only a phrase that governs the task becomes its cadence:
one in its title, its note or label lines (a 时限 column), or a body sentence
that states when (每季度最后一个月的30日前报送, 2023年6月底前完成). A bare
period word (每年) or a vague word (定期, 常态化, 持续推进) in the body describes
something else (`…推进政治监督具体化、常态化`) and is left there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..cadence import Cadence

_COUNT = r"[一二两三四五六七八九十\d]+"
_RECURRING = (
    re.compile(r"每季度最后一个月的?\d{1,2}日前"),
    re.compile(r"每(?:个)?(?:年|半年|季度|月)(?:\d{1,2}月)?(?:底|末|\d{1,2}日)前?"),
    # 每半年至少专题研究一次, 每半年开展一次: a few words may stand between the period and the count.
    re.compile(rf"(每(?:个)?(?:年度?|半年|季度?|月|周))(至少|不少于)?[^，。；、]{{0,8}}?({_COUNT})次"),
)
#: A bare period word counts in a title or a note only (the body says 每年 about many things).
_PLAIN = re.compile(r"每(?:年度?|半年|季度|月|周)")
_DUE = (
    re.compile(r"\d{4}年\d{1,2}月(?:(?:底|末)前?|\d{1,2}日前)"),
    re.compile(r"(?:\d{4}年|明年|今年)(?:年)?(?:底|末)前?"),
    re.compile(r"\d{1,2}月(?:底|末|\d{1,2}日)前"),
    re.compile(r"年底前|年内完成"),
    re.compile(r"到[“\"]?[十\d一二三四五]+五[”\"]?末"),
)
_VAGUE = re.compile(r"定期|常态化|长期坚持|持续推进")


# Cached: the tasks an item's notes split it into (`三(八)-1`, `-2`, ...) share the item's note and label lines,
# so the same long text is searched once, not once per task.
@lru_cache(maxsize=512)
def _recurring(text: str) -> str | None:
    for pattern in _RECURRING:
        match = pattern.search(text)
        if not match:
            continue
        if pattern.groups == 3:  # 每半年至少专题研究一次 -> 每半年至少一次
            period, at_least, count = match.groups()
            return f"{period}{'至少' if at_least else ''}{count}次"
        return match.group(0)
    return None


@lru_cache(maxsize=512)
def _due(text: str) -> str | None:
    for pattern in _DUE:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


def _understood(phrase: str | None) -> str | None:
    return phrase if phrase and Cadence.parse(phrase).understood else None


def find_cadence(title: str, note: str, body: str) -> tuple[str | None, str | None]:
    """(cadence, due) for a task: the note first, then the title, then the body."""
    cadence = due = None
    for text in (note, title, body):
        cadence = cadence or _understood(_recurring(text))
        due = due or _understood(_due(text))
    for pattern, texts in ((_PLAIN, (note, title)), (_VAGUE, (note, title))):
        for text in texts:
            cadence = cadence or _first(pattern, text)
    return cadence, due


@lru_cache(maxsize=512)
def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None

"""What a document's item number counts to: `(三)` -> 3, `12.` -> 12, `十一、` -> 11, `③` -> 3; the outline checks that
each item follows the one before (7. after 6.), so `7.365天…` is item 7 and `3.5%` is not an item."""

from __future__ import annotations

import re

#: A part heading written between a table's rows or in a cell of its own: `一、主要预期目标`, `（三）提升服务水平`;
#: short, no sentence.
PART_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[(（][一二三四五六七八九十]{1,3}[)）])[^。|]{1,40}$")
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TOKEN = re.compile(r"[0-9０-９]+|[一二三四五六七八九十百]+")


def chinese_value(text: str) -> int:
    """一 .. 九十九 (and 一百): 0 for anything else."""
    if text == "一百":
        return 100
    if not text or any(ch not in _DIGITS and ch != "十" for ch in text) or text.count("十") > 1:
        return 0
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def number_value(number: str) -> int:
    """The count an item number stands for; 0 when it is none."""
    match = _TOKEN.search(number)
    if match is None and number and "①" <= number[0] <= "⑳":  # one character for a circled number
        return ord(number[0]) - ord("①") + 1
    if match is None:
        return 0
    token = match.group(0).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(token) if token.isdigit() else chinese_value(token)

"""The document's own numbering (一、 (一) 1. (1) ① ㈠) and titles.

Numbers are kept as the document writes them, normalised only in width and
decoration so that （一） and (一) are the same id: level-one numbers lose
their 、, parenthesised ones keep half-width parentheses, 1. and 1、 become 1.
"""

from __future__ import annotations

import functools

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９（）", "0123456789()")
_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}  # ① -> (1)
_PARENTHESISED = {chr(0x3220 + i): f"({'一二三四五六七八九十'[i]})" for i in range(10)}  # ㈠ -> (一)


@functools.lru_cache(maxsize=4096)  # a plan writes the same few hundred numbers thousands of times
def normalise_number(text: str) -> str:
    text = text.strip().translate(_FULL_WIDTH_DIGITS)
    if text in _CIRCLED:
        return _CIRCLED[text]
    if text in _PARENTHESISED:
        return _PARENTHESISED[text]
    return text.rstrip("、，.．")


def split_title(text: str) -> tuple[str, str | None]:
    """`全面强化政治建设。把党的…` -> (`全面强化政治建设`, `把党的…`): the title ends at the first 。"""
    head, mark, rest = text.partition("。")
    if not mark:
        return text, None
    return head.strip(), (rest.strip() or None)

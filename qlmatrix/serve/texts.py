"""The texts the page had checked, by revision, so that it can send what it changed instead of all of it.

After a keystroke the page sends the edit (where its text differs from the
text of the last checks: a start and an end in that text, and what replaces
them, counted in UTF-16 code units as the browser counts) with the revision
of that text; the worker applies it to the text it holds under that
revision. A 1k-task plan is 300 kB of JSON per keystroke otherwise, read
from the request, decoded and sent to the worker each time. A revision the
worker does not hold (a restarted worker, a text from long ago) is `Stale`:
the page sends the whole text again.

    >>> texts = Texts()
    >>> first = texts.keep("plan.qlm", "任务 甲 (责任单位:纪检委)")
    >>> texts.edited("plan.qlm", first, {"start": 12, "end": 13, "insert": "监"})
    '任务 甲 (责任单位:纪监委)'
"""

from __future__ import annotations

import itertools
import secrets
from collections import OrderedDict
from typing import Any

#: Texts kept: the last checks' and a few before (hover and completion check the text too).
KEPT = 4


class Stale(Exception):
    """The revision named is not one the worker holds: the page sends its whole text."""


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _narrow(text: str) -> bool:
    """Whether every character of `text` is one UTF-16 code unit (none beyond U+FFFF)."""
    return len(_utf16(text)) == 2 * len(text)


class Texts:
    """The last few texts given to the worker, by revision (unique to this worker process: a restarted
    worker names its texts anew, so an old revision is never taken for another text)."""

    def __init__(self) -> None:
        self._texts: OrderedDict[str, tuple[str, str, bool]] = OrderedDict()
        self._prefix = secrets.token_hex(6)
        self._count = itertools.count(1)
        self._narrow: dict[int, tuple[str, bool]] = {}  # id(text) -> the text and whether it is narrow

    def keep(self, path: str, text: str) -> str:
        """Keep `text` of `path`; its revision."""
        known = self._narrow.pop(id(text), None)
        narrow = known[1] if known is not None and known[0] is text else _narrow(text)
        found = f"{self._prefix}-{next(self._count)}"
        self._texts[found] = (path, text, narrow)
        while len(self._texts) > KEPT:
            self._texts.popitem(last=False)
        return found

    def edited(self, path: str, base: str, edit: dict[str, Any]) -> str:
        """The text of `path` under revision `base` with `edit` applied. Raises Stale, or ValueError
        for an edit that does not fit the text."""
        kept = self._texts.get(base)
        if kept is None or kept[0] != path:
            raise Stale
        _, old, narrow = kept
        start, end, insert = edit.get("start"), edit.get("end"), edit.get("insert")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(insert, str)):
            raise ValueError("an edit is a start, an end and the text inserted")
        if narrow and _narrow(insert):
            # One code unit per character on both sides: the browser's offsets are Python's.
            if not 0 <= start <= end <= len(old):
                raise ValueError("the edit does not fit the text it names")
            text = old[:start] + insert + old[end:]
            self._narrow = {id(text): (text, True)}  # `keep` of this text need not look again
            return text
        units = _utf16(old)  # the browser's offsets count UTF-16 code units
        if not 0 <= start <= end <= len(units) // 2:
            raise ValueError("the edit does not fit the text it names")
        return (units[:2 * start] + _utf16(insert) + units[2 * end:]).decode("utf-16-le", "surrogatepass")

"""Completion: declared unit names where a unit is expected, keywords and property names at a statement's start.

A unit name is one word, however many characters it has: the word being
typed runs back from the cursor to the last separator (`、，,:：(（` or a
space), and the completion replaces all of it. Each name, full name and
alias of every declared unit is offered; with pypinyin installed, a name
also matches its pinyin initials (`jjw` finds 纪监委).
"""

from __future__ import annotations

import functools
import re

from ..fmt import keyword_language
from ..keywords import ALLOWED, ANNOTATION_LABELS, PROPERTIES, STATEMENTS
from ..resolve import ResolvedPlan
from ..writer import UnwritableError
from ..writer import name as written_name

_SEPARATORS = set(" \t\u3000、，,;；:：(){}（）｛｝[]【】〔〕#＃\"→>")
_UNIT_KEYS = [form for name in ("lead", "lead-each", "support", "consult", "inform", "oversee", "responsible", "parent", "issuer")
              for forms in PROPERTIES[name] for form in forms]
_BLANK = r"[ \t\u3000]"
_UNIT_CONTEXT = re.compile(
    r"(?:(?:" + "|".join(sorted(map(re.escape, _UNIT_KEYS), key=len, reverse=True)) + rf"){_BLANK}*[:：][^;；{{}}｛｝#＃]*"
    r"|[(（\[【〔]" + rf"{_BLANK}*(?:" + "|".join(sorted(map(re.escape, ANNOTATION_LABELS), key=len, reverse=True))
    + rf"){_BLANK}*[:：][^)）\]】〕]*"
    + rf"|(?:^|[;；{{｛]){_BLANK}*(?:汇报|report){_BLANK}+[^;；{{｛#＃]*)$")
_STATEMENT_START = re.compile(rf"(?:^|[;；{{｛]){_BLANK}*$")


@functools.cache
def _pinyin() -> object | None:
    try:
        import pypinyin
    except ImportError:
        return None
    return pypinyin


def initials(name: str) -> str:
    """Pinyin initials of the Chinese characters of `name` (`纪监委` -> `jjw`), or "" without pypinyin."""
    module = _pinyin()
    if module is None or name.isascii():
        return ""
    from pypinyin import Style, lazy_pinyin

    return "".join(part[:1] for part in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def word_start(line: str, column: int) -> int:
    """The 0-based code-point column where the word ending at `column` starts."""
    start = column
    while start > 0 and line[start - 1] not in _SEPARATORS:
        start -= 1
    return start


def context(line: str, column: int) -> str | None:
    """`unit`, `keyword` or None: what is expected at `column` (0-based, code points) of `line`."""
    before = line[: word_start(line, column)]
    if _UNIT_CONTEXT.search(before):
        return "unit"
    if _STATEMENT_START.search(before):
        return "keyword"
    return None


def unit_candidates(resolved: ResolvedPlan) -> list[tuple[str, str, str]]:
    """(name to insert, the unit's canonical name, what to show beside it) for every name of every unit."""
    found = []
    for unit in resolved.units:
        for name in unit.names:
            detail = unit.full_name or "" if name == unit.name else f"= {unit.name}"
            found.append((name, unit.name, detail))
    return found


def spelt(name: str) -> str:
    """A unit's name as it is typed into a list: quoted when it holds a 、 or a quote (`"各区、县级市"`),
    else as it is (a name that cannot stand in a list at all is offered as it is)."""
    try:
        return written_name(name)
    except UnwritableError:
        return name


def keyword_candidates(text: str) -> list[tuple[str, str, str]]:
    """(text to insert, the word, its kind) for statement keywords and property names in the file's language."""
    language = keyword_language(text)
    index = 0 if language == "zh" else 1
    found = [(pair[index] + " ", pair[index], "keyword") for pair in STATEMENTS.values()]
    allowed = dict.fromkeys(name for names in ALLOWED.values() for name in names)
    for name in allowed:
        word = PROPERTIES[name][index][0]
        found.append((f"{word}: ", word, "property"))
    return found

"""The keyword language of each file a quick fix writes into, counted again only where the text changed.

A quick fix writes `单位 X` or `unit X` as the file is written (`fmt.keyword_language`: the language
most statements start in), asked at every keystroke while a finding has a fix: a scan of a 1k-task
plan's whole text each time. Statements are counted line by line, so after an edit only the lines
between the first and the last changed character are counted again, in the old text and in the new;
the other lines are the same in both. The result is the whole scan's (tests/test_lsp_features.py).
"""

from __future__ import annotations

from collections import OrderedDict

from ..fmt import keyword_counts, language_of

#: Files remembered (the open ones, and a few more).
KEPT = 16
_BLOCK = 4096

_counted: OrderedDict[str, tuple[str, int, int]] = OrderedDict()


def keyword_language(file: str, text: str) -> str:
    """`fmt.keyword_language(text)`, from the counts of the text last given for `file` when there is one."""
    kept = _counted.get(file)
    if kept is None:
        zh, en = keyword_counts(text)
    else:
        old, zh, en = kept
        if old != text:
            start, old_end, new_end = changed_lines(old, text)
            old_zh, old_en = keyword_counts(old[start:old_end])
            new_zh, new_en = keyword_counts(text[start:new_end])
            zh, en = zh - old_zh + new_zh, en - old_en + new_en
    _counted[file] = (text, zh, en)
    _counted.move_to_end(file)
    while len(_counted) > KEPT:
        _counted.popitem(last=False)
    return language_of(zh, en)


def changed_lines(old: str, new: str) -> tuple[int, int, int]:
    """The lines holding every difference of `old` and `new`: where they start (the same in both), where
    they end in `old` and where in `new` (before the line break after them, or at the end)."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix + _BLOCK <= limit and old[prefix:prefix + _BLOCK] == new[prefix:prefix + _BLOCK]:
        prefix += _BLOCK  # whole blocks compared in C: a 1k-task plan is 126,000 characters
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    room = limit - prefix
    while suffix + _BLOCK <= room and old[len(old) - suffix - _BLOCK:len(old) - suffix] == \
            new[len(new) - suffix - _BLOCK:len(new) - suffix]:
        suffix += _BLOCK
    while suffix < room and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    start = old.rfind("\n", 0, prefix) + 1
    old_end = old.find("\n", len(old) - suffix)
    old_end = len(old) if old_end < 0 else old_end
    return start, old_end, len(new) - (len(old) - old_end)

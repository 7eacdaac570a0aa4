"""The page's "Compare": the file on disk and the page's text side by side, as a line diff (difflib).

`side_by_side(disk, mine)` pairs the lines of the two texts as
`difflib.SequenceMatcher` matches them: equal lines on one row, a changed
run row by row (a line replaced, or only on one side), and long runs of
equal lines folded to the few around each change.

    >>> rows = side_by_side("甲\\n乙\\n丙", "甲\\n乙改\\n丙\\n丁")
    >>> [(row["kind"], row["disk"], row["mine"]) for row in rows]
    [('equal', [1, '甲'], [1, '甲']), ('replace', [2, '乙'], [2, '乙改']), ('equal', [3, '丙'], [3, '丙']), ('insert', None, [4, '丁'])]
"""

from __future__ import annotations

import difflib
from typing import Any

#: Equal lines shown on each side of a change; a longer run of equal lines is folded.
CONTEXT = 3


def side_by_side(disk: str, mine: str, context: int = CONTEXT) -> list[dict[str, Any]]:
    """Rows of the diff: `kind` (equal, replace, delete, insert, or fold for equal lines not shown),
    `disk` and `mine` as [line number, text] or None; a fold carries `lines`, how many it hides."""
    left, right = disk.split("\n"), mine.split("\n")
    rows: list[dict[str, Any]] = []
    opcodes = difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes()
    for number, (kind, i1, i2, j1, j2) in enumerate(opcodes):
        if kind == "equal":
            keep_head = context if number > 0 else 0
            keep_tail = context if number < len(opcodes) - 1 else 0
            if i2 - i1 > keep_head + keep_tail + 1:
                rows += [_pair("equal", left, right, i, j1 + (i - i1)) for i in range(i1, i1 + keep_head)]
                rows.append({"kind": "fold", "disk": None, "mine": None, "lines": i2 - i1 - keep_head - keep_tail})
                rows += [_pair("equal", left, right, i, j1 + (i - i1)) for i in range(i2 - keep_tail, i2)]
            else:
                rows += [_pair("equal", left, right, i, j1 + (i - i1)) for i in range(i1, i2)]
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + offset, j1 + offset
            on_disk, on_page = i < i2, j < j2
            shown = kind if kind != "replace" else ("replace" if on_disk and on_page else "delete" if on_disk else "insert")
            rows.append({"kind": shown, "disk": [i + 1, left[i]] if on_disk else None,
                         "mine": [j + 1, right[j]] if on_page else None})
    return rows


def _pair(kind: str, left: list[str], right: list[str], i: int, j: int) -> dict[str, Any]:
    return {"kind": kind, "disk": [i + 1, left[i]], "mine": [j + 1, right[j]]}

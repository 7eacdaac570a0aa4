"""A keystroke in the workbench, as the page sends it, over real HTTP: the text to `/api/analyse` (the
diagnostics), then `/api/views` for the pane shown first (the 任务分工表) by the revision the checks
answered, naming the blocks of the pane the page holds already.

What the page waits for after an edit (the lint delay and the debounce aside). Two edits: a comment at
the end (no section changes), and a character typed into a task's title in the middle of the plan (its
top-level section is read and resolved again, so its rows are built again). Budget: the incremental-check
budget, 50 ms at 1,000 tasks (docs/performance.md). After the timing, the pane the page would hold is
compared with `qlm table --format html`'s fragment of the same text.
"""

from __future__ import annotations

from typing import Any

import pytest

import qlmatrix
from qlmatrix.render import build_table
from qlmatrix.render.html import to_html_fragment
from qlmatrix.serve.pane import joined
from tests.serve_helpers import api, running


def _comment(text: str, edit: int) -> str:
    return text + ("\n# 好" if edit % 2 else "")


def _in_a_task(text: str, edit: int) -> str:
    lines = text.split("\n")
    middle = next(at for at in range(len(lines) // 2, len(lines)) if "(责任单位" in lines[at])
    lines[middle] = lines[middle][:8] + "好" * (edit % 3) + lines[middle][8:]
    return "\n".join(lines)


@pytest.mark.parametrize("edit", [_comment, _in_a_task], ids=["comment", "in-a-task"])
def test_checks_then_pane_after_an_edit(benchmark, sample, edit):
    with running(sample.path.parent) as server:
        held: dict[str, str] = {}  # the blocks the page holds, by key
        edits = [0]
        last: dict[str, Any] = {}

        def keystroke() -> tuple[int, int]:
            edits[0] += 1
            typed = edit(sample.text, edits[0])
            checked = api(server, "analyse", {"path": sample.path.name, "text": typed})
            shown = api(server, "views", {"path": sample.path.name, "revision": checked[1]["revision"],
                                          "view": "tasks", "have": list(held)})
            pane = shown[1]["views"]["tasks"]
            before = dict(held)
            held.clear()
            held.update({block["key"]: pane["texts"].get(block["key"]) or before[block["key"]] for block in pane["blocks"]})
            last.update(text=typed, pane=pane, before=before)
            return checked[0], shown[0]

        assert benchmark(keystroke) == (200, 200)
        expected = to_html_fragment(build_table(qlmatrix.loads(last["text"], str(sample.path)), "tasks"))
        assert joined(last["pane"], last["before"]) == expected
        assert len(last["pane"]["texts"]) < len(last["pane"]["blocks"]) / 4  # only what the edit changed is sent

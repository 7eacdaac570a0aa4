"""A keystroke in the workbench, as the page sends it, over real HTTP: the edit of the text checked last
to `/api/analyse` (the diagnostics), then `/api/views` for the pane shown first (the 任务分工表) by the
revision the checks answered, naming the blocks of the pane the page holds already.

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
from qlmatrix.serve.pane import Pane, joined
from qlmatrix.workspace import Workspace
from tests.serve_helpers import api, running, text_change


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
        first = api(server, "analyse", {"path": sample.path.name, "text": sample.text})[1]
        last: dict[str, Any] = {"text": sample.text, "revision": first["revision"]}

        def keystroke() -> tuple[int, int]:
            edits[0] += 1
            typed = edit(sample.text, edits[0])
            checked = api(server, "analyse", {"path": sample.path.name, "base": last["revision"],
                                              "edit": text_change(last["text"], typed),
                                              "pane": {"view": "tasks", "have": list(held)}})
            shown = api(server, "views", {"path": sample.path.name, "revision": checked[1]["revision"],
                                          "view": "tasks", "have": list(held)})
            pane = shown[1]["views"]["tasks"]
            before = dict(held)
            held.clear()
            held.update({block["key"]: pane["texts"].get(block["key"]) or before[block["key"]] for block in pane["blocks"]})
            last.update(text=typed, pane=pane, before=before, revision=checked[1]["revision"])
            return checked[0], shown[0]

        keystroke()  # the page holds the pane of the text before the edit
        assert benchmark(keystroke) == (200, 200)
        expected = to_html_fragment(build_table(qlmatrix.loads(last["text"], str(sample.path)), "tasks"))
        assert joined(last["pane"], last["before"]) == expected
        assert len(last["pane"]["texts"]) < len(last["pane"]["blocks"]) / 4  # only what the edit changed is sent


@pytest.mark.parametrize("view", ["tasks", "raci", "units"])
def test_pane_after_an_edit_in_a_task(benchmark, sample, view):
    """The pane's share of a keystroke, in the worker: the view built and its changed blocks found, after
    the incremental read and resolution (`Workspace`, not timed) of a character typed into a task."""
    workspace, pane = Workspace(), Pane()
    workspace.update(sample.path, sample.text)
    held = {block["key"] for block in pane.table(workspace.analyse(sample.path)[2], view, {})["blocks"]}
    edits = [0]

    def edited() -> tuple[tuple[Any, ...], dict[str, Any]]:
        edits[0] += 1
        workspace.update(sample.path, _in_a_task(sample.text, edits[0]))
        return (workspace.analyse(sample.path)[2],), {}

    def shown(resolved: Any) -> tuple[int, int]:
        answer = pane.table(resolved, view, {}, held)
        held.clear()
        held.update(block["key"] for block in answer["blocks"])
        return len(answer["texts"]), len(answer["blocks"])

    # The blocks holding the edited task are sent: its group (in each panel of a wide RACI matrix; in the
    # list of each unit it names, for the 责任清单), not the table.
    sent, blocks = benchmark.pedantic(shown, setup=edited, rounds=15)
    assert 0 < sent <= blocks // 4

"""Editor speed: a one-character edit, then the whole plan checked again through qlmatrix.workspace.Workspace.

Targets (docs/performance.md, figure 7): ≤ 15 ms for a 100-task plan, ≤ 50 ms for 1,000 tasks.
"""

from __future__ import annotations

import pytest

import qlmatrix
from qlmatrix.gen import generate
from qlmatrix.workspace import Workspace


class Editing:
    """A plan open in a workspace, and a keystroke that types or deletes one character of a task's title."""

    def __init__(self, folder, tasks: int):
        self.path = str(folder / f"plan-{tasks}.qlm")
        self.text = qlmatrix.dumps(generate(tasks, seed=0))
        self.at = self.text.index("任务", len(self.text) // 2) + 3  # inside a title in the middle of the plan
        self.typed = False
        self.workspace = Workspace()
        self.workspace.update(self.path, self.text)
        self.workspace.check(self.path)

    def keystroke(self):
        self.typed = not self.typed
        text = self.text[:self.at] + "好" + self.text[self.at:] if self.typed else self.text
        self.workspace.update(self.path, text)
        return self.workspace.check(self.path)


@pytest.mark.parametrize("tasks", [100, 1_000])
def test_one_character_edit_then_check(benchmark, tmp_path, tasks):
    editing = Editing(tmp_path, tasks)
    found = benchmark(editing.keystroke)
    assert found and all(d.span is None or d.span.file == editing.path for d in found)

"""A keystroke in the workbench: the page's text to `/api/analyse`, then `/api/views`, over real HTTP.

What the page waits for after an edit (the lint delay and the debounce aside): the checks of the whole
plan, then the pane shown first (the 任务分工表), from the worker process.
"""

from __future__ import annotations

from tests.serve_helpers import api, running


def test_checks_then_views_after_an_edit(benchmark, sample):
    with running(sample.path.parent) as server:
        text = sample.text
        edits = [0]

        def keystroke() -> tuple[int, int]:
            edits[0] += 1
            typed = text + ("\n# 好" if edits[0] % 2 else "")
            checked = api(server, "analyse", {"path": sample.path.name, "text": typed})
            shown = api(server, "views", {"path": sample.path.name, "text": typed, "view": "tasks"})
            return checked[0], shown[0]

        assert benchmark(keystroke) == (200, 200)

"""The workbench's table pane (qlmatrix.serve.pane): after any edits, the blocks the page holds joined are
`qlm table --format html`'s fragment of the text, byte for byte; and an edit rebuilds the rows of its own
section only, sending only the blocks that changed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix.gen import generate
from qlmatrix.parser import read_text
from qlmatrix.render import VIEWS, build_table, table
from qlmatrix.render.html import to_html_fragment
from qlmatrix.serve.pane import Pane, joined
from qlmatrix.workspace import Workspace

BASE = qlmatrix.dumps(generate(40, seed=5))
#: Pieces of the language an editor's keystrokes make and break, and words that change rows.
ALPHABET = list("{}；:、，()（）\n一二1.甲") + ["任务 ", "章 ", "牵头: 市委", "配合: 市委组织部", "\n}\n",
                                         "频次: 每季度", "(责任单位:市纪委监委)", "责任领导: 张三"]
FILTERS = [{}, {"section": "二、统筹推进清廉文化阵地"}, {"unit": "市纪委监委"}, {"role": "lead"}]

edits = st.lists(st.tuples(st.floats(0, 1), st.booleans(), st.sampled_from(ALPHABET)), min_size=1, max_size=6)


def _edit(text: str, where: float, delete: bool, piece: str) -> str:
    at = int(where * len(text))
    return text[:at] + text[at + 1:] if delete else text[:at] + piece + text[at:]


def _fresh(text: str, name: str, view: str, filters: dict[str, str]) -> str | None:
    plan = read_text(text, name).plan
    if plan is None:
        return None
    try:
        return to_html_fragment(build_table(plan, view, **filters))
    except ValueError:
        return None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits, st.sampled_from(VIEWS), st.sampled_from(FILTERS))
def test_after_random_edits_the_pane_is_what_qlm_table_writes(tmp_path, changes, view, filters):
    name = str(tmp_path / "plan.qlm")
    workspace, pane = Workspace(), Pane()
    held: dict[str, str] = {}
    text = BASE
    for where, delete, piece in [(0.0, False, ""), *changes]:
        text = _edit(text, where, delete, piece)
        workspace.update(name, text)
        resolved = workspace.analyse(name)[2]
        expected = _fresh(text, name, view, filters)
        if resolved is None or expected is None:
            continue  # the text does not read, or the filter names nothing: the page shows the error
        answer = pane.table(resolved, view, filters, held)
        assert joined(answer, held) == expected
        texts = {**held, **answer["texts"]}
        held = {block["key"]: texts[block["key"]] for block in answer["blocks"]}


def test_the_fragment_is_the_one_in_qlm_tables_html_page(tmp_path):
    plan = qlmatrix.loads(BASE)
    for view in VIEWS:
        assert to_html_fragment(build_table(plan, view)) in str(table(plan, view, "html"))


def test_an_edit_in_one_task_rebuilds_its_section_and_sends_one_block(tmp_path: Path):
    name = str(tmp_path / "plan.qlm")
    workspace, pane = Workspace(), Pane()
    workspace.update(name, BASE)
    first = pane.table(workspace.analyse(name)[2], "tasks", {})
    held = dict(first["texts"])
    at = BASE.index("(二)大力推动巡察整改") + len("(二)大力")
    edited = BASE[:at] + "好" + BASE[at:]
    workspace.update(name, edited)
    resolved = workspace.analyse(name)[2]
    answer = pane.table(resolved, "tasks", {}, held)
    rows, html = pane.memos("tasks")
    # The edited section was resolved again (new tasks): its rows are found by what they show, but the
    # edited one; the other sections' by the very same tasks. One group, one row of HTML are made anew.
    walked = [task for task in resolved.tasks if task.sections and task.sections[0].title == "统筹推进清廉文化阵地"]
    assert len(walked) > 1
    assert rows.rows.built == 1 and rows.rows.reused == len(resolved.tasks) - 1
    assert html.groups.built == 1 and html.rows.built == 1
    assert len(answer["texts"]) == 1 and "大力好推动巡察整改" in next(iter(answer["texts"].values()))
    assert joined(answer, held) == to_html_fragment(build_table(qlmatrix.loads(edited, name), "tasks"))


def test_the_pane_asked_with_the_checks_is_made_after_answering_them_and_is_the_one_asked_for(tmp_path: Path):
    from qlmatrix.serve import jobs
    from qlmatrix.serve.worker import Then

    path = tmp_path / "plan.qlm"
    path.write_text(BASE, encoding="utf-8")
    request = {"path": str(path), "folder": str(tmp_path), "text": BASE, "lang": "zh",
               "pane": {"view": "tasks", "section": "二、统筹推进清廉文化阵地", "have": []}}
    answered = jobs.analyse(request)
    assert isinstance(answered, Then) and answered.answer["problems"]  # the findings go first
    answered.then()
    asked = {"path": str(path), "folder": str(tmp_path), "revision": answered.answer["revision"], "lang": "zh",
             "view": "tasks", "section": "二、统筹推进清廉文化阵地", "have": []}
    made_ahead = jobs.views(dict(asked))
    made_now = jobs.views(dict(asked))  # nothing made ahead any more: built on the spot
    assert made_ahead == made_now
    expected = to_html_fragment(build_table(qlmatrix.loads(BASE, str(path)), "tasks", section="二、统筹推进清廉文化阵地"))
    assert joined(made_ahead["views"]["tasks"], {}) == expected
    other = jobs.views(dict(asked, section=""))  # another filter than the one made ahead
    assert joined(other["views"]["tasks"], {}) == to_html_fragment(build_table(qlmatrix.loads(BASE, str(path)), "tasks"))

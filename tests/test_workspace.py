"""qlmatrix.workspace.Workspace: after any edits, the same findings as reading and checking the text afresh."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix.checks import run_checks
from qlmatrix.diagnostics import Diagnostic
from qlmatrix.gen import generate
from qlmatrix.parser import parse_text, read_file, read_text
from qlmatrix.parser.incremental import Reparser, cuts
from qlmatrix.workspace import Workspace

BASE = qlmatrix.dumps(generate(40, seed=5))
#: Pieces of the language an editor's keystrokes make and break.
ALPHABET = list("{}｛｝;；:：、，,()（）\"#＃ \n\t→->一二1.甲乙") + ["任务 ", "章 ", "单位 ", "牵头: ", "# qlm: ignore\n", "\n}\n"]


def _fresh(text: str, name: str) -> tuple[list[Diagnostic], object]:
    result = read_text(text, name)
    found = list(result.diagnostics) + (run_checks(result.plan) if result.plan is not None else [])
    return sorted(found, key=Diagnostic.sort_key), result.plan


def _edit(text: str, where: float, delete: bool, piece: str) -> str:
    at = int(where * len(text))
    return text[:at] + text[at + 1:] if delete else text[:at] + piece + text[at:]


edits = st.lists(st.tuples(st.floats(0, 1), st.booleans(), st.sampled_from(ALPHABET)), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits)
def test_after_random_edits_it_agrees_with_a_full_read_and_check(tmp_path, changes):
    name = str(tmp_path / "plan.qlm")
    workspace = Workspace()
    text = BASE
    workspace.update(name, text)
    assert workspace.check(name) == _fresh(text, name)[0]
    for where, delete, piece in changes:
        text = _edit(text, where, delete, piece)
        workspace.update(name, text)
        found, plan = _fresh(text, name)
        assert workspace.check(name) == found
        assert workspace.plan(name) == plan


def test_a_one_character_edit_parses_one_chunk(tmp_path):
    name = str(tmp_path / "plan.qlm")
    workspace = Workspace()
    workspace.update(name, BASE)
    workspace.check(name)
    at = BASE.rindex("任务") + 3
    edited = BASE[:at] + "好" + BASE[at:]
    workspace.update(name, edited)
    assert workspace.check(name) == _fresh(edited, name)[0]
    (reparser,) = workspace._reparsers.values()
    assert reparser.parsed_chunks == 1 and len(cuts(edited)) > 10


def test_an_unchanged_plan_keeps_its_findings(tmp_path):
    name = str(tmp_path / "plan.qlm")
    workspace = Workspace()
    workspace.update(name, BASE)
    first = workspace.check(name)
    workspace.update(name, BASE + "\n# a comment\n")
    assert workspace.check(name) == first == _fresh(BASE + "\n# a comment\n", name)[0]


def test_included_files_come_from_the_workspace_then_from_disk(tmp_path):
    (tmp_path / "units.qlm").write_text("单位 纪监委\n", encoding="utf-8")
    main = tmp_path / "plan.qlm"
    main.write_text('引入 "units.qlm"\n任务 甲 (责任单位:纪监委)\n', encoding="utf-8")
    workspace = Workspace()
    assert workspace.check(main) == []  # both from disk
    workspace.update(tmp_path / "units.qlm", "单位 纪委\n")  # an unsaved edit of the included file
    assert [d.code for d in workspace.check(main)] == [d.code for d in _disk_check_with(tmp_path, "单位 纪委\n")]
    workspace.close(tmp_path / "units.qlm")
    assert workspace.check(main) == []


def _disk_check_with(folder: Path, units: str) -> list[Diagnostic]:
    other = folder / "copy"
    other.mkdir(exist_ok=True)
    (other / "units.qlm").write_text(units, encoding="utf-8")
    (other / "plan.qlm").write_text((folder / "plan.qlm").read_text(encoding="utf-8"), encoding="utf-8")
    result = read_file(other / "plan.qlm")
    return sorted(list(result.diagnostics) + run_checks(result.plan), key=Diagnostic.sort_key)


def test_a_file_read_from_disk_is_read_again_when_it_changes(tmp_path):
    path = tmp_path / "plan.qlm"
    path.write_text("单位 纪监委\n任务 甲 (责任单位:纪监委)\n", encoding="utf-8")
    workspace = Workspace()
    assert workspace.check(path) == []
    path.write_text("单位 纪监委\n任务 甲 (责任单位:纪检委)\n", encoding="utf-8")
    assert [d.code for d in workspace.check(path)] == ["W203", "E101"]


def test_the_resolved_plan_is_qlmatrix_resolve_of_the_plan(tmp_path):
    name = str(tmp_path / "plan.qlm")
    workspace = Workspace()
    workspace.update(name, BASE)
    resolved = workspace.resolved(name)
    fresh = qlmatrix.resolve(workspace.plan(name))
    assert [(t.task, t.lead) for t in resolved.tasks] == [(t.task, t.lead) for t in fresh.tasks]
    assert resolved.plan is workspace.plan(name) and workspace.resolved(name) is resolved
    workspace.update(name, "任物 甲")
    assert workspace.plan(name) is None and workspace.resolved(name) is None
    assert [d.code for d in workspace.check(name)] == ["E001"]


def test_a_syntax_error_then_its_repair(tmp_path):
    reparser = Reparser("t.qlm")
    broken = BASE.replace("}", "", 1)
    assert reparser.parse(broken) == parse_text(broken, "t.qlm") and reparser.parsed_chunks == -1
    assert reparser.parse(BASE) == parse_text(BASE, "t.qlm") and reparser.parsed_chunks > 0


def _summary(resolved):
    """Everything a resolution says, by value: ids, scopes, roles and where each comes from, reports."""
    def holdings(item):
        return [(h.role, h.unit, h.assignment, h.span, h.source and h.source.title) for h in item.holdings]
    return (
        [(t.task, t.task.span, t.id, [s.title for s in t.sections], holdings(t), t.leaders,
          t.leaders_origin and t.leaders_origin.title) for t in resolved.tasks],
        [(s.section, s.id, [o.title for o in s.sections], holdings(s), [t.id for t in s.tasks],
          [r.report for r in s.reports], [r.senders for r in s.reports], s.leaders) for s in resolved.sections],
        [(r.report, r.report.span, r.source, r.target, r.senders, [s.title for s in r.sections])
         for r in resolved.reports],
        resolved.lead_units, resolved.unit_order(),
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits)
def test_after_random_edits_the_resolution_is_a_fresh_one(tmp_path, changes):
    name = str(tmp_path / "plan.qlm")
    workspace = Workspace()
    text = BASE
    workspace.update(name, text)
    workspace.check(name)
    for where, delete, piece in changes:
        text = _edit(text, where, delete, piece)
        workspace.update(name, text)
        workspace.check(name)
        resolved = workspace.resolved(name)
        if resolved is not None:
            assert _summary(resolved) == _summary(qlmatrix.resolve(resolved.plan))


def test_an_edit_resolves_only_the_top_level_section_it_touched(tmp_path):
    name = str(tmp_path / "plan.qlm")
    workspace = Workspace()
    workspace.update(name, BASE)
    before = workspace.resolved(name)
    at = BASE.rindex("任务") + 3
    workspace.update(name, BASE[:at] + "好" + BASE[at:])
    after = workspace.resolved(name)
    assert after is not before
    edited = [new for new, old in zip(after.plan.items, before.plan.items) if new is not old]
    assert len(edited) == 1  # the top-level section holding the edit was parsed again, no other
    old = {id(task) for task in before.tasks}
    kept = [task for task in after.tasks if id(task) in old]
    walked = [task for task in after.tasks if task.sections[0] is edited[0]]
    assert kept and len(kept) == len(after.tasks) - len(walked)  # the others are not walked again
    assert _summary(after) == _summary(qlmatrix.resolve(after.plan))


def test_a_renamed_unit_resolves_every_section_again():
    plan = qlmatrix.loads("单位 甲\n章 一、总 { 牵头: 甲\n任务 (一) 干 }\n")
    renamed = qlmatrix.loads("单位 乙 { 别名: 甲 }\n章 一、总 { 牵头: 甲\n任务 (一) 干 }\n")
    renamed = attrs.evolve(renamed, items=plan.items)  # the very same section, other unit names
    first = qlmatrix.resolve(plan)
    again = qlmatrix.resolve(renamed, first)
    assert first.tasks[0].lead == "甲" and again.tasks[0].lead == "乙"


def test_nesting_too_deep_or_unbalanced_braces_agree_with_a_full_read(tmp_path):
    from qlmatrix import limits

    name = str(tmp_path / "plan.qlm")
    deep = "章 一 甲 {\n" * (limits.MAX_NESTING + 1) + "}\n" * (limits.MAX_NESTING + 1)
    workspace = Workspace()
    for text in (BASE + deep, "}\n" + BASE + deep, BASE + "}\n" + "章 二 乙 {\n" * 3, BASE + deep.replace("{", "\"{", 1)):
        workspace.update(name, text)
        found = workspace.check(name)
        assert found == _fresh(text, name)[0]
    workspace.update(name, BASE + deep)
    assert "E016" in [d.code for d in workspace.check(name)]


def test_analyse_is_read_check_and_resolved_from_one_reading(tmp_path):
    plan = tmp_path / "plan.qlm"
    workspace = Workspace()
    workspace.update(plan, "单位 纪监委\n任务 甲 (责任单位:纪检委)\n任务 乙 (责任单位:纪监委)\n")
    result, found, resolved = workspace.analyse(plan)
    assert [d.code for d in found] == [d.code for d in workspace.check(plan)] == ["E101"]
    assert result.plan == workspace.plan(plan) and resolved is workspace.resolved(plan)
    assert [task.lead for task in resolved.tasks] == ["纪检委", "纪监委"]  # an undeclared name as written


BIG = qlmatrix.dumps(generate(300, seed=2))  # top-level sections of dozens of tasks each


def test_an_edit_in_a_large_section_parses_only_the_statement_it_touched(tmp_path):
    name = str(tmp_path / "plan.qlm")
    reparser = Reparser(name)
    reparser.parse(BIG)
    at = BIG.index("责任单位", len(BIG) // 2)  # inside a task's note, deep in a section
    edited = BIG[:at] + "好" + BIG[at:]
    assert reparser.parse(edited) == parse_text(edited, name)
    assert reparser.parsed_chunks == 1 and reparser.by_members == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits)
def test_after_random_edits_of_a_plan_with_large_sections_it_agrees_with_a_full_read(tmp_path, changes):
    name = str(tmp_path / "plan.qlm")
    reparser = Reparser(name)
    text = BIG
    reparser.parse(text)
    for where, delete, piece in changes:
        text = _edit(text, where, delete, piece)
        assert reparser.parse(text) == parse_text(text, name)


def test_a_unit_declaration_typed_inside_a_large_section_is_the_error_a_full_read_reports(tmp_path):
    # Read on its own, `单位 (一)…` is a unit declaration; inside a section's block it is E001. The
    # section read statement by statement must not accept it (found by the random edits above).
    name = str(tmp_path / "plan.qlm")
    workspace = Workspace()
    workspace.update(name, BASE)
    workspace.check(name)
    at = BASE.index("\n", BASE.index("章 四、")) + 1
    at = BASE.index("(", at)  # the first task of the section, `  (一)…`
    edited = BASE[:at] + "单位 " + BASE[at:]
    workspace.update(name, edited)
    found = _fresh(edited, name)[0]
    assert [d.code for d in found][:1] == ["E001"]
    assert workspace.check(name) == found

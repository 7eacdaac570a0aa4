"""One answer to "who is responsible": the resolution, the JSON export, every table view and the
checks agree task by task, on the bundled examples and on generated plans."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import qlmatrix
from qlmatrix import Role
from qlmatrix.parser import read_file
from qlmatrix.render.views import build
from qlmatrix.resolve import UnitDirectory, resolve

from .strategies import plans

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.qlm"))
ROLE_FIELDS = ("leads", "support", "consult", "inform", "oversee")


def _effective(task) -> dict:
    return {name: tuple(getattr(task, name)) for name in ROLE_FIELDS}


def assert_every_view_agrees(plan: qlmatrix.Plan) -> None:
    resolved = resolve(plan)
    tasks = resolved.tasks

    # The JSON export: effective roles and ids, task by task.
    exported = json.loads(qlmatrix.to_json(plan))["tasks"]
    assert [t["id"] for t in exported] == [t.id for t in tasks]
    for entry, data in zip(tasks, exported):
        assert data["lead"] == entry.lead
        assert data["leads_separately"] is entry.leads_separately
        assert {name: tuple(data[name]) for name in ROLE_FIELDS} == _effective(entry), entry.id
        assert set(data["inherited"]) == {h.role.value for h in entry.holdings if h.inherited}

    # The 任务分工表: the lead and support columns, row by row in document order.
    rows = [row for group in build(plan, "tasks").groups for row in group.rows]
    assert len(rows) == len(tasks)
    for entry, row in zip(tasks, rows):
        mark = "（分别牵头）" if entry.leads and entry.leads_separately else ""  # each leads its own part
        assert row[2].text == "、".join(entry.leads) + mark, entry.id
        assert row[3].text == "、".join([*entry.support, *(f"{u}（会同）" for u in entry.consult)]), entry.id

    # The RACI matrix: every filled cell holds exactly the unit's roles on that task.
    raci = build(plan, "raci")
    columns = {index: column.title for index, column in enumerate(raci.columns)}
    rows = [row for group in raci.groups for row in group.rows]
    for entry, row in zip(tasks, rows):
        shown = {columns[index]: tuple(cell.roles) for index, cell in enumerate(row) if index >= 2 and cell.roles}
        expected = {}
        for holding in entry.holdings:
            expected.setdefault(holding.unit, []).append(holding.role)
        assert shown == {unit: tuple(roles) for unit, roles in expected.items()}, entry.id

    # Each unit's 责任清单: one row per (unit, task), naming every role the unit holds on it.
    duty_rows = [(group.heading, row) for group in build(plan, "units").groups for row in group.rows if row[0].roles]
    assert len(duty_rows) == len({(h.unit, id(t)) for t in tasks for h in t.holdings})
    listed = sorted((heading, role.value, row[1].text) for heading, row in duty_rows for role in row[0].roles)
    labels = {id(t): (f"{t.id} {t.title}" if t.number else t.title) for t in tasks}

    def heading(name):  # a group is headed by the unit's name and, if declared, its full name
        unit = resolved.units.get(name)
        return f"{name}（{unit.full_name}）" if unit and unit.full_name else name

    assert listed == sorted((heading(h.unit), h.role.value, labels[id(t)]) for t in tasks for h in t.holdings)

    # What the checks see: a task without units, and one without a lead, by the same roles.
    found = qlmatrix.check(plan)
    by_code = {code: sorted(d.args["id"] for d in found if d.code == code) for code in ("W201", "W202")}
    assert by_code["W201"] == sorted(t.id for t in tasks if not t.holdings)
    assert by_code["W202"] == sorted(t.id for t in tasks if t.holdings and not t.lead)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
def test_every_view_agrees_on_the_examples(path):
    assert_every_view_agrees(qlmatrix.load(path))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_view_agrees_on_generated_plans(plan):
    # Through text, as a planner would have it: built plans may hold names the tables escape.
    assert_every_view_agrees(qlmatrix.loads(qlmatrix.dumps(plan)))


def test_a_generated_plan_at_scale_agrees():
    from qlmatrix.gen import generate

    assert_every_view_agrees(qlmatrix.loads(qlmatrix.dumps(generate(300, seed=3))))


# ------------------------------------------------------------------ inheritance


def test_a_task_inherits_each_role_from_the_innermost_section_naming_it():
    plan = qlmatrix.loads(
        "单位 甲、乙、丙、丁\n"
        "章 一 {\n  牵头: 甲\n  监督: 丁\n"
        "  章 (一) {\n    配合: 乙\n    任务 1. 独立 { 牵头: 丙 }\n    任务 2. 承袭\n  }\n}\n")
    resolved = resolve(plan)
    own, inherited = resolved.tasks
    outer, inner = (s.section for s in resolved.sections)
    assert (own.lead, own.support, own.oversee) == ("丙", ("乙",), ("丁",))
    assert own.origin(Role.LEAD) is None and own.origin(Role.SUPPORT) is inner and own.origin(Role.OVERSEE) is outer
    assert (inherited.lead, inherited.origin(Role.LEAD)) == ("甲", outer)
    assert own.own == plan.items[0].items[0].items[0].assignments  # the model keeps what the file says
    assert resolved.sections[1].lead == "甲"  # a nested section inherits too


def test_an_alias_resolves_to_the_units_canonical_name():
    plan = qlmatrix.loads("单位 党工委 { 别名: 高新区党工委 }\n任务 甲 (责任单位:高新区党工委)")
    resolved = resolve(plan)
    assert resolved.tasks[0].lead == "党工委"
    assert resolved.tasks[0].holdings[0].assignment.unit.name == "高新区党工委"  # as written, with its span
    assert resolved.units.get("高新区党工委").name == "党工委"


def test_ids_of_a_plan_built_in_python_are_those_of_the_same_plan_parsed():
    built = qlmatrix.Plan(items=[qlmatrix.Section("重点任务", number="一、", items=[
        qlmatrix.Task("全面强化政治建设", number="（一）"), qlmatrix.Task("总结经验")])])
    parsed = qlmatrix.loads(qlmatrix.dumps(built))
    assert [t.id for t in resolve(built).tasks] == [t.id for t in resolve(parsed).tasks] == ["一(一)", "一#1"]
    assert parsed == built


# ------------------------------------------------------------------ the cases the issue measured


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / next(iter(files))


def _codes(plan) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in qlmatrix.check(plan)]


def test_an_include_inside_a_section_keeps_the_section(tmp_path):
    main = _write(tmp_path, {
        "main.qlm": '单位 甲、乙\n章 一 {\n  监督: 乙\n  引入 "c.qlm"\n}\n',
        "c.qlm": "(一)落实责任(责任单位:甲)\n",
    })
    plan = qlmatrix.load(main)
    (task,) = resolve(plan).tasks
    assert (task.id, task.lead, task.oversee) == ("一(一)", "甲", ("乙",))
    assert [s.number for s in task.sections] == ["一"]
    # No W210 "nobody oversees", no W208 "empty section": nothing at all to report.
    assert _codes(plan) == []
    raci = build(plan, "raci")
    assert [group.heading for group in raci.groups] == ["一、"]
    assert json.loads(qlmatrix.to_json(plan))["tasks"][0]["sections"] == ["一"]


LEADS_REPORT = "单位 A局、B办\n(一)甲(责任单位:A局)\n(二)乙(责任单位:B办)\n汇报 牵头单位 -> B办 { 频次: 每季度 }\n"


def test_a_lead_reference_never_makes_the_recipient_report_to_itself():
    plan = qlmatrix.loads(LEADS_REPORT)
    (report,) = resolve(plan).reports
    assert report.senders == ("A局",)
    duties = {group.heading: [row[1].text for row in group.rows] for group in build(plan, "units").groups}
    assert "向B办报送工作情况" in duties["A局"]
    assert "向B办报送工作情况" not in duties["B办"]
    assert _codes(plan) == []


def test_a_cycle_through_a_lead_reference_is_a_reporting_cycle():
    plan = qlmatrix.loads(LEADS_REPORT + "汇报 B办 -> A局 { 频次: 每季度 }\n")
    found = [d for d in qlmatrix.check(plan) if d.code == "E306"]
    assert [(d.span.line, d.args["chain"]) for d in found] == [(5, "A局 → B办 → A局")]
    explicit = qlmatrix.loads(LEADS_REPORT.replace("牵头单位", "A局") + "汇报 B办 -> A局 { 频次: 每季度 }\n")
    assert [d.code for d in qlmatrix.check(explicit)] == ["E306"]


# ------------------------------------------------------------------ the Python API equals the CLI


def _rule_case_files(tmp_path: Path) -> list[Path]:
    files = []
    for path in sorted((ROOT / "tests" / "rules").glob("*.toml")):
        with path.open("rb") as stream:
            for index, case in enumerate(tomllib.load(stream)["case"]):
                target = tmp_path / f"{path.stem}-{index}.qlm"
                target.write_text(case["text"], encoding="utf-8")
                files.append(target)
    return files


def test_python_check_equals_the_cli_for_every_example_and_rule_case(tmp_path):
    files = [*EXAMPLES, *_rule_case_files(tmp_path)]
    done = subprocess.run([sys.executable, "-m", "qlmatrix", "--lang", "en", "check", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    from_cli: dict[str, list] = {}
    for entry in json.loads(done.stdout):
        from_cli.setdefault(entry["span"]["file"], []).append((entry["code"], entry["span"]["line"],
                                                               entry["span"]["column"]))
    # A carrier file is checked as part of the plan that includes it, as `qlm check` does.
    included = {str(ROOT / "examples" / i.path) for i in qlmatrix.load(ROOT / "examples" / "xiangyang.qlm").includes()}
    compared = 0
    for path in files:
        if str(path) in included:
            continue
        result = read_file(path)
        assert result.plan is not None and not any(d.is_error for d in result.diagnostics), path
        found = [(d.span.file, d.code, d.span.line, d.span.column) for d in qlmatrix.check(result.plan)]
        read = {str(path), *(included if path.name == "xiangyang.qlm" else ())}
        expected = sorted((file, *finding) for file in read for finding in from_cli.get(file, []))
        assert sorted(found) == expected, path
        compared += 1
    assert compared == len(files) - len(included)


def test_directory_suggests_by_unit_likeness():
    directory = UnitDirectory(qlmatrix.loads("单位 纪监委、党群部").units)
    assert directory.suggest("纪检委") == "纪监委"
    assert directory.suggest("宣传部") is None
    assert directory.is_known("牵头单位") and not directory.is_known("纪检委")


def test_a_resolved_task_is_frozen():
    task = resolve(qlmatrix.loads("单位 甲\n任务 x (责任单位:甲)")).tasks[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        task.id = "y"


def test_a_title_that_carries_its_number_is_not_numbered_twice():
    from qlmatrix.render import table

    plan = qlmatrix.Plan(items=[qlmatrix.Section("一、重点任务", number="一、", items=[
        qlmatrix.Task("健全制度", number="(一)")])])
    assert qlmatrix.loads(qlmatrix.dumps(plan)) == plan
    text = table(plan, "tasks", "md")
    assert "一、重点任务" in text and "一、一、" not in text


def test_leads_by_unit_and_led_by_agree_with_the_tasks():
    resolved = resolve(qlmatrix.load(ROOT / "examples" / "xiangyang.qlm"))
    led = resolved.leads_by_unit()
    assert tuple(led) == resolved.lead_units
    for unit, tasks in led.items():
        assert tasks == tuple(t for t in resolved.tasks if unit in t.leads)
    assert resolved.led_by("襄阳市委") == resolved.led_by("市委")  # by alias too

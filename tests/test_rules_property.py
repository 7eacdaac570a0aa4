"""Properties over generated valid plans, round-tripped through text with `dumps`/`loads`."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qlmatrix import Assignment, Plan, Report, Role, Section, Task, Unit, dumps, loads, resolve
from qlmatrix.checks import run_checks

NAMES = ("综合办", "党群部", "政务局", "财政局", "执法局", "纪监委", "党工委", "组织部", "宣传部", "教育局",
         "Office", "Audit")
NUMERALS = "一二三四五六"


@st.composite
def plans(draw) -> Plan:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=7, unique=True))
    units = []
    for index, name in enumerate(names):
        parent = draw(st.sampled_from((None, *names[:index])))
        units.append(Unit(name, parent=parent))
    sections = []
    for s in range(draw(st.integers(1, 3))):
        number = NUMERALS[s]
        tasks = []
        for t in range(draw(st.integers(1, 4))):
            lead = draw(st.sampled_from(names))
            others = [n for n in names if n != lead]
            supports = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
            roles = [Assignment(Role.LEAD, lead)] + [Assignment(Role.SUPPORT, n) for n in supports]
            if draw(st.booleans()):
                roles.append(Assignment(Role.OVERSEE, draw(st.sampled_from(others))))
            task_number = f"({NUMERALS[t]})"
            tasks.append(Task(f"任务{s}{t}", number + task_number, number=task_number, assignments=roles,
                              cadence=draw(st.sampled_from((None, "每年", "每半年至少一次")))))
        sections.append(Section(f"方面{s}", number, number=number, items=tasks))
    reports = []
    for _ in range(draw(st.integers(0, 2))):
        source, target = draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True))
        reports.append(Report(source, target, cadence="每年", due="年底"))
    return Plan(units=units, items=(*sections, *reports))


def codes(plan: Plan, code: str):
    return [d for d in run_checks(plan) if d.code == code]


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(plans(), st.data(), st.sampled_from(("zh", "en")))
def test_a_second_lead_gives_exactly_one_multiple_leads_finding(plan, data, keywords):
    assert codes(loads(dumps(plan, keywords)), "E301") == []
    resolved = resolve(plan)
    entry = data.draw(st.sampled_from(resolved.tasks))
    task = entry.task
    names = [unit.name for unit in plan.units if unit.name != entry.lead]
    second = data.draw(st.sampled_from(names))
    changed_task = attrs.evolve(task, assignments=(*task.assignments, Assignment(Role.LEAD, second)))
    sections = [attrs.evolve(s, items=[changed_task if t is task else t for t in s.items])
                if isinstance(s, Section) else s for s in plan.items]
    text = dumps(attrs.evolve(plan, items=sections), keywords)
    reread = loads(text)
    found = codes(reread, "E301")
    assert len(found) == 1
    assert found[0].args["name"] == second
    where = resolve(reread).task(entry.id)
    assert where.span.line <= found[0].span.line <= where.span.end_line + 3
    assert text.splitlines()[found[0].span.line - 1][found[0].span.column - 1:].startswith(second)


@FAST
@given(plans(), st.data(), st.sampled_from(("zh", "en")))
def test_removing_a_declaration_flags_every_use(plan, data, keywords):
    assert codes(loads(dumps(plan, keywords)), "E101") == []
    gone = data.draw(st.sampled_from([unit.name for unit in plan.units]))
    uses = sum(a.unit.name == gone for t in plan.tasks() for a in t.assignments)
    uses += sum(u.parent is not None and u.parent.name == gone for u in plan.units)
    uses += sum(r.source.name == gone for r in plan.reports()) + sum(r.target.name == gone for r in plan.reports())
    text = dumps(attrs.evolve(plan, units=[u for u in plan.units if u.name != gone]), keywords)
    lines = text.splitlines()
    found = codes(loads(text), "E101")
    assert len(found) == uses
    for diagnostic in found:
        assert diagnostic.args["name"] == gone
        span = diagnostic.span
        assert lines[span.line - 1][span.column - 1:span.end_column - 1] == gone

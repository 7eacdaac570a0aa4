"""The plan as plain data and JSON (`qlm export --format json`).

The shape is documented by qlmatrix/schema/plan.schema.json and
docs/json-schema.md; tasks come in document order, included files in place.
"""

from __future__ import annotations

import json

from .cadence import Cadence
from .model import Plan, Report, Role, Section, Task, Unit

SCHEMA_VERSION = 1


def _cadence(cadence: Cadence | None) -> dict | None:
    if cadence is None:
        return None
    return {
        "text": cadence.text,
        "period": cadence.period.value if cadence.period else None,
        "min_count": cadence.min_count,
        "due": cadence.due,
        "vague": cadence.vague,
    }


def _where(item) -> dict | None:
    span = item.span
    return {"file": span.file, "line": span.line, "column": span.column} if span else None


def _roles(item) -> dict:
    lead = item.lead
    return {
        "lead": lead.name if lead else None,
        "leads": [ref.name for ref in item.units_in(Role.LEAD)],
        "support": [ref.name for ref in item.units_in(Role.SUPPORT)],
        "consult": [ref.name for ref in item.units_in(Role.CONSULT)],
        "inform": [ref.name for ref in item.units_in(Role.INFORM)],
        "oversee": [ref.name for ref in item.units_in(Role.OVERSEE)],
    }


def _unit(unit: Unit) -> dict:
    return {
        "name": unit.name,
        "full_name": unit.full_name,
        "aliases": list(unit.aliases),
        "parent": unit.parent.name if unit.parent else None,
        "level": unit.level,
        "levels": list(unit.levels),
        "kind": unit.kind.value if unit.kind else None,
        "collective": unit.collective,
        "where": _where(unit),
    }


def _task(task: Task, sections: tuple[Section, ...]) -> dict:
    return {
        "id": task.id,
        "number": task.number,
        "title": task.title,
        "body": task.body,
        **_roles(task),
        "cadence": _cadence(task.cadence),
        "due": _cadence(task.due),
        "deliverable": task.deliverable,
        "section": sections[-1].id if sections else None,
        "sections": [section.id for section in sections],
        "where": _where(task),
    }


def _section(section: Section, outer: tuple[Section, ...]) -> dict:
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "kind": section.kind.value,
        "parent": outer[-1].id if outer else None,
        **_roles(section),
        "loop": [stage.value for stage in section.loop],
        "where": _where(section),
    }


def _report(report: Report) -> dict:
    return {
        "source": report.source.name,
        "target": report.target.name if report.target else None,
        "content": report.content,
        "cadence": _cadence(report.cadence),
        "due": _cadence(report.due),
        "form": report.form,
        "where": _where(report),
    }


def plan_to_dict(plan: Plan) -> dict:
    tasks, sections, reports = [], [], []
    for item, outer in plan.walk():
        if isinstance(item, Task):
            tasks.append(_task(item, outer))
        elif isinstance(item, Section):
            sections.append(_section(item, outer))
        elif isinstance(item, Report):
            reports.append(_report(item))
    return {
        "schema_version": SCHEMA_VERSION,
        "title": plan.title,
        "basis": plan.basis,
        "issuer": plan.issuer,
        "units": [_unit(unit) for unit in plan.all_units()],
        "sections": sections,
        "tasks": tasks,
        "reports": reports,
        "includes": [include.path for include in plan.includes()],
    }


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2) + "\n"

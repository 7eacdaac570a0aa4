"""The plan as plain data and JSON (`qlm export --format json`).

The shape is documented by qlmatrix/schema/plan.schema.json and
docs/json-schema.md; tasks come in document order, included files in place.
Every role, id and scope comes from `qlmatrix.resolve`, as in the tables:
a task's `lead` is the lead the 任务分工表 shows, inherited or not; what the
task itself states is under `own`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .cadence import Cadence
from .dates import iso
from .diagnostics.text import json_text
from .model import Assignment, Item, Note, Plan, Role, Section, Unit
from .resolve import ResolvedPlan, ResolvedReport, ResolvedSection, ResolvedTask, resolve

SCHEMA_VERSION = 4

#: A JSON object as built here: its values are JSON values (str, int, bool, None, lists, objects).
JSONObject = dict[str, object]


def _cadence(cadence: Cadence | None) -> JSONObject | None:
    if cadence is None:
        return None
    return {
        "text": cadence.text,
        "period": cadence.period.value if cadence.period else None,
        "min_count": cadence.min_count,
        "due": cadence.due,
        "vague": cadence.vague,
    }


def _where(item: Unit | Item) -> JSONObject | None:
    span = item.span
    return {"file": span.file, "line": span.line, "column": span.column} if span else None


def _own(assignments: tuple[Assignment, ...]) -> JSONObject:
    """The roles as the file writes them: names as written, duplicates kept."""
    by_role = {role: [a.unit.name for a in assignments if a.role is role] for role in Role}
    leads = by_role[Role.LEAD]
    return {
        "lead": leads[0] if leads else None,
        "leads": leads,
        "leads_each": [a.unit.name for a in assignments if a.each and a.role is Role.LEAD],
        "support": by_role[Role.SUPPORT],
        "consult": by_role[Role.CONSULT],
        "inform": by_role[Role.INFORM],
        "oversee": by_role[Role.OVERSEE],
    }


def _unit(unit: Unit) -> JSONObject:
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


class _Exporter:
    def __init__(self, resolved: ResolvedPlan) -> None:
        self.resolved = resolved
        self.ids = {id(entry.section): entry.id for entry in resolved.sections}

    def roles(self, item: ResolvedTask | ResolvedSection) -> JSONObject:
        """Effective roles (canonical names), where inherited ones come from, and what the item itself states."""
        inherited = {}
        for role in Role:
            source = item.origin(role)
            if source is not None:
                inherited[role.value] = self.ids[id(source)]
        return {
            "lead": item.lead,
            "leads": list(item.leads),
            "leads_separately": item.leads_separately,
            "support": list(item.support),
            "consult": list(item.consult),
            "inform": list(item.inform),
            "oversee": list(item.oversee),
            "inherited": inherited,
            "own": _own(item.item.assignments),
            "leaders": list(item.leaders),
            "leaders_inherited": self.ids[id(item.leaders_origin)] if item.leaders_origin is not None else None,
        }

    def section_ids(self, sections: Iterable[Section]) -> list[str]:
        return [self.ids[id(section)] for section in sections]

    def task(self, entry: ResolvedTask) -> JSONObject:
        task = entry.task
        sections = self.section_ids(entry.sections)
        return {
            "id": entry.id,
            "number": task.number,
            "title": task.title,
            "body": task.body,
            **self.roles(entry),
            "cadence": _cadence(task.cadence),
            "due": _cadence(task.due),
            "deliverable": task.deliverable,
            "section": sections[-1] if sections else None,
            "sections": sections,
            "where": _where(task),
        }

    def section(self, entry: ResolvedSection) -> JSONObject:
        section = entry.section
        outer = self.section_ids(entry.sections)
        return {
            "id": entry.id,
            "number": section.number,
            "title": section.title,
            "kind": section.kind.value,
            "parent": outer[-1] if outer else None,
            **self.roles(entry),
            "loop": [stage.value for stage in section.loop],
            "where": _where(section),
        }

    def note(self, note: Note, sections: tuple[Section, ...]) -> JSONObject:
        outer = self.section_ids(sections)
        return {"number": note.number, "title": note.title, "body": note.body,
                "section": outer[-1] if outer else None, "where": _where(note)}

    def report(self, entry: ResolvedReport) -> JSONObject:
        report = entry.report
        return {
            "source": report.source.name,
            "target": report.target.name if report.target else None,
            "senders": list(entry.senders),
            "recipient": entry.target,
            "content": report.content,
            "cadence": _cadence(report.cadence),
            "due": _cadence(report.due),
            "form": report.form,
            "section": self.section_ids(entry.sections)[-1] if entry.sections else None,
            "where": _where(report),
        }


def plan_to_dict(plan: Plan | ResolvedPlan) -> JSONObject:
    resolved = plan if isinstance(plan, ResolvedPlan) else resolve(plan)
    plan = resolved.plan
    exporter = _Exporter(resolved)
    return {
        "schema_version": SCHEMA_VERSION,
        "title": plan.title,
        "basis": plan.basis,
        "issuer": plan.issuer,
        "date": iso(plan.date) if plan.date is not None else None,
        "units": [_unit(unit) for unit in resolved.units],
        "sections": [exporter.section(entry) for entry in resolved.sections],
        "tasks": [exporter.task(entry) for entry in resolved.tasks],
        "reports": [exporter.report(entry) for entry in resolved.reports],
        "notes": [exporter.note(item, sections) for item, sections in plan.walk() if isinstance(item, Note)],
        "includes": [include.path for include in plan.includes()],
    }


def plan_to_json(plan: Plan | ResolvedPlan) -> str:
    return json_text(json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2)) + "\n"

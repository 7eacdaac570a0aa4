"""The two diagrams as DOT text: the org chart and the responsibility diagram.

Org: the unit hierarchy (上级 -> 下级), reporting lines labelled with what,
how often and by when, and oversight edges from a supervising unit to the
units leading what it oversees.

Responsibility: units on the left, tasks on the right clustered by section
(nested as the document nests them). Lead edges are bold, support dashed,
oversight dotted; a role a section names for all its tasks is drawn once, to
the section's cluster. Only lead edges constrain the layout: the others use
`constraint=false`, which keeps dot fast and the picture calm at 100 tasks
(measured: 2,000 nodes with constrained labelled cross edges took minutes
or failed in init_rank).
"""

from __future__ import annotations

from ..model import LEAD_REFERENCE, Plan, Role, UnitKind
from ..raci import ROLE_WORDS
from .dot import Builder, Raw, font_defaults, label
from .roles import PlanIndex
from .table import numbered
from .views import Filters, _selected

DIAGRAMS = ("org", "responsibility")

_KIND_FILLS = {
    UnitKind.PARTY_COMMITTEE: "#FCE4D6",
    UnitKind.PARTY_GROUP: "#FCE4D6",
    UnitKind.LEADING_GROUP: "#FFF2CC",
    UnitKind.OFFICE: "#FFF9E5",
    UnitKind.DISCIPLINE: "#E4D7F0",
    UnitKind.GOVERNMENT: "#DDEBF7",
    UnitKind.MASS_ORGANIZATION: "#E2EFDA",
}

ROLE_EDGES: dict[Role, dict] = {
    Role.LEAD: {"color": "#C55A11", "penwidth": "2.6", "style": "bold"},
    Role.SUPPORT: {"color": "#2E75B6", "style": "dashed", "constraint": "false"},
    Role.CONSULT: {"color": "#548235", "style": "dashed", "arrowhead": "empty", "constraint": "false"},
    Role.INFORM: {"color": "#7F7F7F", "arrowhead": "vee", "constraint": "false"},
    Role.OVERSEE: {"color": "#7030A0", "style": "dotted", "penwidth": "1.6", "constraint": "false"},
}
REPORT_EDGE = {"color": "#2E75B6", "fontcolor": "#1F4E79", "fontsize": "10", "constraint": "false"}
OVERSIGHT_EDGE = {"color": "#7030A0", "fontcolor": "#7030A0", "style": "dotted", "penwidth": "1.6", "fontsize": "10", "constraint": "false"}
HIERARCHY_EDGE = {"color": "#595959", "arrowhead": "none"}


def build(plan: Plan, view: str, filters: Filters = Filters()) -> str:
    """The DOT source of diagram `org` or `responsibility`. Raises ValueError for unknown views or filters."""
    if view not in DIAGRAMS:
        raise ValueError(f"unknown diagram `{view}`; choose one of {', '.join(DIAGRAMS)}")
    index = PlanIndex(plan)
    filters = filters.resolved(index)
    return org(index, filters) if view == "org" else responsibility(index, filters)


def _unit_node(index: PlanIndex, name: str) -> dict:
    unit = index.unit(name)
    lines = [name]
    if unit and unit.full_name and unit.full_name != name:
        lines.append(unit.full_name)
    if unit and unit.levels:
        lines.append("·".join(unit.levels))
    values: dict = {"label": Raw(label("\n".join(lines), 24))}
    if unit is None:
        values.update(style="dashed", color="#C00000", fontcolor="#C00000")  # named but never declared
    elif unit.collective:
        values.update(style="rounded,dashed,filled", fillcolor="#F2F2F2")
    else:
        values.update(style="filled", fillcolor=_KIND_FILLS.get(unit.kind, "#FFFFFF"))
    return values


def _title(builder: Builder, index: PlanIndex, what: str) -> None:
    title = f"{index.plan.title} · {what}" if index.plan.title else what
    builder.defaults("graph", {"label": Raw(label(title, 60)), "labelloc": "t", "fontsize": "18"})


def _timing(item) -> str:
    return " · ".join(str(value) for value in (item.cadence, item.due, item.form) if value is not None)


def org(index: PlanIndex, filters: Filters) -> str:
    builder = Builder("org")
    font_defaults(
        builder,
        {"rankdir": "TB", "nodesep": "0.35", "ranksep": "0.6", "newrank": "true"},
        {"shape": "box", "fontsize": "12", "margin": "0.15,0.06"},
        {"fontsize": "10"},
    )
    _title(builder, index, "组织与汇报关系图")
    ids: dict[str, str] = {}

    def node(name: str) -> str:
        if name not in ids:
            ids[name] = f"u{len(ids) + 1}"
            builder.node(ids[name], _unit_node(index, name))
        return ids[name]

    for unit in index.units:
        node(unit.name)
    for unit in index.units:
        if unit.parent is not None:
            builder.edge(node(index.canonical(unit.parent.name)), ids[unit.name], HIERARCHY_EDGE)
    for entry in index.reports:
        if not filters.in_section(entry.sections) or entry.target is None:
            continue
        if filters.unit and filters.unit not in (entry.target, *index.report_sources(entry)):
            continue
        text = "\n".join(part for part in (entry.report.content or "汇报", _timing(entry.report)) if part)
        values = {**REPORT_EDGE, "label": Raw(label(text, 24))}
        if entry.source == LEAD_REFERENCE:
            tail = ids.get(LEAD_REFERENCE) or _lead_reference(builder, index, entry, node)
            ids[LEAD_REFERENCE] = tail
        else:
            tail = node(entry.source)
        builder.edge(tail, node(entry.target), values)
    for overseer, lead in _oversight_pairs(index, filters):
        # Only a unit overseeing itself is labelled: the legend explains the rest, and
        # one "监督" per edge piles up when a unit oversees many.
        text = "监督自身" if overseer == lead else None
        builder.edge(node(overseer), node(lead), {**OVERSIGHT_EDGE, "label": text})
    _org_legend(builder)
    return builder.text()


def _lead_reference(builder: Builder, index: PlanIndex, entry, node) -> str:
    """`牵头单位 -> …`: one node standing for every lead unit, joined to each by a thin line."""
    builder.node("leads", {"label": Raw(label("各牵头单位", 18)), "shape": "box", "style": "rounded,dashed"})
    for name in index.report_sources(entry):
        builder.edge(node(name), "leads", {"color": "#A6A6A6", "style": "dashed", "arrowhead": "none", "constraint": "false"})
    return "leads"


def _oversight_pairs(index: PlanIndex, filters: Filters) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for entry, _ in _selected(index, Filters(filters.section)):
        for overseer in entry.units(Role.OVERSEE):
            for lead in entry.units(Role.LEAD):
                if (overseer, lead) not in pairs and filters.unit in (None, overseer, lead):
                    pairs.append((overseer, lead))
    return pairs


def _legend(builder: Builder, samples: list[tuple[str, dict]]) -> None:
    builder.open("subgraph cluster_legend")
    builder.defaults("graph", {"label": "图例", "style": "rounded", "color": "#A6A6A6", "fontsize": "12"})
    builder.defaults("node", {"shape": "point", "style": "invis", "label": "", "width": "0.05", "height": "0.05"})
    for number, (text, style) in enumerate(samples, start=1):
        builder.node(f"legend{number}a", {})
        builder.node(f"legend{number}b", {})
        builder.edge(f"legend{number}a", f"legend{number}b", {**style, "label": text, "fontsize": "11", "constraint": "true"})
    builder.close()


def _org_legend(builder: Builder) -> None:
    _legend(
        builder,
        [
            ("上级 — 下级", HIERARCHY_EDGE),
            ("汇报(内容、频次)", {k: v for k, v in REPORT_EDGE.items() if k != "constraint"}),
            ("监督", {k: v for k, v in OVERSIGHT_EDGE.items() if k != "constraint"}),
        ],
    )


def responsibility(index: PlanIndex, filters: Filters) -> str:
    builder = Builder("responsibility")
    font_defaults(
        builder,
        {"rankdir": "LR", "compound": "true", "nodesep": "0.15", "ranksep": "1.4", "newrank": "true"},
        {"shape": "box", "fontsize": "11", "margin": "0.12,0.05"},
        {"arrowsize": "0.7"},
    )
    _title(builder, index, "责任分工图")
    chosen = _selected(index, filters)
    units = [name for name in index.unit_order() if any(h.unit == name for _, kept in chosen for h in kept)]
    unit_ids = {name: f"u{number}" for number, name in enumerate(units, start=1)}
    for name in units:
        builder.node(unit_ids[name], _unit_node(index, name))
    task_ids, first_task, section_ids = _task_clusters(builder, chosen)
    # Every task in one column, unassigned ones too (they have no edge to rank them).
    # dot still orders the sections to cut crossings: invisible chains, ordering=out
    # and a low mclimit were tried and none kept document order across clusters.
    order = [task_ids[id(entry)] for entry, _ in chosen]
    if len(order) > 1:
        builder.add("{rank=same; " + "; ".join(order) + ";}")
    drawn = set()
    for entry, kept in chosen:
        for holder in kept:
            values = dict(ROLE_EDGES[holder.role])
            head = task_ids[id(entry)]
            if holder.inherited:
                section = _naming_section(entry, holder.role)
                key = (holder.unit, holder.role, section)
                if key in drawn:
                    continue
                drawn.add(key)
                head = first_task[section]
                values["lhead"] = section_ids[section]
            builder.edge(unit_ids[holder.unit], head, values)
    _legend(builder, [(ROLE_WORDS[role], {k: v for k, v in style.items() if k != "constraint"}) for role, style in ROLE_EDGES.items()])
    return builder.text()


def _naming_section(entry, role: Role) -> str:
    for section in reversed(entry.sections):
        if section.units_in(role):
            return section.id
    raise AssertionError("an inherited role comes from a section")


def _task_clusters(builder: Builder, chosen) -> tuple[dict[int, str], dict[str, str], dict[str, str]]:
    """Task nodes inside nested section clusters; returns task ids, each section's first task and cluster id."""
    task_ids: dict[int, str] = {}
    first_task: dict[str, str] = {}
    open_sections: list[str] = []
    cluster_numbers: dict[str, int] = {}
    for number, (entry, kept) in enumerate(chosen, start=1):
        chain = [section.id for section in entry.sections]
        while open_sections and open_sections != chain[: len(open_sections)]:
            builder.close()
            open_sections.pop()
        for section in entry.sections[len(open_sections) :]:
            cluster_numbers.setdefault(section.id, len(cluster_numbers) + 1)
            builder.open(f"subgraph cluster_s{cluster_numbers[section.id]}")
            heading = numbered(section.number, section.title)
            builder.defaults("graph", {"label": Raw(label(heading, 30)), "style": "rounded", "color": "#8EA9DB", "labeljust": "l"})
            open_sections.append(section.id)
        node_id = f"t{number}"
        task_ids[id(entry)] = node_id
        for section_id in chain:
            first_task.setdefault(section_id, node_id)
        builder.node(node_id, _task_node(entry))
    for _ in open_sections:
        builder.close()
    return task_ids, first_task, {section: f"cluster_s{number}" for section, number in cluster_numbers.items()}


def _task_node(entry) -> dict:
    task = entry.task
    text = f"{task.number} {task.title}" if task.number else task.title
    timing = " · ".join(str(value) for value in (task.cadence, task.due) if value is not None)
    if timing:
        text += f"\n({timing})"
    values: dict = {"label": Raw(label(text, 26)), "style": "rounded,filled", "fillcolor": "#FFFFFF"}
    if not entry.units(Role.LEAD):
        values.update(color="#C00000", penwidth="1.5", tooltip="无牵头单位")  # a gap the reader should see
    return values

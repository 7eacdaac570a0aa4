"""The two diagrams as DOT text: the org chart and the responsibility diagram.

Org: the unit hierarchy (上级 -> 下级), reporting lines labelled with what,
how often and by when, and oversight edges from a supervising unit to the
units leading what it oversees.

Responsibility: units on the left, tasks on the right in document order.
Each top-level section is one node whose label is an HTML-like table: the
heading, then a row per task (a port), nested sections as tables inside their
row. dot reorders the nodes of a rank to cut crossings, and with a node per
task in per-section clusters it shuffled sections and tasks alike (invisible
chains, ordering=out and mclimit did not stop it); rows of a table cannot
move, and the section nodes, plain nodes in one rank, keep their order by an
invisible chain. Lead edges are bold, support dashed, oversight dotted, each
ending at its task's row; a role a section names for all its tasks is drawn
once, to the section's heading row. Only lead edges constrain the layout: the
others use `constraint=false`, which keeps dot fast and the picture calm at
100 tasks (measured: 2,000 nodes with constrained labelled cross edges took
minutes or failed in init_rank). No edge here has a label: that would add a
rank for labels and a virtual node per edge (it doubled the height at 100
tasks), so the legend writes its words in nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeAlias

from ..model import LEAD_REFERENCE, Plan, Report, Role, Section, UnitKind
from ..raci import ROLE_WORDS
from ..span import display_width
from .dot import Builder, Raw, font_defaults, html_attributes, html_lines, label
from .roles import PlanIndex, ResolvedReport, ResolvedTask
from .table import numbered, wrap
from .views import Filters, Selected, _selected

DIAGRAMS = ("org", "responsibility")

#: Looked up with a unit's kind, which may be None (undeclared kind): that gets the default fill.
_KIND_FILLS: dict[UnitKind | None, str] = {
    UnitKind.PARTY_COMMITTEE: "#FCE4D6",
    UnitKind.PARTY_GROUP: "#FCE4D6",
    UnitKind.LEADING_GROUP: "#FFF2CC",
    UnitKind.OFFICE: "#FFF9E5",
    UnitKind.DISCIPLINE: "#E4D7F0",
    UnitKind.GOVERNMENT: "#DDEBF7",
    UnitKind.MASS_ORGANIZATION: "#E2EFDA",
}

ROLE_EDGES: dict[Role, dict[str, str]] = {
    Role.LEAD: {"color": "#C55A11", "penwidth": "2.6", "style": "bold"},
    Role.SUPPORT: {"color": "#2E75B6", "style": "dashed", "constraint": "false"},
    Role.CONSULT: {"color": "#548235", "style": "dashed", "arrowhead": "empty", "constraint": "false"},
    Role.INFORM: {"color": "#7F7F7F", "arrowhead": "vee", "constraint": "false"},
    Role.OVERSEE: {"color": "#7030A0", "style": "dotted", "penwidth": "1.6", "constraint": "false"},
}
REPORT_EDGE = {"color": "#2E75B6", "fontcolor": "#1F4E79", "fontsize": "10", "constraint": "false"}
OVERSIGHT_EDGE = {"color": "#7030A0", "fontcolor": "#7030A0", "style": "dotted", "penwidth": "1.6", "fontsize": "10", "constraint": "false"}
HIERARCHY_EDGE = {"color": "#595959", "arrowhead": "none"}

#: Where each task (by `id(entry)`) and each section heading (by `("section", id(section))`)
#: is drawn: (node id, port).
Ports: TypeAlias = dict[int | tuple[str, int], tuple[str, str]]


def build(plan: Plan, view: str, filters: Filters = Filters()) -> str:  # noqa: B008  (frozen: safe to share)
    """The DOT source of diagram `org` or `responsibility`. Raises ValueError for unknown views or filters."""
    if view not in DIAGRAMS:
        raise ValueError(f"unknown diagram `{view}`; choose one of {', '.join(DIAGRAMS)}")
    index = PlanIndex(plan)
    filters = filters.resolved(index)
    return org(index, filters) if view == "org" else responsibility(index, filters)


def _unit_node(index: PlanIndex, name: str) -> dict[str, str]:
    unit = index.unit(name)
    lines = [name]
    if unit and unit.full_name and unit.full_name != name:
        lines.append(unit.full_name)
    if unit and unit.levels:
        lines.append("·".join(unit.levels))
    values: dict[str, str] = {"label": Raw(label("\n".join(lines), 24))}
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


def _timing(item: Report) -> str:
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
        if filters.unit and filters.unit not in (entry.target, *entry.senders):
            continue
        text = "\n".join(part for part in (entry.report.content or "汇报", _timing(entry.report)) if part)
        values = {**REPORT_EDGE, "label": Raw(label(text, 24))}
        if entry.by_role_reference:
            tail = ids.get(LEAD_REFERENCE) or _lead_reference(builder, index, entry, node)
            ids[LEAD_REFERENCE] = tail
        else:
            tail = node(entry.source)
        builder.edge(tail, node(entry.target), values)
    for overseer, lead in _oversight_pairs(index, filters):
        # Only a unit overseeing itself is labelled: the legend explains the rest, and
        # one "监督" per edge piles up when a unit oversees many.
        mark = "监督自身" if overseer == lead else None
        builder.edge(node(overseer), node(lead), {**OVERSIGHT_EDGE, "label": mark})
    _org_legend(builder)
    return builder.text()


def _lead_reference(builder: Builder, index: PlanIndex, entry: ResolvedReport, node: Callable[[str], str]) -> str:
    """`牵头单位 -> …`: one node standing for every lead unit, joined to each by a thin line."""
    builder.node("leads", {"label": Raw(label("各牵头单位", 18)), "shape": "box", "style": "rounded,dashed"})
    for name in entry.senders:
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


def _legend(builder: Builder, samples: Sequence[tuple[str, Mapping[str, str]]], words_on_edges: bool = True) -> None:
    """A sample edge per style. `words_on_edges=False` writes each word in a node before its line:
    a labelled edge makes dot add a rank for labels, so every other edge would span two ranks
    and get a virtual node (it doubled the height of the 100-task responsibility diagram)."""
    builder.open("subgraph cluster_legend")
    builder.defaults("graph", {"label": "图例", "style": "rounded", "color": "#A6A6A6", "fontsize": "12"})
    builder.defaults("node", {"shape": "point", "style": "invis", "label": "", "width": "0.05", "height": "0.05"})
    for number, (text, style) in enumerate(samples, start=1):
        word: dict[str, str] = {} if words_on_edges else {"shape": "plaintext", "style": "solid", "label": text, "fontsize": "11", "width": "0", "height": "0", "margin": "0.02"}
        builder.node(f"legend{number}a", word)
        builder.node(f"legend{number}b", {})
        values = {**style, "label": text, "fontsize": "11"} if words_on_edges else dict(style)
        builder.edge(f"legend{number}a", f"legend{number}b", {**values, "constraint": "true"})
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
        {"rankdir": "LR", "nodesep": "0.3", "ranksep": "1.6", "newrank": "true"},
        {"shape": "box", "fontsize": "11", "margin": "0.12,0.05"},
        {"arrowsize": "0.7"},
    )
    _title(builder, index, "责任分工图")
    chosen = _selected(index, filters)
    units = _units_by_first_lead(index, chosen)
    unit_ids = {name: f"u{number}" for number, name in enumerate(units, start=1)}
    for name in units:
        builder.node(unit_ids[name], _unit_node(index, name))
    blocks = _blocks(chosen)
    width = max((_width(block) for block in blocks), default=0)
    ports: Ports = {}
    for number, block in enumerate(blocks, start=1):
        node_id = f"b{number}"
        table = _block_label(block, node_id, ports, width)
        builder.node(node_id, {"shape": "plaintext", "margin": "0", "label": Raw(f"<{table}>")})
    # One node per top-level section, all in one column, kept in document order by an
    # invisible chain between plain nodes (chains between tasks in clusters did not hold).
    order = [f"b{number}" for number in range(1, len(blocks) + 1)]
    if len(order) > 1:
        builder.add("{rank=same; " + "; ".join(order) + ";}")
        for tail, head in zip(order, order[1:]):
            builder.edge(tail, head, {"style": "invis"})
    drawn: set[tuple[str, Role, int]] = set()
    for entry, kept in chosen:
        for holder in kept:
            values = dict(ROLE_EDGES[holder.role])
            node_id, port = ports[id(entry)]
            if holder.inherited:
                key = (holder.unit, holder.role, id(holder.source))
                if key in drawn:
                    continue
                drawn.add(key)
                node_id, port = ports[("section", id(holder.source))]  # drawn once, to the section's heading row
            builder.edge(unit_ids[holder.unit], node_id, {**values, "headport": f"{port}:w"})
    samples = [(ROLE_WORDS[role], {k: v for k, v in style.items() if k != "constraint"}) for role, style in ROLE_EDGES.items()]
    _legend(builder, samples, words_on_edges=False)
    return builder.text()


def _units_by_first_lead(index: PlanIndex, chosen: Sequence[Selected]) -> list[str]:
    """The units drawn, ordered by the first task they lead, then by the first task they hold any role on.

    Starting dot's crossing minimisation from the tasks' order keeps lead edges short and parallel.
    """
    first_lead: dict[str, int] = {}
    first_any: dict[str, int] = {}
    for number, (_entry, kept) in enumerate(chosen):
        for holder in kept:
            first_any.setdefault(holder.unit, number)
            if holder.role is Role.LEAD:
                first_lead.setdefault(holder.unit, number)
    declared = {name: number for number, name in enumerate(index.unit_order())}
    return sorted(first_any, key=lambda name: (first_lead.get(name, len(chosen)), first_any[name], declared.get(name, 0)))


class _Block:
    """A section (None: tasks outside any section) with its tasks and subsections, in document order."""

    def __init__(self, section: Section | None) -> None:
        self.section = section
        self.items: list[tuple[int, ResolvedTask] | _Block] = []  # (task number, entry) or _Block


def _blocks(chosen: Iterable[Selected]) -> list[_Block]:
    """The chosen tasks as a tree of sections; the top level becomes one node each."""
    top: list[_Block] = []
    open_blocks: list[_Block] = []
    for number, (entry, _) in enumerate(chosen, start=1):
        chain: list[Section | None] = list(entry.sections) or [None]
        keep = 0
        while keep < min(len(open_blocks), len(chain)) and open_blocks[keep].section is chain[keep]:
            keep += 1
        del open_blocks[keep:]
        for section in chain[keep:]:
            block = _Block(section)
            (open_blocks[-1].items if open_blocks else top).append(block)
            open_blocks.append(block)
        open_blocks[-1].items.append((number, entry))
    return top


#: Section tables: frame colour, and the space one level of nesting takes on each side
#: (the table's border and cell spacing, in points).
_SECTION_COLOUR = "#8EA9DB"
_INSET = 5
_GAP = "#C00000"
#: Wrapping, in display cells, and the minimum width of a task row in points (26 cells at 11 pt fit).
_TASK_CELLS, _TASK_WIDTH = 26, 170
_HEADING_CELLS = 30
_HEADING_SIZES = (14, 11)  # top-level heading, nested heading


def _heading(section: Section) -> str:
    return numbered(section.number, section.title)


def _width(block: _Block, depth: int = 0) -> int:
    """Points the table of `block` needs: an estimate (a display cell is at most 0.55 em in
    Noto Sans CJK), used so that every section table gets one width and they line up."""
    inset = 2 * _INSET * (depth + 1)
    need = [_TASK_WIDTH + inset]
    if block.section is not None:
        size = _HEADING_SIZES[0 if depth == 0 else 1]
        cells = max(display_width(line) for line in wrap(_heading(block.section), _HEADING_CELLS))
        need.append(round(cells * 0.55 * size) + 6 + inset)
    need += [_width(item, depth + 1) for item in block.items if isinstance(item, _Block)]
    return max(need)


def _block_label(block: _Block, node_id: str, ports: Ports, width: int, depth: int = 0) -> str:
    """An HTML-like table `width` points wide: the heading row, then one row per task or nested
    subsection, in document order. A subsection is a table in a row: a frame inside the frame.

    Records in `ports` where each task (by `id(entry)`) and each section heading (by `("section", id(section))`) is.
    """
    rows: list[str] = []
    inner = width - 2 * _INSET  # every cell fills the column, so rows and frames line up
    if block.section is not None:
        port = f"h{sum(1 for key in ports if isinstance(key, tuple)) + 1}"
        ports[("section", id(block.section))] = (node_id, port)
        heading = html_lines(_heading(block.section), _HEADING_CELLS)
        text = f'<FONT POINT-SIZE="{_HEADING_SIZES[0]}">{heading}</FONT>' if depth == 0 else f"<B>{heading}</B>"
        rows.append(f"<TD{html_attributes({'PORT': port, 'ALIGN': 'LEFT', 'BALIGN': 'LEFT', 'WIDTH': inner})}>{text}</TD>")
    for item in block.items:
        if isinstance(item, _Block):
            rows.append(f'<TD CELLPADDING="0" WIDTH="{inner}">{_block_label(item, node_id, ports, inner, depth + 1)}</TD>')
        else:
            number, entry = item
            ports[id(entry)] = (node_id, f"t{number}")
            rows.append(_task_cell(entry, number, inner))
    frame = {"BORDER": "1" if block.section is not None else "0", "STYLE": "rounded", "COLOR": _SECTION_COLOUR, "WIDTH": str(width)}
    if depth == 0:
        frame["BGCOLOR"] = "#FFFFFF"
    table = {**frame, "CELLBORDER": "0", "CELLSPACING": str(_INSET - 1), "CELLPADDING": "3"}
    return f"<TABLE{html_attributes(table)}>" + "".join(f"<TR>{row}</TR>" for row in rows) + "</TABLE>"


def _task_cell(entry: ResolvedTask, number: int, width: int) -> str:
    task = entry.task
    text = f"{task.number} {task.title}" if task.number else task.title
    timing = " · ".join(str(value) for value in (task.cadence, task.due) if value is not None)
    if timing:
        text += f"\n({timing})"
    lines = html_lines(text, _TASK_CELLS)
    cell: dict[str, str | int] = {"PORT": f"t{number}", "ALIGN": "LEFT", "BALIGN": "LEFT", "WIDTH": width, "BORDER": "1", "COLOR": "#595959"}
    if not entry.units(Role.LEAD):  # a gap the reader should see
        cell.update(COLOR=_GAP, BORDER="2", TOOLTIP="无牵头单位")
        lines = f'<FONT COLOR="{_GAP}">{lines}</FONT>'
    return f"<TD{html_attributes(cell)}>{lines}</TD>"

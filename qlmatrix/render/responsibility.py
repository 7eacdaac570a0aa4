"""The responsibility diagram as DOT text: units on the left, tasks on the right in document order.

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
tasks); the legend is a line of the graph's label (see `graphstyle`).

A plan too long for one page is drawn in parts, one per top-level section
or carrier (`parts`): each part has only the units that hold a role in it,
so a unit supporting every carrier no longer sends a dashed line down the
whole height.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple, TypeAlias

from ..model import Role, Section
from ..span import display_width
from .dot import Builder, Raw, attributes, font_defaults, html_attributes, html_lines
from .graphstyle import ROLE_EDGES, SELF_OVERSIGHT, role_samples, title_label, unit_node
from .linebreak import wrap
from .roles import PlanIndex, ResolvedTask
from .table import numbered
from .views import Filters, keep_whole


class Ports(dict[int | tuple[str, int], tuple[str, str]]):
    """Where each task (by `id(entry)`) and each section heading (by `("section", id(section))`)
    is drawn: (node id, port); `heads` counts the headings (a count kept, not one taken per heading)."""

    def __init__(self) -> None:
        super().__init__()
        self.heads = 0


class Edge(NamedTuple):
    """One edge of the diagram: a unit holding a role on a task, as `qlmatrix.resolve` answers it.

    A plain tuple instead of the resolution's `Holding`, which the diagram never needs: a `Holding`
    carries the assignment as written, made (with its `Assignment` and `Ref`) on every access, and
    that was a quarter of the time of the 1k-task diagram (docs/performance.md, 6a, seventh round)."""

    role: Role
    unit: str
    #: The section the role is inherited from (`ResolvedTask.origin`); None for the task's own.
    source: Section | None


#: A task the filters keep, with the edges they keep to it.
Selected: TypeAlias = tuple[ResolvedTask, tuple[Edge, ...]]


def _selected(index: PlanIndex, filters: Filters) -> list[Selected]:
    """Tasks in the section filter with the edges the filters keep, as `views._selected` keeps
    holdings: with a unit or role filter, tasks keeping no edge drop out; without, every task
    stays, unassigned ones included, so gaps show."""
    chosen: list[Selected] = []
    narrows = filters.narrows_holders
    scoped = filters.scope is not None
    for entry in index.tasks:
        if scoped and not filters.in_section(entry.sections):
            continue
        pairs = entry.pairs()
        # A role is the task's own or inherited from one section (`origin`): asked only of roles
        # the task does not name itself, which on most tasks is none.
        own = entry.own_pairs()
        sources: dict[Role, Section | None] = {role: None for role, _ in own}
        edges = []
        for role, unit in pairs:
            if narrows and not filters.keeps_pair(role, unit):
                continue
            if role not in sources:
                sources[role] = entry.origin(role)
            edges.append(Edge(role, unit, sources[role]))
        if edges or not narrows:
            chosen.append((entry, tuple(edges)))
    return chosen


#: A part with more tasks, or more units, than these is drawn as one part per subsection (when
#: it has any): the units stand in one column, and 20 of them outgrow an A4 page.
PART_TASKS, PART_UNITS = 12, 16


def parts(index: PlanIndex, filters: Filters) -> list[tuple[str, list[Selected]]]:
    """The chosen tasks in parts, in document order, each with its heading: one part per top-level
    section or carrier, and a section of more than `PART_TASKS` tasks or `PART_UNITS` units one
    part per subsection;
    tasks outside any section form their own part."""
    return _gaps_together(_split(list(_selected(index, filters)), 0))


def _split(chosen: list[Selected], depth: int) -> list[tuple[str, list[Selected]]]:
    groups: list[tuple[Section | None, list[Selected]]] = []
    for item in chosen:
        sections = item[0].sections
        section = sections[depth] if len(sections) > depth else None
        if not groups or groups[-1][0] is not section:
            groups.append((section, []))
        groups[-1][1].append(item)
    found: list[tuple[str, list[Selected]]] = []
    for section, items in groups:
        deeper = any(len(entry.sections) > depth + 1 for entry, _ in items)
        units = {holder.unit for _, kept in items for holder in kept}
        if section is not None and deeper and (len(items) > PART_TASKS or len(units) > PART_UNITS):
            found += _split(items, depth + 1)
            continue
        chain = items[0][0].sections[: depth + 1] if section is not None else items[0][0].sections[:depth]
        found.append((" / ".join(_heading(link) for link in chain) or "其他任务", items))
    return found


def _gaps_together(found: list[tuple[str, list[Selected]]]) -> list[tuple[str, list[Selected]]]:
    """Neighbouring parts in which no task has any unit become one part (`主要目标至四、…`): a page
    each for a few red boxes with no line to them is a waste of paper."""
    merged: list[tuple[str, list[Selected]]] = []
    first = ""
    for name, chosen in found:
        empty = not any(kept for _, kept in chosen)
        if merged and empty and merged[-1][1] and not any(kept for _, kept in merged[-1][1]):
            merged[-1] = (f"{first}至{name}", merged[-1][1] + chosen)
            continue
        first = name
        merged.append((name, chosen))
    return merged


def responsibility(index: PlanIndex, filters: Filters, chosen: Sequence[Selected] | None = None,
                   part: str | None = None) -> str:
    """The diagram of `chosen` (default: every task the filters keep); `part` names it in the title."""
    builder = Builder("responsibility")
    keep = keep_whole(index)
    chosen = list(_selected(index, filters) if chosen is None else chosen)
    self_overseers = _self_overseers(chosen)
    font_defaults(
        builder,
        {"rankdir": "LR", "nodesep": "0.3", "ranksep": "1.6", "newrank": "true",
         "label": title_label(index, "责任分工图", _legend(chosen, bool(self_overseers)), keep | _headings(chosen), part),
         "labelloc": "t"},
        {"shape": "box", "fontsize": "11", "margin": "0.12,0.05"},
        {"arrowsize": "0.7"},
    )
    units = _units_by_first_lead(index, chosen)
    unit_ids = {name: f"u{number}" for number, name in enumerate(units, start=1)}
    for name in units:
        builder.node(unit_ids[name], unit_node(index, name, keep, name in self_overseers))
    blocks = _blocks(chosen)
    width = max((_width(block, keep) for block in blocks), default=0)
    ports = Ports()
    for number, block in enumerate(blocks, start=1):
        node_id = f"b{number}"
        table = _block_label(block, node_id, ports, width, keep)
        builder.node(node_id, {"shape": "plaintext", "margin": "0", "label": Raw(f"<{table}>")})
    # One node per top-level section, all in one column, kept in document order by an
    # invisible chain between plain nodes (chains between tasks in clusters did not hold).
    order = [f"b{number}" for number in range(1, len(blocks) + 1)]
    if len(order) > 1:
        builder.add("{rank=same; " + "; ".join(order) + ";}")
        for tail, head in zip(order, order[1:]):
            builder.edge(tail, head, {"style": "invis"})
    drawn: set[tuple[str, Role, int]] = set()
    roles: set[Role] = set()  # whose edges are drawn, so that the edge defaults declare their attributes
    add = builder.add
    for entry, kept in chosen:
        for holder in kept:
            node_id, port = ports[id(entry)]
            if holder.source is not None:
                key = (holder.unit, holder.role, id(holder.source))
                if key in drawn:
                    continue
                drawn.add(key)
                node_id, port = ports[("section", id(holder.source))]  # drawn once, to the section's heading row
            # `builder.edge` with the role's style and `headport` last, quoted once per role: ids and
            # ports are synthetic ASCII (`u3`, `b2`, `t17`), which DOT takes quoted as they are.
            add(f'{unit_ids[holder.unit]} -> {node_id} [{_EDGE_STYLES[holder.role]}headport="{port}:w"];')
            roles.add(holder.role)
    builder.edge_attributes({"headport", *(name for role in roles for name in ROLE_EDGES[role])} if roles else ())
    return builder.text()


#: Each role's edge attributes as `attributes` writes them, up to the `headport` that follows.
_EDGE_STYLES = {role: attributes(values)[2:-1] + ", " for role, values in ROLE_EDGES.items()}


def _self_overseers(chosen: Iterable[Selected]) -> set[str]:
    """Units that oversee a task they lead (E303): marked on their own box, as in the org chart."""
    found: set[str] = set()
    for entry, _ in chosen:
        overseers = entry.oversee
        if overseers:
            leads = entry.leads
            found.update(unit for unit in overseers if unit in leads)
    return found


def _legend(chosen: Sequence[Selected], self_oversight: bool) -> list[tuple[str, str, str]]:
    samples = role_samples(_roles_drawn(chosen))
    if self_oversight:
        samples.append(SELF_OVERSIGHT)
    if any(entry.lead is None for entry, _ in chosen):
        samples.append(("□", _GAP, "红框：无牵头单位"))
    return samples


def _roles_drawn(chosen: Iterable[Selected]) -> list[Role]:
    """The roles some edge of the diagram shows, in role order: the legend names only those."""
    held = {holder.role for _, kept in chosen for holder in kept}
    return [role for role in Role if role in held]


def _headings(chosen: Iterable[Selected]) -> frozenset[str]:
    """The section headings of `chosen`: a part's title breaks between them, never inside one."""
    chains = {id(entry.sections): entry.sections for entry, _ in chosen}  # tasks of a section share the tuple
    sections = {id(section): section for chain in chains.values() for section in chain}
    return frozenset(_heading(section) for section in sections.values())


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


def _width(block: _Block, keep: frozenset[str], depth: int = 0) -> int:
    """Points the table of `block` needs: an estimate (a display cell is at most 0.55 em in
    Noto Sans CJK), used so that every section table gets one width and they line up."""
    inset = 2 * _INSET * (depth + 1)
    need = [_TASK_WIDTH + inset]
    if block.section is not None:
        size = _HEADING_SIZES[0 if depth == 0 else 1]
        cells = max(display_width(line) for line in wrap(_heading(block.section), _HEADING_CELLS, keep))
        need.append(round(cells * 0.55 * size) + 6 + inset)
    need += [_width(item, keep, depth + 1) for item in block.items if isinstance(item, _Block)]
    return max(need)


def _block_label(block: _Block, node_id: str, ports: Ports, width: int, keep: frozenset[str], depth: int = 0) -> str:
    """An HTML-like table `width` points wide: the heading row, then one row per task or nested
    subsection, in document order. A subsection is a table in a row: a frame inside the frame.

    Records in `ports` where each task (by `id(entry)`) and each section heading (by `("section", id(section))`) is.
    """
    rows: list[str] = []
    inner = width - 2 * _INSET  # every cell fills the column, so rows and frames line up
    if block.section is not None:
        key = ("section", id(block.section))
        port = f"h{ports.heads + 1}"  # headings are numbered across the diagram: h1, h2, …
        if key not in ports:
            ports.heads += 1
        ports[key] = (node_id, port)
        heading = html_lines(_heading(block.section), _HEADING_CELLS, keep)
        text = f'<FONT POINT-SIZE="{_HEADING_SIZES[0]}">{heading}</FONT>' if depth == 0 else f"<B>{heading}</B>"
        rows.append(f"<TD{html_attributes({'PORT': port, 'ALIGN': 'LEFT', 'BALIGN': 'LEFT', 'WIDTH': inner})}>{text}</TD>")
    for item in block.items:
        if isinstance(item, _Block):
            rows.append(f'<TD CELLPADDING="0" WIDTH="{inner}">{_block_label(item, node_id, ports, inner, keep, depth + 1)}</TD>')
        else:
            number, entry = item
            ports[id(entry)] = (node_id, f"t{number}")
            rows.append(_task_cell(entry, number, inner, keep))
    frame = {"BORDER": "1" if block.section is not None else "0", "STYLE": "rounded", "COLOR": _SECTION_COLOUR, "WIDTH": str(width)}
    if depth == 0:
        frame["BGCOLOR"] = "#FFFFFF"
    table = {**frame, "CELLBORDER": "0", "CELLSPACING": str(_INSET - 1), "CELLPADDING": "3"}
    return f"<TABLE{html_attributes(table)}>" + "".join(f"<TR>{row}</TR>" for row in rows) + "</TABLE>"


def _task_cell(entry: ResolvedTask, number: int, width: int, keep: frozenset[str]) -> str:
    task = entry.task
    text = f"{task.number} {task.title}" if task.number else task.title
    timing = " · ".join(str(value) for value in (task.cadence, task.due) if value is not None)
    if timing:
        text += f"\n（{timing}）"
    lines = html_lines(text, _TASK_CELLS, keep)
    # The cell's attributes as `html_attributes` writes them, spelt out: a port and a width need no escaping.
    if entry.lead is None:  # a gap the reader should see
        return (f'<TD PORT="t{number}" ALIGN="LEFT" BALIGN="LEFT" WIDTH="{width}" BORDER="2" COLOR="{_GAP}"'
                f' TOOLTIP="无牵头单位"><FONT COLOR="{_GAP}">{lines}</FONT></TD>')
    return f'<TD PORT="t{number}" ALIGN="LEFT" BALIGN="LEFT" WIDTH="{width}" BORDER="1" COLOR="#595959">{lines}</TD>'

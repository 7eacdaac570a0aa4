"""The org chart as DOT text: the unit hierarchy, reporting lines and oversight.

Hierarchy edges go from 上级 to 下级. The chart is laid out top-down or
left-to-right, whichever gives a picture nearer the A4 page's √2 (a city
plan's 市委 with ten departments is ten boxes wide top-down, 5.7:1; left to
right they stack, about 1.4:1); the estimate comes from the boxes' text.

Reporting lines are labelled with what, how often, by when and in what form.
A report from a role reference (`牵头单位 -> 领导小组办公室`) starts from one
box `各牵头单位（N 个）` set beside its recipient: it stands for the lead units
without a line to each, which crossed the whole chart. A report between units
outside the hierarchy (collectives such as 各级党委 → 上一级党委) steers the
layout, so the two stand together. Oversight is a dotted edge from the
supervising unit to each unit leading what it oversees; a unit that oversees
what it leads gets `※监督自身` and a double red frame on its own box (a self-
loop's label landed on a neighbouring edge and read as oversight of another
unit). Collectives (各级党委, 其他责任单位) with no line to anything are not
drawn as floating boxes; a note under the title names them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import LEAD_REFERENCE, Role
from ..span import display_width
from .dot import Builder, Raw, font_defaults, label
from .graphstyle import (
    HIERARCHY_EDGE,
    HIERARCHY_SAMPLE,
    OVERSIGHT_EDGE,
    OVERSIGHT_SAMPLE,
    REPORT_EDGE,
    REPORT_SAMPLE,
    SELF_OVERSIGHT,
    title_label,
    unit_node,
)
from .linebreak import wrap
from .roles import PlanIndex, ResolvedReport
from .views import Filters, _selected, keep_whole

#: The node font size and box margins (points) the size estimate assumes; dot is given the same.
_FONT_PT, _MARGIN_X, _MARGIN_Y = 12, 11, 4
_NODESEP, _RANKSEP = 0.3, 0.55  # inches
_LABEL_CELLS = 24


def org(index: PlanIndex, filters: Filters) -> str:
    keep = keep_whole(index)
    pairs = _oversight_pairs(index, filters)
    self_overseers = {overseer for overseer, lead in pairs if overseer == lead}
    reports = [entry for entry in index.reports if _drawn(entry, filters)]
    related = _related(index, reports, pairs)
    parent_of = {unit.name: index.canonical(unit.parent.name) for unit in index.units if unit.parent is not None}
    linked = related | set(parent_of) | set(parent_of.values())
    shown = [unit.name for unit in index.units if not unit.collective or unit.name in linked]
    left_out = [unit.name for unit in index.units if unit.name not in shown]

    note = "未画出（与图中单位无上下级、汇报或监督关系）：" + "、".join(left_out) if left_out else None
    builder = Builder("org")
    depth = _depths(shown, parent_of)
    rankdir = _rankdir(index, shown, depth, keep)
    # The legend names what the chart draws.
    samples = [HIERARCHY_SAMPLE] + [REPORT_SAMPLE] * bool(reports)
    samples += [OVERSIGHT_SAMPLE] * any(overseer != lead for overseer, lead in pairs) + [SELF_OVERSIGHT] * bool(self_overseers)
    font_defaults(
        builder,
        {"rankdir": rankdir, "nodesep": str(_NODESEP), "ranksep": str(_RANKSEP), "newrank": "true",
         "label": title_label(index, "组织与汇报关系图", samples, keep, note=note), "labelloc": "t"},
        {"shape": "box", "fontsize": str(_FONT_PT), "margin": f"{_MARGIN_X / 72:.2f},{_MARGIN_Y / 72:.2f}"},
        {"fontsize": "10"},
    )
    ids: dict[str, str] = {}

    def node(name: str) -> str:
        if name not in ids:
            ids[name] = f"u{len(ids) + 1}"
            builder.node(ids[name], unit_node(index, name, keep, name in self_overseers))
        return ids[name]

    for name in shown:
        node(name)
    for name in shown:
        if name in parent_of:
            builder.edge(node(parent_of[name]), ids[name], HIERARCHY_EDGE)
    in_hierarchy = set(parent_of) | set(parent_of.values())
    # One line per pair of units: the reports between them (the same one named in several
    # sections, or two of them) share it, their texts one under the other.
    lines: dict[tuple[str, str], tuple[list[str], dict[str, str]]] = {}
    for entry in reports:
        assert entry.target is not None  # `_drawn` keeps only reports with a recipient
        text = "\n".join(part for part in (entry.report.content or "汇报", _timing(entry)) if part)
        head = node(entry.target)
        values = dict(REPORT_EDGE)
        if entry.by_role_reference:
            # A flat edge that constrains keeps the box next to its recipient in their rank.
            tail = ids.get(LEAD_REFERENCE) or _lead_reference(builder, entry, head)
            ids[LEAD_REFERENCE] = tail
        else:
            tail = node(entry.source)
            # Between units of the hierarchy a report must not move them; outside it, it places them.
            if entry.source in in_hierarchy or entry.target in in_hierarchy:
                values["constraint"] = "false"
        texts, _ = lines.setdefault((tail, head), ([], values))
        if text not in texts:
            texts.append(text)
    for (tail, head), (texts, values) in lines.items():
        builder.edge(tail, head, {**values, "label": Raw(label("\n".join(texts), 20, keep))})
    far_side = "e" if rankdir == "LR" else "s"
    for overseer, lead in pairs:
        if overseer != lead:
            values = dict(OVERSIGHT_EDGE)
            if depth.get(overseer) == depth.get(lead):  # siblings: arc round the far side, clear of the hierarchy
                values.update(tailport=far_side, headport=far_side)
            builder.edge(node(overseer), node(lead), values)
    return builder.text()


def _drawn(entry: ResolvedReport, filters: Filters) -> bool:
    if not filters.in_section(entry.sections) or entry.target is None:
        return False
    return not filters.unit or filters.unit in (entry.target, *entry.senders)


def _timing(entry: ResolvedReport) -> str:
    report = entry.report
    return " · ".join(str(value) for value in (report.cadence, report.due, report.form) if value is not None)


def _related(index: PlanIndex, reports: Iterable[ResolvedReport], pairs: Iterable[tuple[str, str]]) -> set[str]:
    """Units at either end of a report or an oversight edge."""
    names: set[str] = set()
    for entry in reports:
        names.add(index.canonical(entry.target or ""))
        if not entry.by_role_reference:
            names.add(entry.source)
    for overseer, lead in pairs:
        names.update((overseer, lead))
    return names


def _lead_reference(builder: Builder, entry: ResolvedReport, head: str) -> str:
    """`牵头单位 -> …`: one box for every lead unit, set beside the recipient (same rank)."""
    count = len(entry.senders)
    text = f"各牵头单位（{count}个）" if count else "各牵头单位"
    builder.node("leads", {"label": Raw(label(text, 18)), "shape": "box", "style": "rounded,dashed"})
    builder.add(f"{{rank=same; leads; {head};}}")
    return "leads"


def _oversight_pairs(index: PlanIndex, filters: Filters) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    # The section filter only (its resolved scope with it: `Filters(filters.section)` alone kept every
    # section); the unit filter keeps the pairs it is one end of, below.
    for entry, _ in _selected(index, Filters(filters.section, scope=filters.scope)):
        for overseer in entry.units(Role.OVERSEE):
            for lead in entry.units(Role.LEAD):
                if (overseer, lead) not in pairs and filters.unit in (None, overseer, lead):
                    pairs.append((overseer, lead))
    return pairs


def _box(index: PlanIndex, name: str, keep: frozenset[str]) -> tuple[float, float]:
    """A unit box's estimated size in inches: a display cell is about 0.55 em of Noto Sans CJK."""
    unit = index.unit(name)
    text = "\n".join([name, *([unit.full_name] if unit and unit.full_name and unit.full_name != name else [])])
    lines = wrap(text, _LABEL_CELLS, keep)
    wide = max(display_width(line) for line in lines) * 0.55 * _FONT_PT + 2 * _MARGIN_X
    high = len(lines) * 1.25 * _FONT_PT + 2 * _MARGIN_Y
    return wide / 72, high / 72


def _depths(shown: Iterable[str], parent_of: dict[str, str]) -> dict[str, int]:
    """How many 上级 each unit has above it (a cycle, which the checks report, counts once)."""
    depth: dict[str, int] = {}
    for name in shown:
        chain = [name]
        while chain[-1] in parent_of and parent_of[chain[-1]] not in chain and chain[-1] not in depth:
            chain.append(parent_of[chain[-1]])
        base = depth.get(chain[-1], 0)
        for number, link in enumerate(reversed(chain)):
            depth.setdefault(link, base + number)
    return depth


def _rankdir(index: PlanIndex, shown: list[str], depth: dict[str, int], keep: frozenset[str]) -> str:
    """`TB` or `LR`, whichever makes the chart's estimated shape nearer √2 (either way up)."""
    ranks: dict[int, list[tuple[float, float]]] = {}
    for name in shown:
        ranks.setdefault(depth[name], []).append(_box(index, name, keep))
    if not ranks:
        return "TB"
    across = max(sum(w for w, _ in boxes) + _NODESEP * (len(boxes) - 1) for boxes in ranks.values())
    down = sum(max(h for _, h in boxes) for boxes in ranks.values()) + _RANKSEP * (len(ranks) - 1)
    across_lr = max(sum(h for _, h in boxes) + _NODESEP * (len(boxes) - 1) for boxes in ranks.values())
    down_lr = sum(max(w for w, _ in boxes) for boxes in ranks.values()) + _RANKSEP * 1.6 * (len(ranks) - 1)

    def misfit(width: float, height: float) -> float:
        ratio = max(width, height) / max(min(width, height), 0.1)
        return abs(ratio - 2 ** 0.5)

    return "TB" if misfit(across, down) <= misfit(down_lr, across_lr) else "LR"

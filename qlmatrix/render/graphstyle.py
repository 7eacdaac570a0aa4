"""What both diagrams share: colours, edge styles, the unit node, and the title with its legend.

The legend is one line of the graph's label, under the title: a sample of
each line drawn in text (`━━▶ 牵头  ╌╌▶ 配合  ┈┈▶ 监督`), coloured as the
edges are. Each sample differs in shape as well as colour (bold, dashed,
dotted, open arrow), so it still reads in black and white; and it takes one
line, where a cluster of sample edges took a quarter to a third of the
height and, being nodes, moved the layout.

Labels wrap with `linebreak`: never inside a unit name or a phrase of the
plan, never after an opening quote or before closing punctuation; a title
is balanced so that no line holds a character alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Role, UnitKind
from ..raci import ROLE_WORDS
from .dot import Raw, html_text, label
from .linebreak import balanced
from .roles import PlanIndex

#: Looked up with a unit's kind, which may be None (undeclared kind): that gets the default fill.
KIND_FILLS: dict[UnitKind | None, str] = {
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
REPORT_EDGE = {"color": "#2E75B6", "fontcolor": "#1F4E79", "fontsize": "10"}
OVERSIGHT_EDGE = {"color": "#7030A0", "style": "dotted", "penwidth": "1.6", "constraint": "false"}
HIERARCHY_EDGE = {"color": "#595959", "arrowhead": "none"}

#: Each edge style drawn in text for the legend: (sample, colour).
ROLE_SAMPLES: dict[Role, tuple[str, str]] = {
    Role.LEAD: ("━━▶", "#C55A11"),
    Role.SUPPORT: ("╌╌▶", "#2E75B6"),
    Role.CONSULT: ("╌╌▷", "#548235"),
    Role.INFORM: ("──▶", "#7F7F7F"),
    Role.OVERSEE: ("┈┈▶", "#7030A0"),
}
HIERARCHY_SAMPLE = ("──", "#595959", "上级—下级")
REPORT_SAMPLE = ("──▶", "#2E75B6", "汇报（内容、频次）")
OVERSIGHT_SAMPLE = ("┈┈▶", "#7030A0", "监督")
#: A unit that oversees what it leads carries this mark, in its own box (not a self-loop).
SELF_OVERSIGHT_MARK = "※监督自身"
SELF_OVERSIGHT = ("※", "#C00000", "监督自身（监督者即牵头单位）")
#: The widest a title line gets, in display cells, before it is balanced over two lines.
TITLE_CELLS = 48


def role_samples(roles: Iterable[Role] = Role) -> list[tuple[str, str, str]]:
    return [(*ROLE_SAMPLES[role], ROLE_WORDS[role]) for role in roles]


def unit_node(index: PlanIndex, name: str, keep: frozenset[str], self_oversight: bool = False) -> dict[str, str]:
    """A unit's box: its name, its full name when different, and its levels when it spans several
    (a single level, such as 市, says nothing the chart does not, and stood alone on a third line)."""
    unit = index.unit(name)
    lines = [name]
    if unit and unit.full_name and unit.full_name != name:
        lines.append(unit.full_name)
    if unit and len(unit.levels) > 1:
        lines.append("·".join(unit.levels))
    if self_oversight:
        lines.append(SELF_OVERSIGHT_MARK)
    values: dict[str, str] = {"label": Raw(label("\n".join(lines), 24, keep))}
    if unit is None:
        values.update(style="dashed", color="#C00000", fontcolor="#C00000")  # named but never declared
    elif unit.collective:
        values.update(style="rounded,dashed,filled", fillcolor="#F2F2F2")
    else:
        values.update(style="filled", fillcolor=KIND_FILLS.get(unit.kind, "#FFFFFF"))
    if self_oversight:
        values.update(color="#C00000", penwidth="2", peripheries="2")  # a double frame: seen in black and white too
    return values


def title_label(index: PlanIndex, what: str, samples: Sequence[tuple[str, str, str]], keep: frozenset[str],
                part: str | None = None, note: str | None = None) -> Raw:
    """The graph's label: the plan's title and the diagram's name (balanced lines, no lone
    character), the part shown when split, the one-line legend, and a note in small grey type."""
    lines = balanced(index.plan.title, TITLE_CELLS, keep) if index.plan.title else []
    lines += [what] if part is None else balanced(f"{what}：{part}", TITLE_CELLS, keep)
    rows = [f'<TR><TD><FONT POINT-SIZE="18">{html_text(line)}</FONT></TD></TR>' for line in lines]
    legend = "　".join(f'<FONT COLOR="{colour}">{html_text(sample)}</FONT> {html_text(word)}' for sample, colour, word in samples)
    rows.append(f'<TR><TD><FONT POINT-SIZE="11">图例：{legend}</FONT></TD></TR>')
    if note:
        text = "<BR/>".join(html_text(line) for line in balanced(note, 2 * TITLE_CELLS, keep))
        rows.append(f'<TR><TD><FONT POINT-SIZE="10" COLOR="#595959">{text}</FONT></TD></TR>')
    return Raw('<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>")

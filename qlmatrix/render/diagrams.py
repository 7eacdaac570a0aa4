"""The two diagrams, as DOT text: the org chart (`orgchart`) and the responsibility diagram
(`responsibility`), whole or in parts; their shared look is in `graphstyle`.

`split="section"` draws the responsibility diagram as one graph per
top-level section or carrier: a plan of seven carriers and four areas is a
strip five A4 pages tall in one piece (1036 × 5725 px), and a planner puts
one part next to each 章 of the text. The org chart is always one graph: it
is laid out to fit a page instead (see `orgchart`).
"""

from __future__ import annotations

from ..model import Plan
from ..resolve import ResolvedPlan
from .orgchart import org
from .responsibility import parts, responsibility
from .roles import PlanIndex
from .views import Filters

DIAGRAMS = ("org", "responsibility")
SPLITS = ("none", "section")


def build(plan: Plan | ResolvedPlan, view: str, filters: Filters = Filters()) -> str:  # noqa: B008  (frozen: safe to share)
    """The DOT source of diagram `org` or `responsibility`. Raises ValueError for unknown views or filters."""
    return build_parts(plan, view, filters)[0][1]


def build_parts(plan: Plan | ResolvedPlan, view: str, filters: Filters = Filters(),  # noqa: B008
                split: str = "none") -> list[tuple[str, str]]:
    """The diagram as (part name, DOT source) pairs: one pair, named "", unless `split` is
    `section` (responsibility only), which gives one per top-level section or carrier."""
    if view not in DIAGRAMS:
        raise ValueError(f"unknown diagram `{view}`; choose one of {', '.join(DIAGRAMS)}")
    if split not in SPLITS:
        raise ValueError(f"unknown split `{split}`; choose one of {', '.join(SPLITS)}")
    index = PlanIndex(plan)
    filters = filters.resolved(index)
    if view == "org":
        if split != "none":
            raise ValueError("only the responsibility diagram is drawn in parts; the org chart is laid out to fit one page")
        return [("", org(index, filters))]
    if split == "none":
        return [("", responsibility(index, filters))]
    found = parts(index, filters)
    if not found:
        return [("", responsibility(index, filters))]
    return [(name, responsibility(index, filters, chosen, name)) for name, chosen in found]

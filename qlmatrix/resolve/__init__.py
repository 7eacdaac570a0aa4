"""One answer to "who is responsible for this task": the plan resolved.

    >>> import qlmatrix
    >>> plan = qlmatrix.loads('''
    ... 单位 市国资委党委、市纪委监委
    ... 载体 清廉企业 {
    ...   牵头: 市国资委党委
    ...   任务 (一) 完善国企监督体系 { 监督: 市纪委监委 }
    ... }
    ... ''')
    >>> task = qlmatrix.resolve(plan).tasks[0]
    >>> task.id, task.lead, task.oversee
    ('清廉企业(一)', '市国资委党委', ('市纪委监委',))
    >>> task.origin(qlmatrix.Role.LEAD).title
    '清廉企业'

`resolve(plan)` costs one pass over the plan; a caller that asks many
questions of one plan keeps the `ResolvedPlan` (checks and the renderers
each resolve once and share it between rules and views).
"""

from __future__ import annotations

from ..model import Plan
from .directory import UnitDirectory, similarity
from .plan import Holding, ResolvedPlan, ResolvedReport, ResolvedSection, ResolvedTask

__all__ = ["Holding", "ResolvedPlan", "ResolvedReport", "ResolvedSection", "ResolvedTask", "UnitDirectory",
           "resolve", "similarity"]

def resolve(plan: Plan, previous: ResolvedPlan | None = None) -> ResolvedPlan:
    """The resolved view of `plan`: effective roles, scopes, ids, the unit directory, expanded reports.

        resolved = resolve(plan)
        resolved.task("二(一)").lead        # the lead the 任务分工表 shows, inherited or not

    Raises nothing: every plan resolves (gaps and conflicts are the checks' business).

    `previous`, the resolution of an earlier version of the same file (an editor's last
    keystroke), saves walking again each top-level section that is the very same object in
    both plans, when every unit name means the same unit in both; the result is the one a
    fresh `resolve(plan)` gives (`qlmatrix.workspace.Workspace` passes it).
    """
    return ResolvedPlan(plan, previous)

"""Segregation of duties: every task overseen, and never by the unit that does it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Label, Severity
from ..model import Plan, Role
from ..text import Text
from .assignments import task_args, what
from .context import Context
from .registry import rule

if TYPE_CHECKING:
    from ..resolve import Holding, ResolvedSection, ResolvedTask

_REQUIRED = ("auto", "always", "never")

#: Self-oversight and an overseer that supports are one problem in two strengths: one fix, one label.
_SEGREGATION_HELPS = {"separate-oversight": Text(
    "let another body (the 党工委, a higher 纪委监委) oversee this task, or let another unit lead it",
    "请由其他机构（如党工委、上级纪委监委）监督该任务，或改由其他单位牵头")}
_SEGREGATION_LABELS = {"oversight-here": Text("oversight declared here", "监督在此声明")}


def _pairs(resolved: ResolvedSection | ResolvedTask, role: Role) -> Iterator[tuple[Holding, Holding]]:
    """(doer, overseer) holdings of one unit on one item, unless both are inherited
    (then the section they come from reports it, once)."""
    yield from resolved.both(role, Role.OVERSEE)


def _segregation(code: str, role: Role, context: Context) -> Iterator[Diagnostic]:
    for resolved in context.items_sharing_a_unit():  # a doer that oversees holds two roles
        for doer, overseer in _pairs(resolved, role):
            labels = [Label(overseer.span, "oversight-here")] if overseer.span else []
            yield Diagnostic(code, doer.span or resolved.span, labels=labels, help="separate-oversight",
                             args={"name": doer.assignment.unit.name, "what": what(resolved.item),
                                   "id": resolved.id})


@rule("E303", "self-oversight",
      message=("`{name}` oversees {what} `{id}`, which it leads", "`{name}`监督自己牵头的{what}`{id}`"),
      helps=_SEGREGATION_HELPS, labels=_SEGREGATION_LABELS)
def self_oversight(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a unit that oversees (`监督`) a task it leads, counting oversight a
    task inherits from its section.

    ## Why it matters
    Segregation of duties is the heart of 清廉 work: the body that checks a
    task must not be the body that carries it out.

    ## 作用
    查找监督（`监督`）自己牵头的任务的单位，从章继承的监督也计算在内。

    ## 为什么重要
    职责分离是清廉建设的核心：检查任务的机构不能就是执行任务的机构。

    ## Failing example
    ```qlm
    单位 纪监委
    章 二 建设清廉的政治生态 {
      监督: 纪监委
      任务 (四) 全面加强纪律建设 (责任单位:纪监委)
    }
    ```

    ## Fixed example
    ```qlm
    单位 纪监委、党工委
    章 二 建设清廉的政治生态 {
      监督: 党工委
      任务 (四) 全面加强纪律建设 (责任单位:纪监委)
    }
    ```

    ## Options
    None.
    """
    yield from _segregation("E303", Role.LEAD, context)


@rule("W304", "overseer-supports", Severity.WARNING,
      message=("`{name}` oversees {what} `{id}`, which it also supports", "`{name}`监督自己配合的{what}`{id}`"),
      helps=_SEGREGATION_HELPS, labels=_SEGREGATION_LABELS)
def overseer_supports(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a unit that oversees a task it also supports (`配合`).

    ## Why it matters
    A weaker form of self-oversight: the overseer shares the work it is to
    judge. Plans often list the discipline commission as a responsible unit
    and as the supervisor; the planner should decide that knowingly.

    ## 作用
    查找监督自己配合的任务的单位。

    ## 为什么重要
    较轻的自我监督：监督者分担了它要评判的工作。计划常把纪委监委既列为责任单位又列为监督单位，规划者应当有意识地作出决定。

    ## Failing example
    ```qlm
    单位 综合办、纪监委
    章 二 建设清廉的政治生态 {
      监督: 纪监委
      任务 (一) 全面强化政治建设 (责任单位:综合办、纪监委)
    }
    ```

    ## Fixed example
    ```qlm
    单位 综合办、纪监委、党群部
    章 二 建设清廉的政治生态 {
      监督: 纪监委
      任务 (一) 全面强化政治建设 (责任单位:综合办、党群部)
    }
    ```

    ## Options
    None.
    """
    yield from _segregation("W304", Role.SUPPORT, context)


def _required(plan: Plan, context: Context) -> bool:
    setting = str(context.option("W210", "required"))
    if setting == "auto":
        return any(s.section.units_in(Role.OVERSEE) for s in context.resolved.sections)
    return setting == "always"


@rule("W210", "unoverseen-task", Severity.WARNING, options={"required": "auto"},
      choices={"required": _REQUIRED},
      message=("nobody oversees task `{id}` `{title}`", "任务`{id}`“{title}”没有监督单位"),
      helps={"add-oversight": ("add `监督: <unit>` to the task or to its section", "请在任务或所在章中补充`监督: 单位名`")})
def unoverseen_task(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a task with responsible units but no overseer (`监督`), neither its
    own nor its section's, in a plan that assigns oversight.

    ## Why it matters
    Where a plan puts some areas under the discipline commission's
    supervision, an area left out is usually an omission, and a task led by
    the supervisor itself is exactly the one nobody checks.

    ## 作用
    在安排了监督的计划中，查找有责任单位但没有监督单位（自身和所在章都没有）的任务。

    ## 为什么重要
    计划把某些方面置于纪委监委监督之下时，遗漏的方面通常是疏忽；由监督者自己牵头的任务恰恰最无人检查。

    ## Failing example
    ```qlm
    单位 纪监委、党工委
    章 三 打造清廉发展环境 {
      监督: 纪监委
      任务 (一) 全面打造清风干部队伍 (责任单位:党工委)
    }
    章 四 强化组织保障 {
      任务 (三) 严格督查问责 { 牵头: 纪监委 }
    }
    ```

    ## Fixed example
    ```qlm
    单位 纪监委、党工委
    章 三 打造清廉发展环境 {
      监督: 纪监委
      任务 (一) 全面打造清风干部队伍 (责任单位:党工委)
    }
    章 四 强化组织保障 {
      任务 (三) 严格督查问责 { 牵头: 纪监委; 监督: 党工委 }
    }
    ```

    ## Options
    - `required` (`"auto"`, `"always"` or `"never"`, default `"auto"`): `auto`
      asks for oversight only when some section or carrier of the plan
      declares `监督`; `always` asks for it on every task; `never` turns the rule off.
      Tasks with no responsible unit are left to `task-without-unit`.
    """
    if not _required(plan, context):
        return
    for task in context.resolved.tasks:
        if task.has_holdings and not task.oversee:
            yield Diagnostic("W210", task.span, args=task_args(task), help="add-oversight")

"""Who does each task: a responsible unit, exactly one lead, no unit in two roles, no overloaded unit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from ..diagnostics import Diagnostic, Label, Severity
from ..model import Plan, Role, Section
from ..resolve import ResolvedTask
from ..text import Text
from .context import Context
from .registry import rule

if TYPE_CHECKING:
    from ..model import Assignment, Task

_ROLE_WORDS = {
    Role.LEAD: ("a lead", "牵头单位"),
    Role.SUPPORT: ("a supporting unit", "配合单位"),
    Role.CONSULT: ("a consulted unit", "会同单位"),
    Role.INFORM: ("a unit kept informed", "报送单位"),
    Role.OVERSEE: ("an overseer", "监督单位"),
}


def role_word(role: Role) -> Text:
    return Text(*_ROLE_WORDS[role])


def what(item: Task | Section) -> str:
    if isinstance(item, Section):
        return "carrier" if item.kind.value == "carrier" else "section"
    return "task"


def short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def task_args(task: ResolvedTask) -> dict[str, str]:
    return {"id": task.id, "title": short(task.title)}


@rule("W201", "task-without-unit", Severity.WARNING,
      message=("task `{id}` `{title}` names no responsible unit", "任务`{id}`“{title}”未明确责任单位"),
      helps={"name-unit": ("add `(责任单位:A、B)` or a `牵头:` entry; the first unit listed in 责任单位 leads",
                           "请补充`(责任单位:A、B)`或`牵头:`；责任单位中列第一位的为牵头单位")})
def task_without_unit(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a task that no unit is responsible for: no `责任单位` annotation, no
    `牵头`/`配合`/`监督` entry, and none inherited from its carrier or section.

    ## Why it matters
    A duty nobody owns is a duty nobody does. Documents often end with
    organisational duties (加大宣传力度, 发挥主流媒体作用) that name no unit.

    ## 作用
    查找没有任何单位负责的任务：既无`责任单位`标注，也无`牵头`/`配合`/`监督`，也没有从所在载体或章继承。

    ## 为什么重要
    无人负责的事就是无人去做的事。文件末尾的组织保障类任务（加大宣传力度、发挥主流媒体作用）常常不写单位。

    ## Failing example
    ```qlm
    单位 党群部
    章 四 强化清廉建设组织保障 {
      任务 (四) 加大宣传力度
    }
    ```

    ## Fixed example
    ```qlm
    单位 党群部
    章 四 强化清廉建设组织保障 {
      任务 (四) 加大宣传力度 (责任单位:党群部)
    }
    ```

    ## Options
    None.
    """
    for task in context.resolved.tasks:
        if not task.has_holdings:
            yield Diagnostic("W201", task.span, args=task_args(task), help="name-unit")


@rule("W202", "task-without-lead", Severity.WARNING,
      message=("task `{id}` `{title}` has responsible units but no lead", "任务`{id}`“{title}”有责任单位，但没有牵头单位"),
      helps={"name-lead": ("add `牵头: <unit>`, or list the lead first in `责任单位`",
                           "请补充`牵头: 单位名`，或在`责任单位`中把牵头单位列在第一位")})
def task_without_lead(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a task that has units (supporting, consulted, overseeing) but no lead.

    ## Why it matters
    Without a 牵头单位 every unit can wait for another: the 任务分工表 needs
    one unit that answers for the task.

    ## 作用
    查找有责任单位（配合、会同、监督）但没有牵头单位的任务。

    ## 为什么重要
    没有牵头单位，各单位都可能互相等待：任务分工表需要一个对任务负总责的单位。

    ## Failing example
    ```qlm
    单位 纪监委
    任务 把推进清廉建设情况纳入日常监督 { 监督: 纪监委 }
    ```

    ## Fixed example
    ```qlm
    单位 纪监委、党工委
    任务 把推进清廉建设情况纳入日常监督 { 牵头: 党工委; 监督: 纪监委 }
    ```

    ## Options
    None.
    """
    for task in context.resolved.tasks:
        if task.has_holdings and not task.lead:
            yield Diagnostic("W202", task.span, args=task_args(task), help="name-lead")


@rule("E301", "multiple-leads",
      message=("`{name}` is a second lead of {what} `{id}`", "`{name}`是{what}`{id}`的第二个牵头单位"),
      helps={"one-lead": ("keep one lead and make the others `配合`; if each unit leads its own part, "
                          "write them `分别牵头: A、B`",
                          "只保留一个牵头单位，其余改为`配合`；如各单位分别牵头各自的部分，请写为`分别牵头: A、B`"),
             "mixed-each": ("`牵头:` makes one unit lead the whole task, `分别牵头:` gives each unit its own part: "
                            "list every lead under `分别牵头:`, or make the others `配合`",
                            "`牵头:`由一个单位对整项任务牵头，`分别牵头:`是各单位分别牵头各自的部分："
                            "请把各牵头单位都写在`分别牵头:`中，或把其余单位改为`配合`")},
      labels={"first-lead": ("first lead declared here", "第一个牵头单位在此"),
              "sole-lead": ("leads the whole task here (`牵头:`)", "在此对整项任务牵头（`牵头:`）")})
def multiple_leads(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a task, section or carrier with more than one lead unit. Units
    listed under `分别牵头:` (each leads its own part of the task, as a
    document's `（A、B分别负责）` says) are no conflict among themselves; a
    plain `牵头:` lead next to them is, since it claims the whole task.

    ## Why it matters
    Exactly one unit leads a task (列第一位的为牵头单位); two leads means
    nobody is finally answerable. Write the others as `配合`, or, where the
    document splits the task between its leads, as `分别牵头: A、B`.

    ## 作用
    查找牵头单位多于一个的任务、章或载体。`分别牵头:`所列单位各自牵头任务的一部分（即文件中的“（A、B分别负责）”），彼此不算冲突；但与之并列的`牵头:`单位要对整项任务牵头，仍然冲突。

    ## 为什么重要
    一项任务只由一个单位牵头（列第一位的为牵头单位）；两个牵头单位意味着最终无人负责。其余单位请写为`配合`；文件把任务分给各牵头单位分别负责的，请写为`分别牵头: A、B`。

    ## Failing example
    ```qlm
    单位 综合办、纪监委、党群部
    任务 (一) 全面强化政治建设 (牵头单位:综合办、纪监委)
    任务 (二) 统筹推进清廉单元建设 { 牵头: 党群部; 分别牵头: 综合办、纪监委 }
    ```

    ## Fixed example
    ```qlm
    单位 综合办、纪监委、党群部
    任务 (一) 全面强化政治建设 (责任单位:综合办、纪监委)
    任务 (二) 统筹推进清廉单元建设 { 分别牵头: 党群部、综合办、纪监委 }
    ```

    ## Options
    None.
    """
    canonical = context.units.canonical
    for resolved in context.items_restating_a_unit():
        item = resolved.item
        leads: dict[str, Assignment] = {}  # each unit once: the same unit twice is duplicate-assignment
        for assignment in item.assignments:
            if assignment.role is Role.LEAD:
                leads.setdefault(canonical(assignment.unit), assignment)
        if len(leads) < 2:
            continue
        separately = [assignment.each for assignment in leads.values()]
        if all(separately):
            continue  # 分别牵头: each leads its own part
        first, *others = leads.values()  # plain leads come first (the model's order)
        mixed = any(separately)
        label = "sole-lead" if mixed else "first-lead"
        labels = [Label(first.span, label)] if first.span else []
        for assignment in others:
            yield Diagnostic("E301", assignment.span or item.span, labels=labels,
                             help="mixed-each" if mixed else "one-lead",
                             args={"name": assignment.unit.name, "what": what(item), "id": resolved.id})


@rule("E302", "conflicting-roles",
      message=("`{name}` leads {what} `{id}` and is also {role} of it",
               "`{name}`在{what}`{id}`中既是牵头单位又是{role}"),
      helps={"one-role": ("give each unit one role on a task", "同一任务中每个单位只担任一种角色")},
      labels={"leads-here": ("leads here", "在此牵头")})
def conflicting_roles(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a unit that leads a task and also supports it or is consulted on it
    (`会同`), counting roles a task inherits from its carrier or section.

    ## Why it matters
    A unit cannot assist itself: the table then shows a lead with a support
    column that hides that nobody else was assigned.

    ## 作用
    查找既牵头又配合（或会同）同一任务的单位，从载体或章继承的角色也计算在内。

    ## 为什么重要
    单位不能协助自己：表中牵头单位又出现在配合栏，掩盖了实际没有其他单位参与。

    ## Failing example
    ```qlm
    单位 党工委、纪监委
    任务 (一) 加强组织领导 { 牵头: 党工委; 配合: 党工委 }
    ```

    ## Fixed example
    ```qlm
    单位 党工委、纪监委
    任务 (一) 加强组织领导 { 牵头: 党工委; 配合: 纪监委 }
    ```

    ## Options
    None.
    """
    for resolved in context.items_sharing_a_unit():
        # Both inherited: the section they come from reports it, once (`both` leaves the pair out).
        for holding, lead in [*resolved.both(Role.SUPPORT, Role.LEAD), *resolved.both(Role.CONSULT, Role.LEAD)]:
            labels = [Label(lead.span, "leads-here")] if lead.span else []
            yield Diagnostic("E302", holding.span or resolved.span, labels=labels, help="one-role",
                             args={"name": holding.assignment.unit.name, "role": role_word(holding.role),
                                   "what": what(resolved.item), "id": resolved.id})


@rule("W311", "duplicate-assignment", Severity.WARNING,
      message=("`{name}` is named twice as {role} on {what} `{id}`", "`{name}`在{what}`{id}`中重复列为{role}"),
      labels={"first-named": ("first named here", "首次列出于此")})
def duplicate_assignment(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a unit listed twice in the same role on one task, section or carrier.

    ## Why it matters
    Usually a copy-paste slip that hides a unit that should have been listed.

    ## 作用
    查找在同一任务、章或载体中以同一角色重复列出的单位。

    ## 为什么重要
    多半是复制粘贴的疏漏，可能漏掉了本应列出的单位。

    ## Failing example
    ```qlm
    单位 财政局、纪监委
    任务 (三) 加强公共资金规范管理 (责任单位:财政局、纪监委、纪监委)
    ```

    ## Fixed example
    ```qlm
    单位 财政局、纪监委
    任务 (三) 加强公共资金规范管理 (责任单位:财政局、纪监委)
    ```

    ## Options
    None.
    """
    canonical = context.units.canonical
    for resolved in context.items_restating_a_unit():
        first_seen: dict[tuple[Role, str], Assignment] = {}
        for assignment in resolved.item.assignments:
            key = (assignment.role, canonical(assignment.unit))
            first = first_seen.setdefault(key, assignment)
            if first is assignment:
                continue
            labels = [Label(first.span, "first-named")] if first.span else []
            yield Diagnostic("W311", assignment.span or resolved.span, labels=labels, help="remove-duplicate",
                             args={"name": assignment.unit.name, "role": role_word(assignment.role),
                                   "what": what(resolved.item), "id": resolved.id})


@rule("W309", "lead-overload", Severity.WARNING, options={"factor": 3.0, "minimum": 5},
      message=("`{name}` leads {count} tasks, more than {factor} times the median of {median}",
               "`{name}`牵头{count}项任务，超过各单位中位数{median}的{factor}倍"),
      helps={"share-leads": ("let other units lead some of these tasks, or raise the `factor` option",
                             "请把部分任务改由其他单位牵头，或调高`factor`选项")})
def lead_overload(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a unit (not a collective such as 各单位) that leads far more tasks
    than its peers: at least `minimum` tasks, and more than `factor` times
    the median number of tasks led by units that lead any. Tasks led through
    a carrier's lead count.

    ## Why it matters
    Piling the lead on one unit (often the discipline commission) is how
    plans end up with one overloaded owner and many bystanders.

    ## 作用
    查找牵头任务远多于其他单位的单位（不含“各单位”等集合）：至少`minimum`项，且超过各牵头单位中位数的`factor`倍；经载体牵头的任务也计算在内。

    ## 为什么重要
    把牵头都压在一个单位（常是纪委监委）身上，计划就会变成一个单位超负荷、其余单位旁观。

    ## Failing example
    ```qlm
    单位 纪监委、综合办、党群部
    任务 (一) 甲 (责任单位:纪监委)
    任务 (二) 乙 (责任单位:纪监委)
    任务 (三) 丙 (责任单位:纪监委)
    任务 (四) 丁 (责任单位:纪监委)
    任务 (五) 戊 (责任单位:纪监委)
    任务 (六) 己 (责任单位:综合办)
    任务 (七) 庚 (责任单位:党群部)
    ```

    ## Fixed example
    ```qlm
    单位 纪监委、综合办、党群部
    任务 (一) 甲 (责任单位:纪监委)
    任务 (二) 乙 (责任单位:综合办、纪监委)
    任务 (三) 丙 (责任单位:党群部、纪监委)
    任务 (四) 丁 (责任单位:纪监委)
    任务 (五) 戊 (责任单位:综合办)
    任务 (六) 己 (责任单位:综合办)
    任务 (七) 庚 (责任单位:党群部)
    ```

    ## Options
    - `factor` (number, default 3): how many times the median counts as far more.
    - `minimum` (integer, default 5): never flag a unit leading fewer tasks than this.
    """
    counts: dict[str, tuple[ResolvedTask, ...]] = {}
    for key, tasks in context.resolved.leads_by_unit().items():
        unit = context.units.get(key)
        if unit is not None and not unit.collective:
            counts[key] = tasks
    if not counts:
        return
    # statistics.median, without importing statistics (and fractions, decimal) at every start.
    lengths = sorted(len(tasks) for tasks in counts.values())
    middle = len(lengths) // 2
    median = lengths[middle] if len(lengths) % 2 else (lengths[middle - 1] + lengths[middle]) / 2
    # cast: option values are typed `object`, each rule having its own; these two are numbers like
    # their defaults (qlmatrix.config checks that), and float()/int() still normalise e.g. 3 to 3.0.
    factor = float(cast(float, context.option("W309", "factor")))
    minimum = int(cast(int, context.option("W309", "minimum")))
    for key, tasks in counts.items():
        if len(tasks) >= minimum and len(tasks) > factor * median:
            unit = context.units.get(key)
            assert unit is not None  # counted above only when declared
            yield Diagnostic("W309", unit.span or tasks[0].span, help="share-leads",
                             args={"name": key, "count": str(len(tasks)), "factor": f"{factor:g}",
                                   "median": f"{median:g}"})

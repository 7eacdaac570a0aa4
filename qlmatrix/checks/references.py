"""Names must resolve: every unit named is declared, and declared once; every declared unit is used."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Label, Severity
from ..model import Plan
from ..resolve import ResolvedTask
from .context import Context
from .registry import rule

if TYPE_CHECKING:
    from ..model import Unit


@rule("E101", "undeclared-unit",
      message=("unit `{name}` is not declared", "单位`{name}`未声明"),
      helps={"declare-unit": ("declare it, e.g. `单位 {name}`, or `集合 {name}` for a class of units",
                              "请声明该单位，如`单位 {name}`；若指一类单位，用`集合 {name}`")})
def undeclared_unit(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds unit names that no `单位` or `集合` declares, by name, full name or alias.

    ## Why it matters
    A misspelt unit (纪检委 for 纪监委) silently creates a unit nobody is; the
    task then has no real owner.

    ## 作用
    查找没有任何`单位`或`集合`声明（按名称、全称或别名）的单位名。

    ## 为什么重要
    写错的单位名（把纪监委写成纪检委）会悄悄造出一个不存在的单位，任务实际上无人负责。

    ## Failing example
    ```qlm
    单位 纪监委
    任务 (一) 全面加强纪律建设 (责任单位:纪检委)
    ```

    ## Fixed example
    ```qlm
    单位 纪监委
    任务 (一) 全面加强纪律建设 (责任单位:纪监委)
    ```

    ## Options
    None.
    """
    is_known = context.units.is_known
    unknown = {name for name in context.referenced_names() if not is_known(name)}  # asked once per name
    if not unknown:
        return
    for ref in context.references(unknown):
        suggestion = context.units.suggest(ref.name)
        if suggestion:
            yield Diagnostic("E101", ref.span, args={"name": ref.name},
                             help="did-you-mean", help_args={"suggestion": suggestion})
        else:
            yield Diagnostic("E101", ref.span, args={"name": ref.name},
                             help="declare-unit", help_args={"name": ref.name})


@rule("E102", "duplicate-unit",
      message=("`{name}` is declared twice", "`{name}`重复声明"))
def duplicate_unit(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a name (short name, full name or alias) that two declarations claim.

    ## Why it matters
    A name that means two units makes every task naming it ambiguous.

    ## 作用
    查找被两个声明同时占用的名称（简称、全称或别名）。

    ## 为什么重要
    一个名称指两个单位，凡是用到它的任务都会含义不明。

    ## Failing example
    ```qlm
    单位 纪监委
    单位 纪委 { 别名: 纪监委 }
    ```

    ## Fixed example
    ```qlm
    单位 纪监委 { 别名: 纪委 }
    ```

    ## Options
    None.
    """
    first_seen: dict[str, Unit] = {}
    for unit in context.units:
        for known in dict.fromkeys(unit.names):
            owner = first_seen.setdefault(known, unit)
            if owner is unit:
                continue
            labels = [Label(owner.span, "first-declared")] if owner.span else []
            yield Diagnostic("E102", unit.span, args={"name": known}, help="remove-duplicate", labels=labels)


@rule("E103", "duplicate-task-id",
      message=("task id `{id}` is used twice", "任务编号`{id}`重复"),
      helps={"rename-task": ("give one of them another number or an `编号:`", "请修改其中一个的序号，或用`编号:`另行指定")})
def duplicate_task_id(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds two tasks with the same id (their section numbers joined, or `编号:`).

    ## Why it matters
    Ids are how tables, reports and other files refer to a task; a shared id
    points at two duties at once.

    ## 作用
    查找编号相同的两项任务（章序号连接而成，或`编号:`）。

    ## 为什么重要
    表格、汇报和其他文件靠编号引用任务；同一编号同时指向两项职责。

    ## Failing example
    ```qlm
    章 二 建设清廉的政治生态 {
      任务 (一) 全面强化政治建设
      任务 (一) 坚决落实“两个维护”
    }
    ```

    ## Fixed example
    ```qlm
    章 二 建设清廉的政治生态 {
      任务 (一) 全面强化政治建设
      任务 (二) 坚决落实“两个维护”
    }
    ```

    ## Options
    None.
    """
    first_seen: dict[str, ResolvedTask] = {}
    for task in context.resolved.tasks:
        owner = first_seen.setdefault(task.id, task)
        if owner is not task:
            labels = [Label(owner.span, "first-declared")] if owner.span else []
            yield Diagnostic("E103", task.span, args={"id": task.id}, help="rename-task", labels=labels)


@rule("W203", "unused-unit", Severity.WARNING,
      message=("`{name}` is declared but has no task, report or subordinate unit",
               "`{name}`已声明，但没有任务、汇报或下级单位"),
      helps={"remove-unit": ("remove the declaration, or give the unit its duties", "请删除该声明，或为该单位分派职责")})
def unused_unit(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a declared unit that owns nothing: it has no role on any task,
    section or carrier, sends or receives no report, is no other unit's
    `上级` and does not issue the plan.

    ## Why it matters
    Either a duty is missing from the plan or the declaration is left over
    from an earlier draft.

    ## 作用
    查找没有任何职责的已声明单位：不承担任何任务、章或载体的角色，不发送也不接收汇报，不是其他单位的`上级`，也不是发文单位。

    ## 为什么重要
    要么计划遗漏了某项职责，要么该声明是早先草稿的残留。

    ## Failing example
    ```qlm
    单位 综合办、执法局
    任务 (一) 全面强化政治建设 (责任单位:综合办)
    ```

    ## Fixed example
    ```qlm
    单位 综合办、执法局
    任务 (一) 全面强化政治建设 (责任单位:综合办)
    任务 (二) 推动公共资源阳光交易 (责任单位:执法局)
    ```

    ## Options
    None.
    """
    canonical = context.units.canonical
    used: set[str] = set()
    if plan.issuer:
        used.add(canonical(plan.issuer))
    # Every name written as a 上级, in a role, as a sender or as a recipient, asked once per name.
    used.update(canonical(name) for name in context.referenced_names())
    for unit in context.units:
        if unit.name not in used:
            yield Diagnostic("W203", unit.span, args={"name": unit.name}, help="remove-unit")

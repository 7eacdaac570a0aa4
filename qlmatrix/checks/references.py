"""Names must resolve: every unit named is declared, and declared once."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Label
from ..model import Plan, Section, Task
from .context import Context
from .registry import rule


def _references(plan: Plan, context: Context):
    """Every unit reference in the plan, in document order."""
    for unit in context.units:
        if unit.parent is not None:
            yield unit.parent
    for item, _ in plan.walk():
        if isinstance(item, (Task, Section)):
            for assignment in item.assignments:
                yield assignment.unit
    for report in plan.reports():
        yield report.source
        if report.target is not None:
            yield report.target


@rule("E101", "undeclared-unit")
def undeclared_unit(plan: Plan, context: Context):
    """
    ## What it does
    Finds unit names that no `单位` or `集合` declares, by name, full name or alias.

    ## Why it matters
    A misspelt unit (纪检委 for 纪监委) silently creates a unit nobody is; the
    task then has no real owner.

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
    for ref in _references(plan, context):
        if context.is_known(ref):
            continue
        suggestion = context.suggest(ref.name)
        if suggestion:
            yield Diagnostic("E101", ref.span, args={"name": ref.name},
                             help="did-you-mean", help_args={"suggestion": suggestion})
        else:
            yield Diagnostic("E101", ref.span, args={"name": ref.name},
                             help="declare-unit", help_args={"name": ref.name})


@rule("E102", "duplicate-unit")
def duplicate_unit(plan: Plan, context: Context):
    """
    ## What it does
    Finds a name (short name, full name or alias) that two declarations claim.

    ## Why it matters
    A name that means two units makes every task naming it ambiguous.

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
    first_seen: dict[str, object] = {}
    for unit in context.units:
        for known in dict.fromkeys(unit.names):
            owner = first_seen.setdefault(known, unit)
            if owner is unit:
                continue
            labels = [Label(owner.span, "first-declared")] if owner.span else []
            yield Diagnostic("E102", unit.span, args={"name": known}, help="remove-duplicate", labels=labels)


@rule("E103", "duplicate-task-id")
def duplicate_task_id(plan: Plan, context: Context):
    """
    ## What it does
    Finds two tasks with the same id (their section numbers joined, or `编号:`).

    ## Why it matters
    Ids are how tables, reports and other files refer to a task; a shared id
    points at two duties at once.

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
    first_seen: dict[str, Task] = {}
    for task in plan.tasks():
        owner = first_seen.setdefault(task.id, task)
        if owner is not task:
            labels = [Label(owner.span, "first-declared")] if owner.span else []
            yield Diagnostic("E103", task.span, args={"id": task.id}, help="rename-task", labels=labels)

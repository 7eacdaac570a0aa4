"""The officials in charge (责任领导): people who answer for a task through a unit, never instead of one."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Plan
from .assignments import task_args
from .context import Context
from .registry import rule


@rule("W211", "leader-without-lead", Severity.WARNING,
      message=("task `{id}` `{title}` names its leader {leaders} but no lead unit",
               "任务`{id}`“{title}”明确了责任领导{leaders}，但没有牵头单位"),
      helps={"name-lead-unit": ("add the unit the leader directs: `牵头: <unit>` or `(责任单位:A、B)`",
                                "请补充责任领导分管的单位：`牵头: 单位名`或`(责任单位:A、B)`")})
def leader_without_lead(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a task that names the official in charge (`责任领导:`, its own or
    its section's) but no lead unit.

    ## Why it matters
    A 分工方案 names a leader so that someone senior answers for the task; the
    work itself is done by a unit the leader directs. A leader with no 牵头单位
    usually means the unit was lost when the table was copied, and nobody is
    asked for progress.

    ## 作用
    查找明确了责任领导（任务自身的或所在章的`责任领导:`）但没有牵头单位的任务。

    ## 为什么重要
    分工方案写明责任领导，是为了有一位领导对任务负责；具体工作仍由其分管的单位承担。只有责任领导而没有牵头单位，
    往往是复制表格时漏掉了单位，进度无从调度。

    ## Failing example
    ```qlm
    单位 区发改局
    任务 (一) 推进重点项目建设 { 责任领导: 张明 }
    ```

    ## Fixed example
    ```qlm
    单位 区发改局
    任务 (一) 推进重点项目建设 (责任单位:区发改局) { 责任领导: 张明 }
    ```

    ## Options
    None.
    """
    for task in context.resolved.tasks:
        if task.leaders and task.lead is None:
            yield Diagnostic("W211", task.span, args={**task_args(task), "leaders": "、".join(task.leaders)},
                             help="name-lead-unit")

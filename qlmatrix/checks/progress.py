"""After issue: the returns recorded on the plan's tasks (`qlm ledger collect`), judged as of a date.

These rules see the returns through `context.progress`; a plain `qlm check`
has none, so they find nothing there (and `run_checks` treats them as not
run, so a suppression of one is never called unused). `qlm ledger check`
and `qlm ledger show` run them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from ..diagnostics import Diagnostic, Severity
from ..model import Plan
from .context import Context
from .registry import rule

#: The codes of this module: not run when there is no progress to judge.
PROGRESS_CODES = ("W401", "W402", "W403")

#: Words in 存在问题 saying the work is not finished.
_NOT_DONE = r"未完成|尚未|没有完成|未能|仍未|未按期|未按时|滞后|推进缓慢|未启动|还未|有待|正在|未全部|仍在"  # compiled by re when used


@rule("W401", "task-overdue", Severity.WARNING,
      message=("task `{id}` `{title}` was due on {due} and is not done ({status})",
               "任务`{id}`“{title}”应于 {due} 前完成，尚未完成（{status}）"),
      helps={"chase": ("the office chases its lead unit (督促整改); record the next return with `qlm ledger collect`",
                       "请督促牵头单位整改落实，并用 `qlm ledger collect` 收集下一次进展")})
def task_overdue(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a task with a single due date (2022年6月底前, 年底前) that has passed
    on the day progress is judged, whose newest return is not 已完成 (or that
    has no return at all).

    ## Why it matters
    An overdue task is what the office must chase (督促整改). Found from the
    plan and the returns, it is never missed in a long 督办台账.

    ## 作用
    查找只有一个完成时限（如 2022年6月底前、年底前）、在判断之日已过期，而最新进展不是“已完成”（或从未报送）的任务。

    ## 为什么重要
    逾期任务正是办公室需要督促整改的事项；依据方案和报送的进展自动找出，长长的督办台账里不会漏掉。

    ## Failing example
    ```qlm
    单位 财政局
    任务 (一) 完善预算管理制度 { 牵头: 财政局; 时限: 2022年6月底前 }
    ```
    ```progress
    {"format": "qlm-progress", "version": 1, "plan": "ffe679bb831c95b6", "title": ""}
    {"as_of": "2022-07-15", "task": "(一)", "unit": "财政局", "status": "序时推进", "progress": "初稿已形成"}
    ```

    ## Fixed example
    ```qlm
    单位 财政局
    任务 (一) 完善预算管理制度 { 牵头: 财政局; 时限: 2022年6月底前 }
    ```
    ```progress
    {"format": "qlm-progress", "version": 1, "plan": "ffe679bb831c95b6", "title": ""}
    {"as_of": "2022-07-15", "task": "(一)", "unit": "财政局", "status": "已完成", "progress": "制度已印发"}
    ```

    ## Options
    None. The day progress is judged on is `--as-of`, else the date of the newest return.
    """
    progress = context.progress
    day = progress.day if progress is not None else None
    if progress is None or day is None:
        return
    from ..progress import standing  # with returns to judge only: a plain check never loads it
    latest = progress.log.latest_by_task(until=day)  # a return after the day judged does not count on it
    for task in context.resolved.tasks:
        newest = latest.get(task.id)
        where = standing(task, newest, day, progress.issued)
        if where.overdue and not where.recurring and where.due is not None:
            yield Diagnostic("W401", task.span, args={"id": task.id, "title": task.title, "due": where.due.isoformat(),
                                                      "status": newest.status if newest else "未报送"}, help="chase")


@rule("W402", "return-missing", Severity.WARNING,
      message=("`{unit}` owed a report by {due} (`{cadence}`) and has returned no progress for it",
               "`{unit}`应于 {due} 前报送（{cadence}），但未报送这一期的进展"),
      helps={"ask": ("ask the unit for its return, then record it with `qlm ledger collect`",
                     "请催报该单位，收到后用 `qlm ledger collect` 收集")})
def return_missing(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    For each reporting line (`汇报`, with `牵头单位` standing for every lead
    unit) whose cadence has a deadline before the day progress is judged,
    finds a sending unit with no return on any of its tasks that answers
    that deadline: one dated after the middle of the period since the
    deadline before it (any return, in the first period).

    ## Why it matters
    The office learns about progress only from these returns. A lead unit
    that let its reporting date pass in silence is the first to ask.

    ## 作用
    对每条汇报（`汇报`，`牵头单位`指每个牵头单位），如其频次在判断之日前已有到期日，查找没有报送回应该到期日的任何任务进展（日期须晚于上一到期日与该到期日的中点；第一期则任何报送都算）的报送单位。

    ## 为什么重要
    办公室只能从报送的进展了解工作情况；报送日期已过却毫无消息的牵头单位，是最先要催报的。

    ## Failing example
    ```qlm
    单位 办公室、甲局、乙局
    任务 (一) 建立工作台账 { 牵头: 甲局 }
    任务 (二) 开展专项检查 { 牵头: 乙局 }
    汇报 牵头单位 -> 办公室 { 内容: 工作情况; 频次: 每季度 }
    ```
    ```progress
    {"format": "qlm-progress", "version": 1, "plan": "ffe679bb831c95b6", "title": ""}
    {"as_of": "2022-07-05", "task": "(一)", "unit": "甲局", "status": "序时推进"}
    ```

    ## Fixed example
    ```qlm
    单位 办公室、甲局、乙局
    任务 (一) 建立工作台账 { 牵头: 甲局 }
    任务 (二) 开展专项检查 { 牵头: 乙局 }
    汇报 牵头单位 -> 办公室 { 内容: 工作情况; 频次: 每季度 }
    ```
    ```progress
    {"format": "qlm-progress", "version": 1, "plan": "ffe679bb831c95b6", "title": ""}
    {"as_of": "2022-07-05", "task": "(一)", "unit": "甲局", "status": "序时推进"}
    {"as_of": "2022-07-05", "task": "(二)", "unit": "乙局", "status": "已完成"}
    ```

    ## Options
    None.
    """
    progress = context.progress
    day = progress.day if progress is not None else None
    if progress is None or day is None:
        return
    from ..progress import covers
    from ..schedule import due_dates
    # Without the issue date, deadlines are looked at from a year before the first return, so that
    # the first return is judged against the deadline nearest to it like every other.
    first = min((r.as_of for r in progress.log.records), default=day)
    start = progress.issued or first - timedelta(days=366)
    for report in context.resolved.reports:
        item = report.report
        timing = due_dates(item.cadence, item.due, start, day, progress.issued)
        passed = [d for d in timing.dates if d < day]
        if not passed:
            continue
        since = passed[-2] if len(passed) > 1 else None
        for unit in report.senders:
            returns = [r for r in progress.log.by_unit(unit) if r.as_of <= day]
            if any(covers(r.as_of, since, passed[-1]) for r in returns):
                continue
            yield Diagnostic("W402", report.span, args={
                "unit": unit, "due": passed[-1].isoformat(),
                "cadence": " · ".join(str(c) for c in (item.cadence, item.due) if c is not None)}, help="ask")


@rule("W403", "done-with-open-problems", Severity.WARNING,
      message=("task `{id}` is returned as 已完成 but its 存在问题 says otherwise: `{problems}`",
               "任务`{id}`报为“已完成”，但“存在问题”说并未完成：“{problems}”"),
      helps={"confirm": ("confirm with the unit which is true, and have it correct the return",
                         "请与填报单位核实，并更正填报内容")})
def done_with_open_problems(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a task whose newest return says 已完成 while its 存在问题 says the
    work is not finished (尚未, 未完成, 滞后, 有待...).

    ## Why it matters
    A 督办台账 that marks a task done on a return that says it is not hides
    exactly what the office should chase.

    ## 作用
    查找最新一次报为“已完成”、而“存在问题”中却写着尚未完成（尚未、未完成、滞后、有待……）的任务。

    ## 为什么重要
    督办台账若凭一份自相矛盾的报送把任务标为已完成，恰恰会漏掉最该督办的事项。

    ## Failing example
    ```qlm
    单位 财政局
    任务 (一) 完善预算管理制度 { 牵头: 财政局 }
    ```
    ```progress
    {"format": "qlm-progress", "version": 1, "plan": "ffe679bb831c95b6", "title": ""}
    {"as_of": "2022-07-15", "task": "(一)", "unit": "财政局", "status": "已完成", "problems": "配套细则尚未出台"}
    ```

    ## Fixed example
    ```qlm
    单位 财政局
    任务 (一) 完善预算管理制度 { 牵头: 财政局 }
    ```
    ```progress
    {"format": "qlm-progress", "version": 1, "plan": "ffe679bb831c95b6", "title": ""}
    {"as_of": "2022-07-15", "task": "(一)", "unit": "财政局", "status": "序时推进", "problems": "配套细则尚未出台"}
    ```

    ## Options
    None.
    """
    progress = context.progress
    day = progress.day if progress is not None else None
    if progress is None or day is None:
        return
    from ..progress import DONE
    latest = progress.log.latest_by_task(until=day)
    for task in context.resolved.tasks:
        newest = latest.get(task.id)
        if newest is not None and newest.status == DONE and re.search(_NOT_DONE, newest.problems):
            yield Diagnostic("W403", task.span, args={"id": task.id, "problems": newest.problems}, help="confirm")

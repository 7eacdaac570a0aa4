"""Reporting lines: every report has a recipient, every lead reaches the leading group, no circles, dues in order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeAlias

from ..diagnostics import Diagnostic, Label, Severity
from ..model import Plan, Report, Role
from .context import Context, level_rank
from .registry import rule

if TYPE_CHECKING:
    from ..resolve import ResolvedReport

#: When a report is due, comparable within one kind: (kind, point).
_DueKey: TypeAlias = tuple[str, tuple[int, ...]]


def due_key(report: Report) -> _DueKey | None:
    """A comparable (kind, point) for the report's due, or None when it names none we can order."""
    due = (report.due and report.due.due) or (report.cadence and report.cadence.due)
    if not due:
        return None
    if due == "year-end":
        return ("in-year", (12, 31))
    parts = due.split("-")
    if parts[0] == "day":
        return ("day", (int(parts[1]),))
    if len(parts) == 2 and parts[0].isdigit():
        return ("in-year", (int(parts[0]), 31 if parts[1] == "end" else int(parts[1])))
    if len(parts) == 3 and parts[0].isdigit():
        return ("dated", (int(parts[0]), int(parts[1]), 31 if parts[2] == "end" else int(parts[2])))
    return None


def _due_text(report: Report) -> str:
    cadence = report.due or report.cadence
    assert cadence is not None  # asked only of a report with a due point (due_key is not None)
    return cadence.text


@rule("W206", "report-without-recipient", Severity.WARNING,
      message=("report from `{source}` names no recipient", "`{source}`的汇报没有写明报送对象"),
      helps={"add-recipient": ("write it as `汇报 A -> B`", "请写作`汇报 A -> B`")})
def report_without_recipient(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a report (`汇报`) with a sender but no recipient.

    ## Why it matters
    "定期报送工作情况" without saying to whom is a report nobody receives.

    ## 作用
    查找有发送单位但没有报送对象的汇报（`汇报`）。

    ## 为什么重要
    “定期报送工作情况”却不说报给谁，就是一份无人接收的汇报。

    ## Failing example
    ```qlm
    单位 综合办
    汇报 综合办 { 内容: 工作情况; 频次: 每季度 }
    ```

    ## Fixed example
    ```qlm
    单位 综合办、领导小组办公室
    汇报 综合办 -> 领导小组办公室 { 内容: 工作情况; 频次: 每季度 }
    ```

    ## Options
    None.
    """
    for entry in context.resolved.reports:
        if entry.target is None:
            yield Diagnostic("W206", entry.span, args={"source": entry.report.source.name}, help="add-recipient")


def _inside_group(context: Context) -> set[str]:
    """Names of the leading groups and the units under them (their offices)."""
    groups = {g.name for g in context.leading_groups}
    inside = set(groups)
    for unit in context.units:
        if any(a.name in groups for a in context.ancestors(unit)):
            inside.add(unit.name)
    return inside


@rule("W207", "lead-without-reporting-line", Severity.WARNING,
      message=("lead unit `{name}` has no reporting line up to `{group}`", "牵头单位`{name}`没有向`{group}`汇报的渠道"),
      helps={"add-report": ("add e.g. `汇报 牵头单位 -> 领导小组办公室 {{ 频次: 每季度 }}`",
                            "请补充如`汇报 牵头单位 -> 领导小组办公室 {{ 频次: 每季度 }}`")})
def lead_without_reporting_line(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    In a plan that declares a leading group (`类型: 领导小组`), finds a lead
    unit whose reports never reach the group or a unit under it (its
    office), directly or through other reports. `汇报 牵头单位 -> ...`
    stands for every lead.

    ## Why it matters
    The leading group can only co-ordinate what it hears about: a lead with
    no line up to it runs its tasks unseen.

    ## 作用
    在声明了领导小组（`类型: 领导小组`）的计划中，查找汇报（直接或经其他汇报）到达不了领导小组或其下设机构（办公室）的牵头单位。`汇报 牵头单位 -> ...`代表所有牵头单位。

    ## 为什么重要
    领导小组只能协调它听得到的工作：没有向上汇报渠道的牵头单位，其任务无人知晓。

    ## Failing example
    ```qlm
    单位 领导小组 { 类型: 领导小组 }
    单位 领导小组办公室 { 上级: 领导小组 }
    单位 市委宣传部
    任务 研究制定清廉文化建设具体推进方案 { 牵头: 市委宣传部; 频次: 每年 }
    ```

    ## Fixed example
    ```qlm
    单位 领导小组 { 类型: 领导小组 }
    单位 领导小组办公室 { 上级: 领导小组 }
    单位 市委宣传部
    任务 研究制定清廉文化建设具体推进方案 { 牵头: 市委宣传部; 频次: 每年 }
    汇报 牵头单位 -> 领导小组办公室 { 内容: 工作情况; 频次: 每季度 }
    ```

    ## Options
    None.
    """
    if not context.leading_groups:
        return
    reaching = _inside_group(context)
    senders: dict[str, list[str]] = {}  # recipient -> senders (牵头单位 expanded)
    for entry in context.resolved.reports:
        if entry.target is not None:
            senders.setdefault(entry.target, []).extend(entry.senders)
    queue = list(reaching)
    while queue:
        for sender in senders.get(queue.pop(), ()):
            if sender not in reaching:
                reaching.add(sender)
                queue.append(sender)
    group = context.leading_groups[0].name
    for key, tasks in context.resolved.leads_by_unit().items():
        if key in reaching:
            continue
        first = next(h for h in tasks[0].holdings if h.role is Role.LEAD and h.unit == key)
        yield Diagnostic("W207", first.span or tasks[0].span, args={"name": key, "group": group},
                         help="add-report")


@rule("E306", "reporting-cycle",
      message=("reports go round in a circle: {chain}", "汇报关系形成循环：{chain}"),
      helps={"break-cycle": ("one of these reports should go the other way, or to a higher body",
                             "请调整其中一条汇报的方向，或改为向上级报送")})
def reporting_cycle(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds reports that go round in a circle (A reports to B, B reports to A).
    `汇报 牵头单位 -> B` stands for a report from every lead but B, so a circle
    through it is found too. Relative recipients such as 上一级党委 are left out.

    ## Why it matters
    A circle has no top: nobody above the circle ever receives the work.

    ## 作用
    查找形成循环的汇报（A向B汇报，B又向A汇报）。`汇报 牵头单位 -> B`代表除B以外每个牵头单位的汇报，经由它的循环也能发现。上一级党委等相对称呼不计。

    ## 为什么重要
    循环没有顶端：循环之上没有人收到这些工作。

    ## Failing example
    ```qlm
    单位 综合办、党群部
    汇报 综合办 -> 党群部 { 频次: 每季度 }
    汇报 党群部 -> 综合办 { 频次: 每季度 }
    ```

    ## Fixed example
    ```qlm
    单位 综合办、党群部、党工委
    汇报 综合办 -> 党工委 { 频次: 每季度 }
    汇报 党群部 -> 党工委 { 频次: 每季度 }
    ```

    ## Options
    None.
    """
    yield from _cycles(_Edges(context))


class _Edges:
    """Who reports to whom, as plain values: each sender's first and last edge, and per edge its
    target, its report's index in the plan's reports and the sender's next edge.

    With 牵头单位 expanded, a large plan has an edge per lead unit and report: as a list of
    (target, Report) per sender they were tens of thousands of objects the collector tracks and
    walks in a full collection (docs/performance.md, seventh round); strings and ints in a few
    lists are not."""

    def __init__(self, context: Context) -> None:
        self.reports = [entry.report for entry in context.resolved.reports]
        self.first: dict[str, int] = {}  # sender -> its first edge, senders in the order first met
        last: dict[str, int] = {}
        self.targets: list[str] = []
        self.report_of: list[int] = []
        self.following: list[int] = []  # the same sender's next edge, or -1
        is_relative = context.units.is_relative
        for index, entry in enumerate(context.resolved.reports):
            target = entry.target
            if target is None or is_relative(target):
                continue
            for sender in entry.senders:
                edge = len(self.targets)
                self.targets.append(target)
                self.report_of.append(index)
                self.following.append(-1)
                previous = last.get(sender)
                if previous is None:
                    self.first[sender] = edge
                else:
                    self.following[previous] = edge
                last[sender] = edge


def _cycles(edges: _Edges) -> Iterator[Diagnostic]:
    """One diagnostic per back edge of a depth-first walk, in the order reports were declared."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    first, targets, following = edges.first, edges.targets, edges.following
    for start in list(first):
        if state.get(start):
            continue
        path, stack = [start], [first[start]]  # per unit on the path, its next edge to follow (-1: none)
        state[start] = 1
        while stack:
            edge = stack[-1]
            if edge < 0:
                state[path.pop()] = 2
                stack.pop()
                continue
            stack[-1] = following[edge]
            target = targets[edge]
            if state.get(target) == 1:
                chain = " → ".join(path[path.index(target):] + [target])
                report = edges.reports[edges.report_of[edge]]
                yield Diagnostic("E306", report.span, args={"chain": chain}, help="break-cycle")
            elif not state.get(target):
                state[target] = 1
                path.append(target)
                stack.append(first.get(target, -1))


def _levels(context: Context, report: Report) -> list[str]:
    unit = context.units.get(report.source)
    if unit is None:
        return []
    return list(unit.levels) if unit.collective else ([unit.level] if unit.level else [])


@rule("W308", "report-due-order", Severity.WARNING,
      message=("`{lower}` reports by `{due}`, no earlier than the `{higher}` report that must include it",
               "`{lower}`的汇报时限“{due}”不早于需要汇总它的`{higher}`的汇报时限"),
      helps={"earlier-due": ("give the lower level an earlier `时限:` (e.g. 12月20日前) so the higher level can include it",
                             "请为下级设定更早的`时限:`（如12月20日前），以便上级汇总")},
      labels={"includes-it": ("the report that includes it", "汇总它的汇报")})
def report_due_order(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a lower level's report that is due no earlier than the higher
    level's report that must include it: either one report made at several
    levels (`汇报 各级党委 -> 上一级党委 { 时限: 年底 }` with `层级: 市、县、乡、村`),
    or a report to a unit whose own report (from a higher `层级`) is due at
    the same time or earlier.

    ## Why it matters
    If 乡 reports by 12月31日 and 县 must include 乡's report in its own,
    also due 12月31日, the county has no time to collect: the schedule
    cannot be kept as written.

    ## 作用
    查找下级汇报时限不早于需要汇总它的上级汇报时限的情况：一条汇报在多个层级进行（`汇报 各级党委 -> 上一级党委 { 时限: 年底 }`且`层级: 市、县、乡、村`），或向某单位汇报而该单位（更高`层级`）自己的汇报同时或更早到期。

    ## 为什么重要
    若乡12月31日前报、县也须在12月31日前汇总乡的汇报上报，县就没有时间汇总：按文字写的日程无法执行。

    ## Failing example
    ```qlm
    集合 各级党委 { 层级: 市、县、乡、村 }
    集合 上一级党委
    汇报 各级党委 -> 上一级党委 { 频次: 每年; 时限: 年底 }
    ```

    ## Fixed example
    ```qlm
    单位 县委 { 层级: 县 }
    单位 市委 { 层级: 市 }
    单位 省委 { 层级: 省 }
    汇报 县委 -> 市委 { 频次: 每年; 时限: 12月20日前 }
    汇报 市委 -> 省委 { 频次: 每年; 时限: 年底 }
    ```

    ## Options
    None.
    """
    by_source: dict[str, list[Report]] = {}
    for entry in context.resolved.reports:
        for sender in entry.senders:
            by_source.setdefault(sender, []).append(entry.report)
    for entry in context.resolved.reports:
        report = entry.report
        key = due_key(report)
        if key is None or entry.target is None:
            continue
        levels = sorted(_levels(context, report), key=lambda level: level_rank(level) or 9)
        if context.units.is_relative(entry.target):
            if len(levels) >= 2:
                yield Diagnostic("W308", report.span, help="earlier-due",
                                 args={"lower": levels[1], "higher": levels[0], "due": _due_text(report)})
            continue
        yield from _against_recipient(context, entry, key, levels, by_source)


def _against_recipient(context: Context, entry: ResolvedReport, key: _DueKey, levels: list[str],
                       by_source: dict[str, list[Report]]) -> Iterator[Diagnostic]:
    report = entry.report
    assert entry.target is not None  # the caller skips reports without a recipient
    lower = level_rank(levels[0]) if len(levels) == 1 else None
    for onward in by_source.get(entry.target, ()):
        if onward is report:
            continue
        onward_key = due_key(onward)
        higher_levels = _levels(context, onward)
        higher = level_rank(higher_levels[0]) if len(higher_levels) == 1 else None
        if onward_key is None or onward_key[0] != key[0] or key[1] < onward_key[1]:
            continue
        if lower is not None and higher is not None and lower <= higher:
            continue
        labels = [Label(onward.span, "includes-it")] if onward.span else []
        yield Diagnostic("W308", report.span, labels=labels, help="earlier-due",
                         args={"lower": report.source.name, "higher": entry.target,
                               "due": _due_text(report)})
        return

"""How often and by when: every recurring duty has a cadence a person can plan with."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..cadence import Cadence, Period
from ..diagnostics import Diagnostic, Severity
from ..model import Plan, Report, Task
from .context import Context
from .registry import rule

#: Words in a title or body that say a duty recurs, and the period they name.
_RECURRENCE = re.compile(r"每半年|每季度|每季|每年|年度|每月|每周|定期")
_PERIOD_OF_WORD = {"每半年": Period.HALF_YEAR, "每季度": Period.QUARTER, "每季": Period.QUARTER,
                   "每年": Period.YEAR, "年度": Period.YEAR, "每月": Period.MONTH, "每周": Period.WEEK}


def _duties(context: Context) -> Iterator[tuple[Task | Report, str, str]]:
    """Tasks and reports, with the word for what they are and their id."""
    for task in context.resolved.tasks:
        yield task.task, "task", task.id
    for entry in context.resolved.reports:
        item = entry.report
        target = f" -> {item.target.name}" if item.target else ""
        yield item, "report", f"{item.source.name}{target}"


def _cadences(item: Task | Report) -> tuple[Cadence, ...]:
    return tuple(c for c in (item.cadence, item.due) if c is not None)


def _text(item: Task | Report) -> str:
    if isinstance(item, Task):
        return f"{item.title}\n{item.body or ''}"
    return item.content or ""


@rule("W104", "unrecognized-cadence", Severity.WARNING,
      message=("cannot tell how often or by when from `{text}`", "无法从`{text}`识别频次或时限"),
      helps={"cadence-examples": ("write e.g. 每年, 每半年至少一次, 每季度, 年底前, 2022年6月底前, or 定期 if the document is vague",
                                  "可写作：每年、每半年至少一次、每季度、年底前、2022年6月底前；原文未明确时写“定期”")})
def unrecognized_cadence(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a `频次:` or `时限:` whose words give no period (每年, 每季度...),
    no due point (年底, 6月底前...) and no known vague term (定期, 常态化).

    ## Why it matters
    Reminders, Gantt views and the due-order check all need to read the
    cadence; text they cannot read is silently left out of them.

    ## 作用
    查找既看不出周期（每年、每季度…）、也看不出时点（年底、6月底前…）、也不是已知模糊词（定期、常态化）的`频次:`或`时限:`。

    ## 为什么重要
    提醒、甘特图和汇报时限检查都要读懂频次；读不懂的文字会被悄悄排除在外。

    ## Failing example
    ```qlm
    单位 党工委
    任务 (一) 专题研究 { 牵头: 党工委; 频次: 看情况 }
    ```

    ## Fixed example
    ```qlm
    单位 党工委
    任务 (一) 专题研究 { 牵头: 党工委; 频次: 每半年至少一次 }
    ```

    ## Options
    None.
    """
    for item, _kind, _ident in _duties(context):
        for cadence in _cadences(item):
            if not cadence.understood:
                yield Diagnostic("W104", item.span, args={"text": cadence.text}, help="cadence-examples")


@rule("W204", "missing-cadence", Severity.WARNING,
      message=("{what} `{id}` recurs (`{word}`) but gives no cadence or due date",
               "{what}`{id}`是经常性工作（“{word}”），但没有频次或时限"),
      helps={"give-cadence": ("add `频次:` (e.g. 每年, 每半年至少一次) or `时限:` (e.g. 年底前)",
                              "请补充`频次:`（如每年、每半年至少一次）或`时限:`（如年底前）")})
def missing_cadence(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a recurring duty without `频次:` or `时限:`: a report (reports
    recur by nature), or a task whose title or body says it recurs
    (每年, 每半年, 每季度, 每月, 年度, 定期).

    ## Why it matters
    "每年底书面报告" in the text but no cadence in the table means the
    reminder and the due-order check never see it.

    ## 作用
    查找经常性工作却没有`频次:`或`时限:`：汇报（本身就是经常性的），或标题、正文写明经常开展（每年、每半年、每季度、每月、年度、定期）的任务。

    ## 为什么重要
    正文写着“每年底书面报告”而表中没有频次，提醒和时限检查就永远看不到它。

    ## Failing example
    ```qlm
    单位 各单位、党工委
    汇报 各单位 -> 党工委 { 内容: 清廉建设推进情况 }
    ```

    ## Fixed example
    ```qlm
    单位 各单位、党工委
    汇报 各单位 -> 党工委 { 内容: 清廉建设推进情况; 频次: 每年; 时限: 年底 }
    ```

    ## Options
    None.
    """
    for item, kind, ident in _duties(context):
        if _cadences(item):
            continue
        if isinstance(item, Report):
            yield Diagnostic("W204", item.span, args={"what": kind, "id": ident, "word": "汇报"},
                             help="give-cadence")
            continue
        found = _RECURRENCE.search(_text(item))
        if found:
            yield Diagnostic("W204", item.span, args={"what": kind, "id": ident, "word": found.group()},
                             help="give-cadence")


@rule("W205", "vague-cadence", Severity.WARNING,
      message=("`{text}` on {what} `{id}` does not say how often or by when",
               "{what}`{id}`的“{text}”没有说明频次或时限"),
      helps={"date-vague": ("keep the document's word and add a `时限:` (e.g. 每季度末, 6月底前) agreed with the lead",
                            "保留原文表述，并与牵头单位商定`时限:`（如每季度末、6月底前）")})
def vague_cadence(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a duty whose only cadence is vague (定期, 常态化, 长期坚持, 适时...)
    and which has no due point.

    ## Why it matters
    定期 is how documents avoid a date; a planner who turns the document
    into a schedule has to agree one with the lead unit. The rule keeps the
    question open until the plan records an answer.

    ## 作用
    查找只有模糊频次（定期、常态化、长期坚持、适时…）且没有时点的工作。

    ## 为什么重要
    “定期”是文件回避日期的说法；把文件变成日程的人需要和牵头单位商定一个日期。本规则在计划记下答案之前一直提出这个问题。

    ## Failing example
    ```qlm
    单位 领导小组办公室、综合办
    汇报 综合办 -> 领导小组办公室 { 内容: 工作情况; 频次: 定期 }
    ```

    ## Fixed example
    ```qlm
    单位 领导小组办公室、综合办
    汇报 综合办 -> 领导小组办公室 { 内容: 工作情况; 频次: 定期; 时限: 每季度末 }
    ```

    ## Options
    None.
    """
    for item, kind, ident in _duties(context):
        cadences = _cadences(item)
        if any(c.due or c.period for c in cadences):
            continue
        vague = next((c for c in cadences if c.vague), None)
        if vague is not None:
            yield Diagnostic("W205", item.span, args={"text": vague.text, "what": kind, "id": ident},
                             help="date-vague")


#: Periods from the shortest; a yearly deadline for a monthly duty is fine, a quarterly one for a yearly duty is not.
_LENGTH = {Period.WEEK: 1, Period.MONTH: 2, Period.QUARTER: 3, Period.HALF_YEAR: 4, Period.YEAR: 5}


def _disagreement(item: Task | Report) -> tuple[str, str] | None:
    cadence, due = item.cadence, item.due
    if cadence and due and cadence.period in _LENGTH and due.period in _LENGTH \
            and _LENGTH[due.period] < _LENGTH[cadence.period]:
        return cadence.text, due.text
    stated = cadence if cadence and cadence.period else due if due and due.period else None
    if stated is None:
        return None
    words = [w for w in _RECURRENCE.findall(_text(item)) if w in _PERIOD_OF_WORD]
    if words and all(_PERIOD_OF_WORD[w] is not stated.period for w in words):
        return words[0], stated.text
    return None


@rule("W307", "conflicting-cadence", Severity.WARNING,
      message=("{what} `{id}` is given two cadences that disagree: `{first}` and `{second}`",
               "{what}`{id}`的两处频次不一致：“{first}”与“{second}”"),
      helps={"one-cadence": ("make the cadence, the due date and the text say the same", "请使频次、时限与正文表述一致")})
def conflicting_cadence(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a duty given two cadences that disagree: a `时限:` that recurs more
    often than its `频次:` (频次 每年, 时限 每季度末), or a `频次:` whose period
    differs from every period the task's own text states (正文 says 每半年,
    频次 says 每年). A yearly deadline for a more frequent duty (每半年至少一次,
    每年12月10日前) is fine.

    ## Why it matters
    The table and the document would then ask for different things; one of
    them is a transcription slip.

    ## 作用
    查找两处频次互相矛盾的工作：`时限:`比`频次:`更频繁（频次每年、时限每季度末），或`频次:`的周期与任务正文写明的都不同（正文每半年、频次每年）。更频繁的工作配一个年度截止日（每半年至少一次、每年12月10日前）没有问题。

    ## 为什么重要
    表格和文件会提出不同的要求，其中之一必是誊写错误。

    ## Failing example
    ```qlm
    单位 各级党委
    任务 (三) 压紧压实主体责任。每半年至少专题研究一次全面从严治党工作。 {
      牵头: 各级党委
      频次: 每年
    }
    ```

    ## Fixed example
    ```qlm
    单位 各级党委
    任务 (三) 压紧压实主体责任。每半年至少专题研究一次全面从严治党工作。 {
      牵头: 各级党委
      频次: 每半年至少一次
    }
    ```

    ## Options
    None.
    """
    for item, kind, ident in _duties(context):
        found = _disagreement(item)
        if found:
            yield Diagnostic("W307", item.span, help="one-cadence",
                             args={"what": kind, "id": ident, "first": found[0], "second": found[1]})

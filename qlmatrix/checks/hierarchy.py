"""The shape of the plan: a unit hierarchy without circles, sections and carriers that hold work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Label, Severity
from ..model import LoopStage, Note, Plan, SectionKind
from ..resolve import ResolvedSection
from ..text import Text
from .context import Context
from .registry import rule

if TYPE_CHECKING:
    from ..model import Unit

_STAGE_WORDS = {
    LoopStage.GOAL: ("goals", "目标"),
    LoopStage.MEASURE: ("measures", "举措"),
    LoopStage.ASSESSMENT: ("assessment", "考核"),
    LoopStage.FEEDBACK: ("feedback", "反馈"),
}


@rule("E305", "unit-hierarchy-cycle",
      message=("`{name}` is its own superior: {chain}", "`{name}`成了自己的上级：{chain}"),
      helps={"break-hierarchy": ("change one `上级:` so that the chain ends at the top body",
                                 "请修改其中一个`上级:`，使层级止于最高机构")})
def unit_hierarchy_cycle(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds units whose `上级:` chain leads back to themselves.

    ## Why it matters
    An org chart with a circle has no top; diagrams and reporting-line checks
    cannot place these units.

    ## 作用
    查找`上级:`关系绕回自身的单位。

    ## 为什么重要
    有环的组织图没有顶端；关系图和汇报渠道检查都无法安置这些单位。

    ## Failing example
    ```qlm
    单位 党工委 { 上级: 纪监委 }
    单位 纪监委 { 上级: 党工委 }
    ```

    ## Fixed example
    ```qlm
    单位 党工委
    单位 纪监委 { 上级: 党工委 }
    ```

    ## Options
    None.
    """
    state: dict[str, int] = {}  # 1 on the current chain, 2 done
    for unit in context.units:
        chain: list[Unit] = []
        current: Unit | None = unit
        while current is not None and not state.get(current.name):
            state[current.name] = 1
            chain.append(current)
            current = context.units.get(current.parent) if current.parent is not None else None
        if current is not None and state.get(current.name) == 1:
            start = next(i for i, u in enumerate(chain) if u.name == current.name)
            names = [u.name for u in chain[start:]] + [current.name]
            last = chain[-1]
            assert last.parent is not None  # the chain went on from it to `current`
            yield Diagnostic("E305", last.parent.span or last.span, help="break-hierarchy",
                             args={"name": current.name, "chain": " → ".join(names)})
        for done in chain:
            state[done.name] = 2


@rule("E310", "duplicate-section-id",
      message=("section id `{id}` is used twice", "章节编号`{id}`重复"),
      helps={"rename-section": ("give one of them another number or an `编号:`", "请修改其中一个的序号，或用`编号:`另行指定")})
def duplicate_section_id(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds two sections or carriers with the same id (their numbers joined,
    their title when unnumbered, or `编号:`).

    ## Why it matters
    Task ids are built from section ids; two sections with one id give
    their tasks clashing ids in tables and exports.

    ## 作用
    查找编号相同的两个章或载体（序号连接而成；无序号时为标题；或`编号:`）。

    ## 为什么重要
    任务编号由章的编号组成；两个章编号相同，其下任务在表格和导出中就会编号冲突。

    ## Failing example
    ```qlm
    章 二 建设清廉的政治生态 {
      任务 全面强化政治建设
    }
    章 二 打造清廉发展环境 {
      任务 全面打造清风干部队伍
    }
    ```

    ## Fixed example
    ```qlm
    章 二 建设清廉的政治生态 {
      任务 全面强化政治建设
    }
    章 三 打造清廉发展环境 {
      任务 全面打造清风干部队伍
    }
    ```

    ## Options
    None.
    """
    first_seen: dict[str, ResolvedSection] = {}
    for section in context.resolved.sections:
        owner = first_seen.setdefault(section.id, section)
        if owner is not section:
            labels = [Label(owner.span, "first-declared")] if owner.span else []
            yield Diagnostic("E310", section.span, args={"id": section.id}, help="rename-section", labels=labels)


def _holds_work(section: ResolvedSection) -> bool:
    """Tasks or reports anywhere inside, included files too; or a `说明`: a section of text such as
    总体要求 (指导思想, 基本原则) is complete without tasks."""
    return bool(section.tasks or section.reports) or any(isinstance(item, Note) for item in section.section.items)


@rule("W208", "empty-section", Severity.WARNING,
      message=("{what} `{title}` holds no task", "{what}“{title}”下没有任务"),
      helps={"add-tasks": ("add its tasks, or remove it", "请补充其任务，或删除该项")})
def empty_section(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a section (`章`) or carrier (`载体`) that holds no task or report
    (a section of passages kept as `说明`, such as 总体要求, is not empty).

    ## Why it matters
    An area of the plan, or a carrier of the "1+7" layout, with nothing to
    do is either unfinished or should not be there.

    ## 作用
    查找没有任何任务或汇报的章（`章`）或载体（`载体`）（只含`说明`的章，如总体要求，不算空）。

    ## 为什么重要
    计划中的一个方面或“1+7”布局的一个载体无事可做，要么尚未写完，要么不该存在。

    ## Failing example
    ```qlm
    单位 市委宣传部
    载体 清廉文化 { 牵头: 市委宣传部 }
    ```

    ## Fixed example
    ```qlm
    单位 市委宣传部
    载体 清廉文化 {
      牵头: 市委宣传部
      闭环: 目标、举措、考核、反馈
      任务 坚持开展党风廉政建设宣传教育月活动 { 频次: 每年 }
    }
    ```

    ## Options
    None.
    """
    for resolved in context.resolved.sections:
        if not _holds_work(resolved):
            kind = "carrier" if resolved.section.kind is SectionKind.CARRIER else "section"
            yield Diagnostic("W208", resolved.span, args={"what": kind, "title": resolved.title or resolved.id},
                             help="add-tasks")


@rule("W209", "incomplete-closed-loop", Severity.WARNING,
      message=("carrier `{title}` lacks {missing} in its closed loop", "载体“{title}”的工作闭环缺少{missing}"),
      helps={"complete-loop": ("write `闭环: 目标、举措、考核、反馈` once each stage is planned",
                               "各环节落实后写作`闭环: 目标、举措、考核、反馈`")})
def incomplete_closed_loop(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a carrier (`载体`) whose `闭环:` lacks one of the four stages every
    carrier should show each year: 目标, 举措, 考核, 反馈 (or has no `闭环:`
    at all). Empty carriers are left to `empty-section`.

    ## Why it matters
    每年有目标、有举措、有考核、有反馈: a carrier without assessment or
    feedback runs open-loop, and nobody learns whether it worked.

    ## 作用
    查找`闭环:`缺少目标、举措、考核、反馈四个环节之一（或根本没有`闭环:`）的载体。空载体由`empty-section`报告。

    ## 为什么重要
    每年有目标、有举措、有考核、有反馈：缺少考核或反馈的载体不能闭环，谁也不知道它是否见效。

    ## Failing example
    ```qlm
    单位 市委宣传部
    载体 清廉文化 {
      牵头: 市委宣传部
      闭环: 目标、举措
      任务 坚持开展党风廉政建设宣传教育月活动 { 频次: 每年 }
    }
    ```

    ## Fixed example
    ```qlm
    单位 市委宣传部
    载体 清廉文化 {
      牵头: 市委宣传部
      闭环: 目标、举措、考核、反馈
      任务 坚持开展党风廉政建设宣传教育月活动 { 频次: 每年 }
    }
    ```

    ## Options
    None.
    """
    for resolved in context.resolved.sections:
        section = resolved.section
        if section.kind is not SectionKind.CARRIER or not _holds_work(resolved):
            continue
        missing = [stage for stage in LoopStage if stage not in section.loop]
        if missing:
            en = ", ".join(_STAGE_WORDS[s][0] for s in missing)
            zh = "、".join(_STAGE_WORDS[s][1] for s in missing)
            yield Diagnostic("W209", section.span, args={"title": section.title, "missing": Text(en, zh)},
                             help="complete-loop")

"""Applying inline suppression comments (the parser finds them: `parser/suppressions.py`).

    任务 (四) 加大宣传力度  # qlm: ignore[W201]       this line
    # qlm: ignore[W210]                              the next line (and its block, if it opens one)
    章 四 强化组织保障 {  # qlm: ignore[W210,W205]      the whole block, to its closing brace
    # qlm: ignore-file[W203]                         the whole file

Codes may also be rule names (`task-without-unit`); `ignore` with no
brackets silences every rule. A suppression that silences nothing is
reported (W901), and so is one naming an unknown rule (W902).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..diagnostics import Diagnostic, Severity
from ..model import Suppression
from ..span import Span
from .registry import find_rule, meta_rule
from .settings import Config

meta_rule("W901", "unused-suppression", Severity.WARNING, message=(
    "this suppression of `{code}` silences nothing", "此处对`{code}`的屏蔽没有屏蔽任何问题"), helps={
    "remove-suppression": ("remove it, or move it to the line the finding is on", "请删除该屏蔽注释，或移到问题所在行")},
    doc="""
    ## What it does
    Finds a `# qlm: ignore[...]` comment that silences no finding.

    ## Why it matters
    Suppressions outlive the problems they hid; a stale one would hide the
    next real finding on that line.

    ## 作用
    查找没有屏蔽任何问题的`# qlm: ignore[...]`注释。

    ## 为什么重要
    屏蔽注释往往比它掩盖的问题活得更久；过时的屏蔽会掩盖该行下一个真实问题。

    ## Failing example
    ```qlm
    单位 党群部
    任务 (三) 筑牢清廉思想根基 (责任单位:党群部)  # qlm: ignore[W201]
    ```

    ## Fixed example
    ```qlm
    单位 党群部
    任务 (三) 筑牢清廉思想根基 (责任单位:党群部)
    任务 (四) 加大宣传力度  # qlm: ignore[W201]
    ```

    ## Options
    None.
    """)

meta_rule("W902", "unknown-suppression-code", Severity.WARNING, message=(
    "`{code}` is not a rule code or name", "`{code}`不是规则编号或名称"), helps={
    "see-rules": ("`qlm rule` lists every rule", "`qlm rule`可列出全部规则")},
    doc="""
    ## What it does
    Finds a suppression comment naming a code or rule name that does not exist.

    ## Why it matters
    A mistyped code silences nothing, so the finding it was meant for stays.

    ## 作用
    查找写了不存在的规则编号或名称的屏蔽注释。

    ## 为什么重要
    写错的编号什么也屏蔽不了，本想屏蔽的问题依然存在。

    ## Failing example
    ```qlm
    任务 (四) 加大宣传力度  # qlm: ignore[W2O1]
    ```

    ## Fixed example
    ```qlm
    任务 (四) 加大宣传力度  # qlm: ignore[W201]
    ```

    ## Options
    None.
    """)

def _canonical(code: str) -> str | None:
    found = find_rule(code)
    return found.code if found else None


@attrs.define
class _Active:
    """A suppression being applied: its codes canonical, and the codes it silenced."""

    span: Span
    codes: tuple[str, ...] | None
    first: int
    last: int
    used: set[str] = attrs.field(factory=set)


def apply(diagnostics: Iterable[Diagnostic], directives: Iterable[Suppression], config: Config) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add W901/W902 for suppressions that do nothing."""
    suppressions: dict[str, list[_Active]] = {}
    for directive in directives:
        codes = None if directive.codes is None else tuple(_canonical(code) or code for code in directive.codes)
        active = _Active(directive.span, codes, directive.first, directive.last)
        suppressions.setdefault(directive.span.file, []).append(active)
    if not suppressions:
        return list(diagnostics)
    kept = []
    for diagnostic in diagnostics:
        span = diagnostic.span
        hit = None
        if span is not None:
            hit = next((s for s in suppressions.get(span.file, ())
                        if s.first <= span.line <= s.last and (s.codes is None or diagnostic.code in s.codes)), None)
        if hit is None:
            kept.append(diagnostic)
        else:
            hit.used.add(diagnostic.code)
    kept += _own_findings(suppressions, config)
    return kept


def _own_findings(suppressions: dict[str, list[_Active]], config: Config) -> list[Diagnostic]:
    found = []
    for entries in suppressions.values():
        for entry in entries:
            for code in entry.codes if entry.codes is not None else ("*",):
                if code != "*" and find_rule(code) is None:
                    if config.is_selected("W902"):
                        found.append(Diagnostic("W902", entry.span, args={"code": code}, help="see-rules",
                                                severity=config.severity_of("W902", Severity.WARNING)))
                elif code == "*" and not entry.used or code != "*" and code not in entry.used:
                    if code != "*" and not config.is_selected(code):
                        continue  # a rule switched off cannot be judged
                    if config.is_selected("W901"):
                        found.append(Diagnostic("W901", entry.span, args={"code": "ignore" if code == "*" else code},
                                                help="remove-suppression",
                                                severity=config.severity_of("W901", Severity.WARNING)))
    return found

"""Reading .qlm text into a Plan. lark lives only in this package.

`read_text` and `read_file` never raise for a bad plan: they return what
they could build and the diagnostics. Included files are read relative to
the including file; a cycle of includes is reported, not followed.
"""

from __future__ import annotations

import os

import attrs
import lark

from ..diagnostics import Diagnostic
from ..model import Include, Item, Plan, Section
from ..source import read_source
from . import fast
from .build import Builder
from .grammar import get_parser
from .recovery import syntax_errors
from .suppressions import scan


@attrs.frozen
class ReadResult:
    plan: Plan | None
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, str]  # file name -> text, for showing source lines in diagnostics

    @property
    def ok(self) -> bool:
        return self.plan is not None and not any(d.is_error for d in self.diagnostics)


def normalise_text(text: str) -> str:
    """Drop a byte-order mark; keep everything else, so positions match the editor's."""
    return text[1:] if text.startswith("\ufeff") else text


def read_text(text: str, filename: str = "<string>", base_dir: str | None = None,
              _stack: tuple[str, ...] = ()) -> ReadResult:
    text = normalise_text(text)
    sources = {filename: text}
    builder = Builder(filename)
    plan = _parse_fast(text, builder)
    if plan is None:  # a syntax error (or a lark without the fast path): lark parses and explains
        try:
            tree = get_parser().parse(text)
        except lark.exceptions.LarkError as error:
            return ReadResult(None, tuple(syntax_errors(text, filename, error)), sources)
        builder = Builder(filename)
        plan = builder.transform(tree)
    diagnostics = list(builder.diagnostics)
    suppressions = scan(filename, text)
    if suppressions:
        plan = attrs.evolve(plan, suppressions=suppressions)
    base = base_dir if base_dir is not None else (os.path.dirname(filename) if filename != "<string>" else ".")
    plan, included = _resolve_includes(plan, base, (*_stack, filename))
    for result in included:
        diagnostics.extend(result.diagnostics)
        sources.update(result.sources)
    return ReadResult(plan, tuple(diagnostics), sources)


def _parse_fast(text: str, builder: Builder) -> Plan | None:
    """The plan, built during the parse (see fast.py); None when lark must parse the text itself."""
    engine = fast.engine()
    if engine is None:
        return None
    try:
        plan: Plan = engine.parse(text, builder)
    except fast.Unhandled:
        return None
    return plan


def read_file(path: str | os.PathLike[str]) -> ReadResult:
    text, problem = read_source(str(path))
    if text is None:
        return ReadResult(None, (problem,) if problem is not None else (), {})
    return read_text(text, str(path))


def _resolve_includes(plan: Plan, base: str, stack: tuple[str, ...]) -> tuple[Plan, list[ReadResult]]:
    results: list[ReadResult] = []
    if next(plan.includes(), None) is None:
        return plan, results  # nothing to resolve: keep the plan rather than rebuild every section

    def resolve(items: tuple[Item, ...]) -> tuple[Item, ...]:
        resolved: list[Item] = []
        for item in items:
            if isinstance(item, Section):
                item = attrs.evolve(item, items=resolve(item.items))
            elif isinstance(item, Include):
                item = _include(item, base, stack, results)
            resolved.append(item)
        return tuple(resolved)

    return attrs.evolve(plan, items=resolve(plan.items)), results


def _include(item: Include, base: str, stack: tuple[str, ...], results: list[ReadResult]) -> Include:
    path = os.path.normpath(os.path.join(base, item.path))
    if any(os.path.normpath(seen) == path for seen in stack):
        chain = " -> ".join(os.path.basename(seen) for seen in (*stack, path))
        results.append(ReadResult(None, (Diagnostic("E008", item.span, args={"path": item.path, "chain": chain}),), {}))
        return item
    text, problem = read_source(path)
    if text is None or problem is not None:
        assert problem is not None  # read_source gives the text or why not
        if problem.code == "E011":  # said where the include is written, not about a file nobody named
            problem = Diagnostic("E007", item.span, args={"path": item.path, "reason": problem.args["reason"]})
        results.append(ReadResult(None, (problem,), {}))
        return item
    result = read_text(text, path, os.path.dirname(path), stack)
    results.append(result)
    return attrs.evolve(item, plan=result.plan)

"""Gap and conflict checks over the resolved plan. Importing this package registers every rule.

Rules live in small modules by theme, found and imported here by name (see
docs/checks.md, "How to add a rule"):

    references    names resolve, declared units are used (E101-E103, W203)
    assignments   who does each task (W201, W202, E301, E302, W309, W311)
    oversight     segregation of duties (E303, W304, W210)
    cadences      how often and by when (W104, W204, W205, W307)
    reporting     reporting lines (W206, W207, E306, W308)
    hierarchy     units, sections, carriers (E305, E310, W208, W209)
    leaders       the officials in charge, 责任领导 (W211)
    suppression   `# qlm: ignore[...]` comments (W901, W902)
    progress      returns after issue: overdue, missing, contradicted (W401-W403)
"""

from __future__ import annotations

import attrs

from ..diagnostics import Diagnostic
from ..model import Plan
from ..resolve import ResolvedPlan
from .context import Context, Progress
from .registry import RULES, Rule, find_rule, rule
from .settings import Config

__all__ = ["Config", "Progress", "RULES", "Rule", "find_rule", "rule", "run_checks"]

#: Modules of this package that hold no rules; every other module is a theme of rules.
_MACHINERY = frozenset({"context", "docs", "registry", "settings"})


def _load_rules() -> None:
    """Import every theme module, in name order, so that adding a rule never edits this file."""
    import importlib
    import pkgutil

    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        if module not in _MACHINERY:
            importlib.import_module(f"{__name__}.{module}")


_load_rules()

from .suppression import apply as apply_suppressions  # noqa: E402  (a theme module, loaded above)


def run_checks(plan: Plan, config: Config | None = None, resolved: ResolvedPlan | None = None,
               progress: Progress | None = None) -> list[Diagnostic]:
    """Every finding of the selected rules, sorted by position.

    The plan's `# qlm: ignore[...]` comments (kept on the plan by the parser)
    are honoured and unused ones reported, so this gives what `qlm check` prints.
    `progress` (returns recorded after issue) is what the progress rules judge.
    """
    config = config or Config()
    if progress is None:  # nothing for the progress rules to judge: as if switched off (no W901 on their suppressions)
        from .progress import PROGRESS_CODES

        config = attrs.evolve(config, ignore=(*config.ignore, *PROGRESS_CODES))
    context = Context(plan, config.options, resolved, progress)
    found: list[Diagnostic] = []
    for rule_ in RULES.values():
        if not config.is_selected(rule_.code):
            continue
        severity = config.severity_of(rule_.code, rule_.severity)
        found += [attrs.evolve(d, severity=severity) for d in rule_.check(plan, context)]
    found = apply_suppressions(found, plan.all_suppressions(), config)
    return sorted(found, key=Diagnostic.sort_key)

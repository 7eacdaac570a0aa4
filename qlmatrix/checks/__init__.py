"""Gap and conflict checks over the model. Importing this package registers every rule."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Plan
from . import references  # noqa: F401  (registers its rules)
from .context import Context
from .registry import RULES, Rule, rule

__all__ = ["RULES", "Rule", "rule", "run_checks"]


def run_checks(plan: Plan) -> list[Diagnostic]:
    context = Context(plan)
    found = [diagnostic for rule_ in RULES.values() for diagnostic in rule_.check(plan, context)]
    return sorted(found, key=Diagnostic.sort_key)

"""The rule registry: every check is a function registered with its metadata.

A rule sees only the model (and the shared look-ups in `Context`), so it
works the same on a plan read from a file and on one built in Python. Its
docstring holds the rule's documentation under fixed headings, from which
`docs/rules/` and `qlm rule CODE` are generated.
"""

from __future__ import annotations

from typing import Callable, Iterator

import attrs

from ..diagnostics import Diagnostic, Severity
from ..model import Plan

Check = Callable[[Plan, "Context"], Iterator[Diagnostic]]


@attrs.frozen
class Rule:
    code: str  # stable, never reused
    name: str  # kebab-case, names the bad thing
    severity: Severity
    check: Check

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity = Severity.ERROR):
    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, name, severity, check)
        return check

    return register

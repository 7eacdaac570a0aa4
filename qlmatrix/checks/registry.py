"""The rule registry: a rule is one function and one decorator, holding everything about it.

    @rule("W201", "task-without-unit", Severity.WARNING,
          message=("task `{id}` `{title}` names no responsible unit", "任务`{id}`“{title}”未明确责任单位"),
          helps={"name-unit": ("add `(责任单位:A、B)` …", "请补充`(责任单位:A、B)` …")})
    def task_without_unit(plan, context):
        # its docstring is the documentation, under the fixed headings of DOC_HEADINGS
        ...

The code, kebab name, default severity, message and helps in English and
Chinese, labels, options and documentation live together; `docs/rules/`,
`qlm rule CODE` and the SARIF rule metadata are generated from them. A rule
sees only the model and its resolution (`Context`), so it works the same on
a plan read from a file and on one built in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import attrs

from ..diagnostics import Diagnostic, Severity
from ..diagnostics.messages import Words, register
from ..model import Plan
from ..text import Text

if TYPE_CHECKING:
    from .context import Context

Check: TypeAlias = Callable[[Plan, "Context"], Iterator[Diagnostic]]
#: A check as decorated: `rule` gives it back unchanged.
_CheckT = TypeVar("_CheckT", bound=Check)

#: The headings every rule's docstring has, in this order.
DOC_HEADINGS = ("What it does", "Why it matters", "Failing example", "Fixed example", "Options")


def _no_check(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    return iter(())


# Named converters: mypy's attrs plugin reads a converter's type from a function, not from a lambda
# or a classmethod.
def _frozen_options(options: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(options))


def _frozen_choices(choices: Mapping[str, tuple[object, ...]]) -> Mapping[str, tuple[object, ...]]:
    return MappingProxyType(dict(choices))


def _text(words: Words) -> Text:
    return Text.of(words)


@attrs.frozen
class Rule:
    code: str  # stable, never reused
    name: str  # kebab-case, names the bad thing
    severity: Severity
    check: Check
    #: option name -> default value; the default's type is the option's type
    options: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_options)
    #: option name -> the values it may take, for options that are a choice
    choices: Mapping[str, tuple[object, ...]] = attrs.field(factory=dict, converter=_frozen_choices)
    #: what a finding says, with `{placeholders}` for its arguments
    message: Text = attrs.field(default=Text("", ""), converter=_text)

    @property
    def doc(self) -> str:
        return _dedent(self.check.__doc__ or "")

    def sections(self) -> dict[str, str]:
        """The docstring split at its `## ` headings: heading -> text."""
        found: dict[str, list[str]] = {}
        current = None
        for line in self.doc.splitlines():
            if line.startswith("## "):
                current = line[3:].strip()
                found[current] = []
            elif current is not None:
                found[current].append(line)
        return {heading: "\n".join(lines).strip() for heading, lines in found.items()}

    def example(self, heading: str) -> str | None:
        """The ```qlm block under `heading` ("Failing example" or "Fixed example")."""
        text = self.sections().get(heading, "")
        start = text.find("```qlm\n")
        end = text.find("\n```", start + 1)
        if start < 0 or end < 0:
            return None
        return text[start + len("```qlm\n"):end] + "\n"


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity = Severity.ERROR, *, message: Words,
         helps: Mapping[str, Words] | None = None, labels: Mapping[str, Words] | None = None,
         options: Mapping[str, object] | None = None,
         choices: Mapping[str, tuple[object, ...]] | None = None) -> Callable[[_CheckT], _CheckT]:
    """Register the decorated check as rule `code`, with its message, helps and labels."""
    def register_rule(check: _CheckT) -> _CheckT:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        found = Rule(code, name, severity, check, options or {}, choices or {}, Text.of(message))
        register(messages={code: (name, found.message)}, helps=helps, labels=labels)
        RULES[code] = found
        return check

    return register_rule


def meta_rule(code: str, name: str, severity: Severity, *, doc: str, message: Words,
              helps: Mapping[str, Words] | None = None) -> None:
    """A rule whose diagnostics come from outside the model checks (suppression comments)."""
    check = lambda plan, context: _no_check(plan, context)  # noqa: E731
    check.__doc__ = doc
    rule(code, name, severity, message=message, helps=helps)(check)


def find_rule(code_or_name: str) -> Rule | None:
    """A rule by code (`W201`, any case) or by name (`task-without-unit`)."""
    wanted = code_or_name.strip()
    found = RULES.get(wanted.upper())
    if found is not None:
        return found
    return next((r for r in RULES.values() if r.name == wanted.lower()), None)

"""Diagnostics: what is wrong, where, and how to fix it.

A Diagnostic holds a code and the arguments of its message, never finished
text: the message is rendered by an emitter in the reader's language, so the
same diagnostic reads in Chinese or English and codes and positions stay as
they are.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from ..errors import QlmError
from ..span import Span
from ..text import Text


class Severity(enum.Enum):
    """How serious a finding is. Errors make `qlm check` exit 1; `--strict` counts warnings too."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Label:
    """A secondary place that explains the primary one ("first declared here")."""

    span: Span
    message: str  # a key of messages.LABELS
    args: Mapping[str, str] = attrs.field(factory=dict)


def _labels(labels: Iterable[Label]) -> tuple[Label, ...]:
    # A named converter: mypy's attrs plugin cannot infer the element type through `converter=tuple`.
    return tuple(labels)


@attrs.frozen
class Diagnostic:
    """One finding: a stable code, where it is, and the arguments of its message.

    The words are looked up in the reader's language when shown:

        >>> import qlmatrix
        >>> (finding,) = qlmatrix.check(qlmatrix.loads("任务 (四) 加大宣传力度", "plan.qlm"))
        >>> finding.code, finding.message.zh
        ('W201', '任务`(四)`“加大宣传力度”未明确责任单位')
        >>> str(finding)
        'plan.qlm:1:1: warning[W201] task `(四)` `加大宣传力度` names no responsible unit'
        >>> finding.help_message.en
        'add `(责任单位:A、B)` or a `牵头:` entry; the first unit listed in 责任单位 leads'
    """

    code: str
    span: Span | None
    #: a Text argument is put in the reader's language with the message (Text.format)
    args: Mapping[str, str | Text] = attrs.field(factory=dict)
    severity: Severity = Severity.ERROR
    help: str | None = None  # a key of messages.HELPS
    help_args: Mapping[str, str] = attrs.field(factory=dict)
    labels: tuple[Label, ...] = attrs.field(default=(), converter=_labels)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def message(self) -> Text:
        """What is wrong, in English and Chinese (`.en`, `.zh`, `.in_language(lang)`)."""
        from .messages import render_message

        return Text(render_message(self, "en"), render_message(self, "zh"))

    @property
    def help_message(self) -> Text | None:
        """How to fix it, in English and Chinese, or None."""
        from .messages import render_help

        if self.help is None:
            return None
        return Text(render_help(self, "en") or "", render_help(self, "zh") or "")

    @property
    def name(self) -> str:
        """The kebab-case name of the code (`task-without-unit`)."""
        from .messages import code_name

        return code_name(self.code)

    def __str__(self) -> str:
        where = f"{self.span}: " if self.span else ""
        return f"{where}{self.severity.value}[{self.code}] {self.message.en}"

    def sort_key(self) -> tuple[str, int, int, str]:
        span = self.span
        return (span.file, span.line, span.column, self.code) if span else ("", 0, 0, self.code)


class PlanError(QlmError):
    """A plan that could not be read or formatted. `diagnostics` says why; the message is the first."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        from .messages import render_message

        found = tuple(diagnostics)
        first = found[0]
        where = f"{first.span}: " if first.span else ""
        super().__init__(Text(f"{where}{first.code} {render_message(first, 'en')}",
                              f"{where}{first.code} {render_message(first, 'zh')}"), diagnostics=found)

"""Diagnostics: what is wrong, where, and how to fix it.

A Diagnostic holds a code and the arguments of its message, never finished
text: the message is rendered by an emitter in the reader's language, so the
same diagnostic reads in Chinese or English and codes and positions stay as
they are.
"""

from __future__ import annotations

import enum
from typing import Mapping

import attrs

from ..errors import QlmError
from ..span import Span
from ..text import Text


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Label:
    """A secondary place that explains the primary one ("first declared here")."""

    span: Span
    message: str  # a key of messages.LABELS
    args: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Diagnostic:
    code: str
    span: Span | None
    args: Mapping[str, str] = attrs.field(factory=dict)
    severity: Severity = Severity.ERROR
    help: str | None = None  # a key of messages.HELPS
    help_args: Mapping[str, str] = attrs.field(factory=dict)
    labels: tuple[Label, ...] = attrs.field(default=(), converter=tuple)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self):
        span = self.span
        return (span.file, span.line, span.column, self.code) if span else ("", 0, 0, self.code)


class PlanError(QlmError):
    """A plan that could not be read or formatted. `diagnostics` says why; the message is the first."""

    def __init__(self, diagnostics):
        from .messages import render_message

        diagnostics = tuple(diagnostics)
        first = diagnostics[0]
        where = f"{first.span}: " if first.span else ""
        super().__init__(Text(f"{where}{first.code} {render_message(first, 'en')}",
                              f"{where}{first.code} {render_message(first, 'zh')}"), diagnostics=diagnostics)

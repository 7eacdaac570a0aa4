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

from ..span import Span


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


class QlmError(Exception):
    """A plan that could not be read. `diagnostics` says why; str() gives the first in English."""

    def __init__(self, diagnostics):
        self.diagnostics = tuple(diagnostics)
        from .messages import render_message

        first = self.diagnostics[0]
        where = f"{first.span}: " if first.span else ""
        super().__init__(f"{where}{first.code} {render_message(first, 'en')}")

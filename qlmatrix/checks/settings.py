"""Which rules run, at what severity, with which options: a value the checks take.

Reading it from `pyproject.toml` or `qlmatrix.toml` is done in qlmatrix.config,
so that checks stay free of files and plans built in Python can pass one in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from ..diagnostics import Severity


# One converter per field type: mypy's attrs plugin needs a converter's types spelt out
# (neither `converter=tuple` nor a generic function gives the field's type).
def _codes(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(codes)


def _frozen_severities(mapping: Mapping[str, Severity]) -> Mapping[str, Severity]:
    return MappingProxyType(dict(mapping))


def _frozen_options(mapping: Mapping[str, Mapping[str, object]]) -> Mapping[str, Mapping[str, object]]:
    return MappingProxyType(dict(mapping))


@attrs.frozen
class Config:
    #: codes or code prefixes to run (`W2`, `E301`); empty means every rule
    select: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    #: codes or prefixes not to run; wins over `select`
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    #: code -> severity, overriding the rule's default
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=_frozen_severities)
    #: code -> {option: value}
    options: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict, converter=_frozen_options)
    #: warnings become errors
    strict: bool = False
    #: where the settings came from, for messages
    source: str | None = attrs.field(default=None, eq=False)

    def is_selected(self, code: str) -> bool:
        chosen = not self.select or any(code.startswith(prefix) for prefix in self.select)
        return chosen and not any(code.startswith(prefix) for prefix in self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        severity = self.severity.get(code, default)
        if self.strict and severity is Severity.WARNING:
            return Severity.ERROR
        return severity

"""qlmatrix: responsibility matrices for implementation plans (实施意见, 实施方案, 任务分工方案).

Read a `.qlm` plan with `load` or `loads`, find its gaps and conflicts with
`check`, and write it back in canonical form with `dumps`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .cadence import Cadence, Period
from .diagnostics import Diagnostic, PlanError, Severity
from .errors import QlmError
from .model import (
    Assignment,
    Include,
    LoopStage,
    Plan,
    Ref,
    Report,
    Role,
    Section,
    SectionKind,
    Task,
    Unit,
    UnitKind,
)
from .resolve import resolve
from .text import Text

__all__ = [
    "Assignment",
    "Cadence",
    "Diagnostic",
    "Include",
    "LoopStage",
    "Period",
    "Plan",
    "PlanError",
    "QlmError",
    "Ref",
    "Report",
    "Role",
    "Section",
    "SectionKind",
    "Severity",
    "Task",
    "Text",
    "Unit",
    "UnitKind",
    "check",
    "dumps",
    "format_text",
    "import_file",
    "import_text",
    "load",
    "loads",
    "resolve",
    "to_json",
]

if TYPE_CHECKING:
    from .checks import Config
    from .importer import ImportResult
    from .parser import ReadResult

__version__ = "0.1.0"


def _plan_or_raise(result: ReadResult) -> Plan:
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or result.plan is None:
        raise PlanError(errors or result.diagnostics)
    return result.plan


def load(path: str | os.PathLike[str]) -> Plan:
    """Read a .qlm file (and the files it includes). Raises PlanError (a QlmError) with diagnostics."""
    from .parser import read_file

    return _plan_or_raise(read_file(path))


def loads(text: str, filename: str = "<string>") -> Plan:
    """Read .qlm text. Includes are resolved relative to `filename`'s folder."""
    from .parser import read_text

    return _plan_or_raise(read_text(text, filename))


def dumps(plan: Plan, keywords: str = "zh") -> str:
    """The plan as canonical .qlm text, with Chinese (`zh`) or English (`en`) keywords."""
    from .writer import write_plan

    return write_plan(plan, keywords)


def check(plan: Plan, config: Config | None = None) -> list[Diagnostic]:
    """Gaps and conflicts in the plan, sorted by position.

    `config` (a `qlmatrix.checks.Config`, e.g. from `qlmatrix.config.load_config(path)`)
    selects rules, severities and rule options; the default runs every rule.
    """
    from .checks import run_checks

    return run_checks(plan, config)


def to_json(plan: Plan) -> str:
    """The whole plan as JSON, in the shape of qlmatrix/schema/plan.schema.json."""
    from .export import plan_to_json

    return plan_to_json(plan)


def import_file(path: str | os.PathLike[str], encoding: str | None = None, keywords: str = "zh") -> ImportResult:
    """Import a plan document (.txt, .md, .docx) from a file: see `qlmatrix.importer.ImportResult`.

    Raises DocumentError (a QlmError) when the file cannot be read or decoded.
    """
    from .importer import import_file as _import

    return _import(path, encoding=encoding, keywords=keywords)


def import_text(text: str | bytes, source: str = "<text>", encoding: str | None = None,
                keywords: str = "zh") -> ImportResult:
    """Import a plan document given as its text (or undecoded bytes)."""
    from .importer import import_text as _import

    return _import(text, source, encoding=encoding, keywords=keywords)


def format_text(text: str, keywords: str | None = None) -> str:
    """`text` in the canonical layout with its comments kept (what `qlm fmt` writes). Raises QlmError."""
    from .fmt import format_text as _format

    result = _format(text, keywords=keywords)
    if result.formatted is None:
        raise PlanError(result.diagnostics)
    return result.formatted

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
    Note,
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
    "Note",
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
    """Read a .qlm file and the files it includes.

        >>> plan = load("examples/xianning-gaoxin.qlm")
        >>> plan.issuer
        '高新区党工委'

    Raises PlanError (a QlmError) whose `diagnostics` say what cannot be read, and where.
    """
    from .parser import read_file

    return _plan_or_raise(read_file(path))


def loads(text: str, filename: str = "<string>") -> Plan:
    """Read .qlm text; includes are resolved relative to `filename`'s folder.

        >>> plan = loads("单位 纪监委\\n(一)全面加强纪律建设(责任单位:纪监委)")
        >>> [unit.name for unit in plan.units]
        ['纪监委']
        >>> loads("任物 甲")
        Traceback (most recent call last):
        qlmatrix.diagnostics.PlanError: <string>:1:1: E001 unexpected `任物 甲`, ...

    Raises PlanError (a QlmError) with the diagnostics, each at its place.
    """
    from .parser import read_text

    return _plan_or_raise(read_text(text, filename))


def dumps(plan: Plan, keywords: str = "zh") -> str:
    """The plan as canonical .qlm text, with Chinese (`zh`) or English (`en`) keywords.

        >>> print(dumps(Plan(units=[Unit("纪监委")], items=[Task("严格督查问责", number="（三）")])), end="")
        单位 纪监委
        <BLANKLINE>
        (三)严格督查问责

    `loads(dumps(plan)) == plan`. Raises UnwritableError (a QlmError) for a unit name the language
    cannot spell (with `;`, `:`, braces).
    """
    from .writer import write_plan

    return write_plan(plan, keywords)


def check(plan: Plan, config: Config | None = None) -> list[Diagnostic]:
    """Gaps and conflicts in the plan, sorted by position: what `qlm check` reports.

        >>> [d.code for d in check(loads("单位 纪监委\\n任务 甲 (责任单位:纪检委)"))]
        ['W203', 'E101']

    `config` (a `qlmatrix.checks.Config`, e.g. from `qlmatrix.config.load_config(path)`)
    selects rules, severities and rule options; the default runs every rule. The plan's
    `# qlm: ignore[...]` comments are honoured. Raises nothing for a plan that loaded.
    """
    from .checks import run_checks

    return run_checks(plan, config)


def to_json(plan: Plan) -> str:
    """The whole plan as JSON, in the shape of qlmatrix/schema/plan.schema.json (docs/json-schema.md).

        >>> import json
        >>> task = json.loads(to_json(loads("单位 甲\\n载体 清廉机关 { 牵头: 甲; 任务 x }")))["tasks"][0]
        >>> task["lead"], task["inherited"], task["own"]["lead"]
        ('甲', {'lead': '清廉机关'}, None)
    """
    from .export import plan_to_json

    return plan_to_json(plan)


def import_file(path: str | os.PathLike[str], encoding: str | None = None, keywords: str = "zh") -> ImportResult:
    """Import a plan document (.txt, .md, .docx) from a file: see `qlmatrix.importer.ImportResult`.

        result = import_file("方案.docx")    # result.plan, result.text (.qlm), result.problems

    Raises DocumentError (a QlmError) when the file cannot be read or decoded.
    """
    from .importer import import_file as _import

    return _import(path, encoding=encoding, keywords=keywords)


def import_text(text: str | bytes, source: str = "<text>", encoding: str | None = None,
                keywords: str = "zh") -> ImportResult:
    """Import a plan document given as its text (or undecoded bytes, decoded as import_file does).

        >>> result = import_text("（一）加强组织领导。（责任单位：市委办、市纪委监委）")
        >>> resolve(result.plan).tasks[0].lead
        '市委办'

    Raises DocumentError (a QlmError) for bytes that cannot be decoded.
    """
    from .importer import import_text as _import

    return _import(text, source, encoding=encoding, keywords=keywords)


def format_text(text: str, keywords: str | None = None) -> str:
    """`text` in the canonical layout with its comments kept (what `qlm fmt` writes).

        >>> print(format_text("单位   纪监委   # 纪委监委\\n"), end="")
        单位 纪监委  # 纪委监委

    Raises PlanError (a QlmError) for text that does not parse, or whose meaning formatting would change.
    """
    from .fmt import format_text as _format

    result = _format(text, keywords=keywords)
    if result.formatted is None:
        raise PlanError(result.diagnostics)
    return result.formatted

"""qlmatrix diagnostics as the protocol's: range, severity, code with a link to its page, related places.

Messages are in the reader's language, with the `help:` line after them as
`qlm check` prints it; each label ("oversight declared here") becomes related
information at its own place, in whichever file of the plan it is.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from ..diagnostics import Diagnostic, Severity
from ..diagnostics.messages import render_help, render_label, render_message
from .positions import Lines

SOURCE = "qlm"
_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
               Severity.INFO: types.DiagnosticSeverity.Information}
#: Where a code's page is when the documentation is not beside the package (an installed wheel).
RULES_URL = "https://qlmatrix.invalid/docs/rules/"
_LOCAL_RULES = Path(__file__).resolve().parent.parent.parent / "docs" / "rules"


def rule_page(code: str, base: str | None = None) -> str:
    """The address of the page explaining `code`: docs/rules/CODE.md, locally when it is there."""
    if base:
        return f"{base.rstrip('/')}/{code}.md"
    local = _LOCAL_RULES / f"{code}.md"
    return local.as_uri() if local.is_file() else f"{RULES_URL}{code}.md"


def to_lsp(diagnostic: Diagnostic, lines: Lines, lines_of: dict[str, Lines], uri_of: dict[str, str], lang: str,
           rules_base: str | None = None) -> types.Diagnostic:
    """The protocol's diagnostic; `lines_of`/`uri_of` map the plan's files (real paths) for labels."""
    from .analysis import real

    if diagnostic.span is not None:
        where = lines.range(diagnostic.span)
    else:
        where = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    message = render_message(diagnostic, lang)
    help_text = render_help(diagnostic, lang)
    if help_text:
        message += f"\nhelp: {help_text}"
    related = []
    for label in diagnostic.labels:
        file = real(label.span.file)
        if file in lines_of and file in uri_of:
            location = types.Location(uri=uri_of[file], range=lines_of[file].range(label.span))
            related.append(types.DiagnosticRelatedInformation(location=location, message=render_label(label, lang)))
    return types.Diagnostic(
        range=where,
        message=message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=rule_page(diagnostic.code, rules_base)),
        source=SOURCE,
        related_information=related or None,
        data={"name": diagnostic.name},
    )

"""The root of every exception qlmatrix raises.

    QlmError                      anything qlmatrix refuses to do; `message` is a Text
    ├── PlanError                 a plan that cannot be read or formatted (`diagnostics` say why)
    ├── ConfigError               a bad settings file (qlmatrix.config)
    ├── DocumentError             a document `qlm import` cannot read (qlmatrix.importer)
    ├── RenderError               a rendering that cannot be done (qlmatrix.render)
    │   ├── UnknownChoice         a view, filter or format that names nothing (also a ValueError)
    │   └── MissingDependency     a library or `dot` not installed
    └── UnwritableError           a model value .qlm cannot express (also a ValueError)

`except qlmatrix.QlmError` catches all of them; the CLI prints `message` in
the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .text import Text

if TYPE_CHECKING:
    from .diagnostics import Diagnostic  # which imports this module


class QlmError(Exception):
    """Anything qlmatrix refuses to do. `message` is a Text; `diagnostics` the findings behind it, if any."""

    def __init__(self, message: Text | str, *, diagnostics: Iterable[Diagnostic] = ()) -> None:
        self.message = Text.of(message)
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        super().__init__(str(self.message))

    def in_language(self, lang: str) -> str:
        return self.message.in_language(lang)

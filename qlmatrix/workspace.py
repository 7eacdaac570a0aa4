"""Plans being edited: texts held by path, checked again after each change at editor speed.

    >>> from qlmatrix.workspace import Workspace
    >>> workspace = Workspace()
    >>> workspace.update("plan.qlm", "单位 纪监委\\n任务 甲 (责任单位:纪检委)")
    >>> [d.code for d in workspace.check("plan.qlm")]
    ['W203', 'E101']
    >>> workspace.update("plan.qlm", "单位 纪监委\\n任务 甲 (责任单位:纪监委)")
    >>> workspace.check("plan.qlm")
    []

`check(path)` gives what `qlm check path` reports (the diagnostics of
reading, then of every rule, sorted by position), as a full
`qlmatrix.check(qlmatrix.load(path))` would find them. What is reused after
an edit (docs/performance.md): each file keeps its parse by top-level
statement, so only the statements whose text changed are parsed again
(`qlmatrix.parser.incremental`); included files are parsed again only when
their text changed; and a plan equal to the last one checked keeps its
findings. The checks themselves run on the whole plan: a finding may join
any two tasks.

Texts given with `update` stand for the files at those paths (an editor's
unsaved buffers); any other file a plan includes is read from disk, and
read again when its size or modification time changes.

Not thread-safe: one thread calls a Workspace (a language server's main
loop); give each thread its own.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .checks import Config, run_checks
from .diagnostics import Diagnostic
from .parser import IncludeSession, Parsed, ReadResult, normalise_text, read_text
from .parser.incremental import Reparser
from .resolve import resolve
from .source import read_source

if TYPE_CHECKING:
    from collections.abc import Callable

    from .model import Plan
    from .resolve import ResolvedPlan

__all__ = ["Workspace"]


class Workspace:
    """Texts of plan files by path; `check` reads and checks a plan, reusing what did not change."""

    def __init__(self, config: Config | None = None, include_root: str | None = None) -> None:
        """`config` selects the rules as for `qlmatrix.check`; includes must lie inside `include_root`
        (default: the checked plan's own folder), as for `qlm check`."""
        self.config = config
        self.include_root = include_root
        self._texts: dict[str, str] = {}  # real path -> the editor's text
        self._disk: dict[str, tuple[tuple[int, int], str | None, Diagnostic | None]] = {}
        self._reparsers: dict[str, Reparser] = {}
        self._resolution: dict[str, tuple[Plan, ResolvedPlan]] = {}
        self._results: dict[str, tuple[Plan | None, tuple[Diagnostic, ...], list[Diagnostic]]] = {}

    def update(self, path: str | os.PathLike[str], text: str) -> None:
        """The file at `path` now holds `text` (for this workspace; nothing is written)."""
        self._texts[_real(path)] = text

    def close(self, path: str | os.PathLike[str]) -> None:
        """Forget the text given for `path`: the file on disk counts again."""
        real = _real(path)
        self._texts.pop(real, None)
        self._reparsers.pop(real, None)

    def read(self, path: str | os.PathLike[str]) -> ReadResult:
        """The plan at `path` read with its includes: the plan (None if it does not parse), the
        diagnostics of reading, and every source read (for showing lines in messages)."""
        name = os.fspath(path)
        real = _real(path)
        text = self._texts.get(real)
        if text is None:
            text, problem = self._from_disk(real)
            if text is None:
                return ReadResult(None, (problem,) if problem is not None else (), {})
        root = self.include_root if self.include_root is not None else os.path.dirname(name) or "."
        return read_text(text, name, _session=_Session(root, self._source, self._parse))

    def check(self, path: str | os.PathLike[str]) -> list[Diagnostic]:
        """Every diagnostic `qlm check` reports for the plan at `path`, sorted by position."""
        return self.analyse(path)[1]

    def analyse(self, path: str | os.PathLike[str]) -> tuple[ReadResult, list[Diagnostic], ResolvedPlan | None]:
        """`read`, `check` and `resolved` of the plan at `path` from one reading (what an editor asks
        after each keystroke: calling the three would read the text three times)."""
        result = self.read(path)
        real = _real(path)
        resolved = self._resolve(real, result.plan) if result.plan is not None else None
        kept = self._results.get(real)
        if kept is not None and kept[0] is result.plan and kept[1] == result.diagnostics:
            return result, list(kept[2]), resolved  # the very plan checked last time (a comment, a no-op)
        found = list(result.diagnostics)
        if result.plan is not None:
            found += run_checks(result.plan, self.config, resolved)
        found.sort(key=Diagnostic.sort_key)
        self._results[real] = (result.plan, result.diagnostics, found)
        return result, list(found), resolved

    def plan(self, path: str | os.PathLike[str]) -> Plan | None:
        """The plan at `path` as last read (reading it if needed); None if it does not parse."""
        return self.read(path).plan

    def resolved(self, path: str | os.PathLike[str]) -> ResolvedPlan | None:
        """`qlmatrix.resolve` of the plan at `path`; None if it does not parse."""
        plan = self.plan(path)
        return None if plan is None else self._resolve(_real(path), plan)

    # For the sessions of `read`.

    def _from_disk(self, real: str) -> tuple[str | None, Diagnostic | None]:
        try:
            status = os.stat(real)
            stamp = (status.st_mtime_ns, status.st_size)
        except OSError:
            stamp = (-1, -1)
        kept = self._disk.get(real)
        if kept is not None and kept[0] == stamp and stamp != (-1, -1):
            return kept[1], kept[2]
        text, problem = read_source(real)
        self._disk[real] = (stamp, text, problem)
        return text, problem

    def _resolve(self, real: str, plan: Plan) -> ResolvedPlan:
        kept = self._resolution.get(real)
        if kept is None or kept[0] is not plan:
            kept = self._resolution[real] = (plan, resolve(plan, kept[1] if kept is not None else None))
        return kept[1]

    def _source(self, real: str) -> tuple[str | None, Diagnostic | None]:
        text = self._texts.get(real)
        if text is not None:
            return normalise_text(text), None
        return self._from_disk(real)

    def _parse(self, text: str, filename: str) -> Parsed:
        real = _real(filename) if filename != "<string>" else filename
        reparser = self._reparsers.get(real)
        if reparser is None or reparser.filename != filename:
            reparser = self._reparsers[real] = Reparser(filename)
        return reparser.parse(text)


class _Session(IncludeSession):
    """One read within a workspace: files come from its texts, parses from its reparsers."""

    def __init__(self, root: str | None, source: Callable[[str], tuple[str | None, Diagnostic | None]],
                 parse: Callable[[str, str], Parsed]) -> None:
        super().__init__(root)
        self._source, self._parse = source, parse

    def source(self, real: str) -> tuple[str | None, Diagnostic | None]:
        return self._source(real)

    def parse(self, text: str, filename: str) -> Parsed:
        return self._parse(text, filename)


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))

"""The one seam between the language server and the library: documents in, a checked plan out.

`Documents` holds what the editor has open (by real path, with its text) and
answers `analyse(path)`: the plan the file belongs to (the master plan that
includes it, if any), its resolved view, and every diagnostic of the plan by
file. Everything the server shows reads from the `Analysis` it returns.

Each call reads through `qlmatrix.workspace.Workspace`, the library's
incremental reader: after a keystroke only the statements whose text changed
are parsed again, and included files only when their text changed.
Included files are read from the open documents first, then from disk, and
only inside the workspace folder (as `qlm check --include-root` confines them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import attrs

from ..checks import Config
from ..diagnostics import Diagnostic, Severity
from ..errors import QlmError
from ..model import Plan
from ..resolve import ResolvedPlan
from ..source import read_source
from ..workspace import Workspace

#: `引入 "file.qlm"` as the grammar writes it: found without parsing, to know which file includes which.
_INCLUDE = re.compile(r"""(?:^|[;；{｛])[ \t\u3000]*(?:引入|include)[ \t\u3000]*"((?:[^"\\\n]|\\.)*)\"""", re.M)
#: Folders never searched for plans (they hold tools, not plans, and can be large).
_SKIPPED = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})
MAX_WORKSPACE_FILES = 2000


def real(path: str) -> str:
    return os.path.realpath(path)


@attrs.define
class Analysis:
    """One plan read and checked: what every feature of the server reads."""

    root: str  # the real path of the file the plan starts from
    plan: Plan | None
    #: real path -> the diagnostics placed in that file (a diagnostic without a place goes to `root`)
    diagnostics: dict[str, list[Diagnostic]]
    #: real path -> the text that was read, for every file of the plan
    sources: dict[str, str]
    resolved: ResolvedPlan | None = None
    #: what features derive from this analysis and keep while it lasts (qlmatrix.lsp.index's occurrences)
    memo: dict[str, Any] = attrs.field(factory=dict)

    def files(self) -> list[str]:
        return list(dict.fromkeys([self.root, *self.sources]))


class Documents:
    """The editor's open documents and the workspace folder they are confined to."""

    def __init__(self, workspace: str | None = None):
        self.workspace = real(workspace) if workspace else None
        self.open: dict[str, str] = {}  # real path -> text in the editor
        self.configs: dict[str, Config] = {}
        self.config_problems: dict[str, QlmError] = {}  # folder -> why its settings file cannot be used
        self._includers: dict[str, str] | None = None  # included real path -> the file that includes it
        self._cache: dict[str, Analysis] = {}
        self._last_read: dict[str, Analysis] = {}  # root -> the last analysis whose plan parsed
        #: (include root, settings) -> the incremental reader and the texts it was given
        self._workspaces: dict[tuple[str, int], tuple[Workspace, dict[str, str]]] = {}

    # What the editor says.

    def set(self, path: str, text: str) -> None:
        path = real(path)
        before = self.open.get(path)
        self.open[path] = text
        self._cache.clear()
        if before is None or _include_lines(before) != _include_lines(text):
            self._includers = None

    def close(self, path: str) -> None:
        self.open.pop(real(path), None)
        self._cache.clear()
        self._includers = None

    def saved(self) -> None:
        """Files may have changed on disk (a save, a file created or deleted)."""
        self._cache.clear()
        self._includers = None
        self.configs.clear()
        self._workspaces.clear()

    # What the features ask.

    def text(self, path: str) -> str | None:
        """The file's text: the editor's if it is open, else the file's on disk (inside the workspace)."""
        path = real(path)
        if path in self.open:
            return self.open[path]
        if not self.inside(path):
            return None
        text, _ = read_source(path)
        return text

    def inside(self, path: str) -> bool:
        if self.workspace is None:
            return True
        return path == self.workspace or path.startswith(self.workspace.rstrip(os.sep) + os.sep)

    def include_root(self, path: str) -> str:
        return self.workspace if self.workspace is not None and self.inside(path) else os.path.dirname(path)

    def root_of(self, path: str) -> str:
        """The file the plan holding `path` starts from: the topmost file that includes it, or itself."""
        path = real(path)
        includers = self.includers()
        seen = {path}
        while path in includers and includers[path] not in seen:
            path = includers[path]
            seen.add(path)
        return path

    def includers(self) -> dict[str, str]:
        if self._includers is None:
            found: dict[str, str] = {}
            for path in self._plan_files():
                text = self.open.get(path)
                if text is None:
                    text, _ = read_source(path)
                for target in _include_targets(text or "", path):
                    found.setdefault(target, path)
            self._includers = found
        return self._includers

    def analyse(self, path: str) -> Analysis:
        """The plan `path` belongs to, read and checked (kept until a document changes)."""
        root = self.root_of(path)
        if root not in self._cache:
            analysis = self._analyse(root)
            self._cache[root] = analysis
            if analysis.plan is not None:
                self._last_read[root] = analysis
        return self._cache[root]

    def usable(self, path: str) -> Analysis:
        """The analysis of `path`'s plan, or while its text does not parse, the last one that did (for
        hover, completion and navigation as the planner types; positions after the edit may be off)."""
        analysis = self.analyse(path)
        if analysis.plan is None:
            return self._last_read.get(analysis.root, analysis)
        return analysis

    def analyses(self) -> Iterator[Analysis]:
        """Every plan of the workspace (each file that no other includes), then the open files outside it."""
        roots = dict.fromkeys(self.root_of(path) for path in [*self._plan_files(), *self.open])
        for root in roots:
            yield self.analyse(root)

    # Reading.

    def _analyse(self, root: str) -> Analysis:
        workspace = self._workspace(root)
        # Reading and every rule in one pass, reusing what the last edit left alone.
        result, found, resolved = workspace.analyse(root)
        plan, sources = result.plan, dict(result.sources)
        if self.config(root).strict:
            found = [attrs.evolve(d, severity=Severity.ERROR) if d.severity is Severity.WARNING else d for d in found]
        by_file: dict[str, list[Diagnostic]] = {path: [] for path in dict.fromkeys([root, *map(real, sources)])}
        for diagnostic in found:  # sorted by position already
            file = real(diagnostic.span.file) if diagnostic.span is not None else root
            by_file.setdefault(file, []).append(diagnostic)
        return Analysis(root, plan, by_file, {real(path): text for path, text in sources.items()}, resolved)

    def _workspace(self, root: str) -> Workspace:
        """The incremental reader for the plan at `root` (one per include root and settings), given
        the editor's open texts: included files open in the editor are read from there."""
        config, include_root = self.config(root), self.include_root(root)
        key = (include_root, id(config))
        if key not in self._workspaces:
            self._workspaces[key] = (Workspace(config, include_root), {})
        workspace, given = self._workspaces[key]
        for path in [path for path in given if path not in self.open]:
            workspace.close(path)
            del given[path]
        for path, text in self.open.items():
            if given.get(path) != text:
                workspace.update(path, text)
                given[path] = text
        return workspace

    def config(self, path: str) -> Config:
        """The settings for the plan at `path` (nearest qlmatrix.toml or pyproject.toml), read once per folder."""
        from ..config import ConfigError, load_config

        folder = os.path.dirname(path)
        if folder not in self.configs:
            try:
                self.configs[folder] = load_config(path)
                self.config_problems.pop(folder, None)
            except ConfigError as error:
                self.configs[folder] = Config()
                self.config_problems[folder] = error
        return self.configs[folder]

    def _plan_files(self) -> list[str]:
        """The .qlm files of the workspace folder (a bounded number), and the open ones."""
        found: list[str] = []
        if self.workspace is not None:
            for folder, folders, files in os.walk(self.workspace):
                folders[:] = sorted(name for name in folders if name not in _SKIPPED and not name.startswith("."))
                found += [real(os.path.join(folder, name)) for name in sorted(files) if name.endswith(".qlm")]
                if len(found) >= MAX_WORKSPACE_FILES:
                    break
        return list(dict.fromkeys([*found[:MAX_WORKSPACE_FILES], *self.open]))


def _include_lines(text: str) -> tuple[str, ...]:
    if "引入" not in text and "include" not in text:  # at every keystroke: a plain search is ~100 times faster
        return ()
    return tuple(match.group(1) for match in _INCLUDE.finditer(text))


def _include_targets(text: str, path: str) -> list[str]:
    base = os.path.dirname(path)
    return [real(os.path.join(base, written)) for written in _include_lines(text) if "\x00" not in written]

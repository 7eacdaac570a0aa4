"""`qlm check PATH...`: parse, resolve references, report gaps and conflicts.

Settings come from the nearest `qlmatrix.toml` or `[tool.qlmatrix]` in
`pyproject.toml` (see qlmatrix.config); `--select`, `--ignore` and
`--strict` on the command line win over the file. A file that another
checked file includes (the carriers of a "1+7" layout) is checked as part
of the plan that includes it, not on its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

import attrs

from ..checks import Config, run_checks
from ..diagnostics import Diagnostic, Severity
from ..parser import read_file
from .files import plan_files
from .report import print_diagnostics

if TYPE_CHECKING:
    import argparse

    from ..model import Plan
    from ..parser import ReadResult
    from .i18n import Subcommands

UNREADABLE = ("E011", "E009")
FORMATS = ("text", "concise", "json", "sarif", "github")


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("check", help="check plans for errors, gaps and conflicts")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".qlm files or folders holding them")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--select", type=_codes, metavar="CODES",
                        help="only these rules: codes, prefixes (W2) or names, comma-separated")
    parser.add_argument("--ignore", type=_codes, metavar="CODES", help="leave out these rules (wins over --select)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--config", metavar="FILE",
                        help="settings file (qlmatrix.toml or pyproject.toml) instead of the nearest one")
    parser.add_argument("--include-root", metavar="DIR",
                        help="folder included files may come from (default: each plan's own folder)")
    parser.set_defaults(run=run)


class _Settings:
    """Settings per plan folder, read once, with the command line on top."""

    def __init__(self, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None, strict: bool = False,
                 config_file: str | None = None) -> None:
        self.select, self.ignore, self.strict = select, ignore, strict
        self.fixed = _explicit(config_file) if config_file else None
        self.cache: dict[str, Config] = {}

    def for_plan(self, path: str) -> Config:
        from ..config import load_config, with_cli

        if self.fixed is not None:
            return with_cli(self.fixed, self.select, self.ignore, self.strict)
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self.cache:
            self.cache[folder] = with_cli(load_config(path), self.select, self.ignore, self.strict)
        return self.cache[folder]


def _explicit(path: str) -> Config:
    from ..config import ConfigError, parse_config, read_settings

    data = read_settings(path)
    if os.path.basename(path) != "pyproject.toml":
        return parse_config(data, path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: `tool` must be a table", f"{path}：`tool`应为一个表")
    return parse_config(tool.get("qlmatrix", {}), path)


def _real(path: str) -> str:
    return os.path.realpath(path)


def _reach(plan: Plan) -> set[str]:
    """Real paths of every file `plan` includes, at any depth (a file named twice counts once)."""
    found: set[str] = set()
    stack = [plan]
    while stack:
        for include in stack.pop().includes():
            if include.span is not None and "\x00" not in include.path:  # a NUL path is E007, never a path
                found.add(_real(os.path.join(os.path.dirname(include.span.file), include.path)))
            if include.plan is not None:
                stack.append(include.plan)
    return found


def _included(results: Mapping[str, ReadResult]) -> set[str]:
    """Real paths of the checked files that another checked file includes: they are checked as part of
    it. A file on a cycle with every file that includes it (`引入` of itself, a -> b -> a) is not: it
    is checked on its own, so that the cycle (E008) and every finding in it are reported."""
    reach = {_real(path): _reach(result.plan) for path, result in results.items() if result.plan is not None}
    skipped = set()
    for path in reach:
        if any(path in reached and other not in reach[path] for other, reached in reach.items() if other != path):
            skipped.add(path)
    return skipped


def check_paths(paths: list[str], select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
                strict: bool = False, config_file: str | None = None, include_root: str | None = None,
                lang: str = "en") -> tuple[list[Diagnostic], dict[str, str], int]:
    """All diagnostics for the plans at `paths`, their sources, and how many files were read."""
    from .progress import Progress

    settings = _Settings(select, ignore, strict, config_file)
    files = plan_files(paths)
    progress = Progress("读取" if lang == "zh" else "reading", len(files))
    results: dict[str, ReadResult] = {}
    for done, path in enumerate(files, 1):
        progress(done, path)
        results[path] = read_file(path, include_root)
    progress.close()
    included = _included(results)
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    seen: set[tuple[object, ...]] = set()
    for path, result in results.items():
        sources.update(result.sources)
        if _real(path) in included:
            continue  # checked as part of the plan that includes it
        config = settings.for_plan(path)
        found = [_strict(d, config) for d in result.diagnostics]
        if result.plan is not None:
            found += run_checks(result.plan, config)
        for diagnostic in found:
            # Files on an include cycle are each checked, and each reads the others: one report per finding.
            key = (diagnostic.code, diagnostic.span, tuple(sorted((k, str(v)) for k, v in diagnostic.args.items())))
            if key not in seen:
                seen.add(key)
                diagnostics.append(diagnostic)
    return sorted(diagnostics, key=Diagnostic.sort_key), sources, len(files)


def _strict(diagnostic: Diagnostic, config: Config) -> Diagnostic:
    if config.strict and diagnostic.severity is Severity.WARNING:
        return attrs.evolve(diagnostic, severity=Severity.ERROR)
    return diagnostic


def emit(diagnostics: Sequence[Diagnostic], sources: dict[str, str], fmt: str, lang: str, files: int,
         stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if fmt in ("text", "json"):
        print_diagnostics(diagnostics, sources, fmt, lang, files, stream)
    elif fmt == "concise":
        from ..diagnostics import concise
        from ..diagnostics.text import TextEmitter

        stream.write(concise.dumps(diagnostics, lang))
        print(TextEmitter(sources, lang).summary(diagnostics, files), file=stream)
    elif fmt == "github":
        from ..diagnostics import github

        stream.write(github.dumps(diagnostics, lang))
    else:
        from .. import __version__
        from ..checks.docs import sarif_rules
        from ..diagnostics import sarif

        stream.write(sarif.dumps(diagnostics, lang, sarif_rules(), __version__))


def run(args: argparse.Namespace) -> int:
    from ..config import ConfigError

    try:
        diagnostics, sources, files = check_paths(args.paths, args.select, args.ignore, args.strict, args.config,
                                                  include_root=args.include_root, lang=args.lang)
    except ConfigError as error:
        print(f"qlm: {error.in_language(args.lang)}", file=sys.stderr)
        return 2
    from .files import warn_empty_folders

    warn_empty_folders(args.paths, args.lang)
    emit(diagnostics, sources, args.format, args.lang, files)
    if any(d.code in UNREADABLE for d in diagnostics):
        return 2
    return 1 if any(d.is_error for d in diagnostics) else 0

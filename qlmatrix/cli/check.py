"""`qlm check PATH...`: parse, resolve references, report gaps and conflicts."""

from __future__ import annotations

from ..checks import run_checks
from ..diagnostics import Diagnostic
from ..parser import read_file
from .files import plan_files
from .report import FORMATS, print_diagnostics

UNREADABLE = ("E011", "E009")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("check", help="check plans for errors, gaps and conflicts")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".qlm files or folders holding them")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.set_defaults(run=run)


def check_paths(paths: list[str]) -> tuple[list[Diagnostic], dict, int]:
    """All diagnostics for the plans at `paths`, their sources, and how many files were read."""
    diagnostics: list[Diagnostic] = []
    sources: dict = {}
    files = plan_files(paths)
    for path in files:
        result = read_file(path)
        sources.update(result.sources)
        diagnostics += result.diagnostics
        if result.plan is not None:
            diagnostics += run_checks(result.plan)
    return diagnostics, sources, len(files)


def run(args) -> int:
    diagnostics, sources, files = check_paths(args.paths)
    print_diagnostics(diagnostics, sources, args.format, args.lang, files)
    if any(d.code in UNREADABLE for d in diagnostics):
        return 2
    return 1 if any(d.is_error for d in diagnostics) else 0

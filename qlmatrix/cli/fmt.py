"""`qlm fmt PATH... [--check] [--diff] [--keywords zh|en]`: canonical layout, comments kept.

Exit codes: 0 nothing to do or all formatted; 1 a file would be reformatted
(--check) or has errors (left untouched, diagnostics shown); 2 usage errors
or unreadable files.
"""

from __future__ import annotations

import difflib
import sys
from typing import TYPE_CHECKING

from ..fmt import format_file
from .files import OutputError, plan_files, warn_empty_folders, write_output
from .render import fail
from .report import print_diagnostics

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands

UNREADABLE = ("E011", "E009")


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("fmt", help="rewrite plans in the canonical layout, keeping comments")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".qlm files or folders holding them")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    parser.add_argument("--diff", action="store_true", help="write nothing; print the changes as a unified diff")
    parser.add_argument("--keywords", choices=("zh", "en"), help="keyword language (default: as written)")
    parser.set_defaults(run=run)


def _say(lang: str, en: str, zh: str) -> None:
    print(zh if lang == "zh" else en, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    files = plan_files(args.paths)
    warn_empty_folders(args.paths, args.lang)
    status, changed, unchanged = 0, 0, 0
    for path in files:
        result = format_file(path, args.keywords)
        if result.formatted is None:
            print_diagnostics(result.diagnostics, result.sources, "text", args.lang, 1, stream=sys.stderr)
            unreadable = any(d.code in UNREADABLE for d in result.diagnostics)
            status = max(status, 2 if unreadable else 1)
            continue
        if not result.changed:
            unchanged += 1
            continue
        changed += 1
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                result.original.splitlines(keepends=True), result.formatted.splitlines(keepends=True),
                fromfile=path, tofile=path))
        if args.check or args.diff:
            _say(args.lang, f"would reformat {path}", f"需要重新格式化 {path}")
            status = max(status, 1 if args.check else 0)
        else:
            # Written as write_output writes: mode, owner, hard links and a symlinked plan kept.
            try:
                write_output(path, result.formatted)
            except OutputError as error:
                status = max(status, fail(error, args.lang))
                changed -= 1
                continue
            _say(args.lang, f"reformatted {path}", f"已格式化 {path}")
    verb_en = "would be reformatted" if args.check or args.diff else "reformatted"
    verb_zh = "需要重新格式化" if args.check or args.diff else "已格式化"
    _say(args.lang, f"{changed} file{'s' * (changed != 1)} {verb_en}, {unchanged} unchanged",
         f"{changed} 个文件{verb_zh}，{unchanged} 个文件无需改动")
    return status

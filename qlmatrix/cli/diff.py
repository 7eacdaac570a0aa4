"""`qlm diff OLD NEW [--format text|md|html|json|xlsx|docx] [-o OUT]`: what changed between two versions.

OLD and NEW are each a .qlm plan or a document `qlm import` reads (.txt, .md,
.docx), so a 征求意见稿 in Word can be compared with the .qlm of the 正式稿.
With -o, the count of changes is said on standard error. Exit codes, as diff(1) has them: 0 nothing changed, 1 something did, 2 an
input cannot be read or the output cannot be written.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from .render import check_outputs, emit, fail, format_from, unknown_suffix
from .report import print_diagnostics

if TYPE_CHECKING:
    import argparse

    from ..model import Plan
    from .i18n import Subcommands

EXIT_SAME, EXIT_CHANGED, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "md", "html", "json", "xlsx", "docx")
SUFFIXES = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json",
            ".xlsx": "xlsx", ".docx": "docx"}
#: Inputs read as a plan; anything else goes through the importer.
PLAN_SUFFIXES = (".qlm",)


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("diff", help="list what changed between two versions of a plan, task by task")
    parser.add_argument("old", metavar="OLD", help="the earlier version: a .qlm plan or a document (.txt, .md, .docx)")
    parser.add_argument("new", metavar="NEW", help="the later version, likewise")
    parser.add_argument("--format", choices=FORMATS,
                        help="text (a list), json, or the 修改对照表 as md, html, xlsx or docx (default: from OUT's suffix, else text)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.set_defaults(run=run)


def read_any(path: str, lang: str) -> Plan | None:
    """The plan in `path` (a .qlm file, or a document imported): None after saying why it cannot be read."""
    if path.lower().endswith(PLAN_SUFFIXES):
        from ..parser import read_file

        result = read_file(path)
        if not result.ok or result.plan is None:
            print_diagnostics([d for d in result.diagnostics if d.is_error], result.sources, "text", lang, None,
                              stream=sys.stderr)
            return None
        return result.plan
    from ..importer import DocumentError, import_file

    try:
        return import_file(path).plan
    except DocumentError as error:
        print_diagnostics([error.diagnostic], {}, "text", lang, None, stream=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from ..diff import diff, render_diff, summary

    fmt = format_from(args.output, args.format, SUFFIXES, "text")
    if fmt is None:
        return fail(unknown_suffix(args.output, FORMATS), args.lang)
    failed = check_outputs([args.output], args.lang, [args.old, args.new])
    if failed is not None:
        return failed
    plans = [read_any(path, args.lang) for path in (args.old, args.new)]
    old, new = plans
    if old is None or new is None:
        return EXIT_USAGE
    found = diff(old, new)
    data = render_diff(found, fmt, args.lang)
    failed = emit(data, args.output, args.lang, fmt, [os.path.abspath(args.old), os.path.abspath(args.new)])
    if failed is not None:
        return failed
    if args.output:  # the file holds the changes; the reader is told how many
        print(summary(found).in_language(args.lang), file=sys.stderr)
    return EXIT_SAME if found.empty else EXIT_CHANGED

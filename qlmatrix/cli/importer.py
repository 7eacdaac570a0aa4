"""`qlm import DOC [-o PLAN.qlm] [--encoding ENC] [--keywords zh|en]`: a plan document as a .qlm plan.

The plan goes to standard output (or -o); what looked like an assignment but
was not understood is listed on standard error as well as in the plan's
header comment. An existing PLAN is never replaced without --force (it is
usually a plan the planner has been correcting). Exit codes: 0 imported,
2 the document cannot be read or PLAN exists.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ..diagnostics.messages import render_help, render_message
from ..importer import DocumentError, import_file
from ..resolve import resolve
from ..text import Text
from .render import check_outputs, emit, fail
from .report import print_diagnostics

if TYPE_CHECKING:
    import argparse

    from ..importer import ImportResult
    from .i18n import Subcommands


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("import", help="turn a plan document (.txt, .md, .docx) into a .qlm plan")
    parser.add_argument("document", metavar="DOC", help="the document: .txt, .md or .docx")
    parser.add_argument("-o", "--output", metavar="PLAN", help="write the plan here instead of standard output")
    parser.add_argument("--encoding", help="the text's encoding (default: UTF-8, else GB18030)")
    parser.add_argument("--keywords", choices=("zh", "en"), default="zh", help="keyword language (default: zh)")
    parser.add_argument("--force", action="store_true", help="replace PLAN if it exists (by default it is kept)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # First whether the output may be written at all (a folder, the document itself: even --force
    # does not make them a plan), then whether it holds a plan to keep.
    failed = check_outputs([args.output], args.lang, [args.document])
    if failed is not None:
        return failed
    if args.output and os.path.isfile(args.output) and not args.force:
        # A plan that exists is usually one the planner has been correcting by hand. (A device or a
        # FIFO, `-o /dev/stdout`, holds no plan: it is written to.)
        return fail(Text(f"`{args.output}` exists and is kept: give --force to replace it, or another -o",
                         f"`{args.output}`已存在，未覆盖：如需替换请加 --force，或用 -o 另写一个文件"), args.lang)
    from .progress import Progress

    # Three steps, on a terminal's stderr only (a long document takes seconds): read and understand
    # the document, write the plan, check who holds what.
    zh = args.lang == "zh"
    progress = Progress("导入" if zh else "importing", 3)
    progress(1, ("读取并识别 " if zh else "reading ") + os.path.basename(args.document))
    try:
        result = import_file(args.document, encoding=args.encoding, keywords=args.keywords)
    except DocumentError as error:
        progress.close()
        print_diagnostics([error.diagnostic], {}, "text", args.lang, None, stream=sys.stderr)
        return 2
    progress(2, "写出计划" if zh else "writing the plan")
    if not args.output:
        progress.close()  # the plan goes to the terminal: not after a progress line
    failed = emit(result.text, args.output, args.lang, "qlm", [args.document])
    if failed is not None:
        progress.close()
        return failed
    progress(3, "核对分工" if zh else "checking assignments")
    resolved = resolve(result.plan).tasks
    progress.close()
    tasks = len(resolved)
    assigned = sum(1 for task in resolved if task.has_holdings)
    _print_doubt(result, args.lang)
    if result.problems:
        _print_problems(result, args.lang)
    if args.lang == "zh":
        print(f"已导入 {tasks} 项任务（{assigned} 项有分工），{len(result.plan.units)} 个单位；"
              f"{len(result.problems)} 处分工未能识别", file=sys.stderr)
    else:
        print(f"imported {tasks} tasks ({assigned} assigned) and {len(result.plan.units)} units; "
              f"{len(result.problems)} passage{'s' * (len(result.problems) != 1)} not understood", file=sys.stderr)
    return 0


def _print_doubt(result: ImportResult, lang: str) -> None:
    """The verdict (I012) when the reading is in doubt, first: the figures, the passages not explained, the help."""
    doubt = next((d for d in result.diagnostics if d.code == "I012"), None)
    if doubt is None:
        return
    print(f"{result.source}:{doubt.span.line if doubt.span else 1}: {render_message(doubt, lang)}", file=sys.stderr)
    unexplained = "未对应到任务" if lang == "zh" else "not attached to a task"
    colon = "：" if lang == "zh" else ": "
    for line, excerpt in result.coverage.unexplained:
        print(f"{result.source}:{line}: {unexplained}{colon}{excerpt}", file=sys.stderr)
    print(f"  {'帮助' if lang == 'zh' else 'help'}{colon}{render_help(doubt, lang)}", file=sys.stderr)


def _print_problems(result: ImportResult, lang: str) -> None:
    for problem in result.problems:
        reason = problem.reason.in_language(lang)
        colon = "：" if lang == "zh" else ": "  # after Chinese words, the full-width colon
        excerpt = f"{colon}{problem.excerpt}" if problem.excerpt else ""
        print(f"{result.source}:{problem.line}: {reason}{excerpt}", file=sys.stderr)

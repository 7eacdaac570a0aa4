"""`qlm import DOC [-o PLAN.qlm] [--encoding ENC] [--keywords zh|en]`: a plan document as a .qlm plan.

The plan goes to standard output (or -o); what looked like an assignment but
was not understood is listed on standard error as well as in the plan's
header comment. Exit codes: 0 imported, 2 the document cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..importer import DocumentError, import_document
from .files import write_atomic
from .report import print_diagnostics


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("import", help="turn a plan document (.txt, .md, .docx) into a .qlm plan")
    parser.add_argument("document", metavar="DOC", help="the document: .txt, .md or .docx")
    parser.add_argument("-o", "--output", metavar="PLAN", help="write the plan here instead of standard output")
    parser.add_argument("--encoding", help="the text's encoding (default: UTF-8, else GB18030)")
    parser.add_argument("--keywords", choices=("zh", "en"), default="zh", help="keyword language (default: zh)")
    parser.set_defaults(run=run)


def run(args) -> int:
    try:
        result = import_document(Path(args.document), encoding=args.encoding, keywords=args.keywords)
    except DocumentError as error:
        print_diagnostics([error.diagnostic], {}, "text", args.lang, 1, stream=sys.stderr)
        return 2
    if args.output:
        write_atomic(args.output, result.text)
    else:
        sys.stdout.write(result.text)
    tasks = sum(1 for _ in result.plan.tasks())
    assigned = sum(1 for task in result.plan.tasks() if task.assignments)
    if result.problems:
        _print_problems(result, args.lang)
    if args.lang == "zh":
        print(f"已导入 {tasks} 项任务（{assigned} 项有分工），{len(result.plan.units)} 个单位；"
              f"{len(result.problems)} 处分工未能识别", file=sys.stderr)
    else:
        print(f"imported {tasks} tasks ({assigned} assigned) and {len(result.plan.units)} units; "
              f"{len(result.problems)} passage{'s' * (len(result.problems) != 1)} not understood", file=sys.stderr)
    return 0


def _print_problems(result, lang: str) -> None:
    for problem in result.problems:
        reason = problem.reason.in_language(lang)
        where = f"{result.source}:{problem.line}"
        print(f"{where}: {reason}: {problem.excerpt}", file=sys.stderr)

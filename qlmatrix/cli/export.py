"""`qlm export PLAN --format json|qlm`: the whole model as JSON, or canonical .qlm."""

from __future__ import annotations

import sys

from ..export import plan_to_json
from ..parser import read_file
from ..writer import write_plan
from .files import write_atomic
from .report import print_diagnostics


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("export", help="write the plan's model as JSON (or canonical .qlm)")
    parser.add_argument("plan", metavar="PLAN", help="the .qlm file")
    parser.add_argument("--format", choices=("json", "qlm"), default="json", help="output format (default: json)")
    parser.add_argument("--keywords", choices=("zh", "en"), default="zh", help="keyword language for --format qlm")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.set_defaults(run=run)


def run(args) -> int:
    result = read_file(args.plan)
    if not result.ok:
        errors = [d for d in result.diagnostics if d.is_error]
        print_diagnostics(errors, result.sources, "text", args.lang, 1, stream=sys.stderr)
        return 2 if any(d.code in ("E011", "E009") for d in errors) else 1
    text = plan_to_json(result.plan) if args.format == "json" else write_plan(result.plan, args.keywords)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0

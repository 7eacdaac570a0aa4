"""`qlm export PLAN --format json|qlm`: the whole model as JSON, or canonical .qlm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..export import plan_to_json
from ..writer import write_plan
from .files import plan_inputs
from .render import add_allow_errors, emit, load_plan_for_output

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("export", help="write the plan's model as JSON (or canonical .qlm)")
    parser.add_argument("plan", metavar="PLAN", help="the .qlm file")
    parser.add_argument("--format", choices=("json", "qlm"), default="json", help="output format (default: json)")
    parser.add_argument("--keywords", choices=("zh", "en"), default="zh", help="keyword language for --format qlm")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    add_allow_errors(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    loaded = load_plan_for_output(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    text = plan_to_json(plan) if args.format == "json" else write_plan(plan, args.keywords)
    failed = emit(text, args.output, args.lang, args.format, plan_inputs(args.plan, plan))
    return status if failed is None else failed

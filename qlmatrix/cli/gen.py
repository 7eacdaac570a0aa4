"""`qlm gen --tasks N [--units U] [--seed S] -o FILE`: a synthetic plan for trying the tool at scale."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser(
        "gen", help="generate a synthetic plan (sections, units of four levels, all roles, deliberate gaps)")
    parser.add_argument("--tasks", type=_positive, required=True, metavar="N", help="number of tasks")
    parser.add_argument("--units", type=_positive, metavar="U",
                        help="number of declared units (default: tasks/10, between 40 and 5000; at least 30)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed: same seed, same plan (default: 0)")
    parser.add_argument("--keywords", choices=("zh", "en"), default="zh", help="keyword language (default: zh)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    parser.set_defaults(run=run)


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from .. import dumps
    from ..gen import generate
    from .files import write_atomic

    if args.units is not None and args.units < 30:
        print("qlm gen: --units must be at least 30 (the city's own units)", file=sys.stderr)
        return 2
    from .progress import Progress

    progress = Progress("生成任务" if args.lang == "zh" else "generating tasks", args.tasks, minimum=5000)
    try:
        plan = generate(args.tasks, args.units, args.seed, progress=progress if progress.enabled else None)
    finally:
        progress.close()
    text = dumps(plan, args.keywords)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0

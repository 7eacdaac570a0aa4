"""`qlm gen --tasks N [--units U] [--seed S] -o FILE`: a synthetic plan for trying the tool at scale."""

from __future__ import annotations

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

    from .i18n import say

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(f"not a whole number: {text!r}", f"不是整数：{text!r}")) from None
    if value < 1:
        raise argparse.ArgumentTypeError(say(f"must be at least 1, not {value}", f"至少为 1，而不是 {value}"))
    from ..limits import MAX_GENERATED_TASKS

    if value > MAX_GENERATED_TASKS:  # more would only run out of memory
        raise argparse.ArgumentTypeError(say(f"at most {MAX_GENERATED_TASKS:,}, not {value}",
                                             f"至多 {MAX_GENERATED_TASKS:,}，而不是 {value}"))
    return value


def run(args: argparse.Namespace) -> int:
    from .. import dumps
    from ..gen import generate
    from ..text import Text
    from .render import check_outputs, emit, fail

    if args.units is not None and args.units < 30:
        return fail(Text("--units must be at least 30 (the city's own units)",
                         "--units 至少为 30（市本级的单位）"), args.lang)
    failed = check_outputs([args.output], args.lang)  # before the plan is generated, which takes a while
    if failed is not None:
        return failed
    from .progress import Progress

    progress = Progress("生成任务" if args.lang == "zh" else "generating tasks", args.tasks, minimum=5000)
    try:
        plan = generate(args.tasks, args.units, args.seed, progress=progress if progress.enabled else None)
    finally:
        progress.close()
    failed = emit(dumps(plan, args.keywords), args.output, args.lang, "qlm")
    return 0 if failed is None else failed

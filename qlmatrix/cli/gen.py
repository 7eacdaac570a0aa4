"""`qlm gen --tasks N [--units U] [--seed S] -o FILE`: a synthetic plan for trying the tool at scale."""

from __future__ import annotations

import sys


def add_parser(subparsers) -> None:
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


class _Progress:
    """`generating: 12000/100000 tasks` on one line of a terminal's stderr; silent otherwise."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, done: int) -> None:
        self.stream.write(f"\rgenerating: {done}/{self.total} tasks")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run(args) -> int:
    from .. import dumps
    from ..gen import generate
    from .files import write_atomic

    if args.units is not None and args.units < 30:
        print("qlm gen: --units must be at least 30 (the city's own units)", file=sys.stderr)
        return 2
    progress = _Progress(args.tasks) if sys.stderr.isatty() and args.tasks >= 5000 else None
    try:
        plan = generate(args.tasks, args.units, args.seed, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    text = dumps(plan, args.keywords)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0

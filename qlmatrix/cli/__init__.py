"""The `qlm` command. The cli package is the only place that prints or exits.

Exit codes: 0 no errors, 1 errors in a plan (syntax errors included),
2 usage errors or files that cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import check, export

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

#: Each command module offers `add_parser(subparsers)` and `run(args) -> int`.
COMMANDS = (check, export)


def detect_language(environ=os.environ) -> str:
    """`zh` when the locale is Chinese (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, first set wins), else `en`."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qlm",
        description="Check and render responsibility matrices of implementation plans (.qlm files).",
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages (default: from the locale)")
    parser.add_argument("--version", action="version", version=f"qlm {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def _version() -> str:
    from .. import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.lang = args.lang or detect_language()
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted" if args.lang == "en" else "已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of the plan.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK

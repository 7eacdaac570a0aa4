"""`qlm rule [CODE]`: a rule's documentation, or the list of rules."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..checks import RULES
from ..checks.docs import summary
from ..diagnostics.messages import MESSAGES
from ..span import pad
from .pages import page, printable_codes

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("rule", help="explain a check rule (by code or name), or list them all")
    parser.add_argument("code", nargs="?", metavar="CODE", help="a rule code (W201) or name (task-without-unit)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.code:
        for rule in sorted(RULES.values(), key=lambda r: (r.code[1:], r.code)):
            print(f"{rule.code}  {pad(rule.name, 28)} {pad(rule.severity.value, 8)} {summary(rule)}")
        for code in printable_codes():
            if code not in RULES:
                name, message = MESSAGES[code]
                print(f"{code}  {pad(name, 28)} {pad('', 8)} {message.in_language(args.lang)}")
        return 0
    found = page(args.code, args.lang)
    if found is None:
        unknown = ("no rule or code `{}`; `qlm rule` lists them" if args.lang == "en"
                   else "没有规则或编号`{}`；`qlm rule`可列出全部")
        print(unknown.format(args.code), file=sys.stderr)
        return 2
    print(found, end="")
    return 0

"""`qlm rule [CODE]`: a rule's documentation, or the list of rules."""

from __future__ import annotations

import sys

from ..checks import RULES, find_rule
from ..checks.docs import rule_markdown, summary
from ..span import pad


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("rule", help="explain a check rule (by code or name), or list them all")
    parser.add_argument("code", nargs="?", metavar="CODE", help="a rule code (W201) or name (task-without-unit)")
    parser.set_defaults(run=run)


def run(args) -> int:
    if not args.code:
        for rule in sorted(RULES.values(), key=lambda r: (r.code[1:], r.code)):
            print(f"{rule.code}  {pad(rule.name, 28)} {pad(rule.severity.value, 8)} {summary(rule)}")
        return 0
    rule = find_rule(args.code)
    if rule is None:
        message = "no rule `{}`; `qlm rule` lists them" if args.lang == "en" else "没有规则`{}`；`qlm rule`可列出全部规则"
        print(message.format(args.code), file=sys.stderr)
        return 2
    print(rule_markdown(rule, generated=False), end="")
    return 0

"""`qlm calendar PLAN [--year Y | --from DATE --to DATE] [--unit U] [--issued DATE] [-o OUT]`.

Every task's and report's cadence and due point expanded into dated
occurrences: an iCalendar file (`-o plan.ics`) to import into Outlook, WPS or
a phone, or a month-by-month table per unit (terminal, Markdown, HTML, XLSX,
JSON). Duties with no date (定期, 常态化, nothing given) are listed apart.
The range defaults to the year of the issue date, else this year.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import TYPE_CHECKING

from ..text import Text
from .files import plan_inputs
from .i18n import say
from .render import add_allow_errors, emit, fail, format_from, load_plan_for_output, terminal_width, unknown_suffix
from .report import use_color

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands

FORMATS = ("ics", "term", "md", "html", "xlsx", "json")
SUFFIXES = {".ics": "ics", ".txt": "term", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".xlsx": "xlsx", ".json": "json"}
_CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def day(text: str) -> date:
    """A date on the command line: 2022-03-15 or 2022年3月15日 (an argparse `type`)."""
    import argparse

    found = _CHINESE_DATE.fullmatch(text.strip())
    try:
        if found:
            return date(*(int(part) for part in found.groups()))
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say(f"`{text}` is not a date: write it as 2022-03-15",
                                             f"`{text}`不是日期：请写作 2022-03-15")) from None


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("calendar", help="expand every cadence and due point into dated occurrences")
    parser.add_argument("plan", metavar="PLAN", help="the .qlm file")
    parser.add_argument("--year", type=int, help="the calendar year to show")
    parser.add_argument("--from", dest="start", metavar="DATE", type=day, help="first day to show (with --to)")
    parser.add_argument("--to", dest="end", metavar="DATE", type=day, help="last day to show (with --from)")
    parser.add_argument("--unit", metavar="NAME", help="only what this unit leads, supports or reports")
    parser.add_argument("--issued", metavar="DATE", type=day,
                        help="the plan's issue date (发文日期): relative dates count from it, nothing falls due before it")
    parser.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's suffix, else term)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    add_allow_errors(parser)
    parser.set_defaults(run=run)


def _range(args: argparse.Namespace, issued: date | None) -> tuple[date, date] | Text:
    """(start, end), or the reason the options do not give one."""
    if args.year is not None and (args.start or args.end):
        return Text("give --year or --from/--to, not both", "--year 与 --from/--to 只能选一种")
    if args.year is not None:
        if not 1 <= args.year <= 9999:
            return Text(f"--year {args.year} is not a year", f"--year {args.year} 不是有效年份")
        return date(args.year, 1, 1), date(args.year, 12, 31)
    if bool(args.start) != bool(args.end):
        return Text("--from and --to go together", "--from 与 --to 需同时给出")
    if args.start and args.end:
        if args.start > args.end:
            return Text("--from is after --to", "--from 晚于 --to")
        return args.start, args.end
    year = (issued or date.today()).year
    return date(year, 1, 1), date(year, 12, 31)


def run(args: argparse.Namespace) -> int:
    from ..calendar import build_calendar, plan_issue_date, render_calendar
    from ..render import RenderError

    fmt = format_from(args.output, args.format, SUFFIXES, "term")
    if fmt is None:
        return fail(unknown_suffix(args.output, FORMATS), args.lang)
    loaded = load_plan_for_output(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    issued = args.issued or plan_issue_date(plan)
    span = _range(args, issued)
    if isinstance(span, Text):
        return fail(span, args.lang)
    try:
        work = build_calendar(plan, *span, issued=issued, unit=args.unit)
        color = fmt == "term" and not args.output and use_color(sys.stdout)
        width = terminal_width(sys.stdout if not args.output else None) if fmt == "term" else None
        data = render_calendar(work, fmt, color=color, width=width)
    except RenderError as error:
        return fail(error, args.lang)
    failed = emit(data, args.output, args.lang, fmt, plan_inputs(args.plan, plan))
    if failed is not None:
        return failed
    if args.output:
        dated, undated = len(work.occurrences()), len(work.undated())
        print(Text(f"{dated} dated occurrence{'s' * (dated != 1)}; {undated} dut{'ies' if undated != 1 else 'y'} with no date",
                  f"有日期的事项 {dated} 个；无具体日期的 {undated} 项").in_language(args.lang), file=sys.stderr)
    return status

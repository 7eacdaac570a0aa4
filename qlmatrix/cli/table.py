"""`qlm table PLAN --view raci|tasks|units --format term|md|html|csv|xlsx|docx|json [-o OUT]`.

The format follows OUT's suffix when not given (terminal text when there is
no OUT). `--format xlsx` with no `--view` writes every view into one
workbook, a sheet each (the 任务分工表 first), with a legend sheet. `--split`
says how a RACI matrix too wide for the page is cut in DOCX.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..text import Text
from .files import plan_inputs
from .render import (
    add_allow_errors,
    add_attachment,
    add_split,
    attachment_of,
    emit,
    fail,
    format_from,
    load_plan_for_output,
    terminal_width,
    unknown_suffix,
)
from .report import use_color

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands

VIEWS = ("raci", "tasks", "units")
FORMATS = ("term", "md", "html", "csv", "xlsx", "docx", "json")
SUFFIXES = {
    ".txt": "term",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".json": "json",
}


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("table", help="print or write the RACI matrix, 任务分工表 or 责任清单")
    parser.add_argument("plan", metavar="PLAN", help="the .qlm file")
    parser.add_argument("--view", choices=VIEWS, help="raci (matrix), tasks (任务分工表, default) or units (责任清单)")
    parser.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's suffix, else term)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.add_argument("--section", metavar="ID", help="only this section (id, number or title), sub-sections included")
    parser.add_argument("--unit", metavar="NAME", help="only this unit (name or alias)")
    parser.add_argument("--role", metavar="ROLE", help="only this role: lead|support|consult|inform|oversee (or 牵头 配合 会同 报送 监督)")
    parser.add_argument("--rasci", action="store_true", help="RASCI letters (配合 = S) instead of RACI")
    parser.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark")
    add_split(parser)
    add_attachment(parser)
    add_allow_errors(parser)
    parser.set_defaults(run=run)



def run(args: argparse.Namespace) -> int:
    from ..render import ATTACHMENT_FORMATS, RenderError, build_table, table, workbook
    from ..render.data import to_csv

    fmt = format_from(args.output, args.format, SUFFIXES, "term")
    if fmt is None:
        return fail(unknown_suffix(args.output, FORMATS), args.lang)
    label = attachment_of(args)
    if label and fmt not in ATTACHMENT_FORMATS:  # before the plan is read: nothing to do it in
        return fail(Text(f"--attachment is for DOCX and XLSX, not {fmt}: write -o OUT.docx or -o OUT.xlsx",
                         f"--attachment 仅用于 DOCX 和 XLSX，不用于 {fmt}：请写 -o OUT.docx 或 -o OUT.xlsx"), args.lang)
    loaded = load_plan_for_output(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    data: str | bytes
    filters = {"section": args.section, "unit": args.unit, "role": args.role, "rasci": args.rasci}
    try:
        lang = "en" if args.lang == "en" else "zh"  # the XLSX legend speaks the reader's language
        if fmt == "xlsx" and args.view is None:
            data = workbook(plan, lang=lang, attachment=label, **filters)
        elif fmt == "csv" and args.no_bom:
            data = to_csv(build_table(plan, args.view or "tasks", **filters), bom=False)
        else:
            color = fmt == "term" and not args.output and use_color(sys.stdout)
            width = terminal_width(sys.stdout if not args.output else None) if fmt == "term" else None
            data = table(plan, args.view or "tasks", fmt, color=color, split=args.split, lang=lang, width=width,
                         attachment=label, **filters)
    except ValueError as error:
        return fail(error, args.lang)
    except RenderError as error:
        return fail(error, args.lang)
    failed = emit(data, args.output, args.lang, fmt, plan_inputs(args.plan, plan))
    return status if failed is None else failed

"""`qlm ledger template|collect|show|check`: the supervision ledger (督办台账) after a plan is issued.

    qlm ledger template PLAN --by-unit -o DIR          one fill-in workbook per lead unit
    qlm ledger collect PLAN FILES... --as-of DATE      record the returned workbooks [-o LEDGER]
    qlm ledger show PLAN --as-of DATE [-o LEDGER]      the 督办台账 from what is recorded
    qlm ledger check PLAN [--as-of DATE]               the progress checks (W401-W403)

Progress is kept beside the plan (`plan.progress.jsonl`, or `--progress FILE`;
docs/ledger.md). A collection records every return or none: any problem in
any workbook, or a return older than one recorded, and nothing is written
(exit 1; 2 when a file cannot be read at all).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING

from ..render.safe import terminal
from ..text import Text
from .calendar import day
from .files import OutputError, check_folder, ensure_folder, plan_inputs, write_output
from .i18n import Subcommands
from .render import add_allow_errors, check_outputs, emit, fail, format_from, load_plan, terminal_width, unknown_suffix
from .report import print_diagnostics, use_color

if TYPE_CHECKING:
    import argparse

    from ..model import Plan
    from ..progress import ProgressLog
    from ..resolve import ResolvedPlan

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
#: The steps of `qlm ledger`, each a subcommand with its own help (docs/cli.md lists them).
STEPS = ("template", "collect", "show", "check")
FORMATS = ("term", "md", "html", "xlsx", "docx")
SUFFIXES = {".txt": "term", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xlsx": "xlsx",
            ".docx": "docx"}


def add_parser(subparsers: Subcommands) -> None:
    import argparse

    from . import add_global_options

    parser = subparsers.add_parser("ledger", help="the supervision ledger: fill-in workbooks, returns, the 督办台账")
    commands = Subcommands(parser.add_subparsers(dest="ledger_command", metavar="STEP", required=True))

    template = commands.add_parser("template", help="write one fill-in workbook per lead unit")
    template.add_argument("plan", metavar="PLAN", help="the .qlm file")
    template.add_argument("--by-unit", action="store_true", help="one workbook per lead unit (the only layout)")
    template.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write into (created if missing)")
    template.set_defaults(run=run_template)

    collect = commands.add_parser("collect", help="record the returned workbooks in the plan's progress file")
    collect.add_argument("plan", metavar="PLAN", help="the .qlm file")
    collect.add_argument("files", metavar="FILES", nargs="+", help="the returned workbooks (.xlsx)")
    collect.add_argument("--as-of", metavar="DATE", type=day, required=True, help="the date the returns are as of")
    collect.add_argument("-o", "--output", metavar="LEDGER",
                         help="also write the 督办台账 as of that date (.xlsx, .docx, .html, .md, .txt)")

    show = commands.add_parser("show", help="print or write the 督办台账 as of a date")
    show.add_argument("plan", metavar="PLAN", help="the .qlm file")
    show.add_argument("--as-of", metavar="DATE", type=day, required=True, help="the day the ledger is as of")
    show.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's suffix, else term)")
    show.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")

    check = commands.add_parser("check", help="the progress checks: overdue tasks, missing returns, contradictions")
    check.add_argument("plan", metavar="PLAN", help="the .qlm file")
    check.add_argument("--as-of", metavar="DATE", type=day, help="the day progress is judged on (default: the newest return)")

    for command, run in ((collect, run_collect), (show, run_show), (check, run_check)):
        command.add_argument("--progress", metavar="FILE", help="the progress file (default: beside the plan, PLAN.progress.jsonl)")
        command.add_argument("--issued", metavar="DATE", type=day, help="the plan's issue date (发文日期)")
        command.set_defaults(run=run)
    for command in (template, collect, show):
        add_allow_errors(command)
    for command in commands.choices.values():  # `qlm ledger collect ... --lang en`, as after any command
        add_global_options(command, default=argparse.SUPPRESS)


def _progress_file(args: argparse.Namespace) -> str:
    from ..ledger import progress_path

    return str(args.progress or progress_path(args.plan))


def _read_log(path: str, plan: Plan, lang: str) -> ProgressLog | int:
    """The recorded progress (empty when the file does not exist yet), or an exit code after saying why not."""
    from ..progress import ProgressError, ProgressLog, loads_progress, plan_identity
    from ..source import os_reason, read_bytes

    identity = plan_identity(plan.title, plan.basis)
    if not os.path.lexists(path):
        return ProgressLog(identity, plan.title or "")
    try:
        text = read_bytes(path).decode("utf-8")
    except OSError as error:
        why = os_reason(error)
        return fail(Text(f"cannot read `{path}`: {why.en}", f"无法读取`{path}`：{why.zh}"), lang)
    except UnicodeDecodeError:
        return fail(Text(f"`{path}` is not UTF-8 text", f"`{path}`不是 UTF-8 文本"), lang)
    try:
        log = loads_progress(text)
    except ProgressError as error:
        where = f"{path}:{error.line}" if error.line else path
        return fail(Text(f"{where}: {error.message.en}", f"{where}：{error.message.zh}"), lang)
    if log.plan != identity:
        return fail(Text(f"`{path}` records progress of another plan", f"`{path}`记录的是另一份计划的进展"), lang)
    return log


def _plan_and_log(args: argparse.Namespace, progress: str) -> tuple[Plan, int, ProgressLog] | int:
    """The plan (with the exit status its findings give) and its recorded progress, or an exit code."""
    loaded = _plan(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    log = _read_log(progress, plan, args.lang)
    return log if isinstance(log, int) else (plan, status, log)


def _plan(args: argparse.Namespace) -> tuple[Plan, int] | int:
    args.allow_errors = getattr(args, "allow_errors", True)  # `ledger check` judges progress, not the plan
    return load_plan(args)


def run_template(args: argparse.Namespace) -> int:
    from ..ledger import templates
    from ..render import RenderError
    from ..resolve import resolve

    try:
        check_folder(args.output)
    except OutputError as error:
        return fail(error, args.lang)
    loaded = _plan(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    try:
        made = templates(resolve(plan))
    except RenderError as error:
        return fail(error, args.lang)
    inputs = plan_inputs(args.plan, plan)
    paths = [os.path.join(args.output, template.filename) for template in made]
    try:
        ensure_folder(args.output)
    except OutputError as error:
        return fail(error, args.lang)
    failed = check_outputs(paths, args.lang, inputs)
    if failed is not None:
        return failed
    try:
        for path, template in zip(paths, made):
            write_output(path, template.data, inputs)
            print(path)
    except OutputError as error:
        return fail(error, args.lang)
    return status


def run_collect(args: argparse.Namespace) -> int:
    from ..ledger import read_returns
    from ..progress import dumps_progress, merged
    from ..resolve import resolve

    fmt = format_from(args.output, None, SUFFIXES, "term") if args.output else None
    if args.output and fmt is None:
        return fail(unknown_suffix(args.output, FORMATS), args.lang)
    progress = _progress_file(args)
    if os.path.abspath(progress) in {os.path.abspath(path) for path in args.files}:
        return fail(Text(f"`{progress}` is the progress file, not a return", f"`{progress}`是进展记录文件，不是填报表"), args.lang)
    failed = check_outputs([progress, args.output], args.lang, [args.plan, *args.files])
    if failed is not None:
        return failed
    loaded = _plan_and_log(args, progress)
    if isinstance(loaded, int):
        return loaded
    plan, status, log = loaded
    resolved = resolve(plan)
    records, problems = read_returns(resolved, args.files, args.as_of)
    if problems:
        for problem in problems:  # file names and cells can hold anything: shown as the terminal may show them
            fail(Text(terminal(f"{problem.where()}: {problem.message.en}"),
                      terminal(f"{problem.where()}：{problem.message.zh}")), args.lang)
        return _nothing_recorded(args.lang, EXIT_USAGE if any(p.unreadable for p in problems) else EXIT_REJECTED)
    updated, refused = merged(log, records, (task.id for task in resolved.tasks))
    if refused:
        for new, newer in refused:
            fail(Text(terminal(f"{new.source}: `{new.task}` of `{new.unit}` as of {new.as_of} is older than the "
                               f"progress recorded as of {newer.as_of}"),
                      terminal(f"{new.source}：`{new.unit}`的任务`{new.task}`截至 {new.as_of}，"
                               f"早于已记录的 {newer.as_of} 的进展")), args.lang)
        return _nothing_recorded(args.lang, EXIT_REJECTED)
    inputs = [*plan_inputs(args.plan, plan), *args.files]
    try:
        write_output(progress, dumps_progress(updated), inputs)
    except OutputError as error:
        return fail(error, args.lang)
    units = len({record.unit for record in records})
    print(Text(f"recorded {len(records)} return{'s' * (len(records) != 1)} of {units} unit{'s' * (units != 1)} "
               f"as of {args.as_of} in {progress}",
               f"已记录 {units} 个单位截至 {args.as_of} 的 {len(records)} 项进展：{progress}").in_language(args.lang),
          file=sys.stderr)
    if args.output and fmt is not None:
        failed = _write_board(args, resolved, updated, args.as_of, fmt, inputs + [progress])
        if failed is not None:
            return failed
    return status


def _nothing_recorded(lang: str, code: int) -> int:
    print(Text("nothing was recorded: correct the returns and collect them again",
               "未记录任何进展：请更正填报表后重新收集").in_language(lang), file=sys.stderr)
    return code


def _write_board(args: argparse.Namespace, resolved: ResolvedPlan, log: ProgressLog, as_of: date, fmt: str,
                 inputs: list[str]) -> int | None:
    from ..calendar import plan_issue_date
    from ..ledger import board_table, render_board

    plan = resolved.plan
    color = fmt == "term" and not args.output and use_color(sys.stdout)
    issued = args.issued or plan_issue_date(plan)
    width = terminal_width(sys.stdout if not args.output else None) if fmt == "term" else None
    data = render_board(board_table(resolved, log, as_of, issued), fmt, color, width)
    return emit(data, args.output, args.lang, fmt, inputs)


def run_show(args: argparse.Namespace) -> int:
    fmt = format_from(args.output, args.format, SUFFIXES, "term")
    if fmt is None:
        return fail(unknown_suffix(args.output, FORMATS), args.lang)
    progress = _progress_file(args)
    failed = check_outputs([args.output], args.lang, [args.plan, progress])
    if failed is not None:
        return failed
    loaded = _plan_and_log(args, progress)
    if isinstance(loaded, int):
        return loaded
    plan, status, log = loaded
    from ..resolve import resolve

    failed = _write_board(args, resolve(plan), log, args.as_of, fmt, [*plan_inputs(args.plan, plan), progress])
    return status if failed is None else failed


def run_check(args: argparse.Namespace) -> int:
    from ..checks import Config, Progress, run_checks
    from ..checks.progress import PROGRESS_CODES
    from ..parser import read_file

    result = read_file(args.plan)
    if not result.ok or result.plan is None:
        print_diagnostics([d for d in result.diagnostics if d.is_error], result.sources, "text", args.lang, None,
                          stream=sys.stderr)
        return EXIT_USAGE
    log = _read_log(_progress_file(args), result.plan, args.lang)
    if isinstance(log, int):
        return log
    from ..calendar import plan_issue_date

    issued = args.issued or plan_issue_date(result.plan)
    found = run_checks(result.plan, Config(select=PROGRESS_CODES), progress=Progress(log, args.as_of, issued))
    print_diagnostics(found, result.sources, "text", args.lang, None)
    return EXIT_REJECTED if any(d.is_error for d in found) else EXIT_OK

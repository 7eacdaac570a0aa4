"""`qlm render PLAN -o DIR`: every table in every format and both diagrams (DOT, SVG, PNG) into DIR.

A responsibility diagram that would not print legibly on one A4 page
(`render.a4`, the criterion the diagram tests use) is also written in parts,
one per top-level section or carrier (`responsibility-1.svg`, ...), as
`qlm diagram --split section` draws them: the one-piece file stays for the
screen, the parts are what a planner prints. Above `ONE_PIECE_TASKS` tasks
the one piece is written as DOT only (dot would take many minutes).

Also the helpers `qlm table` and `qlm diagram` share: reading the plan,
picking the format from the output's suffix, writing atomically, and
turning render errors into one clear line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, TextIO

from ..errors import QlmError
from ..parser import read_file
from ..text import Text
from .files import OutputError, check_folder, check_output, ensure_folder, plan_inputs, write_output
from .i18n import say
from .report import print_diagnostics

if TYPE_CHECKING:
    import argparse

    from ..checks import Config
    from ..model import Plan
    from .i18n import Subcommands

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
UNREADABLE = ("E011", "E009")

TABLE_FILES = (("md", "md"), ("html", "html"), ("csv", "csv"), ("json", "json"), ("docx", "docx"), ("term", "txt"))
DIAGRAM_FILES = ("dot", "svg", "png")
#: The diagram that is also written in parts when it would not print legibly on one A4 page.
SPLIT_DIAGRAM = "responsibility"
#: A responsibility diagram of more tasks is not laid out in one piece: dot's time grows far faster
#: than the rows (generated plans, Graphviz 2.43: 1,000 tasks 1.2 s, 2,000 6.2 s,
#: 3,000 27 s, 10,000 over the 300 s `run_dot` allows, which ended `qlm render` with an error and
#: no parts), and a picture of 2,000 rows (at least 15 pt each, some 30,000 pt) is nowhere near
#: legible on A4 (`render.a4`: at most about 1,300 pt). Its DOT is written, and the parts.
ONE_PIECE_TASKS = 2_000


def fits_one_piece(tasks: int) -> bool:
    """Whether dot lays out the whole responsibility diagram of `tasks` tasks in one piece in time
    (`ONE_PIECE_TASKS`): what `qlm render` and `qlm diagram` both decide by."""
    return tasks <= ONE_PIECE_TASKS
PARTS_HELP = ("Write every table format and both diagrams into a folder. A responsibility diagram too big to "
              "print legibly on one A4 page is also written in parts, one per top-level section or carrier: "
              "responsibility-1.dot/.svg/.png, responsibility-2..., besides the one-piece responsibility.svg.")


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser(
        "render", help="write every table format and both diagrams into a folder",
        description=PARTS_HELP)
    parser.add_argument("plan", metavar="PLAN", help="the .qlm file")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write into (created if missing)")
    parser.add_argument("--rasci", action="store_true", help="RASCI letters (配合 = S) instead of RACI")
    add_split(parser)
    add_attachment(parser)
    add_allow_errors(parser)
    parser.set_defaults(run=run)


def add_split(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--split", choices=("units", "sections", "none"), default="units",
                        help="a RACI matrix too wide for the page, in DOCX: in groups of units (default), "
                             "a part per section, or one table (none)")


def add_attachment(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--attachment", nargs="?", const=0, type=_attachment_number, metavar="N",
                        help="set the DOCX and XLSX as a 公文 attachment: 附件 above the title, "
                             "or 附件N with a number (GB/T 9704: 黑体, 3号, flush left)")


def _attachment_number(text: str) -> int:
    import argparse

    if not text.isascii() or not text.isdigit() or int(text) < 1:
        # `--attachment PLAN` hands the plan to the option: say how to write it instead.
        raise argparse.ArgumentTypeError(say(
            f"an attachment's number is a whole number from 1, not {text!r}; "
            "without a number, put --attachment after the plan or write --attachment=1",
            f"附件序号应为从 1 起的整数，而不是 {text!r}；不带序号时，请把 --attachment 写在计划文件之后，"
            "或写作 --attachment=1"))
    return int(text)


def attachment_of(args: argparse.Namespace) -> str | None:
    """The label `--attachment [N]` asks for (`附件`, `附件2`), or None."""
    from ..render.gongwen import attachment_label

    number = getattr(args, "attachment", None)
    return None if number is None else attachment_label(number or None)


def add_allow_errors(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-errors", action="store_true",
                        help=say("exit 0 even when the plan has errors (the output is written either way)",
                                 "计划有错误时仍以 0 退出（无论如何都会写出结果）"))


def load_plan_for_output(args: argparse.Namespace) -> tuple[Plan, int] | int:
    """`load_plan` for a command writing `-o`: the output is checked first, so a bad `-o` costs nothing."""
    failed = check_outputs([args.output], args.lang, [args.plan])
    if failed is not None:
        return failed
    return load_plan(args)


def load_plan(args: argparse.Namespace) -> tuple[Plan, int] | int:
    """(plan, exit status for the end of the command), or an exit code after printing why it cannot be read.

    A plan that reads but has findings is still rendered: the planner is told on stderr how many
    errors and warnings it has, and the command exits 1 when there are errors, unless --allow-errors.
    """
    result = read_file(args.plan)
    if not result.ok or result.plan is None:  # (a result that is ok has a plan)
        failures = [d for d in result.diagnostics if d.is_error]
        print_diagnostics(failures, result.sources, "text", args.lang, None, stream=sys.stderr)
        return EXIT_USAGE if any(d.code in UNREADABLE for d in failures) else EXIT_ERRORS
    from ..checks import run_checks
    from ..config import ConfigError, load_config

    config: Config | None
    try:
        config = load_config(args.plan)
    except ConfigError as error:
        warn(error, args.lang)
        config = None
    found = run_checks(result.plan, config)
    errors = sum(d.is_error for d in found)
    warnings = len(found) - errors
    if found:
        warn(_findings_note(args.plan, errors, warnings), args.lang)
    status = EXIT_ERRORS if errors and not getattr(args, "allow_errors", False) else EXIT_OK
    return result.plan, status


def _findings_note(path: str, errors: int, warnings: int) -> Text:
    en_counts = f"{errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)}"
    return Text(f"{path} has {en_counts}, so the output may be wrong; `qlm check {path}` shows them",
                f"{path} 有 {errors} 个错误、{warnings} 个警告，输出可能有误；运行 `qlm check {path}` 查看")


def _text(message: Text | Exception | str, lang: str) -> str:
    """A Text (or an error carrying one) in the reader's language; anything else as it is."""
    return message.in_language(lang) if isinstance(message, Text | QlmError) else str(message)


def unknown_suffix(output: str, formats: Iterable[str]) -> Text:
    choices = ", ".join(formats)
    return Text(f"cannot tell the format from `{output}`; give --format ({choices})",
                   f"无法从`{output}`判断输出格式；请用 --format 指定（{choices}）")


def binary_to_terminal(fmt: str) -> Text:
    return Text(f"{fmt} is binary: write it to a file with -o OUT.{fmt}",
                   f"{fmt} 是二进制格式：请用 -o OUT.{fmt} 写入文件")


def fail(message: Text | Exception | str, lang: str, code: int = EXIT_USAGE) -> int:
    """Say `error: MESSAGE` (`错误：MESSAGE`) on stderr, after what stdout holds; return `code`."""
    with suppress(OSError, ValueError):
        sys.stdout.flush()
    print(f"{'错误：' if lang == 'zh' else 'error: '}{_text(message, lang)}", file=sys.stderr)
    return code


def warn(message: Text | Exception | str, lang: str) -> None:
    print(f"{'警告：' if lang == 'zh' else 'warning: '}{_text(message, lang)}", file=sys.stderr)


def format_from(output: str | None, given: str | None, suffixes: dict[str, str], default: str) -> str | None:
    """The format asked for, else the one the output's suffix names, else `default` (None if the suffix is unknown)."""
    if given:
        return given
    if not output:
        return default
    return suffixes.get(os.path.splitext(output)[1].lower())


def emit(data: str | bytes, output: str | None, lang: str, fmt: str, inputs: Iterable[str] = ()) -> int | None:
    """Write `data` to `output` (files.write_output: never over one of `inputs`) or to stdout.

    None when written; else the exit code, after saying why not (binary data is not put on a terminal).
    """
    if output:
        try:
            write_output(output, data, inputs)
        except OutputError as error:
            return fail(error, lang)
        return None
    if isinstance(data, bytes) and sys.stdout.isatty():
        return fail(binary_to_terminal(fmt), lang)
    # A standard output that fails (a closed pipe, `> /dev/full`) is said by qlmatrix.cli.main.
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
    return None


def check_outputs(outputs: Iterable[str | None], lang: str, inputs: Iterable[str] = ()) -> int | None:
    """Before the work: None if every output given can be written, else the exit code after saying why not."""
    for output in outputs:
        if output:
            try:
                check_output(output, inputs)
            except OutputError as error:
                return fail(error, lang)
    return None


def run(args: argparse.Namespace) -> int:
    from ..render import DIAGRAMS, VIEWS, RenderError, diagram_parts, diagram_source, table, workbook
    from ..render.a4 import legible_on_a4
    from ..render.engine import cjk_font_warning, run_dot

    folder = args.output
    names = [f"{view}.{suffix}" for view in VIEWS for _, suffix in TABLE_FILES]
    names += ["tables.xlsx", *(f"{view}.{fmt}" for view in DIAGRAMS for fmt in DIAGRAM_FILES)]
    try:
        check_folder(folder)  # before the plan is read and rendered
    except OutputError as error:
        return fail(error, args.lang)
    loaded = load_plan(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    inputs = plan_inputs(args.plan, plan)
    from ..resolve import resolve

    resolved = resolve(plan)  # once, for every table and diagram below
    try:
        ensure_folder(folder)
        # The parts, should the one-piece diagram not print legibly: known now, so checked with the rest.
        parts = [source for _, source in diagram_parts(resolved, SPLIT_DIAGRAM, split="section")]
    except (RenderError, OutputError) as error:
        return fail(error, args.lang)
    parts = parts if len(parts) > 1 else []
    part_names = [f"{SPLIT_DIAGRAM}-{number}.{fmt}" for number in range(1, len(parts) + 1) for fmt in DIAGRAM_FILES]
    one_piece = fits_one_piece(len(resolved.tasks))
    if not one_piece:
        names = [name for name in names if name not in (f"{SPLIT_DIAGRAM}.{fmt}" for fmt in DIAGRAM_FILES[1:])]
    names += part_names
    # Every file is checked before the first is written: no folder left with half the set.
    failed = check_outputs((os.path.join(folder, name) for name in names), args.lang, inputs)
    if failed is not None:
        return failed
    from .progress import Progress

    written: list[str] = []
    # One step a file, on a terminal's stderr only: a 10,000-task plan takes a while.
    progress = Progress("生成" if args.lang == "zh" else "rendering", len(names) - len(part_names))
    lang = "en" if args.lang == "en" else "zh"
    label = attachment_of(args)  # on the DOCX and XLSX only: the formats that print as an attachment

    def write(name: str, make: Callable[[], str | bytes]) -> str | bytes:
        """Say which file is being made (on a terminal), make it, write it."""
        progress(len(written) + 1, name)
        data = make()
        path = os.path.join(folder, name)
        write_output(path, data, inputs)
        written.append(path)
        return data

    try:
        for view in VIEWS:
            for fmt, suffix in TABLE_FILES:
                write(f"{view}.{suffix}", partial(table, resolved, view, fmt, rasci=args.rasci, split=args.split,
                                                  attachment=label if fmt == "docx" else None))
        write("tables.xlsx", partial(workbook, resolved, rasci=args.rasci, lang=lang, attachment=label))
        sources = {view: diagram_source(resolved, view) for view in DIAGRAMS}
        for view, source in sources.items():
            write(f"{view}.dot", partial(str, source))
    except (RenderError, OutputError) as error:
        progress.close()
        _list(written)
        return fail(error, args.lang)
    font = cjk_font_warning()
    if font:
        progress.close()
        warn(font, args.lang)
    if not one_piece:
        progress.close()
        warn(_not_in_one_piece(len(resolved.tasks), len(parts)), args.lang)
    said: dict[str, list[str]] = {}  # file -> what dot said drawing it
    try:
        pictures = {}
        for view, source in sources.items():
            if view == SPLIT_DIAGRAM and not one_piece:
                continue
            for fmt in DIAGRAM_FILES[1:]:
                pictures[view, fmt] = write(f"{view}.{fmt}", partial(_dot_output, run_dot, source, fmt,
                                                                     said.setdefault(f"{view}.{fmt}", [])))
        drawn = pictures.get((SPLIT_DIAGRAM, "svg"))
        if parts and (drawn is None or not legible_on_a4(drawn.decode("utf-8") if isinstance(drawn, bytes) else drawn)):
            progress.total += len(part_names)
            for number, source in enumerate(parts, start=1):
                write(f"{SPLIT_DIAGRAM}-{number}.dot", partial(str, source))
                for fmt in DIAGRAM_FILES[1:]:
                    part = f"{SPLIT_DIAGRAM}-{number}.{fmt}"
                    write(part, partial(_dot_output, run_dot, source, fmt, said.setdefault(part, [])))
    except RenderError as error:
        progress.close()
        status = fail(error, args.lang)
    except OutputError as error:
        progress.close()
        _list(written)
        return fail(error, args.lang)
    progress.close()
    _list(written)
    _warn_dot(said, args.lang)
    return status


def _warn_dot(said: dict[str, list[str]], lang: str) -> None:
    """What dot said while drawing (a PNG scaled down to fit, ...): each message once, with the file."""
    files: dict[str, list[str]] = {}
    for name, messages in said.items():
        for message in messages:
            files.setdefault(message.removeprefix("dot: "), []).append(name)
    for message, names in files.items():
        more = len(names) - 1
        where_en = f"{names[0]} and {more} more" if more else names[0]
        where_zh = f"{names[0]} 等 {more + 1} 个文件" if more else names[0]
        warn(Text(f"dot ({where_en}): {message}", f"dot（{where_zh}）：{message}"), lang)


def _not_in_one_piece(tasks: int, parts: int) -> Text:
    """Why `responsibility.svg` and `.png` are missing, and where the diagram is instead."""
    where_en = (f"written in {parts} parts to print (responsibility-1.svg, ...)" if parts else
                "draw it a section at a time with `qlm diagram --section ID`")
    where_zh = (f"已分 {parts} 部分写出供打印（responsibility-1.svg 等）" if parts else
                "请用 `qlm diagram --section ID` 逐章绘制")
    return Text(f"the responsibility diagram of {tasks} tasks is too big for one picture (dot would take many "
                f"minutes, and no page could show it legibly): only {SPLIT_DIAGRAM}.dot is written in one piece; "
                f"{where_en}",
                f"责任分工图共 {tasks} 项任务，一张图画不下（dot 需要很多分钟，也没有一页能清楚印出）：整图只写出 "
                f"{SPLIT_DIAGRAM}.dot；{where_zh}")


def _dot_output(run_dot: Callable[[str, str], tuple[bytes, list[str]]], source: str, fmt: str,
                said: list[str]) -> bytes:
    data, messages = run_dot(source, fmt)
    said.extend(messages)  # passed on once every file is written (`_warn_dot`)
    return data


def _list(written: list[str]) -> None:
    for path in written:
        print(path)


def terminal_width(stream: TextIO | None) -> int | None:
    """The width a terminal table must fit: `COLUMNS` when set to a number, else the terminal's
    width when `stream` is one, else None (the renderer's default, for files and pipes)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if stream is not None and stream.isatty():
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError):
            return None
    return None

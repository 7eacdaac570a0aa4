"""`qlm diagram PLAN --view org|responsibility --format dot|svg|png|pdf [-o OUT] [--split none|section]`.

DOT needs nothing installed; SVG, PNG and PDF run Graphviz's `dot`. The
format follows OUT's suffix when not given (DOT when there is no OUT).

`--split section` draws the responsibility diagram in parts, one per
top-level section or carrier, written to OUT with `-1`, `-2`, … before the
suffix (`resp.svg` → `resp-1.svg`, `resp-2.svg`); DOT may also go to
standard output, as one graph after another (dot reads them so).

The whole responsibility diagram of more than `ONE_PIECE_TASKS` tasks is
not handed to dot as a picture: dot would work for many minutes (10,000
tasks ran into its 300 s limit) on a picture no page holds. The command
says so at once and names the ways out: parts, a filter, or the DOT text.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from ..text import Text
from .files import plan_inputs
from .render import (
    ONE_PIECE_TASKS,
    add_allow_errors,
    emit,
    fail,
    fits_one_piece,
    format_from,
    load_plan_for_output,
    unknown_suffix,
    warn,
)

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands

DIAGRAMS = ("org", "responsibility")
FORMATS = ("dot", "svg", "png", "pdf")
SPLITS = ("none", "section")
SUFFIXES = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf"}


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("diagram", help="draw the org chart or the responsibility diagram")
    parser.add_argument("plan", metavar="PLAN", help="the .qlm file")
    parser.add_argument("--view", choices=DIAGRAMS, default="responsibility", help="which diagram (default: responsibility)")
    parser.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's suffix, else dot)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.add_argument("--section", metavar="ID", help="only this section (id, number or title)")
    parser.add_argument("--unit", metavar="NAME", help="only this unit (name or alias)")
    parser.add_argument("--role", metavar="ROLE", help="only this role: lead|support|consult|inform|oversee")
    parser.add_argument("--split", choices=SPLITS, default="none",
                        help="section: one responsibility diagram per top-level section or carrier, "
                             "written as OUT-1, OUT-2, ... (default: none, one diagram)")
    add_allow_errors(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..render import RenderError, diagram_parts
    from ..render.engine import cjk_font_warning, run_dot

    fmt = format_from(args.output, args.format, SUFFIXES, "dot")
    if fmt is None:
        return fail(unknown_suffix(args.output, FORMATS), args.lang)
    loaded = load_plan_for_output(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    from ..resolve import resolve

    resolved = resolve(plan)  # once: counted here, drawn below
    tasks = len(resolved.tasks)
    if fmt != "dot" and too_big_for_one_picture(tasks, args):
        return fail(Text(
            f"the responsibility diagram of all {tasks} tasks is too big for one picture "
            f"(more than {ONE_PIECE_TASKS:,}: dot would take many minutes, and no page holds it); "
            "draw it in parts with --split section, narrow it with --section or --unit, "
            "or write its DOT text with --format dot",
            f"全部 {tasks} 项任务的责任图一张图画不下（超过 {ONE_PIECE_TASKS} 项：dot 要运行很多分钟，"
            "也没有纸张容得下）；请用 --split section 分部分绘制，用 --section 或 --unit 缩小范围，"
            "或用 --format dot 输出 DOT 文本"), args.lang)
    try:
        parts = diagram_parts(resolved, args.view, section=args.section, unit=args.unit, role=args.role, split=args.split)
        if len(parts) > 1 and fmt != "dot" and not args.output:
            return fail(Text("--split section writes one file per part: give -o OUT (the parts are OUT-1, OUT-2, ...)",
                             "--split section 每部分写一个文件：请用 -o 指定输出文件（各部分为 OUT-1、OUT-2……）"), args.lang)
        if fmt != "dot":
            font = cjk_font_warning()
            if font:
                warn(font, args.lang)
        written: list[tuple[str | None, str | bytes]] = []
        for number, (_, source) in enumerate(parts, start=1):
            data: str | bytes = source
            if fmt != "dot":
                data, messages = run_dot(source, fmt)
                for message in messages:  # a PNG scaled down to fit cairo's limit is worth knowing of
                    said = message.removeprefix("dot: ")
                    warn(Text(f"dot: {said}", f"dot：{said}"), args.lang)
                if fmt == "svg":
                    data = data.decode("utf-8")
            written.append((part_path(args.output, number) if len(parts) > 1 and args.output else args.output, data))
    except (ValueError, RenderError) as error:
        return fail(error, args.lang)
    if len(parts) > 1 and not args.output:  # DOT on standard output: the graphs one after another
        written = [(None, "".join(str(data) for _, data in written))]
    inputs = plan_inputs(args.plan, plan)
    for output, data in written:
        failed = emit(data, output, args.lang, fmt, inputs)
        if failed is not None:
            return failed
    return status


def too_big_for_one_picture(tasks: int, args: argparse.Namespace) -> bool:
    """Whether the whole responsibility diagram, unfiltered and in one piece, is past what dot lays out in time."""
    whole = args.view == "responsibility" and args.split == "none" and not (args.section or args.unit or args.role)
    return whole and not fits_one_piece(tasks)


def part_path(output: str, number: int) -> str:
    """`resp.svg` → `resp-1.svg`: where part `number` of a split diagram goes."""
    path = PurePath(output)
    return str(path.with_name(f"{path.stem}-{number}{path.suffix}"))

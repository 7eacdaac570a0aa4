"""`qlm diagram PLAN --view org|responsibility --format dot|svg|png|pdf [-o OUT]`.

DOT needs nothing installed; SVG, PNG and PDF run Graphviz's `dot`. The
format follows OUT's suffix when not given (DOT when there is no OUT).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .files import plan_inputs
from .render import add_allow_errors, emit, fail, format_from, load_plan_for_output, unknown_suffix, warn

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands

DIAGRAMS = ("org", "responsibility")
FORMATS = ("dot", "svg", "png", "pdf")
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
    add_allow_errors(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..render import RenderError, diagram_source
    from ..render.engine import cjk_font_warning, run_dot

    fmt = format_from(args.output, args.format, SUFFIXES, "dot")
    if fmt is None:
        return fail(unknown_suffix(args.output, FORMATS), args.lang)
    loaded = load_plan_for_output(args)
    if isinstance(loaded, int):
        return loaded
    plan, status = loaded
    try:
        source = diagram_source(plan, args.view, section=args.section, unit=args.unit, role=args.role)
        if fmt == "dot":
            data: str | bytes = source
        else:
            font = cjk_font_warning()
            if font:
                warn(font, args.lang)
            data, _ = run_dot(source, fmt)
            if fmt == "svg":
                data = data.decode("utf-8")
    except (ValueError, RenderError) as error:
        return fail(error, args.lang)
    failed = emit(data, args.output, args.lang, fmt, plan_inputs(args.plan, plan))
    return status if failed is None else failed

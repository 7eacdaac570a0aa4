"""`qlm lsp`: the language server for editors, over standard input and output (see docs/editors.md)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("lsp", help="run the language server for editors (over standard input and output)")
    parser.add_argument("--stdio", action="store_true",
                        help="talk over standard input and output (the default and only transport)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ..lsp.server import main
    except ImportError as error:  # pygls or lsprotocol missing: the `lsp` extra is not installed
        missing = (error.name or "pygls").split(".")[0]
        if args.lang == "zh":
            print(f"qlm lsp 需要 {missing}：请安装 qlmatrix[lsp]", file=sys.stderr)
        else:
            print(f"qlm lsp needs {missing}: install qlmatrix[lsp]", file=sys.stderr)
        return 2
    main()
    if sys.stdout.closed:  # the server closes the stream when the client says exit: nothing is left to flush
        sys.stdout = open(os.devnull, "w")
    return 0

"""`qlm serve [FOLDER] [--port N] [--open]`: the workbench in the browser (see docs/workbench.md)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ..text import Text
from .render import fail

if TYPE_CHECKING:
    import argparse

    from .i18n import Subcommands


def add_parser(subparsers: Subcommands) -> None:
    parser = subparsers.add_parser("serve", help="open the plans of a folder in the browser workbench (this machine only)")
    parser.add_argument("folder", nargs="?", default=".", metavar="FOLDER",
                        help="the folder whose .qlm plans are served (default: the current folder)")
    parser.add_argument("--port", type=int, default=8765, metavar="N",
                        help="the port on 127.0.0.1 (default: 8765; 0 picks a free one)")
    parser.add_argument("--open", action="store_true", help="open the page in the default browser")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..serve import Workbench

    if not os.path.isdir(args.folder):
        return fail(Text(f"`{args.folder}` is not a folder", f"`{args.folder}`不是文件夹"), args.lang)
    if not 0 <= args.port <= 65535:
        return fail(Text(f"port {args.port} is not between 0 and 65535", f"端口 {args.port} 不在 0 到 65535 之间"),
                    args.lang)
    try:
        server = Workbench(args.folder, args.port)
    except OSError as error:
        from .files import reason

        why = reason(error)
        return fail(Text(f"cannot listen on 127.0.0.1:{args.port}: {why.en}",
                         f"无法在 127.0.0.1:{args.port} 上监听：{why.zh}"), args.lang)
    if args.lang == "zh":
        print(f"qlm serve：{os.path.abspath(args.folder)} 的计划在 {server.url}", flush=True)
        print("此地址带有本次运行的令牌，请勿分享；按 Ctrl+C 停止。", flush=True)
    else:
        print(f"qlm serve: the plans of {os.path.abspath(args.folder)} at {server.url}", flush=True)
        print("The address carries this run's token: do not share it. Ctrl+C stops.", flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("已停止" if args.lang == "zh" else "stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0

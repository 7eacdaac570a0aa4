"""The `qlm` command. The cli package is the only place that prints or exits.

Exit codes: 0 no errors, 1 errors in a plan (syntax errors included),
2 usage errors or files that cannot be read. (`qlm diff` exits 1 when the
versions differ, as diff(1) does.)
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Mapping

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

#: Command name -> module of this package offering `add_parser(subparsers)` and `run(args) -> int`.
#: Only the module of the command being run is imported (all of them for `qlm --help`): start-up
#: time is part of every `qlm check` in an editor or a pre-commit hook (docs/performance.md).
COMMANDS = {"check": "check", "export": "export", "gen": "gen", "table": "table", "diagram": "diagram",
            "render": "render", "rule": "rule"}
COMMANDS.update({"import": "importer", "fmt": "fmt", "diff": "diff", "calendar": "calendar", "ledger": "ledger",
                 "lsp": "lsp", "serve": "serve"})


def detect_language(environ: Mapping[str, str] = os.environ) -> str:
    """`zh` when the locale is Chinese (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, first set wins), else `en`."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _command_in(argv: list[str]) -> str | None:
    """The command named in `argv`, if any: the first word that is not an option or its value."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; given `argv`, only the named command's module is imported."""
    from .i18n import Parser, Subcommands

    parser = Parser(
        prog="qlm",
        description="Check and render responsibility matrices of implementation plans (.qlm files).",
    )
    add_global_options(parser, default=None)
    parser.add_argument("--version", action="version", version=f"qlm {_version()}",
                        help="show program's version number and exit")
    subparsers = Subcommands(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    wanted = None if argv is None else _command_in(argv)
    for name, module in COMMANDS.items():
        # A run that names its command builds that command's parser only: the others are never
        # asked for (a wrong command name leaves `wanted` None, and its error lists them all).
        if wanted is None or wanted == name:
            importlib.import_module(f"{__name__}.{module}").add_parser(subparsers)
    for name, command in subparsers.choices.items():
        if wanted is None or wanted == name:
            # Global options work after the command too (`qlm check plan.qlm --lang en`), as in
            # ruff and pytest; SUPPRESS keeps a value given before the command.
            add_global_options(command, default=argparse.SUPPRESS)
    return parser


def add_global_options(parser: argparse.ArgumentParser, default: str | None) -> None:
    from .i18n import say

    group = parser.add_argument_group(say("global options", "全局选项"))
    group.add_argument("--lang", choices=("zh", "en"), default=default,
                       help=say("language of messages and help (default: from the locale)",
                                "消息与帮助的语言（默认按系统区域设置）"))
    group.add_argument("--color", choices=("auto", "always", "never"), default=default,
                       help=say("colour in terminal output (default: auto, off when NO_COLOR is set)",
                                "终端输出是否着色（默认 auto；设置 NO_COLOR 时关闭）"))


def _version() -> str:
    from .. import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    """Run `qlm` with `argv` (the command line when None, as the `qlm` program runs it)."""
    program = argv is None
    argv = sys.argv[1:] if argv is None else argv
    if program:
        _tune_collector()
    from .i18n import language_in, use_language

    use_language(language_in(argv) or detect_language())  # so that usage errors speak it too
    args = build_parser(argv).parse_args(argv)
    args.lang = args.lang or detect_language()
    from .report import use_color_mode

    use_color_mode(args.color or "auto")
    try:
        run: Callable[[argparse.Namespace], int] = args.run  # each command's `set_defaults(run=...)`
        status = run(args)
        sys.stdout.flush()  # here, so that a full disk under `> out.txt` is said, not lost at exit
        return status
    except KeyboardInterrupt:
        print("interrupted" if args.lang == "en" else "已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of the plan.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        # Commands write files through cli.files (OutputError): an OSError that gets here is standard
        # output failing (`> /dev/full`). Said once; what stays buffered goes to /dev/null, or the
        # interpreter would fail again flushing it at exit (exit 120, "Exception ignored").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        from ..text import Text
        from .files import reason
        from .render import fail

        why = reason(error)
        return fail(Text(f"cannot write to standard output: {why.en}", f"无法写入标准输出：{why.zh}"), args.lang)
    finally:
        if program:
            _before_exit()


def _tune_collector() -> None:
    """The `qlm` program (never the library) collects garbage less often.

    Reading a plan allocates some fifty objects per task and frees almost none of
    them, and the model holds no cycles, so the cyclic collector mostly rescans the
    growing model: about a tenth of a large `qlm check`. A young generation of
    100,000 objects instead of 700 keeps collections (and memory) bounded while
    skipping nearly all of that. Only when `main` runs as the program: a caller
    passing `argv` (a test, an embedding application) keeps its own settings.
    """
    import gc

    gc.set_threshold(100_000, 20, 100)


def _before_exit() -> None:
    """The program is about to end: spare the interpreter its last garbage collection.

    At exit Python collects every object still alive (the grammar's tables,
    the plan, the diagnostics), which took 12 ms of a 120 ms `qlm check`.
    Freezing moves them out of the collector's sight; the process frees its
    memory when it ends anyway, and objects still go away by reference count.
    Only when `main` runs as the program: a caller passing `argv` keeps going.
    """
    import gc

    gc.freeze()

#!/usr/bin/env python3
"""Write docs/cli.md and docs/cli.zh.md, the command-line reference, from the parser itself.

    python scripts/gen_cli_docs.py          # rewrite both pages
    python scripts/gen_cli_docs.py --check  # exit 1 when a page is stale

Each page is `qlm --help` and every `qlm COMMAND --help`, as a reader of that
language sees them, so the reference cannot drift from the program.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"en": ROOT / "docs" / "cli.md", "zh": ROOT / "docs" / "cli.zh.md"}
WIDTH = "100"  # argparse wraps help at the terminal's width: fix it, for pages that do not change


def _help(argv: list[str]) -> str:
    from qlmatrix.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(argv)
        except SystemExit:
            pass
    return out.getvalue().rstrip() + "\n"


def page(lang: str) -> str:
    from qlmatrix.cli import COMMANDS

    os.environ["COLUMNS"] = WIDTH
    title, intro = {
        "en": ("# The `qlm` command", "Generated from the program by `scripts/gen_cli_docs.py`; a test fails "
               "when it is stale. Global options (`--lang`, `--color`) go before or after the command. Exit "
               "codes: 0 no errors, 1 errors in a plan, 2 usage errors or files that cannot be read."),
        "zh": ("# `qlm` 命令", "本页由 `scripts/gen_cli_docs.py` 从程序生成，过时则测试失败。全局选项（`--lang`、`--color`）"
               "可写在命令之前或之后。退出码：0 无错误，1 计划有错误，2 用法错误或文件无法读取。"),
    }[lang]
    parts = [title, "", intro, "", "```text", _help(["--lang", lang, "--help"]).rstrip(), "```", ""]
    for command in sorted(COMMANDS):
        parts += [f"## qlm {command}", "", "```text", _help(["--lang", lang, command, "--help"]).rstrip(), "```", ""]
        # A command made of steps (`qlm ledger collect`) names them in STEPS: each has its own help.
        for step in getattr(importlib.import_module(f"qlmatrix.cli.{COMMANDS[command]}"), "STEPS", ()):
            parts += [f"### qlm {command} {step}", "", "```text",
                      _help(["--lang", lang, command, step, "--help"]).rstrip(), "```", ""]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    stale = [path for lang, path in PAGES.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != page(lang)]
    if "--check" in argv:
        if stale:
            print("stale CLI reference (run python scripts/gen_cli_docs.py):", ", ".join(map(str, stale)))
            return 1
        return 0
    for lang, path in PAGES.items():
        path.write_text(page(lang), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Every command in the tutorials runs, in a fresh folder, and prints what the tutorial shows.

The tutorials are Markdown. Three kinds of fenced block matter here:
- ```text NAME: a file the reader saves as NAME;
- ```diff NAME: an edit of NAME (` ` context, `-` removed, `+` added lines);
- ```console: `$ ` lines are commands; the lines after one are output the
  command must print (each in order, as a line of stdout+stderr). A command
  whose shown output holds `error[` or a line starting `error: ` (`错误：`), a `--check` that shows output (a file
  would change), or a `qlm diff` that shows changes (as diff(1), it exits 1),
  must exit non-zero; every other must succeed.

The folder starts as a checkout's root would be for what the tutorials use:
`examples/`, and the fixtures the chapter after issue reads (a revised draft,
the workbooks units return) under `tests/data/`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: What the tutorials read from the checkout, copied into the folder they run in.
CHECKOUT_FILES = ("examples", "tests/data/revision", "tests/data/ledger")
TUTORIALS = [DOCS / "tutorial.zh.md", DOCS / "tutorial.en.md"]
FENCE = re.compile(r"^```(\w+)(?:[ \t]+(\S+))?[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def blocks(path: Path):
    for match in FENCE.finditer(path.read_text(encoding="utf-8")):
        yield match.group(1), match.group(2), match.group(3)


def apply_diff(path: Path, diff: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    position = 0
    for line in diff.rstrip("\n").split("\n"):
        mark, text = line[:1], line[1:]
        if mark == "+":
            lines.insert(position, text)
            position += 1
            continue
        index = lines.index(text, position)  # a ValueError here: the tutorial's edit no longer fits
        if mark == "-":
            del lines[index]
            position = index
        else:
            position = index + 1
    path.write_text("\n".join(lines), encoding="utf-8")


def commands(console: str):
    """(command, shown output lines) for each `$ ` line."""
    found = []
    for line in console.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found and line.strip():
            found[-1][1].append(line.rstrip())
    return found


def run(command: str, folder: Path, locale: str) -> subprocess.CompletedProcess:
    argv = shlex.split(command)
    assert argv[0] == "qlm", f"tutorial commands are qlm commands: {command}"
    environment = {**os.environ, "LANG": locale, "NO_COLOR": "1", "COLUMNS": "160"}
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        environment.pop(variable, None)
    return subprocess.run([sys.executable, "-m", "qlmatrix", *argv[1:]], cwd=folder, env=environment,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.name)
def test_tutorial(tutorial, tmp_path):
    for name in CHECKOUT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / name)
    ran = 0
    for kind, name, content in blocks(tutorial):
        if kind == "text" and name:
            (tmp_path / name).write_text(content, encoding="utf-8")
        elif kind == "diff" and name:
            apply_diff(tmp_path / name, content)
        elif kind == "console":
            for command, shown in commands(content):
                result = run(command, tmp_path, "zh_CN.UTF-8" if ".zh." in tutorial.name else "C.UTF-8")
                output = (result.stdout + result.stderr).splitlines()
                failing = any("error[" in line or line.startswith(("error: ", "错误：")) for line in shown) \
                    or (" --check" in command and bool(shown)) \
                    or (command.startswith("qlm diff ") and shown not in ([], ["no changes"], ["没有变化"]))
                assert (result.returncode != 0) == failing, (command, result.stdout, result.stderr)
                cursor = 0
                for expected in shown:
                    found = next((i for i in range(cursor, len(output)) if output[i].rstrip() == expected), None)
                    assert found is not None, f"`{command}` did not print {expected!r}:\n" + "\n".join(output)
                    cursor = found + 1
                ran += 1
    assert ran >= 6

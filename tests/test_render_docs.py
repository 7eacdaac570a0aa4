"""Runs the examples in docs/rendering.md: Python blocks in one namespace, `$ qlm …` lines of console blocks."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from qlmatrix.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rendering.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture
def in_a_copy(tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_python_examples_run(in_a_copy):
    namespace: dict = {}
    assert blocks("python")
    for code in blocks("python"):
        exec(compile(code, str(DOC), "exec"), namespace)


@pytest.mark.graphviz
def test_console_examples_run(in_a_copy, capsys):
    commands = [line[2:] for block in blocks("console") for line in block.splitlines() if line.startswith("$ qlm ")]
    assert len(commands) >= 5
    for command in commands:
        assert main(shlex.split(command)[1:]) == 0, command
    assert (in_a_copy / "out" / "tables.xlsx").exists() and (in_a_copy / "out" / "org.svg").exists()

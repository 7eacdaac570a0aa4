"""The README's example plan gives exactly the output the README shows."""

from __future__ import annotations

import re
from pathlib import Path

from qlmatrix.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_check_example(tmp_path, capsys, monkeypatch):
    plan = re.search(r"```qlm\n(.*?)```", README, re.S).group(1)
    shown = re.search(r"```console\n\$ qlm check plan.qlm\n(.*?)```", README, re.S).group(1)
    (tmp_path / "plan.qlm").write_text(plan, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["--lang", "en", "check", "plan.qlm"]) == 1
    assert capsys.readouterr().out == shown


def test_readme_names_the_two_commands_and_ci_runs_the_test_one():
    assert "bash scripts/demo.sh" in README and "bash scripts/test.sh" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def test_readme_python_example_runs(capsys, monkeypatch):
    code = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    exec(compile(code, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "一(一) 指导思想 None []"
    assert "二(一) 全面强化政治建设 综合办 ['纪监委']" in lines

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
    assert lines[0] == "主要目标#1 主要目标 None () ()"
    # a carrier's task: the lead and support come from the carrier (载体 清廉企业 { 牵头: 市国资委党委 … })
    assert "清廉企业#2 坚持党的领导和完善公司治理相统一 市国资委党委 ('市纪委监委派驻机构',) ()" in lines

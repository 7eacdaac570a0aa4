"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a scratch repository.

`pre-commit try-repo` installs this repository (its working tree, uncommitted changes included)
into an environment of its own, as a user's `repo:` entry would, and runs the hooks: one run
tries both, because the install is the slow part.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

import qlmatrix

ROOT = Path(__file__).resolve().parent.parent

MASTER = """\
单位 纪监委
单位   党群部
引入 "carriers/清廉机关.qlm"
任务 (一) 全面加强纪律建设 (责任单位:纪检委)
"""
# Uses a unit the master declares: checked as part of the plan, not on its own.
CARRIER = "任务 (二)加强机关作风建设 (责任单位:党群部)\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_the_hook_file_names_both_hooks_for_qlm_files():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"qlm-check", "qlm-fmt"}
    assert all(hook["files"] == r"\.qlm$" and hook["language"] == "python" for hook in hooks.values())
    assert hooks["qlm-check"]["entry"] == "qlm check" and hooks["qlm-check"]["pass_filenames"] is False
    assert hooks["qlm-fmt"]["entry"] == "qlm fmt"


def test_try_repo_runs_check_and_fmt_on_a_scratch_repository(tmp_path):
    repo = tmp_path / "plans"
    (repo / "carriers").mkdir(parents=True)
    (repo / "master.qlm").write_text(MASTER, encoding="utf-8")
    (repo / "carriers" / "清廉机关.qlm").write_text(CARRIER, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8",
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    environment.pop("LANGUAGE", None)
    done = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files", "--color", "never"],
                          cwd=repo, env=environment, capture_output=True, text=True, encoding="utf-8", timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    lines = output.splitlines()
    assert any(line.startswith("qlm check") and line.endswith("Failed") for line in lines), output
    assert any(line.startswith("qlm fmt") and line.endswith("Failed") for line in lines), output
    # The typo is found where it is written; the carrier's unit is known from the master plan.
    assert "master.qlm:4:" in output and "E101" in output and "纪检委" in output, output
    assert "党群部` is not declared" not in output, output
    assert "files were modified by this hook" in output, output
    assert (repo / "master.qlm").read_text(encoding="utf-8") == qlmatrix.format_text(MASTER) != MASTER
    assert (repo / "carriers" / "清廉机关.qlm").read_text(encoding="utf-8") == CARRIER  # already canonical

"""The GitHub Actions templates in editors/ci: their `qlm check` step, run as the workflow runs it.

The step's own shell line runs in a scratch repository (the root of a checkout) with this tree's
`qlm` first on PATH; the SARIF it writes validates against the SARIF 2.1.0 schema and a finding
maps to the file (relative to the root, as code scanning wants), line and column where it is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "editors" / "ci"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0-rtm.5.json").read_text(encoding="utf-8"))

# Line 3: the typo 纪检委 starts after `任务 (一)全面加强纪律建设 (责任单位:`, 21 characters (code points).
PLAN = "单位 纪监委\n\n任务 (一)全面加强纪律建设 (责任单位:纪检委)\n"
TYPO_COLUMN = len("任务 (一)全面加强纪律建设 (责任单位:") + 1


def workflow(name: str) -> dict[str, object]:
    loaded = yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(name: str) -> list[dict[str, object]]:
    (job,) = workflow(name)["jobs"].values()  # type: ignore[attr-defined]
    return list(job["steps"])


def check_step(name: str) -> str:
    (command,) = [str(step["run"]) for step in steps(name) if "qlm check" in str(step.get("run", ""))]
    return command


def run_step(command: str, repo: Path) -> subprocess.CompletedProcess[str]:
    """The step's shell line, as the runner runs it (bash -e), from the root of the checkout."""
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-e", "-c", command], cwd=repo, env=environment, capture_output=True, text=True,
                          encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "方案.qlm").write_text(PLAN, encoding="utf-8")
    return tmp_path


def test_the_code_scanning_workflow_uploads_what_qlm_check_writes():
    found = workflow("qlm-code-scanning.yml")
    assert found["permissions"] == {"contents": "read", "security-events": "write"}
    command = check_step("qlm-code-scanning.yml")
    assert "qlm check --format sarif" in command
    output = command.split(">")[1].split()[0]
    (upload,) = [step for step in steps("qlm-code-scanning.yml")
                 if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == output  # type: ignore[index]


def test_the_sarif_step_writes_a_valid_log_whose_finding_points_at_the_typo(repo):
    done = run_step(check_step("qlm-code-scanning.yml"), repo)
    assert done.returncode == 0, done.stderr  # errors in the plan are code scanning's to show
    log = json.loads((repo / "qlm.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, SCHEMA)
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    (result,) = [r for r in run["results"] if r["ruleId"] == "E101"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "plans/方案.qlm"
    assert location["region"]["startLine"] == 3
    assert location["region"]["startColumn"] == TYPO_COLUMN
    assert location["region"]["endColumn"] == TYPO_COLUMN + len("纪检委")
    assert "纪检委" in result["message"]["text"]


def test_the_sarif_step_fails_on_a_file_that_cannot_be_read(repo):
    (repo / "plans" / "坏.qlm").write_bytes(b"\xff\xfe")
    done = run_step(check_step("qlm-code-scanning.yml"), repo)
    assert done.returncode != 0  # the step fails (qlm said 2, which is not the 1 of findings)


def test_the_annotations_step_fails_and_marks_the_typo(repo):
    command = check_step("qlm-annotations.yml")
    assert "--format github" in command
    done = run_step(command, repo)
    assert done.returncode == 1
    (line,) = [line for line in done.stdout.splitlines() if "E101" in line]
    assert line.startswith(f"::error file=plans/方案.qlm,line=3,col={TYPO_COLUMN},")

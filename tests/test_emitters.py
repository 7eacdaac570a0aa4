"""Output formats: concise, github, sarif (validated against the SARIF 2.1.0 schema)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from qlmatrix.checks import run_checks
from qlmatrix.checks.docs import sarif_rules
from qlmatrix.cli import main
from qlmatrix.diagnostics import Diagnostic, Severity, concise, github, sarif
from qlmatrix.parser import read_text
from qlmatrix.span import Span

# The SARIF 2.1.0 JSON schema (its final "rtm.5" revision, the one the OASIS standard
# publishes), vendored from the MIT-licensed npm package @microsoft/jest-sarif
# (lib/schemas/sarif-2.1.0-rtm.5.json), since tests have no network.
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0-rtm.5.json").read_text(encoding="utf-8"))

PLAN = """单位 综合办、纪监委
章 二 建设清廉的政治生态 {
  监督: 纪监委
  任务 (四) 全面加强纪律建设 (责任单位:纪监委)
  任务 (五) 加大宣传力度, "引号" 与 100%
}
"""


@pytest.fixture(scope="module")
def found():
    result = read_text(PLAN, "plans/高新区.qlm")
    return run_checks(result.plan)


def test_the_fixture_has_a_label_and_several_severities(found):
    assert {d.code for d in found} == {"E303", "W202", "W203"}
    assert any(d.labels for d in found)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sarif_is_valid_against_the_schema(found, lang):
    log = sarif.to_sarif(found, lang, sarif_rules(), "0.1.0")
    jsonschema.validate(log, SCHEMA)
    json.loads(sarif.dumps(found, lang, sarif_rules()))


def test_sarif_content(found):
    log = sarif.to_sarif(found, "en", sarif_rules(), "0.1.0")
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [rules[r["ruleIndex"]]["id"] for r in results] == [r["ruleId"] for r in results]
    e303 = next(r for r in results if r["ruleId"] == "E303")
    assert e303["level"] == "error"
    assert e303["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "plans/高新区.qlm"},
        "region": {"startLine": 4, "startColumn": 25, "endLine": 4, "endColumn": 28},
    }
    assert e303["relatedLocations"][0]["message"]["text"] == "oversight declared here"
    rule = next(r for r in rules if r["id"] == "E303")
    assert rule["name"] == "self-oversight" and rule["defaultConfiguration"] == {"level": "error"}
    assert "## Failing example" in rule["help"]["markdown"]


def test_sarif_lists_parser_codes_too():
    diagnostic = Diagnostic("E001", Span("a.qlm", 1, 1, 1, 2), args={"found": "x", "expected": "y"})
    log = sarif.to_sarif([diagnostic], "en", sarif_rules())
    jsonschema.validate(log, SCHEMA)
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids[-1] == "E001" and log["runs"][0]["results"][0]["ruleIndex"] == len(ids) - 1


def test_sarif_schema_rejects_a_broken_log(found):
    log = sarif.to_sarif(found, "en", sarif_rules())
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, SCHEMA)


def test_concise(found):
    lines = concise.dumps(found, "en").splitlines()
    assert lines[0] == "plans/高新区.qlm:1:4: W203 `综合办` is declared but has no task, report or subordinate unit"
    assert lines[1] == "plans/高新区.qlm:4:25: E303 `纪监委` oversees task `二(四)`, which it leads"
    assert concise.line(Diagnostic("E011", None, args={"path": "x", "reason": "gone"}), "en") == \
        "E011 cannot read `x`: gone"


def test_github_annotations_escape_their_data():
    span = Span("a,b:c.qlm", 3, 2, 3, 5)
    diagnostic = Diagnostic("W205", span, severity=Severity.WARNING, help="date-vague",
                            args={"text": "50%\n定期", "what": "task", "id": "一"})
    line = github.line(diagnostic, "en")
    assert line.startswith("::warning file=a%2Cb%3Ac.qlm,line=3,col=2,endLine=3,endColumn=5,"
                           "title=W205 vague-cadence::`50%25%0A定期` on task `一`")
    assert "%0Ahelp: keep the document's word" in line
    assert "\n" not in line


def test_github_levels_and_no_span():
    info = Diagnostic("E011", None, severity=Severity.INFO, args={"path": "x", "reason": "r"})
    assert github.line(info, "en").startswith("::notice title=E011 unreadable-file::")


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
def test_every_format_from_the_command_line(tmp_path, capsys, fmt):
    plan = tmp_path / "plan.qlm"
    plan.write_text(PLAN, encoding="utf-8")
    assert main(["--lang", "zh", "check", "--format", fmt, str(plan)]) == 1
    out = capsys.readouterr().out
    assert "E303" in out
    if fmt == "sarif":
        jsonschema.validate(json.loads(out), SCHEMA)
    if fmt in ("text", "concise"):
        assert out.rstrip().splitlines()[-1] == "已检查 1 个文件：1 个错误，2 个警告"

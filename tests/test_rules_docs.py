"""Every rule is documented under the fixed headings, has both messages, and its examples are true."""

from __future__ import annotations

import importlib.util
import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from qlmatrix.checks import RULES, run_checks
from qlmatrix.checks.docs import missing_parts, rule_markdown
from qlmatrix.checks.registry import Rule
from qlmatrix.cli import main
from qlmatrix.cli.pages import generated_files
from qlmatrix.diagnostics import Severity
from qlmatrix.parser import read_text

ROOT = Path(__file__).resolve().parent.parent
CODES = sorted(RULES)


def codes_of(text: str, progress: str | None = None) -> list[str]:
    result = read_text(text, "example.qlm")
    assert result.plan is not None and not result.diagnostics, [d.code for d in result.diagnostics]
    judged = None
    if progress is not None:
        from qlmatrix.checks import Progress
        from qlmatrix.progress import loads_progress

        judged = Progress(loads_progress(progress))
    return [d.code for d in run_checks(result.plan, progress=judged)]


def progress_example(rule: Rule, heading: str) -> str | None:
    """The ```progress block under `heading`: the returns a progress rule (W4xx) judges, beside its plan."""
    text = rule.sections().get(heading, "")
    start = text.find("```progress\n")
    return text[start + len("```progress\n"): text.find("\n```", start + 1)] + "\n" if start >= 0 else None


@pytest.mark.parametrize("code", CODES)
def test_rule_is_documented(code):
    assert missing_parts(RULES[code]) == []


@pytest.mark.parametrize("code", CODES)
def test_failing_example_fails_and_fixed_example_passes(code):
    rule = RULES[code]
    assert code in codes_of(rule.example("Failing example"), progress_example(rule, "Failing example"))
    assert code not in codes_of(rule.example("Fixed example"), progress_example(rule, "Fixed example"))


def test_codes_and_names_are_well_formed_and_unique():
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert code[0] in "EW" and code[1:].isdigit() and len(code) == 4
        assert (rule.severity is Severity.ERROR) == code.startswith("E")
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_missing_parts_catches_an_undocumented_rule():
    def check(plan, context):
        """## What it does\nSomething."""
        return iter(())

    bare = Rule("W999", "bare-rule", Severity.WARNING, check)
    missing = missing_parts(bare)
    assert "heading `## Why it matters`" in missing
    assert "a message in English and Chinese" in missing
    assert "a ```qlm block under `Failing example`" in missing


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rule_docs", ROOT / "scripts" / "gen_rule_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_rule_docs_are_current():
    assert _generator().stale() == [], "run: python scripts/gen_rule_docs.py"


def test_stale_detects_an_edited_page(tmp_path):
    generator = _generator()
    generator.write(tmp_path)
    assert generator.stale(tmp_path) == []
    (tmp_path / "W201.md").write_text("edited", encoding="utf-8")
    (tmp_path / "W000.md").write_text("a removed rule", encoding="utf-8")
    assert generator.stale(tmp_path) == ["W201.md", "W000.md"]


def test_index_lists_every_rule():
    index = generated_files()["README.md"]
    for code in RULES:
        assert f"[{code}]({code}.md)" in index


@pytest.mark.parametrize("query", ["W201", "w201", "task-without-unit"])
def test_qlm_rule_prints_the_page(query):
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--lang", "en", "rule", query]) == 0
    assert out.getvalue() == rule_markdown(RULES["W201"], generated=False, lang="en")
    assert "## 作用" not in out.getvalue()
    assert "## Failing example" in out.getvalue()


def test_qlm_rule_lists_rules_and_rejects_unknown(capsys):
    assert main(["--lang", "en", "rule"]) == 0
    listing = capsys.readouterr().out
    assert all(code in listing for code in RULES)
    assert main(["--lang", "en", "rule", "W999"]) == 2
    assert "W999" in capsys.readouterr().err


def _blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    parts = text.split(f"```{language}\n")[1:]
    return [part.split("\n```")[0] + "\n" for part in parts]


def test_checks_md_snippets_run(monkeypatch):
    import tomllib

    monkeypatch.chdir(ROOT)
    from qlmatrix.config import parse_config

    qlm = _blocks("qlm")
    assert qlm
    for block in qlm:
        result = read_text(block, "docs.qlm")
        assert result.plan is not None and not result.diagnostics
        # the suppression example silences everything it claims to, and nothing is left unused
        assert [d.code for d in run_checks(result.plan)] == []
    for block in _blocks("toml"):
        config = parse_config(tomllib.loads(block)["tool"]["qlmatrix"])
        assert config.options["W309"] == {"factor": 2.5, "minimum": 4}
    for block in _blocks("python"):
        namespace: dict = {}
        exec(compile(block, "docs/checks.md", "exec"), namespace)
        assert namespace["findings"]


@pytest.mark.parametrize("code", [code for code in CODES if RULES[code].options])
def test_option_snippets_in_rule_pages_are_valid_settings(code):
    import tomllib

    from qlmatrix.config import parse_config

    page = rule_markdown(RULES[code])
    block = page.split("```toml\n")[1].split("\n```")[0]
    config = parse_config(tomllib.loads(block)["tool"]["qlmatrix"])
    assert config.options[code] == dict(RULES[code].options)


def test_how_to_add_a_rule_takes_one_function():
    """The example in docs/checks.md, run as written: the decorated function alone is a working rule."""
    import re

    from qlmatrix import loads
    from qlmatrix.checks import context as context_module
    from qlmatrix.checks.registry import RULES, rule
    from qlmatrix.diagnostics import Diagnostic, Severity
    from qlmatrix.diagnostics.messages import HELPS, MESSAGES, render_message
    from qlmatrix.model import Plan

    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    block = re.search(r"## How to add a rule.*?```python[^\n]*\n(.*?)```", text, re.S).group(1)
    names = {"rule": rule, "Severity": Severity, "Plan": Plan, "Context": context_module.Context,
             "Diagnostic": Diagnostic}
    try:
        exec(compile(block, "docs/checks.md", "exec"), names)
        found = [d for d in run_checks(loads("单位 综合办\n汇报 综合办 -> 综合办 { 频次: 每季度 }\n"))
                 if d.code == "W212"]
        assert [(d.span.line, render_message(d, "zh")) for d in found] == [(2, "`综合办`向自身汇报")]
        assert RULES["W212"].name == "report-to-self"
    finally:
        RULES.pop("W212", None)
        MESSAGES.pop("W212", None)
        HELPS.pop("report-up", None)


def test_every_code_that_can_be_printed_has_a_page():
    """Parser (E0xx), import (I0xx) and fmt (F0xx) codes too: they are the first a user meets."""
    import re

    from qlmatrix.cli.pages import page, printable_codes

    codes = printable_codes()
    # Every code the source can emit is registered (so it is in printable_codes).
    emitted = set()
    for path in (ROOT / "qlmatrix").rglob("*.py"):
        emitted |= set(re.findall(r'(?:Diagnostic\(|emit\()\s*"([EWIF]\d{3})"', path.read_text(encoding="utf-8")))
    assert emitted and emitted <= set(codes), sorted(emitted - set(codes))
    for code in codes:
        assert page(code), code
        assert (ROOT / "docs" / "rules" / f"{code}.md").is_file(), code
    assert main(["rule", "E001"]) == 0 and main(["rule", "i010"]) == 0 and main(["rule", "F001"]) == 0

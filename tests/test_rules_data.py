"""Rule cases as data (tests/rules/*.toml): each snippet gives exactly the expected findings of its rule."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from qlmatrix.checks import RULES, Config, run_checks
from qlmatrix.parser import read_text

CASES_DIR = Path(__file__).parent / "rules"


def _load():
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as stream:
            for index, case in enumerate(tomllib.load(stream)["case"]):
                case["file"] = path.name
                label = f"{path.stem}-{index}-{case['rule']}-{case['lang']}"
                yield pytest.param(case, id=label)


CASES = list(_load())


def findings(text: str, options=None, codes=None, ignore=(), progress=None, as_of=None):
    """`progress`: the returns a progress rule (W4xx) judges, as a progress file's text; `as_of`: the day."""
    result = read_text(text, "case.qlm")
    assert not result.diagnostics, [d.code for d in result.diagnostics]
    config = Config(options=options or {}, ignore=ignore)
    judged = None
    if progress is not None:
        from datetime import date

        from qlmatrix.checks import Progress
        from qlmatrix.progress import loads_progress

        judged = Progress(loads_progress(progress), date.fromisoformat(as_of) if as_of else None)
    found = run_checks(result.plan, config, progress=judged)
    return [[d.code, d.span.line, d.span.column] for d in found if codes is None or d.code in codes]


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    assert case["rule"] in RULES
    codes = {case["rule"], *case.get("also", ())}
    assert findings(case["text"], case.get("options"), codes, case.get("ignore", ()), case.get("progress"),
                    case.get("as_of")) == case["expect"]


def test_every_rule_has_failing_and_passing_cases_in_both_languages():
    seen = {(case.values[0]["rule"], case.values[0]["lang"], bool(case.values[0]["expect"])) for case in CASES}
    missing = [f"{code} {lang} {'failing' if failing else 'passing'}"
               for code in RULES for lang in ("zh", "en") for failing in (True,)
               if (code, lang, failing) not in seen]
    missing += [f"{code} passing" for code in RULES
                if not any((code, lang, False) in seen for lang in ("zh", "en"))]
    assert not missing

"""Diagnostics as a planner reads them: exact text, in Chinese and English, against golden files.

Each tests/golden/diagnostics/NAME.qlm has NAME.en.txt and NAME.zh.txt beside it
holding the exact `qlm check` output. `pytest --update-goldens` rewrites them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qlmatrix.cli import main

HERE = Path(__file__).parent / "golden" / "diagnostics"
CASES = sorted(path.stem for path in HERE.glob("*.qlm"))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", CASES)
def test_check_output_matches_golden(case, lang, golden, capsys, monkeypatch):
    monkeypatch.chdir(HERE)
    monkeypatch.setenv("NO_COLOR", "1")
    code = main(["--lang", lang, "check", f"{case}.qlm"])
    output = capsys.readouterr().out
    assert code == 1, "every golden case holds at least one error"
    golden(HERE / f"{case}.{lang}.txt", output)


def test_every_case_has_both_goldens():
    assert len(CASES) >= 8
    for case in CASES:
        assert (HERE / f"{case}.en.txt").exists() and (HERE / f"{case}.zh.txt").exists()

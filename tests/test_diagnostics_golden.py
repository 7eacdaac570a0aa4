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


def test_caret_after_a_tab_and_long_spans_are_capped():
    from qlmatrix.diagnostics.text import _window

    shown, start, end = _window("\t任务 x (责任单位:纪检委)", 12, 15)
    assert shown[start:end] == "纪检委"
    line = "任务 " + "很长的标题" * 40
    shown, start, end = _window(line, 3, len(line))
    assert end - start <= 41 and shown.endswith("…")

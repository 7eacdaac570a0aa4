"""Every example in the language reference runs, and the keyword tables match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qlmatrix.keywords import LOOP_STAGES, PROPERTIES, STATEMENTS, UNIT_KINDS
from qlmatrix.parser import read_text

DOCS = Path(__file__).resolve().parent.parent / "docs"
LANGUAGE = (DOCS / "language.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(qlm|qlm-error)\n(.*?)```", re.S)
BLOCKS = BLOCK.findall(LANGUAGE)


def test_every_construct_has_a_running_example():
    examples = "\n".join(text for kind, text in BLOCKS if kind == "qlm")
    for statement, (zh, _) in STATEMENTS.items():
        if statement != "include":  # includes need a second file: tests/test_language.py runs them
            assert re.search(rf"(^|\s){zh}\s", examples, re.M), statement
    assert "(责任单位:" in examples and "频次:" in examples and "->" in examples


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_reference_example(index):
    kind, text = BLOCKS[index]
    result = read_text(text, f"docs/language.md#{index}")
    codes = [d.code for d in result.diagnostics if d.is_error]
    if kind == "qlm":
        assert result.plan is not None and codes == [], codes
    else:
        expected = re.match(r"# (\w+)", text).group(1)
        if result.plan is not None and not codes:
            from qlmatrix import check

            codes = [d.code for d in check(result.plan) if d.is_error]
        assert expected in codes, (expected, codes)


def _written(word: str) -> bool:
    return f"`{word}`" in LANGUAGE


def test_every_keyword_and_property_word_is_documented():
    words = [w for pair in STATEMENTS.values() for w in pair]
    words += [w for zh, en in PROPERTIES.values() for w in (*zh, *en)]
    words += [w for pair in UNIT_KINDS.values() for w in pair]
    words += [w for pair in LOOP_STAGES.values() for w in pair]
    missing = [word for word in words if not _written(word)]
    assert missing == []


def test_python_examples_run_against_the_qlm_block_before_them():
    """A ```python block in the reference runs with EXAMPLE set to the ```qlm block just above it."""
    found = 0
    for match in re.finditer(r"```python\n(.*?)```", LANGUAGE, re.S):
        before = [text for kind, text in BLOCK.findall(LANGUAGE[: match.start()]) if kind == "qlm"]
        exec(compile(match.group(1), "docs/language.md", "exec"), {"EXAMPLE": before[-1]})
        found += 1
    assert found >= 1

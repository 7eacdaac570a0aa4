"""The fuzz targets (fuzz/targets.py) replayed on their committed corpus in every test run: each input
that once found a bug, or that seeds the fuzzer, must end normally or with a QlmError."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fuzz.targets import TARGETS  # noqa: E402  (the fuzz folder is not a package of the library)

CASES = [pytest.param(target, path, id=f"{target}-{path.name}")
         for target in TARGETS for path in sorted((ROOT / "fuzz" / "corpus" / target).iterdir())]


def test_every_target_has_a_corpus():
    assert {target for target, _ in (case.values for case in CASES)} == set(TARGETS)


@pytest.mark.parametrize("target, path", CASES)
def test_corpus_input(target, path):
    TARGETS[target](path.read_bytes())

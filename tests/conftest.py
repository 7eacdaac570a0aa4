"""Shared test set-up: the --update-goldens flag, golden-file comparison, and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The suite (and CI) draws the same examples on every run, so a red run is reproducible and a green one
# is not luck; `HYPOTHESIS_PROFILE=explore` draws new ones (and more) to hunt for bugs, as a fuzz run does.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=500, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (review the diff before committing)",
    )


@pytest.fixture
def golden(request):
    """Compare text with a golden file; rewrite it only under --update-goldens."""
    update = request.config.getoption("--update-goldens")

    def compare(path: Path, actual: str) -> None:
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing: run pytest --update-goldens and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path} (pytest --update-goldens rewrites it)"

    return compare

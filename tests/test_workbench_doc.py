"""docs/workbench.md and the server's section of docs/security.md say what the code does."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from qlmatrix.limits import MAX_REQUEST_BYTES
from qlmatrix.serve.worker import JOB_TIMEOUT

from .test_serve_browser import DOCS_STEPS

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "workbench.md").read_text(encoding="utf-8")
SECURITY = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")


def test_every_screenshot_shown_is_one_the_browser_test_takes_and_is_committed():
    shown = re.findall(r"!\[[^\]]*\]\(images/workbench/([\w-]+)\.png\)", PAGE)
    assert sorted(shown) == sorted(DOCS_STEPS)
    for name in shown:
        assert (ROOT / "docs" / "images" / "workbench" / f"{name}.png").stat().st_size > 10_000


def test_the_options_named_are_the_commands():
    help_text = subprocess.run([sys.executable, "-m", "qlmatrix", "serve", "--help", "--lang", "en"],
                               capture_output=True, text=True, check=True).stdout
    for option in re.findall(r"`(--[a-z]+)", PAGE):
        if not option.startswith(("--section", "--unit", "--role")):
            assert option in help_text, option
    assert "default: 8765" in help_text and "默认 8765" in PAGE and "default 8765" in PAGE


def test_the_extra_installed_exists():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert 'pip install "qlmatrix[serve]"' in PAGE and "serve" in extras


def test_the_security_section_gives_the_limits_the_code_has():
    section = SECURITY.split("## The workbench server (`qlm serve`)")[1].split("\n## ")[0]
    assert f"`MAX_REQUEST_BYTES` ({MAX_REQUEST_BYTES // 2**20} MB)" in section
    assert f"`JOB_TIMEOUT` ({JOB_TIMEOUT:g} s)" in section
    assert "security.md#the-workbench-server-qlm-serve" in PAGE

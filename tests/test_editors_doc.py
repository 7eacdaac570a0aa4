"""docs/editors.md: every block means what it says, in both languages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
CHINESE, ENGLISH = DOC.split("\n## English\n")


def blocks(text: str, kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", text, re.S)


def test_both_halves_show_every_editor():
    for half in (CHINESE, ENGLISH):
        for kind in ("sh", "json", "lua", "elisp", "yaml"):
            assert blocks(half, kind), kind


def test_vs_code_settings_are_the_extensions_own():
    settings = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    known = set(settings["contributes"]["configuration"]["properties"])
    for block in blocks(DOC, "json"):
        assert set(json.loads(block)) <= known


def test_the_npm_commands_are_the_extensions_scripts():
    scripts = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))["scripts"]
    for block in blocks(DOC, "sh"):
        for name in re.findall(r"npm run (\S+)", block):
            assert name in scripts


def test_the_pre_commit_example_names_the_hooks_this_repository_offers():
    offered = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    for block in blocks(DOC, "yaml"):
        (repo,) = yaml.safe_load(block)["repos"]
        assert {hook["id"] for hook in repo["hooks"]} == offered


def test_the_editors_start_the_server_command_that_exists():
    for block in blocks(DOC, "lua"):
        assert '{ "qlm", "lsp" }' in block
    for block in blocks(DOC, "elisp"):
        assert '("qlm" "lsp"' in block
    done = subprocess.run([sys.executable, "-m", "qlmatrix", "lsp", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--stdio" in done.stdout


def test_the_server_options_in_the_tables_are_the_ones_it_reads():
    server = (ROOT / "qlmatrix" / "lsp" / "server.py").read_text(encoding="utf-8")
    read = set(re.findall(r'options\.get\("(\w+)"\)', server))
    for half in (CHINESE, ENGLISH):
        documented = set(re.findall(r"^\| `(\w+)` \|", half, re.M))
        assert documented == read


def test_the_ci_templates_named_exist():
    for name in re.findall(r"`(qlm-[\w-]+\.yml)`", DOC):
        assert (ROOT / "editors" / "ci" / name).is_file(), name

"""The VS Code extension in editors/vscode: its manifest, language configuration and grammar, its own
JavaScript tests (`npm test`: the grammar on the bundled examples, the client's settings) and a .vsix.

scripts/setup.sh installs the npm packages (`npm ci`) from package-lock.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "editors" / "vscode"
sys.path.insert(0, str(EXTENSION / "scripts"))
import gen_grammar  # noqa: E402  (the generator of the grammar, beside it)


def npm(*args: str) -> subprocess.CompletedProcess[str]:
    if not (EXTENSION / "node_modules").is_dir():
        pytest.fail("editors/vscode/node_modules is missing: run bash scripts/setup.sh (it runs npm ci there)")
    return subprocess.run(["npm", *args], cwd=EXTENSION, capture_output=True, text=True, encoding="utf-8",
                          timeout=300)


def manifest() -> dict[str, object]:
    found: dict[str, object] = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    return found


def test_the_grammar_is_generated_from_the_keywords_and_current():
    written = (EXTENSION / "syntaxes" / "qlm.tmLanguage.json").read_text(encoding="utf-8")
    assert written == gen_grammar.text(), "stale grammar: run .venv/bin/python editors/vscode/scripts/gen_grammar.py"


def test_the_manifest_contributes_the_language_grammar_and_settings():
    found = manifest()
    contributes = found["contributes"]
    assert isinstance(contributes, dict)
    (language,) = contributes["languages"]
    assert language["id"] == "qlm" and language["extensions"] == [".qlm"]
    assert (EXTENSION / language["configuration"]).is_file()
    (grammar,) = contributes["grammars"]
    assert grammar["scopeName"] == "source.qlm" and (EXTENSION / grammar["path"]).is_file()
    assert {"qlmatrix.python", "qlmatrix.lang", "qlmatrix.debounceMs"} <= set(contributes["configuration"]["properties"])
    assert (EXTENSION / str(found["main"])).is_file()
    assert (EXTENSION / "package-lock.json").is_file()
    assert "node_modules/" in (EXTENSION / ".gitignore").read_text(encoding="utf-8").split()


def test_the_language_configuration_knows_full_width_brackets_and_comments():
    found = json.loads((EXTENSION / "language-configuration.json").read_text(encoding="utf-8"))
    assert found["comments"] == {"lineComment": "#"}
    assert {"（）", "【】", "〔〕", "｛｝", "{}", "()"} <= {"".join(pair) for pair in found["brackets"]}
    closing = {pair["open"] + pair["close"] for pair in found["autoClosingPairs"]}
    assert {"（）", "【】", "〔〕", "｛｝", "“”", "《》", '""'} <= closing
    # A unit name is one word: double-clicking 纪监委 in `(责任单位:综合办、纪监委)` selects just it.
    import re

    assert re.findall(found["wordPattern"], "(责任单位:综合办、纪监委)") == ["责任单位", "综合办", "纪监委"]


def test_npm_test_passes():
    done = npm("test")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass " in done.stdout


def test_a_vsix_is_packaged_with_the_client_library(tmp_path):
    out = tmp_path / "qlmatrix.vsix"
    done = npm("run", "package", "--", str(out))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    names = set(zipfile.ZipFile(out).namelist())
    assert {"extension/package.json", "extension/extension.js", "extension/language-configuration.json",
            "extension/syntaxes/qlm.tmLanguage.json", "extension.vsixmanifest"} <= names
    assert any(name.startswith("extension/node_modules/vscode-languageclient/") for name in names)
    assert not any(name.startswith(("extension/test/", "extension/node_modules/@vscode/vsce/")) for name in names)

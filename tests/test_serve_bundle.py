"""The workbench page ships inside the package, built from web/, and fetches nothing from the internet."""

from __future__ import annotations

import re
import subprocess
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = resources.files("qlmatrix.serve") / "static"


def test_the_page_and_its_files_are_in_the_package():
    names = {entry.name for entry in STATIC.iterdir()}
    assert {"index.html", "workbench.js", "workbench.css"} <= names
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == ["data:,", "/static/workbench.css", "/static/workbench.js"]


def test_no_file_of_the_page_names_an_address_on_the_internet():
    for entry in STATIC.iterdir():
        text = entry.read_text(encoding="utf-8")
        addresses = set(re.findall(r"https?://[^\s\"'`)]+", text)) - {"http://www.w3.org/2000/svg"}
        assert addresses == set(), entry.name


def test_the_committed_bundle_is_what_web_builds(tmp_path):
    built = tmp_path / "workbench.js"
    subprocess.run(["node", "build.mjs", str(built)], cwd=ROOT / "web", check=True, capture_output=True)
    committed = (STATIC / "workbench.js").read_bytes()
    assert built.read_bytes() == committed, "web/ changed: run `npm run build` in web/ and commit the bundle"

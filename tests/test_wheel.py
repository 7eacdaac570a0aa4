"""The built wheel carries the grammar and the schema, and works without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_grammar_and_runs_from_it(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("qlmatrix-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "qlmatrix/grammar/qlm.lark" in names
        assert "qlmatrix/schema/plan.schema.json" in names
        assert archive.read("qlmatrix/grammar/qlm.lark") == (ROOT / "grammar" / "qlm.lark").read_bytes()
        archive.extractall(tmp_path / "site")
    probe = (
        "import qlmatrix, qlmatrix.parser.grammar as g;"
        "print(g.grammar_path());"
        "print(qlmatrix.resolve(qlmatrix.loads('单位 A\\n任务 x (责任单位:A)')).tasks[0].lead)"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    grammar_line, lead = done.stdout.splitlines()
    assert grammar_line == str(tmp_path / "site" / "qlmatrix" / "grammar" / "qlm.lark")
    assert lead == "A"
    assert list((tmp_path / "cache" / "qlmatrix").glob("qlm-*.lark-cache")), "parser tables are cached per user"

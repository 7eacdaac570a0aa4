"""`qlm render` and `qlm import` show their progress on a terminal's stderr, in the reader's
language, and nothing of it when stderr is not a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "xianning-gaoxin.qlm"
QLM = [sys.executable, "-m", "qlmatrix"]


def on_a_terminal(command: list[str]) -> str:
    """What `command` writes to its stderr when that is a terminal."""
    master, slave = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL, cwd=ROOT)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert process.wait(timeout=120) == 0
    return out.decode("utf-8", "replace")


def test_render_shows_each_file_it_makes_on_a_terminal(tmp_path):
    shown = on_a_terminal([*QLM, "render", str(EXAMPLE), "-o", str(tmp_path / "zh"), "--allow-errors", "--lang", "zh"])
    assert "\r\x1b[K生成 1/25 raci.md" in shown and "生成 19/25 tables.xlsx" in shown
    assert shown.rstrip("\r\n").endswith("\x1b[K") or "\r\x1b[K" in shown.splitlines()[-1]
    english = on_a_terminal([*QLM, "render", str(EXAMPLE), "-o", str(tmp_path / "en"), "--allow-errors", "--lang", "en"])
    assert "rendering 11/25 tasks.docx" in english


def test_render_is_quiet_when_stderr_is_not_a_terminal(tmp_path):
    done = subprocess.run([*QLM, "render", str(EXAMPLE), "-o", str(tmp_path), "--allow-errors", "--lang", "zh"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "\r" not in done.stderr and "生成 1/" not in done.stderr


def test_import_shows_its_steps_on_a_terminal(tmp_path):
    document = tmp_path / "plan.txt"
    document.write_text("一、总则\n（一）严格督查问责。（牵头单位：纪监委）\n", encoding="utf-8")
    shown = on_a_terminal([*QLM, "import", str(document), "-o", str(tmp_path / "plan.qlm"), "--lang", "zh"])
    assert "导入 1/3 读取并识别 plan.txt" in shown and "导入 3/3 核对分工" in shown
    quiet = subprocess.run([*QLM, "import", str(document), "-o", str(tmp_path / "again.qlm"), "--lang", "en"],
                           capture_output=True, text=True, cwd=ROOT)
    assert quiet.returncode == 0 and "importing" not in quiet.stderr and "\r" not in quiet.stderr


def test_table_takes_the_split_of_a_wide_matrix(tmp_path):
    out = tmp_path / "raci.docx"
    done = subprocess.run([*QLM, "table", str(EXAMPLE), "--view", "raci", "--split", "sections", "-o", str(out),
                           "--allow-errors"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"
    bad = subprocess.run([*QLM, "table", str(EXAMPLE), "--split", "diagonal"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "--split" in bad.stderr

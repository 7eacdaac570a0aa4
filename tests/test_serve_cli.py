"""`qlm serve` as a planner starts it: one command prints the address with its token, Ctrl+C stops it."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.request

from .serve_helpers import write_plans


def test_qlm_serve_prints_its_address_serves_the_folder_and_stops_on_ctrl_c(tmp_path):
    folder = write_plans(tmp_path / "plans")
    process = subprocess.Popen([sys.executable, "-m", "qlmatrix", "serve", str(folder), "--port", "0", "--lang", "zh"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        assert found, line
        assert "的计划在" in line
        port, token = found.groups()
        with urllib.request.urlopen(found.group(0), timeout=30) as page:
            assert "qlm 工作台" in page.read().decode("utf-8")
        api = urllib.request.Request(f"http://127.0.0.1:{port}/api/files", headers={"X-Qlm-Token": token})
        with urllib.request.urlopen(api, timeout=30) as answer:
            assert json.load(answer)["plans"][0]["path"] == "plan.qlm"
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "已停止" in err and "Traceback" not in err


def test_qlm_serve_refuses_a_folder_that_does_not_exist(tmp_path):
    done = subprocess.run([sys.executable, "-m", "qlmatrix", "serve", str(tmp_path / "none"), "--lang", "en"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "is not a folder" in done.stderr and "Traceback" not in done.stderr

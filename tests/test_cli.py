"""The `qlm` command as a user runs it: exit codes, languages, formats, bad arguments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qlmatrix.cli import detect_language, main

ROOT = Path(__file__).resolve().parent.parent
GOOD = "单位 纪监委\n任务 (一) 全面加强纪律建设 (责任单位:纪监委)\n"
BAD = "单位 纪监委\n任务 (一) 全面加强纪律建设 (责任单位:纪检委)\n"


@pytest.fixture
def plan_file(tmp_path):
    def write(text: str, name: str = "plan.qlm") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_clean_plan_exits_0(plan_file, capsys):
    assert main(["--lang", "en", "check", plan_file(GOOD)]) == 0
    out = capsys.readouterr().out
    assert "error[" not in out and "checked 1 file: " in out


def test_errors_exit_1(plan_file, capsys):
    assert main(["--lang", "en", "check", plan_file(BAD)]) == 1
    out = capsys.readouterr().out
    assert "error[E101]: unit `纪检委` is not declared" in out
    assert "did you mean `纪监委`?" in out


def test_syntax_errors_exit_1(plan_file, capsys):
    assert main(["check", plan_file("单位 {\n")]) == 1


def test_unreadable_file_exits_2(tmp_path, capsys):
    assert main(["--lang", "en", "check", str(tmp_path / "missing.qlm")]) == 2
    assert "E011" in capsys.readouterr().out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2


def test_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["chekc", "x.qlm"])
    assert caught.value.code == 2


def test_folder_is_searched_for_plans(tmp_path, capsys):
    (tmp_path / "a.qlm").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.qlm").write_text(BAD, encoding="utf-8")
    assert main(["--lang", "en", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "checked 2 files" in out and "b.qlm:2:" in out


def test_json_format_is_valid_json(plan_file, capsys):
    assert main(["--lang", "zh", "check", "--format", "json", plan_file(BAD)]) == 1
    (diagnostic,) = [d for d in json.loads(capsys.readouterr().out) if d["severity"] == "error"]
    assert diagnostic["code"] == "E101" and diagnostic["name"] == "undeclared-unit"
    assert diagnostic["message"] == "单位`纪检委`未声明"
    assert diagnostic["span"]["line"] == 2 and diagnostic["span"]["column"] == 23


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({}, "en"),
])
def test_language_follows_the_locale(environ, expected):
    assert detect_language(environ) == expected


def test_lang_flag_overrides_locale(plan_file, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    main(["--lang", "en", "check", plan_file(BAD)])
    assert "is not declared" in capsys.readouterr().out


def test_export_json(plan_file, capsys):
    assert main(["export", plan_file(GOOD)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tasks"][0]["lead"] == "纪监委" and data["tasks"][0]["id"] == "(一)"


def test_export_of_a_broken_plan_writes_nothing(plan_file, tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["--lang", "en", "export", plan_file("单位 {\n"), "-o", str(out)]) == 1
    assert not out.exists()
    assert "error[E001]" in capsys.readouterr().err


def test_export_qlm_in_english_keywords(plan_file, capsys):
    assert main(["export", plan_file(GOOD), "--format", "qlm", "--keywords", "en"]) == 0
    assert capsys.readouterr().out == "unit 纪监委\n\ntask (一)全面加强纪律建设 (responsible:纪监委)\n"


def test_python_dash_m_and_console_script(plan_file):
    env = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1"}
    for command in ([sys.executable, "-m", "qlmatrix"], [str(Path(sys.executable).with_name("qlm"))]):
        done = subprocess.run([*command, "check", plan_file(BAD)], capture_output=True, text=True, env=env)
        assert done.returncode == 1, done.stderr
        assert "E101" in done.stdout and "Traceback" not in done.stderr


def test_usage_errors_follow_the_language(capsys):
    for argv, expected in ((["--lang", "zh", "check"], "缺少以下参数：PATH"),
                           (["--lang=en", "check"], "the following arguments are required: PATH"),
                           (["--lang", "zh", "table", "x.qlm", "--view", "foo"], "无效的选项：'foo'")):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
        assert expected in capsys.readouterr().err


class _Terminal:
    """A stderr that says it is a terminal, recording what is written."""

    def __init__(self):
        self.text = ""

    def isatty(self):
        return True

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_progress_only_on_a_terminal(capsys):
    from qlmatrix.cli.progress import Progress

    terminal = _Terminal()
    progress = Progress("checking", 3, stream=terminal)
    progress(2, "b.qlm")
    progress.close()
    assert "checking 2/3 b.qlm" in terminal.text and terminal.text.endswith("\r\x1b[K")
    quiet = Progress("checking", 3)  # pytest's captured stderr is not a terminal
    quiet(1, "a.qlm")
    quiet.close()
    assert capsys.readouterr().err == ""


def test_a_folder_without_plans_is_warned_about_in_check_and_fmt(tmp_path, capsys):
    """`qlm check docs/` of a folder with no .qlm file said "checked 0 files: no problems found" and
    nothing else: in CI, a mistyped folder passed."""
    (tmp_path / "empty").mkdir()
    assert main(["--lang", "en", "check", str(tmp_path / "empty")]) == 0
    assert f"warning: no .qlm files in `{tmp_path / 'empty'}`" in capsys.readouterr().err
    assert main(["--lang", "zh", "fmt", "--check", str(tmp_path / "empty")]) == 0
    assert f"警告：`{tmp_path / 'empty'}`中没有.qlm文件" in capsys.readouterr().err
    (tmp_path / "empty" / "p.qlm").write_text("单位 甲\n任务 (一) x (牵头:甲)\n", encoding="utf-8")
    assert main(["--lang", "en", "check", str(tmp_path / "empty")]) == 0
    assert "no .qlm files" not in capsys.readouterr().err

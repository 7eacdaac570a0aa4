"""Settings from qlmatrix.toml / pyproject.toml, and the command line on top."""

from __future__ import annotations

import json

import pytest

from qlmatrix import loads
from qlmatrix.checks import Config, run_checks
from qlmatrix.cli import main
from qlmatrix.config import ConfigError, find_config, load_config, parse_config, with_cli
from qlmatrix.diagnostics import Severity

PLAN = """单位 纪监委、综合办、执法局、财政局
任务 (一) 甲 (责任单位:纪监委)
任务 (二) 乙 (责任单位:纪监委)
任务 (三) 丙 (责任单位:纪监委)
任务 (四) 丁 (责任单位:综合办)
任务 (五) 戊 (责任单位:执法局)
任务 (六) 加大宣传力度
"""


def test_defaults_run_every_rule():
    config = parse_config({})
    assert config == Config()
    codes = [d.code for d in run_checks(loads(PLAN), config)]
    assert codes == ["W203", "W201"]


def test_select_ignore_severity_and_options():
    config = parse_config({
        "select": ["W2", "lead-overload"],
        "ignore": ["unused-unit"],
        "severity": {"W201": "error"},
        "rules": {"lead-overload": {"factor": 2, "minimum": 3}},
    })
    assert config.select == ("W2", "W309") and config.ignore == ("W203",)
    found = run_checks(loads(PLAN), config)
    assert [(d.code, d.severity) for d in found] == [("W309", Severity.WARNING), ("W201", Severity.ERROR)]
    assert config.options["W309"] == {"factor": 2.0, "minimum": 3}


@pytest.mark.parametrize("table, message", [
    ({"selct": ["W2"]}, "unknown key `selct`; did you mean `select`?"),
    ({"ignore": ["task-without-unti"]}, "unknown rule `task-without-unti` in `ignore`; did you mean `task-without-unit`?"),
    ({"rules": {"W309": {"factr": 2}}}, "rule W309 `lead-overload` has no option `factr`; did you mean `factor`?"),
    ({"rules": {"W201": {"factor": 2}}}, "has no option `factor`"),
    ({"rules": {"lead-overlaod": {}}}, "unknown rule `lead-overlaod` in `[rules.lead-overlaod]`; did you mean `lead-overload`?"),
    ({"rules": {"W309": {"minimum": "many"}}}, "option `minimum` of W309 must be int"),
    ({"rules": {"W210": {"required": "alwys"}}}, "is `alwys`; did you mean `always`?"),
    ({"severity": {"W201": "fatal"}}, "severity of `W201` is `fatal`"),
    ({"strict": "yes"}, "`strict` must be true or false"),
])
def test_bad_settings_name_the_key(table, message):
    with pytest.raises(ConfigError) as raised:
        parse_config(table, "qlmatrix.toml")
    assert message in str(raised.value)
    assert str(raised.value).startswith("qlmatrix.toml: ")


def test_strict_turns_warnings_into_errors():
    config = with_cli(parse_config({}), strict=True)
    assert {d.severity for d in run_checks(loads(PLAN), config)} == {Severity.ERROR}


def test_command_line_lists_replace_the_files():
    config = with_cli(parse_config({"select": ["E"], "ignore": ["W201"]}), select=["W"], ignore=["W203"])
    assert config.select == ("W",) and config.ignore == ("W203",)
    with pytest.raises(ConfigError):
        with_cli(config, select=["W2O1"])


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_file_wins_and_qlmatrix_toml_beats_pyproject(tmp_path):
    _write(tmp_path, "pyproject.toml", '[tool.qlmatrix]\nignore = ["W201"]\n')
    sub = tmp_path / "plans"
    sub.mkdir()
    plan = _write(sub, "plan.qlm", PLAN)
    assert load_config(plan).ignore == ("W201",)
    _write(sub, "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.qlmatrix]: passed over
    assert load_config(plan).ignore == ("W201",)
    _write(sub, "qlmatrix.toml", 'ignore = ["W203"]\n')
    path, table = find_config(plan)
    assert path.name == "qlmatrix.toml" and load_config(plan).ignore == ("W203",)


def test_cli_uses_the_file_and_flags_win(tmp_path, capsys):
    plan = _write(tmp_path, "plan.qlm", PLAN)
    _write(tmp_path, "qlmatrix.toml", 'ignore = ["W203"]\n[severity]\nW201 = "error"\n')
    assert main(["--lang", "en", "check", "--format", "json", str(plan)]) == 1
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["W201"]
    assert main(["--lang", "en", "check", "--format", "json", "--ignore", "W201,W203", str(plan)]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--lang", "en", "check", "--format", "json", "--ignore", "W203", "--select", "W203", str(plan)]) == 0


def test_cli_reports_a_bad_file_and_exits_2(tmp_path, capsys):
    plan = _write(tmp_path, "plan.qlm", PLAN)
    _write(tmp_path, "qlmatrix.toml", 'selct = ["W2"]\n')
    assert main(["--lang", "en", "check", str(plan)]) == 2
    assert "did you mean `select`?" in capsys.readouterr().err


def test_cli_strict_exit_code(tmp_path, capsys):
    plan = _write(tmp_path, "plan.qlm", PLAN)
    assert main(["--lang", "en", "check", "--format", "concise", str(plan)]) == 0
    assert main(["--lang", "en", "check", "--format", "concise", "--strict", str(plan)]) == 1
    assert "2 errors, 0 warnings" in capsys.readouterr().out


def test_explicit_config_file(tmp_path, capsys):
    plan = _write(tmp_path, "plan.qlm", PLAN)
    settings = _write(tmp_path, "pyproject.toml", '[tool.qlmatrix]\nselect = ["W203"]\n')
    assert main(["--lang", "en", "check", "--format", "concise", "--config", str(settings), str(plan)]) == 0
    out = capsys.readouterr().out
    assert "W203" in out and "W201" not in out


def test_settings_errors_have_a_position_and_both_languages(tmp_path, capsys):
    from qlmatrix.cli import main

    (tmp_path / "p.qlm").write_text("单位 纪监委\n任务 (一) x (责任单位:纪监委)\n", encoding="utf-8")
    settings = tmp_path / "pyproject.toml"
    settings.write_text('[tool.qlmatrix]\nstrict = false\nselet = ["W2"]\n', encoding="utf-8")
    assert main(["--lang", "zh", "check", str(tmp_path / "p.qlm")]) == 2
    assert f"{settings}:3:1：未知的设置项`selet`；是否应为`select`？" in capsys.readouterr().err
    settings.write_text('[tool.qlmatrix]\nselect = [W2\n', encoding="utf-8")
    assert main(["--lang", "en", "check", str(tmp_path / "p.qlm")]) == 2
    assert f"{settings}:2:11: invalid TOML: " in capsys.readouterr().err


def test_a_bad_flag_is_placed_on_the_command_line_in_both_languages_without_a_screenful(tmp_path, capsys):
    (tmp_path / "p.qlm").write_text("单位 甲\n", encoding="utf-8")
    assert main(["--lang", "zh", "check", str(tmp_path / "p.qlm"), "--select", "ZZZ"]) == 2
    err = capsys.readouterr().err
    assert "命令行：`--select`中的规则`ZZZ`不存在；`qlm rule`可列出全部规则" in err  # was "the command line：…"
    assert "task-without-unit" not in err  # not every rule's code and name
    assert main(["--lang", "en", "check", str(tmp_path / "p.qlm"), "--ignore", "ZZZ"]) == 2
    assert "the command line: unknown rule `ZZZ` in `--ignore`; `qlm rule` lists every rule" in capsys.readouterr().err

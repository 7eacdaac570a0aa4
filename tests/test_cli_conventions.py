"""The CLI behaves as professionals expect: global options anywhere, every text in the reader's
language, no silent rendering of a broken plan, no silent overwrite of a hand-corrected plan."""

from __future__ import annotations

import re

import pytest

from qlmatrix.cli import COMMANDS, main

BROKEN = "单位 甲\n任务 (一) 落实 (责任单位:乙)\n"  # 乙 is not declared: E101


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [["--lang", "en", "check", "{plan}"], ["check", "{plan}", "--lang", "en"],
                                  ["check", "--lang=en", "{plan}"]])
def test_global_options_work_before_or_after_the_command(tmp_path, capsys, argv):
    plan = tmp_path / "p.qlm"
    plan.write_text(BROKEN, encoding="utf-8")
    code, out, _ = run(capsys, *[a.format(plan=plan) for a in argv])
    assert code == 1 and "unit `乙` is not declared" in out


def test_the_last_lang_wins_and_colour_can_be_forced(tmp_path, capsys):
    plan = tmp_path / "p.qlm"
    plan.write_text(BROKEN, encoding="utf-8")
    _, out, _ = run(capsys, "--lang", "en", "check", str(plan), "--lang", "zh", "--color", "always")
    assert "单位`乙`未声明" in out and "\x1b[" in out
    _, out, _ = run(capsys, "check", str(plan), "--color", "never", "--lang", "en")
    assert "\x1b[" not in out


@pytest.mark.parametrize("command", ["", *sorted(COMMANDS)])
def test_every_help_text_is_in_chinese_for_a_chinese_reader(capsys, command):
    code, out, _ = run(capsys, "--lang", "zh", *([command] if command else []), "--help")
    assert code == 0
    assert out.startswith("用法：") and "选项：" in out and "options:" not in out
    assert "--lang" in out and "--color" in out  # the global options are listed under every command
    # Every line that explains something (not an option list or a usage line) has Chinese in it.
    for line in out.splitlines():
        words = re.sub(r"(\s-[-\w]+|\{[^}]*\}|[A-Z_]{2,}|\[|\]|\.qlm|RACI|RASCI|UTF-8|GB18030)", " ", line)
        if re.search(r"[a-z]{4,} [a-z]{3,}", words):
            assert re.search(r"[\u4e00-\u9fff]", line), line


def test_a_mistyped_command_gets_did_you_mean(capsys):
    code, _, err = run(capsys, "--lang", "zh", "chek", "p.qlm")
    assert code == 2 and "是否应为 `check`？" in err and err.count("qlm：错误：") == 1


def test_table_of_a_plan_with_errors_says_so_and_exits_1(tmp_path, capsys):
    plan = tmp_path / "p.qlm"
    plan.write_text(BROKEN, encoding="utf-8")
    out_file = tmp_path / "t.md"
    code, _, err = run(capsys, "--lang", "en", "table", str(plan), "-o", str(out_file))
    assert code == 1
    assert "has 1 error and 1 warning" in err and f"`qlm check {plan}`" in err
    assert "乙" in out_file.read_text(encoding="utf-8")  # written in full all the same
    code, _, err = run(capsys, "--lang", "zh", "table", str(plan), "-o", str(out_file), "--allow-errors")
    assert code == 0 and "1 个错误、1 个警告" in err


@pytest.mark.parametrize("command", ["table", "diagram", "export"])
def test_a_missing_plan_is_not_reported_as_checked(tmp_path, capsys, command):
    code, _, err = run(capsys, "--lang", "zh", command, str(tmp_path / "nonexist.qlm"))
    assert code == 2
    assert "没有该文件或目录" in err  # the OS's reason, in Chinese too
    assert "已检查" not in err and "checked" not in err


def test_import_never_overwrites_a_plan_without_force(tmp_path, capsys):
    document = tmp_path / "doc.txt"
    document.write_text("一、总则\n（一）加强领导。（责任单位：甲局）\n", encoding="utf-8")
    plan = tmp_path / "plan.qlm"
    plan.write_text("# corrected by hand\n", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "zh", "import", str(document), "-o", str(plan))
    assert code == 2 and "已存在" in err and "--force" in err
    assert plan.read_text(encoding="utf-8") == "# corrected by hand\n"
    code, _, _ = run(capsys, "import", str(document), "-o", str(plan), "--force")
    assert code == 0 and "甲局" in plan.read_text(encoding="utf-8")
    code, _, err = run(capsys, "--lang", "en", "import", str(tmp_path / "missing.txt"))
    assert code == 2 and "checked" not in err


def test_the_cli_reference_is_generated_from_the_parser_and_current():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gen_cli_docs", root / "scripts" / "gen_cli_docs.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert generator.main(["--check"]) == 0, "run: python scripts/gen_cli_docs.py"
    assert "## qlm check" in generator.page("en") and "检查计划中的错误" in generator.page("zh")

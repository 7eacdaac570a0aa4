"""Careless or hostile settings and plans get a clear diagnostic, never a traceback."""

from __future__ import annotations

import pytest

import qlmatrix
from qlmatrix.cli import main


@pytest.mark.parametrize("settings, where, words", [
    ('[severity]\nW205 = []\n', ":2:1:", "severity of `W205` is `[]`"),
    (b'[severity]\nW205 = "error"\n# \xff\n', ":3:3:", "not valid UTF-8"),
    (b'\xef\xbb\xbf[severity]\nW205 = []\n', ":2:1:", "severity of `W205`"),  # a BOM is read, not an error
    ('select = [\n  "W2",\n\n', ":2:8:", "invalid TOML: invalid value"),  # "(at end of document)": placed there
])
def test_bad_settings_files_are_placed_and_explained(tmp_path, capsys, settings, where, words):
    (tmp_path / "p.qlm").write_text("单位 甲\n", encoding="utf-8")
    path = tmp_path / "qlmatrix.toml"
    path.write_bytes(settings if isinstance(settings, bytes) else settings.encode())
    assert main(["--lang", "en", "check", str(tmp_path / "p.qlm")]) == 2
    err = capsys.readouterr().err
    assert f"{path}{where}" in err and words in err and "Traceback" not in err


def test_a_parent_pyproject_with_a_non_table_tool_is_an_error_not_a_crash(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('tool = "qlmatrix"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.qlm").write_text("单位 甲\n", encoding="utf-8")
    assert main(["--lang", "zh", "check", str(tmp_path / "sub" / "p.qlm")]) == 2
    assert "`tool`应为一个表" in capsys.readouterr().err


def test_a_parent_pyproject_that_never_names_qlmatrix_is_passed_over_even_when_broken(tmp_path, capsys):
    """Another tool's settings: not ours to parse or to report (`tool = 5` and a TOML syntax error)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.qlm").write_text("单位 甲\n任务 (一) x (牵头:甲)\n", encoding="utf-8")
    for text in ("tool = 5\n", "[project\nname = 'x'\n"):
        (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
        assert main(["--lang", "en", "check", str(tmp_path / "sub" / "p.qlm")]) == 0
        assert "pyproject" not in capsys.readouterr().err


@pytest.mark.parametrize("text", ["任务 x (责任单位:(牵头)(牵头))\n", "任务 x (责任单位:(牵头))\n"])
def test_a_name_that_is_only_role_marks_round_trips(text):
    plan = qlmatrix.loads(text)
    assert qlmatrix.loads(qlmatrix.dumps(plan)) == plan
    assert all(a.unit.name for a in plan.items[0].assignments)  # never an empty name


def test_e009_columns_count_characters(tmp_path):
    from qlmatrix.parser import read_file

    path = tmp_path / "p.qlm"
    path.write_bytes("单位 纪监委".encode() + b"\xff\n")
    (diagnostic,) = read_file(path).diagnostics
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == ("E009", 1, 7)


@pytest.mark.parametrize("value, coloured", [("", True), ("1", False)])
def test_only_a_non_empty_no_color_turns_colour_off(monkeypatch, value, coloured):
    from qlmatrix.cli.report import use_color, use_color_mode

    class Terminal:
        def isatty(self) -> bool:
            return True

    use_color_mode("auto")
    monkeypatch.setenv("NO_COLOR", value)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Terminal()) is coloured


def test_a_huge_generated_plan_is_refused_before_memory_runs_out():
    from qlmatrix.gen import generate

    with pytest.raises(ValueError, match="at most"):
        generate(10**20)


def test_qlm_gen_refuses_absurd_sizes_as_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "en", "gen", "--tasks", "99999999999999999999"])
    assert stop.value.code == 2 and "at most 1,000,000" in capsys.readouterr().err


def test_a_value_holding_a_comma_before_a_property_word_is_quoted_so_it_reads_back():
    from qlmatrix import Plan, Task

    plan = Plan(items=[Task("x", body="甲，全称:(（乙"), Task("y", deliverable="方案,频次:每年")])
    assert qlmatrix.loads(qlmatrix.dumps(plan)) == plan


def test_writing_a_long_group_of_units_is_linear():
    """Units that differ only in name share one line; joining them once looked through the whole group."""
    from qlmatrix import Plan, Unit
    from qlmatrix.writer import Writer

    calls = []
    original = Writer._commented

    def counting(self, node):
        calls.append(node)
        return original(self, node)

    Writer._commented = counting
    try:
        qlmatrix.dumps(Plan(units=[Unit(f"单位{i}") for i in range(2000)]))
        small = len(calls)
        calls.clear()
        qlmatrix.dumps(Plan(units=[Unit(f"单位{i}") for i in range(8000)]))
    finally:
        Writer._commented = original
    assert len(calls) <= 4.5 * small  # four times the units, about four times the work


def test_every_json_writer_escapes_what_utf8_or_a_reader_cannot_take():
    """A lone surrogate (possible in a plan built in Python) and U+2028 come out as JSON escapes."""
    import json

    from qlmatrix import Plan, Task, Unit
    from qlmatrix.diagnostics import json as diagnostics_json
    from qlmatrix.diagnostics import sarif

    plan = Plan(units=[Unit("甲\ud800")], items=[Task("x\u2028y")])
    exported = qlmatrix.to_json(plan)
    exported.encode("utf-8")  # never raises
    assert "\\ud800" in exported and "\\u2028" in exported
    assert json.loads(exported)["units"][0]["name"] == "甲\ud800"  # the same value
    findings = qlmatrix.check(plan)
    for text in (diagnostics_json.dumps(findings, "en"), sarif.dumps(findings, "en")):
        text.encode("utf-8")


@pytest.mark.parametrize("text, code", [
    ("x" * 300_000, "E001"),  # one name of 300,000 characters
    ("单位 甲\n章 一、a {\n(一)甲(责任单位:" + "甲" * 300_000 + "\n}\n", "E001"),  # an annotation never closed
    ("单位 甲\n" + "\n" * 300_000 + "x x\n", "E001"),  # one separator of 300,000 line ends
])
def test_a_hostile_long_token_is_read_in_memory_proportional_to_the_file(text, code):
    """The lexer's repeats are possessive and the recovery's scan takes runs, not characters: a repeated
    group with alternatives kept a backtracking point per character (about 540 bytes each, 2.7 GB for a
    5 MB line of `x`), and a list of one-character strings costs about 80 bytes per CJK character."""
    import tracemalloc

    from qlmatrix.parser import read_text

    read_text("单位 甲\n")  # the parser is built (and its tables cached) outside the measurement
    tracemalloc.start()
    try:
        result = read_text(text, "p.qlm")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.code for d in result.diagnostics][:1] == [code]
    assert peak < 40 * len(text.encode()), f"{peak:,} bytes for {len(text):,} characters"


def test_a_plan_with_carriage_return_line_ends_is_refused_not_read_as_empty(tmp_path, capsys):
    """Lines ending in CR alone (classic Mac OS): the lexer reads LF and CRLF, so the whole file was one
    line, and a plan opening with a comment checked as empty, "no problems found", exit 0."""
    text = "# 某区实施方案\n单位 甲\n任务 (一) 开展检查\n"
    path = tmp_path / "p.qlm"
    path.write_bytes(text.replace("\n", "\r").encode())
    assert main(["--lang", "en", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "error[E021]" in out and f"{path}:1:9" in out and "help: save the file again with LF or CRLF" in out
    assert main(["--lang", "zh", "fmt", str(path)]) == 1
    assert "E021" in capsys.readouterr().err and path.read_bytes() == text.replace("\n", "\r").encode()
    # CRLF, and a CR inside a quoted title, are read as before.
    path.write_bytes(text.replace("\n", "\r\n").encode())
    assert main(["--lang", "en", "check", str(path)]) == 0 and "W201" in capsys.readouterr().out
    from qlmatrix.parser import read_text

    assert [d.code for d in read_text('单位 甲\n任务 (一) "标题\r" { 牵头: 甲 }\n').diagnostics] == []

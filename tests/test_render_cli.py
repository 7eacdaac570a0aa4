"""`qlm table`, `qlm diagram` and `qlm render`: formats from suffixes, atomic writes, clear failures."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from qlmatrix.cli import main
from qlmatrix.render.text import to_terminal

FIXTURE = str(Path(__file__).resolve().parent / "golden" / "render" / "fixture.qlm")


def test_table_format_follows_the_suffix(tmp_path, capsys):
    for suffix, start in ((".md", b"# "), (".html", b"<!DOCTYPE html>"), (".csv", b"\xef\xbb\xbf"), (".json", b"{"), (".xlsx", b"PK"), (".docx", b"PK")):
        out = tmp_path / f"t{suffix}"
        assert main(["table", FIXTURE, "--view", "raci", "-o", str(out)]) == 0
        assert out.read_bytes().startswith(start), suffix


def test_table_to_stdout_is_plain_text_without_a_tty(capsys):
    assert main(["table", FIXTURE, "--view", "units", "--unit", "高新区党工委", "--role", "牵头"]) == 0
    out = capsys.readouterr().out
    assert "加强组织领导" in out and "\x1b[" not in out and "严格督查问责" not in out


def test_colour_only_when_asked(monkeypatch):
    import qlmatrix
    from qlmatrix.cli.report import use_color
    from qlmatrix.render import build_table

    built = build_table(qlmatrix.load(FIXTURE), "raci")
    assert "\x1b[" in to_terminal(built, color=True) and "\x1b[" not in to_terminal(built)

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())


def test_unknown_suffix_and_bad_filters_are_usage_errors(tmp_path, capsys):
    assert main(["table", FIXTURE, "-o", str(tmp_path / "t.odt")]) == 2
    assert main(["table", FIXTURE, "--unit", "纪检委"]) == 2
    assert main(["table", FIXTURE, "--role", "boss"]) == 2
    err = capsys.readouterr().err
    assert "did you mean `纪监委`" in err and "Traceback" not in err


def test_diagram_dot_needs_no_binary(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "org.dot"
    assert main(["diagram", FIXTURE, "--view", "org", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("digraph org {")


def test_missing_dot_says_how_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["diagram", FIXTURE, "-o", str(tmp_path / "r.svg")]) == 2
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "Traceback" not in err
    assert not (tmp_path / "r.svg").exists()


def fake_dot(folder: Path, script: str) -> None:
    dot = folder / "dot"
    dot.write_text("#!/bin/sh\n" + script)
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)


def test_failing_dot_writes_nothing_even_with_partial_output(tmp_path, monkeypatch, capsys):
    """dot exiting non-zero after writing part of an SVG is a failure: no file, the old one kept."""
    fake_dot(tmp_path, "cat >/dev/null; printf '<svg><g>partial'; echo 'Error: trouble in init_rank' >&2; exit 1\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "r.svg"
    out.write_text("old")
    assert main(["diagram", FIXTURE, "-o", str(out)]) == 2
    assert out.read_text() == "old"
    assert "trouble in init_rank" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".qlm-")] == []


def test_dots_warnings_are_passed_on(tmp_path, monkeypatch, capsys):
    """`qlm diagram` dropped what dot said on success: a 2,000-task diagram's PNG "scaled by 0.217 to
    fit" (illegible) came with no word of it."""
    fake_dot(tmp_path, "cat >/dev/null; printf '\\211PNG'; "
                       "echo 'dot: graph is too large for cairo-renderer bitmaps. Scaling by 0.2 to fit' >&2\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert main(["--lang", "zh", "diagram", FIXTURE, "-o", str(tmp_path / "r.png")]) == 0
    assert "警告：dot：graph is too large for cairo-renderer bitmaps. Scaling by 0.2 to fit" in capsys.readouterr().err
    assert (tmp_path / "r.png").read_bytes().startswith(b"\x89PNG")


def test_render_passes_dots_warnings_on_once_each(tmp_path, monkeypatch, capsys):
    fake_dot(tmp_path, "cat >/dev/null; printf '<svg width=\"80pt\" height=\"60pt\" viewBox=\"0 0 80 60\" "
                       "xmlns=\"http://www.w3.org/2000/svg\"></svg>'; echo 'Warning: trouble ahead' >&2\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert main(["--lang", "en", "render", FIXTURE, "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert err.count("trouble ahead") == 1  # four pictures, one warning naming the first
    assert "warning: dot (org.svg and 3 more): Warning: trouble ahead" in err


@pytest.mark.graphviz
def test_render_writes_every_format(tmp_path, capsys):
    assert main(["render", FIXTURE, "-o", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    for view in ("raci", "tasks", "units"):
        for suffix in ("md", "html", "csv", "json", "docx", "txt"):
            assert f"{view}.{suffix}" in names
    for view in ("org", "responsibility"):
        for suffix in ("dot", "svg", "png"):
            assert f"{view}.{suffix}" in names
    assert "tables.xlsx" in names


def test_a_view_shows_itself_as_html_in_jupyter_and_as_text_in_print():
    import qlmatrix
    from qlmatrix.render import View

    plan = qlmatrix.loads("单位 纪监委\n任务 (一) 加强<纪律>建设 (责任单位:纪监委)")
    html = View(plan)._repr_html_()
    assert "纪监委" in html and "&lt;纪律&gt;" in html and "<table" in html
    assert "加强<纪律>建设" in str(View(plan, "raci"))
    assert not hasattr(plan, "_repr_html_")  # the model stays free of rendering


def test_render_errors_speak_the_readers_language(tmp_path, capsys):
    from qlmatrix.cli import main

    plan = tmp_path / "p.qlm"
    plan.write_text("单位 纪监委\n任务 (一) 加强纪律建设 (责任单位:纪监委)\n", encoding="utf-8")
    assert main(["--lang", "zh", "table", str(plan), "--unit", "纪检委"]) == 2
    assert "计划中没有名为`纪检委`的单位；是否应为`纪监委`？" in capsys.readouterr().err
    assert main(["--lang", "en", "table", str(plan), "-o", str(tmp_path / "x.foo")]) == 2
    assert "cannot tell the format from" in capsys.readouterr().err
    assert not (tmp_path / "x.foo").exists()

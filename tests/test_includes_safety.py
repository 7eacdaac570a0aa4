"""A plan from anyone: includes are confined, bounded and read once; cycles never hide findings;
no input makes reading recurse without bound."""

from __future__ import annotations

import os
import threading

import pytest

import qlmatrix
from qlmatrix import limits
from qlmatrix.cli import main
from qlmatrix.parser import read_file, read_text


def _write(folder, files: dict[str, str]):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder / next(iter(files))


def _check(capsys, *argv) -> tuple[int, list[tuple[str, str, int]]]:
    code = main(["--lang", "en", "check", "--format", "concise", *map(str, argv)])
    lines = [line for line in capsys.readouterr().out.splitlines() if ": " in line and not line.startswith("checked")]
    found = []
    for line in lines:
        where, rest = line.split(": ", 1)
        found.append((rest.split()[0], os.path.basename(where.split(":")[0]), int(where.split(":")[1])))
    return code, found


# ------------------------------------------------------------------ cycles never hide findings


def test_a_file_that_includes_itself_reports_the_cycle_and_every_finding(tmp_path, capsys):
    plan = _write(tmp_path, {"self.qlm": '单位 甲\n引入 "self.qlm"\n任务 x (责任单位:乙)\n'})
    code, found = _check(capsys, plan)
    assert code == 1
    assert ("E008", "self.qlm", 2) in found and ("E101", "self.qlm", 3) in found


@pytest.mark.parametrize("as_folder", [False, True])
def test_files_on_a_cycle_are_each_checked_and_each_finding_reported_once(tmp_path, capsys, as_folder):
    _write(tmp_path, {"a.qlm": '单位 甲\n引入 "b.qlm"\n', "b.qlm": '引入 "a.qlm"\n任务 y (责任单位:丙)\n'})
    targets = [tmp_path] if as_folder else [tmp_path / "a.qlm", tmp_path / "b.qlm"]
    code, found = _check(capsys, *targets)
    assert code == 1
    assert found.count(("E101", "b.qlm", 2)) == 1
    assert {("E008", "a.qlm", 2), ("E008", "b.qlm", 1)} <= set(found)


def test_a_carrier_included_by_its_master_is_still_checked_only_through_it(tmp_path, capsys):
    _write(tmp_path, {"master.qlm": '单位 甲\n引入 "c.qlm"\n', "c.qlm": "任务 x (责任单位:甲)\n"})
    code, found = _check(capsys, tmp_path)
    assert code == 0 and found == []  # c.qlm alone would say 甲 is undeclared: it is not checked alone


# ------------------------------------------------------------------ confinement


@pytest.mark.parametrize("target", ["../secret.qlm", "{outside}"])
def test_an_include_outside_the_plans_folder_is_neither_read_nor_shown(tmp_path, capsys, target):
    (tmp_path / "secret.qlm").write_text("单位 机密内容\n", encoding="utf-8")
    plan = _write(tmp_path / "plan", {"p.qlm": f'引入 "{target.format(outside=tmp_path / "secret.qlm")}"\n'})
    result = read_file(plan)
    assert [d.code for d in result.diagnostics] == ["E017"]
    assert list(result.sources) == [str(plan)]  # the secret was never read
    code, _ = _check(capsys, plan)
    assert code == 1
    assert main(["--lang", "en", "check", str(plan), "--include-root", str(tmp_path)]) == 0  # a W203 warning only
    assert "E017" not in capsys.readouterr().out


def test_system_files_are_never_echoed(tmp_path, capsys):
    plan = _write(tmp_path, {"p.qlm": '引入 "/etc/passwd"\n引入 "../../../../../../etc/hostname"\n'})
    main(["--lang", "en", "check", str(plan)])
    out = capsys.readouterr().out
    assert out.count("E017") == 2 and "root:" not in out


# ------------------------------------------------------------------ only regular files, bounded


def test_devices_and_fifos_are_refused_without_reading(tmp_path):
    os.mkfifo(tmp_path / "f.qlm")
    plan = _write(tmp_path, {"p.qlm": '引入 "f.qlm"\n'})
    result = read_file(plan)
    assert [(d.code, d.args["reason"].en) for d in result.diagnostics] == [("E007", "not a regular file")]
    zero = read_file(_write(tmp_path, {"z.qlm": '引入 "/dev/zero"\n'}), include_root="/")
    assert [d.code for d in zero.diagnostics] == ["E007"]


def test_a_fifo_named_on_the_command_line_cannot_hang_qlm(tmp_path, capsys):
    os.mkfifo(tmp_path / "f.qlm")
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(main(["--lang", "en", "check", str(tmp_path / "f.qlm")])),
                              daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done == [2]
    assert "not a regular file" in capsys.readouterr().out


def test_a_diamond_of_includes_reads_each_file_once(tmp_path, monkeypatch):
    import qlmatrix.parser as parser

    files = {f"f{level}.qlm": f'引入 "f{level + 1}.qlm"\n引入 "f{level + 1}.qlm"\n' for level in range(15)}
    files["f15.qlm"] = "单位 甲\n"
    root = _write(tmp_path, files)
    calls: list[str] = []
    original = parser.read_source
    monkeypatch.setattr(parser, "read_source", lambda path: (calls.append(path), original(path))[1])
    result = read_file(root)
    assert len(calls) == 16  # 2**15 paths, 16 files
    assert result.plan is not None


def test_a_long_chain_of_includes_stops_at_the_depth_limit(tmp_path):
    depth = limits.MAX_INCLUDE_DEPTH + 20
    files = {f"f{level}.qlm": f'引入 "f{level + 1}.qlm"\n' for level in range(depth)}
    files[f"f{depth}.qlm"] = "单位 甲\n"
    result = read_file(_write(tmp_path, files))
    assert [d.code for d in result.diagnostics] == ["E018"]


def test_a_symlink_loop_of_folders_is_read_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    plan = _write(tmp_path, {"d/p.qlm": '单位 甲\n引入 "loop/p.qlm"\n'})
    result = read_file(plan)
    assert [d.code for d in result.diagnostics] == ["E008"]  # the same file by its real path


# ------------------------------------------------------------------ no unbounded recursion, no traceback


def test_deep_nesting_is_a_diagnostic_not_a_recursion_error():
    text = "章 甲 {" * 2000 + "}" * 2000
    (diagnostic,) = read_text(text, "deep.qlm").diagnostics
    assert diagnostic.code == "E016" and diagnostic.span.column == limits.MAX_NESTING * 5 + 5
    with pytest.raises(qlmatrix.PlanError):
        qlmatrix.format_text(text)


def test_nesting_to_the_limit_reads_writes_and_compares():
    text = "章 甲 {\n" * limits.MAX_NESTING + "任务 乙\n" + "}\n" * limits.MAX_NESTING
    plan = qlmatrix.loads(text)
    assert qlmatrix.loads(qlmatrix.dumps(plan)) == plan


@pytest.mark.parametrize("text", ["单位 甲\x00乙\n", "任务 x { 牵\x00头: 甲 }\n", '引入 "a\x00b.qlm"\n',
                                  "任务 x (责任单位:甲\x00)\n"])
def test_a_nul_anywhere_gives_diagnostics_never_a_traceback(text, tmp_path, capsys):
    result = read_text(text, str(tmp_path / "p.qlm"))
    found = list(result.diagnostics) + (qlmatrix.check(result.plan) if result.plan is not None else [])
    for diagnostic in found:
        assert diagnostic.message.en and diagnostic.message.zh  # renders in both languages
    (tmp_path / "p.qlm").write_text(text, encoding="utf-8")
    assert main(["--lang", "zh", "check", str(tmp_path / "p.qlm")]) in (0, 1)


def test_every_refused_include_and_deep_nesting_says_how_to_fix_it(tmp_path, monkeypatch):
    """E007, E008, E016, E017, E018 and E019 named what was wrong and no fix (every other diagnostic has one)."""
    from qlmatrix.diagnostics.messages import render_help

    (tmp_path / "loop.qlm").write_text('引入 "loop.qlm"\n', encoding="utf-8")
    (tmp_path / "chain.qlm").write_text('引入 "chain2.qlm"\n', encoding="utf-8")
    (tmp_path / "chain2.qlm").write_text('单位 乙\n', encoding="utf-8")
    cases = {"E007": '引入 "missing.qlm"\n', "E008": '引入 "loop.qlm"\n', "E017": '引入 "../outside.qlm"\n',
             "E016": "章 一、a {\n" * (limits.MAX_NESTING + 1)}
    found = {}
    for code, text in cases.items():
        path = tmp_path / f"{code}.qlm"
        path.write_text(text, encoding="utf-8")
        found.update((d.code, d) for d in read_file(path).diagnostics)
    monkeypatch.setattr(limits, "MAX_INCLUDE_DEPTH", 0)
    (tmp_path / "E018.qlm").write_text('引入 "chain.qlm"\n', encoding="utf-8")
    found.update((d.code, d) for d in read_file(tmp_path / "E018.qlm").diagnostics)
    cases["E018"] = ""
    monkeypatch.setattr(limits, "MAX_INCLUDE_DEPTH", 32)
    monkeypatch.setattr(limits, "MAX_INCLUDED_FILES", 0)
    found.update((d.code, d) for d in read_file(tmp_path / "chain.qlm").diagnostics)
    assert set(cases) | {"E019"} <= set(found)
    for code in (*cases, "E019"):
        english, chinese = (render_help(found[code], lang) for lang in ("en", "zh"))
        assert english and chinese and english != chinese, code
        assert not any(mark in chinese for mark in (", ", ": ", "; ")), chinese  # full-width punctuation

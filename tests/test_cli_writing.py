"""How the commands write files: never over what is not theirs to replace, never over an input,
and one clear line (exit 2) when an output cannot be written.

A regular file is replaced atomically, its mode and owner kept; a symlink's target is written and
the link stays; a file with several hard links is written in place; a device, a FIFO or
`/dev/stdout` is written to, not replaced.
"""

from __future__ import annotations

import os
import re
import select
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from qlmatrix.cli import files as cli_files
from qlmatrix.cli import main

PLAN = "单位 甲\n单位 乙\n章 一、总则 {\n  任务 (一) 落实 (责任单位:甲)\n  引入 \"c.qlm\"\n}\n"
CARRIER = "任务 (二) 推进 (责任单位:乙)\n"
UNFORMATTED = "单位   甲\n任务 (一)   落实 (责任单位:甲)\n"
DOCUMENT = "一、总则\n（一）加强领导。（责任单位：甲局）\n"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
TIMEOUT = 30  # seconds: a bound for every subprocess and thread here; they take well under one


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "p.qlm"
    path.write_text(PLAN, encoding="utf-8")
    (tmp_path / "c.qlm").write_text(CARRIER, encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind."""
    return [name for name in os.listdir(folder) if name.startswith(".qlm-")]


def assert_one_error_line(err: str, lang: str) -> str:
    """stderr holds exactly one error line, written by the conventions; returns its message."""
    lines = [line for line in err.splitlines() if line.startswith(("error", "错误"))]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    line = lines[0]
    if lang == "zh":
        assert line.startswith("错误：") and not line.startswith("错误:"), line
        message = line.removeprefix("错误：")
        assert ": " not in message.replace("--", ""), line  # full-width punctuation in Chinese
    else:
        assert line.startswith("error: "), line
        message = line.removeprefix("error: ")
        assert message[:1] == "`" or message[:1].islower(), line
    assert not message.endswith((".", "。")), line
    assert "`" in message, line  # the path is named, in backticks
    return message


# -- an output over an input -------------------------------------------------------------------

def _commands(tmp_path: Path, plan: Path, output: Path) -> dict[str, list[str]]:
    return {
        "table": ["table", str(plan), "--format", "md", "-o", str(output)],
        "diagram": ["diagram", str(plan), "--format", "dot", "-o", str(output)],
        "export": ["export", str(plan), "-o", str(output)],
        "export-qlm": ["export", str(plan), "--format", "qlm", "-o", str(output)],
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["table", "diagram", "export", "export-qlm"])
def test_an_output_over_the_plan_is_refused(tmp_path, plan, capsys, command, lang):
    code, out, err = run(capsys, "--lang", lang, *_commands(tmp_path, plan, plan)[command])
    assert code == 2
    message = assert_one_error_line(err, lang)
    assert f"`{plan}`" in message
    assert ("input" in message) if lang == "en" else ("输入文件" in message)
    assert plan.read_text(encoding="utf-8") == PLAN
    assert not leftovers(tmp_path)


@pytest.mark.parametrize("command", ["table", "diagram", "export"])
@pytest.mark.parametrize("how", ["symlink", "hardlink", "included", "dotted"])
def test_an_output_that_is_an_input_under_another_name_is_refused(tmp_path, plan, capsys, command, how):
    carrier = tmp_path / "c.qlm"
    if how == "symlink":
        output = tmp_path / "link.qlm"
        output.symlink_to(plan.name)
    elif how == "hardlink":
        output = tmp_path / "hard.qlm"
        os.link(plan, output)
    elif how == "included":
        output = carrier  # read as part of the plan: overwriting it loses a part of the plan
    else:
        output = tmp_path / "." / ".." / tmp_path.name / "p.qlm"
    code, _, err = run(capsys, "--lang", "en", *_commands(tmp_path, plan, output)[command])
    assert code == 2
    assert "not overwritten" in assert_one_error_line(err, "en")
    assert plan.read_text(encoding="utf-8") == PLAN
    assert carrier.read_text(encoding="utf-8") == CARRIER
    if how == "symlink":
        assert output.is_symlink()


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("how", ["same", "symlink"])
def test_import_never_writes_over_its_document(tmp_path, capsys, force, how):
    document = tmp_path / "doc.md"
    document.write_text(DOCUMENT, encoding="utf-8")
    output = document
    if how == "symlink":
        output = tmp_path / "plan.qlm"
        output.symlink_to(document.name)
    code, out, err = run(capsys, "--lang", "zh", "import", str(document), "-o", str(output),
                         *(["--force"] if force else []))
    assert code == 2
    message = assert_one_error_line(err, "zh")
    assert "输入文件" in message and "--force" not in message  # not the "exists, give --force" message
    assert document.read_text(encoding="utf-8") == DOCUMENT
    assert output.is_symlink() == (how == "symlink")


def test_render_refuses_before_writing_anything_when_an_output_is_the_plan(tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    plan = folder / "tasks.md"  # a plan named like one of render's outputs
    plan.write_text(PLAN.replace('  引入 "c.qlm"\n', ""), encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "render", str(plan), "-o", str(folder))
    assert code == 2
    assert f"`{plan}` is an input" in assert_one_error_line(err, "en")
    assert sorted(os.listdir(folder)) == ["tasks.md"]  # nothing half-written: not one file
    assert plan.read_text(encoding="utf-8").startswith("单位 甲")


def test_render_refuses_a_folder_that_is_a_file(tmp_path, plan, capsys):
    for lang, words in (("en", "not a folder"), ("zh", "不是文件夹")):
        code, out, err = run(capsys, "--lang", lang, "render", str(plan), "-o", str(plan))
        assert code == 2 and out == ""
        assert words in assert_one_error_line(err, lang)
        assert plan.read_text(encoding="utf-8") == PLAN
    under = tmp_path / "p.qlm" / "out"
    code, _, err = run(capsys, "--lang", "en", "render", str(plan), "-o", str(under))
    assert code == 2 and "cannot create the folder" in assert_one_error_line(err, "en")


def test_render_creates_its_folder_and_parents(tmp_path, plan, capsys):
    folder = tmp_path / "a" / "b"
    code, out, err = run(capsys, "render", str(plan), "-o", str(folder))
    assert code in (0, 2), err  # 2 only when Graphviz is missing (SVG, PNG)
    assert (folder / "tasks.md").read_text(encoding="utf-8").count("落实") == 1
    assert str(folder / "tasks.md") in out
    assert not leftovers(folder)


# -- outputs that cannot be written: one line, exit 2, nothing written --------------------------

def _writers(plan: Path, document: Path, output: str) -> dict[str, list[str]]:
    return {
        "table": ["table", str(plan), "--format", "md", "-o", output],
        "diagram": ["diagram", str(plan), "--format", "dot", "-o", output],
        "export": ["export", str(plan), "-o", output],
        "import": ["import", str(document), "-o", output],
        "gen": ["gen", "--tasks", "5", "-o", output],
    }


WRITERS = ["table", "diagram", "export", "import", "gen"]


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def _bad_outputs(tmp_path: Path, plan: Path) -> dict[str, tuple[str, str, str]]:
    """name -> (output, English words, Chinese words) of the reason."""
    (tmp_path / "folder").mkdir()
    return {
        "folder": (str(tmp_path / "folder"), "is a directory", "这是一个目录"),
        "folder-slash": (str(tmp_path / "new") + "/", "is a directory", "这是一个目录"),
        "missing-folder": (str(tmp_path / "missing" / "out.md"), "the folder", "不存在"),
        "under-a-file": (str(plan / "out.md"), "not a directory", "不是目录"),
        "symlink-loop": (str(tmp_path / "loop.md"), "too many levels", "符号链接层数过多"),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", ["folder", "folder-slash", "missing-folder", "under-a-file", "symlink-loop"])
@pytest.mark.parametrize("command", WRITERS)
def test_an_output_that_cannot_be_written_is_one_clear_line(tmp_path, plan, document, capsys, command, case, lang):
    (tmp_path / "loop.md").symlink_to("loop.md")
    output, en, zh = _bad_outputs(tmp_path, plan)[case]
    before = sorted(os.listdir(tmp_path))
    code, out, err = run(capsys, "--lang", lang, *_writers(plan, document, output)[command])
    assert code == 2, err
    message = assert_one_error_line(err, lang)
    assert (en if lang == "en" else zh) in message
    assert message.startswith("cannot write `" if lang == "en" else "无法写入`")
    assert "Error" not in err and "Traceback" not in err
    assert out == ""
    assert sorted(os.listdir(tmp_path)) == before  # nothing created, nothing half-written
    assert os.listdir(tmp_path / "folder") == []
    assert plan.read_text(encoding="utf-8") == PLAN


@pytest.mark.parametrize("command", WRITERS)
def test_an_unwritable_folder_is_refused_before_the_work(tmp_path, plan, document, capsys, monkeypatch, command):
    # The same as above for any user, root included: the folder is one os.access says no to.
    folder = tmp_path / "locked"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(cli_files.os, "access",
                        lambda path, mode, **kw: os.fspath(path) != str(folder) and real_access(path, mode, **kw))
    for lang, words in (("en", "permission denied"), ("zh", "权限不足")):
        code, out, err = run(capsys, "--lang", lang, *_writers(plan, document, str(folder / "out.md"))[command])
        assert code == 2 and out == ""
        assert words in assert_one_error_line(err, lang)
        assert "警告" not in err and "warning" not in err  # said before the plan was even read
    assert os.listdir(folder) == []


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux's /sys")
@pytest.mark.parametrize("command", ["table", "gen"])
def test_a_folder_not_even_root_may_write_is_one_clear_line(plan, document, capsys, command):
    output = "/sys/kernel/qlm-test-output.md"
    code, _, err = run(capsys, "--lang", "en", *_writers(plan, document, output)[command])
    assert code == 2
    assert "cannot write `/sys/kernel/qlm-test-output.md`" in assert_one_error_line(err, "en")
    assert not os.path.exists(output)


def test_a_read_only_file_is_not_replaced_behind_its_back(tmp_path, plan, capsys, monkeypatch):
    # For any user, root included: the file is one os.access says no to (root could write a 0444 file).
    output = tmp_path / "t.md"
    output.write_text("kept\n", encoding="utf-8")
    output.chmod(0o444)
    real_access = os.access
    monkeypatch.setattr(cli_files.os, "access",
                        lambda path, mode, **kw: os.fspath(path) != str(output) and real_access(path, mode, **kw))
    code, _, err = run(capsys, "--lang", "en", "table", str(plan), "-o", str(output))
    assert code == 2 and "permission denied" in assert_one_error_line(err, "en")
    assert output.read_text(encoding="utf-8") == "kept\n"


def test_import_refuses_a_folder_as_a_folder_not_as_an_existing_plan(tmp_path, document, capsys):
    code, _, err = run(capsys, "--lang", "en", "import", str(document), "-o", str(tmp_path), "--force")
    assert code == 2 and "is a directory" in assert_one_error_line(err, "en")
    code, _, err = run(capsys, "--lang", "en", "import", str(document), "-o", str(tmp_path))
    assert code == 2 and "--force" not in err and "is a directory" in err


def test_a_failed_replacement_leaves_the_old_file_and_no_temporary(tmp_path, plan, capsys, monkeypatch):
    output = tmp_path / "t.md"
    output.write_text("old\n", encoding="utf-8")

    def refuse(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_files.os, "replace", refuse)
    code, _, err = run(capsys, "--lang", "zh", "table", str(plan), "-o", str(output))
    assert code == 2
    assert "磁盘空间不足" in assert_one_error_line(err, "zh")
    assert output.read_text(encoding="utf-8") == "old\n"
    assert not leftovers(tmp_path)


def device(tmp_path: Path, name: str, minor: int) -> str:
    """A character device to write to (1, minor: null 3, full 7): the system's /dev/NAME for a user,
    who could not replace it should writing regress; for root, the same device made in tmp_path, so
    that a regression replaces a test's file and never the system's (the writer once did just that)."""
    if not ROOT:
        if not os.path.exists(f"/dev/{name}"):
            pytest.skip(f"needs /dev/{name}")
        return f"/dev/{name}"
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        os.close(os.open(path, os.O_WRONLY))  # not on a file system mounted nodev
    except OSError as error:
        pytest.skip(f"cannot make a device here: {error}")
    return str(path)


def stdout_path(tmp_path: Path) -> str:
    """`/dev/stdout`, or for root a link of its own to where it leads (see `device`)."""
    if not ROOT:
        return "/dev/stdout"
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return str(link)


@pytest.mark.parametrize("lang, words", [("en", "no space left on device"), ("zh", "磁盘空间不足")])
def test_dev_full_is_written_to_and_its_error_reported(tmp_path, plan, capsys, lang, words):
    full = device(tmp_path, "full", 7)
    code, _, err = run(capsys, "--lang", lang, "table", str(plan), "--format", "md", "-o", full)
    assert code == 2
    assert words in assert_one_error_line(err, lang)
    assert stat.S_ISCHR(os.stat(full).st_mode)  # still the device (as root, it was replaced)


@pytest.mark.parametrize("command", [["check"], ["rule", "W201"], ["export"]])
def test_every_command_says_when_standard_output_cannot_be_written(tmp_path, plan, command):
    argv = [*command, str(plan)] if command != ["rule", "W201"] else command
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    with open(device(tmp_path, "full", 7), "wb") as full:
        done = subprocess.run([sys.executable, "-m", "qlmatrix", "--lang", "zh", *argv, "--allow-errors"]
                              if command == ["export"] else [sys.executable, "-m", "qlmatrix", "--lang", "zh", *argv],
                              stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT, text=True, env=env)
    assert done.returncode == 2, done.stderr
    assert done.stderr.rstrip().endswith("错误：无法写入标准输出：磁盘空间不足")
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr


def test_standard_output_that_cannot_be_written_is_one_clear_line(tmp_path, plan):
    with open(device(tmp_path, "full", 7), "wb") as full:
        # Buffered as on a machine without PYTHONUNBUFFERED (which let this pass by accident here).
        env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
        done = subprocess.run([sys.executable, "-m", "qlmatrix", "--lang", "en", "table", str(plan)],
                              stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT, text=True, env=env)
    assert done.returncode == 2, done.stderr
    assert "error: cannot write to standard output: no space left on device" in done.stderr
    assert "Traceback" not in done.stderr


# -- what is at the path: special files are written to, regular files replaced with care ------

@pytest.mark.parametrize("command", WRITERS)
def test_dev_null_stays_a_device(tmp_path, plan, document, capsys, command):
    null = device(tmp_path, "null", 3)
    before = os.stat(null)
    code, out, err = run(capsys, *_writers(plan, document, null)[command])
    assert code == 0, err  # import too: a device holds no plan to keep, no --force needed
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev
    assert out == ""


def _read_fifo(fifo: Path, command: list[str], capsys) -> tuple[int, bytes]:
    """Run `command` (which writes into `fifo`) in a thread while this one reads: bounded in time."""
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # opened first: the writer's open() does not wait
    result: dict[str, int] = {}
    worker = threading.Thread(target=lambda: result.update(code=main(command)), daemon=True)
    received = bytearray()
    deadline = time.monotonic() + TIMEOUT
    try:
        worker.start()
        while time.monotonic() < deadline:
            ready, _, _ = select.select([reader], [], [], 0.05)
            if ready:
                chunk = os.read(reader, 65536)
                if not chunk and not worker.is_alive():
                    break  # the writer closed its end
                received += chunk
            elif not worker.is_alive() and "code" in result:
                break
    finally:
        os.close(reader)  # a writer still blocked gets EPIPE: the thread ends
        worker.join(TIMEOUT)
    assert not worker.is_alive(), "the command did not finish"
    capsys.readouterr()
    return result["code"], bytes(received)


@pytest.mark.parametrize("command", ["table", "export", "gen"])
def test_a_fifo_is_written_to_not_replaced(tmp_path, plan, document, capsys, command):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, received = _read_fifo(fifo, _writers(plan, document, str(fifo))[command], capsys)
    assert code == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and (b"\xe8\x90\xbd\xe5\xae\x9e" in received or command == "gen")  # 落实
    assert b"\n" in received and not leftovers(tmp_path)


def test_a_symlink_to_standard_output_writes_to_standard_output(tmp_path, plan):
    link = tmp_path / "out.md"
    link.symlink_to("/proc/self/fd/1")
    done = subprocess.run([sys.executable, "-m", "qlmatrix", "table", str(plan), "-o", str(link)],
                          capture_output=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    assert "落实".encode() in done.stdout and done.stdout.startswith(b"# ")
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_dev_stdout_continues_what_the_shell_opened(tmp_path, plan):
    """`{ echo first; qlm table -o /dev/stdout; echo last; } > out`: the table between the two."""
    out = tmp_path / "out.txt"
    with open(out, "wb") as stream:
        stream.write(b"first\n")
        stream.flush()
        done = subprocess.run([sys.executable, "-m", "qlmatrix", "table", str(plan), "--format", "md",
                               "-o", stdout_path(tmp_path)], stdout=stream, stderr=subprocess.PIPE, timeout=TIMEOUT)
        stream.write(b"last\n")
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("first\n# ") and text.endswith("|\nlast\n") and "落实" in text
    assert stat.S_ISREG(os.lstat(out).st_mode)


def test_an_existing_output_keeps_its_mode(tmp_path, plan, capsys):
    output = tmp_path / "t.md"
    output.write_text("old\n", encoding="utf-8")
    output.chmod(0o600)
    assert run(capsys, "table", str(plan), "-o", str(output))[0] == 0
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o600
    assert "落实" in output.read_text(encoding="utf-8")
    assert not leftovers(tmp_path)


def test_a_new_output_gets_the_mode_open_would_give(tmp_path, plan, capsys):
    output = tmp_path / "new.md"
    old = os.umask(0o027)
    try:
        assert run(capsys, "table", str(plan), "-o", str(output))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o640


def test_a_symlinked_output_writes_the_target_and_stays_a_link(tmp_path, plan, capsys):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "t.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "t.md"
    link.symlink_to(os.path.join("real", "t.md"))
    assert run(capsys, "table", str(plan), "-o", str(link))[0] == 0
    assert link.is_symlink() and "落实" in target.read_text(encoding="utf-8")
    dangling = tmp_path / "d.md"
    dangling.symlink_to(os.path.join("real", "new.md"))  # its target is created
    assert run(capsys, "table", str(plan), "-o", str(dangling))[0] == 0
    assert dangling.is_symlink() and "落实" in (tmp_path / "real" / "new.md").read_text(encoding="utf-8")
    assert not leftovers(tmp_path) and not leftovers(tmp_path / "real")


def test_a_hard_linked_output_is_written_in_place(tmp_path, plan, capsys):
    output = tmp_path / "t.md"
    output.write_text("old content, longer than nothing\n" * 100, encoding="utf-8")
    other = tmp_path / "other-name.md"
    os.link(output, other)
    inode = os.stat(output).st_ino
    assert run(capsys, "table", str(plan), "-o", str(output))[0] == 0
    assert os.stat(output).st_ino == inode and os.stat(output).st_nlink == 2
    assert other.read_text(encoding="utf-8") == output.read_text(encoding="utf-8")
    assert "落实" in other.read_text(encoding="utf-8") and "old content" not in other.read_text(encoding="utf-8")


# -- qlm fmt ---------------------------------------------------------------------------------

def _fmt(capsys, *paths: Path) -> int:
    return run(capsys, "fmt", *map(str, paths))[0]


def test_fmt_keeps_the_mode(tmp_path, capsys):
    path = tmp_path / "f.qlm"
    path.write_text(UNFORMATTED, encoding="utf-8")
    path.chmod(0o600)
    assert _fmt(capsys, path) == 0
    assert path.read_text(encoding="utf-8") != UNFORMATTED
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not leftovers(tmp_path)


@pytest.mark.skipif(not ROOT, reason="only root can give a file to another user")
def test_fmt_keeps_the_owner(tmp_path, capsys):
    path = tmp_path / "f.qlm"
    path.write_text(UNFORMATTED, encoding="utf-8")
    os.chown(path, 65534, 65534)
    assert _fmt(capsys, path) == 0
    status = os.stat(path)
    assert (status.st_uid, status.st_gid) == (65534, 65534)
    assert path.read_text(encoding="utf-8") != UNFORMATTED


@pytest.mark.skipif(not ROOT, reason="needs a file of another user")
def test_a_file_whose_owner_cannot_be_kept_is_written_in_place(tmp_path, capsys, monkeypatch):
    # As a user formatting a group-writable plan of a colleague: the replacement would be the user's.
    path = tmp_path / "f.qlm"
    path.write_text(UNFORMATTED, encoding="utf-8")
    os.chown(path, 65534, 65534)
    inode = os.stat(path).st_ino

    def not_allowed(fd, uid, gid):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(cli_files.os, "fchown", not_allowed)
    assert _fmt(capsys, path) == 0
    status = os.stat(path)
    assert status.st_ino == inode and (status.st_uid, status.st_gid) == (65534, 65534)
    assert path.read_text(encoding="utf-8") != UNFORMATTED
    assert not leftovers(tmp_path)


def test_fmt_formats_a_symlinked_plan_s_target_and_keeps_the_link(tmp_path, capsys):
    target = tmp_path / "real.qlm"
    target.write_text(UNFORMATTED, encoding="utf-8")
    link = tmp_path / "link.qlm"
    link.symlink_to(target.name)
    assert _fmt(capsys, link) == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") != UNFORMATTED
    assert run(capsys, "fmt", "--check", str(target))[0] == 0  # the target is what got formatted


def test_fmt_keeps_hard_links(tmp_path, capsys):
    path = tmp_path / "f.qlm"
    path.write_text(UNFORMATTED, encoding="utf-8")
    other = tmp_path / "g.qlm.bak"
    os.link(path, other)
    assert _fmt(capsys, path) == 0
    assert os.path.samefile(path, other) and os.stat(path).st_nlink == 2
    assert other.read_text(encoding="utf-8") == path.read_text(encoding="utf-8") != UNFORMATTED


def test_fmt_says_in_one_line_when_a_plan_cannot_be_written(tmp_path, capsys, monkeypatch):
    path = tmp_path / "f.qlm"
    path.write_text(UNFORMATTED, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    real_open = os.open

    def refuse_writing(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR):
            refuse()
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(cli_files.tempfile, "mkstemp", refuse)
    monkeypatch.setattr(cli_files.os, "open", refuse_writing)  # nor in place
    code, _, err = run(capsys, "--lang", "zh", "fmt", str(path))
    assert code == 2
    assert "权限不足" in assert_one_error_line(err, "zh")
    assert "0 个文件已格式化" in err
    assert path.read_text(encoding="utf-8") == UNFORMATTED


# -- the writer on its own -------------------------------------------------------------------

def test_write_output_raises_a_bilingual_output_error(tmp_path):
    with pytest.raises(cli_files.OutputError) as caught:
        cli_files.write_output(str(tmp_path), "x")
    assert caught.value.in_language("en") == f"cannot write `{tmp_path}`: is a directory"
    assert caught.value.in_language("zh") == f"无法写入`{tmp_path}`：这是一个目录，不是文件"
    assert re.fullmatch(r"[^.。]*", caught.value.in_language("en").replace(str(tmp_path), ""))


def test_write_output_in_place_reserves_space_before_changing_a_byte(tmp_path, monkeypatch):
    path = tmp_path / "f.md"
    path.write_bytes(b"old")
    os.link(path, tmp_path / "g.md")

    def full(fd, offset, length):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_files.os, "posix_fallocate", full, raising=False)
    with pytest.raises(cli_files.OutputError, match="no space left"):
        cli_files.write_output(str(path), b"new and much longer")
    assert path.read_bytes() == b"old"

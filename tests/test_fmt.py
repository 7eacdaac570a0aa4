"""`qlm fmt`: canonical layout, comments kept, idempotent, meaning never changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.cli import main
from qlmatrix.fmt import format_file, format_text, keyword_language

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "fmt"
GOLDENS = sorted(DATA.glob("*.input.qlm"))
EXAMPLES = sorted((ROOT / "examples").rglob("*.qlm"))


def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens", default=False)


@pytest.mark.parametrize("source", GOLDENS, ids=lambda p: p.name)
def test_golden(source, request):
    expected = source.with_name(source.name.replace(".input.", ".expected."))
    result = format_text(source.read_text(encoding="utf-8"), str(source))
    assert result.diagnostics == ()
    if update_goldens(request):
        expected.write_text(result.formatted, encoding="utf-8")
    assert result.formatted == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", GOLDENS + EXAMPLES, ids=lambda p: p.name)
def test_idempotent_and_meaning_preserving(path):
    text = path.read_text(encoding="utf-8")
    once = format_text(text, str(path))
    assert once.formatted is not None, once.diagnostics
    twice = format_text(once.formatted, str(path))
    assert twice.formatted == once.formatted
    before = qlmatrix.loads(text, str(path))
    assert qlmatrix.loads(once.formatted, str(path)) == before


def test_every_comment_is_kept():
    text = (DATA / "comments.input.qlm").read_text(encoding="utf-8")
    out = format_text(text).formatted
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    assert all(comment in out for comment in comments)


def test_keyword_language_is_kept_or_chosen():
    zh = "单位 财政局\n任务 编制预算 { 牵头: 财政局 }\n"
    assert keyword_language(zh) == "zh"
    english = format_text(zh, keywords="en").formatted
    assert english.startswith("unit 财政局") and "lead: 财政局" in english or "responsible:财政局" in english
    assert keyword_language(english) == "en"
    assert format_text(english).formatted == english
    assert format_text(english, keywords="zh").formatted == format_text(zh).formatted


def test_hash_inside_a_string_is_not_a_comment():
    text = '任务 "编号#1 的任务" { 牵头: 财政局 }  # 真注释\n单位 财政局\n'
    out = format_text(text).formatted
    assert '"编号#1 的任务"' in out and "# 真注释" in out
    assert qlmatrix.loads(out) == qlmatrix.loads(text)


def test_includes_are_formatted_as_files_of_their_own(tmp_path):
    (tmp_path / "main.qlm").write_text('单位 财政局\n引入 "part.qlm"   # 分册\n', encoding="utf-8")
    (tmp_path / "part.qlm").write_text("任务   编制预算 {牵头:财政局}\n", encoding="utf-8")
    main_result = format_file(str(tmp_path / "main.qlm"))
    assert main_result.formatted == '单位 财政局\n\n引入 "part.qlm"  # 分册\n'
    assert "编制预算" not in main_result.formatted
    # a missing included file does not stop the including file from being formatted
    (tmp_path / "part.qlm").unlink()
    assert format_file(str(tmp_path / "main.qlm")).formatted is not None


def test_a_file_that_does_not_parse_is_left_untouched(tmp_path, capsys):
    bad = tmp_path / "bad.qlm"
    bad.write_text("任务 X {\n", encoding="utf-8")
    assert main(["--lang", "en", "fmt", str(bad)]) == 1
    assert bad.read_text(encoding="utf-8") == "任务 X {\n"
    assert "E002" in capsys.readouterr().err


def test_check_diff_and_write(tmp_path, capsys):
    path = tmp_path / "plan.qlm"
    shutil.copy(DATA / "comments.input.qlm", path)
    original = path.read_text(encoding="utf-8")
    assert main(["--lang", "en", "fmt", "--check", str(path)]) == 1
    assert "would reformat" in capsys.readouterr().err
    assert main(["--lang", "en", "fmt", "--diff", str(path)]) == 0
    diff = capsys.readouterr().out
    assert diff.startswith(f"--- {path}") and "+单位 综合办、党群部 { 上级: 党工委 }" in diff
    assert path.read_text(encoding="utf-8") == original
    assert main(["--lang", "zh", "fmt", str(tmp_path)]) == 0
    assert "已格式化" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == (DATA / "comments.expected.qlm").read_text(encoding="utf-8")
    assert main(["fmt", "--check", str(path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["plan.qlm"]  # no temporary file left behind


def test_unreadable_file_is_a_usage_error(tmp_path):
    assert main(["fmt", str(tmp_path / "missing.qlm")]) == 2


def test_a_change_of_meaning_is_refused(monkeypatch, tmp_path, capsys):
    import qlmatrix.fmt as fmt

    real = fmt.write_plan
    monkeypatch.setattr(fmt, "write_plan", lambda plan, *a: real(plan, *a).replace("审计局", "审记局"))
    path = tmp_path / "plan.qlm"
    path.write_text("单位 审计局\n任务 审计 { 牵头: 审计局 }\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert main(["--lang", "en", "fmt", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == before
    assert "F001" in capsys.readouterr().err


def test_public_format_text():
    assert qlmatrix.format_text("单位   财政局 # 注\n") == "单位 财政局  # 注\n"
    with pytest.raises(qlmatrix.QlmError):
        qlmatrix.format_text("任务 {\n")


def test_blank_lines_between_statements_survive_once():
    text = "单位 甲 { 上级: 丙 }\n单位 乙 { 上级: 丙 }\n\n\n# 另一组\n单位 丙\n\n单位 丁\n"
    formatted = format_text(text).formatted
    assert formatted == "单位 甲、乙 { 上级: 丙 }\n\n# 另一组\n单位 丙\n\n单位 丁\n"
    assert format_text(formatted).formatted == formatted


def test_bundled_examples_are_in_canonical_form(capsys):
    examples = Path(__file__).resolve().parent.parent / "examples"
    assert main(["--lang", "en", "fmt", "--check", str(examples)]) == 0


def test_a_planners_notation_is_kept():
    """Block roles stay a block, keyword-less numbered lines stay keyword-less, 正文 stays a property."""
    text = "单位 甲、乙\n\n任务 (一)加强领导 {\n  牵头: 甲\n  配合: 乙\n}\n(二)压实责任 {\n  正文: 各单位要落实。\n}\n"
    assert format_text(text).formatted == text
    built = qlmatrix.loads(text)  # the same plan built in Python takes the document's own form
    python_built = qlmatrix.Plan(units=built.units, items=[
        qlmatrix.Task(t.title, t.id, t.number, t.body, t.assignments) for t in built.items])
    assert qlmatrix.dumps(python_built) == "单位 甲、乙\n\n(一)加强领导 (责任单位:甲、乙)\n(二)压实责任。各单位要落实。\n"


def test_a_lead_that_also_supports_is_not_written_as_a_note_that_names_it_twice():
    # `(责任单位:甲、甲)` reads as 甲 named twice as the lead (W311), so a task where 甲 leads and
    # supports (E302) must be written in the block form to keep its meaning and its finding.
    text = "单位 甲、乙\n任务 (一) 测试 (牵头单位:甲;配合单位:乙、甲)\n"
    plan = qlmatrix.loads(text)
    written = qlmatrix.dumps(plan)
    assert "(责任单位:" not in written
    assert qlmatrix.loads(written) == plan
    codes = [d.code for d in qlmatrix.check(qlmatrix.loads(written))]
    assert "E302" in codes and "W311" not in codes

"""`# qlm: ignore[...]` on a line, a block and a file; unused and unknown suppressions are reported."""

from __future__ import annotations

import attrs

from qlmatrix.checks import Config, run_checks
from qlmatrix.parser import read_text
from qlmatrix.parser.suppressions import scan


def ranges(text: str):
    return [(s.codes, s.first, s.last) for s in scan("f.qlm", text)]


def test_trailing_comment_covers_its_line():
    assert ranges('任务 (四) 加大宣传力度  # qlm: ignore[W201]\n') == [(("W201",), 1, 1)]


def test_own_line_comment_covers_the_next_code_line():
    text = "# qlm: ignore[W201, W210]\n\n# another comment\n任务 (四) 加大宣传力度\n"
    assert ranges(text) == [(("W201", "W210"), 4, 4)]


def test_comment_on_a_block_opening_covers_the_block():
    text = ('章 四 组织保障 {  # qlm: ignore\n'
            '  任务 (一) 甲 { 正文: "a } in quotes" }\n'
            '  任务 (二) 乙 ｛ 牵头: 党工委 ｝\n'
            '}\n'
            '任务 (三) 丙\n')
    assert ranges(text) == [(None, 1, 4)]


def test_file_wide_and_full_width_hash():
    text = "单位 甲\n＃ qlm: ignore-file[W203]\n"
    assert ranges(text) == [(("W203",), 1, 1 << 30)]


def test_directive_inside_a_quoted_value_is_not_a_comment():
    assert ranges('任务 (一) 甲 { 正文: "# qlm: ignore[W201]" }\n') == []


def check(text: str, config: Config | None = None):
    result = read_text(text, "f.qlm")
    return [(d.code, d.span.line, d.args.get("code")) for d in run_checks(result.plan, config)]


def test_suppressed_finding_is_dropped_and_others_kept():
    text = "单位 党群部\n任务 (四) 加大宣传力度  # qlm: ignore[W201]\n任务 (五) 总结经验\n"
    assert check(text) == [("W203", 1, None), ("W201", 3, None)]


def test_rule_names_work_and_unused_codes_are_reported_one_by_one():
    text = "任务 (四) 加大宣传力度  # qlm: ignore[task-without-unit, W210, W2O1]\n"
    assert check(text) == [("W901", 1, "W210"), ("W902", 1, "W2O1")]


def test_bare_ignore_that_silences_nothing():
    text = "单位 党群部\n任务 (三) 甲 (责任单位:党群部)  # qlm: ignore\n"
    assert check(text) == [("W901", 2, "ignore")]


def test_the_suppression_rules_follow_the_settings():
    text = "单位 党群部\n任务 (三) 甲 (责任单位:党群部)  # qlm: ignore\n"
    assert check(text, Config(ignore=("W901",))) == []


def test_suppressions_live_with_the_plan_so_the_python_api_honours_them():
    import qlmatrix

    text = "单位 党群部\n任务 (四) 加大宣传力度  # qlm: ignore[W201]\n"
    assert [d.code for d in qlmatrix.check(qlmatrix.loads(text, "f.qlm"))] == ["W203"]


def test_a_plan_built_in_python_has_no_suppressions():
    result = read_text("任务 (四) 加大宣传力度  # qlm: ignore[W201]\n", "f.qlm")
    rebuilt = attrs.evolve(result.plan, suppressions=())
    assert rebuilt == result.plan  # comments are not part of the plan's meaning
    assert [d.code for d in run_checks(rebuilt)] == ["W201"]


def test_suppression_in_an_included_file(tmp_path):
    from qlmatrix.parser import read_file

    (tmp_path / "carrier.qlm").write_text("章 宣传 {\n  任务 加大宣传力度  # qlm: ignore[W201]\n}\n",
                                           encoding="utf-8")
    main = tmp_path / "main.qlm"
    main.write_text('引入 "carrier.qlm"\n任务 总结经验\n', encoding="utf-8")
    result = read_file(main)
    found = run_checks(result.plan)
    assert [(d.code, d.span.file.endswith("main.qlm")) for d in found] == [("W201", True)]


def test_a_directive_inside_a_bracketed_name_is_text_not_a_suppression():
    """A hostile plan must not hide its findings in a unit's name (the lexer reads `(…)` as part of it)."""
    text = "单位 县(# qlm: ignore-file)\n任务 x (责任单位:乙)\n"
    assert ranges(text) == []
    assert [code for code, _, _ in check(text)] == ["W203", "E101"]


def test_a_directive_after_a_bracketed_name_still_works():
    text = "单位 县(一)  # qlm: ignore[W203]\n"
    assert ranges(text) == [(("W203",), 1, 1)]
    assert check(text) == []


def test_an_escaped_quote_does_not_end_a_string_for_the_directive_scanner():
    text = '单位 甲\n任务 x { 正文: "a\\" # qlm: ignore-file"; 牵头: 乙 }\n'
    assert ranges(text) == []
    assert "E101" in [code for code, _, _ in check(text)]

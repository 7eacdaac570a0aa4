"""Chinese line breaking (qlmatrix.render.linebreak): units kept whole, the 禁则, no lone last character."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from qlmatrix.render.linebreak import CLOSING, OPENING, balanced, units, widest_unit, wrap, wrap_list
from qlmatrix.span import display_width

NAMES = frozenset({"市住房城乡建设管理委", "市交通委（市道运局）", "其他责任单位", "市纪委监委派驻机构", "每半年至少一次", "到“十四五”末"})


def test_a_list_of_units_breaks_only_after_the_separator():
    text = "市住房城乡建设管理委、市交通委（市道运局）、其他责任单位(会同)"
    for width in range(22, 60):
        lines = wrap(text, width, NAMES)
        assert "".join(lines) == text
        assert all(line.endswith("、") for line in lines[:-1]), (width, lines)
        assert all(display_width(line) <= width for line in lines)


def test_a_name_annotated_by_a_short_bracket_stays_with_it():
    assert units("其他责任单位(会同)、市交通委（市道运局）", NAMES) == ["其他责任单位(会同)、", "市交通委（市道运局）"]


def test_cadence_phrases_numbers_and_serials_are_units():
    assert "到“十四五”末" in units("到“十四五”末前完成", NAMES)
    assert "每半年至少一次" in units("每半年至少一次专题研究", NAMES)
    pieces = units("2022年6月底前 (一) 10. RACI <U+001B>")
    for whole in ("2022", "(一)", "10.", "RACI", "<U+001B>"):
        assert any(whole in piece for piece in pieces), whole


def test_no_break_after_an_opening_quote_or_before_closing_punctuation():
    # 襄阳 carrier rows broke as 特别是“ / 一把手”的监督制约.
    text = "强化对国企领导人员特别是“一把手”的监督制约"
    for width in range(6, 40):
        for line in wrap(text, width):
            assert line[0] not in CLOSING and line[-1] not in OPENING, (width, line)


def test_a_unit_wider_than_the_line_is_cut_and_still_keeps_the_rules():
    lines = wrap("市住房城乡建设管理委。", 6, NAMES)
    assert all(display_width(line) <= 6 for line in lines[:-1])
    assert not lines[-1].startswith("。")


def test_no_lone_last_character():
    assert wrap("全面强化政治建设", 14) == ["全面强化政治", "建设"]  # not 全面强化政治建 / 设


def test_titles_are_balanced():
    title = "中共襄阳市委关于推进清廉襄阳建设的实施意见组织与汇报关系图"
    lines = balanced(title, 48)
    assert len(lines) == 2 and abs(display_width(lines[0]) - display_width(lines[1])) <= 2


def test_header_lists_break_at_the_slash():
    assert wrap_list("完成时限/频次", 10) == ["完成时限/", "频次"]
    assert wrap_list("完成时限/频次", 20) == ["完成时限/频次"]


def test_widest_unit_is_the_narrowest_unbroken_column():
    assert widest_unit("市委宣传部、市纪委监委派驻机构", NAMES) == display_width("市纪委监委派驻机构")


TEXT = st.text(alphabet="党委纪监综合办市县“”《》（）()、，。；：！？ab12 ", max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=2, max_value=30))
def test_wrapping_loses_nothing_and_keeps_the_width(text, width):
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert "".join(units(text)) == text
    for before, line in zip(lines, lines[1:]):
        # A closing mark starts a line only when the line before could not take it (the width wins).
        assert not line or line[0] not in CLOSING or display_width(before + line[0]) > width, (text, width, lines)
    for line in lines:
        assert display_width(line) <= width or len(line) == 1, (text, width, lines)


def test_a_heading_number_never_ends_a_line():
    for text in ("一、加强组织领导和统筹协调", "(一)全面加强机关党的建设", "10.强化督查考核"):
        for width in range(8, display_width(text)):
            lines = wrap(text, width)
            assert "".join(lines) == text
            assert not any(re.fullmatch(r"[一二三四五六七八九十]+、|\(一\)|10\.", line) for line in lines), (width, lines)


def test_a_space_never_starts_a_line():
    assert wrap("每半年至少一次 / 2025年底前", 17, NAMES) == ["每半年至少一次 / ", "2025年底前"]


def test_a_two_line_title_breaks_after_guanyu_near_its_middle():
    title = "中共咸宁市委关于推进清廉机关建设的实施意见"
    assert balanced(title, 30) == ["中共咸宁市委关于", "推进清廉机关建设的实施意见"]

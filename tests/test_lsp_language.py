"""qlmatrix.lsp.language: the keyword language counted again only in the lines an edit changed is the
whole scan's, after any edits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qlmatrix.fmt import keyword_counts, keyword_language
from qlmatrix.lsp import language

LINES = ["单位 甲", "unit A", "任务 (一) 干", "task (1) do", "  章 一、总则 {", "section S {", "}", "# 单位 注释", "　unit B",
         "单位甲", "unitX", "引入 \"a.qlm\"", ""]
PIECES = ["\n", "单位 ", "unit ", "任务", "task", " ", "　", "{", "x", "甲", "# "]

texts = st.lists(st.sampled_from(LINES), max_size=30).map("\n".join)
edits = st.lists(st.tuples(st.floats(0, 1), st.floats(0, 0.1), st.sampled_from(PIECES)), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(texts, edits)
def test_counting_the_changed_lines_again_is_counting_the_whole_text(text, changes):
    file = "/plan.qlm"
    language.keyword_language(file, text)
    for where, length, piece in changes:
        at = int(where * len(text))
        edited = text[:at] + piece + text[at + int(length * len(text)):]
        start, old_end, new_end = language.changed_lines(text, edited)
        zh, en = keyword_counts(text)
        old_zh, old_en = keyword_counts(text[start:old_end])
        new_zh, new_en = keyword_counts(edited[start:new_end])
        assert (zh - old_zh + new_zh, en - old_en + new_en) == keyword_counts(edited)
        assert language.keyword_language(file, edited) == keyword_language(edited)
        text = edited

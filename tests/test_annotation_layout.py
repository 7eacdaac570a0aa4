"""The annotation reader's short path for one label and names split by 、 gives what the general
reading (groups, separators, role marks) gives, offsets included, or leaves the text to it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qlmatrix.parser import values

_LABELS = st.sampled_from(["责任单位", "牵头单位", "配合单位", "协助单位", "lead", "support", "responsible", "无标签"])
_NAMES = st.lists(st.sampled_from(["市财政局", "纪监委", "A", " ", "\u3000", "", "局 办", "(牵头)", "、"]), max_size=6)


@given(_LABELS, st.sampled_from([":", "：", " :", ": "]), _NAMES, st.sampled_from(["()", "（）", "【】"]))
def test_the_short_path_reads_as_the_general_one(label, colon, names, brackets):
    text = brackets[0] + label + colon + "、".join(names) + brackets[1]
    inner = text[1:-1]
    try:
        general = values._layout_of_groups(inner)
    except values.Unreadable:
        general = None
    if values._NOT_PLAIN.search(inner) is None:
        short = values._plain_layout(inner)
        assert short == () or short == general  # empty: not read here, the general reading explains why
        assert short or general is None or general == ()
    try:
        assert values.annotation_layout(text) == general
    except values.Unreadable:
        assert general is None


def test_a_plain_annotation_takes_the_short_path_and_keeps_its_offsets():
    text = "(责任单位: 市财政局、 纪监委)"
    assert values._plain_layout(text[1:-1]) == ((0, "市财政局", 7, 11), (1, "纪监委", 13, 16))
    assert values.annotation_layout(text) == values._layout_of_groups(text[1:-1])

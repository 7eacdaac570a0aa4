"""Property: for generated plans, fmt is idempotent, keeps every comment and never changes the plan."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix.fmt import format_text

from .strategies import plans

MARK = re.compile(r"# (?:注释|行尾)\d+")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(plans(), st.sampled_from(["zh", "en"]))
def test_canonical_text_is_a_fixed_point(plan, keywords):
    text = qlmatrix.dumps(plan, keywords)
    result = format_text(text)
    assert result.formatted == text, result.diagnostics


@SETTINGS
@given(plans(), st.data())
def test_comments_survive_and_meaning_is_kept(plan, data):
    lines = qlmatrix.dumps(plan).splitlines()
    own = data.draw(st.lists(st.integers(0, len(lines)), max_size=4))
    ends = data.draw(st.lists(st.integers(0, max(0, len(lines) - 1)), max_size=4, unique=True))
    for index in ends:
        if lines and lines[index].strip():
            lines[index] += f"  # 行尾{index}"
    for count, index in enumerate(sorted(own, reverse=True)):
        lines.insert(index, f"# 注释{count}")
    text = "\n".join(lines) + "\n"
    once = format_text(text)
    assert once.formatted is not None, once.diagnostics
    assert qlmatrix.loads(once.formatted) == qlmatrix.loads(text) == plan
    assert sorted(MARK.findall(once.formatted)) == sorted(MARK.findall(text))
    assert format_text(once.formatted).formatted == once.formatted

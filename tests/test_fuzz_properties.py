"""Properties over generated input, in every test run: reading never crashes, whatever the text; every
renderer renders any plan the model can hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qlmatrix
from qlmatrix.parser import read_text

from .strategies import plans

#: Pieces of the language and of what planners paste, so that random text reaches deep into the grammar.
PIECES = ["单位 ", "集合 ", "章 ", "载体 ", "任务 ", "汇报 ", "引入 ", "计划 ", "unit ", "task ", "{", "}", "｛", "｝",
          "(责任单位:", "（牵头单位：", ")", "）", "、", "，", ";", "；", ":", "：", "\n", "\r\n", " ", "\t", "#", "＃",
          '"', "\\", "->", "→", "(一)", "一、", "1.", "牵头: ", "配合: ", "监督: ", "频次: 每年", "时限: 年底前",
          "编号: ", "纪监委", "党工委", "(牵头)", "# qlm: ignore[W201]", "\x00", "\ufeff", "\u200b", "\x1b", "甲", "乙"]

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=60).map("".join))
def test_reading_any_text_never_raises(text):
    result = read_text(text, "fuzz.qlm")
    for diagnostic in result.diagnostics:
        assert diagnostic.message.en and diagnostic.message.zh
    if result.plan is not None:
        for finding in qlmatrix.check(result.plan):
            assert finding.message.zh
        qlmatrix.to_json(result.plan)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_table_format_and_the_dot_source_render_any_plan(plan):
    import json

    from lxml import html as lxml_html

    from qlmatrix.render import TABLE_FORMATS, diagram_source, table

    for view in ("raci", "tasks", "units"):
        for fmt in TABLE_FORMATS:
            out = table(plan, view, fmt)
            if fmt == "json":
                json.loads(out)
            elif fmt == "html":
                lxml_html.document_fromstring(out)
    for view in ("org", "responsibility"):
        assert diagram_source(plan, view).startswith("digraph")

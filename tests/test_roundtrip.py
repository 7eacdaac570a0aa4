"""`loads(dumps(plan)) == plan` for every plan, and the parser never crashes."""

from __future__ import annotations

from pathlib import Path

import lark
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import qlmatrix
from qlmatrix.parser import read_text
from qlmatrix.parser.grammar import grammar_path

from .strategies import plans

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.sampled_from(["zh", "en"]))
def test_dumps_then_loads_gives_the_same_plan(plan, keywords):
    text = qlmatrix.dumps(plan, keywords)
    assert qlmatrix.loads(text) == plan


@settings(max_examples=60, deadline=None)
@given(plans())
def test_dumps_is_a_fixed_point(plan):
    text = qlmatrix.dumps(plan)
    assert qlmatrix.dumps(qlmatrix.loads(text)) == text


def test_examples_round_trip():
    for path in sorted(EXAMPLES.rglob("*.qlm")):
        plan = qlmatrix.load(path)
        again = qlmatrix.loads(qlmatrix.dumps(plan), str(path))
        # Includes are written back as includes, so compare the file's own content.
        assert again == plan, path


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])  # lookahead terminals
@given(from_lark(lark.Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr"), start="start"))
def test_grammar_strings_never_crash_the_reader(text):
    """from_lark ignores the contextual lexer, so many strings do not parse: they must get diagnostics."""
    result = read_text(text, "gen.qlm")
    assert result.plan is not None or result.diagnostics


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="单位任务章汇报{}()（）:：;；、\n #\"牵头责任单位一二(一)1.->纪监委", max_size=60))
def test_arbitrary_text_gets_diagnostics_not_exceptions(text):
    result = read_text(text, "junk.qlm")
    if result.plan is None:
        assert result.diagnostics and all(d.span is not None for d in result.diagnostics)

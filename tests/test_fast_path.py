"""The fast parse path (qlmatrix/parser/fast.py, lalr.py) on lark's public API only: same results as lark,
a fall-back on any failure, no global state touched, safe across threads."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import lark
import pytest

import qlmatrix
from qlmatrix.gen import generate
from qlmatrix.parser import fast, grammar, lalr, read_text
from qlmatrix.parser.build import Builder

PACKAGE = Path(qlmatrix.__file__).resolve().parent
TEXT = qlmatrix.dumps(generate(60, seed=3))

def _lark_read(text: str):
    engine = fast.engine
    fast.engine = lambda: None
    try:
        return read_text(text, "t.qlm")
    finally:
        fast.engine = engine


def test_only_the_qlm_program_tunes_the_garbage_collector():
    users = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
             if any(f"gc.{call}" in path.read_text(encoding="utf-8") for call in ("disable", "freeze", "set_threshold"))]
    assert users == ["cli/__init__.py"]


def test_reading_leaves_the_collector_as_it_was():
    enabled, frozen, thresholds = gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()
    qlmatrix.loads(TEXT)
    qlmatrix.check(qlmatrix.loads(TEXT))
    assert (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()) == (enabled, frozen, thresholds)
    gc.disable()
    try:
        qlmatrix.loads(TEXT)
        assert not gc.isenabled()  # a caller's choice is kept too
    finally:
        gc.enable()


def test_the_engine_runs_the_tables_computed_from_the_grammar():
    """Computed from `Lark.rules` and `Lark.terminals` (agreement with lark's parse: the tests below)."""
    tables = lalr.tables(lalr.describe(grammar.get_parser()))
    assert fast.engine() is not None and fast.engine().tables == tables
    assert tables.accept_state > 0 and len(tables.lexers) <= len(tables.states)


def test_the_fast_path_is_taken_and_agrees_with_lark():
    engine = fast.engine()
    assert engine is not None
    plan = engine.parse(TEXT, Builder("t.qlm"))
    slow = _lark_read(TEXT)
    assert plan == slow.plan and read_text(TEXT, "t.qlm") == slow


def test_a_break_mid_parse_falls_back_to_lark(monkeypatch):
    """As if a future lark changed what the engine relies on: the engine fails part-way, lark's path answers."""
    engine = fast.engine()
    calls = []
    real = engine.matchers.__class__.__missing__

    def breaking(self, state):
        calls.append(state)
        if len(calls) > 3:
            raise AttributeError("'BasicLexer' object has no attribute 'scanner'")
        return real(self, state)

    monkeypatch.setattr(engine.matchers.__class__, "__missing__", breaking)
    monkeypatch.setattr(engine, "matchers", fast._Matchers(engine.tables))
    assert read_text(TEXT, "t.qlm") == _lark_read(TEXT)
    assert len(calls) > 3  # the engine did start, and broke


def test_a_break_while_building_falls_back_to_lark(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(grammar, "_grammar_and_cache", grammar._grammar_and_cache.__wrapped__)
    fast.engine.cache_clear()

    def broken(parser):
        raise AttributeError("'Lark' object has no attribute 'rules'")

    monkeypatch.setattr(lalr, "describe", broken)
    try:
        assert fast.engine() is None
        assert read_text(TEXT, "t.qlm") == _lark_read(TEXT)
    finally:
        fast.engine.cache_clear()


def test_kept_tables_are_checked_and_rebuilt_when_damaged(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(grammar, "_grammar_and_cache", __import__("functools").cache(grammar._grammar_and_cache.__wrapped__))
    try:
        fast.engine.cache_clear()
        built = fast.engine().tables
        (kept,) = (tmp_path / "qlmatrix").glob("*.tables")
        fast.engine.cache_clear()
        assert fast.engine().tables == built  # read back from the file
        body = kept.read_bytes()
        assert b"RBRACE" in body
        kept.write_bytes(body.replace(b"RBRACE", b"LBRACE", 1))  # a wrong table, checksum kept
        fast.engine.cache_clear()
        assert fast.engine().tables == built
        kept.write_bytes(b"\x00garbage")
        fast.engine.cache_clear()
        assert fast.engine().tables == built
    finally:
        fast.engine.cache_clear()


def test_one_engine_serves_threads_at_once():
    texts = [qlmatrix.dumps(generate(30, seed=seed)) for seed in range(4)]
    expected = [_lark_read(text).plan for text in texts]
    engine = fast.engine()
    got: dict[int, object] = {}

    def work(index: int) -> None:
        for _ in range(3):
            got[index] = engine.parse(texts[index % 4], Builder("t.qlm"))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [got[i] for i in range(8)] == [expected[i % 4] for i in range(8)]


def test_a_cold_state_and_its_compiled_alternation_lex_alike():
    """States try terminals one by one until visited `_HOT` times, then use lark's alternation: same tokens."""
    engine = fast.engine()
    matchers = fast._Matchers(engine.tables)
    samples = ["任务 (一) 严格督查问责 { 牵头: 纪监委 }", "章 一、总则 {", "  频次: 每年", '"引号" 与 100%', "(责任单位:A、B)",
               "# 注释\n", "单位 县(# 注), 乡", "汇报 甲 -> 乙", ""]
    for state in range(len(engine.tables.states)):
        cold = matchers._cold(engine.tables.lexer_of[state])
        hot = matchers._compile(engine.tables.lexers[engine.tables.lexer_of[state]])
        for text in samples:
            for position in range(len(text) + 1):
                a, b = cold(text, position), hot(text, position)
                assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))


@pytest.mark.parametrize("option", [{"maybe_placeholders": True}, {"lexer": "basic"}])
def test_options_the_engine_does_not_reproduce_are_refused(option):
    parser = lark.Lark(grammar.grammar_text(), parser="lalr", **{"lexer": "contextual", "maybe_placeholders": False,
                                                                   **option})
    with pytest.raises(lalr.Unsupported):
        lalr.describe(parser)

"""Lexer regexes rebuilt from the opcodes an earlier run kept (qlmatrix/parser/regexcache.py) match as re.compile's."""

from __future__ import annotations

import re

from qlmatrix.parser import fast
from qlmatrix.parser.grammar import get_parser
from qlmatrix.parser.regexcache import CachingRe

SAMPLES = ["任务 (一) 严格督查问责 { 牵头: 纪监委 }", "章 一、总则 {", "  频次: 每年", '"引号" 与 100%', "(责任单位:A、B)", "# 注释\n", ""]


def test_a_second_run_gets_the_same_patterns_from_the_file(tmp_path):
    patterns = sorted({basic.scanner._mres[0].pattern for basic in get_parser().parser.lexer.lexers.values()})
    first = CachingRe(str(tmp_path / "tables"))
    compiled = [first.compile(pattern) for pattern in patterns]
    first.save()
    second = CachingRe(str(tmp_path / "tables"))
    assert set(second.entries) == {(pattern, 0) for pattern in patterns}
    for pattern, _before in zip(patterns, compiled):
        after = second.compile(pattern)
        reference = re.compile(pattern)
        assert after is not reference and after.pattern == pattern
        assert (after.flags, after.groups, after.groupindex) == (reference.flags, reference.groups, reference.groupindex)
        for text in SAMPLES:
            for position in range(len(text) + 1):
                got, want = after.match(text, position), reference.match(text, position)
                assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup))
    assert not second.added  # nothing new to write


def test_a_damaged_file_is_ignored(tmp_path):
    cache = CachingRe(str(tmp_path / "tables"))
    cache.compile("a+")
    cache.save()
    with open(cache.path, "wb") as stream:
        stream.write(b"\x00garbage")
    again = CachingRe(str(tmp_path / "tables"))
    assert again.compile("a+").match("aaa").group() == "aaa"


def test_without_a_cache_folder_it_is_plain_re():
    cache = CachingRe(None)
    assert cache.path is None and cache.compile("x|y").match("y")
    cache.save()


def test_the_fast_path_uses_it():
    engine = fast.engine()
    assert engine is not None and isinstance(engine.matchers.regexes, CachingRe)

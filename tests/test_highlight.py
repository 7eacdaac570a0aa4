"""The Pygments lexer: registered by entry point, no error token on any example, the right token kinds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Name, Number, Punctuation, String, Token

import qlmatrix
from qlmatrix.highlight import QlmLexer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.qlm"))


def tokens(text: str) -> list[tuple[object, str]]:
    return [(kind, value) for kind, value in QlmLexer().get_tokens(text) if value.strip()]


def kinds_of(text: str, value: str) -> set[object]:
    return {kind for kind, found in tokens(text) if found == value}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_lexes_without_an_error_token(path):
    text = path.read_text(encoding="utf-8")
    found = list(QlmLexer().get_tokens(text))
    assert not [value for kind, value in found if kind in Error]
    assert "".join(value for _, value in found) == text  # every character belongs to a token


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_in_english_keywords_lexes_without_an_error_token(path):
    english = qlmatrix.dumps(qlmatrix.load(path), "en")
    found = list(QlmLexer().get_tokens(english))
    assert not [value for kind, value in found if kind in Error]
    assert Keyword.Declaration in kinds_of(english, "unit") or "unit" not in english


def test_the_entry_point_registers_the_lexer_by_name_and_file_name():
    assert isinstance(get_lexer_by_name("qlm"), QlmLexer)
    assert isinstance(get_lexer_for_filename("方案.qlm"), QlmLexer)


def test_pygmentize_highlights_an_example():
    pygmentize = Path(sys.executable).with_name("pygmentize")
    done = subprocess.run([str(pygmentize), "-l", "qlm", "-f", "html", str(ROOT / "examples" / "xianning-gaoxin.qlm")],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    assert '<span class="kd">单位</span>' in done.stdout  # Keyword.Declaration
    assert '<span class="nc">纪监委</span>' in done.stdout  # Name.Class


def test_the_xianning_example_gets_the_expected_kinds():
    text = (ROOT / "examples" / "xianning-gaoxin.qlm").read_text(encoding="utf-8")
    assert kinds_of(text, "计划") == {Keyword}
    assert kinds_of(text, "单位") >= {Keyword.Declaration}
    assert kinds_of(text, "章") == {Keyword}
    assert kinds_of(text, "依据") == {Name.Attribute}
    assert kinds_of(text, "责任单位") == {Keyword.Pseudo}  # the annotation's label
    assert kinds_of(text, "纪监委") == {Name.Class}  # in declarations, properties and annotations alike
    assert kinds_of(text, "(一)") == {Number}
    assert kinds_of(text, "二、") == {Number}
    assert kinds_of(text, "2021") == {Number.Integer}
    assert any(kind in Comment for kind, _ in tokens(text))


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("unit A { parent: B }\n", "unit", Keyword.Declaration),
    ("unit A { parent: B }\n", "parent", Name.Attribute),
    ("unit A { parent: B }\n", "B", Name.Class),
    ("task (1) Do it { lead: A; cadence: every year }\n", "task", Keyword),
    ("task (1) Do it { lead: A; cadence: every year }\n", "(1)", Number),
    ("task (1) Do it { lead: A; cadence: every year }\n", "lead", Name.Attribute),
    ("任务 甲 { 频次: 每半年至少一次 }\n", "每半年至少一次", String),
    ("单位 \"A{B}\"\n", '"A{B}"', String.Double),
    ("汇报 甲 -> 乙\n", "乙", Name.Class),
    ("＃ 全角注释\n", "＃ 全角注释", Comment.Single),
    ("任务 甲 （责任单位：乙、丙）\n", "（", Punctuation),
    ("任务 甲 （责任单位：乙、丙）\n", "丙", Name.Class),
    ("任务 甲 (责任单位:乙(牵头)、丙)\n", "(牵头)", Keyword.Pseudo),
])
def test_small_snippets(text, value, kind):
    assert kind in kinds_of(text, value)


def test_a_keyword_inside_a_title_is_text():
    text = "任务 (一) 单位 章 任务 都是标题\n"
    assert (Token.Text, " 单位 章 任务 都是标题") in list(QlmLexer().get_tokens(text))

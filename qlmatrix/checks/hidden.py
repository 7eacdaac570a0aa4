"""Names that hide something: an invisible character, or a look-alike of a declared name."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Plan, Ref
from ..text import Text
from .context import Context
from .registry import rule

#: Characters a reader cannot see: zero-width spaces and joiners, the BOM, bidirectional controls.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u180e")


def _is_hidden(char: str) -> bool:
    # Format characters (Cf) and control characters (Cc: a NUL, an ESC pasted from a terminal) alike:
    # neither shows in a table, both make the name another unit's.
    return char in _INVISIBLE or unicodedata.category(char) in ("Cf", "Cc")


def _hidden(name: str) -> list[str]:
    """The invisible characters (and other format characters) in `name`, as U+XXXX."""
    return [f"U+{ord(char):04X}" for char in name if _is_hidden(char)]


def _shown(name: str) -> str:
    """`name` with each invisible character written out: `纪监委<U+200B>`."""
    return "".join(f"<U+{ord(char):04X}>" if _is_hidden(char) else char for char in name)


def _folded(name: str) -> str:
    """`name` as it looks: invisible characters dropped, full-width letters and digits made ASCII."""
    return unicodedata.normalize("NFKC", "".join(char for char in name if char not in _INVISIBLE))


def _names(plan: Plan, context: Context) -> Iterator[tuple[str, Ref | None, object]]:
    """(name, reference or None for a declaration, position holder) for every name the plan writes."""
    for unit in context.units:
        for name in unit.names:
            yield name, None, unit
    # References only of a name that is not plain, each distinct name tested once (a plan writes
    # a few thousand names in tens of thousands of places).
    odd = {name for name in context.referenced_names() if not _plain(name)}
    if odd:
        for ref in context.references(odd):
            yield ref.name, ref, ref


def _plain(name: str) -> bool:
    """Nothing hidden, nothing to fold: nearly every name, tested in C."""
    return name.isprintable() and unicodedata.is_normalized("NFKC", name)


@rule("W105", "hidden-character-in-name", Severity.WARNING,
      message=("`{shown}` {what}", "`{shown}`{what}"),
      helps={"retype-name": ("retype the name: the table would show it as `{looks}`",
                             "请重新输入该名称：表格中它会显示为`{looks}`")})
def hidden_character_in_name(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds a unit name holding a character the reader cannot see (a zero-width space, a
    bidirectional control, a control character such as NUL) or one that differs from a declared name only by look-alike
    characters (a full-width Latin letter or digit), and shows the hidden characters.

    ## Why it matters
    `纪监委` with a zero-width space after it looks exactly like `纪监委` in every table, yet is
    another unit: that is how a wrong unit slips into an official table unseen, often pasted
    from a web page or a PDF.

    ## 作用
    查找含有看不见的字符（零宽空格、双向控制符、NUL 等控制字符）的单位名称，或与已声明名称仅有形近字符（全角拉丁字母、数字）之差的名称，并指出这些隐藏字符。

    ## 为什么重要
    `纪监委`后面带一个零宽空格，在任何表格里都与`纪监委`一模一样，却是另一个单位：错误的单位就是这样不知不觉进入正式表格的，常见于从网页或PDF复制粘贴。

    ## Failing example
    ```qlm
    单位 纪监委
    任务 (一) 全面加强纪律建设 (责任单位:纪监委\u200b)
    ```

    ## Fixed example
    ```qlm
    单位 纪监委
    任务 (一) 全面加强纪律建设 (责任单位:纪监委)
    ```

    ## Options
    None.
    """
    # The plainly written declared names: what a look-alike is compared with.
    declared = {name: name for unit in context.units for name in unit.names if _folded(name) == name}
    for name, ref, holder in _names(plan, context):
        if _plain(name):
            continue
        hidden = _hidden(name)
        looks = _folded(name)
        span = ref.span if ref is not None else getattr(holder, "span", None)
        if hidden:
            codes = ", ".join(hidden)
            yield Diagnostic("W105", span, help="retype-name", help_args={"looks": looks},
                             args={"shown": _shown(name), "what": Text(f"holds invisible characters ({codes})",
                                                                       f"含有看不见的字符（{codes}）")})
        elif looks != name and looks in declared and declared[looks] != name:
            other = declared[looks]
            yield Diagnostic("W105", span, help="retype-name", help_args={"looks": other},
                             args={"shown": name, "what": Text(f"looks like `{other}` but is another name",
                                                               f"看起来像`{other}`，但并非同一名称")})

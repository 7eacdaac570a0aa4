"""The fast path: lark's own LALR tables and lexer regexes, driven by one tight loop.

`lark.Lark.parse` spends most of its time outside the regexes: a generator
per token, a line counter object, a ParserState method call per token and a
Tree per rule that the Builder then walks again. This module runs the same
parse with the same data, taken from the cached `Lark` object:

- the contextual lexer: for each parser state, the very regex alternation
  lark compiled for it (same terminals, same order, same priorities);
- the LALR table and lark's own callbacks for the Builder (`create_callback`,
  as `Lark(transformer=...)` would make them), so the model is built during
  the parse and no tree is made.

Only the happy path runs here. On any lexing or parsing error it raises
`Unhandled` and the caller parses again with `Lark.parse`, so error messages,
positions and expected sets are lark's, exactly as before. If lark's internals
are not what this module expects (another lark version), `engine()` returns
None and the caller always takes lark's path.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import lark
from lark.grammar import Terminal
from lark.lexer import ContextualLexer, Token
from lark.parsers.lalr_analysis import Shift

from .grammar import cache_file, get_parser
from .regexcache import CachingRe

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from lark.grammar import Rule
    from lark.lexer import AbstractBasicLexer, TerminalDef

__all__ = ["Unhandled", "engine"]

#: The `match` of a compiled regex: (text, position) -> the match there, or None.
_Match = Callable[[str, int], re.Match[str] | None]
#: A rule's callback: its children -> its value (a model object, a Prop, a list of units...).
_Callback = Callable[[list[object]], object]
#: What the transformer's start rule returns.
_Result = TypeVar("_Result")


class Unhandled(Exception):
    """The text does not parse cleanly: let lark's own parser say why."""


class _Inlined:
    """Stands in for the Tree of an inlined `_rule`: the parent only takes its children."""

    __slots__ = ("children",)

    def __init__(self, children: list[object]) -> None:
        self.children = children


class Engine:
    def __init__(self, parser: lark.Lark) -> None:
        frontend = parser.parser
        lexer = frontend.lexer
        if type(lexer) is not ContextualLexer or parser.options.postlex is not None:
            raise TypeError("the fast path needs lark's contextual lexer without a post-lexer")
        if any(isinstance(key, str) for key in parser._callbacks):
            raise TypeError("the fast path does not run terminal callbacks")
        table = frontend.parser.parser.parse_table
        start = parser.options.start[0]
        self.start_state = table.start_states[start]
        self.end_state = table.end_states[start]
        self.tree_builder = parser._parse_tree_builder
        self.rules = [rule for rule, _ in self.tree_builder.rule_builders]
        self.states = _encode(table.states, self.rules)
        self.sizes = [len(rule.expansion) for rule in self.rules]
        self.unseen = _unseen_terminals(self.rules)
        self.origins = [rule.origin.name for rule in self.rules]
        self.matchers = _Matchers(lexer.lexers, CachingRe(cache_file()))
        self.ignore: frozenset[str] = frozenset()
        newline: set[str] = set()
        # The lexers are BasicLexers; lark declares them as AbstractBasicLexer, which has none of
        # `newline_types`, `ignore_types` and `terminals` (hence the ignores).
        for basic in lexer.lexers.values():
            newline |= basic.newline_types  # type: ignore[attr-defined]
            self.ignore |= basic.ignore_types  # type: ignore[attr-defined]
        # lark counts lines in every token whose regex merely looks as if it could hold a newline
        # (any `[^...]`); counting only where one can occur gives the same lines for less work.
        regexps = {t.name: t.pattern.to_regexp() for t in lexer.root_lexer.terminals}  # type: ignore[attr-defined]
        self.newline = frozenset(name for name in newline if _may_start(regexps[name], "\n", anywhere=True))
        self.blank, self.skip_blank = _blank_skipper(lexer.root_lexer.terminals, self.ignore, self.newline)  # type: ignore[attr-defined]
        self.inlined = [
            (index, chain) for index, (rule, chain) in enumerate(self.tree_builder.rule_builders)
            if rule.origin.name.startswith("_") and not rule.alias and not rule.options.template_source
        ]

    def callbacks(self, transformer: lark.Transformer[lark.Token, _Result]) -> list[_Callback]:
        """lark's callbacks for `transformer` by rule number, with the Trees of inlined `_rules` made cheaper."""
        by_rule = self.tree_builder.create_callback(transformer)  # type: ignore[no-untyped-call]  # lark leaves it unannotated
        callbacks: list[_Callback] = [by_rule[rule] for rule in self.rules]
        for index, chain in self.inlined:
            if not hasattr(transformer, self.origins[index]):
                make = _Inlined
                for wrapper in chain:
                    make = wrapper(make)
                callbacks[index] = make
        return callbacks

    def parse(self, text: str, transformer: lark.Transformer[lark.Token, _Result]) -> _Result:
        """What `Lark(transformer=transformer).parse(text)` returns, or Unhandled."""
        # A parse allocates some fifty objects per task and frees almost none of them, so the
        # cyclic collector would only scan the growing model again and again (a quarter of the
        # time of a 100k-task plan). The model holds no cycles; collection resumes afterwards.
        paused = gc.isenabled()
        gc.disable()
        try:
            try:
                result = self._parse(text, transformer)
            finally:
                self.matchers.regexes.save()  # if this parse compiled regexes no earlier run had
            if gc.get_freeze_count() == 0:
                # Move the new model straight to the oldest generation (documented gc calls, each
                # O(1)): otherwise the next collections would scan all of it twice more while it
                # is young. Skipped when the program froze objects itself (e.g. before a fork).
                gc.freeze()
                gc.unfreeze()
            return result
        finally:
            if paused:
                gc.enable()

    def _parse(self, text: str, transformer: lark.Transformer[lark.Token, _Result]) -> _Result:
        callbacks = self.callbacks(transformer)
        states, matchers, ignore, newline = self.states, self.matchers, self.ignore, self.newline
        blank, skip_blank, unseen = self.blank, self.skip_blank, self.unseen
        sizes, origins = self.sizes, self.origins
        state_stack = [self.start_state]
        value_stack: list[object] = []
        push_state, push_value = state_stack.append, value_stack.append
        new_token = str.__new__
        pos, line, line_start, size = 0, 1, 0, len(text)
        while pos < size:
            if text[pos] in blank:  # spaces between tokens: only the ignored WS can match here
                # `blank` is empty without a skipper, and the skipper matches at each of its characters.
                pos = skip_blank(text, pos).end()  # type: ignore[misc, union-attr]
                if pos == size:
                    break
            match = matchers[state_stack[-1]](text, pos)
            if match is None:
                raise Unhandled
            kind = match.lastgroup
            if kind is None:  # lark's alternation names every group it matches
                raise Unhandled
            end = match.end()
            end_line, end_start = line, line_start
            if kind in newline:
                value = match.group()
                count = value.count("\n")
                if count:
                    end_line = line + count
                    end_start = pos + value.rindex("\n") + 1
            if kind in ignore:
                pos, line, line_start = end, end_line, end_start
                continue
            if kind in unseen:  # `_SEP`, `_COLON`: every rule's child filter drops them unseen
                token = None
            else:
                value = match.group()
                token = new_token(Token, value)
                token.type, token.value, token.start_pos = kind, value, pos
                token.line, token.column = line, pos - line_start + 1
                token.end_line, token.end_column, token.end_pos = end_line, end - end_start + 1, end
            pos, line, line_start = end, end_line, end_start
            while True:
                try:
                    action = states[state_stack[-1]][kind]
                except KeyError:
                    raise Unhandled from None
                if action >= 0:  # shift
                    push_state(action)
                    push_value(token)
                    break
                rule = ~action  # reduce, inlined: this runs once per rule of the parse
                count = sizes[rule]
                if count:
                    children = value_stack[-count:]
                    del state_stack[-count:]
                    del value_stack[-count:]
                else:
                    children = []
                push_value(callbacks[rule](children))
                push_state(states[state_stack[-1]][origins[rule]])
        end_state = self.end_state
        while state_stack[-1] != end_state:
            action = states[state_stack[-1]].get("$END", 0)
            if action >= 0:
                raise Unhandled
            rule = ~action
            count = sizes[rule]
            children = value_stack[-count:] if count else []
            if count:
                del state_stack[-count:]
                del value_stack[-count:]
            push_value(callbacks[rule](children))
            push_state(states[state_stack[-1]][origins[rule]])
        return cast(_Result, value_stack[-1])  # what the start rule's callback made: the transformer's result


class _Matchers(dict[int, _Match]):
    """Parser state -> the `match` of lark's regex for it, compiled on first use as lark does
    (compiling every state's alternation up front would cost a short file's whole check)."""

    def __init__(self, lexers: dict[int, AbstractBasicLexer], regexes: CachingRe) -> None:
        super().__init__()
        self.lexers = lexers
        #: Compiles as `re` does, from opcodes kept by earlier runs when it can (regexcache.py).
        self.regexes = regexes

    def __missing__(self, state: int) -> _Match:
        basic = self.lexers[state]
        # BasicLexer's attributes, which lark does not declare on AbstractBasicLexer (hence the ignores).
        original = basic.re  # type: ignore[attr-defined]
        basic.re = self.regexes  # type: ignore[attr-defined]
        try:
            scanner = basic.scanner  # type: ignore[attr-defined]  # compiles lark's alternation for this state, as lark would
        finally:
            basic.re = original  # type: ignore[attr-defined]
        if basic.callback or len(scanner._mres) != 1:  # type: ignore[attr-defined]
            raise Unhandled  # terminal callbacks or a split alternation: leave it to lark
        match: _Match = scanner._mres[0].match
        self[state] = match
        return match


def _unseen_terminals(rules: Iterable[Rule]) -> frozenset[str]:
    """Terminals that lark filters out of every rule they appear in (`_SEP`, punctuation).

    Callbacks never see them, so the parse keeps no Token for them.
    """
    kept: set[str] = set()
    dropped: set[str] = set()
    for rule in rules:
        for symbol in rule.expansion:
            if isinstance(symbol, Terminal):  # what `symbol.is_term` says, in a form mypy narrows
                (dropped if symbol.filter_out and not rule.options.keep_all_tokens else kept).add(symbol.name)
    return frozenset(dropped - kept)


def _blank_skipper(terminals: Collection[TerminalDef], ignore: frozenset[str],
                   newline: frozenset[str]) -> tuple[str, _Match | None]:
    """(characters, match) such that at those characters lark's lexer, in any state, can only match
    one ignored terminal (the spaces between tokens), and that terminal's own regex.

    Proved from the terminals' regexes, so a grammar change cannot make the shortcut wrong:
    at worst the set comes out empty and every position goes through lark's alternation.
    """
    for candidate in terminals:
        if candidate.name not in ignore or candidate.name in newline:
            continue
        others = [t.pattern.to_regexp() for t in terminals if t is not candidate]
        own = candidate.pattern.to_regexp()
        chars = "".join(c for c in " \t\u3000" if _may_start(own, c) and not any(_may_start(o, c) for o in others))
        if chars:
            return chars, re.compile(own).match
    return "", None


@functools.cache
def _parsed(regexp: str) -> list[tuple[Any, Any]] | None:
    try:
        from re import _parser
    except ImportError:  # Python < 3.11
        import sre_parse as _parser
    try:
        parsed = _parser.parse(regexp)
    except Exception:
        return None
    return None if parsed.state.flags & (re.IGNORECASE | re.LOCALE) else list(parsed)


def _may_start(regexp: str, char: str, anywhere: bool = False) -> bool:
    """Whether `regexp` can match a text that starts with `char`, or with `anywhere` that
    contains it (True when unsure)."""
    try:
        from re import _constants as c
    except ImportError:  # Python < 3.11
        import sre_constants as c
    parsed = _parsed(regexp)
    if parsed is None:
        return True
    categories = {c.CATEGORY_SPACE: r"\s", c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_DIGIT: r"\d",
                  c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}

    def in_class(items: Iterable[tuple[Any, Any]]) -> bool | None:
        negate, found = False, False
        for op, arg in items:
            if op is c.NEGATE:
                negate = True
            elif op is c.LITERAL:
                found |= chr(arg) == char
            elif op is c.RANGE:
                found |= arg[0] <= ord(char) <= arg[1]
            elif op is c.CATEGORY and arg in categories:
                found |= re.match(categories[arg], char) is not None
            else:
                return None
        return found != negate

    def sequence(items: Iterable[tuple[Any, Any]]) -> tuple[bool, bool]:  # (may start with char, may match empty)
        for op, arg in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue  # zero-width: over-approximate by ignoring it
            if op is c.LITERAL:
                may, empty = chr(arg) == char, False
            elif op is c.NOT_LITERAL:
                may, empty = chr(arg) != char, False
            elif op is c.IN:
                member = in_class(arg)
                may, empty = member is not False, False
            elif op is c.BRANCH:
                found = [sequence(branch) for branch in arg[1]]
                may, empty = any(m for m, _ in found), any(e for _, e in found)
            elif op is c.SUBPATTERN:
                may, empty = sequence(arg[-1])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                may, empty = sequence(arg[2])
                empty = empty or arg[0] == 0
            else:
                return True, True  # anything else: unsure
            if may:
                return True, empty
            if not empty and not anywhere:
                return False, False
        return False, True

    return sequence(parsed)[0]


def _encode(states: dict[int, dict[str, tuple[Any, Any]]], rules: list[Rule]) -> dict[int, dict[str, int]]:
    """lark's table as ints: a shift is the next state (>= 0), a reduce is ~(rule number)."""
    number = {rule: index for index, rule in enumerate(rules)}
    encoded: dict[int, dict[str, int]] = {}
    for state, actions in states.items():
        row: dict[str, int] = {}
        for symbol, (action, arg) in actions.items():
            if action is Shift:
                if type(arg) is not int or arg < 0:
                    raise TypeError("the fast path needs states numbered from 0")
                row[symbol] = arg
            else:
                row[symbol] = ~number[arg]
        encoded[state] = row
    return encoded


@functools.cache
def engine() -> Engine | None:
    """The fast path for the cached parser, or None when this lark cannot offer it."""
    try:
        return Engine(get_parser())
    except (AttributeError, KeyError, TypeError, IndexError):
        return None

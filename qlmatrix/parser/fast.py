"""The fast path: the grammar's LALR(1) table and lexer regexes, driven by one tight loop.

`lark.Lark.parse` spends most of its time outside the regexes: a generator
per token, a line counter object, a ParserState method call per token and a
Tree per rule that the Builder then walks again. This module runs the same
parse from the same grammar through lark's public API only:

- `lalr.py` computes the parse table from the rules and terminals the
  `Lark` object exposes (the LALR(1) table of a grammar is unique: these are
  lark's rows), and for each state the alternation lark's contextual lexer
  would try (same terminals, same order);
- each rule's callback is what `Lark(transformer=...)` would call: the
  transformer's method for the rule (or its alias), given the children lark
  would pass (tokens of filtered terminals dropped, `_rules` spliced in), so
  the model is built during the parse and no tree is made.

Only the happy path runs here. On a lexing or parsing error it raises
`Unhandled` and the caller parses again with `Lark.parse`, so error messages,
positions and expected sets are lark's. Any other failure of the engine
(a bug, a grammar feature it does not reproduce) also makes the caller take
lark's path: the engine can only make a parse faster, never different.

Every parse keeps its state in local variables: one `Engine` serves any
number of threads at once. The engine never touches the garbage collector
(that is the `qlm` program's business: `qlmatrix.cli.main`).
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

import lark

from . import lalr
from .grammar import cache_file, get_parser, grammar_text

__all__ = ["Engine", "Unhandled", "engine"]

#: The `match` of a compiled regex: (text, position) -> the match there, or None.
_Match = Callable[[str, int], "re.Match[str] | None"]
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
    def __init__(self, tables: lalr.Tables) -> None:
        self.tables = tables
        self.states = tables.states
        self.rules = tables.rules
        self.sizes = [len(rule.expansion) for rule in tables.rules]
        self.origins = [rule.origin for rule in tables.rules]
        self.ignore = frozenset(tables.ignore)
        self.newline = frozenset(tables.newline)
        self.unseen = frozenset(tables.unseen)
        self.terminals = frozenset(tables.terminals)
        self.matchers = _Matchers(tables)
        self._callbacks: dict[type, list[_Callback | None]] = {}

    def callbacks(self, transformer: lark.Transformer[Any, _Result]) -> list[_Callback | None]:
        """By rule number, what lark's `Lark(transformer=transformer)` would call at each reduction;
        None for a rule whose one child stands for it (see `_transparent`)."""
        kind = type(transformer)
        made = self._callbacks.get(kind)
        if made is None:
            # Methods are looked up on the class once, then bound to each transformer per parse.
            self._check(kind)
            transparent = self._transparent(kind)
            made = self._callbacks[kind] = [None if rule.origin in transparent else
                                            self._callback(rule, kind, transparent) for rule in self.rules]
        return [callback.__get__(transformer) if callback is not None and hasattr(callback, "__get__") else callback
                for callback in made]

    def _transparent(self, kind: type) -> frozenset[str]:
        """Inlined `_rules` whose every expansion is one child kept as it is (`_member: property |
        task | ...`, `_title: TEXT | STRING`). lark wraps that child and the parent splices it back
        out, which gives the parent the child itself; so the engine leaves the child on the stack
        and the parent takes it as a plain child (about 40,000 reductions of the 10k plan)."""
        by_origin: dict[str, list[lalr.Rule]] = {}
        for rule in self.rules:
            by_origin.setdefault(rule.origin, []).append(rule)
        return frozenset(origin for origin, rules in by_origin.items()
                         if all(self._inlines(rule, kind) and len(rule.expansion) == 1
                                and rule.include == ((0, False),) and not rule.expand1 for rule in rules))

    @staticmethod
    def _inlines(rule: lalr.Rule, kind: type) -> bool:
        """Whether lark inlines `rule`'s children into its parent's for transformers of `kind`."""
        return (getattr(kind, rule.callback, None) is None and rule.origin.startswith("_")
                and rule.callback == rule.origin
                and getattr(kind, "__default__", None) is lark.Transformer.__default__)

    def _check(self, kind: type) -> None:
        if getattr(kind, "__visit_tokens__", False) and any(hasattr(kind, name) for name in self.terminals):
            raise Unhandled  # token callbacks: lark runs them, this engine does not
        if not issubclass(kind, lark.Transformer) or issubclass(kind, lark.visitors.Transformer_InPlace):
            raise Unhandled  # an in-place transformer expects lark's trees

    def _callback(self, rule: lalr.Rule, kind: type, transparent: frozenset[str]) -> _Callback:
        method = getattr(kind, rule.callback, None)
        if method is not None and getattr(method, "visit_wrapper", None) is not None:
            raise Unhandled  # v_args: left to lark
        # A transparent child is the child itself: kept, not spliced.
        include = tuple((index, splice and rule.expansion[index] not in transparent) for index, splice in rule.include)
        if self._inlines(rule, kind):
            body: Callable[..., object] = _inlined
        elif method is None:
            name = rule.callback
            body = _defaulted(name)
        else:
            body = method
        if rule.expand1:
            body = _expanding(body)
        if len(include) < len(rule.expansion) or any(splice for _, splice in include):
            body = _filtering(body, include)
        return cast(_Callback, body)

    def parse(self, text: str, transformer: lark.Transformer[Any, _Result], start: int = 0,
              stop: int | None = None, line: int = 1, line_start: int | None = None,
              token: Callable[[str, str, int, int, int, int, int, int], object] = lark.Token) -> _Result:
        """What `Lark(transformer=transformer).parse(text)` returns, or Unhandled.

        `token` makes each token the callbacks get, called as `lark.Token(type, value, start_pos,
        line, column, end_line, end_column, end_pos)` is (the default): a transformer that reads
        only those attributes may take something cheaper to make (the Builder takes `build.Tok`).

        With `start` and `stop`, only `text[start:stop]` is parsed (as a whole plan), `start` being on
        line `line`, which begins at `line_start` (default `start`): positions are those of the whole
        text, and the regexes' lookaheads see it as they would in a parse of the whole. A token running
        past `stop` is Unhandled.
        """
        callbacks = self.callbacks(transformer)
        states, matchers, ignore, newline, unseen = self.states, self.matchers, self.ignore, self.newline, self.unseen
        sizes, origins = self.sizes, self.origins
        state_stack = [self.tables.start_state]
        value_stack: list[object] = []
        push_state, push_value = state_stack.append, value_stack.append
        token_of = token
        pos, size = start, len(text) if stop is None else stop
        line_start = start if line_start is None else line_start
        while pos < size:
            match = matchers[state_stack[-1]](text, pos)
            if match is None:
                raise Unhandled
            kind = match.lastgroup
            if kind is None:  # every alternative is a named group
                raise Unhandled
            end = match.end()
            if end > size:
                raise Unhandled
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
            made: object
            if kind in unseen:  # `_SEP`, `_COLON`: every rule's child filter drops them unseen
                made = None
            else:
                made = token_of(kind, match.group(), pos, line, pos - line_start + 1, end_line, end - end_start + 1, end)
            pos, line, line_start = end, end_line, end_start
            while True:
                action = states[state_stack[-1]].get(kind)
                if action is None:
                    raise Unhandled
                if action >= 0:  # shift
                    push_state(action)
                    push_value(made)
                    break
                rule = ~action  # reduce, inlined: this runs once per rule of the parse
                callback = callbacks[rule]
                if callback is None:  # a transparent rule: its one child stays on the stack for it
                    del state_stack[-1]
                    push_state(states[state_stack[-1]][origins[rule]])
                    continue
                count = sizes[rule]
                if count:
                    children = value_stack[-count:]
                    del state_stack[-count:]
                    del value_stack[-count:]
                else:
                    children = []
                push_value(callback(children))
                push_state(states[state_stack[-1]][origins[rule]])
        accept = self.tables.accept_state
        while True:
            action = states[state_stack[-1]].get(lalr.END)
            if action is None:
                raise Unhandled
            if action >= 0:
                if action != accept:
                    raise Unhandled
                return cast(_Result, value_stack[-1])  # what the start rule's callback made
            rule = ~action
            callback = callbacks[rule]
            if callback is None:
                del state_stack[-1]
                push_state(states[state_stack[-1]][origins[rule]])
                continue
            count = sizes[rule]
            children = value_stack[-count:] if count else []
            if count:
                del state_stack[-count:]
                del value_stack[-count:]
            push_value(callback(children))
            push_state(states[state_stack[-1]][origins[rule]])


def _inlined(self: object, children: list[object]) -> _Inlined:
    return _Inlined(children)


def _defaulted(name: str) -> Callable[[lark.Transformer[lark.Token, object], list[object]], object]:
    def default(self: lark.Transformer[lark.Token, object], children: list[object]) -> object:
        return self.__default__(name, children, None)  # type: ignore[no-untyped-call]  # lark's own call, meta None
    return default


def _expanding(body: Callable[..., object]) -> Callable[..., object]:
    def expand(self: object, children: list[object]) -> object:
        return children[0] if len(children) == 1 else body(self, children)
    return expand


def _filtering(body: Callable[..., object], include: tuple[tuple[int, bool], ...]) -> Callable[..., object]:
    """lark's child filter for LALR without placeholders: keep these children, splice `_rules`."""
    def filtered(self: object, children: list[object]) -> object:
        kept: list[object] = []
        for index, splice in include:
            if splice:
                inner: list[object] = children[index].children  # type: ignore[attr-defined]  # an _Inlined or a Tree
                if kept:
                    kept += inner
                else:  # left recursion (`__x: __x a`) reuses the list, as lark does
                    kept = inner
            else:
                kept.append(children[index])
        return body(self, kept)
    return filtered


#: Visits of a lexer state before its alternation is compiled (see _Matchers): about where the
#: compile (2-5 ms for the big states) costs what trying the terminals one by one costs at ~1 us a
#: visit. The bundled example (282 visits in all) never compiles one; a 1k-task plan does early on.
_HOT = 1000


class _Matchers(dict[int, _Match]):
    """Parser state -> the `match` of the lexer's alternation for it.

    An alternation `(?P<A>a)|(?P<B>b)|...` matched at a position gives the first alternative
    that matches there, so trying each terminal's own regex in the same order gives the same
    token. Compiling is what costs (`re` compiles in Python: the alternations of the states a
    short plan reaches took 12 ms of a 100 ms `qlm check`), so a state starts by trying the
    terminals one by one, each regex compiled once for all states, and gets its compiled
    alternation once it has been visited `_HOT` times: a short plan compiles each terminal
    once, a long one runs on alternations.
    """

    def __init__(self, tables: lalr.Tables) -> None:
        super().__init__()
        self.tables = tables
        self.by_lexer: dict[int, _Match] = {}
        self.single: dict[str, _Match] = {}

    def __missing__(self, state: int) -> _Match:
        index = self.tables.lexer_of[state]
        match = self.by_lexer.get(index)
        if match is None:
            match = self.by_lexer[index] = self._cold(index)
        self[state] = match
        return match

    def _cold(self, index: int) -> _Match:
        tables, single = self.tables, self.single
        names = tables.lexers[index]
        tries = [single.get(name) or single.setdefault(name, self._compile((name,))) for name in names]
        visits = 0

        def match(text: str, pos: int) -> re.Match[str] | None:
            nonlocal visits
            visits += 1
            if visits >= _HOT:
                self._warm(index)
            for attempt in tries:
                found = attempt(text, pos)
                if found is not None:
                    return found
            return None

        return match

    def _warm(self, index: int) -> None:
        hot = self.by_lexer[index] = self._compile(self.tables.lexers[index])
        for state, lexer in enumerate(self.tables.lexer_of):
            if lexer == index and state in self:
                self[state] = hot

    def _compile(self, names: tuple[str, ...]) -> _Match:
        terminals = self.tables.terminals
        return re.compile("|".join(f"(?P<{name}>{terminals[name]})" for name in names), self.tables.flags).match


@functools.cache
def engine() -> Engine | None:
    """The fast path for this grammar, or None when it cannot reproduce lark's parse of it."""
    try:
        return Engine(_tables())
    except Exception:  # whatever went wrong, lark's own path still parses: never fail here
        return None


def _tables() -> lalr.Tables:
    """The tables, kept next to lark's cached ones when there is a cache folder.

    The file starts with a checksum of the rest: a damaged file is rebuilt, never used. The rest is
    the tables' plain data (lists, dicts, strings, numbers) in `marshal`'s format, which Python
    reads without importing anything (json's import and its regexes were a few ms of `qlm check`).
    """
    kept = _kept_tables_file()
    if kept is not None:
        try:
            with open(kept, "rb") as stream:
                digest, _, body = stream.read().partition(b"\n")
            if digest == _digest(body):  # checked before marshal reads a byte of it
                return lalr.Tables.from_json(marshal.loads(body))
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, EOFError):
            pass
    tables = lalr.tables(lalr.describe(get_parser()))
    if kept is not None:
        _keep(kept, tables)
    return tables


def _kept_tables_file() -> str | None:
    cache = cache_file()
    if cache is None:
        return None
    # Keyed by the grammar, lark's version, the code that computes the tables and marshal's format
    # version: any change is a new file.
    try:
        with open(lalr.__file__, "rb") as stream:
            code = stream.read()
    except OSError:
        return None
    parts = [code, lark.__version__.encode(), grammar_text().encode(), str(marshal.version).encode()]
    key = hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]
    return os.path.join(os.path.dirname(cache), f"qlm-{key}.tables")


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode()


def _plain(value: Any) -> Any:
    """`value` with every tuple (NamedTuples included, which marshal refuses) as a list."""
    if isinstance(value, (list, tuple)):
        return [_plain(part) for part in value]
    if isinstance(value, dict):
        return {key: _plain(part) for key, part in value.items()}
    return value


def _keep(path: str, tables: lalr.Tables) -> None:
    """Write the tables atomically (a reader never sees half a file); a failure only costs the next run time."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        body = marshal.dumps(_plain(tables.to_json()))
        with open(temporary, "wb") as stream:
            stream.write(_digest(body) + b"\n" + body)
        os.replace(temporary, path)
    except (OSError, ValueError):
        try:
            os.unlink(temporary)
        except OSError:
            pass

"""LALR(1) tables for a grammar, computed from what lark's public `Lark` object says about it.

lark compiles `grammar/qlm.lark` (EBNF, templates, `?`, `*`) into plain rules
and terminals, and exposes them as `Lark.rules`, `Lark.terminals` and
`Lark.lexer_conf`; it keeps its own parse table and lexers private. This
module takes the rules and terminals and computes the parse table itself:
the LALR(1) automaton of a grammar is unique (the LR(0) automaton with
exact lookaheads), so the rows are lark's rows, and conflicts are resolved
as lark resolves them (a reduce/reduce by rule priority, else refused; a
shift over a reduce). It also works out what lark's contextual lexer would
try in each state: the terminals the row accepts plus the ignored ones,
in lark's order.

The result is plain data (`Tables`, JSON-serialisable), so it can be kept
between runs. A grammar feature the fast path does not reproduce
(templates, placeholders, string terminals that a regex terminal also
matches, ...) raises `Unsupported`; the caller then uses lark itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

    import lark

__all__ = ["ROOT", "END", "Rule", "Tables", "Terminal", "Unsupported", "describe", "tables"]

#: Names lark itself uses for the augmented start rule and the end of input.
ROOT, END = "$root", "$END"


class Unsupported(Exception):
    """The grammar or the parser's options use something the fast path does not reproduce."""


class Terminal(NamedTuple):
    name: str
    regexp: str  # as lark compiles it (`Pattern.to_regexp()`, inline flags included)
    priority: int
    max_width: int
    length: int  # of the pattern's source: lark's third sort key
    literal: str | None  # the text of a string terminal ("->"), None for a regex


class Rule(NamedTuple):
    origin: str
    expansion: tuple[str, ...]
    callback: str  # the transformer method lark would call: the alias, else the rule's name
    include: tuple[tuple[int, bool], ...]  # (position, splice its children) of each child passed on
    expand1: bool  # `?rule`: a single child stands for the rule
    priority: int


class Grammar(NamedTuple):
    start: str
    rules: tuple[Rule, ...]
    terminals: tuple[Terminal, ...]
    ignore: tuple[str, ...]
    flags: int


class Tables(NamedTuple):
    """The parse table and what the lexer needs; all of it plain data."""

    rules: tuple[Rule, ...]  # numbered as in `states`: a reduce by rule r is ~r
    states: tuple[dict[str, int], ...]  # state -> symbol -> next state (>= 0) or ~rule
    start_state: int
    accept_state: int  # the state reached by shifting END: the parse is complete
    lexers: tuple[tuple[str, ...], ...]  # distinct terminal lists, each in lark's order
    lexer_of: tuple[int, ...]  # state -> index into `lexers`
    terminals: dict[str, str]  # name -> regexp
    ignore: tuple[str, ...]
    newline: tuple[str, ...]  # terminals whose text may hold a line break (lark's own test)
    unseen: tuple[str, ...]  # terminals every rule drops: the parse keeps no token for them
    flags: int

    def to_json(self) -> dict[str, Any]:
        return {name: list(value) if isinstance(value, tuple) else value for name, value in self._asdict().items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tables:
        return cls(
            rules=tuple(Rule(r[0], tuple(r[1]), r[2], tuple((int(i), bool(s)) for i, s in r[3]), bool(r[4]), int(r[5]))
                        for r in data["rules"]),
            states=tuple({str(k): int(v) for k, v in row.items()} for row in data["states"]),
            start_state=int(data["start_state"]), accept_state=int(data["accept_state"]),
            lexers=tuple(tuple(names) for names in data["lexers"]), lexer_of=tuple(data["lexer_of"]),
            terminals={str(k): str(v) for k, v in data["terminals"].items()}, ignore=tuple(data["ignore"]),
            newline=tuple(data["newline"]), unseen=tuple(data["unseen"]), flags=int(data["flags"]))


def describe(parser: lark.Lark) -> Grammar:
    """The compiled grammar of `parser`, through `Lark`'s public attributes only."""
    options = parser.options
    if options.parser != "lalr" or options.lexer != "contextual":
        raise Unsupported("the fast path reproduces LALR with the contextual lexer only")
    if options.postlex is not None or options.lexer_callbacks or options.maybe_placeholders \
            or options.propagate_positions or options.regex or options.use_bytes or options.keep_all_tokens:
        raise Unsupported("an option changes tokens or trees in a way the fast path does not reproduce")
    if len(options.start) != 1:
        raise Unsupported("one start rule only")
    rules = []
    for rule in parser.rules:
        if rule.options.template_source is not None or rule.options.empty_indices:
            raise Unsupported("templates and placeholders are left to lark")
        expansion = tuple(symbol.name for symbol in rule.expansion)
        keep = rule.options.keep_all_tokens
        include = tuple((index, not symbol.is_term and symbol.name.startswith("_"))
                        for index, symbol in enumerate(rule.expansion)
                        if keep or not (symbol.is_term and getattr(symbol, "filter_out", False)))
        rules.append(Rule(rule.origin.name, expansion, rule.alias or rule.origin.name, include,
                          bool(rule.options.expand1 and not rule.alias), int(rule.options.priority or 0)))
    terminals = tuple(
        Terminal(t.name, t.pattern.to_regexp(), int(t.priority), int(t.pattern.max_width), len(t.pattern.value),
                 t.pattern.value if t.pattern.type == "str" else None)
        for t in parser.terminals)
    conf = parser.lexer_conf
    return Grammar(options.start[0], tuple(rules), terminals, tuple(conf.ignore), int(conf.g_regex_flags))


def tables(grammar: Grammar) -> Tables:
    """The LALR(1) parse table of `grammar` and its contextual lexers."""
    root = Rule(ROOT, (grammar.start, END), ROOT, (), False, 0)
    rules = (*grammar.rules, root)
    states, transitions, lookaheads = _lalr(rules, len(rules) - 1, {t.name for t in grammar.terminals} | {END})
    rows: list[dict[str, int]] = []
    accept_state = -1
    for index, items in enumerate(states):
        row = dict(transitions[index])
        for symbol, reducing in lookaheads[index].items():
            if len(reducing) > 1:
                ranked = sorted(reducing, key=lambda r: rules[r].priority, reverse=True)
                if rules[ranked[0]].priority == rules[ranked[1]].priority:
                    raise Unsupported(f"reduce/reduce conflict on {symbol}")  # lark refuses the grammar too
                reducing = {ranked[0]}
            (rule,) = reducing
            if symbol not in row:  # a shift wins over a reduce, as in lark
                row[symbol] = ~rule
        rows.append(row)
        if (len(rules) - 1, 2) in items:
            accept_state = index
    by_name = {t.name: t for t in grammar.terminals}
    lexers: dict[tuple[str, ...], int] = {}
    lexer_of = []
    for row in rows:
        accepted = {symbol for symbol in row if symbol in by_name} | set(grammar.ignore)
        ordered = tuple(t.name for t in sorted((by_name[n] for n in accepted), key=_lark_order))
        _refuse_unless(ordered, by_name, grammar.flags)
        lexer_of.append(lexers.setdefault(ordered, len(lexers)))
    return Tables(
        rules=rules, states=tuple(rows), start_state=0, accept_state=accept_state, lexers=tuple(lexers),
        lexer_of=tuple(lexer_of), terminals={t.name: t.regexp for t in grammar.terminals}, ignore=grammar.ignore,
        newline=tuple(t.name for t in grammar.terminals if _may_hold_newline(t.regexp)),
        unseen=tuple(sorted(_unseen(grammar.rules, by_name))), flags=grammar.flags)


def _lark_order(terminal: Terminal) -> tuple[int, int, int, str]:
    """lark's order of a lexer's alternatives: priority, then the longest possible, then the longest source."""
    return -terminal.priority, -terminal.max_width, -terminal.length, terminal.name


def _may_hold_newline(regexp: str) -> bool:
    """lark's own test of whether to count lines in a terminal's text (an over-estimate)."""
    return "\n" in regexp or "\\n" in regexp or "\\s" in regexp or "[^" in regexp or ("(?s" in regexp and "." in regexp)


def _refuse_unless(names: tuple[str, ...], by_name: dict[str, Terminal], flags: int) -> None:
    """lark retypes a regex terminal's match that spells a string terminal of the same lexer (its
    `unless` callbacks); the fast path does not, so such a grammar is left to lark."""
    for name in names:
        literal = by_name[name].literal
        if literal is None:
            continue
        for other in names:
            if other != name and by_name[other].literal is None:
                found = re.match(by_name[other].regexp, literal, flags)
                if found is not None and found.group(0) == literal:
                    raise Unsupported(f"{other} also matches the string terminal {name}")


def _unseen(rules: Iterable[Rule], terminals: dict[str, Terminal]) -> set[str]:
    """Terminals that no rule passes on to its callback."""
    seen: set[str] = set()
    for rule in rules:
        seen.update(rule.expansion[index] for index, _ in rule.include)
    return {name for name in terminals if name not in seen}


def _lalr(rules: tuple[Rule, ...], root: int, terminals: set[str]) -> tuple[
        list[frozenset[tuple[int, int]]], list[dict[str, int]], list[dict[str, set[int]]]]:
    """The LR(0) automaton (kernels and transitions) and, per state, terminal -> rules to reduce.

    Lookaheads as in the Dragon book (Aho et al., algorithm 4.63): the closure of each kernel item
    with a dummy lookahead shows which lookaheads arise where (spontaneous) and which pass along
    a transition (propagated); they are then spread to a fixed point.
    """
    by_origin: dict[str, list[int]] = {}
    for index, production in enumerate(rules):
        by_origin.setdefault(production.origin, []).append(index)
    nullable, first = _first_sets(rules, by_origin, terminals)

    def first_of(symbols: tuple[str, ...]) -> tuple[set[str], bool]:
        found: set[str] = set()
        for symbol in symbols:
            if symbol in terminals or symbol not in by_origin:
                found.add(symbol)
                return found, False
            found |= first[symbol]
            if symbol not in nullable:
                return found, False
        return found, True

    def closure0(kernel: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        items = list(kernel)
        seen = set(items)
        for rule, dot in items:
            expansion = rules[rule].expansion
            if dot < len(expansion):
                for produced in by_origin.get(expansion[dot], ()):
                    if (produced, 0) not in seen:
                        seen.add((produced, 0))
                        items.append((produced, 0))
        return items

    start = frozenset({(root, 0)})
    states = [start]
    number = {start: 0}
    transitions: list[dict[str, int]] = []
    for kernel in states:  # grows while it is walked
        moves: dict[str, set[tuple[int, int]]] = {}
        for rule, dot in closure0(kernel):
            expansion = rules[rule].expansion
            if dot < len(expansion):
                moves.setdefault(expansion[dot], set()).add((rule, dot + 1))
        row = {}
        for symbol, target in moves.items():
            frozen = frozenset(target)
            if frozen not in number:
                number[frozen] = len(states)
                states.append(frozen)
            row[symbol] = number[frozen]
        transitions.append(row)

    dummy = "#"
    lookahead: dict[tuple[int, tuple[int, int]], set[str]] = {(s, item): set() for s, k in enumerate(states) for item in k}
    propagate: dict[tuple[int, tuple[int, int]], list[tuple[int, tuple[int, int]]]] = {}
    for state, kernel in enumerate(states):
        for item in kernel:
            for (rule, dot), found in _closure1(item, dummy, rules, by_origin, first_of).items():
                expansion = rules[rule].expansion
                if dot == len(expansion):
                    continue
                goal = (transitions[state][expansion[dot]], (rule, dot + 1))
                if dummy in found:
                    propagate.setdefault((state, item), []).append(goal)
                lookahead[goal] |= found - {dummy}
    changed = True
    while changed:
        changed = False
        for source, goals in propagate.items():
            for goal in goals:
                if not lookahead[source] <= lookahead[goal]:
                    lookahead[goal] |= lookahead[source]
                    changed = True

    reductions: list[dict[str, set[int]]] = []
    for state, kernel in enumerate(states):
        found_here: dict[str, set[int]] = {}
        for item in kernel:
            for (rule, dot), found in _closure1(item, dummy, rules, by_origin, first_of).items():
                if dot == len(rules[rule].expansion) and rule != root:
                    for symbol in found:
                        for real in (lookahead[(state, item)] if symbol == dummy else {symbol}):
                            found_here.setdefault(real, set()).add(rule)
        reductions.append(found_here)
    return states, transitions, reductions


def _closure1(item: tuple[int, int], lookahead: str, rules: tuple[Rule, ...], by_origin: dict[str, list[int]],
              first_of: Any) -> dict[tuple[int, int], set[str]]:
    """The LR(1) closure of one item: item -> its lookaheads."""
    found: dict[tuple[int, int], set[str]] = {item: {lookahead}}
    work = [item]
    while work:
        rule, dot = work.pop()
        expansion = rules[rule].expansion
        if dot >= len(expansion) or expansion[dot] not in by_origin:
            continue
        after, passes = first_of(expansion[dot + 1:])
        new = set(after)
        if passes:
            new |= found[(rule, dot)]
        for produced in by_origin[expansion[dot]]:
            key = (produced, 0)
            known = found.setdefault(key, set())
            if not new <= known:
                known |= new
                work.append(key)
    return found


def _first_sets(rules: tuple[Rule, ...], by_origin: dict[str, list[int]],
                terminals: set[str]) -> tuple[set[str], dict[str, set[str]]]:
    nullable: set[str] = set()
    first: dict[str, set[str]] = {name: set() for name in by_origin}
    changed = True
    while changed:
        changed = False
        for rule in rules:
            here = first[rule.origin]
            before = len(here)
            for symbol in rule.expansion:
                if symbol in terminals or symbol not in by_origin:
                    here.add(symbol)
                    break
                here |= first[symbol]
                if symbol not in nullable:
                    break
            else:
                if rule.origin not in nullable:
                    nullable.add(rule.origin)
                    changed = True
            changed |= len(here) != before
    return nullable, first

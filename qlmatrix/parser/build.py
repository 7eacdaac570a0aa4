"""From lark's parse tree to the model, collecting diagnostics on the way.

Each statement callback checks its own properties (unknown, duplicated or
misplaced names get a diagnostic with a suggestion) and returns model
values. Ids that come from the numbering are not the parser's business:
`qlmatrix.resolve` derives them, the same for a parsed plan and a built one.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import attrs
import lark

from ..cadence import Cadence
from ..dates import parse_date
from ..diagnostics import Diagnostic, Label
from ..keywords import (
    ALLOWED,
    ANNOTATION_LABELS,
    EACH_LEAD_PROPERTY,
    LOOP_STAGE_BY_WORD,
    LOOP_STAGES,
    PROPERTIES,
    PROPERTY_BY_WORD,
    ROLE_PROPERTIES,
    STATEMENT_BY_WORD,
    UNIT_KIND_BY_WORD,
    UNIT_KINDS,
    comma_before_property,
)
from ..model import Include, Layout, Note, Plan, Ref, Report, Section, SectionKind, Task, Unit
from ..numbering import normalise_number, split_title
from ..span import Place, Span
from ..suggest import closest
from . import values

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable, Mapping, Sequence
    from typing import TypedDict, Unpack

    from ..model import AssignmentRow, Item, LoopStage, Role
    from ..text import Text

    class _Details(TypedDict, total=False):
        """What `Builder.emit` passes on to Diagnostic besides the code and the span."""

        args: Mapping[str, str | Text]
        help: str
        help_args: Mapping[str, str]
        labels: Iterable[Label]

#: A closed vocabulary's values (unit kinds, loop stages).
_Word = TypeVar("_Word")


class Tok(NamedTuple):
    """A token as the fast path makes it (`fast.Engine.parse(..., token=Tok)`): the attributes of a
    `lark.Token` the Builder reads, for about a third of its cost (87,000 of them for 10k tasks).
    The Builder reads tokens only through these attributes, so lark's own tokens (its parse, when
    the fast path gives up) build the same model."""

    type: str
    value: str
    start_pos: int
    line: int
    column: int
    end_line: int
    end_column: int
    end_pos: int


#: A token from either parse: lark's (`Lark.parse`, then `Builder.transform`) or the fast path's.
Token = lark.Token | Tok
#: For isinstance: what a token is, as opposed to a Prop, a Block or a model value.
_TOKEN_TYPES = (lark.Token, Tok)


# Prop and Block are NamedTuples, not attrs classes: one is made per property line and per
# block of a plan, and a NamedTuple is the cheapest record to build (docs/performance.md).
class Prop(NamedTuple):
    name: str  # canonical property name
    key: Token
    value: str
    value_token: Token | None


class Block(NamedTuple):
    props: tuple[Prop, ...]
    members: tuple[Item, ...]
    open_token: Token


@attrs.frozen
class PlanHeader:
    title: str | None
    basis: str | None
    issuer: str | None
    span: Span
    date: datetime.date | None = None


class Builder(lark.Transformer[lark.Token, Plan]):  # lark's trees hold lark.Token; the fast path gives Tok
    def __init__(self, filename: str) -> None:
        super().__init__()
        self.filename = filename
        self.diagnostics: list[Diagnostic] = []
        self._cadences: dict[str, Cadence] = {}  # a plan repeats a few cadences thousands of times

    # Helpers

    def span(self, token: Token, end: Token | None = None) -> Span:
        end = end or token
        line = token.line  # one by one: packing them in a tuple costs more than the checks (docs/performance.md)
        column = token.column
        end_line = end.end_line
        end_column = end.end_column
        if line is None or column is None or end_line is None or end_column is None:
            raise _unplaced(token if line is None or column is None else end)
        return Span(self.filename, line, column, end_line, end_column)

    def text_span(self, token: Token, text: str) -> Span:
        """Span of `text`, the stripped start of `token`."""
        return values.span_at(self.span(token), 0, len(text))

    def emit(self, code: str, span: Span | None, **kwargs: Unpack[_Details]) -> None:
        self.diagnostics.append(Diagnostic(code, span, **kwargs))

    def properties(self, block: Block | None, statement: str) -> dict[str, Prop]:
        """The block's properties by canonical name, reporting any that do not belong."""
        found: dict[str, Prop] = {}
        if block is None:
            return found
        if statement not in ("section", "carrier"):
            for member in block.members:
                what = type(member).__name__.lower()
                self.emit("E013", member.span, args={"statement": statement, "what": what}, help="nest-in-section")
        allowed = ALLOWED[statement]
        for prop in block.props:
            if prop.name not in allowed:
                self._unknown_property(prop, statement, allowed, self.span(prop.key))
            elif prop.name in found:
                first = found[prop.name]
                # A second `配合:` usually means a second unit: one entry lists them all.
                listed = prop.name in ROLE_PROPERTIES
                self.emit(
                    "E004", self.span(prop.key), args={"key": prop.key.value},
                    help="list-in-one-entry" if listed else "remove-duplicate",
                    help_args={"key": first.key.value} if listed else {},
                    labels=[Label(self.span(first.key), "first-given")],
                )
            elif not prop.value:
                self.emit("E010", self.span(prop.key), args={"key": prop.key.value})
            else:
                found[prop.name] = prop
        return found

    def _unknown_property(self, prop: Prop, statement: str, allowed: Iterable[str], span: Span) -> None:
        words = [form for name in allowed for forms in PROPERTIES[name] for form in forms]
        close = closest(prop.key.value, words)
        chinese = "、".join(PROPERTIES[name][0][0] for name in allowed)
        if close:
            help_key, help_args = "did-you-mean", {"suggestion": close}
        else:
            help_key, help_args = "allowed-properties", {"statement": statement, "allowed": chinese}
        self.emit("E003", span, args={"key": prop.key.value, "statement": statement},
                    help=help_key, help_args=help_args)

    def value_pieces(self, prop: Prop) -> list[values.Piece]:
        if prop.value_token is None:
            return []
        return values.pieces(_listed(prop), self.span(prop.value_token))

    def names(self, prop: Prop | None) -> tuple[str, ...]:
        return tuple(piece.text for piece in self.value_pieces(prop)) if prop else ()

    def ref(self, prop: Prop | None) -> Ref | None:
        if prop is None:
            return None
        found = self.value_pieces(prop)
        return Ref(found[0].text, found[0].span) if found else None

    def assignments(self, props: dict[str, Prop]) -> list[AssignmentRow]:
        found: list[AssignmentRow] = []
        for name, prop in props.items():
            if name in ROLE_PROPERTIES:
                role: Role | None = ROLE_PROPERTIES[name]
            elif name == "responsible":
                role = None  # 责任单位: the first (or the one marked 牵头) leads
            else:
                continue
            token = prop.value_token
            if token is None:
                continue
            line, column = _start(token)
            found += values.placed(values.list_layout(_listed(prop), role), self.filename, line, column,
                                   each=name == EACH_LEAD_PROPERTY)
        return found

    def annotation(self, token: Token) -> list[AssignmentRow]:
        """What an annotation token assigns (E005 when it cannot be read). Not kept: most
        annotations name their own set of units (6,105 distinct among 7,486 in the 10k plan)."""
        line, column = _start(token)
        try:
            layout = values.annotation_layout(token.value)
        except values.Unreadable as error:
            problem = error.placed(self.span(token))
            self.emit("E005", problem.span, args={"reason": problem.message}, help="annotation-form")
            return []
        return values.placed(layout, self.filename, line, column)

    def vocabulary(self, prop: Prop, index: Mapping[str, _Word], table: Mapping[_Word, tuple[str, str]],
                   what: str) -> list[_Word]:
        """Look each listed word up in a closed vocabulary (unit kinds, loop stages)."""
        found = []
        for piece in self.value_pieces(prop):
            if piece.text in index:
                found.append(index[piece.text])
                continue
            known = [word for words in table.values() for word in words]
            close = closest(piece.text, known, cutoff=0.4)
            help_key, help_args = (("did-you-mean", {"suggestion": close}) if close
                                   else ("known-values", {"values": "、".join(w for w, _ in table.values())}))
            self.emit("E006", piece.span, args={"what": what, "value": piece.text},
                        help=help_key, help_args=help_args)
        return found

    def text(self, props: dict[str, Prop], name: str) -> str | None:
        prop = props.get(name)
        return prop.value if prop else None

    def cadence(self, props: dict[str, Prop], name: str) -> Cadence | None:
        text = self.text(props, name)
        if text is None:
            return None
        cadence = self._cadences.get(text)
        if cadence is None:
            cadence = self._cadences[text] = Cadence.parse(text)
        return cadence

    # Tokens and small rules

    def property(self, children: list[Token]) -> Prop:
        key = children[0]
        token = children[1] if len(children) > 1 else None
        value = ""
        if token is not None:
            value = _unquote(token) if token.type == "STRING" else token.value.rstrip()
        name = PROPERTY_BY_WORD.get(key.value) or f"?{key.value}"
        return Prop(name, key, value, token)

    def block(self, children: list[Token | Prop | Item]) -> Block:
        open_token = children[0]
        if not isinstance(open_token, _TOKEN_TYPES):
            raise _misread("block", children)
        # Between the braces: properties and statements, no tokens. One pass, and `_at_commas` only
        # for a value holding a comma (this runs for every block of a 100k-task plan).
        props: list[Prop] = []
        members: list[Item] = []
        for child in children[1:-1]:
            if isinstance(child, Prop):
                if "，" in child.value or "," in child.value:
                    props += self._at_commas(child)
                else:
                    props.append(child)
            elif not isinstance(child, _TOKEN_TYPES):
                members.append(child)
        return Block(tuple(props), tuple(members), open_token)

    def _at_commas(self, prop: Prop) -> list[Prop]:
        """`牵头：市财政局，配合：市教育局`: a comma where `；` belongs, which Chinese typists write
        naturally. Reported once (E014) at the comma, and read as the two properties meant, so the
        unit list does not swallow `配合：市教育局` and raise false findings."""
        token = prop.value_token
        if token is None or token.type == "STRING" or token.line != token.end_line:
            return [prop]
        value = prop.value
        # The plain `in` tests first: this runs for every property of a 100k-task plan.
        found = comma_before_property().search(value) if ("，" in value or "," in value) else None
        if found is None:
            return [prop]
        comma = found.start()
        base = self.span(token)
        line, column = _start(token)
        self.emit("E014", values.span_at(base, comma, comma + 1), args={"key": found.group(1)},
                  help="property-separator")
        key = lark.Token("KEY", found.group(1), line=line, column=column + found.start(1),
                         end_line=line, end_column=column + found.end(1))
        rest_at = found.end()
        rest = prop.value[rest_at:].lstrip(" \t\u3000")
        rest_column = column + len(prop.value) - len(rest)
        value = lark.Token(token.type, rest, line=line, column=rest_column,
                           end_line=line, end_column=rest_column + len(rest))
        head = lark.Token(token.type, prop.value[:comma].rstrip(), line=line, column=column,
                          end_line=line, end_column=column + comma)
        following = Prop(PROPERTY_BY_WORD[found.group(1)], key, rest, value)
        return [Prop(prop.name, prop.key, head.value, head), *self._at_commas(following)]

    # Statements

    def start(self, children: list[PlanHeader | list[Unit] | Item]) -> Plan:
        header: PlanHeader | None = None
        units: list[Unit] = []
        items: list[Item] = []
        for child in children:
            if isinstance(child, PlanHeader):
                if header is not None:
                    self.emit("E012", child.span, labels=[Label(header.span, "first-given")])
                header = header or child
            elif isinstance(child, list):
                units.extend(child)
            else:
                items.append(child)
        if header is None:
            return Plan(units=units, items=items)
        return Plan(header.title, header.basis, header.issuer, units, items, span=header.span, date=header.date)

    def plan(self, children: list[Token | Block]) -> PlanHeader:
        keyword, _, title, block = _parts(children)
        if keyword is None:
            raise _misread("plan", children)
        props = self.properties(block, "plan")
        return PlanHeader(_clean(title), self.text(props, "basis"), self.text(props, "issuer"), self.span(keyword),
                          self.date(props.get("date")))

    def date(self, prop: Prop | None) -> datetime.date | None:
        """`发文日期: 2022年10月18日`; anything that is not one calendar date is E020."""
        if prop is None:
            return None
        found = parse_date(prop.value)
        if found is None:
            where = self.span(prop.value_token) if prop.value_token is not None else self.span(prop.key)
            self.emit("E020", where, args={"value": prop.value}, help="date-form")
        return found

    def unit(self, children: list[Token | Block], collective: bool = False) -> list[Unit]:
        block = children[-1] if isinstance(children[-1], Block) else None
        props = self.properties(block, "collective" if collective else "unit")
        name_tokens = [child for child in children[1:] if isinstance(child, _TOKEN_TYPES)]
        kind = None
        if "kind" in props:
            kinds = self.vocabulary(props["kind"], UNIT_KIND_BY_WORD, UNIT_KINDS, "unit kind")
            kind = kinds[0] if kinds else None
        levels = self.names(props.get("level"))
        units: list[Unit] = []
        for token in name_tokens:
            name = _unquote(token) if token.type == "STRING" else token.value
            units.append(Unit(
                name=name,
                full_name=self.text(props, "full"),
                aliases=self.names(props.get("aliases")),
                parent=self.ref(props.get("parent")),
                level=None if collective else (levels[0] if levels else None),
                kind=kind,
                collective=collective,
                levels=levels if collective else (),
                span=self.span(token),
            ))
        return units

    def collective(self, children: list[Token | Block]) -> list[Unit]:
        return self.unit(children, collective=True)

    def section(self, children: list[Token | Block]) -> Section:
        keyword, number, title, block = _parts(children)
        if keyword is None or block is None:
            raise _misread("section", children)
        statement = STATEMENT_BY_WORD[keyword.value]
        props = self.properties(block, statement)
        loop: Iterable[LoopStage] = ()
        if "loop" in props:
            loop = self.vocabulary(props["loop"], LOOP_STAGE_BY_WORD, LOOP_STAGES, "loop stage")
        return Section(
            title=_clean(title) or "",
            id=self.text(props, "id") or "",
            number=normalise_number(number.value) if number else None,
            kind=SectionKind.CARRIER if statement == "carrier" else SectionKind.SECTION,
            assignments=self.assignments(props),
            loop=loop,
            items=block.members,
            span=self.span(keyword, number or title or keyword),
            leaders=self.names(props.get("leader")),
        )

    def task(self, children: list[Token | Block]) -> Task:
        # One pass over the children, each looked at once: this runs once per task of the plan.
        keyword = number = title = annotation = None
        block: Block | None = None
        for child in children:
            if isinstance(child, Block):
                block = child
                continue
            kind = child.type
            if kind == "ANNOTATION":
                annotation = child
            elif kind == "NUMBER":
                number = child
            elif kind == "TEXT" or kind == "STRING":
                title = child
            else:
                keyword = child
        props = self.properties(block, "task")
        found = self.annotation(annotation) if annotation is not None else []
        body: str | None = None
        if title is None:
            heading = ""
        elif title.type == "TEXT":
            text = title.value.strip()
            if annotation is None and text.endswith(_CLOSING):
                text, recovered = self._uncoloned_annotation(title, text)
                found += recovered
            heading, body = split_title(text)
        else:
            heading = _unquote(title)
        if props:
            found += self.assignments(props)
        start = keyword or number or title
        if start is None:  # the grammar starts a task with its keyword or its number
            raise _misread("task", children)
        get = props.get
        stated_id, stated_body = get("id"), get("body")
        return Task(
            id=stated_id.value if stated_id else "",
            title=heading,
            number=normalise_number(number.value) if number else None,
            body=stated_body.value if stated_body else body,
            assignments=found,
            cadence=self.cadence(props, "cadence"),
            due=self.cadence(props, "due"),
            deliverable=self.text(props, "deliverable"),
            span=self.heading_span(start, title or number or start),
            layout=_LAYOUTS[keyword is not None, annotation is not None, body is not None and stated_body is None],
            leaders=self.names(get("leader")),
        )

    def note(self, children: list[Token | Block]) -> Note:
        keyword, number, title, block = _parts(children)
        if keyword is None:
            raise _misread("note", children)
        props = self.properties(block, "note")
        return Note(title=_clean(title) or "", number=normalise_number(number.value) if number else None,
                    body=self.text(props, "body"), span=self.span(keyword, title or number or keyword))

    def _uncoloned_annotation(self, title: Token, text: str) -> tuple[str, list[AssignmentRow]]:
        """`(责任单位 A局)` at the end of a title: an annotation missing its colon, which would
        silently become title text. Reported (E015) where the colon belongs, and read as meant."""
        found = _uncoloned().search(text) if text.endswith(_CLOSING) else None
        if found is None or title.line != title.end_line:
            return text, []
        offset = len(title.value) - len(title.value.lstrip())  # _clean stripped the token
        base = values.span_at(self.span(title), offset + found.start(), offset + found.end())
        colon_at = found.start(2) - found.start()
        self.emit("E015", values.span_at(base, colon_at, colon_at + 1), args={"label": found.group(1)},
                  help="missing-colon", help_args={"key": found.group(1)})
        fixed = found.group()[:colon_at] + ":" + found.group()[colon_at + 1:]  # same length: spans hold
        try:
            recovered = values.annotation_assignments(fixed, base)
        except values.AnnotationError:
            recovered = []
        return text[: found.start()].rstrip(), recovered

    def heading_span(self, start: Token, last: Token) -> Place:
        """From the task's first token to the end of its title (before the first 。): what a
        finding about the task underlines, rather than the whole pasted paragraph. A Place: the
        task makes the Span when asked (see `qlmatrix.span.Place`)."""
        if last.type != "TEXT":
            first, first_column = _start(start)
            end_line, end_column = last.end_line, last.end_column
            if end_line is None or end_column is None:
                raise _unplaced(last)
            return (self.filename, first, first_column, end_line, end_column)
        text = last.value
        cut = text.find("。")
        length = cut if cut >= 0 else len(text.rstrip())
        line = start.line  # one by one, as in `span`
        column = start.column
        last_line = last.line
        last_column = last.column
        if line is None or column is None or last_line is None or last_column is None:
            raise _unplaced(start if line is None or column is None else last)
        return (self.filename, line, column, last_line, last_column + max(1, length))

    def report(self, children: list[Token | Block]) -> Report:
        keyword = children[0]
        if not isinstance(keyword, _TOKEN_TYPES):
            raise _misread("report", children)
        block = children[-1] if isinstance(children[-1], Block) else None
        props = self.properties(block, "report")
        names = [child for child in children if isinstance(child, _TOKEN_TYPES) and child.type in ("NAME", "STRING")]
        refs = [Ref(_unquote(t) if t.type == "STRING" else t.value, self.span(t)) for t in names]
        source, target = refs[0], (refs[1] if len(refs) > 1 else None)
        return Report(
            source=source,
            target=target,
            content=self.text(props, "content"),
            cadence=self.cadence(props, "cadence"),
            due=self.cadence(props, "due"),
            form=self.text(props, "form"),
            span=self.span(keyword, names[-1]),
        )

    def include(self, children: list[Token]) -> Include:
        keyword, path = children
        return Include(_unquote(path), span=self.span(keyword, path))


#: The eight layouts a task can have, shared (Layout is frozen): one object per task fewer to make and for
#: the collector to scan.
_LAYOUTS = {(keyword, annotation, pasted): Layout(keyword=keyword, annotation=annotation, pasted=pasted)
            for keyword in (False, True) for annotation in (False, True) for pasted in (False, True)}


#: What a title ends with when it may end with an annotation missing its colon (`_uncoloned`).
_CLOSING = (")", "）", "]", "】", "〕")


@functools.cache  # compiled when a title first ends with a bracket, not at every start-up
def _uncoloned() -> re.Pattern[str]:
    """An annotation at the end of a title whose label has no colon: `(责任单位 A局)`."""
    return re.compile(
        r"[(（\[【〔][ \t\u3000]*(" + "|".join(sorted(map(re.escape, ANNOTATION_LABELS), key=len, reverse=True))
        + r")([ \t\u3000])[^()（）\[\]【】〔〕:：]+[)）\]】〕]$")



def _parts(children: list[Token | Block]) -> tuple[Token | None, Token | None,
                                                         Token | None, Block | None]:
    """(keyword, number, title, block) of a statement, any of them possibly None."""
    keyword: Token | None = None
    number: Token | None = None
    title: Token | None = None
    block: Block | None = None
    for child in children:
        if isinstance(child, Block):
            block = child
        elif child.type == "NUMBER":
            number = child
        elif child.type in ("TEXT", "STRING"):
            title = child
        elif child.type in ("PLAN", "SECTION", "CARRIER", "TASK", "NOTE"):
            keyword = child
    return keyword, number, title, block


def _clean(token: Token | None) -> str | None:
    if token is None:
        return None
    return _unquote(token) if token.type == "STRING" else token.value.strip()


def _listed(prop: Prop) -> str:
    """A list value as written: a value all in quotes (`配合: "各区、县级市"`) is one quoted name, as
    in a declaration, not a list the quotes hid."""
    token = prop.value_token
    return token.value if token is not None and token.type == "STRING" else prop.value


def _unquote(token: Token) -> str:
    """The text of a "quoted" token: \\n, \\t and \\r are control characters, \\x is x."""
    return values.unquoted(token.value)


# lark types a rule's children as a plain list and a token's position as optional. The grammar
# and lark's lexer guarantee what the Builder relies on; it checks where it relies on it (so that
# mypy knows too), and a failed check is a bug in the grammar or in lark, never in the plan.


def _start(token: Token) -> tuple[int, int]:
    """(line, column) where `token` starts."""
    if token.line is None or token.column is None:
        raise _unplaced(token)
    return token.line, token.column


def _unplaced(token: Token) -> TypeError:
    return TypeError(f"lark gave the {token.type} token {token!r} no position")


def _misread(rule: str, children: Sequence[object]) -> TypeError:
    return TypeError(f"lark gave the {rule} rule the children {children!r}, which the grammar does not allow")

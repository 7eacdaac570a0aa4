"""Writing a Plan as canonical .qlm text: `dumps`.

One layout for every plan: the header, the unit declarations, then the
sections, tasks and reports in order, two-space indents. A task whose roles
are one lead and its supporting units is written in the document's own
notation `(责任单位:A、B)`; anything else gets one property per role. Text
that the plain forms cannot carry (a `;`, a brace, a 。 in a title) is quoted,
so `loads(dumps(plan)) == plan` for every plan whose unit names are writable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from .dates import iso
from .errors import QlmError
from .keywords import (
    EACH_LEAD_PROPERTY,
    LOOP_STAGES,
    PROPERTIES,
    STATEMENTS,
    UNIT_KINDS,
    annotation_start,
    comma_before_property,
)
from .model import Assignment, Include, Item, Note, Plan, Ref, Report, Role, Section, SectionKind, Task, Unit

INDENT = "  "
_ROLE_PROPERTY = {Role.LEAD: "lead", Role.SUPPORT: "support", Role.CONSULT: "consult",
                  Role.INFORM: "inform", Role.OVERSEE: "oversee"}

# What the lexer reads without quotes (see grammar/qlm.lark).
_NAME = re.compile(r"([^\s、，,;；:：(){}（）｛｝\[\]【】〔〕#＃\"→-]|[(（][^()（）\n]*[)）]|-(?!>))+")
_VALUE_UNSAFE = re.compile(r"[;；{}｛｝#＃\n\r]")
_NUMBER_START = re.compile(
    r"[一二三四五六七八九十百]+[、，]|[(（][一二三四五六七八九十百0-9０-９]+[)）]|[0-9０-９]+[.．、](?![0-9０-９])"
    r"|[①-⑳㈠-㈩]|[一二三四五六七八九十百]+(?=[ \t\u3000])")
_LIST_SEPARATORS = "、，,"


class UnwritableError(QlmError, ValueError):
    """A name the language cannot spell (see docs/language.md, "Names")."""


def quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return f'"{escaped}"'


def value(text: str) -> str:
    """A property value as written: plain when the lexer reads it back unchanged, else quoted."""
    plain = (text and text == text.strip() and not text.startswith('"') and not _VALUE_UNSAFE.search(text)
             and not comma_before_property().search(text))
    return text if plain else quote(text)


def title(text: str) -> str:
    # A leading colon would make the keyword before it read as a property name (`载体 :x` -> `载体:`).
    plain = (text and text == text.strip() and not text.startswith(('"', ":", "：")) and "。" not in text
             and not re.search(r"[{}｛｝#＃\n\r]", text) and not annotation_start().search(text)
             and not _NUMBER_START.match(text + " "))
    return text if plain else quote(text)


def name(text: str) -> str:
    """A unit name in a list or reference: as it is when it reads back as one NAME, else quoted
    (`"各区、县级市"`, `"A{B}"`), unless what it holds would end the list's line (`;`, `#`, a brace)."""
    if _plain(text):
        return text
    quoted = quote(text)
    if _VALUE_UNSAFE.search(quoted):
        raise UnwritableError(f"unit name {text!r} cannot be written in a list in .qlm: avoid ; # and braces")
    return quoted


def _plain(text: str) -> bool:
    """A name the lexer reads back as one NAME, with no list separator outside its parentheses."""
    return _NAME.fullmatch(text) is not None and not _depth_separator(text)


def annotated(text: str) -> bool:
    """Whether a name as `name` writes it can stand in an annotation (`(责任单位:A、B)`): the
    annotation ends at its closing bracket, so a quoted name holds no bracket."""
    return _plain(text) or not _ANNOTATION_UNSAFE.search(text)


_ANNOTATION_UNSAFE = re.compile(r"[()（）\[\]【】〔〕]")


def declared_name(text: str) -> str:
    """A name where the grammar takes a name or a "string" (a declaration, a report's units)."""
    return text if _NAME.fullmatch(text) else quote(text)


def _depth_separator(text: str) -> bool:
    depth = 0
    for char in text:
        depth += char in "(（"
        depth -= char in ")）"
        if depth == 0 and char in _LIST_SEPARATORS:
            return True
    return False


def number(text: str) -> str:
    """A normalised number in its document form: 二 -> 二、, 1 -> 1., (一) as it is."""
    if re.fullmatch(r"[一二三四五六七八九十百]+", text):
        return text + "、"
    if re.fullmatch(r"[0-9]+", text):
        return text + "."
    return text


def after_number(head: str, text: str) -> str:
    """`(一)` + `全面强化政治建设` as the document writes it (no space), but `1.` + `5 times` spaced,
    since `1.5` would read as one number."""
    return head + text if text and not text[0].isascii() else f"{head} {text}"


def _pastable(task: Task) -> bool:
    """The task's body can follow its title on the head line, as in the document: `标题。正文`."""
    body = task.body or ""
    return bool(task.title) and title(task.title) == task.title and bool(body) and body == body.strip() \
        and not re.search(r"[{}｛｝#＃\n\r]", body) and not annotation_start().search(body)


def names(values: Iterable[Ref | str]) -> str:
    """Names joined by 、, each as `name` writes it (`配合: "各区、县级市"、B`)."""
    return "、".join(name(str(v)) for v in values)


def people(values: Iterable[str]) -> str:
    """Leaders' names (`责任领导: 张三、李四`): people are never looked up, so any text reads back but a
    list separator, which would split one name in two."""
    listed = list(values)
    if any(not v.strip() or _depth_separator(v) for v in listed):
        raise UnwritableError(f"leader names {listed!r} cannot be written in .qlm: a name holds 、 or a comma")
    return value("、".join(listed))


class Comments:
    """Comments to interleave with the statements; the default has none.

    `qlm fmt` keeps a file's comments through it and `qlm import` adds
    provenance (`# 原文第N行`). `node` is the model value being written (the
    Plan for the header); comment lines are returned with their `#`, and an
    empty string stands for a blank line.
    """

    def leading(self, node: object) -> list[str]:
        """Lines before the statement, at its indent."""
        return []

    def trailing(self, node: object) -> str | None:
        """A comment at the end of the statement's first line."""
        return None

    def closing(self, node: object) -> list[str]:
        """Lines before the closing brace of the statement's block (a block is written for them)."""
        return []

    def after(self, node: object) -> str | None:
        """A comment after the closing brace of the statement's block (a block is written for it)."""
        return None

    def entries(self, node: object) -> Mapping[str, tuple[Sequence[str], str | None]]:
        """Comments of the properties in the statement's block: property (as in keywords.PROPERTIES)
        -> (lines before it, the comment at its end). The block is written over several lines for them;
        those of a property that is not written go before the closing brace."""
        return {}

    def joins(self, node: object) -> bool | None:
        """True: write the statement on the line of the one before it, when that is a whole declaration,
        report or include of one line (`单位 甲、乙`, `汇报 甲; 汇报 乙`); False: never on one line with it (units that
        could be declared together are not); None: as the layout has it."""
        return None

    def remaining(self) -> list[str]:
        """Lines at the end of the file (comments no statement claimed)."""
        return []


Entry = tuple[str, str]  # (property, text as written: `key: value`)


class Writer:
    def __init__(self, language: str, comments: Comments | None = None):
        self.zh = language == "zh"
        self.lines: list[str] = []
        self.comments = comments or Comments()
        self.one_line: int | None = None  # index of the last line if it holds a whole statement, without comment

    def keyword(self, statement: str) -> str:
        zh, en = STATEMENTS[statement]
        return zh if self.zh else en

    def key(self, prop: str) -> str:
        zh, en = PROPERTIES[prop]
        return zh[0] if self.zh else en[0]

    def entry(self, prop: str, text: str) -> Entry:
        return prop, f"{self.key(prop)}: {text}"

    def emit(self, depth: int, text: str) -> None:
        self.lines.append(INDENT * depth + text)

    def comment_lines(self, depth: int, lines: Iterable[str]) -> None:
        for line in lines:
            if not line and (not self.lines or not self.lines[-1] or self.lines[-1].endswith("{")):
                continue  # one blank line at most, and none at the top of the file or of a block
            self.lines.append(INDENT * depth + line if line else "")

    def leading(self, depth: int, node: object) -> None:
        self.comment_lines(depth, self.comments.leading(node))

    def joining(self, node: object) -> bool:
        """The statement goes on the line before (see Comments.joins)."""
        return bool(self.comments.joins(node)) and self.one_line is not None \
            and self.one_line == len(self.lines) - 1 and not self.comments.leading(node)

    def head(self, depth: int, node: object, text: str, last: object = None, moved: Sequence[str] = ()) -> None:
        """A statement's first line, after its leading comments and with its trailing one (that of
        `last` for a declaration of several units), and those of the properties `moved` into it."""
        lines = list(self.comments.leading(node))
        ends = []
        for prop in moved:
            before, end = self.comments.entries(node).get(prop, ((), None))
            lines += before
            ends += [end] if end else []
        comment = self.comments.trailing(node if last is None else last)
        if comment is None and ends:
            comment = ends.pop(0)
        lines += ends
        line = f"{text}  {comment}" if comment else text
        if not lines and self.joining(node):
            self.lines[-1] += f"; {line}"
        else:
            self.comment_lines(depth, lines)
            self.emit(depth, line)
        # Only a statement that ends where its last name or brace does can have another after a `;`:
        # a title or a value would run on over it.
        self.one_line = None if comment or not isinstance(node, (Unit, Report, Include)) else len(self.lines) - 1

    def has_inner(self, node: object, moved: Sequence[str] = ()) -> bool:
        """Comments inside the statement's block or after it: the block is written over several lines."""
        entries = [prop for prop in self.comments.entries(node) if prop not in moved]
        return bool(entries or self.comments.closing(node)) or self.comments.after(node) is not None

    def block(self, depth: int, head: str, entries: list[Entry], inline: bool, node: object = None,
              last: object = None, moved: Sequence[str] = ()) -> None:
        """A statement with its properties: `head`, `head { a; b }` or `head {`, one per line, `}`.
        The comments of the properties `moved` (written in the head) go with the head."""
        if not self.has_inner(node, moved):
            if not entries:
                self.head(depth, node, head, last, moved)
                return
            if inline:
                self.head(depth, node, f"{head} {{ {'; '.join(text for _, text in entries)} }}", last, moved)
                return
        self.open(depth, node, head, entries, last, moved)
        self.close(depth, node, [*(prop for prop, _ in entries), *moved])

    def open(self, depth: int, node: object, head: str, entries: list[Entry], last: object = None,
             moved: Sequence[str] = ()) -> None:
        """`head {` and the properties, each with its comments."""
        self.head(depth, node, head + " {", last, moved)
        self.one_line = None
        comments = self.comments.entries(node)
        for prop, text in entries:
            before, end = comments.get(prop, ((), None))
            self.comment_lines(depth + 1, before)
            self.emit(depth + 1, f"{text}  {end}" if end else text)

    def close(self, depth: int, node: object, written: Iterable[str] = ()) -> None:
        """The comments before the closing brace, the brace, and the comment after it."""
        written = set(written)
        for prop, (before, end) in self.comments.entries(node).items():
            if prop not in written:  # a property the block does not write (one the model cannot hold)
                self.comment_lines(depth + 1, [*before, *([end] if end else [])])
        self.comment_lines(depth + 1, self.comments.closing(node))
        after = self.comments.after(node)
        self.emit(depth, f"}}  {after}" if after else "}")
        self.one_line = None

    # Statements

    def plan(self, plan: Plan) -> None:
        entries = []
        if plan.basis is not None:
            entries.append(self.entry("basis", value(plan.basis)))
        if plan.issuer is not None:
            entries.append(self.entry("issuer", value(plan.issuer)))
        if plan.date is not None:
            entries.append(self.entry("date", iso(plan.date)))
        # A header that says nothing is left out, unless the file has one with comments (that may apply to its line).
        commented = any(self.comments.leading(plan)) or self.comments.trailing(plan) is not None \
            or self.has_inner(plan)
        if plan.title is None and not entries and (plan.span is None or not commented):
            self.leading(0, plan)
            return
        head = self.keyword("plan") + ("" if plan.title is None else f" {title(plan.title)}")
        self.block(0, head, entries, inline=False, node=plan)
        self.lines.append("")

    def unit_groups(self, units: Iterable[Unit]) -> Iterator[list[Unit]]:
        """Runs of declarations that differ only in name, written as one: `单位 综合办、党群部 { 上级: 党工委 }`.

        A unit with its own full name or aliases, or with a comment of its own, stands alone, unless
        it was declared with the ones before it.
        """
        group: list[Unit] = []
        later_commented = False  # whether a unit after the first has comments: kept as the group grows
        for unit in units:
            if group and self._joins(group, unit, later_commented):
                group.append(unit)
                later_commented = later_commented or self._commented(unit)
                continue
            if group:
                yield group
            group, later_commented = [unit], False
        if group:
            yield group

    def _commented(self, node: object) -> bool:
        return bool(self.comments.leading(node)) or self.comments.trailing(node) is not None or self.has_inner(node)

    def _joins(self, group: list[Unit], unit: Unit, later_commented: bool) -> bool:
        previous = group[-1]
        tied = self.comments.joins(unit)
        if tied is False or attrs.evolve(unit, name=previous.name) != previous:
            return False
        if tied:  # declared together, or on a line a suppression comment applies to
            return not self.has_inner(unit)
        if unit.full_name is not None or unit.aliases:
            return False
        # Only the first of a group may have comments, and only before it: any other would move.
        # `later_commented` is kept by the caller: looking through the group for each new unit made
        # writing a long group quadratic (8,000 units: 23 s).
        return not self._commented(unit) and self.comments.trailing(group[0]) is None \
            and not self.has_inner(group[0]) and not later_commented

    def unit(self, group: list[Unit]) -> None:
        unit = group[0]
        entries = []
        if unit.full_name is not None:
            entries.append(self.entry("full", value(unit.full_name)))
        if unit.aliases:
            entries.append(self.entry("aliases", names(unit.aliases)))
        if unit.parent is not None:
            entries.append(self.entry("parent", name(unit.parent.name)))
        levels = unit.levels if unit.collective else ((unit.level,) if unit.level else ())
        if levels:
            entries.append(self.entry("level", names(levels)))
        if unit.kind is not None:
            zh, en = UNIT_KINDS[unit.kind]
            entries.append(self.entry("kind", zh if self.zh else en))
        declared = "、".join(declared_name(u.name) for u in group)
        self.block(0, f"{self.keyword('collective' if unit.collective else 'unit')} {declared}", entries,
                   inline=True, node=unit, last=group[-1])

    def role_entries(self, assignments: Sequence[Assignment]) -> list[Entry]:
        entries = []
        for role in Role:
            units = [a.unit for a in assignments if a.role is role and not (a.each and role is Role.LEAD)]
            if units:
                entries.append(self.entry(_ROLE_PROPERTY[role], names(units)))
            if role is Role.LEAD:  # leads that each lead their own part: `分别牵头: A、B`, after any plain lead
                each = [a.unit for a in assignments if a.each and a.role is Role.LEAD]
                if each:
                    entries.append(self.entry(EACH_LEAD_PROPERTY, names(each)))
            elif any(a.each for a in assignments if a.role is role):
                raise UnwritableError(f"only a lead can lead its part separately (each=True), not {role.value}")
        return entries

    def items(self, items: Iterable[Item], depth: int) -> None:
        previous: Item | None = None
        for item in items:
            if depth == 0 and previous is not None and (isinstance(item, Section) or isinstance(previous, Section)) \
                    and not self.joining(item):
                self.lines.append("")
            previous = item
            if isinstance(item, Section):
                self.section(item, depth)
            elif isinstance(item, Task):
                self.task(item, depth)
            elif isinstance(item, Report):
                self.report(item, depth)
            elif isinstance(item, Include):
                self.block(depth, f"{self.keyword('include')} {quote(item.path)}", [], inline=True, node=item)
            elif isinstance(item, Note):
                self.note(item, depth)

    def section(self, section: Section, depth: int) -> None:
        statement = "carrier" if section.kind is SectionKind.CARRIER else "section"
        head = self.keyword(statement)
        if section.number:
            head += f" {number(section.number)}"
        if section.title:
            head = after_number(head, title(section.title)) if section.number else f"{head} {title(section.title)}"
        entries = [self.entry("id", value(section.id))] if section.id else []
        entries += self.role_entries(section.assignments)
        if section.leaders:
            entries.append(self.entry("leader", people(section.leaders)))
        if section.loop:
            stages = "、".join(LOOP_STAGES[stage][0 if self.zh else 1] for stage in section.loop)
            entries.append(self.entry("loop", stages))
        self.open(depth, section, head, entries)
        self.items(section.items, depth + 1)
        self.close(depth, section, (prop for prop, _ in entries))

    def task(self, task: Task, depth: int) -> None:
        # A numbered task reads as the document's own line: `(一)标题。正文(责任单位:A、B)`;
        # the keyword is optional there, and kept in English for readers of English keywords.
        # A task read from a file keeps the choices its planner made (model.Layout).
        layout = task.layout
        keyword = layout.keyword if layout is not None else not self.zh
        if task.number and not keyword:
            head = number(task.number)
        else:
            head = self.keyword("task") + (f" {number(task.number)}" if task.number else "")
        pasted = _pastable(task) and (layout is None or layout.pasted)
        if task.title:
            text = f"{task.title}。{task.body}" if pasted else title(task.title)
            head = after_number(head, text) if task.number else f"{head} {text}"
        # Only an id the plan states: one that comes from the numbering is derived again on reading.
        entries = [self.entry("id", value(task.id))] if task.id else []
        # `责任单位: A、B` is written as the annotation or as `牵头: A` and `配合: B`: its comments go to the
        # head line, which holds the units or opens the block that does.
        moved: tuple[str, ...] = ("responsible", "body") if pasted else ("responsible",)
        if _annotation_form(task) and (layout is None or layout.annotation):
            label = "责任单位" if self.zh else "responsible"
            head += ("" if pasted else " ") + f"({label}:{names(a.unit for a in task.assignments)})"
            moved += ("lead", "support")  # their comments go with the units, to the head line
        else:
            entries += self.role_entries(task.assignments)
        if task.leaders:
            entries.append(self.entry("leader", people(task.leaders)))
        for prop in ("cadence", "due"):
            cadence = getattr(task, prop)
            if cadence is not None:
                entries.append(self.entry(prop, value(cadence.text)))
        if task.deliverable is not None:
            entries.append(self.entry("deliverable", value(task.deliverable)))
        if task.body is not None and not pasted:
            entries.append(self.entry("body", value(task.body)))
        self.block(depth, head, entries, inline=False, node=task, moved=moved)

    def note(self, note: Note, depth: int) -> None:
        head = self.keyword("note")
        if note.number:
            head += f" {number(note.number)}"
        if note.title:
            head = after_number(head, title(note.title)) if note.number else f"{head} {title(note.title)}"
        entries = [self.entry("body", value(note.body))] if note.body is not None else []
        self.block(depth, head, entries, inline=True, node=note)  # `说明 (一)指导思想 { 正文: … }`, one line as written

    def report(self, report: Report, depth: int) -> None:
        head = f"{self.keyword('report')} {declared_name(report.source.name)}"
        if report.target is not None:
            head += f" -> {declared_name(report.target.name)}"
        entries = []
        if report.content is not None:
            entries.append(self.entry("content", value(report.content)))
        for prop in ("cadence", "due"):
            cadence = getattr(report, prop)
            if cadence is not None:
                entries.append(self.entry(prop, value(cadence.text)))
        if report.form is not None:
            entries.append(self.entry("form", value(report.form)))
        self.block(depth, head, entries, inline=True, node=report)


def _annotation_form(task: Task) -> bool:
    """One lead listed first and nothing but supporting units: the document's (责任单位:A、B). Not
    when the lead is also among them (E302): `(责任单位:A、B、A)` reads as A named twice as the lead."""
    rows = task.assignment_rows  # roles and names, without making the Assignments
    return bool(rows) and rows[0][0] == _LEAD and all(row[0] == _SUPPORT for row in rows[1:]) \
        and not any(row[4] for row in rows) and all(annotated(row[1]) for row in rows) \
        and all(row[1] != rows[0][1] for row in rows[1:])


_LEAD, _SUPPORT = list(Role).index(Role.LEAD), list(Role).index(Role.SUPPORT)  # a role's index in a row


def write_plan(plan: Plan, keywords: str = "zh", comments: Comments | None = None) -> str:
    """Canonical text of `plan`; `comments` interleaves comments (see `Comments`)."""
    if keywords not in ("zh", "en"):
        raise ValueError(f"keywords must be 'zh' or 'en', not {keywords!r}")
    writer = Writer(keywords, comments)
    writer.plan(plan)
    for group in writer.unit_groups(plan.units):
        writer.unit(group)
    if plan.units and plan.items:
        writer.lines.append("")
    writer.items(plan.items, 0)
    tail = writer.comments.remaining()
    if tail:
        writer.lines += ["", *tail] if writer.lines else tail
    return "\n".join(writer.lines).rstrip("\n") + "\n"

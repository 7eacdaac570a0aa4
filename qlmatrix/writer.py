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
from collections.abc import Iterable, Iterator, Sequence

import attrs

from .errors import QlmError
from .keywords import ANNOTATION_START, LOOP_STAGES, PROPERTIES, STATEMENTS, UNIT_KINDS
from .model import Assignment, Include, Item, Plan, Ref, Report, Role, Section, SectionKind, Task, Unit

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
    plain = (text and text == text.strip() and not text.startswith('"') and not _VALUE_UNSAFE.search(text))
    return text if plain else quote(text)


def title(text: str) -> str:
    # A leading colon would make the keyword before it read as a property name (`载体 :x` -> `载体:`).
    plain = (text and text == text.strip() and not text.startswith(('"', ":", "：")) and "。" not in text
             and not re.search(r"[{}｛｝#＃\n\r]", text) and not ANNOTATION_START.search(text)
             and not _NUMBER_START.match(text + " "))
    return text if plain else quote(text)


def name(text: str) -> str:
    """A unit name in a list or reference; names must be readable back as one NAME."""
    if not _NAME.fullmatch(text) or _depth_separator(text):
        raise UnwritableError(f"unit name {text!r} cannot be written in .qlm: avoid ; : 、 , braces and brackets")
    return text


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
        and not re.search(r"[{}｛｝#＃\n\r]", body) and not ANNOTATION_START.search(body)


def names(values: Iterable[Ref | str]) -> str:
    return "、".join(name(str(v)) for v in values)


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
        """Lines before a section's closing brace."""
        return []

    def remaining(self) -> list[str]:
        """Lines at the end of the file (comments no statement claimed)."""
        return []


class Writer:
    def __init__(self, language: str, comments: Comments | None = None):
        self.zh = language == "zh"
        self.lines: list[str] = []
        self.comments = comments or Comments()

    def keyword(self, statement: str) -> str:
        zh, en = STATEMENTS[statement]
        return zh if self.zh else en

    def key(self, prop: str) -> str:
        zh, en = PROPERTIES[prop]
        return zh[0] if self.zh else en[0]

    def entry(self, prop: str, text: str) -> str:
        return f"{self.key(prop)}: {text}"

    def emit(self, depth: int, text: str) -> None:
        self.lines.append(INDENT * depth + text)

    def leading(self, depth: int, node: object) -> None:
        for line in self.comments.leading(node):
            if not line and (not self.lines or not self.lines[-1] or self.lines[-1].endswith("{")):
                continue  # one blank line at most, and none at the top of the file or of a block
            self.lines.append(INDENT * depth + line if line else "")

    def head(self, depth: int, node: object, text: str) -> None:
        """A statement's first line, after its leading comments and with its trailing one."""
        self.leading(depth, node)
        comment = self.comments.trailing(node)
        self.emit(depth, f"{text}  {comment}" if comment else text)

    def block(self, depth: int, head: str, entries: list[str], inline: bool, node: object = None) -> None:
        if not entries:
            self.head(depth, node, head)
        elif inline:
            self.head(depth, node, f"{head} {{ {'; '.join(entries)} }}")
        else:
            self.head(depth, node, head + " {")
            for entry in entries:
                self.emit(depth + 1, entry)
            self.emit(depth, "}")

    # Statements

    def plan(self, plan: Plan) -> None:
        if plan.title is None and plan.basis is None and plan.issuer is None:
            self.leading(0, plan)
            return
        head = self.keyword("plan") + ("" if plan.title is None else f" {title(plan.title)}")
        entries = []
        if plan.basis is not None:
            entries.append(self.entry("basis", value(plan.basis)))
        if plan.issuer is not None:
            entries.append(self.entry("issuer", value(plan.issuer)))
        self.block(0, head, entries, inline=False, node=plan)
        self.lines.append("")

    def unit_groups(self, units: Iterable[Unit]) -> Iterator[list[Unit]]:
        """Runs of declarations that differ only in name, written as one: `单位 综合办、党群部 { 上级: 党工委 }`.

        A unit with its own full name or aliases, or with a comment of its own, stands alone.
        """
        group: list[Unit] = []
        for unit in units:
            if group and self._joins(group[-1], unit):
                group.append(unit)
                continue
            if group:
                yield group
            group = [unit]
        if group:
            yield group

    def _joins(self, previous: Unit, unit: Unit) -> bool:
        return (unit.full_name is None and not unit.aliases and attrs.evolve(unit, name=previous.name) == previous
                and not self.comments.leading(unit) and not self.comments.trailing(unit)
                and not self.comments.trailing(previous))

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
        declared = "、".join(quote(u.name) if not _NAME.fullmatch(u.name) else u.name for u in group)
        self.block(0, f"{self.keyword('collective' if unit.collective else 'unit')} {declared}", entries,
                   inline=True, node=unit)

    def role_entries(self, assignments: Sequence[Assignment]) -> list[str]:
        entries = []
        for role in Role:
            units = [a.unit for a in assignments if a.role is role]
            if units:
                entries.append(self.entry(_ROLE_PROPERTY[role], names(units)))
        return entries

    def items(self, items: Iterable[Item], depth: int) -> None:
        previous: Item | None = None
        for item in items:
            if depth == 0 and previous is not None and (isinstance(item, Section) or isinstance(previous, Section)):
                self.lines.append("")
            previous = item
            if isinstance(item, Section):
                self.section(item, depth)
            elif isinstance(item, Task):
                self.task(item, depth)
            elif isinstance(item, Report):
                self.report(item, depth)
            elif isinstance(item, Include):
                self.head(depth, item, f"{self.keyword('include')} {quote(item.path)}")

    def section(self, section: Section, depth: int) -> None:
        statement = "carrier" if section.kind is SectionKind.CARRIER else "section"
        head = self.keyword(statement)
        if section.number:
            head += f" {number(section.number)}"
        if section.title:
            head = after_number(head, title(section.title)) if section.number else f"{head} {title(section.title)}"
        entries = [self.entry("id", value(section.id))] if section.id else []
        entries += self.role_entries(section.assignments)
        if section.loop:
            stages = "、".join(LOOP_STAGES[stage][0 if self.zh else 1] for stage in section.loop)
            entries.append(self.entry("loop", stages))
        self.head(depth, section, head + " {")
        for entry in entries:
            self.emit(depth + 1, entry)
        self.items(section.items, depth + 1)
        for line in self.comments.closing(section):
            self.lines.append(INDENT * (depth + 1) + line if line else "")
        self.emit(depth, "}")

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
        if _annotation_form(task) and (layout is None or layout.annotation):
            label = "责任单位" if self.zh else "responsible"
            head += ("" if pasted else " ") + f"({label}:{names(a.unit for a in task.assignments)})"
        else:
            entries += self.role_entries(task.assignments)
        for prop in ("cadence", "due"):
            cadence = getattr(task, prop)
            if cadence is not None:
                entries.append(self.entry(prop, value(cadence.text)))
        if task.deliverable is not None:
            entries.append(self.entry("deliverable", value(task.deliverable)))
        if task.body is not None and not pasted:
            entries.append(self.entry("body", value(task.body)))
        self.block(depth, head, entries, inline=False, node=task)

    def report(self, report: Report, depth: int) -> None:
        head = f"{self.keyword('report')} {name(report.source.name)}"
        if report.target is not None:
            head += f" -> {name(report.target.name)}"
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
    """One lead listed first and nothing but supporting units: the document's (责任单位:A、B)."""
    roles = [a.role for a in task.assignments]
    return bool(roles) and roles[0] is Role.LEAD and all(role is Role.SUPPORT for role in roles[1:])


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

"""The last step of an import: the written plan is read back, and whatever does not parse is kept as a comment.

The importer's output must always parse. The writer is trusted for what it
knows, but a document can hold anything (a table cell `单位 纪委`, a title
that reads as a keyword), so the text is parsed again. When it has errors,
each statement (a unit line, a task with its block, a section's head and
closing brace) is parsed on its own; one that fails is turned into comments,
after a comment carrying the document's original line, and becomes a problem
(I010): never dropped silently. Statements are independent in the writer's
output, so this finds them all; should the whole still not parse, the
statements at the errors are commented out in rounds, and at the very last
everything is (a plan of comments parses).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

import attrs

from ..diagnostics import Diagnostic
from ..keywords import STATEMENTS
from ..model import Assignment, Item, Plan, Section, Task
from ..parser import ReadResult, read_text
from ..parser.values import quoted_end
from ..span import Span
from ..text import Text
from .build import Problem, excerpt

#: The provenance comment the importer ends each section and task head with (output.py).
PROVENANCE = re.compile(r"  # 原文第(\d+)[行段][^#]*$")
#: Characters that end a line for some reader (str.splitlines): never inside a comment written here.
_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SECTION_HEAD = re.compile(r"^(?:" + "|".join(
    re.escape(word) for key in ("section", "carrier") for word in STATEMENTS[key]) + r")[ \t\u3000]")
_INCLUDE = re.compile(r"^(?:" + "|".join(map(re.escape, STATEMENTS["include"])) + r")[ \t\u3000\"]")
#: A property line (`编号: 十-2`), as the grammar's KEY reads one; a number (`1.`) starts a task instead.
_PROPERTY = re.compile(r"^(?![0-9０-９一二三四五六七八九十百]+[、，.．])[^\s:：;；{}｛｝#＃\"(（]+[ \t\u3000]*[:：]")
ROUNDS = 10
_NOWHERE = "/nonexistent/qlm-import"  # includes are never followed from an imported plan


@attrs.frozen
class Guarded:
    lines: list[str]
    problems: list[Problem]  # one per statement turned into comments
    read: ReadResult  # the final text read back: no errors


def one_line(text: str) -> str:
    """`text` safe inside a comment: every kind of line break becomes a space."""
    return _BREAKS.sub(" ", text)


def _read(lines: list[str]) -> ReadResult:
    return read_text("\n".join(lines), "<import>", base_dir=_NOWHERE)


def _errors(result: ReadResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.is_error]


def _code(line: str) -> str:
    """The line without its comment and quoted text (which may hold braces), stripped."""
    out, index = [], 0
    while index < len(line):
        char = line[index]
        if char == '"':
            index = quoted_end(line, index)
            continue
        if char in "#＃":
            break
        out.append(char)
        index += 1
    return "".join(out).strip(" \t\u3000")


def statements(lines: list[str]) -> Iterator[tuple[list[int], list[int]]]:
    """(lines to read it by itself, lines to comment out) for each statement of the writer's output:
    a line, a block to its closing brace, or a section's head, own properties and closing brace (its
    items are statements of their own)."""
    sections: list[list[int]] = []
    index = 0
    while index < len(lines):
        code = _code(lines[index])
        if not code:
            index += 1
            continue
        if code in ("}", "｝"):
            own = [*sections.pop(), index] if sections else [index]
            yield own, own
            index += 1
            continue
        if code.endswith(("{", "｛")) and _SECTION_HEAD.match(code):
            own = [index]
            index += 1
            while index < len(lines) and (not _code(lines[index]) or _PROPERTY.match(_code(lines[index]))):
                if _code(lines[index]):  # the section's own properties (`编号: 十-2`) go with its head
                    own.append(index)
                index += 1
            sections.append(own)
            continue
        end = _block_end(lines, index) if code.endswith(("{", "｛")) else index
        block = list(range(index, end + 1))
        yield block, block
        index = end + 1
    for own in sections:  # never closed: the head alone
        yield own, own


def _block_end(lines: list[str], start: int) -> int:
    depth = 0
    for index in range(start, len(lines)):
        code = _code(lines[index])
        depth += code.count("{") + code.count("｛") - code.count("}") - code.count("｝")
        if depth <= 0:
            return index
    return len(lines) - 1


def guard(lines: list[str], originals: Mapping[int, str], where: Callable[[int], str]) -> Guarded:
    """`lines` (the written plan) with every statement that does not parse turned into comments.

    `originals` maps a document line to its text, `where` a document line to `原文第N行`."""
    lines = list(lines)
    problems: list[Problem] = []

    def comment_out(indices: list[int], code: str) -> None:
        indices = [i for i in indices if _code(lines[i])]
        if not indices:
            return
        head = lines[indices[0]]
        provenance = PROVENANCE.search(head)
        line = int(provenance.group(1)) if provenance else 0
        original = originals.get(line, "") if provenance else ""
        for index in indices:
            text = lines[index]
            indent = text[: len(text) - len(text.lstrip(" "))]
            lines[index] = f"{indent}# {text.lstrip(' ')}"
        indent = head[: len(head) - len(head.lstrip(" "))]
        shown = one_line(original.strip() or head.strip())
        note = f"{indent}# 未能写成.qlm({where(line)}),原文: {shown}" if provenance else \
            f"{indent}# 未能写成.qlm,已改为注释:"
        lines[indices[0]] = note + "\n" + lines[indices[0]]
        problems.append(Problem(line or 1, excerpt(shown), Text(
            f"the imported statement does not read back as .qlm ({code}): it is kept as a comment",
            f"导入结果中的此条无法按.qlm读回（{code}），已改为注释")))

    result = _read(lines)
    if not _errors(result):
        return Guarded(lines, problems, result)
    for alone, commented in list(statements(lines)):
        snippet = [lines[i] for i in alone]
        if _INCLUDE.match(_code(snippet[0])):
            comment_out(commented, "E007")
            continue
        errors = _errors(_read(snippet))
        if errors:
            comment_out(commented, errors[0].code)
    lines = "\n".join(lines).split("\n")  # the notes added lines
    for _ in range(ROUNDS):
        result = _read(lines)
        errors = _errors(result)
        if not errors:
            return Guarded(lines, problems, result)
        before = len(problems)
        for error in errors:
            if error.span is not None and 0 < error.span.line <= len(lines):
                comment_out(_statement_at(lines, error.span.line - 1), error.code)
        lines = "\n".join(lines).split("\n")
        if len(problems) == before:
            break
    comment_out(list(range(len(lines))), "E001")  # the very last resort: nothing left to misread
    lines = "\n".join(lines).split("\n")
    return Guarded(lines, problems, _read(lines))


def _statement_at(lines: list[str], index: int) -> list[int]:
    """The lines of the statement that holds line `index`: for a section's head or brace, those two."""
    for _, commented in statements(lines):
        if index in commented:
            return commented
    return [index]


def respan(plan: Plan, lines: list[str], source: str, units: Mapping[str, Span | None]) -> Plan:
    """`plan` read back from the guarded `lines`, its spans moved to the document's lines again: a
    statement's to the line its `# 原文第N行` names (a task's properties, to its head's), a unit's to
    where the import first met it (`units`)."""
    document_line: dict[int, int] = {}
    current = None
    for number, text in enumerate(lines, start=1):
        code = _code(text)
        provenance = PROVENANCE.search(text)
        if code and provenance:
            current = int(provenance.group(1))
        elif code and not text.startswith((" ", "}")):  # a unit or the plan's header: no provenance
            current = None
        if current is not None:
            document_line[number] = current

    def moved(span: Span | None) -> Span | None:
        line = document_line.get(span.line) if span is not None else None
        return Span(source, line, 1, line, 1) if line is not None else None

    def assignments(found: tuple[Assignment, ...]) -> tuple[Assignment, ...]:
        return tuple(attrs.evolve(a, unit=attrs.evolve(a.unit, span=moved(a.unit.span)), span=moved(a.span))
                     for a in found)

    def item(node: Item) -> Item:
        if isinstance(node, Section):
            return attrs.evolve(node, items=tuple(item(child) for child in node.items),
                                assignments=assignments(node.assignments), span=moved(node.span))
        if isinstance(node, Task):
            return attrs.evolve(node, assignments=assignments(node.assignments), span=moved(node.span))
        return node

    return attrs.evolve(plan, units=tuple(attrs.evolve(unit, span=units.get(unit.name)) for unit in plan.units),
                        items=tuple(item(node) for node in plan.items), span=None)

"""How much of a document's assignment-looking material the import explains: the import's own verdict.

The readers each know one form of a document; when a copy comes in a form none of them knows (a table laid out
otherwise, a copy whose line breaks were lost), the plan they build is plausible and wrong. This module measures
the built plan against the document's text, independently of how the text was read: it finds the passages that
look like assignments (bracketed notes with 牵头/负责/配合/责任单位, label lines `牵头单位：`, lines or cells made of
unit names) and asks whether a task or section starting at or before each holds one of the units the passage
names; it counts the tasks whose lead cannot be a unit (a sentence, a verb phrase), the items numbered out of
sequence and the titles that hold an item's number (an item not cut there). When too little is explained, the
import says so (I012) instead of handing the plan over silently. Its vocabulary is its own, small and plain, so
that a reader's mistake is not repeated by the measure of it.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

import attrs

from ..diagnostics import Diagnostic, Severity
from ..model import Role, Section, Task
from ..span import Span
from .build import excerpt
from .numbering import number_value
from .units import is_collective, looks_like_unit

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ..model import Item, Plan
    from .reading import Line

#: The role words of an assignment, simplified and traditional.
_ROLE = r"牵头|牽頭|负责|負責|配合|协办|協辦|主办|主辦|协同|協同|协助|協助|责任单位|責任單位|责任部门|責任部門"
_ROLE_WORD = re.compile(_ROLE)
#: A bracketed passage holding a role word: `（市发改委牵头，市财政局配合）`, `〔责任单位：省商务厅〕`.
_NOTE = re.compile(rf"[(（〔【\[](?=[^()（）〔〕【】\[\]\0]*(?:{_ROLE}))[^()（）〔〕【】\[\]\0]{{2,300}}[)）〕】\]]")
#: A label naming units: `牵头单位：`, `责任部门:`, `协同责任单位：`, `配合单位 :`.
_LABEL = re.compile(r"(?:牵头|牽頭|责任|責任|配合|协办|協辦|主办|主辦|协同|協同|参与|參與|承办|承辦)"
                    r"[\u4e00-\u9fff]{0,4}(?:单位|單位|部门|部門)[ \t\u3000]*[:：]")
#: A table's header cell naming a column of units: `责任单位`, `牵头单位 |`, `协同配合单位`, `主要责任部门`.
_HEADER = re.compile(r"^[ \t\u3000|]*[\u4e00-\u9fff]{0,4}(?:牵头|牽頭|责任|責任|配合|协同|協同|协办|協辦|主办|主辦|承办|承辦|落实|落實|参与|參與)"
                     r"[\u4e00-\u9fff]{0,4}(?:单位|單位|部门|部門|主体|主體)[ \t\u3000|]*$")
#: A clause of a note that states the document's rule (`列第一位者为牵头单位`, `下同`), naming no unit.
_RULE_CLAUSE = re.compile(r"下同|[为為][^，,。；;]{0,8}(?:牵头|牽頭|主办|主辦)")
_CLAUSES = re.compile(r"[，,。；;]")
#: What is left of a label once its role word is taken out (`考核单位` of `牵头考核单位`, `处室` of `配合处室`): no unit.
_LABEL_REST = re.compile(r"[\u4e00-\u9fff]{0,4}(?:单位|單位|部门|部門|处室|處室|科室|股室|机构|機構|主体|主體)")
_ROLE_WORDS = re.compile(rf"{_ROLE}|配合|参与|參與|承办|承辦|落实|落實|实施|實施")
#: What separates the cells of a table's row written on one line: a pipe, or a run of blanks.
_CELL_APART = re.compile(r"[ \t\u3000]*\|[ \t\u3000]*|[ \t\u3000]{2,}|\t")
#: What separates the units of a line made of unit names only (a table's cell, one per line).
_CELL_SEPARATORS = re.compile(r"[、，,；;\s|]+")
#: What separates the names of a passage, brackets included.
_SEPARATORS = re.compile(r"[、，,；;：:。（）()〔〕【】\[\]\s|]+")
#: Pinyin a copy sets after characters (`發(fā)`): not part of the names the plan holds.
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,8}\)")
#: A lead no unit is named like: a sentence's end, or a task's verb opening it.
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_TASK_VERB = re.compile(r"^(?:加强|加強|推进|推進|推动|推動|完善|健全|建立|落实|落實|开展|開展|实施|實施|提升|提高|强化|強化|深化|"
                        r"优化|優化|持续|持續|积极|積極|全面|做好|抓好|组织|組織|确保|確保|支持|鼓励|鼓勵|坚持|堅持|推行|新建|建成|建设|建設|"
                        r"完成|新增|改造|开工|開工|实现|實現)")
_LONGEST_UNIT = 30
#: The digits of an item number, whatever they count in: `(三)` and `(十一)` are one style, `3.` another.
_STYLE = re.compile(r"[0-9０-９]+|[一二三四五六七八九十百]+")
#: An item's number in a title: `2.`, `（一）`, `三、` (not `3.5%`, nor a year's `2031.`).
_NUMBER = re.compile(r"(?<![0-9０-９])[0-9０-９]{1,2}[.．、](?![0-9０-９%％])|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、")
_NUMBER_OPENING = re.compile(rf"^[ \t\u3000]*(?:{_NUMBER.pattern}|[（(][0-9０-９]{{1,2}}[)）])")
#: What a cell of a task holds and a unit's name does not: figures (`新建幼儿园3所`), a sentence's end.
_FIGURES = re.compile(r"[0-9０-９。]")

#: Below this share of passages explained, or above these shares of implausible leads, of items out of order and of
#: items with a number in their title, the reading is doubtful. Chosen on the fixtures (all above and below them)
#: and on damaged copies of them (lines shuffled, joined into one, a table's 序号 stripped, its cells cut
#: otherwise): see tests/test_import_coverage.py.
EXPLAINED_AT_LEAST = 0.75
IMPLAUSIBLE_AT_MOST = 0.2
OUT_OF_ORDER_AT_MOST = 0.2
NUMBERS_IN_TITLES_AT_MOST = 0.2
#: Fewer passages than this say too little to judge a document by.
FEWEST_PASSAGES = 3
#: How many unexplained passages the report quotes.
QUOTED = 3


@attrs.frozen
class Coverage:
    """How much of the document's assignment-looking material the plan explains (`ImportResult.coverage`).

    `passages`: bracketed notes, label passages and cells of unit names found in the text; `explained`: those
    whose units a task or section starting at or before them holds; `unexplained`: the first of the others,
    (line, excerpt). `role_words`: how often the text says 牵头, 负责, 配合, 责任单位...; `assigned`: the tasks and
    sections with roles, of which `tasks` are tasks and `implausible` tasks have a lead that reads as prose;
    `numbered`: items with a number, of which `out_of_order` do not follow the one before them; `items`: the tasks and
    sections, of which `numbers_in_titles` have a title opening with an item's number or holding two (the item was
    not cut there: `2.推进登记管理改革`). `doubtful` is the verdict."""

    passages: int
    explained: int
    role_words: int
    assigned: int
    tasks: int
    implausible: int
    numbered: int
    out_of_order: int
    items: int
    numbers_in_titles: int
    unexplained: tuple[tuple[int, str], ...]

    @property
    def share(self) -> float:
        """The share of passages explained (1.0 for a document without any)."""
        return self.explained / self.passages if self.passages else 1.0

    @property
    def doubtful(self) -> bool:
        """Is the reading too far from the document to be handed over without a warning?"""
        return bool(self.reasons)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Which measures are beyond their bounds: `explained`, `assigned`, `leads`, `order`, `numbers`."""
        out = []
        if self.passages >= FEWEST_PASSAGES and self.share < EXPLAINED_AT_LEAST:
            out.append("explained")
        if self.role_words and not self.assigned:
            out.append("assigned")
        if self.tasks and self.implausible / self.tasks > IMPLAUSIBLE_AT_MOST:
            out.append("leads")
        if self.numbered >= FEWEST_PASSAGES and self.out_of_order / self.numbered > OUT_OF_ORDER_AT_MOST:
            out.append("order")
        if self.items and self.numbers_in_titles / self.items > NUMBERS_IN_TITLES_AT_MOST:
            out.append("numbers")
        return tuple(out)


def measure(lines: list[Line], plan: Plan) -> Coverage:
    """The coverage of `plan`, read from `lines` (the document as the readers got it)."""
    assigned = [item for item in _walk(plan.items) if isinstance(item, (Task, Section)) and item.assignment_count]
    held: dict[int, set[str]] = {}
    for item in assigned:
        if item.span is not None:
            held.setdefault(item.span.line, set()).update(_names(item))
    starts = sorted(held)
    passages = _passages(lines)
    unexplained = [(line, text) for line, text in passages if not _explained(line, text, starts, held)]
    tasks = [item for item in assigned if isinstance(item, Task)]
    implausible = sum(1 for task in tasks if any(_implausible(a.unit.name) for a in task.assignments
                                                 if a.role is Role.LEAD))
    role_words = sum(len(_ROLE_WORD.findall(text)) for line in lines
                     for text in (line.cells if line.cells is not None else (line.text,)))
    numbered, out_of_order = _order(plan.items)
    items = [item for item in _walk(plan.items) if isinstance(item, (Task, Section))]
    in_titles = sum(1 for item in items if _NUMBER_OPENING.match(item.title) or len(_NUMBER.findall(item.title)) > 1)
    return Coverage(len(passages), len(passages) - len(unexplained), role_words, len(assigned), len(tasks),
                    implausible, numbered, out_of_order, len(items), in_titles,
                    tuple((line, excerpt(text)) for line, text in unexplained[:QUOTED]))


def coverage_diagnostic(coverage: Coverage, source: str) -> Diagnostic:
    """I012 for a doubtful reading, at the first passage not explained (else the document's first line)."""
    line = coverage.unexplained[0][0] if coverage.unexplained else 1
    args = {name: getattr(coverage, name) for name in ("role_words", "passages", "explained", "assigned",
                                                        "implausible", "numbered", "out_of_order", "items",
                                                        "numbers_in_titles")}
    return Diagnostic("I012", Span(source, line, 1, line, 1), severity=Severity.WARNING, args=args,
                      help="import-check-reading")


def _walk(items: Iterable[Item]) -> Iterator[Item]:
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from _walk(item.items)


def _names(item: Task | Section) -> set[str]:
    return {_plain(assignment.unit.name) for assignment in item.assignments}


def _plain(text: str) -> str:
    return _PINYIN.sub("", re.sub(r"[\s|]+", "", text)).translate(str.maketrans("()", "（）"))


def _passages(lines: list[Line]) -> list[tuple[int, str]]:
    """(line, text) of every passage that looks like an assignment and names a unit, in the document's order."""
    found = [*_notes(lines), *_labels_and_cells(lines)]
    return sorted(((line, text) for line, text in found if _names_a_unit(text)), key=lambda passage: passage[0])


def _notes(lines: list[Line]) -> list[tuple[int, str]]:
    """The bracketed notes with a role word, found in the text run together: a note a copy broke over lines (or
    whose lines a copy lost) is one note, at the line it opens on. A table's cells are apart (`\\0`)."""
    starts, pieces, at = [], [], 0
    for line in lines:
        for text in (f"{cell}\0" for cell in line.cells) if line.cells is not None else (line.text,):
            starts.append(at)
            pieces.append(text)
            at += len(text)
    numbers = [line.number for line in lines for _ in (line.cells if line.cells is not None else (None,))]
    return [(numbers[bisect.bisect_right(starts, match.start()) - 1], match.group(0))
            for match in _NOTE.finditer("".join(pieces))]


def _labels_and_cells(lines: list[Line]) -> Iterator[tuple[int, str]]:
    """Label passages (`牵头单位：市发改委`, to the next label or the sentence's end) and, once a table's header has
    named a column of units, cells of unit names (before it, a line holding a unit's name alone is the issuer's,
    or the addressees')."""
    in_table = False
    for line in lines:
        for text in line.cells if line.cells is not None else (line.text,):
            cells = [_plain(cell) for cell in _CELL_APART.split(text) if cell.strip()]
            if any(_HEADER.match(cell) for cell in cells):
                in_table = True
                continue
            rest = _NOTE.sub("\0", text)
            labels = [match.start() for match in _LABEL.finditer(rest)]
            for start, end in zip(labels, [*labels[1:], len(rest)]):
                yield line.number, re.split(r"[。\0]", rest[start:end])[0]
            if not labels and not _NOTE.search(text) and in_table:
                yield from ((line.number, cell) for cell in cells if _unit_names(cell))


def _pieces(text: str, separators: re.Pattern[str]) -> list[str]:
    return [piece.strip("等") for piece in separators.split(text.strip()) if piece.strip("等")]


def _unit_names(text: str) -> bool:
    """Is `text` made of unit names only (a table's cell: `市财政局、市商务局`, `区卫健局 |`)?"""
    pieces = _pieces(text, _CELL_SEPARATORS)
    return bool(pieces) and all(looks_like_unit(piece) and not _FIGURES.search(piece) and not _TASK_VERB.match(piece)
                                for piece in pieces)


def _names_a_unit(passage: str) -> bool:
    """Does the passage name a unit at all, its clauses that state a rule apart (not `（牵头）`,
    `（首位单位为牵头单位，下同）`, `（列第一位的为工作牵头单位或汇总单位）`)?"""
    clauses = "、".join(clause for clause in _CLAUSES.split(passage) if not _RULE_CLAUSE.search(clause))
    pieces = _pieces(_ROLE_WORDS.sub("、", _LABEL.sub("、", clauses)), _SEPARATORS)
    return any(looks_like_unit(piece) and (is_collective(piece) or not _LABEL_REST.fullmatch(piece)) for piece in pieces)


def _explained(line: int, text: str, starts: list[int], held: dict[int, set[str]]) -> bool:
    """Does the task or section that the passage belongs to (the last one starting at or before it) hold one of
    the units it names?"""
    at = bisect.bisect_right(starts, line)
    if not at:
        return False
    # A note holds whole names; a cell, or a label a copy broke over lines, may hold a piece of one (`府办`, `市`).
    plain = _plain(_LABEL.sub("", text)).strip("、，,；;：: ")
    return any(name in plain or plain in name for name in held[starts[at - 1]])


def _implausible(name: str) -> bool:
    return len(name) > _LONGEST_UNIT or bool(_SENTENCE_END.search(name)) or bool(_TASK_VERB.match(name))


def _order(items: Iterable[Item]) -> tuple[int, int]:
    """(numbered items, items whose number does not follow the sibling numbered in the same style before them):
    `3.` after `5.`; `(二)` after `4.` is another count."""
    numbered = out_of_order = 0
    previous: dict[str, int] = {}
    for item in items:
        number = getattr(item, "number", None)
        if number and number_value(number):
            value, style = number_value(number), _STYLE.sub("0", number)
            numbered += 1
            out_of_order += value <= previous.get(style, 0)
            previous[style] = value
        if isinstance(item, Section):
            inner, wrong = _order(item.items)
            numbered, out_of_order = numbered + inner, out_of_order + wrong
    return numbered, out_of_order

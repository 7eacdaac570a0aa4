"""From the outline to a Plan: notes read, lead rules applied, units declared, ids given.

The plan's spans point into the source document (line numbers), which is
how provenance survives: the writer's comment hook turns them into
`# 原文第N行`. Everything that looks like an assignment but is not
understood becomes a Problem: nothing is dropped silently.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import attrs

from ..cadence import Cadence
from ..dates import date_in_text, parse_date
from ..model import Assignment, Note, Plan, Ref, Role, Section, Task, Unit
from ..numbering import split_title
from ..resolve import ids
from ..span import Span
from ..text import Text
from ..writer import UnwritableError
from ..writer import name as writable_name
from .annotations import HINT, LABEL, RULE_EACH, RULE_FIRST, RULE_NONE, Found, parse_note
from .numbering import number_value
from .outline import ASSIGNING_SENTENCE, DOC_NUMBER, TABLE_RANK, Item, Outline, Para
from .phrases import find_cadence
from .running import mentions, running_roles
from .units import (
    CLOSE,
    OPEN,
    could_be_unit,
    depth_split,
    is_collective,
    key,
    looks_like_unit,
    split_mark,
    split_marked,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..model import Item as PlanItem

    #: An item of the outline with the items nested under it (`_tree`).
    Node = tuple["Analysed", list["Node"]]

_BASIS = re.compile(r"《[^》]{2,80}》[(（]([^()（）]{0,20}〔\d{4}〕\d+号)[)）]")
_NOTE_OPENING = re.compile(r"[(（\[【〔]")
_LABEL_AT = re.compile(LABEL.pattern.removeprefix("^"))  # LABEL, matched where a bracket ends
_TO_CLOSING = re.compile(r"[^)）]{0,200}")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:区|市|县|州|省|新区|开发区|高新区)$")
#: Items that state principles or goals, not duties: kept as `说明` when no unit is named for them.
_NOT_A_TASK = re.compile(r"^(?:指导思想|基本原则|工作原则|主要目标|工作目标|总体目标|发展目标|总体要求|总体思路|工作思路|"
                         r"基本要求|目标任务|主要原则|适用范围|编制依据|指導思想|基本原則|主要目標|工作目標|總體要求|"
                         # any heading made of these words only: 目标要求, 总体目标和基本原则, 工作目标与要求
                         r"(?:(?:总体|主要|工作|基本|发展|指导|总|目标|要求|原则|思路|思想|任务|和|与|及|、)){2,8})$")


def _states_principles(title: str) -> bool:
    """Is `title` a heading of principles or goals whose items state them too (`基本原则` over `1.统筹规划…`)? Not one
    that names tasks (`主要任务`, `目标任务`): the items under it are duties, with or without a unit."""
    return bool(_NOT_A_TASK.match(title)) and "任务" not in title and "任務" not in title


_TITLES = r"(?:常务副(?:县|区|市|省)长|副(?:县|区|市|省)长|(?:县|区|市|省|州)长|常委|(?:副)?书记|(?:副)?主任|(?:副)?局长|(?:副)?部长)"
#: A heading that groups items under the leader in charge: `一、王丹县长牵头重点工作`, `李丹常委、常务副区长牵头重点工作`.
LEADER_HEADING = re.compile(rf"^([\u4e00-\u9fff]{{2,3}}?)(?:同志)?{_TITLES}(?:、{_TITLES})*(?:牵头|负责|分管)(?:负责)?的?(?:重点)?工作$")
#: Vague words that say the duty never ends (长期坚持): a cadence, never a due date.
_VAGUE_DUE = re.compile(r"^(?:长期坚持|長期堅持|持续推进|持續推進|常态化|常態化|定期)$")


@attrs.frozen
class Problem:
    line: int
    excerpt: str
    reason: Text


@attrs.define
class Analysed:
    item: Item
    title: str
    body: str | None
    note: str  # the note's inner text, "" when none
    found: Found | None
    how: str = "note"  # note | labels | running | inherited
    inherited_from: int | None = None
    also: list[str] = attrs.field(factory=list)  # supporting units a rule earlier in the document adds
    #: Several annotated groups of sentences in one item: (text, note) each, one task apiece.
    groups: list[tuple[str, Found]] = attrs.field(factory=list)
    #: The note closes a sentence (`…提供支撑。（财政部…负责）`), as a task's does, not a heading's
    #: (`一、扩大有效投资(由县发改局牵头实施)`).
    after_sentence: bool = False


@attrs.define
class Built:
    plan: Plan
    problems: list[Problem]
    dropped_units: list[tuple[int, str]]
    rule_line: tuple[int, str] | None
    doc_number: str | None
    #: (line, title) of a task or section -> how its roles were read (for comments); by title as well, since
    #: a document run together on one line has all its items on one line
    notes: dict[tuple[int, str], str]
    section_intros: dict[tuple[int, str], list[str]]


def trailing_note(text: str) -> tuple[int, str] | None:
    """(start, inner) of the bracket group that ends `text` (before a final 。), if any."""
    end = len(text.rstrip(" \t\u3000。.；;"))
    if end == 0 or text[end - 1] not in CLOSE:
        return None
    depth, index = 0, end - 1
    while index >= 0:
        if text[index] in CLOSE:
            depth += 1
        elif text[index] in OPEN:
            if depth == 1 and _YEAR_BRACKET.match(text, index):
                index -= 1  # `(皖发〔20229号,…)`: a document number's year bracket, its 〕 lost, opens no note
                continue
            depth -= 1
            if depth == 0:
                return index, text[index + 1:end - 1]
        index -= 1
    return None


#: The opening of a document number's year (`〔2022〕`, `〔20229号` in a copy that lost the `〕`).
_YEAR_BRACKET = re.compile(r"[〔\[［]\d{4}")


def excerpt(text: str, width: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


class Importer:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.rule = "first"
        self.rule_line: tuple[int, str] | None = None
        self.inherit: tuple[Found, int] | None = None
        self.also: list[str] = []  # `具体任务均涉及X，下同`: X supports every later task

    def problem(self, line: int, text: str, en: str, zh: str) -> None:
        self.problems.append(Problem(line, excerpt(text), Text(en, zh)))

    # One item: title, body, note, label lines

    def analyse(self, item: Item) -> Analysed:
        analysed = self._analyse(item)
        if analysed.groups:  # `以下各项工作均需X落实` in one group holds for the later groups of the item as well
            for _, found in analysed.groups:
                own = list(found.also)
                found.also += [unit for unit in self.also if unit not in found.units]
                if own and found.also_henceforth:
                    self.also = list(dict.fromkeys(self.also + own))
            return analysed
        if analysed.found is not None:
            analysed.also = [unit for unit in self.also if unit not in analysed.found.units]
            if analysed.found.also and analysed.found.also_henceforth:
                self.also = list(dict.fromkeys(self.also + analysed.found.also))
        return analysed

    def _analyse(self, item: Item) -> Analysed:
        paragraphs = [piece for p in item.paragraphs for piece in _lead_in_apart(p)]
        groups = _annotated_groups(" ".join(p.text for p in paragraphs)) if item.rank < TABLE_RANK else []
        if len(groups) > 1:
            first = paragraphs[0].text if paragraphs else ""
            title = split_title(first)[0]
            for _, group_found in groups:
                self._rules(group_found, item.line, "")
            return Analysed(item, title.rstrip("：:。 "), None, "", groups[0][1], "note", groups=groups)
        note, note_para = "", None
        after_sentence = False
        for para in reversed(paragraphs):
            found_note = trailing_note(para.text)
            if found_note and (parse_note(found_note[1]) is not None or _bare_unit_list(para.text, *found_note)):
                note, note_para = found_note[1], para
                para.text = para.text[: found_note[0]].rstrip()
                after_sentence = para.text.endswith(("。", "；", ";"))
                if parse_note(note) is None:
                    note = f"责任单位：{note}"  # a bare list of organs closing the item: its units
                break
            if found_note and HINT.search(found_note[1]):
                self.problem(para.line, found_note[1], "a note names roles but its units could not be read",
                             "括注提及分工，但无法读出单位")
                break
        if not note and (sentence := _assignment_sentence(paragraphs)) is not None:
            note, note_para = sentence
        for para in paragraphs:
            self._mid_text_notes(para, trailing_note(para.text))
        found = parse_note(note) if note else None
        how = "note"
        if item.labels:
            labelled = parse_note("；".join(p.text for p in item.labels), labelled_only=True)
            if labelled is None:
                self.problem(item.labels[0].line, item.labels[0].text, "label lines name no unit", "分工标注行中没有单位")
            elif found is None:
                found, how = labelled, "labels"
            else:
                _merge(found, labelled)
        if found is not None:
            # the rule may stand in a label line: that line is what the header quotes
            stated_in = next((p for p in item.labels if RULE_FIRST.search(p.text) or RULE_NONE.search(p.text)
                              or RULE_EACH.search(p.text)), None)
            stated = note or (stated_in.text if stated_in else "")
            self._rules(found, note_para.line if note_para else stated_in.line if stated_in and not note else item.line,
                        stated)
            if found.assumed:
                self.problem(item.line, "、".join(found.assumed),
                             "read as places sharing the organ word of the name after them; check against the text",
                             "按与其后单位共用机构名称理解，请对照原文核实")
            if found.problems:
                self.problem(item.line, "、".join(found.problems), "these pieces of the note are not unit names",
                             "括注中的这些内容不像单位名称")
            for name in found.leaders_unsure:
                self.problem(item.line, name, f"`{name}` is long for one person's name: one leader, or several "
                             "written together? ambiguous; check against the text",
                             f"“{name}”作为一人姓名偏长：是一位领导，还是几位领导连写？原文有歧义，请对照原文核实")
            for glued in found.ambiguous:
                self.problem(item.line, glued, f"`{glued}` holds a role word ({glued[-2:]}): one unit of that name, or "
                             f"`{glued[:-2]}` with that role? ambiguous; check against the text",
                             f"“{glued}”含角色词“{glued[-2:]}”：是一个单位，还是“{glued[:-2]}”加该角色？原文有歧义，"
                             "请对照原文核实")
        first = paragraphs[0].text if paragraphs else ""
        title, rest = split_title(first)
        body = "\n".join(([rest] if rest else []) + [p.text for p in paragraphs[1:] if p.text]) or None
        if found is not None and found.sources:  # `(皖发〔2021〕9号,…负责)`: where the task comes from, kept as text
            body = "\n".join(([body] if body else []) + [f"（{'、'.join(found.sources)}）"])
        if found is None and not rest:  # `（一）X牵头的工作` over its text: the title names the lead
            found = _heading_lead(title)
        elif found is not None and (found.support or found.responsible) and not (found.lead or found.each
                                                                                 or found.named_lead) \
                and (heading := _heading_lead(title.rstrip("。 "))) is not None:
            # `（二）省审计厅牵头的工作` / text / `协同单位：A、B`: the title names the lead, the label line only who
            # supports; the two together are the item's roles. Beside the title's lead, a 责任单位 line supports,
            # as it does beside a 牵头单位 line; under `X负责的工作` X is listed first.
            if heading.lead:
                found.support[:0] = found.responsible
                found.responsible.clear()
            found.lead[:0] = heading.lead
            found.responsible[:0] = heading.responsible
        return Analysed(item, title.rstrip("：:。 "), body, note, found, how, after_sentence=after_sentence)

    def _mid_text_notes(self, para: Para, trailing: tuple[int, str] | None) -> None:
        """A labelled note in the middle of a paragraph is not read as the task's: report it."""
        for match in _NOTE_OPENING.finditer(para.text):  # matched in place: a slice per bracket is quadratic
            if _LABEL_AT.match(para.text, match.end()) and not (trailing and trailing[0] == match.start()):
                inside = _TO_CLOSING.match(para.text, match.end())
                self.problem(para.line, inside.group(0) if inside else "", "a note in the middle of the text",
                             "正文中间的分工括注")

    def _rules(self, found: Found, line: int, note: str) -> None:
        if found.rule and found.rule_henceforth:
            self.rule = found.rule
            self.rule_line = self.rule_line or (line, note)
        if found.no_division and found.units and not found.also:  # 涉及X，不再做分工: X is added, nothing inherited
            self.inherit = (found, line)


#: `…提供支撑。（财政部…负责）具体措施：`: a lead-in to the items below, after the item's note.
_LEAD_IN_AFTER_NOTE = re.compile(r"(?<=[)）\]】〕])[ \t\u3000]*[^。()（）\[\]【】〔〕]{1,12}[:：]$")


def _lead_in_apart(para: Para) -> list[Para]:
    """The paragraph, with a lead-in after its note (`具体措施：`) as a paragraph of its own, so that the note
    still closes the item's text."""
    match = _LEAD_IN_AFTER_NOTE.search(para.text)
    if match is None:
        return [Para(para.line, para.text)]
    return [Para(para.line, para.text[: match.start()]), Para(para.line, match.group(0).strip(" \t\u3000"))]


#: A heading that names the unit leading the items under it: `一、县示范区管委会牵头工作(8项)`, `二、区发改局负责的重点任务`
#: (as a leader heading, `一、王丹县长牵头重点工作`, names the official). The count after it is no part of the name;
#: a name may hold a bracket of its own (`县发改局(粮食局)牵头的工作`), and be as short as `团委`.
_UNIT_HEADING = re.compile(r"^(?P<units>(?:[^，,。；;：:()（）]|[(（][^，,。；;：:()（）]{1,20}[)）]){2,60}?)(?P<verb>牵头|负责|牽頭|負責)的?(?:重点|重點)?(?:工作|任务|任務|事项|事項)"
                           r"(?:[(（](?:共)?\d+(?:项|項|条|條)[)）])?$")


def _heading_lead(title: str) -> Found | None:
    """The units a heading names as leading its items (`县示范区管委会牵头工作(8项)`), or None: each name must end
    like an organ, and none may be a person (a leader heading is read as its official's)."""
    match = _UNIT_HEADING.match(title)
    if match is None or LEADER_HEADING.match(title):
        return None
    found = parse_note(match.group("units") + match.group("verb"))
    if found is None or found.leaders or found.problems or not found.units \
            or not all(looks_like_unit(name) for name in found.units):
        return None
    return found


def _bare_unit_list(text: str, start: int, inner: str) -> bool:
    """`…加强统筹调度。(市发改委、市财政局,各区政府)`: a bracket that closes the item after its last sentence and
    holds nothing but names that end like organs (局, 委, 办, 政府…), apart by separators. Such a list is the
    item's units even without a label or a role verb; a bracket of prose (`(预包装食品)`, `(不含6亩)`) is not."""
    if start == 0 or text[start - 1] not in "。；;":
        return False
    names = [name for name, _ in split_marked(inner)]
    return bool(names) and all(looks_like_unit(name) and could_be_unit(name) and not name.startswith(("简称", "以下简称"))
                               for name in names) and not re.search(r"[：:。]", inner)


#: The last clause of an item that names who does it, after what is to be done: `…的问题，由发展改革委会同农业部、
#: 财政部等部门研究提出落实意见。`, `…，由国土资源部会同农业部等部门负责落实。` X leads, the units after 会同 are consulted.
_ASSIGNING_CLAUSE = re.compile(r"[，,][ \t\u3000]*由(?P<lead>[^，,、。；;]{2,30}?)(?:会同|會同)(?P<with>[^，,。；;]{2,200}?)"
                               r"(?:等(?:有关|有關|相关|相關)?(?:部门|部門|单位|單位|地方))?"
                               r"(?:负责|負責|研究|共同|组织|組織|抓好|做好|提出|制定|推进|推進)[^，,。；;]{0,16}[。；;]?$")


def _assignment_sentence(paragraphs: list[Para]) -> tuple[str, Para] | None:
    """The last sentence of the item when it is an assignment sentence (taken out of the text), as a note; or
    its last clause when it names the lead and who is consulted (由X会同Y…)."""
    for para in reversed(paragraphs):
        text = para.text.rstrip(" \t\u3000")
        match = ASSIGNING_SENTENCE.search(text)
        if match is None:
            clause = _ASSIGNING_CLAUSE.search(text)
            if clause is None:
                return None
            note = f"{clause.group('lead')}会同{clause.group('with')}负责"
            found = parse_note(note)
            if found is None or not found.lead + found.responsible or not looks_like_unit(clause.group("lead")):
                return None
            return note, para  # the clause also says what is done (研究提出落实意见): it stays in the text
        found = parse_note(match.group(1))
        # `由王某副县长负责，X牵头，确保任务落实。`: a sentence that goes on with what is done after its roles
        # assigns in its clauses (running text), it is no note
        if found is None or not found.units or found.problems:
            return None
        # the officials named after the units (`；市民政局责任人为某副局长`) stay in the text: people, no units
        para.text = (text[: match.start()].rstrip() + (match.group("persons") or "").lstrip("；;，, ")).rstrip()
        return match.group(1), para
    return None


def _merge(target: Found, other: Found) -> None:
    for field in ("lead", "support", "consult", "responsible", "due", "cadence", "problems"):
        getattr(target, field).extend(getattr(other, field))


class Names:
    """The plan's unit names: known from notes, place prefixes learnt, writable forms."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}  # key -> name as first written
        self.full: dict[str, str] = {}  # name -> full name (prefix kept, or the unwritable original)
        self.prefixes: list[str] = []
        self.order: list[str] = []
        self.first_line: dict[str, int] = {}

    def add_known(self, name: str) -> str:
        return self.known.setdefault(key(name), name)

    def learn(self, written: str) -> None:
        if key(written) in self.known:
            return
        for known in sorted(self.known.values(), key=len, reverse=True):
            prefix = written[: -len(known)]
            if written.endswith(known) and prefix and _PLACE.match(prefix) and prefix not in self.prefixes:
                self.prefixes.append(prefix)

    def resolve(self, written: str) -> str:
        if key(written) in self.known:
            return self.known[key(written)]
        for prefix in self.prefixes:
            if written.startswith(prefix) and looks_like_unit(written[len(prefix):]):
                name = self.known.get(key(written[len(prefix):]), written[len(prefix):])
                self.full.setdefault(name, written)
                return name
        return written

    def use(self, name: str, line: int) -> str | None:
        """The writable name for `name`, recorded in declaration order; None if unwritable."""
        name = self.add_known(name)
        written = _writable(name)
        if written is None:
            return None
        if written != name:
            self.full.setdefault(written, name)
        if written not in self.first_line:
            self.order.append(written)
            self.first_line[written] = line
        return written


def _writable(name: str) -> str | None:
    """The name as the plan keeps it: the document's own (written quoted where it holds a 、, as
    `"各区、县级市"`), else its parts joined with the original as `全称:`; None if neither can be written."""
    name = split_mark(name)[0]  # the parser would read a mark (`市(牵头)`) as a role, not as the name
    try:
        writable_name(name)
        return name
    except UnwritableError:
        joined = "".join(depth_split(name, "、，,"))
        try:
            writable_name(joined)
            return joined
        except UnwritableError:
            return None


def build_plan(outline: Outline, source: str, default_title: str | None = None) -> Built:
    importer = Importer(source)
    for line, text, en, zh in outline.notices:
        importer.problem(line, text, en, zh)
    _preamble_rule(outline.preamble, importer)
    analysed = [importer.analyse(item) for item in outline.items]
    if not analysed:
        first = next(iter(outline.preamble), Para(1, ""))
        if any(para.text.strip() for para in outline.preamble):
            importer.problem(first.line, first.text, "no numbered items (一、 (一) 1.) were found",
                             "未找到带编号的条目（一、 (一) 1.）")
        else:
            importer.problem(first.line, "", "the document is empty", "文档为空")
    names = Names()
    for entry in analysed:
        for found in [entry.found, *(found for _, found in entry.groups)]:
            for unit in found.units if found else ():
                names.add_known(unit)
            for unit, gloss in found.glosses.items() if found else ():  # `各区人民政府〈含开发区…〉`: what it covers
                names.full.setdefault(names.add_known(unit), f"{unit}（{gloss}）")
    for entry in analysed:
        for written in mentions(entry.item.text):
            names.learn(written)
    tasks_notes: dict[tuple[int, str], str] = {}
    dropped: list[tuple[int, str]] = []

    def assignments(entry: Analysed, found: Found | None, title: str) -> list[Assignment]:
        line = entry.item.line
        if entry.how == "labels":
            tasks_notes[line, title] = "labels"
        if found is not None:
            leads, supports, consults = found.roles(importer.rule)
            supports = supports + [unit for unit in entry.also if unit not in leads and unit not in supports]
        else:
            leads, supports, consults = _running(entry, names, importer, tasks_notes, (line, title), running_leaders)
            if tasks_notes.get((line, title), "").startswith("inherited:") and importer.inherit is not None:
                found = importer.inherit[0]  # an earlier note's units stand for this item, 分别 and all
        each = _each_leads(found, leads, importer.rule)
        span = Span(source, line, 1, line, 1)
        out = []
        for role, group in ((Role.LEAD, leads), (Role.SUPPORT, supports), (Role.CONSULT, consults)):
            for unit in group:
                written = names.use(unit, line)
                if written is None:
                    dropped.append((line, unit))
                    importer.problem(line, unit, "this unit name cannot be written in .qlm", "该单位名称无法写入.qlm")
                    continue
                out.append(Assignment(role, Ref(written, span), span, each=role is Role.LEAD and unit in each))
        return out

    notes_of: dict[int, str] = {}
    #: (line, title) -> the officials a task's running text puts in charge (`由王某副市长负责，X牵头，…`)
    running_leaders: dict[tuple[int, str], tuple[str, ...]] = {}

    def task(entry: Analysed, found: Found | None, title: str, body: str | None, number: str | None,
             ident: str = "") -> Task:
        line = entry.item.line
        if id(entry) not in notes_of:  # one string per item, so that its tasks share find_cadence's cache
            notes_of[id(entry)] = entry.note + "；".join(p.text for p in entry.item.labels)
        cadence, due = find_cadence(title, notes_of[id(entry)], body or "")
        if found is not None:
            cadence = "、".join(_timing(found.cadence)) or cadence
            due = "、".join(_timing(found.due)) or due
            unread = [p for p in found.due + found.cadence if p not in _timing([p])]
            if unread:  # `全年`: not a date qlmatrix reads, kept in the text rather than lost
                body = "\n".join([*([body] if body else []), *(f"完成时限：{p}" for p in unread)])
        if due and (due.startswith("每") or _VAGUE_DUE.match(due)):  # a 完成时限 cell holding a recurrence or 长期坚持
            cadence, due = cadence or due, None
        if cadence == due:
            due = None
        elif cadence and due and _VAGUE_DUE.match(cadence) and cadence in due:
            cadence = None  # `（…，年内持续推进）`: the vague word is the 时限's own, not a 频次 beside it
        span = Span(source, line, 1, line, 1)
        assigned = assignments(entry, found, title)
        leaders = _people(found.leaders) if found else running_leaders.get((line, title), ())
        return Task(title=title, id=ident, number=number, body=body, assignments=assigned,
                    cadence=cadence, due=due, span=span, leaders=leaders)

    section_intros: dict[tuple[int, str], list[str]] = {}
    root = _tree(analysed)

    def convert(nodes: list[Node], top: bool = False, statements: bool = False) -> list[PlanItem]:
        """`statements`: the nodes are under a heading of principles or goals (`（二）基本原则` / `1.统筹规划…`):
        those that name no unit state them too, and are kept as 说明 like their heading."""
        items: list[PlanItem] = []
        for entry, children in nodes:
            if top:  # `不再做分工，下同` holds within its part of the document
                importer.inherit = None
            line = entry.item.line
            span = Span(source, line, 1, line, 1)
            number = entry.item.number or None
            heading = LEADER_HEADING.match(entry.title)
            if children and _own_task(entry, children):
                # `（一）…提供支撑。（财政部…负责）具体措施：1．…（…负责）2．…`: the item is a task of its own, its
                # sub-measures tasks under it (一(一), 一(一)1 ...); its units are its own, not inherited by them
                own_task = task(entry, entry.found, entry.title, _without_lead_in(entry.body), None, _SECTION_OWN)
                items.append(Section(title=entry.title, id="", number=number, items=[own_task, *convert(children)],
                                     span=span))
                tasks_notes[line, entry.title] = "parent"
                continue
            if children and not entry.groups:
                if entry.body:
                    section_intros[line, entry.title] = [p for p in entry.body.split("\n") if p]
                leaders = (heading.group(1),) if heading else _people(entry.found.leaders) if entry.found else ()
                own = assignments(entry, entry.found, entry.title) if entry.found is not None else []
                if own:
                    tasks_notes[line, entry.title] = "section"
                under = convert(children, statements=statements or (not own and _states_principles(entry.title)))
                items.append(Section(title=entry.title, id="", number=number, items=under, span=span,
                                     assignments=own, leaders=leaders))
                continue
            if entry.groups:  # one task per annotated group, the item their section (三(八)-1, -2 ...)
                tasks: list[PlanItem] = []
                numbered = _group_numbers(entry.groups)
                for index, (text, found) in enumerate(entry.groups, start=1):
                    if numbered:  # `…等问题，（1）…。（X负责）（2）…`: the groups are the item's sub-items
                        text = text[numbered[index - 1].end():].lstrip("。：: ")
                    elif index == 1 and text.startswith(entry.title) and text[len(entry.title):].strip("。 "):
                        text = text[len(entry.title):].lstrip("。：: ")  # the item's title heads its section
                    title, body = split_title(text)
                    sub = numbered[index - 1].group(1) if numbered else None
                    tasks.append(task(entry, found, title.rstrip("：:。 "), body, sub, "" if sub else f"-{index}"))
                    tasks_notes[line, title.rstrip("：:。 ")] = "groups"
                tasks += convert(children)  # the sub-items that went on with the groups' count on lines of their own
                items.append(Section(title=entry.title, id="", number=number, items=tasks, span=span))
                tasks_notes[line, entry.title] = "groups"
                continue
            unassigned = entry.found is None and not entry.item.labels
            if unassigned and (_NOT_A_TASK.match(entry.title) or heading or statements) \
                    and not running_roles(entry.item.text, names.resolve).lead:
                items.append(Note(title=entry.title, number=number, body=entry.body, span=span))
                continue
            items.append(task(entry, entry.found, entry.title, entry.body, number))
        return items

    items = _ids(convert(root, top=True), "", set())
    units = [_declare(name, names, Span(source, names.first_line[name], 1, names.first_line[name], 1))
             for name in names.order]
    title, doc_number, basis, issuer = _header(outline)
    date = _document_date(outline, importer)
    plan = Plan(title=title or default_title, basis=basis, issuer=issuer, units=units, items=items, date=date)
    return Built(plan, importer.problems, dropped, importer.rule_line, doc_number, tasks_notes, section_intros)


#: The id of a task that is its section's own item (the section's id itself): see `_own_task`.
_SECTION_OWN = "="
_LEAD_IN = re.compile(r"^[^。]{1,12}[:：]$")


def _own_task(entry: Analysed, children: list[Node]) -> bool:
    """Is an annotated item with items under it a task of its own? When its note closes a sentence (a task's
    note, not a heading's) and every item under it has a note of its own, so the note serves none of them."""
    return entry.found is not None and entry.how == "note" and entry.after_sentence and not entry.groups \
        and all(child.found is not None or child.groups for child, _ in children)


def _without_lead_in(body: str | None) -> str | None:
    """The body without a closing lead-in to the items under it (`具体措施：`)."""
    paragraphs = (body or "").split("\n")
    while paragraphs and _LEAD_IN.match(paragraphs[-1].strip()):
        paragraphs.pop()
    return "\n".join(paragraphs) or None


def _timing(phrases: list[str]) -> list[str]:
    """The 时限/频次 phrases qlmatrix.cadence reads (or the vague words checks flag); others stay in the text."""
    return [p for p in phrases if Cadence.parse(p).understood or _VAGUE_DUE.match(p)]


def _people(names: list[str]) -> tuple[str, ...]:
    """Leaders' names as the language can hold them: `[姓名]` placeholders kept, separators never inside."""
    return tuple(dict.fromkeys(name.strip("。 ") for name in names if name.strip("。 ")))


#: The label of a date a site gives its page: `发布日期：`, `发布时间:`, `公开日期`.
_PUBLISHED = re.compile(r"(?:发布|發布|公开|公開|更新)(?:日期|时间|時間)")
#: The labels of a site's byline beside the date it gives its page: `2031年02月03日来源:市政府办公厅`, `作者：…`.
_BYLINE = re.compile(r"(?:来源|來源|作者|责任编辑|責任編輯|浏览次数|瀏覽次數|点击数|點擊數)[ \t\u3000]*[:：]")


def _document_date(outline: Outline, importer: Importer) -> datetime.date | None:
    """The document's date: a date line near the title or the signature, or a `…印发` line (a site's `发布日期`
    line only when nothing else dates it); None (and a note in the report) when the lines give different dates."""
    found: dict[datetime.date, int] = {}
    published: dict[datetime.date, int] = {}
    for para in [*outline.preamble, *outline.closing]:
        text = para.text.strip()
        match = date_in_text().search(text)
        if match is None:
            continue
        # a site's `发布日期：` line dates the page, not the document (its 成文日期 or signature does), as does a
        # date on the site's byline, beside its 来源 or 作者 label (a line as long as the byline makes it)
        byline = bool(_BYLINE.search(text[match.end():]))
        if not (len(text) <= 20 or "印发" in text or "印發" in text or byline):
            continue
        date = parse_date(match.group(0))
        if date is not None:
            on_page = byline or _PUBLISHED.search(text[: match.start()])
            (published if on_page else found).setdefault(date, para.line)
    if not found:
        found = published
    if len(found) > 1:
        first = min(found.values())
        listed = "、".join(date.isoformat() for date in found)
        importer.problem(first, listed, f"the document gives several dates ({listed}): 发文日期 is left out",
                         f"原文有多个日期（{listed}），未填写发文日期")
        return None
    return next(iter(found), None)


#: A sub-item's number opening an annotated group: at its start, or after the item's lead-in (`…等问题，（1）…`).
_GROUP_NUMBER = re.compile(r"(?:^|(?<=[，,：:。；;]))[ \t\u3000]*([（(](\d{1,2})[）)])")


def _group_numbers(groups: list[tuple[str, Found]]) -> list[re.Match[str]] | None:
    """`…等问题，（1）…。（X牵头）（2）…。（Y负责）`: when every annotated group opens with the next sub-item number
    (1, 2, 3 …; the first after the item's lead-in), the groups are those sub-items and take their numbers as ids
    (`二(一)5(1)`), not `-1`, `-2`. None otherwise."""
    found = []
    for index, (text, _) in enumerate(groups, start=1):
        match = _GROUP_NUMBER.search(text) if index == 1 else _GROUP_NUMBER.match(text)
        if match is None or int(match.group(2)) != index:
            return None
        found.append(match)
    return found


def _annotated_groups(text: str) -> list[tuple[str, Found]]:
    """`…。(教育部负责)…。(人力资源社会保障部、财政部负责)`: the groups of sentences each note closes, with
    the note; [] unless there are two or more. A note closes a group when a sentence ends at it (a line break
    between the sentence and its note aside)."""
    groups: list[tuple[str, Found]] = []
    cursor = 0
    depth, opened = 0, 0
    for index, char in enumerate(text):
        if char in OPEN:
            if depth == 0:
                opened = index
            depth += 1
        elif char in CLOSE and depth:
            depth -= 1
            if depth:
                continue
            # a note wrapped to the start of the next line (`…面积。` / `(X牵头)…`) follows its sentence across the
            # blank the paragraphs were joined with
            before = text[:opened].rstrip(" \t\u3000")[-1:] or "。"
            after = text[index + 1] if index + 1 < len(text) else "。"
            if before not in "。；;" and after not in "。；; ":
                continue
            found = parse_note(text[opened + 1:index])
            if found is None:
                continue
            groups.append((text[cursor:opened].strip(" 。"), found))
            cursor = index + 1
    rest = text[cursor:].strip(" 。")
    if len(groups) < 2:
        return []
    if rest:
        last_text, last_found = groups[-1]
        groups[-1] = (f"{last_text}。{rest}", last_found)
    return groups


#: A sentence of the preamble that states the lead rule for the whole plan: `列第一位的为牵头单位`, `排名不分先后`,
#: `未明确牵头单位的，由所列单位按职责分工负责`.
_SENTENCE = re.compile(r"[^。；;！？!?]+")


def _preamble_rule(preamble: list[Para], importer: Importer) -> None:
    """A lead rule stated once in the notice before the items holds for every note, as one stated in the first
    note with 下同 does."""
    for para in preamble:
        for sentence in _SENTENCE.findall(para.text):
            if "牵头" not in sentence and "牽頭" not in sentence and not RULE_NONE.search(sentence):
                continue
            rule = ("first" if RULE_FIRST.search(sentence) else "each" if RULE_EACH.search(sentence)
                    else "none" if RULE_NONE.search(sentence) else None)
            if rule is not None:
                importer.rule = rule
                importer.rule_line = (para.line, sentence.strip(" \t\u3000，,"))
                return


def _each_leads(found: Found | None, leads: list[str], rule: str = "first") -> frozenset[str]:
    """The leads that lead their own parts (`（A、B分别负责）`: written `分别牵头:`): those the note says so of,
    when at least two of them lead; a `分别` of one unit says nothing `牵头` does not. Under a rule that a note
    naming no lead leaves each unit its part (`未明确牵头单位的，由所列负责单位按职责分工负责`), a note of
    responsible units only is such a note."""
    if found is None:
        return frozenset()
    if (found.rule or rule) == "each" and found.responsible and not found.lead and not found.named_lead:
        each = frozenset(found.responsible).intersection(leads)
        return each if len(each) > 1 else frozenset()
    if not found.each:
        return frozenset()
    each = frozenset(found.each).intersection(leads)
    return each if len(each) > 1 else frozenset()


def _running(entry: Analysed, names: Names, importer: Importer, notes: dict[tuple[int, str], str],
             where: tuple[int, str], leaders: dict[tuple[int, str], tuple[str, ...]]
             ) -> tuple[list[str], list[str], list[str]]:
    line = entry.item.line
    text = entry.item.text
    running = running_roles(text, names.resolve)
    if running.leaders and (running.lead or running.support):
        leaders[where] = _people(running.leaders)
    if running.ambiguous:
        importer.problem(line, entry.title, "several units are named as leading this task: "
                         + "、".join(running.ambiguous), "正文中有多个单位似为牵头：" + "、".join(running.ambiguous))
        return [], [], []
    if running.lead or running.support:
        notes[where] = "running"
        if running.assumed:
            importer.problem(line, "、".join(running.assumed),
                             "read as names sharing the organ word of the name after them; check against the text",
                             "按与其后单位共用机构名称理解，请对照原文核实")
        if running.henceforth:
            importer.inherit = (Found(lead=list(running.lead), support=list(running.support)), line)
        return running.lead, running.support, []
    if importer.inherit is not None:
        found, since = importer.inherit
        notes[where] = f"inherited:{since}"
        return found.roles(importer.rule)
    if re.search(r"牵头|责任单位|责任部门|配合单位", text) and not any(p.line == line for p in importer.problems):
        importer.problem(line, entry.title, "the text mentions a lead or responsible unit but none was read",
                         "正文提及牵头或责任单位，但未能读出")
    return [], [], []


def _tree(analysed: list[Analysed]) -> list[Node]:
    """Nest items by their numbering rank. An item with a note of its own holds the deeper items after it
    (`一、扩大有效投资（由县发改局牵头实施）` / `1.…` / `2.…`): the note is then the part's, and its items
    inherit it. Only when the deeper items start their own count (1., (一), ①: the document's sequence), since
    `（八）…（责任单位:…）` followed by `2.…` is not the start of (八)'s items. An item split into annotated groups
    holds nothing."""
    root: list[Node] = []
    stack: list[tuple[int, list[Node]]] = []
    last: dict[int, tuple[int, int]] = {}  # rank -> (index, number value) of the last item of that rank
    for index, entry in enumerate(analysed):
        rank = entry.item.rank
        while stack and stack[-1][0] >= rank:
            stack.pop()
        children: list[Node] = []
        (stack[-1][1] if stack else root).append((entry, children))
        sibling = last.get(rank, (-1, 0))[0]  # the item of this rank before it: the previous part
        last[rank] = (index, number_value(entry.item.number))
        following = analysed[index + 1].item if index + 1 < len(analysed) else None
        if entry.groups and following is not None and _continues_groups(entry.groups, rank, following):
            stack.append((rank, children))  # `…（3）…。（X负责）` / `（4）…`: the next sub-item on a line of its own
            continue
        if entry.groups or rank >= TABLE_RANK:
            continue
        if entry.found is None or (following is not None and rank < following.rank < TABLE_RANK
                                   and _starts_items(following, last.get(following.rank), sibling)):
            stack.append((rank, children))
    return root


def _continues_groups(groups: list[tuple[str, Found]], rank: int, following: Item) -> bool:
    """Does the deeper item after an item of numbered groups (`（1）…（X负责）（2）…（Y负责）`) go on with their
    count (`（3）` at a line's start)? Then it is one more sub-item of that item."""
    numbered = _group_numbers(groups)
    return numbered is not None and rank < following.rank < TABLE_RANK \
        and following.written[:1] in "(（" and number_value(following.number) == len(numbered) + 1


def _starts_items(following: Item, before: tuple[int, int] | None, sibling: int) -> bool:
    """Does the deeper item after an annotated one start its items? When it starts its own count (1.), or when
    the items are numbered straight through the parts (`（一）…（X牵头）` / 1. / 2. / `（二）…（Y牵头）` / 3.): it
    goes on from the last item of its rank, which stood under the previous part. `（八）…（责任单位:…）` then `2.…`
    after a `1.` above the (一)…(八) does not: that 1. came before the parts."""
    value = number_value(following.number)
    if value == 1:
        return True
    return before is not None and before[0] > sibling >= 0 and value == before[1] + 1


def _ids(items: Iterable[PlanItem], prefix: str, used: set[str],
         suffixes: dict[str, int] | None = None) -> list[PlanItem]:
    """Ids as `qlmatrix.resolve` derives them; only a repeat is given an explicit `编号:` with a suffix (1-2)."""
    out: list[PlanItem] = []
    ordinal = 0
    suffixes = {} if suffixes is None else suffixes
    for item in items:
        if isinstance(item, Section):
            own = ids.section_id("", prefix, item.number, item.title)
        elif isinstance(item, Task) and item.id.startswith("-"):  # one of an item's annotated groups: 三(八)-1
            item = attrs.evolve(item, id=prefix + item.id)
            used.add(item.id)
            out.append(item)
            continue
        elif isinstance(item, Task) and item.id == _SECTION_OWN:  # the section's own task: 一(一) of 一(一)1, 2 ...
            item = attrs.evolve(item, id=prefix)
            used.add(item.id)
            out.append(item)
            continue
        elif isinstance(item, Task):
            ordinal += ids.counts_as_unnumbered("", item.number)
            own = ids.task_id("", prefix, item.number, ordinal)
        elif isinstance(item, Note):
            out.append(item)
            continue
        else:  # convert makes sections, tasks and notes only
            raise TypeError(f"the importer made {item!r}, neither a section, a task nor a note")
        explicit = ""
        if own in used:
            # The next suffix to try is remembered per id: counting up from 2 each time is quadratic in
            # the repeats (a document of 20,000 `（一）` items).
            count = suffixes.get(own, 2)
            while f"{own}-{count}" in used:
                count += 1
            suffixes[own] = count + 1
            own = explicit = f"{own}-{count}"
        used.add(own)
        if isinstance(item, Section):
            item = attrs.evolve(item, id=explicit, items=_ids(item.items, own, used, suffixes))
        elif explicit:
            item = attrs.evolve(item, id=explicit)
        out.append(item)
    return out


def _declare(name: str, names: Names, span: Span) -> Unit:
    full = names.full.get(name)
    return Unit(name=name, full_name=full if full != name else None, collective=is_collective(name), span=span)


#: A line of the page's own metadata around the title, never part of it: a label and its value (`发布日期: …`,
#: a crawler's `**检索时间**: …`, `原文链接: [http…]`, `字体大小: 打印`), a bullet (`• 年度期数 …`), a Markdown
#: rule (`---`, `———`, `===`).
_PAGE_METADATA = re.compile(r"^(?:[•·▪◆■\-*+][ \t\u3000]|[^。；;]{1,12}?[:：]|[-—=*_ ]{3,}$)")
#: The date a gazette sets under the title, `(2019年1月29日)`: beside the title, not part of it.
_TITLE_DATE = re.compile(r"^[(（][0-9０-９一二三四五六七八九十〇○零]{2,4}年[^()（）]{1,8}日[)）]$")
#: What a plan's title ends in: the kind of document it is (`…的通知`, `…实施方案`, `…工作要点`, `…若干政策`).
_TITLE_KIND = re.compile(r"(?:通知|方案|意见|意見|措施|要点|要點|政策|计划|計劃|办法|辦法|规划|規劃|纲要|綱要|细则|細則|清单|清單"
                         r"|规则|規則|决定|決定|分工|分解|安排|任务|任務)(?:[(（][^()（）]{1,14}[)）])?$")


def _title_piece(text: str, longest: int = 60) -> bool:
    """Can the paragraph be (a line of) the plan's title: short, no sentence, no page metadata?"""
    return bool(text) and len(text) <= longest and "。" not in text and not _PAGE_METADATA.match(text)


def _title_before_number(paragraphs: list[Para]) -> str | None:
    """The title right before the document number: the last run of title lines, a page's metadata lines (or a
    sentence) ending a run (`# 关于印发…的通知` / `**发布日期**: …` / `---` / `沪府办发〔…〕号`), a gazette's date
    under the title passed over."""
    runs: list[list[str]] = [[]]
    for at, para in enumerate(paragraphs):
        if _TITLE_DATE.match(para.text):
            continue
        if _title_piece(para.text, 80 if at == 0 else 60):  # a copy's first line may be a long title (`# 上海市…的通知`)
            runs[-1].append(para.text)
        elif runs[-1]:
            runs.append([])
    return "".join(next((run for run in reversed(runs) if run), [])) or None


def _header(outline: Outline) -> tuple[str | None, str | None, str | None, str | None]:
    """(title, own document number, basis, issuer) from the lines before the first item and the signature."""
    title = doc_number = basis = issuer = None
    for index, para in enumerate(outline.preamble):
        if DOC_NUMBER.match(para.text):
            doc_number = re.sub(r"[ \t\u3000]", "", para.text)  # the number as written, a PDF's blanks taken out
            title = _title_before_number(outline.preamble[:index])
            break
    else:
        # without a number, the first line that ends as a title does (a site's name above it is not one:
        # `嵊州市人民政府` / `…若干政策`), else the first line when it is short and no sentence
        first = outline.preamble[0].text if outline.preamble else ""
        kind = next((p.text for p in outline.preamble if _title_piece(p.text) and _TITLE_KIND.search(p.text)), None)
        title = kind or (first if first and len(first) <= 40 and not re.search(r"[。：:]", first) else None)
    for para in outline.preamble:
        match = _BASIS.search(para.text)
        if match:
            basis = match.group(1)
            break
    if outline.closing and not any(ch.isdigit() for ch in outline.closing[0].text):
        issuer = outline.closing[0].text
    return title, doc_number, basis, issuer

"""The document's outline: numbered items (一、 (一) 1. (1) ①), their paragraphs and label lines.

Lines are cleaned of PDF and Markdown debris (page numbers, `#`, `**`,
indents, wrap spaces) and lines broken mid-sentence are joined, so an
annotation split over two lines reads as one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from ..numbering import normalise_number
from .annotations import (
    LABEL,
    LEAD_LABELS,
    LEADER_LABELS,
    RESPONSIBLE_LABELS,
    SUPPORT_LABELS,
    inline_label,
    leader_cell,
    parse_note,
)
from .columns import header_key
from .flat import PINYIN, SITE_MARKS, task_header
from .numbering import number_value
from .reading import Line
from .units import looks_like_unit, split_units, tidy

if TYPE_CHECKING:
    from collections.abc import Iterable

NUMBERING = re.compile(
    r"^(?:(?P<r1>[一二三四五六七八九十百]{1,3}[、．.])|(?P<r2>[(（][一二三四五六七八九十百]{1,3}[)）])"
    r"|(?P<r3>[0-9０-９]{1,3}[.．、](?![0-9０-９]))|(?P<r4>[(（][0-9０-９]{1,3}[)）]|[0-9０-９]{1,3}[)）](?![0-9０-９]))"
    r"|(?P<r5>[①-⑳]))[ \t\u3000]*")
TABLE_RANK = 9  # table rows sit under whatever section is open
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|\d{1,3}|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
#: A document number, `国发〔2018〕39号`; a PDF copy may set a blank before the serial or 号 (`闽审改办〔2023〕2 号`).
DOC_NUMBER = re.compile(r"^\S{1,12}〔\d{4}〕[ \t\u3000]?\d+[ \t\u3000]?号$")
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_ENDS_SENTENCE = tuple("。！？；：”」）)】〕!?;:")
_CONTINUES = tuple("、，,（([【〔—“《")
WRAP_WIDTH = 25  # a shorter line without final punctuation is a heading, not a wrapped line
#: What a 序号 cell may hold, normalised: the numbers the writer writes before a title.
_TABLE_NUMBER = re.compile(r"[0-9]{1,4}|[一二三四五六七八九十百]{1,4}|\((?:[0-9]{1,3}|[一二三四五六七八九十百]{1,3})\)")
_MARKDOWN = re.compile(r"^(?:#{1,6}\s+|[-*+>]\s+)")

#: Column headers of a 任务分工表: header word -> field.
COLUMNS = (
    (("序号", "编号"), "number"),
    (LEAD_LABELS, "lead"),
    (SUPPORT_LABELS, "support"),
    (("责任领导", "牵头领导", "牵头负责领导", "分管领导", "责任人", "負責人", "负责人"), "leader"),
    (RESPONSIBLE_LABELS, "responsible"),
    (("完成时限", "完成时间", "时间节点", "时限", "完成期限"), "due"),
    (("频次", "工作频次"), "cadence"),
    (("重点任务", "工作任务", "主要任务", "具体任务", "任务内容", "工作内容", "任务", "工作措施", "举措", "内容", "重点工作",
      "目标任务", "目标与任务"), "task"),
)
_FIELD_LABEL = {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位", "due": "完成时限", "cadence": "频次",
                "leader": "责任领导"}
#: `7.365天服务项目`: a number run into a title that starts with digits; item 7 only when 7 follows 6.
_NUMBER_INTO_DIGITS = re.compile(r"^([0-9０-９]{1,3})[.．](?=[0-9０-９])")
#: `附件:1.…` starts a list of attachments: the numbered lines after it are not items.
_ATTACHMENTS = re.compile(r"^附件[:：]\s*[0-9０-９]{1,2}[.．、]")
#: The heading a 公文 opens its attachments with, on a line of its own: `附件`, `附件2`, `附表`.
_ATTACHMENT_HEADING = re.compile(r"^附(?:件|表|录)[0-9０-９一二三四五六七八九十]*$")


@attrs.define
class Para:
    line: int
    text: str


@attrs.define
class Item:
    line: int
    rank: int  # 1 一、, 2 (一), 3 1., 4 (1), 5 ①, TABLE_RANK for table rows
    number: str  # normalised, as ids use it
    paragraphs: list[Para]
    labels: list[Para] = attrs.field(factory=list)  # `牵头单位：X` lines that follow
    written: str = ""  # the number as the document writes it, `(1)`

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@attrs.define
class Outline:
    preamble: list[Para] = attrs.field(factory=list)
    items: list[Item] = attrs.field(factory=list)
    closing: list[Para] = attrs.field(factory=list)  # signature, date, 此件公开发布
    #: What reading the numbering had to assume, for the report: (line, excerpt, English, Chinese).
    notices: list[tuple[int, str, str, str]] = attrs.field(factory=list)


#: A number that PDF conversion spaced apart from its mark: `一 、 承担的…`, `1 . 严格…`.
_SPACED_NUMBER = re.compile(r"^([一二三四五六七八九十]{1,3}|[0-9]{1,3})[ \t\u3000]+(?=[、．.][ \t\u3000]*[^\d\s])")


#: A number closed by a small-form mark (`1﹒`, U+FE52; `一﹑`, U+FE51): the same number as `1.`, `一、`, in
#: another width (as `１．` is), written as the plain mark so that every reader of numbers sees it.
_SMALL_MARK = re.compile(r"^([0-9０-９]{1,3}|[一二三四五六七八九十百]{1,3})([﹒﹑])(?![0-9０-９])")
_PLAIN_MARK = {"﹒": ".", "﹑": "、"}


#: A part number set apart from its title by blanks alone, `一   支持科技创新政策(103条)`: a heading line (short, one
#: run of text after the blanks, no sentence end) numbered as `一、` is.
_BARE_PART_NUMBER = re.compile(r"^([一二三四五六七八九十]{1,3})[ \t\u3000]+(?=[\u4e00-\u9fff][^ \t\u3000]{1,40}$)(?!.*。$)")


def clean(text: str) -> str:
    text = PINYIN.sub("", text.replace("\u00a0", " ")).strip(" \t\u3000\r\ufeff")
    text = _MARKDOWN.sub("", text).replace("**", "").replace("__", "")
    text = SITE_MARKS.sub("", text)
    text = _SMALL_MARK.sub(lambda match: match.group(1) + _PLAIN_MARK[match.group(2)], text)
    text = _BARE_PART_NUMBER.sub(r"\1、", text)
    return _SPACED_NUMBER.sub(r"\1", text.strip(" \t\u3000"))


def _rank(match: re.Match[str]) -> int:
    return next(int(name[1]) for name, value in match.groupdict().items() if value)


#: An item's line that ends as a heading naming who leads what is under it (`（一）市审计局牵头的工作`,
#: `二、县发改局负责的重点任务（共8项）`): complete, not a line wrapped at the page width.
_HEADING_NAMES_LEAD = re.compile(r"(?:牵头|负责|牽頭|負責)的?(?:重点|重點)?(?:工作|任务|任務|事项|事項)"
                                 r"(?:[(（](?:共)?\d+(?:项|項|条|條)[)）])?$")


def _wraps(text: str, width: int = WRAP_WIDTH) -> bool:
    """Does the paragraph go on in the next line (PDF or hard line wrap)?"""
    return _wraps_at(text, len(text), width)


def _wraps_at(last: str, length: int, width: int = WRAP_WIDTH) -> bool:
    """Does a paragraph of `length` characters whose last line is `last` (not empty) go on in the next line (PDF
    or hard line wrap)? A line that opens a bracket it does not close (`…提升工作质效。【责任` / `主体】X`) goes
    on, whatever its length."""
    if last.endswith(_CONTINUES) or _depth(last) > 0 or _CLOSED_LABEL_END.search(last) or _OPEN_ASSIGNMENT.match(last):
        return True
    return length >= width and not _ends_paragraph(last)


#: Inside a name's own brackets (`(丙丁委)`, `（乙局）`, `(市、区)`): no role word, no label's colon, no sentence.
_NAME_GLOSS = re.compile(r"^(?!.*(?:负责|負責|牵头|牽頭|配合|协办|協辦|主办|主辦))[^。；;：:，,]{1,15}$")
#: An assignment sentence not yet closed (`由X牵头负责，A、B` / `配合。`): its frame says it goes on.
_OPEN_ASSIGNMENT = re.compile(r"^由[^。；;！？!?]{2,}?(?:牵头|负责|牽頭|負責)[^。；;！？!?]*[，,、\u4e00-\u9fff”\")）]$")


def _ends_paragraph(last: str) -> bool:
    """Does a line that fills the page end its paragraph? A closing mark ends it unless it closes only a word:
    a quote after no sentence end (`…负责,“年跑之”` / `区史海团团配合。`), a name's own brackets right after the
    name (`…、团组奥厅(丙丁委)` / `…配合。`). A note's bracket, a sentence's quote (`。”`) end it."""
    if not last.endswith(_ENDS_SENTENCE):
        return False
    if last[-1] in "”’\"":
        return len(last) < 2 or last[-2] in "。！？!?；;"
    if last[-1] in ")）":
        opened = max(last.rfind("("), last.rfind("（"))
        inside = last[opened + 1:-1]
        return not (opened > 0 and last[opened - 1] not in "。！？!?；;，,、：:)）]】〕 \t\u3000"
                    and _NAME_GLOSS.match(inside) and _depth(last[:opened]) <= 0)
    return True


#: How far short of the document's own line width a wrapped line may end (a line breaks before a word or a
#: punctuation mark that would not fit).
_WIDTH_SLACK = 5
_MIN_PAGE_WIDTH = 24


def line_width(lines: list[Line]) -> int:
    """The width below which a line without final punctuation is a line of its own: WRAP_WIDTH, or less when
    the document is hard-wrapped at a width of its own (the most common length of lines that break
    mid-sentence, seen at least twice), so a heading that is a few characters short of it still wraps."""
    counts: dict[int, int] = {}
    for line in lines:
        text = line.text.strip(" \t\u3000")
        # (a line that opens a bracket it does not close broke inside a note, whatever its last character)
        if line.cells is None and len(text) >= 15 and (not text.endswith(_ENDS_SENTENCE) or _depth(text) > 0):
            counts[len(text)] = counts.get(len(text), 0) + 1
    if not counts:
        return WRAP_WIDTH
    common, seen = max(counts.items(), key=lambda pair: (pair[1], pair[0]))
    # a page is wider than a heading: a short common length (cells, headings) says nothing about wrapping
    return min(WRAP_WIDTH, common - _WIDTH_SLACK) if seen >= 2 and common >= _MIN_PAGE_WIDTH else WRAP_WIDTH


#: A line ending in a label closed by its brackets (`…【实施单位】` / `X`): its value is in the next line.
_CLOSED_LABEL_END = re.compile(r"【[^【】]{2,10}(?:单位|部门|處室|处室|科室|机构|主体|單位|部門)】$")


def _depth(text: str) -> int:
    """How many more brackets `text` opens than it closes."""
    return sum(map(text.count, "(（[【〔")) - sum(map(text.count, ")）]】〕"))


#: The last characters of a name a narrow page broke off (`…人民政` / `府`, `…市丁丁` / `联`).
_NAME_REST = re.compile(r"[\u4e00-\u9fff]{1,3}")


def _name_goes_on(label: str, text: str) -> bool:
    """Is `text`, the line after the label line `label`, the rest of its last name? On a page too narrow for the
    width to say the label wrapped: up to three characters alone on a line, with no mark of a sentence, are no
    paragraph of their own (`…、各县(市、区)人民政` / `府`, `…、市丁会` / `丁联`), unless they open a list of
    attachments (`附件`)."""
    if not _NAME_REST.fullmatch(text) or _ends_paragraph(label) or _ATTACHMENT_HEADING.match(text):
        return False
    return bool(re.split(r"[、，,；;:：]", label)[-1])


def _standalone(text: str) -> bool:
    """Lines never joined to the line before: document numbers, dates, addressees."""
    # (a line ending in a colon inside a bracket it opened is a wrapped note: `[牵头单位：X，配合单位：` / `Y]`)
    return bool(DOC_NUMBER.match(text) or DATE_LINE.match(text) or (text.endswith(("：", ":")) and _depth(text) <= 0))


def build_outline(lines: list[Line]) -> Outline:
    outline = Outline()
    current: list[Para] = outline.preamble
    item: Item | None = None
    joinable = False
    depth = 0  # brackets the paragraph being joined has opened and not closed
    header: dict[int, str] | None = None
    # The paragraph being joined from wrapped lines: its pieces and their length, joined once when it
    # ends (adding each piece to the paragraph's text would copy it every time: quadratic).
    pieces: list[str] = []
    length = 0
    last: dict[int, int] = {}  # the value of the last item of each rank: 7 follows 6
    attachments = False  # inside a list `附件:1.… 2.…`

    def flush() -> None:
        nonlocal length
        if len(pieces) > 1:
            current[-1].text = "".join(pieces)
            if item is not None and current is item.paragraphs and len(current) == 1 and not item.labels:
                # a label after the item's sentence that a wrap cut (`…落实。【主` / `责单位】X【协办单位】Y`)
                at = inline_label(current[0].text)
                if at is not None:
                    item.labels.append(Para(current[0].line, current[0].text[at:].strip(" \t\u3000")))
                    current[0].text = current[0].text[:at]
        pieces.clear()
        length = 0

    label_wraps = False  # the last label line goes on in the next line
    held_open: str | None = None  # a blank line came inside a bracket the paragraph (or its label) opened
    width = line_width(lines)
    previous = ""  # the line before as written: a blank at its end may part two labels of a wrapped note
    after_label = False  # the line before was a label line
    for line in _cut_closing(lines, outline):
        blank_between = previous.endswith((" ", "\t", "\u3000")) or line.text[:1] in (" ", "\t", "\u3000")
        # (a blank line keeps the line before it: a note cut by a page break joins across it, `X  ` / `` / `配合单位：Y`)
        if line.text.strip(" \t\u3000") or line.cells is not None:
            previous = line.text if line.cells is None else ""
        if line.cells is not None:
            flush()
            header, row = _table_row(line, header)
            if row is not None:
                outline.items.append(row)
            joinable = False
            continue
        if not line.in_table:
            header = None
        text = clean(line.text)
        # (`- 2 -` is a page number before clean() takes its `- ` for a Markdown list mark)
        if not text or _PAGE_NUMBER.match(text) or _PAGE_NUMBER.match(line.text.strip(" \t\u3000")):
            # a note a page break cut, a blank line inside it (`…（牵头部` / `` / `门：X）`, a label's
            # `【配合单` / `` / `位】Y`), stays open for the line that closes it
            if not text and held_open is None:
                held_open = "paragraph" if joinable and depth > 0 else "label" if label_wraps and item is not None \
                    and item.labels and _depth(item.labels[-1].text) > 0 else None
            joinable = joinable and bool(text)
            label_wraps = label_wraps and bool(text)
            continue
        if held_open is not None:
            closes = _depth(text) < 0
            joinable = joinable or (closes and held_open == "paragraph")
            label_wraps = label_wraps or (closes and held_open == "label")
            held_open = None
        after_label, label_before = False, after_label
        attachments = bool(_ATTACHMENTS.match(text)) or (attachments and bool(re.match(r"[0-9０-９]{1,2}[.．、]", text)))
        found = None if attachments else _item_number(text, last)
        if found and found[3] and joinable and current:
            found = None  # `…控制在` / `1.8亿立方米…`: digits after the number, where a sentence wrapped, go on with it
        if not found and item is not None and not attachments:
            found = _lost_number(text, item, last)
            if found:
                outline.notices.append((line.number, text[:20], f"the item's number cannot be read (broken characters); "
                                        f"read as {found[1]}, the next in the sequence",
                                        f"编号无法识别（字符损坏），按编号顺序读作{found[1]}"))
        if found:
            flush()
            label_wraps = False
            rank, written, rest, run_in = found
            if run_in:
                outline.notices.append((line.number, text[:20], f"read as item {written} whose title starts with "
                                        f"digits (`{rest[:8]}`), since it follows the item before",
                                        f"按编号顺序读作第{written}项，标题以数字开头（“{rest[:8]}”）"))
            last[rank] = number_value(written)
            for deeper in [r for r in last if r > rank]:
                del last[deeper]  # numbering restarts under a new item
            at = inline_label(rest)
            label = rest[at:].strip(" \t\u3000") if at is not None else ""
            rest = rest[:at] if at is not None else rest
            item = Item(line.number, rank, normalise_number(written), [Para(line.number, rest)], written=written)
            if label:
                item.labels.append(Para(line.number, label))
            outline.items.append(item)
            # the line's own length says whether it was wrapped, its number included (`一、…的全面` / `领导`)
            # (a number alone at a line's end, `…相关市、县政府三、` / `保障措施`: its title is the next line)
            current, joinable = item.paragraphs, _wraps_at(rest, max(len(text), line.cut_from), width) if rest else True
            if _HEADING_NAMES_LEAD.search(rest):  # `（一）X牵头的工作` / its text: a heading, whatever its length
                joinable = False
            depth = _depth(rest)
            if label:  # a label after the item's sentence that goes on in the next line (`【协同责任` / `单位】…`)
                joinable, label_wraps = False, _wraps_at(label, max(len(text), line.cut_from), width)
            pieces.append(rest)
            length = len(text)
        elif item is not None and LABEL.match(text) and not (joinable and depth > 0):  # (inside a bracket: goes on)
            flush()
            item.labels.append(Para(line.number, text))
            joinable = False
            label_wraps = _wraps_at(text, max(len(text), line.cut_from), width)
            after_label = True
        elif (label_wraps or (label_before and item is not None and _name_goes_on(item.labels[-1].text, text))) \
                and item is not None and item.labels and not _standalone(text) and not line.text[:1].isspace():
            # a label line wrapped like the text (`协办单位:…、园区党工` / `委、各街道党工委`)
            item.labels[-1].text += (" " if blank_between else "") + text
            label_wraps = _wraps_at(text, len(item.labels[-1].text), width)
        elif joinable and current and (depth > 0 or not _standalone(text)) and (depth > 0 or not line.text[:1].isspace()) \
                and not (item is None and LABEL.match(text)):
            if not pieces:
                pieces.append(current[-1].text)
                length = len(current[-1].text)
            # inside a note, a blank where the line broke parts its labels (`[牵头单位：X  ` / `协同单位：Y]`)
            pieces.append(("  " if depth > 0 and blank_between else "") + text)
            length += len(text)
            depth += _depth(text)
            joinable = _wraps_at(text, length, width) or depth > 0  # a bracket still open goes on
        else:
            flush()
            current.append(Para(line.number, text))
            pieces.append(text)
            length = len(text)
            # a label line before any item (a document of unnumbered entries) is a line of its own
            depth = _depth(text)
            joinable = _wraps_at(text, max(len(text), line.cut_from), width) and not _standalone(text) \
                and not (item is None and LABEL.match(text))
    flush()
    if not outline.items:
        _unnumbered_items(outline)
    _label_lists(outline.items)
    outline.items = _label_groups_to_notes(_lift_group_notes(_notice_items_to_preamble(outline)))
    return outline


def _label_groups_to_notes(items: list[Item]) -> list[Item]:
    """`(二)加强解读。` / `开展政策解读。` / `牵头单位:X` / `建立回应机制。` / `牵头单位:Y` / `配合单位:Z`: label
    lines in several groups, each after its own sentences, assign each group of sentences, as several notes
    in one item do. Each group becomes the note of the paragraph it follows, so that the item is split the
    same way (ids `-1`, `-2`). Label lines in one group (however many) stay the item's labels."""
    for item in items:
        if item.rank == TABLE_RANK or len(item.labels) < 2:
            continue
        # one walk through paragraphs and labels in line order (both are in order): linear in the item
        groups: list[tuple[Para, list[Para]]] = []  # (the paragraph a group follows, its label lines)
        at = 0
        owner: Para | None = None
        fresh = False  # a paragraph came since the last label line
        for label in item.labels:
            while at < len(item.paragraphs) and item.paragraphs[at].line <= label.line:
                owner, fresh = item.paragraphs[at], True
                at += 1
            if owner is None:
                break
            if groups and not fresh:
                groups[-1][1].append(label)
            else:
                groups.append((owner, [label]))
            fresh = False
        else:
            if len(groups) < 2 or not all(parse_note("；".join(p.text for p in group), labelled_only=True)
                                          for _, group in groups):
                continue
            for paragraph, group in groups:
                texts = "；".join(tidy(p.text).rstrip("。.；;") for p in group)
                paragraph.text = paragraph.text.rstrip() + f"（{texts}）"
            item.labels = []
    return items


def _signed_notice_end(items: list[Item]) -> int | None:
    """The index of the item that ends with the notice's signature (an issuer's short line, then a date line)
    when the plan follows it: the items up to there are the notice's requirements, not the plan's."""
    for index, item in enumerate(items[:-1]):
        texts = [p.text.strip() for p in item.paragraphs[1:]]
        for at, text in enumerate(texts):
            if DATE_LINE.match(text) and at > 0 and len(texts[at - 1]) <= 20 and not re.search(r"[。，,；;：:]", texts[at - 1]):
                return index
    return None


def _assigns(item: Item) -> bool:
    return bool(item.labels) or any(_ends_in_note(p) or _standalone_note(p) for p in item.paragraphs)


def _notice_items_to_preamble(outline: Outline) -> list[Item]:
    """A notice that numbers its own requirements (一、各责任单位要… 二、… 三、…) before the plan: the notice's
    paragraphs are not items of the plan. Known by the plan's numbering starting again at 一、, or by the
    notice's signature and date standing between them. Only when none of them assigns anything (two parts of
    a plan that both number from 一 and carry notes stay items)."""
    items = outline.items
    if not items:
        return items
    signed = _signed_notice_end(items)
    if signed is not None and not any(_assigns(item) for item in items[: signed + 1]):
        for item in items[: signed + 1]:
            outline.preamble += [Para(p.line, (item.written if i == 0 else "") + p.text)
                                 for i, p in enumerate(item.paragraphs)]
        items = outline.items = items[signed + 1:]
    top = min(item.rank for item in items)
    starts = [i for i, item in enumerate(items) if item.rank == top and number_value(item.number) == 1]
    if len(starts) < 2:
        return items
    restart = starts[-1]
    earlier = items[:restart]
    if any(item.labels or any(_ends_in_note(p) or _standalone_note(p) for p in item.paragraphs) for item in earlier):
        return items
    for item in earlier:
        outline.preamble += [Para(p.line, (item.written if i == 0 else "") + p.text)
                             for i, p in enumerate(item.paragraphs)]
    return items[restart:]


def _standalone_note(para: Para) -> bool:
    """A paragraph that is nothing but one assignment note: `(责任单位:市直各有关单位、…)`."""
    text = para.text.strip().rstrip("。")
    if len(text) < 4 or text[0] not in "(（[【〔" or text[-1] not in ")）]】〕":
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += char in "(（[【〔"
        depth -= char in ")）]】〕"
        if depth == 0 and index < len(text) - 1:
            return False
    return parse_note(text[1:-1]) is not None


#: Sub-items one note may cover (an item's (1)…(9)); beyond, the note stays where it is (and the walk back
#: to the parent is bounded, so that a long run of sub-items each with a note line costs linear time).
_MAX_SUB_ITEMS = 30


def _lift_group_notes(items: list[Item]) -> list[Item]:
    """`1.完善应急预案体系` / `(1)…` … `(4)…` / `(责任单位:…)`: a note on its own line after sub-items none of which
    has its own (a note or label lines) belongs to the item above them, which becomes the task, the sub-items its
    text. Items that assign units themselves are tasks, and a note after the last of them is its own (a wrapped
    line puts it on a line of its own); so is a note with further sub-items after it (`(二)…` / `(…)` / `(三)…`)."""
    out: list[Item] = []
    for index, item in enumerate(items):
        last = item.paragraphs[-1] if len(item.paragraphs) > 1 else None
        # a sibling (or a sub-item) after it: the note stands between items, not after the run, and is its own
        runs_on = index + 1 < len(items) and items[index + 1].rank >= item.rank
        if last is None or runs_on or not _standalone_note(last):
            out.append(item)
            continue
        start = len(out)
        while start > 0 and out[start - 1].rank >= item.rank and len(out) - start < _MAX_SUB_ITEMS:
            start -= 1
        parent = out[start - 1] if start > 0 else None
        siblings = out[start:]
        # the first item under its parent, with its note on the next line, keeps the note: only a run of
        # sub-items (1)…(4) with one note after them gives it to the item above
        if parent is None or not siblings or parent.rank >= item.rank or parent.rank == TABLE_RANK or len(siblings) >= _MAX_SUB_ITEMS \
                or any(_assigns_itself(sub) for sub in siblings) \
                or any(_ends_in_note(p) or _holds_group_note(p) for p in item.paragraphs[:-1]) \
                or _ends_in_note(parent.paragraphs[-1]):
            out.append(item)
            continue
        for sub in [*siblings, item]:
            paragraphs = sub.paragraphs if sub is not item else sub.paragraphs[:-1]
            parent.paragraphs += [Para(p.line, (sub.written if i == 0 else "") + p.text) for i, p in enumerate(paragraphs)]
        parent.paragraphs.append(last)
        del out[start:]
    return out


#: A sentence that does nothing but assign: `由市财政局、农业局，各县(市)、区人民政府负责落实。` (the list framed
#: by 由 and a role verb, as a note's is by its brackets), also with its subject (`该项目由X负责`, `此项工作由X牵头`)
#: and followed by the officials in charge of each unit (`；市民政局责任人为某副局长`, `，责任人为某副局长`).
ASSIGNING_SENTENCE = re.compile(
    r"(?:^|(?<=[。；;]))[ \t\u3000]*(?:(?:该|此|本|这|該|這)(?:项目|項目|项工作|項工作|项任务|項任務|项|項|工作|任务|任務))?"
    r"由([^。；;]{2,160}?(?:牵头负责|负责落实|牵头落实|负责实施|组织实施|牵头|负责|配合|落实|牽頭|負責))"
    r"(?P<persons>(?:[；;，,][^。；;，,]{0,20}?(?:责任人|責任人|负责人|負責人)(?:为|是|為|：|:)[^。；;，,]{1,30})*)[。；;]?$")


def _assigns_alone(paragraphs: list[Para], index: int) -> bool:
    """Does the paragraph assign by itself: a note at its end, an assignment sentence, or label lines after it?"""
    para = paragraphs[index]
    after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return _ends_in_note(para) or bool(ASSIGNING_SENTENCE.search(para.text.rstrip())) or (
        after is not None and bool(LABEL.match(after.text)) and not LABEL.match(para.text))


def _unnumbered_items(outline: Outline) -> None:
    """A document with no numbered items at all whose paragraphs each assign (`…。该项目由市民政局牵头负责。`, a
    paragraph with `承办部门：X` under it): each such paragraph is an item without a number (ids `#1`, `#2`), its
    label lines with it; the paragraphs before the first stay the preamble."""
    paragraphs = outline.preamble
    starts = [i for i in range(len(paragraphs)) if not LABEL.match(paragraphs[i].text) and _assigns_alone(paragraphs, i)]
    if not starts:
        return
    outline.preamble = paragraphs[:starts[0]]
    for at, start in enumerate(starts):
        end = starts[at + 1] if at + 1 < len(starts) else len(paragraphs)
        item = Item(paragraphs[start].line, 3, "", [paragraphs[start]])
        for para in paragraphs[start + 1:end]:
            (item.labels if LABEL.match(para.text) else item.paragraphs).append(para)
        outline.items.append(item)
    outline.notices.append((paragraphs[starts[0]].line, paragraphs[starts[0]].text[:20],
                            "no numbered items: each paragraph that assigns units is read as an item without a number",
                            "未找到带编号的条目：每个写明分工的段落按一项（无编号）理解"))


#: A label of something else after a label's units, apart by spaces: `承办部门:市人社局 咨询电话:2126811`.
_OTHER_LABEL = re.compile(r"[ \t\u3000]+(?=(?:[\u4e00-\u9fff]{0,4}(?:电话|電話|联系人|聯繫人|邮箱|郵箱|地址|网址|網址|传真|傳真)"
                          r"|[\u4e00-\u9fff]{2,6}(?<!单位)(?<!部门)(?<!單位)(?<!部門))[:：])")
#: A phone number after a unit's name (`市卫计委 2835085`, `县医保局（0571-8888123）`).
_PHONE = re.compile(r"[ \t\u3000]*(?:(?:电话|電話|联系电话|聯繫電話|咨询电话|諮詢電話)[:：]?)?[(（]?[0-9][0-9\-－—]{4,}[)）]?$")


def _label_lists(items: list[Item]) -> None:
    """A label line's list ends before a label of something else (`承办部门:市人社局 咨询电话:2126811`: the phone
    goes to the task's text), and goes on in the lines right after it that hold only unit names, each perhaps
    with its phone number (`市卫计委 2835085`), as 民生工程 pages list the units that carry a project out."""
    for item in items:
        if not item.labels or item.rank == TABLE_RANK:
            continue
        for label in item.labels:
            opening = LABEL.match(label.text)
            cut = _OTHER_LABEL.search(label.text, opening.end()) if opening else None
            if cut is not None and not LABEL.match(label.text[cut.end():]):
                item.paragraphs.append(Para(label.line, label.text[cut.end():]))
                label.text = label.text[:cut.start()]
        kept: list[Para] = []
        last_label: Para | None = None  # the label line this paragraph follows, nothing but its units between
        order = sorted([(p.line, 0, p) for p in item.paragraphs] + [(lab.line, 1, lab) for lab in item.labels],
                       key=lambda entry: (entry[0], entry[1]))
        for _, is_label, para in order:
            if is_label:
                last_label = para
                continue
            bare = _PHONE.sub("", para.text)
            names = split_units(bare) if last_label is not None and not re.search(r"[。；;：:，,]", bare) else []
            if names and all(len(name) >= 3 and looks_like_unit(name) for name in names):
                assert last_label is not None
                last_label.text = last_label.text.rstrip("、") + "、" + "、".join(names)
                phone = para.text[len(bare):].strip()
                if phone:
                    kept.append(Para(para.line, phone))
                continue
            kept.append(para)
            last_label = None
        item.paragraphs = sorted(kept, key=lambda para: para.line)


def _assigns_itself(item: Item) -> bool:
    """Does the item name its units itself: label lines, a note (of any label or verb), an assignment sentence, a
    title naming who leads it (`①市丁联牵头的工作` / its text)?"""
    return bool(item.labels) or any(_ends_in_note(p) or _closing_note(p) or ASSIGNING_SENTENCE.search(p.text.rstrip())
                                    for p in item.paragraphs) \
        or bool(item.paragraphs and _HEADING_NAMES_LEAD.search(item.paragraphs[0].text.strip()))


def _closing_note(para: Para) -> bool:
    """Does the paragraph end with a bracket that is a note (`…。〔责任部门：X〕`, any label or role verb)?"""
    text = para.text.rstrip(" 。")
    if not text or text[-1] not in ")）]】〕":
        return False
    depth = 0
    for index in range(len(text) - 1, max(-1, len(text) - 200), -1):
        depth += text[index] in ")）]】〕"
        depth -= text[index] in "(（[【〔"
        if depth == 0:
            return parse_note(text[index + 1:-1]) is not None
    return False


#: What a bracket that assigns holds near its end: a role verb, or a label (`责任部门：`, `牵头处室:`, `【配合单位】`).
_ASSIGNING_WORDS = re.compile(r"负责|負責|牵头|牽頭|(?:单位|部门|單位|部門|处室|處室|科室|股室)[^。]{0,8}?[：:】]")


def _ends_in_note(para: Para) -> bool:
    """Does the paragraph end with a bracket that assigns units (the sub-item has a note of its own)?"""
    text = para.text.rstrip(" 。")
    return bool(text) and text[-1] in ")）]】〕" and bool(_ASSIGNING_WORDS.search(text[-80:]))


#: A note right after a sentence (or opening a paragraph: the sentence before it ended the line above) with text
#: going on after it (`…下降13%。（X负责）用水总量…`), its names perhaps holding a bracket of their own.
_MID_NOTE = re.compile(r"(?:^|(?<=[。；;]))[ \t\u3000]*[(（\[【〔]((?:[^()（）\[\]【】〔〕]|[(（][^()（）]{0,20}[)）]){2,120})[)）\]】〕]"
                       r"(?=[ \t\u3000]*\S)")


def _holds_group_note(para: Para) -> bool:
    """Does the paragraph hold a note that closes a sentence before more text (an item of several notes, whose
    last note may stand on a line of its own: that note is the item's, not the one above)?"""
    return any(parse_note(match.group(1)) is not None for match in _MID_NOTE.finditer(para.text))


#: A line that starts with characters a broken copy put where the item's number was (`?。ǘ┩…`): the marks of
#: undecodable text (?, U+FFFD), then anything but Chinese characters.
_BROKEN_START = re.compile(r"^[?？\ufffd][。．.、]?[^\u4e00-\u9fff]*")
_RANK_FORMS = {1: "{}、", 2: "({})", 3: "{}.", 4: "({})"}
_CN_NUMBERS = "一二三四五六七八九十"


def _lost_number(text: str, item: Item, last: dict[int, int]) -> tuple[int, str, str, bool] | None:
    """A line whose number a broken copy lost, between items of one rank that end in notes: it has the shape
    of an item (a new line ending with its own note) and stands where the sequence expects the next number,
    so it is read as that item (and the report says so)."""
    broken = _BROKEN_START.match(text)
    if broken is None or not broken.group(0) or item.rank not in _RANK_FORMS or item.rank not in last:
        return None
    rest = text[broken.end():]
    if not rest or not _ends_in_note(Para(0, rest)) or not _ends_in_note(item.paragraphs[-1]):
        return None
    value = last[item.rank] + 1
    if value > 10 and item.rank in (1, 2):
        return None
    shown = _CN_NUMBERS[value - 1] if item.rank in (1, 2) else str(value)
    return item.rank, _RANK_FORMS[item.rank].format(shown), rest, False


def _item_number(text: str, last: dict[int, int]) -> tuple[int, str, str, bool] | None:
    """(rank, number as written, the rest, whether the number runs into digits) when `text` starts an item.
    `7.365天…` is item 7 only when the last item of that rank was 6, `1．2031年…` item 1 only as the first under
    an item of a higher rank: a number followed by digits otherwise reads as text (`3.5%左右`)."""
    number = NUMBERING.match(text)
    if number:
        written = number.group(0).strip()
        if _rank(number) == 4 and written[0] not in "(（":  # `1)` is written as the parser reads it, `(1)`
            written = f"({written.rstrip(')）')})"
        return _rank(number), written, text[number.end():], False
    run_in = _NUMBER_INTO_DIGITS.match(text)
    # `1．2031年底前…` under a new part: a count of its own starts at 1
    if run_in and number_value(run_in.group(1)) == (last[3] + 1 if 3 in last else 1) and last:
        return 3, run_in.group(0), text[run_in.end():], True
    return None


#: A part heading (`一、主要任务`): the plan goes on after a date line, which is then the notice's, not a signature.
_PLAN_AFTER_DATE = re.compile(r"[一二三四五六七八九十]{1,3}[、．]")


def _cut_closing(lines: list[Line], outline: Outline) -> list[Line]:
    """Move the signature block (issuer, date, 此件公开发布) off the last item; a date with long lines after
    it is the notice's date near the top, not a signature."""
    for index in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        after = [clean(line.text) for line in lines[index + 1:]]
        # (a short plan after a notice's signature is no closing: a part heading or a note after the date says so)
        if DATE_LINE.match(clean(lines[index].text)) and all(len(text) <= WRAP_WIDTH for text in after) \
                and not any(_PLAN_AFTER_DATE.match(text) or _ends_in_note(Para(0, text)) for text in after):
            start = index - 1 if index > 0 and len(clean(lines[index - 1].text)) <= 20 else index
            outline.closing = [Para(line.number, clean(line.text)) for line in lines[start:] if clean(line.text)]
            return lines[:start]
    return lines


def _table_row(line: Line, header: dict[int, str] | None) -> tuple[dict[int, str] | None, Item | None]:
    """A header row gives the columns; other rows become items with label lines."""
    cells = line.cells or ()
    fields = _header_fields(cells)
    if fields:
        return fields, None
    if header is None or not any(cells):
        return header, None
    values = {field: cells[index].strip() for index, field in header.items() if index < len(cells)}
    task = tidy(values.get("task", ""))
    if not task:
        return header, None
    number = table_number(values.get("number", ""))
    own = _CELL_NUMBER.match(task) if "number" not in header.values() else None
    if own:  # a table without a 序号 column whose task cells carry their number (`1. 生产总值…`)
        number, task = table_number(own.group(1)), task[own.end():]
    if values.get("number") and not number:  # not a number (`单位 纪委`): kept in the title, not lost
        task = f"{values['number']} {task}"
    row = Item(line.number, TABLE_RANK, number, [Para(line.number, task)])
    if values.get("leader"):
        values["leader"] = leader_cell(values["leader"])
    for field, label in _FIELD_LABEL.items():
        if values.get(field):
            row.labels.append(Para(line.number, f"{label}：{values[field]}"))
    return header, row


#: The number a task cell opens with, in a table that has no 序号 column: `1. `, `1、`, `（1）`, `(一)` (`3.5%` is text).
_CELL_NUMBER = re.compile(r"^([0-9０-９]{1,3}[.．、](?![0-9０-９])|[(（](?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[)）])[ \t\u3000]*(?=\S)")


def table_number(cell: str) -> str:
    """The 序号 cell as an item number (`1`, `1.`, `（一）`, `①` -> `1`, `1`, `(一)`, `(1)`); "" when the
    cell holds anything else (`1:`, `单位 纪委`, `-`), which the writer could not put before a title."""
    number = normalise_number(cell.strip().rstrip(":：")) if cell.strip() else ""
    return number if _TABLE_NUMBER.fullmatch(number) else ""


def _header_fields(cells: Iterable[str]) -> dict[int, str] | None:
    fields: dict[int, str] = {}
    for index, cell in enumerate(header_key(cell) for cell in cells):
        for words, field in COLUMNS:
            if cell in words and field not in fields.values():
                fields[index] = field
                break
        else:
            if cell in LEADER_LABELS and "leader" not in fields.values():
                fields[index] = "leader"  # `市政府分管领导`, `分管省领导`: people, not units
                continue
            if task_header(cell) and "task" not in fields.values():
                fields[index] = "task"  # a task column named for its document: `2022年预期目标`
    has_roles = any(field in ("lead", "responsible", "support") for field in fields.values())
    return fields if has_roles and "task" in fields.values() else None

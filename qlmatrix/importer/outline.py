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
from .annotations import LABEL
from .reading import Line

if TYPE_CHECKING:
    from collections.abc import Iterable

NUMBERING = re.compile(
    r"^(?:(?P<r1>[一二三四五六七八九十百]{1,3}[、．.])|(?P<r2>[(（][一二三四五六七八九十百]{1,3}[)）])"
    r"|(?P<r3>[0-9０-９]{1,3}[.．、](?![0-9０-９]))|(?P<r4>[(（][0-9０-９]{1,3}[)）])|(?P<r5>[①-⑳]))[ \t\u3000]*")
TABLE_RANK = 9  # table rows sit under whatever section is open
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|\d{1,3}|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
DOC_NUMBER = re.compile(r"^\S{1,12}〔\d{4}〕\d+号$")
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
    (("牵头单位", "牵头部门", "牵头"), "lead"),
    (("配合单位", "配合部门", "协助单位", "参与单位", "配合"), "support"),
    (("责任单位", "责任部门", "责任主体"), "responsible"),
    (("完成时限", "完成时间", "时间节点", "时限", "完成期限"), "due"),
    (("频次", "工作频次"), "cadence"),
    (("重点任务", "工作任务", "主要任务", "具体任务", "任务内容", "工作内容", "任务", "工作措施", "举措", "内容"), "task"),
)
_FIELD_LABEL = {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位", "due": "完成时限", "cadence": "频次"}


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

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@attrs.define
class Outline:
    preamble: list[Para] = attrs.field(factory=list)
    items: list[Item] = attrs.field(factory=list)
    closing: list[Para] = attrs.field(factory=list)  # signature, date, 此件公开发布


def clean(text: str) -> str:
    text = text.replace("\u00a0", " ").strip(" \t\u3000\r\ufeff")
    text = _MARKDOWN.sub("", text).replace("**", "").replace("__", "")
    return text.strip(" \t\u3000")


def _rank(match: re.Match[str]) -> int:
    return next(int(name[1]) for name, value in match.groupdict().items() if value)


def _wraps(text: str) -> bool:
    """Does the paragraph go on in the next line (PDF or hard line wrap)?"""
    return _wraps_at(text, len(text))


def _wraps_at(last: str, length: int) -> bool:
    """`_wraps` for a paragraph of `length` characters whose last line is `last` (not empty)."""
    if last.endswith(_CONTINUES):
        return True
    return length >= WRAP_WIDTH and not last.endswith(_ENDS_SENTENCE)


def _standalone(text: str) -> bool:
    """Lines never joined to the line before: document numbers, dates, addressees."""
    return bool(DOC_NUMBER.match(text) or DATE_LINE.match(text) or text.endswith(("：", ":")))


def build_outline(lines: list[Line]) -> Outline:
    outline = Outline()
    current: list[Para] = outline.preamble
    item: Item | None = None
    joinable = False
    header: dict[int, str] | None = None
    # The paragraph being joined from wrapped lines: its pieces and their length, joined once when it
    # ends (adding each piece to the paragraph's text would copy it every time: quadratic).
    pieces: list[str] = []
    length = 0

    def flush() -> None:
        nonlocal length
        if len(pieces) > 1:
            current[-1].text = "".join(pieces)
        pieces.clear()
        length = 0

    for line in _cut_closing(lines, outline):
        if line.cells is not None:
            flush()
            header, row = _table_row(line, header)
            if row is not None:
                outline.items.append(row)
            joinable = False
            continue
        header = None
        text = clean(line.text)
        if not text or _PAGE_NUMBER.match(text):
            joinable = joinable and bool(text)
            continue
        number = NUMBERING.match(text)
        if number:
            flush()
            rest = text[number.end():]
            item = Item(line.number, _rank(number), normalise_number(number.group(0).strip()), [Para(line.number, rest)])
            outline.items.append(item)
            current, joinable = item.paragraphs, _wraps(rest)
            pieces.append(rest)
            length = len(rest)
        elif item is not None and LABEL.match(text):
            flush()
            item.labels.append(Para(line.number, text))
            joinable = False
        elif joinable and current and not _standalone(text) and not line.text[:1].isspace():
            if not pieces:
                pieces.append(current[-1].text)
                length = len(current[-1].text)
            pieces.append(text)
            length += len(text)
            joinable = _wraps_at(text, length)
        else:
            flush()
            current.append(Para(line.number, text))
            pieces.append(text)
            length = len(text)
            joinable = _wraps(text) and not _standalone(text)
    flush()
    return outline


def _cut_closing(lines: list[Line], outline: Outline) -> list[Line]:
    """Move the signature block (issuer, date, 此件公开发布) off the last item."""
    for index in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        if DATE_LINE.match(clean(lines[index].text)):
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
    task = values.get("task", "")
    if not task:
        return header, None
    number = table_number(values.get("number", ""))
    if values.get("number") and not number:  # not a number (`单位 纪委`): kept in the title, not lost
        task = f"{values['number']} {task}"
    row = Item(line.number, TABLE_RANK, number, [Para(line.number, task)])
    for field, label in _FIELD_LABEL.items():
        if values.get(field):
            row.labels.append(Para(line.number, f"{label}：{values[field]}"))
    return header, row


def table_number(cell: str) -> str:
    """The 序号 cell as an item number (`1`, `1.`, `（一）`, `①` -> `1`, `1`, `(一)`, `(1)`); "" when the
    cell holds anything else (`1:`, `单位 纪委`, `-`), which the writer could not put before a title."""
    number = normalise_number(cell.strip().rstrip(":：")) if cell.strip() else ""
    return number if _TABLE_NUMBER.fullmatch(number) else ""


def _header_fields(cells: Iterable[str]) -> dict[int, str] | None:
    fields: dict[int, str] = {}
    for index, cell in enumerate(cells):
        for words, field in COLUMNS:
            if cell.strip() in words and field not in fields.values():
                fields[index] = field
                break
    has_roles = any(field in ("lead", "responsible", "support") for field in fields.values())
    return fields if has_roles and "task" in fields.values() else None

"""A document that lost its line breaks, its paragraphs apart by blanks, cut back into paragraphs.

A copy of a web page or a PDF can hold a whole plan on one line, each paragraph
after a space (or U+3000, or two): `…分工如下。 一、重点任务 1.完善…。（X负责） - 2 - 2.…`.
A blank is a paragraph break only where a paragraph can end or start, and never
inside an open bracket (a note writes its labels apart by spaces,
`[牵头单位：X  配合单位：Y]`):

- before an item number of any kind (`一、`, `（一）`, `1.`, `１．`, `（1）`, `①`),
  a label (`责任单位：`, any short word and a colon), a date, `（此件`;
- after the end of a sentence (`。！？`): the paragraph after it may be a note on
  a line of its own (`…落实。 [责任单位：X]`, the note of the sub-items' item);
  after a heading naming who leads (`（二）X牵头的工作 …`);
- around a page number the copy kept between two paragraphs (`- 2 -`, `—3—`,
  `第2页 共5页`, a bare `4` before the next item, also after a label's units): it is
  taken out.

A line is read so when it is the document's only line, or when it is long and
has at least three breaks before numbers or labels (a line of a plain document
keeps its blanks). What is left run together without blanks is cut by runs.py.
"""

from __future__ import annotations

import re

from .marks import plain_marks
from .reading import Line

_BLANK = "[ \t\u3000]+"
#: An item number, as the outline reads one at a line's start (marks.py has written `⑴` as `(1)`, `一﹑` as `一、`).
_ITEM_NUMBER = (r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,3}[.．、](?![0-9０-９])"
                r"|[(（][0-9０-９]{1,3}[)）]|[①-⑳]"
                # `1。`, `一。` (marks.py writes them plainly at a line's start, which the paragraph is once cut)
                r"|[0-9０-９]{1,3}。(?=[^0-9０-９%％。\s])|[一二三四五六七八九十]{1,3}。(?=[^\s。])")
#: What starts a paragraph after a blank.
_STARTS = re.compile(
    rf"{_BLANK}(?=(?:{_ITEM_NUMBER}"
    r"|(?:责任单位|牵头单位|配合单位|牵头责任单位|协同责任单位|责任领导)[:：]|\d{4}年\d{1,2}月\d{1,2}日|[(（]此件)"
    r"|[\u4e00-\u9fff]{2,8}[:：](?![0-9]))")  # any label: `项目责任人:`, `实际完成情况:` end the label before them
#: A blank after the end of a sentence.
_AFTER_SENTENCE = re.compile(rf"(?<=[。！？!?]){_BLANK}")
#: A blank after a heading that names who leads what is under it (`（二）市甲局牵头的工作 建立…`): the heading is
#: a line of its own (outline.py reads its lead from it).
_AFTER_LEAD_HEADING = re.compile(r"(?:牵头|负责|牽頭|負責)的?(?:重点|重點)?(?:工作|任务|任務|事项|事項)"
                                 rf"(?:[(（]共?\d+(?:项|項|条|條)[)）])?(?P<blank>{_BLANK})")
#: A page number between blanks, before the next paragraph (or the end): `- 2 -`, `—3—`, `第2页 共5页` wherever they
#: stand (a label's units may end before them); a bare number only before an item number or the end, and not after
#: another number (`…合计 2 3 1` is a table's figures).
_PAGE = re.compile(
    rf"{_BLANK}(?:[-—–－][ \t]*\d{{1,3}}[ \t]*[-—–－]|第[ \t]*\d+[ \t]*页(?:[ \t]*共[ \t]*\d+[ \t]*页)?)(?=[ \t\u3000]|$)"
    rf"|(?<=[^0-9０-９ \t\u3000]){_BLANK}\d{{1,3}}(?={_BLANK}(?:{_ITEM_NUMBER})|[ \t\u3000]*$)")
_LONG_LINE = 120
_OPENING = "(（[【〔"
_CLOSING = ")）]】〕"
#: A bracket open longer than this was never closed: a note is shorter.
_NOTE_LENGTH = 300


def cut_paragraphs(lines: list[Line]) -> list[Line]:
    """`lines` with each line that holds run-together paragraphs cut into them (each keeps its line's number)."""
    alone = sum(1 for line in lines if line.text.strip()) == 1
    out: list[Line] = []
    for line in lines:
        if line.cells is None and (alone or len(line.text) > _LONG_LINE and len(_STARTS.findall(line.text)) >= 3):
            out += [Line(line.number, part) for part in split_paragraphs(line.text)]
        else:
            out.append(line)
    return out


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a line run together, cut at the blanks between them and without page numbers."""
    text = _PAGE.sub(" ", text)
    breaks = sorted({(m.start(), m.end()) for pattern in (_STARTS, _AFTER_SENTENCE) for m in pattern.finditer(text)}
                    | {(m.start("blank"), m.end("blank")) for m in _AFTER_LEAD_HEADING.finditer(text)})
    parts, cursor = [], 0
    opened: list[int] = []  # where the brackets open at the scan stand
    scanned = 0
    for start, end in breaks:
        if start < cursor:
            continue
        for at in range(scanned, start):
            if text[at] in _OPENING:
                opened.append(at)
            elif text[at] in _CLOSING and opened:
                opened.pop()
        scanned = start
        if opened and start - opened[-1] <= _NOTE_LENGTH:  # inside a note: its labels apart by spaces
            continue
        opened.clear()  # a bracket open longer than any note was never closed (a copy lost it)
        parts.append(text[cursor:start])
        cursor = end
    parts.append(text[cursor:])
    return [plain_marks(part.strip(" \t\u3000")) for part in parts if part.strip(" \t\u3000")]

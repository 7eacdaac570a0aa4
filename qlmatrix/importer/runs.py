"""Items run together with nothing between them, cut apart where the document's own numbering says.

A copy that lost its line breaks and spaces holds a whole plan on one line:
`…制定如下措施。一、促进公平竞争1.坚持…。责任单位：区甲局2.全面…`. A space or a
closing bracket before a number (flat.py) is not there to cut at, so a number
is taken as the start of an item only when it is the one the sequence expects
(2. after 1., 二、 after 一、, a first 1. under a new part) and stands where an
item can start:

- after the end of a sentence (`。`) or a closing bracket; the first item of a
  count under a part (its 1.) only after a note, or a lead-in after a note
  (`…负责）具体措施：1．`), since after a sentence (`…加强保障。主要措施：1.…`)
  such a count is a list in the item's text;
- straight after a label's units (`责任单位：区甲局2.…`): a label's value holds
  no item number, so the next number in the sequence ends it. This one holds in
  lines of any length, since it is how such copies run label lines into the
  next item;
- straight after a heading of the part above (`一、促进公平竞争1.…`,
  `…的精准性（一）研究…`): a short run of words with no sentence end after a
  number of a higher level.

Everywhere else a number is text (`3.5%`, `一、二、三产业`, `第2.…`). The counts are
`一、`, `（一）`, `1.`, `（1）` and `①`, each of its own. A list in an item's text
(`…做好以下工作：1.…。2.…。3.…`) counts on from its own 1.: its numbers are no
items even where they would continue the items' count, until a note or a label's
units end the item. A label wrapped over the lines above (`责任单位：A、B、县总工` /
`会2.…`) ends at the next item's number as one on this line does.
"""

from __future__ import annotations

import re

from .numbering import number_value
from .reading import Line

#: Lines longer than this that are still one line hold run-together items (flat.py cuts spaced ones first), as
#: does the only line of a document.
_LONG_LINE = 120
_KINDS = {"top": 0, "paren": 1, "digit": 2, "sub": 3, "circled": 4}
#: How far back a label may stand before the number that ends its value (a value of units is short).
_WINDOW = 140
_NUMBER = re.compile(r"(?P<top>(?<![一二三四五六七八九十第])[一二三四五六七八九十]{1,3}、)"
                     r"|(?P<paren>[(（][一二三四五六七八九十]{1,3}[)）])"
                     r"|(?P<digit>(?<![0-9０-９.．第])(?<![0-9]{4}[〕\]］])[0-9０-９]{1,3}(?:[.．﹒](?!\d)|、|[.．](?=\d)))"
                     r"|(?P<sub>[(（][0-9０-９]{1,2}[)）])|(?P<circled>[①-⑳])")
#: (a serial number after a year's bracket, `青人社发[2031]5、…`, is a document number's, never an item's)
_CLOSING = ")）]】〕"
_SENTENCE_END = "。！？!?：:" + _CLOSING
#: A label whose value is units (or a leader, a deadline): `责任单位：`, `牵头部门:`, `责任领导：`, `责任单位（部门）：`.
_LABEL_COLON = re.compile(r"(?:单位|部门|單位|部門|处室|科室|處室|主体|主體|领导|領導|时限|時限|牵头|牽頭|配合|责任人|責任人)"
                          r"(?:[(（][\u4e00-\u9fff]{1,4}[)）])?[:：]")  # (an aside: `责任单位（部门）：`)
#: `附件：1.…2.…`: a list of attachments, not items (outline.py reads it so when it starts a line).
_ATTACHMENTS = re.compile(r"附件[ \t\u3000]*[:：]$")
#: What a label's value may hold before the next item's number runs into it: no end of a sentence (and its
#: brackets closed, `各区县（市）政府`).
_LABEL_VALUE = re.compile(r"^[^。；;！？!?]{1,120}$")
#: A heading between its number and the first item under it: words, no end of a sentence.
_HEADING_LENGTH = 60
_HEADING = re.compile(rf"^[^。；;！？!?]{{2,{_HEADING_LENGTH}}}$")
#: `…负责）具体措施：` before the first sub-item: the lead-in is a line of its own, so the note stays its item's.
_LEAD_IN = re.compile(r"(?<=[。)）\]】〕])[^。()（）]{1,12}[:：]$")
_NOTE_LEAD_IN = re.compile(r"(?<=[)）\]】〕])[^。()（）]{1,12}[:：]$")


class _Sequence:
    """The numbering seen so far: the last value of each kind, and which kinds may start again at 1."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.restart: set[str] = set()

    def expects(self, kind: str, value: int) -> bool:
        if kind not in self.last:
            return value == 1
        return value == self.last[kind] + 1 or (value == 1 and kind in self.restart)

    def opens(self, kind: str, value: int) -> bool:
        """Would this number start a count under a part (its first item), not go on with one or start the
        document's items?"""
        return value == 1 and (kind not in self.last or kind in self.restart) \
            and any(_KINDS[seen] < _KINDS[kind] for seen in self.last)

    def take(self, kind: str, value: int) -> None:
        self.last[kind] = value
        self.restart.discard(kind)
        self.restart |= {deeper for deeper, level in _KINDS.items() if level > _KINDS[kind]}


def cut_run_together(lines: list[Line]) -> list[Line]:
    """`lines` with run-together items cut apart (each piece keeps its line's number)."""
    sequence = _Sequence()
    out: list[Line] = []
    alone = sum(1 for line in lines if line.text.strip()) == 1  # a document of one line is run together, however short
    above = ""  # the lines before, when they break off mid-sentence: a label wrapped into this line goes on here
    for line in lines:
        if line.cells is not None:
            out.append(line)
            above = ""
            continue
        run_together = alone or len(line.text) > _LONG_LINE
        pieces = _cut(line.text, sequence, run_together, above)
        out += [Line(line.number, piece, in_table=line.in_table,
                     cut_from=len(line.text) if len(pieces) > 1 and at == len(pieces) - 1 else line.cut_from)
                for at, piece in enumerate(pieces)]
        text = line.text.strip(" \t\u3000")
        # (a label may take several lines: what they hold since the last end of a sentence, a window of it)
        above = (above + text)[-_WINDOW:] if text and text[-1] not in _SENTENCE_END + "；;" else ""
    return out


def _cut(text: str, sequence: _Sequence, long: bool, above: str = "") -> list[str]:
    stripped = text.lstrip(" \t\u3000")
    cuts: list[int] = []
    heading: tuple[int, str] | None = None  # where the last item cut here began, and its kind
    listed: dict[str, int] = {}  # the last number of a list inside the item's text, by kind
    for match in _NUMBER.finditer(text):
        kind = match.lastgroup or ""
        value = number_value(match.group(0))
        at = match.start()
        if value and at == len(text) - len(stripped):  # the line's own number: the document says where it is
            sequence.take(kind, value)
            heading = (match.end(), kind)
            listed.clear()
            above = ""  # a line of its own item: no label above goes on in it
            continue
        expected = bool(value) and sequence.expects(kind, value)
        # `…做好以下工作：1.…。2.…。3.…`: a list in the item's text counts on from its own 1., even where its
        # numbers would continue the items' count
        counts_on = kind in listed and value == listed[kind] + 1
        if counts_on and not expected:
            listed[kind] = value
            continue
        if not expected and value != 1:
            continue
        # what stands before the number (a window of it: a slice of all before it, per number, is quadratic)
        end = at
        while end > 0 and at - end < 8 and text[end - 1] in " \t\u3000":
            end -= 1
        before = text[max(0, end - _WINDOW):end]
        if not before:
            continue
        # a label line wrapped at the page width whose units run into the next item here (`责任单位：A、B` /
        # `C、D2.…`): the label stands on the line above
        label_before = above[-(_WINDOW - len(before)):] + before if above and end < _WINDOW and not cuts else before
        attachments = _ATTACHMENTS.search(before, max(0, len(before) - 8)) if value == 1 else None
        if attachments is not None:  # `…（…负责）附件：1.…2.…`: the list of attachments ends the items
            start = end - len(before) + attachments.start()
            if long and start > 0 and text[start - 1] in _SENTENCE_END:
                cuts.append(start)
            break
        if not expected:
            listed[kind] = 1  # a list of the item's own starts here
            continue
        if text[match.end():match.end() + 1].isdigit():
            # `…负责）3．2020年底前…`: a title that starts with digits, only where a note or a label's units end
            # the item before (after a full stop it reads as `3.5%`)
            starts = before[-1] in _CLOSING or _after_label(label_before)
        elif sequence.opens(kind, value):
            # the first item of a deeper count: after a heading (`一、促进公平竞争1.`), a note, or a lead-in after a
            # note (`…负责）具体措施：1．`); after a sentence (`…加强保障。主要措施：1.…`) it is a list in the text
            starts = _after_label(label_before) or long and (before[-1] in _CLOSING or bool(_NOTE_LEAD_IN.search(before))
                                                       or _after_heading(text, at, kind, heading))
        else:  # after a note in a line of any length too (`…负责）2﹒…`), as flat.py cuts `…负责)(二)…`
            starts = _after_label(label_before) or before[-1] in _CLOSING or long and (
                before[-1] in _SENTENCE_END or _after_heading(text, at, kind, heading))
        if starts and counts_on and not (_after_label(label_before) or before[-1] in _CLOSING):
            starts = False  # after a sentence of the list: the list's next number (a note or a label ends the item)
        if starts:
            cuts.append(at)
            sequence.take(kind, value)
            heading = (match.end(), kind)
            listed.clear()
        elif value == 1 or counts_on:
            listed[kind] = value
    if not cuts:
        return [text]
    pieces, cursor = [], 0
    for at in cuts:
        piece = text[cursor:at]
        lead_in = _LEAD_IN.search(piece.rstrip())
        if lead_in is not None:
            pieces += [piece[: lead_in.start()], piece[lead_in.start():]]
        else:
            pieces.append(piece)
        cursor = at
    pieces.append(text[cursor:])
    return [piece for piece in pieces if piece.strip()]


def _after_label(before: str) -> bool:
    """Does `before` end with a label and its value (`…。责任单位：区甲局、区乙局`)?"""
    labels = list(_LABEL_COLON.finditer(before))
    if not labels:
        return False
    label = labels[-1]
    value = before[label.end():]
    opened = sum(value.count(char) for char in "(（[【〔")
    return bool(_LABEL_VALUE.match(value)) and opened == sum(value.count(char) for char in ")）]】〕")


def _after_heading(text: str, at: int, kind: str, heading: tuple[int, str] | None) -> bool:
    """Does the number at `at` follow a heading of a higher level (`一、促进公平竞争1.`)?"""
    if heading is None or _KINDS[heading[1]] >= _KINDS[kind] or at - heading[0] > _HEADING_LENGTH:
        return False
    return bool(_HEADING.match(text[heading[0]:at]))

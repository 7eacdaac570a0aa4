"""Tables and paragraphs that conversion flattened, rebuilt before the outline is read.

Pages copied from HTML or PDF lose their table structure in three ways, all
seen in real plans:

- one cell per line, each ending ` |` (a table exported cell by cell);
- one cell per line with a blank line between cells, and an extra blank
  line where a cell is empty; a header may take two lines (`区本级` `任务数`);
- rows as `|`-separated cells on one line, where a cell that wraps goes on
  in the next row with the other cells empty (`市政` / `府办` / `公厅`), and a
  lead cell spanning several rows is written once.

The header row (序号 / 重点工作 / 牵头单位 / 责任单位 / 完成时限, in any
order) is recognised by its words, rows are rebuilt from the cells after it
(by the 序号 sequence when there is one, else by the number of columns) and
handed on as table rows (`Line.cells`), as a Markdown or Word table is.

Also: a whole document on one line (paragraphs separated by blanks) is cut
into its paragraphs (paragraphs.py), and an item run together with the next
(`…(省发改委负责)(二)公共财政收入…`) is cut where the next number follows
the sequence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs

from .annotations import DUE_LABELS, LEAD_LABELS, LEADER_LABELS, RESPONSIBLE_LABELS, SUPPORT_LABELS
from .columns import (
    NUMBER_CELL,
    OTHER_COLUMNS,
    cell_kind,
    column_kind,
    fits_in_order,
    header_key,
    joined_units,
    more_units,
    one_unit_column,
    place,
    sub_rows,
)
from .headerless import headerless_rows, opens_headerless_table
from .numbering import PART_HEADING, number_value
from .paragraphs import cut_paragraphs
from .reading import Line
from .runs import cut_run_together
from .units import could_be_unit, looks_like_unit, split_units, strip_verb
from .wrapped import wrapped_rows

#: Pinyin a third-party site put after characters (`發(fā)`, `經(jīng)開區(qū)`): not the document's text.
PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)")
#: Marks a copying site scattered through the text (`一@@、`, `(一@@)`, `自治区发展改革委@@@@`): a doubled symbol
#: that no plan writes, inside a line; not the document's text (as pinyin in parentheses is not).
SITE_MARKS = re.compile(r"(?<=\S)(?:@{2,}|#{2,}|\^{2,}|~{2,}|\${2,})")


#: Header words of a 任务分工表 (see outline.COLUMNS for what each column means).
HEADER_WORDS = frozenset((
    "序号", "编号", "牵头单位", "牵头部门", "牵头", "牵头责任单位", "牵头负责部门", "牵头负责单位", "配合单位", "配合部门", "协助单位", "参与单位", "配合",
    "协同责任单位", "责任单位", "责任部门", "责任主体", "完成时限", "完成时间", "时间节点", "时限", "完成期限", "频次",
    "工作频次", "重点任务", "工作任务", "主要任务", "具体任务", "任务内容", "工作内容", "任务", "工作措施", "举措", "内容",
    "重点工作", "目标任务", "目标与任务", "工作目标", "责任领导", "牵头领导", "牵头负责领导", "分管领导", "备注", "责任人",
    *OTHER_COLUMNS, *DUE_LABELS, *LEADER_LABELS, *LEAD_LABELS, *SUPPORT_LABELS, *RESPONSIBLE_LABELS,
))
_TASK_WORDS = frozenset(("重点任务", "工作任务", "主要任务", "具体任务", "任务内容", "工作内容", "任务", "工作措施", "举措",
                         "内容", "重点工作", "目标任务", "目标与任务"))
#: A task column named for its document: `2022年预期目标`, `目标与任务`, `年度重点工作`, `工作举措`.
_TASK_HEADER = re.compile(r"^(?:\d{4}年)?[\u4e00-\u9fff]{0,8}(?:任务|目标|工作|事项|实事|举措|措施|内容|要求|项目|指标)(?:名称)?$")




def task_header(cell: str) -> bool:
    """Does a header cell name the task column?"""
    cell = header_key(cell)
    if cell in DUE_LABELS or cell in OTHER_COLUMNS:  # `时限要求`, `进度要求` say when, not what
        return False
    return cell in _TASK_WORDS or (len(cell) <= 14 and bool(_TASK_HEADER.match(cell)))


@functools.lru_cache(maxsize=4096)
def header_word(cell: str) -> bool:
    return header_key(cell) in HEADER_WORDS or task_header(cell)


_ROLE_WORDS = frozenset((*LEAD_LABELS, *RESPONSIBLE_LABELS, *SUPPORT_LABELS))
_NUMBER_WORDS = frozenset(("序号", "编号"))
_LEAD_WORDS = frozenset((*LEAD_LABELS, *RESPONSIBLE_LABELS))
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]")
_HEADING_CELL = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
_CELL_END = re.compile(r"(?:[ \t\u3000]*\|)+[ \t\u3000]*$")  # `||`: an empty cell
#: A closing bracket followed by the next item's number: `…负责)(二)…`, `…协办)2.…`.
_RUN_ON = re.compile(r"(?<=[)）\]】〕])(?<![0-9]{4}[〕\]］])(?=([(（][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,3}[.．、](?![0-9])))")
_LINE_NUMBER = re.compile(r"^[ \t\u3000]*([(（][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,3}[.．、](?![0-9]))")
_MAX_HEADER_LINES = 60


def cell_text(text: str) -> str:
    return _CELL_END.sub("", text).strip(" \t\u3000")


#: What the rebuilding had to assume, for the import report: (line, excerpt, English, Chinese).
Notice = tuple[int, str, str, str]


def prepare(lines: list[Line], notices: list[Notice] | None = None) -> list[Line]:
    """The document's lines with run-together paragraphs and items cut apart and flattened tables rebuilt;
    what had to be assumed (a lead cell taken as spanning the rows below it) is added to `notices`."""
    lines = _close_cells_on_their_lines([_without_copy_marks(line) for line in lines])
    return _rebuild_tables(_cut_run_on_items(cut_run_together(cut_paragraphs(lines))), [] if notices is None else notices)


_LONE_PIPES = 6  # a copy that closes its cells on lines of their own has many; prose may hold a stray one


def _close_cells_on_their_lines(lines: list[Line]) -> list[Line]:
    """A table copied one cell a line with each cell closed by a `|` on a line of its own (`推进甲事项。` / `|` /
    `县甲局` / `|` / `|`): written as cells ending ` |` (`推进甲事项。 |` / `县甲局 |` / `|`), the form the table
    reading knows. A lone `|` after a closed cell is an empty cell and stays."""
    if sum(1 for line in lines if line.cells is None and line.text.strip() == "|") < _LONE_PIPES:
        return lines
    out: list[Line] = []
    for line in lines:
        if line.cells is None and line.text.strip() == "|" and out and out[-1].cells is None \
                and out[-1].text.strip() and not _CELL_END.search(out[-1].text):
            out[-1] = attrs.evolve(out[-1], text=out[-1].text.rstrip(" \t\u3000") + " |")
            continue
        out.append(line)
    return out


def _without_copy_marks(line: Line) -> Line:
    """A line without what a copying site added (pinyin, doubled marks) before its tables are looked for: a
    header `序號(hào)` is the word 序號, a cell `區(qū)衛(wèi)生健康局` the name 區衛生健康局."""
    def bare(text: str) -> str:
        return SITE_MARKS.sub("", PINYIN.sub("", text))
    if line.cells is not None:
        return attrs.evolve(line, text=bare(line.text), cells=tuple(bare(cell) for cell in line.cells))
    return attrs.evolve(line, text=bare(line.text))


def _kind(number: str) -> str:
    return "paren" if number[0] in "(（" else "digit"


def _cut_run_on_items(lines: list[Line]) -> list[Line]:
    """Cut `…(A负责)(二)…` where (二) is the next number after the one this line (or an earlier one) started."""
    last: dict[str, int] = {}
    out: list[Line] = []
    for line in lines:
        if line.cells is not None:
            out.append(line)
            continue
        start = _LINE_NUMBER.match(line.text)
        if start:
            last[_kind(start.group(1))] = number_value(start.group(1))
        pieces, cursor = [], 0
        for match in _RUN_ON.finditer(line.text):
            token = match.group(1)
            kind, value = _kind(token), number_value(token)
            if value and value == last.get(kind, 0) + 1:
                pieces.append(line.text[cursor:match.start()])
                cursor = match.start()
                last[kind] = value
        pieces.append(line.text[cursor:])
        kept = [piece for piece in pieces if piece.strip()]
        out += [Line(line.number, piece, cut_from=len(line.text) if at == len(kept) - 1 else 0)
                for at, piece in enumerate(kept)] if len(pieces) > 1 else [line]
    return out


def _rebuild_tables(lines: list[Line], notices: list[Notice]) -> list[Line]:
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        spaced = _spaced_table(lines, index, notices) if line.cells is None else None
        if spaced is not None:
            rows, index = spaced
            out += rows
            continue
        header = _header_at(lines, index) if line.cells is None else None
        headerless = headerless_rows(lines, index) if header is None and opens_headerless_table(lines, index) else None
        if headerless is not None:
            rows, index, count = headerless
            out += rows
            first = int(_CELL_END.sub("", line.text).strip(" \t\u3000"))
            notices.append((line.number, f"序号 {first}–{first + count - 1}",
                            "a table with no header row, one cell a line closed by `|`: its rows are told apart by the "
                            "序号 sequence and its columns by what the cells hold (the first cell of units leads, a "
                            "second supports; people and figures are left out); check against the text",
                            "表格无表头、每行一格并以“|”结束：按序号划分各行，按单元格内容判断各列（第一格单位为牵头、"
                            "第二格为配合，人名与数字不计），请对照原文核实"))
            continue
        if header is None:
            out.append(_pipe_row(line))
            index += 1
            continue
        columns, end, piped = header
        wrapped = None if piped else wrapped_rows(lines, end, columns, [column_kind(c) for c in columns])
        if wrapped is not None:
            kept, table, index, went_over = wrapped
            # whole rows, written as a Markdown row is: no merged cell is looked for in them (a `—` is empty)
            out.append(Line(line.number, f"| {' | '.join(kept)} |", tuple(kept)))
            out += [Line(number, f"| {' | '.join(cells)} |", cells) for number, cells in table]
            if went_over:
                notices.append((line.number, " / ".join(columns),
                                "a table whose cells the copy wrapped over lines with nothing between them: each row's "
                                "cells are told apart by what its lines hold (the task ends at its full stop or its "
                                "last wide line, a unit cell where a name ends and the next line opens one); check "
                                "against the text",
                                "表格各单元格在复制时折成多行且彼此之间没有分隔：按各行内容区分单元格（任务至句号或"
                                "最后一行宽行为止，单位单元格在一个名称结束、下一行另起名称处分开），请对照原文核实"))
            continue
        merged = None if piped else _merged_cell_rows(lines, end, columns)
        if merged is not None:
            rows, index = merged
            out += rows
            if rows[0].cells is not None:  # content rows under merged headings
                notices.append((line.number, " / ".join(columns),
                                "a table whose first column is merged: its numbered lines are read as headings and each "
                                "content cell with the unit cell after it as a row without a number",
                                "表格首列为合并单元格：其中编号行按标题理解，每个内容单元格连同其后的单位单元格为无序号的一行"))
                continue
            notices.append((line.number, " / ".join(columns),
                            "a table whose rows are shorter than its header: each numbered line is read as an item and "
                            "the lines after it as its cells (units, dates)",
                            "表格各行的单元格少于表头：按每个编号行为一项、其后各行为其单元格（单位、时限）理解"))
            continue
        columns, rows, index = _rows(lines, end, columns, piped, notices)
        out.append(Line(line.number, " | ".join(columns), tuple(columns)))
        out += rows
    return _headings_between_rows(_join_pipe_rows(_join_header_rows(_two_column_rows(out)), notices))


def _two_column_rows(lines: list[Line]) -> list[Line]:
    """A table of two columns written a row a line, apart by one `|` (`重点任务 | 责任单位` / `推进…。 | 区甲局`):
    its header is two words of the list, a task and a role column; the rows after it, one `|` each (part
    headings between them allowed), are its rows."""
    out: list[Line] = []
    header: tuple[str, ...] | None = None
    for line in lines:
        text = line.text.strip(" \t\u3000")
        cells = tuple(cell.strip(" \t\u3000") for cell in text.split("|")) if line.cells is None else None
        if cells is not None and len(cells) == 2 and all(cells):
            if header is None and all(header_key(c) in HEADER_WORDS for c in cells) \
                    and any(task_header(c) for c in cells) and any(header_key(c) in _ROLE_WORDS for c in cells):
                header = tuple(header_key(c) for c in cells)
                out.append(Line(line.number, " | ".join(header), header))
                continue
            if header is not None:
                out.append(Line(line.number, " | ".join(cells), cells))
                continue
        if header is not None and not (text and _ROW_HEADING.match(text)) and (text or line.cells is not None):
            header = None
        out.append(attrs.evolve(line, text=text, in_table=True) if header is not None and text else line)
    return out


_ROW_HEADING = PART_HEADING  # a part heading written between a table's rows


def _headings_between_rows(lines: list[Line]) -> list[Line]:
    """A heading line (or a row holding only a heading: `| 一、主要预期目标 | | |`) between two rows of a table is
    the rows' section: the table goes on after it (the rows keep their header)."""
    out = list(lines)
    rows = [i for i, line in enumerate(out) if line.cells is not None]
    for before, after in zip(rows, rows[1:]):
        for i in range(before + 1, after):
            text = out[i].text.strip(" \t\u3000")
            if text and _ROW_HEADING.match(text) and out[i].cells is None:
                out[i] = attrs.evolve(out[i], text=text, in_table=True)
    for i in rows[1:]:  # the header is the first row
        cells = out[i].cells or ()
        filled = [cell.strip() for cell in cells if cell.strip()]
        if len(filled) == 1 and _ROW_HEADING.match(filled[0]) and cells[0].strip() == filled[0]:
            out[i] = Line(out[i].number, filled[0], in_table=True)
    return out


def _header_at(lines: list[Line], index: int) -> tuple[list[str], int, bool] | None:
    """(columns, index after the header, whether cells end with `|`) for a header of one cell per line. A header
    cell may go over several lines (`牵头` / `单位`, `序` / `号`, `区本级` / `任务数`): the run of short lines is cut
    into the columns that read best (see `_segment`)."""
    if lines[index].cells is not None or not cell_text(lines[index].text) or not _opens_header(lines, index):
        return None
    pieces: list[tuple[int, str]] = []
    piped = bool(_CELL_END.search(lines[index].text))
    cursor = index
    # A header has a few columns: the scan stops after _MAX_HEADER_LINES, so that a document of header
    # words (`任务` on 10,000 lines) is not scanned again from each of them.
    while cursor < min(len(lines), index + _MAX_HEADER_LINES) and lines[cursor].cells is None:
        text = cell_text(lines[cursor].text)
        if text:
            if not header_word(text) and not _OWN_COLUMN.fullmatch(text):
                break
            pieces.append((cursor, text))
        cursor += 1
    joined = "".join(header_key(text) for _, text in pieces)  # spaced out, `主 要 工 作 任 务`, it is the same word
    # a header names a role and the task: without both words in its lines there is nothing to cut (a document
    # of `任务` lines is not segmented again from each of them)
    if not _ROLE_ROOT.search(joined) or not _TASK_ROOT.search(joined):
        return None
    width = _row_width(lines, pieces[-1][0] + 1, piped) if pieces else None
    segmented = _segment([text for _, text in pieces], width, piped)
    if segmented is None:
        return None
    columns, used = segmented
    # two columns only when both are words of the list (`重点任务` / `责任单位`): a task and its units, nothing else
    if len(columns) < (2 if all(header_key(c) in HEADER_WORDS for c in columns) else 3) \
            or not any(task_header(c) for c in columns) or not any(header_key(c) in _ROLE_WORDS for c in columns):
        return None
    number_at = next((i for i, column in enumerate(columns) if header_key(column) in _NUMBER_WORDS), 0)
    if number_at > 0 and header_key(columns[0]) not in HEADER_WORDS:
        return None  # `2031年民生实事项目` / `序号` / …: the table's title, which the task pattern reads, before its header
    return [header_key(column) for column in columns], pieces[used - 1][0] + 1, piped


#: A header cell of the table's own (`类别`, `完成率`, `1-6月完成`, `第二季度完成情况`): short, no sentence
#: punctuation, and words (a cell of digits alone is a row's 序号, `1300人` a row's figure).
_OWN_COLUMN = re.compile(r"(?=.*[\u4e00-\u9fff])(?![0-9.]+[\u4e00-\u9fff%％]{0,2}$)[^。，,；;：:、|]{1,10}")
#: How a whole column's name ends (`完成数`, `完成率`, `1-6月完成`, `完成比例`, `项目名称`): never the
#: first piece of another (`完成数` / `年度目标` are two columns, not one `完成数年度目标`).
_COMPLETE_END = ("数", "率", "额", "量", "比例", "情况", "完成", "进度", "名称", "數", "額", "進度", "名稱")
_GROUP_LINES = 4  # the most lines one header cell is seen to take (`牵头` / `负责` / `单` / `位`)
#: Words every role column and every task column holds (for a quick look before the header is cut).
_ROLE_ROOT = re.compile(r"牵头|牽頭|主办|主辦|主责|主責|配合|协|協|参与|參與|责任|責任|实施|實施|承办|承辦")
_TASK_ROOT = re.compile(r"任务|任務|目标|目標|工作|事项|事項|实事|實事|举措|舉措|措施|内容|內容|要求|项目|項目|指标|指標")


def _opens_header(lines: list[Line], index: int) -> bool:
    """Does a header word start at this line, alone or with the few lines after it (`序` / `号`)?"""
    texts = []
    for line in lines[index:index + 2 * _GROUP_LINES]:
        text = cell_text(line.text)
        if text:
            texts.append(text)
        if len(texts) == _GROUP_LINES or line.cells is not None:
            break
    return bool(texts) and any(header_word("".join(texts[:size])) for size in range(1, len(texts) + 1))


def _segment(texts: list[str], width: int | None = None, piped: bool = False) -> tuple[list[str], int] | None:
    """The columns a run of header lines reads as, and how many lines they take: each column is a header word
    on one line or several (`重点` / `工作`), or a column of the table's own on one or two short lines (`类别`,
    `区本级` / `任务数`), at the least cost: a word of HEADER_WORDS 1, one only the task pattern reads 2, a column
    of the table's own 3. The header ends with its last known word (a short first cell of the rows is not taken
    into it). When the rows show they have more cells (`width`, see `_row_width`) than the cheapest cut has
    columns, a cut into that many wins (`项目名称` / `目标任务` are two columns of a seven-cell row, not one).
    In a copy whose cells end with `|` a column of the table's own is one cell (`1-6月完成 |` / `完成数 |` are
    two); known words may still be pieces (`序 |` / `号 |`). None when it does not start with one."""
    # best[k][n]: (cost, columns) for texts[:k] cut into n columns; known[k]: a header word ends at line k
    best: list[dict[int, tuple[int, list[str]]]] = [{} for _ in range(len(texts) + 1)]
    best[0][0] = (0, [])
    known_end = [False] * (len(texts) + 1)
    for end in range(1, len(texts) + 1):
        for size in range(1, min(_GROUP_LINES, end) + 1):
            if not best[end - size]:
                continue
            group = texts[end - size:end]
            word = "".join(group)
            if size > 1 and header_key(word, qualified=False) not in HEADER_WORDS \
                    and any(header_key(piece) in HEADER_WORDS or piece.endswith(_COMPLETE_END) for piece in group[:-1]):
                continue  # `某区分工` `序号` `工作任务`: a column word inside is a column of its own, not a piece
            if header_word(word):
                # a word of the list costs less than one the task pattern reads (`序号重点工作` is not a task
                # column), and a word of the list on its first lines stands as a column of its own (`序` `号` `攻坚` `任务`)
                cost, known = (1 if header_key(word) in HEADER_WORDS else 2), True
                if size > 1 and header_key(word) not in HEADER_WORDS and any(
                        header_key("".join(group[:k])) in HEADER_WORDS for k in range(1, size)):
                    cost += 2
            elif size <= (1 if piped else 2) and end - size > 0 \
                    and all(_OWN_COLUMN.fullmatch(t) and not header_word(t) for t in group):
                cost, known = 3, False
            else:
                continue
            for count, before in best[end - size].items():
                candidate = (before[0] + cost, [*before[1], word])
                if count + 1 not in best[end] or candidate[0] < best[end][count + 1][0]:
                    best[end][count + 1] = candidate
            known_end[end] = known_end[end] or known
    ends = [end for end in range(len(texts), 0, -1) if best[end] and known_end[end]]
    if not ends:
        return None
    cuts = best[ends[0]]
    chosen = min(cuts.values(), key=lambda cut: cut[0])
    if width is not None and width > len(chosen[1]) and width in cuts:
        chosen = cuts[width]  # the rows have more cells than the cheapest cut has columns: cut finer, never coarser
    return chosen[1], ends[0]


def _row_width(lines: list[Line], start: int, piped: bool) -> int | None:
    """How many cells a row of a table copied one cell a line has, where the rows are numbered 1, 2, 3…: the
    most common distance between one row's number and the next (a row may have a cell more or less), when
    most rows, two at least, agree. None for other copies (blank lines between cells, no numbers)."""
    texts: list[str] = []
    for line in lines[start:start + 400]:
        if line.cells is not None:
            break
        text = cell_text(line.text)
        if text or (piped and _CELL_END.search(line.text)):
            texts.append(text)
        elif not piped:
            return None  # blank lines between cells: a cell may take several lines
    numbers = [i for i, text in enumerate(texts) if NUMBER_CELL.match(text)]
    at, expected, distances = None, None, []
    for i in numbers:
        value = int(texts[i])
        if expected is None or value == expected:
            if at is not None:
                distances.append(i - at)
            at, expected = i, value + 1
    if len(distances) < 2:
        return None
    width = max(set(distances), key=distances.count)
    return width if distances.count(width) >= 2 and distances.count(width) * 2 > len(distances) else None


_SPACES = re.compile(r"[ \t\u3000]+")


def _spaced_header(text: str) -> list[str] | None:
    """The columns of a header row whose cells are apart by spaces (`序号 工 作 任 务 牵头负责部门`): a run of
    single characters is one spaced-out header (`工 作 任 务`)."""
    tokens = [token for token in _SPACES.split(text.strip()) if token]
    if len(tokens) < 3 or len(text) > 80 or "|" in text:  # `|`-separated rows are read as such
        return None
    columns: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1:
            run += token
            continue
        if run:
            columns.append(run)
            run = ""
        columns.append(token)
    if run:
        columns.append(run)
    # a column the table alone has (`类别`, `指标`) may stand among them: short, and not the majority
    known = [column for column in columns if header_word(column)]
    if len(known) < 3 or len(known) * 2 <= len(columns) \
            or any(len(column) > 8 or not re.fullmatch(r"[\u4e00-\u9fff()（）]+", column) for column in columns):
        return None
    if not any(task_header(c) for c in columns) or not any(c in _ROLE_WORDS for c in columns):
        return None
    return columns


def _run_on_header(lines: list[Line], index: int) -> tuple[Line, list[str]] | None:
    """A spaced header run on at the end of a paragraph, the line break before the table lost (`…2033年2月10日
    青川市…分解表 序号 名称 工作任务 牵头责任单位`): the paragraph before it, and the header's columns, when the
    header opens with 序号 and spaced rows follow (past part headings). None otherwise."""
    tokens = [token for token in _SPACES.split(lines[index].text.strip()) if token]
    for start in range(max(1, len(tokens) - 8), len(tokens) - 2):
        if tokens[start] not in _NUMBER_WORDS:
            continue
        columns = _spaced_header(" ".join(tokens[start:]))
        if columns is None or not _spaced_rows_below(lines, index + 1, columns):
            continue
        text = lines[index].text
        cut = text.rindex(tokens[start], 0, len(text) - len(" ".join(tokens[start + 1:])))
        return attrs.evolve(lines[index], text=text[:cut].rstrip(" \t\u3000")), columns
    return None


def _spaced_rows_below(lines: list[Line], start: int, columns: list[str]) -> bool:
    """Does a spaced row come next, past blank lines and one part heading (`一、主要预期目标`)?"""
    for cursor in range(start, min(len(lines), start + 6)):
        text = lines[cursor].text.strip(" \t\u3000")
        if text and not _ROW_HEADING.match(text):
            return _spaced_row_follows(lines, cursor, columns)
    return False


def _spaced_table(lines: list[Line], index: int, notices: list[Notice]) -> tuple[list[Line], int] | None:
    """A table whose cells are apart by spaces, one row a line (`1 居民消费价格涨幅3%左右 发展改革委`): each row
    gives one cell to every column but the task's, which takes what is left (its text may hold spaces). A header
    run on at the end of the paragraph before it is cut off (the paragraph stays)."""
    columns = _spaced_header(lines[index].text)
    before_table: list[Line] = []
    if columns is None:
        run_on = _run_on_header(lines, index)
        if run_on is None:
            return None
        paragraph, columns = run_on
        before_table = [paragraph]
    task = next(i for i, column in enumerate(columns) if task_header(column))
    before, after = task, len(columns) - task - 1
    header = lines[index]
    out = [*before_table, Line(header.number, " | ".join(columns), tuple(columns))]
    first_row = len(out)
    cursor = index + 1
    while cursor < len(lines) and lines[cursor].cells is None:
        tokens = [token for token in _SPACES.split(lines[cursor].text.strip()) if token]
        if not tokens:
            cursor += 1
            continue
        if _ROW_HEADING.match(lines[cursor].text.strip()) and _spaced_row_follows(lines, cursor + 1, columns):
            # a part heading between the rows (`二、社会事业`): the rows' section; the table goes on after it
            out.append(Line(lines[cursor].number, lines[cursor].text.strip(), in_table=True))
            cursor += 1
            continue
        if columns[0] in _NUMBER_WORDS and not NUMBER_CELL.match(tokens[0]):
            break
        wrapped = _wrapped_spaced_row(lines, cursor, columns, tokens, task) if len(tokens) < len(columns) else None
        if wrapped is not None:
            row_cells, taken, surplus, went_on = wrapped
            out.append(Line(lines[cursor].number, lines[cursor].text, row_cells))
            if surplus:
                column = header_key(columns[went_on])
                notices.append((lines[cursor].number, f"{column}：{row_cells[went_on]}",
                                f"row {tokens[0]} goes on over the lines below it: the lines after its line are read "
                                f"as its {column} cell going on, the last ones as the columns after it; check "
                                "against the text",
                                f"第{tokens[0]}行在其下各行接续：其后各行按{column}单元格接续、最后几行按其后各列理解，"
                                "请对照原文核实"))
            cursor += 1 + taken
            continue
        if len(tokens) < len(columns) and (empty := _empty_columns_row(columns, tokens, task)) is not None:
            out.append(Line(lines[cursor].number, lines[cursor].text, empty))
            cursor += 1
            continue
        if len(tokens) < len(columns):
            # one cell short, numbered next: a merged cell (the first after the task) written once, above
            above = out[-1].cells if len(out) > first_row else None
            spanned = _spanned_spaced_row(columns, tokens, above, task)
            if spanned is None:
                break
            out.append(Line(lines[cursor].number, lines[cursor].text, spanned))
            notices.append((lines[cursor].number, f"{header_key(columns[task + 1])}：{spanned[task + 1]}",
                            f"row {tokens[0]} has one cell fewer than the header: its {header_key(columns[task + 1])} "
                            "is taken as the cell above spanning this row (a merged cell); check against the text",
                            f"第{tokens[0]}行比表头少一格：{header_key(columns[task + 1])}按上一行单元格跨行（合并单元格）"
                            "理解，请对照原文核实"))
            cursor += 1
            continue
        cells = tokens[:before] + [" ".join(tokens[before:len(tokens) - after])] + tokens[len(tokens) - after:]
        out.append(Line(lines[cursor].number, lines[cursor].text, tuple(cells)))
        cursor += 1
    return (out, cursor) if len(out) > first_row else None


def _wrapped_spaced_row(lines: list[Line], cursor: int, columns: list[str], tokens: list[str],
                        task: int) -> tuple[tuple[str, ...], int, int, int] | None:
    """A spaced row short of cells whose line ends in a unit cell and whose last cells are the lines below it, each
    a line of unit names with no number (`2 一般公共预算收入增长4%左右。 区财政局` / `区税务局` /
    `区政府有关部门,石泉高新区管委会。`): the copy wrote a cell of several paragraphs a paragraph a line. The line broke
    inside the cell that ends it (the row's cells are apart by spaces), so the surplus lines go on in that cell
    and the last lines are the unit columns after it, one a line; columns that assign nothing (`名称`, `备注`)
    may be empty. (cells, lines taken, surplus lines joined, the column that took them); None when the lines
    below are not such cells or the row's line does not end in a unit column."""
    below: list[str] = []
    for line in lines[cursor + 1:cursor + 1 + 2 * len(columns)]:
        text = line.text.strip(" \t\u3000")
        if line.cells is not None or not text or _ROW_HEADING.match(text) or NUMBER_CELL.match(_SPACES.split(text)[0]) \
                or not _unit_cell(text.rstrip("。")):  # a list of units may end in a full stop
            break
        below.append(text)
    if not below:
        return None
    for kept in _filled_columns(columns, task):
        if len(tokens) >= len(kept) or task not in kept[:len(tokens) - 1]:
            continue
        last, rest = kept[len(tokens) - 1], kept[len(tokens):]
        if column_kind(columns[last]) != "unit" or not _unit_cell(tokens[-1]) \
                or len(below) < len(rest) or any(column_kind(columns[i]) != "unit" for i in rest):
            continue
        surplus = len(below) - len(rest)
        placed = tokens[:-1] + ["、".join([tokens[-1], *below[:surplus]])] + below[surplus:]
        row = [""] * len(columns)
        for i, cell in zip(kept, placed):
            row[i] = cell
        return tuple(row), len(below), surplus, last
    return None


def _filled_columns(columns: list[str], task: int) -> list[list[int]]:
    """The columns a spaced row may fill: all of them, or all but those that assign nothing (left empty)."""
    every = list(range(len(columns)))
    kept = [i for i in every if i == task or not (column_kind(columns[i]) == "other" or not header_word(columns[i]))]
    return [every] if kept == every else [every, kept]


def _empty_columns_row(columns: list[str], tokens: list[str], task: int) -> tuple[str, ...] | None:
    """The cells of a spaced row short of exactly the columns that assign nothing (`名称`, a word the table alone
    has; `备注`): those columns are empty in it, and the rest are read as a full row is. None when the row is
    short otherwise."""
    choices = _filled_columns(columns, task)
    kept = choices[-1]
    if len(choices) == 1 or len(tokens) != len(kept):
        return None
    at = kept.index(task)
    before, after = at, len(kept) - at - 1
    cells = tokens[:before] + [" ".join(tokens[before:len(tokens) - after])] + tokens[len(tokens) - after:]
    if not cells[at]:
        return None
    row = [""] * len(columns)
    for i, cell in zip(kept, cells):
        row[i] = cell
    return tuple(row)


def _spaced_row_follows(lines: list[Line], start: int, columns: list[str]) -> bool:
    """Does a row of the spaced table come next (past blank lines), with a 序号 where the table has one? A numbered
    row may be short of its empty columns and of the unit cells it writes on the lines below (three cells: the
    number, the task, a unit)."""
    for line in lines[start:start + 5]:
        tokens = [token for token in _SPACES.split(line.text.strip()) if token]
        if not tokens:
            continue
        if line.cells is not None or _ROW_HEADING.match(line.text.strip()):
            return False
        if columns[0] in _NUMBER_WORDS:
            return bool(NUMBER_CELL.match(tokens[0])) and len(tokens) >= min(3, len(columns) - 1)
        return len(tokens) >= len(columns) - 1
    return False


def _spanned_spaced_row(columns: list[str], tokens: list[str], above: tuple[str, ...] | None,
                        task: int) -> tuple[str, ...] | None:
    """The cells of a spaced row one cell short, numbered after the row above, whose first column after the task
    is a role or leader column: that cell is the one above (a merged cell). None otherwise."""
    if above is None or len(tokens) != len(columns) - 1 or task + 1 >= len(columns) or not above[task + 1]:
        return None
    if columns[0] in _NUMBER_WORDS and not (above[0].isdigit() and tokens[0] == str(int(above[0]) + 1)):
        return None
    word = header_key(columns[task + 1])
    if word not in _ROLE_WORDS and word not in LEADER_LABELS:
        return None
    after = len(columns) - task - 2
    cells = tokens[:task] + [" ".join(tokens[task:len(tokens) - after])] + [above[task + 1]] + tokens[len(tokens) - after:]
    return tuple(cells) if cells[task] else None


_ITEM_START = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、．.]|[(（][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,3}[.．、](?![0-9]))")
_DUE_CELL = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月(?:底|末|\d{1,2}日)?|年底|年内|全年|长期坚持|持续推进)(?:前|以前)?(?:完成)?$"
                       r"|^\d{4}年(?:底|末)?(?:前)?$")


def _merged_cell_rows(lines: list[Line], start: int, columns: list[str]) -> tuple[list[Line], int] | None:
    """A table copied one cell per line with no blank line between cells and its merged cells gone, so rows
    have fewer cells than the header (`一、…` / `(一)…` / `市税务局等，各县、市、区政府` / `2020年12月` / `2.…`):
    the rows cannot be rebuilt by width, but each numbered line is an item and the lines after it are its
    cells, told apart by what they hold: a list of units is the unit column, a date the 时限 column. The
    lines are handed on as items with label lines, as a document of `责任单位：` lines is read."""
    if any(column in _NUMBER_WORDS for column in columns):
        return None
    body: list[Line] = []
    index = start
    while index < len(lines) and lines[index].cells is None and lines[index].text.strip(" \t\u3000"):
        body.append(lines[index])
        index += 1
    texts = [cell_text(line.text) for line in body]
    while texts and header_word(texts[0]):  # a header cell the header scan left (`备注`)
        body, texts = body[1:], texts[1:]
    if len(body) < 2 or not _ITEM_START.match(texts[0]):
        return None
    if not any(_ITEM_START.match(text) and not _SECTION_HEADING.match(text) for text in texts):
        return None  # part headings only (`一、…`), the rows under them unnumbered: rows of cells, not items
    role = next((c for c in columns if c in _LEAD_WORDS), None) or next(c for c in columns if c in _ROLE_WORDS)
    tasks = [c for c in columns if task_header(c)]
    # Two task columns, and prose without a number followed by a unit cell: the first column is merged headings
    # and the rows are the second's content cells (numbered lines followed by units are items, as below).
    if len(tasks) >= 2 and any(not _ITEM_START.match(text) and not _DUE_CELL.match(text) and not _unit_cell(text)
                               and _unit_cell(strip_verb(after)[0]) for text, after in zip(texts, texts[1:])):
        return _content_rows(body, texts, tasks[-1], role), index
    out: list[Line] = []
    # the unit cells after an item's line fill the role columns in the header's order (牵头单位, then 配合单位);
    # more than there are columns go on in the last
    roles = [c for c in columns if c in _ROLE_WORDS] or [role]
    leader = next((c for c in columns if column_kind(c) == "leader"), None)
    other = any(column_kind(c) == "other" for c in columns)  # 落实情况, 进展, 备注
    filled = 0
    for line, text in zip(body, texts):
        if _ITEM_START.match(text):
            out.append(Line(line.number, text))
            filled = 0
        elif _DUE_CELL.match(text):
            out.append(Line(line.number, f"完成时限：{text}"))
        elif leader is not None and cell_kind(text) == "person":
            out.append(Line(line.number, f"{leader}：{text}"))  # `王某` under a 责任领导 column: a person, no unit
        elif _unit_cell(text):
            out.append(Line(line.number, f"{roles[min(filled, len(roles) - 1)]}：{text}"))
            filled += 1
        elif not (filled and other):  # `已完成…，正在推进。` after the row's units, under 落实情况: assigns nothing
            out.append(Line(line.number, text))
    return out, index


def _content_rows(body: list[Line], texts: list[str], content: str, role: str) -> list[Line]:
    """A table whose first column (`目标任务`) is a merged cell of headings (`一、…`, `(一)…`) and whose rows are
    a content cell and a unit cell (`主要内容` / `责任单位`): each content cell with the unit cell after it is a
    row (with no number), the headings stay headings between the rows. A content cell wrapped over lines is
    joined."""
    out = [Line(body[0].number, f"{content} | {role}", (content, role))]
    pending: list[tuple[int, str]] = []
    for line, text in zip(body, texts):
        if _ITEM_START.match(text) and not pending:
            out.append(Line(line.number, text, in_table=True))
        elif pending and _unit_cell(strip_verb(text)[0]):
            task = "".join(part for _, part in pending)
            out.append(Line(pending[0][0], f"{task} | {text}", (task, text)))
            pending = []
        else:
            pending.append((line.number, text))
    out += [Line(number, text, in_table=True) for number, text in pending]  # content with no unit cell
    return out


_FIGURES_ONLY = re.compile(r"^[0-9０-９\-—–()（）/、,， ]+$")


def _unit_cell(text: str) -> bool:
    """Does a cell hold only unit names (`市经信局、市财政局等，各县、市、区政府`)?"""
    if len(text) > 80 or re.search(r"[。；;：:]", text) or _FIGURES_ONLY.match(text):
        return False  # `6612001` (a telephone number) names no unit
    names = split_units(text)
    return bool(names) and all(could_be_unit(name, labelled=True) for name in names)


def _one_cell_a_line(lines: list[Line], start: int, width: int) -> bool:
    """A table copied one cell per line with no blank lines at all (`序号` / `工作任务` / … / `1` / `甲事项` / …):
    each line is a cell, where otherwise the lines up to a blank line are one (wrapped) cell."""
    ahead = [line.text.strip(" \t\u3000") for line in lines[start:start + 2 * width]]
    # a table of one short row at the end of the document has fewer lines than the header has columns; a merged
    # 类别 cell may come before the first row's number
    rows = [text for text in ahead if not _SECTION_HEADING.match(text)]  # part headings before the first row
    if len(ahead) < min(width, 3) or not all(ahead):
        return False
    if any(NUMBER_CELL.match(text) for text in rows[:2]):
        return True
    # no number at all: a task's text and then a cell of units, line by line, as the header's columns go
    return len(rows) >= 2 and cell_kind(rows[0]) == "text" and cell_kind(rows[1]) in ("unit", "name")


def _cells(lines: list[Line], start: int, piped: bool, each_line: bool = False) -> tuple[list[tuple[int, str]], int]:
    """(line, text) of each cell from `start` to the end of the table, and where the table ends."""
    cells: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    index = start
    while index < len(lines):
        line = lines[index]
        text = line.text.strip(" \t\u3000")
        if line.cells is not None or (_SECTION_HEADING.match(text) and not current
                                      and not _rows_go_on(lines, index, cells)):
            break
        if not text:
            if current and not piped:
                cells.append((first, _cell_of_lines(current)))
                current = []
            elif not piped and cells:  # an extra blank line between cells: an empty cell
                cells.append((line.number, ""))
            index += 1
            continue
        if not current:
            first = line.number
        current.append(cell_text(text))
        if (piped and _CELL_END.search(text)) or each_line:
            cells.append((first, _cell_of_lines(current)))
            current = []
        index += 1
    if current:
        cells.append((first, _cell_of_lines(current) if not piped else "".join(current)))
    while cells and not cells[-1][1]:
        cells.pop()
    return cells, index


_TEXT_NUMBER = re.compile(r"^(?:[0-9]{1,3}[.．、](?![0-9])|[(（][0-9]{1,3}[)）])")


def _rows_go_on(lines: list[Line], index: int, cells: list[tuple[int, str]]) -> bool:
    """Does the table go on after the part heading at `index` (`一、主要预期指标` between rows, or several such
    headings of parts with no rows in an extract)? Yes when, past the headings, the next line starts a row the
    way this table's rows start: a bare 序号 (`3`, `68`), or, in a table without a 序号 column whose task cells
    carry their own number (`1. 生产总值…`), a numbered text; a header followed at once by a heading always goes
    on (a header with no rows is no table)."""
    # the first cell of the rows (only the headings before it are looked at: no scan of the whole table per heading)
    first = next((text for _, text in cells if text and not _SECTION_HEADING.match(text)), None)
    numbered_text = first is None or bool(_TEXT_NUMBER.match(first))
    # rows with no number at all (a task's text, then its units): the table goes on when, past the heading, a
    # text is followed by a cell of units, as its rows are; a heading and a paragraph of prose end it
    unnumbered = first is None or (not NUMBER_CELL.match(first) and not numbered_text and cell_kind(first) == "text")
    ahead: list[str] = []
    for line in lines[index:index + 40]:
        if line.cells is not None:
            return False
        text = cell_text(line.text)
        if not text or (_SECTION_HEADING.match(text) and not ahead):
            continue
        if not unnumbered or NUMBER_CELL.match(text) or _TEXT_NUMBER.match(text):
            return bool(NUMBER_CELL.match(text)) or (numbered_text and bool(_TEXT_NUMBER.match(text)))
        ahead.append(text)
        if len(ahead) == 2:
            return cell_kind(ahead[0]) == "text" and cell_kind(ahead[1]) in ("unit", "name")
    return False


def _cell_of_lines(lines: list[str]) -> str:
    """The lines of one cell (blank lines between cells): a wrapped text is joined as it is, but a cell of one unit
    a line (`县水务局` / `县住建局`) is a list of units (`县水务局、县住建局`), not one name. Each line must read
    as a unit by itself (three characters or more, ending like an organ): the pieces of a broken name do not."""
    if len(lines) > 1 and all(len(line) >= 3 and _whole_units(line) for line in lines):
        return "、".join(lines)
    return "".join(lines)


def _whole_units(line: str) -> bool:
    """Does a line of a cell hold whole unit names only (`县水务局`, `县甲局、县乙委★`), a lead mark allowed?"""
    names = split_units(line) if "、" in line or "，" in line or "," in line else [line]
    return bool(names) and all(looks_like_unit(name.strip("★☆*＊")) for name in names)


def _rows(lines: list[Line], start: int, columns: list[str], piped: bool,
          notices: list[Notice]) -> tuple[list[str], list[Line], int]:
    """(columns, rows, where the table ends): rows by the 序号 sequence when the cells carry it, else by width."""
    each_line = not piped and _one_cell_a_line(lines, start, len(columns))
    cells, end = _cells(lines, start, piped, each_line)
    number_at = next((i for i, c in enumerate(columns) if c in _NUMBER_WORDS), None)
    rows: list[list[tuple[int, str]]] = []
    headings: dict[int, list[Line]] = {}  # section headings before row N (between the table's rows)
    further: dict[int, list[list[str]]] = {}  # the further rows of row N's merged task cell
    copy = _Copy()
    # The rows' numbers run on from the first (a page of a longer table starts at 80, not at 1).
    first_row = next((i for i, c in enumerate(cells[:4 * len(columns)]) if NUMBER_CELL.match(c[1])), None)
    row_number = _bare_number
    if (number_at is None or first_row is None) and _numbered_task_cells(columns, cells):
        # no 序号 the rows fill, but each row's task cell opens with its number (`1.主动对接…`): the rows are
        # told apart by that sequence, as by a 序号 (a cell of two paragraphs then makes no row of its own)
        if number_at is not None:
            columns = columns[:number_at] + columns[number_at + 1:]
        number_at, row_number = 0, _task_number
        first_row = next(i for i, c in enumerate(cells) if _task_number(c[1]) is not None)
    by_sequence = lead_in = by_content = False
    if number_at is not None and first_row is not None:
        by_sequence = True
        lead_in = 0 < number_at and all(column_kind(column) == "other" for column in columns[:number_at])
        if lead_in:
            # a merged 类别 column before 序号: its cells come before a row's number, and read as headings
            columns, number_at = columns[number_at:], 0
        expected = row_number(cells[first_row][1]) or 0
        pending: list[tuple[int, str]] = []  # cells after a full row that are no part of it: a heading
        for cell in cells[:first_row]:
            pending.append(cell)
        following = cells[first_row + 1:] + [(0, "")]
        for cell, after in zip(cells[first_row:], following):
            value = row_number(cell[1])
            headed = any(_SECTION_HEADING.match(text) or _SECTION_MARK.match(text) or _HEADING_CELL.match(text)
                         for _, text in pending)
            # the numbers may jump: an extract of a longer table keeps its rows' own numbers (3 under 一、, then 68
            # under 六、), after a part heading, or after a full row when a task's text follows the number; under
            # each part heading they may start again at 1 (the ids then keep the part: 一1, 二1)
            jumps = bool(rows) and value is not None and (value > expected and (
                headed or (not pending and len(rows[-1]) == len(columns) and row_number is _bare_number
                           and cell_kind(after[1]) == "text")) or (value == 1 and headed))
            if value is not None and (value == expected or jumps) and (not rows or len(rows[-1]) >= 2):
                category = pending[-1:] if lead_in and pending and pending[-1][1] else []
                if pending and rows:
                    rest = _absorb(rows, pending[:len(pending) - len(category)], columns, each_line, further, notices)
                    pending = rest + category
                if pending:
                    notices += _lost_unit_cells(pending[:len(pending) - len(category)])  # a 类别 cell is no unit
                    headings[len(rows)] = _heading_lines(pending)
                    pending = []
                rows.append([cell])
                expected = value + 1
            elif rows and len(rows[-1]) < len(columns) and not (pending or _SECTION_MARK.match(cell[1])
                                                                  or _heading_before_row(cell[1], after[1], row_number)):
                rows[-1].append(cell)
            elif cell[1] or pending:
                pending.append(cell)
        if pending and rows:
            pending = _absorb(rows, pending, columns, each_line, further, notices)
        if pending:
            headings[len(rows)] = _heading_lines(pending)
    else:
        if number_at is not None:  # a 序号 column the rows do not fill
            columns = columns[:number_at] + columns[number_at + 1:]
        # rows by width; a part heading where a row would start (`一、主要预期指标`) is the rows' section. When
        # the task is the first column and the rows open with its text, a row starts at a text followed by a
        # cell of units (`推进…。` / `区甲局`), so a cell of two paragraphs or a dropped one shifts no later row
        opening = next((text for _, text in cells if text and not _SECTION_HEADING.match(text)), "")
        by_content = column_kind(columns[0]) == "task" and cell_kind(opening) == "text"
        if by_content:
            rows, headings = _rows_apart(cells, len(columns), True)
            # a row far longer than the header says the texts are not told apart so (a task of a few words
            # reads as a name): the rows are cut by width, as before
            if any(len(row) > len(columns) + 2 for row in rows):
                by_content = False
        if not by_content:
            rows, headings = _rows_apart(cells, len(columns), False)
    built: list[Line] = []
    above: tuple[str, ...] | None = None
    for at, row in enumerate(rows):
        built += headings.get(at, [])
        texts = [text for _, text in row]
        if by_sequence and len(texts) == len(columns) and texts[-1] == "" and not fits_in_order(columns, texts):
            # a row as long as the header whose cells do not fit their columns in order: it dropped a cell inside
            # and ends with an empty one, so its written cells are placed by what they hold
            while texts and texts[-1] == "":
                texts = texts[:-1]
        if by_content and len(texts) > len(columns) and (reading := joined_units(columns, texts)) is not None:
            texts = reading[0]
            _joined_row([list(row)], list(row), columns, reading, notices)  # reported as in a numbered table
        if (by_sequence or by_content) and len(texts) < len(columns):
            # with blank lines between cells an empty cell is written (an extra blank line), so a row short of a
            # cell in the middle of the table lacks a merged one; the last row may only lack the blank lines the
            # end of the document left out, and carries nothing down
            spans = piped or each_line or at < len(rows) - 1
            texts = _placed(columns, texts, above if spans else None, _row_label(row[0]), each_line, notices, copy)
        if at in further:
            texts = _with_sub_rows(columns, texts, further[at])
        texts += [""] * (len(columns) - len(texts))
        built.append(Line(row[0][0], " | ".join(texts), tuple(texts)))
        above = tuple(texts)
    built += headings.get(len(rows), [])
    return columns, built, end


def _row_label(first: tuple[int, str]) -> tuple[int, str]:
    """(line, the row's number as the report names it): its 序号 cell, or the number its task cell opens with."""
    line, text = first
    value = _task_number(text)
    if value is not None and not NUMBER_CELL.match(text):
        return line, str(value)
    return line, text if len(text) <= 12 else text[:12] + "…"  # a row without a number: its task's opening words


def _rows_apart(cells: list[tuple[int, str]], width: int, by_content: bool
                ) -> tuple[list[list[tuple[int, str]]], dict[int, list[Line]]]:
    """The rows of a table with no number to tell them apart, and the headings before each: by width, or (the
    task the first column, its cells prose) by content, a row starting at a text followed by a cell of units
    (`推进…。` / `区甲局`), so a cell of two paragraphs or a dropped one shifts no later row. A part heading where
    a row would start (`一、主要预期指标`) is the rows' section."""
    rows: list[list[tuple[int, str]]] = []
    headings: dict[int, list[Line]] = {}
    row: list[tuple[int, str]] = []
    waiting: list[tuple[int, str]] = []
    for at, cell in enumerate(cells):
        if _SECTION_HEADING.match(cell[1]) and (not row or (by_content and len(row) >= 2)):
            if row:
                rows.append(row)
                row = []
            waiting.append(cell)
            continue
        if by_content and len(row) >= 2 and cell_kind(cell[1]) == "text" and at + 1 < len(cells) \
                and cell_kind(cells[at + 1][1]) in ("unit", "name"):
            rows.append(row)
            row = []
        if waiting:
            headings[len(rows)] = _heading_lines(waiting)
            waiting = []
        row.append(cell)
        if len(row) == width and not by_content:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    if waiting:
        headings[len(rows)] = _heading_lines(waiting)
    return rows, headings


def _bare_number(text: str) -> int | None:
    """A row's 序号 cell (`12`)."""
    return int(text) if NUMBER_CELL.match(text) else None


def _task_number(text: str) -> int | None:
    """The number a task cell opens with (`1.主动对接…`, `（3）完善…`), in a table without a 序号 column."""
    match = _TEXT_NUMBER.match(text)
    return int(re.sub(r"[^0-9]", "", match.group(0))) if match and len(text) > len(match.group(0)) else None


def _numbered_task_cells(columns: list[str], cells: list[tuple[int, str]]) -> bool:
    """Do the rows open with a task cell carrying its own number, 1, 2, 3… in turn (under each part perhaps
    from 1 again), the task being the first column? Two such cells at least, and a cell after each."""
    rest = [c for c in columns if c not in _NUMBER_WORDS]
    if not rest or column_kind(rest[0]) != "task":
        return False
    values = [_task_number(text) for _, text in cells]
    numbered = [v for v in values if v is not None]
    if len(numbered) < 2 or values[-1] is not None:
        return False
    return all(b == a + 1 or b == 1 for a, b in zip(numbered, numbered[1:]))


def _heading_before_row(text: str, after: str, row_number: Callable[[str], int | None]) -> bool:
    """A part heading (`二、社会事业`) where the next row starts: never a cell of the short row before it."""
    return bool(_ROW_HEADING.match(text)) and row_number(after) is not None


_FRAGMENT = re.compile(r"^[\u4e00-\u9fff]{1,4}$")  # a piece of a broken name
_MAX_FRAGMENTS = 8


def _join_fragments(row: list[tuple[int, str]], columns: list[str]) -> list[tuple[int, str]] | None:
    """A row with more cells than the header, in a table copied one cell per line: a unit name wrapped in its
    cell came out as several short lines (`市政` / `府办` / `公厅`). While the row is too long, a short piece
    after the task that does not end like an organ is the start of a broken name, and the short pieces after
    it go on with it. None when that does not give the header's width or what is joined does not read as
    units (then the extra cells stay headings, as before)."""
    task = next((i for i, c in enumerate(columns) if task_header(c)), None)
    # a broken name has a few pieces: a long run of extra cells is something else (and would cost time)
    if task is None or len(row) > len(columns) + _MAX_FRAGMENTS:
        return None
    cells = list(row)
    index = task + 1
    while len(cells) > len(columns) and index < len(cells) - 1:
        line, text = cells[index]
        after = cells[index + 1][1]
        if _FRAGMENT.match(text) and (not looks_like_unit(text) or index in _joined(cells, row)) and _FRAGMENT.match(after):
            cells[index] = (line, text + after)
            del cells[index + 1]
            continue
        index += 1
    if len(cells) != len(columns) or not all(_unit_cell(text) for _, text in cells[task + 1:] if text
                                                 and not _DUE_CELL.match(text) and not is_leader_cell(text)):
        return None
    # the joined row must fit its columns: a unit in the 完成时限 or the leader column says the pieces were whole
    fits = {"due": ("date",), "leader": ("person",), "unit": ("unit", "name")}
    if any(text and cell_kind(text) not in fits.get(column_kind(column), (cell_kind(text),))
           for column, (_, text) in zip(columns, cells)):
        return None
    return cells


def _lost_unit_cells(cells: list[tuple[int, str]]) -> list[Notice]:
    """Cells after a full row that are read as a heading although they hold only unit names: a cell the row
    could not place (one cell too many), which the report names rather than passing over."""
    return [(line, text, "a cell of unit names after a full row: read as a heading, not as the row's; check "
             "against the text", "整行之后的一格单位名称：按标题理解，未计入该行，请对照原文核实")
            for line, text in cells if text and _unit_cell(text) and not _SECTION_MARK.match(text)
            and not _ITEM_START.match(text)]


def _joined_notices(row: list[tuple[int, str]], joined: list[tuple[int, str]]) -> list[Notice]:
    return [(line, text, "lines read as one unit name broken over several lines of its cell",
             "按同一单元格内折行的一个单位名称理解") for line, text in joined if (line, text) not in row]


def _joined(cells: list[tuple[int, str]], row: list[tuple[int, str]]) -> set[int]:
    """The indexes of cells already joined from pieces (no longer as the row had them)."""
    return {i for i, cell in enumerate(cells) if cell not in row}


def is_leader_cell(text: str) -> bool:
    """A cell of people's names spaced to one width (`林 默`), which no unit has."""
    return bool(re.fullmatch(r"(?:[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff])+", text))


class _Copy:
    """What a table's copy has shown of itself: whether it drops empty cells (a short row that no merged cell
    explains, such as the first), which decides a later row that either reading explains."""

    def __init__(self) -> None:
        self.drops: int | None = None  # the first row seen to drop a cell


def _placed(columns: list[str], texts: list[str], above: tuple[str, ...] | None, first: tuple[int, str],
            each_line: bool, notices: list[Notice], copy: _Copy) -> list[str]:
    """A numbered row short of cells, its cells put in the columns where what they hold fits (`columns.place`):
    a merged lead or leader cell written once above is carried down, an empty cell the copy dropped is left
    empty (a date then goes to 完成时限, not to 配合单位). Where both readings fit, the copy's own habit decides
    (it dropped a cell in a row no merged cell explains), and the report says the row is ambiguous; a row
    that cannot be placed is read in order and reported."""
    line, number = first
    placed = place(columns, texts, above)
    if placed is None:
        notices.append((line, " | ".join(texts), f"row {number} has fewer cells than the header and they do not fit "
                        "its columns: read in order; check against the text",
                        f"第{number}行单元格少于表头且与各列不相符：按顺序理解，请对照原文核实"))
        return texts
    cells, carried = placed
    alone = place(columns, texts, None) if carried else None  # the reading with no merged cell
    if carried and alone is not None and copy.drops is not None:
        empty = "、".join(header_key(columns[i]) for i, cell in enumerate(alone[0]) if not cell)
        notices.append((line, " | ".join(texts), f"row {number} has fewer cells than the header: read as an empty "
                        f"{empty} the copy dropped (as in row {copy.drops}); it may instead be a merged cell spanning "
                        "from the row above: ambiguous; check against the text",
                        f"第{number}行单元格少于表头：按原文空单元格{empty}被略去理解（同第{copy.drops}行）；也可能是上一行"
                        "单元格跨行合并，原文有歧义，请对照原文核实"))
        return alone[0]
    if carried:
        other = each_line and alone is not None and alone[0] != cells
        for i in carried:
            column = header_key(columns[i])
            en = (f"row {number} has fewer cells than the header: its {column} is taken as the cell above spanning "
                  "this row (a merged cell)")
            zh = f"第{number}行单元格少于表头：{column}按上一行单元格跨行（合并单元格）理解"
            if other:  # an empty cell the copy dropped leaves no trace either
                en += "; it may instead be an empty cell the copy dropped: ambiguous"
                zh += "；也可能是原文的空单元格被略去，原文有歧义"
            notices.append((line, f"{column}：{cells[i]}", en + "; check against the text", zh + "，请对照原文核实"))
        return cells
    # an empty 备注 at the end says little (copies that keep empty cells inside a row drop trailing ones)
    dropped = [i for i, cell in enumerate(cells) if not cell and column_kind(columns[i]) != "other"]
    if copy.drops is None and dropped and len([t for t in texts if t]) == len(texts) and number.isdigit():
        copy.drops = int(number)
    if cells[:len(texts)] != texts:
        empty = "、".join(header_key(columns[i]) for i, cell in enumerate(cells) if not cell)
        notices.append((line, " | ".join(texts), f"row {number} has fewer cells than the header: its cells are put in "
                        f"the columns by what they hold, {empty} left empty (a cell the copy dropped); check against "
                        "the text", f"第{number}行单元格少于表头：按各单元格内容归入各列，{empty}为空（原文空单元格被略去），"
                        "请对照原文核实"))
    return cells


def _absorb(rows: list[list[tuple[int, str]]], pending: list[tuple[int, str]], columns: list[str], each_line: bool,
            further: dict[int, list[list[str]]], notices: list[Notice]) -> list[tuple[int, str]]:
    """Cells after the last full row that belong to it, taken into it; what is left (a heading) is returned.
    Only the cells before a part heading may be the row's (`县丁中心` / `二、社会事业`: the unit is the row's)."""
    cut = next((i for i, (_, text) in enumerate(pending) if i and (_ROW_HEADING.match(text) or _SECTION_MARK.match(text))),
               len(pending))
    if cut == len(pending):
        return _absorb_cells(rows, pending, columns, each_line, further, notices)
    return _absorb_cells(rows, pending[:cut], columns, each_line, further, notices) + pending[cut:]


def _absorb_cells(rows: list[list[tuple[int, str]]], pending: list[tuple[int, str]], columns: list[str],
                  each_line: bool, further: dict[int, list[list[str]]], notices: list[Notice]) -> list[tuple[int, str]]:
    """Cells after the last full row that belong to it, taken into it; what is left (a heading) is returned.
    In turn: a unit name broken over lines (`市政` / `府办` / `公厅`), a table of one unit column with one unit a
    cell (`县水务局` / `县住建局` / `县文旅局` / `12月底前`), the further rows of a merged task cell."""
    if each_line and (joined := _join_fragments(rows[-1] + pending, columns)) is not None:
        notices += _joined_notices(rows[-1] + pending, joined)
        rows[-1] = joined  # `市政` / `府办` / `公厅`: a name broken over cells
        return []
    cells = rows[-1] + pending
    if (listed := one_unit_column(columns, [text for _, text in cells])) is not None:
        line, number = _row_label(rows[-1][0])
        notices.append((line, number, f"row {number} has more cells than the header: its unit cells are read as the "
                        "units of its one unit column (a unit a line); check against the text",
                        f"第{number}行单元格多于表头：各单位单元格按其唯一单位一栏的各单位理解（每行一个单位），请对照原文核实"))
        task = next(i for i, column in enumerate(columns) if column_kind(column) == "task")
        if listed[task] != cells[task][1]:
            notices.append((line, number, f"row {number} goes on in a row without a number (a task text of its own "
                            "and its deadline, the number and unit cells merged): read as more of row "
                            f"{number}'s task, under its units; check against the text",
                            f"第{number}行之后另有无序号的一行（另一项内容及其时限，序号和单位单元格合并）：按第{number}行任务的"
                            "一部分、由其单位负责理解，请对照原文核实"))
        rows[-1] = [(cells[i][0] if i < len(cells) else line, text) for i, text in enumerate(listed)]
        return []
    texts = [text for _, text in cells]
    if len(texts) > len(columns) and not fits_in_order(columns, texts[:len(columns)]):
        reading = joined_units(columns, texts)
        if reading is not None:
            return _joined_row(rows, cells, columns, reading, notices)
    if (sub := _sub_rows_after(rows[-1], pending, columns)) is not None:
        further[len(rows) - 1] = sub
        notices.append(_sub_rows_notice(rows[-1][0], len(sub)))
        return []
    if _full(rows[-1], columns, pending) and (more := more_units(columns, [t for _, t in pending if t])) is not None:
        further[len(rows) - 1] = [more]
        line, number = _row_label(rows[-1][0])
        column = next(header_key(c) for c, cell in zip(columns, more) if cell)
        notices.append((line, number, f"row {number} has unit cells after its last column, too few for a further row: "
                        f"read as more units of its {column} (a unit a cell); check against the text",
                        f"第{number}行末尾另有单位单元格，不足一行：按其{column}一栏的更多单位理解（每格一个单位），请对照原文核实"))
        return []
    if pending and (reading := joined_units(columns, texts)) is not None:
        return _joined_row(rows, cells, columns, reading, notices)
    return pending


def _joined_row(rows: list[list[tuple[int, str]]], cells: list[tuple[int, str]], columns: list[str],
                joined: tuple[list[str], int, list[int]], notices: list[Notice]) -> list[tuple[int, str]]:
    """The last row rebuilt with a unit cell of several paragraphs joined (`columns.joined_units`); reported,
    as ambiguous when another unit column could have been the cell of several paragraphs."""
    line, number = _row_label(rows[-1][0])
    listed, at, others = joined
    column = header_key(columns[at])
    en = f"row {number} has more cells than the header: its {column} is read as one cell of several lines ({listed[at]})"
    zh = f"第{number}行单元格多于表头：{column}按一个多行单元格理解（{listed[at]}）"
    if others:
        other = "、".join(header_key(columns[j]) for j in others)
        en += f"; the cell of several lines may instead be its {other}: ambiguous"
        zh += f"；也可能是{other}为多行单元格，原文有歧义"
    notices.append((line, number, en + "; check against the text", zh + "，请对照原文核实"))
    rows[-1] = [(cells[i][0] if i < len(cells) else line, text) for i, text in enumerate(listed)]
    return []


def _full(row: list[tuple[int, str]], columns: list[str], pending: list[tuple[int, str]]) -> bool:
    """A row with every cell filled and nothing after it that starts a heading."""
    return len(row) == len(columns) and all(text for _, text in row) \
        and not any(_SECTION_MARK.match(text) or _ITEM_START.match(text) for _, text in pending)


def _sub_rows_after(row: list[tuple[int, str]], pending: list[tuple[int, str]], columns: list[str]
                    ) -> list[list[str]] | None:
    """The cells after a full row, every cell of it filled, when they are the further rows of its task cell
    (merged over several rows): unit and date cells only, placed in the columns after the task."""
    if not _full(row, columns, pending):
        return None
    return sub_rows(columns, [text for _, text in pending if text])


def _sub_rows_notice(first: tuple[int, str], count: int) -> Notice:
    line, number = _row_label(first)
    return (line, number, f"row {number} has {count} more row(s) of unit cells under its task cell (a task cell merged "
            "over several rows): their units are the task's, in the columns they fill; check against the text",
            f"第{number}行任务单元格下另有{count}行单位单元格（任务单元格跨行合并）：按其所在列计为该项任务的单位，"
            "请对照原文核实")


def _with_sub_rows(columns: list[str], texts: list[str], further: list[list[str]]) -> list[str]:
    out = list(texts)
    for sub in further:
        for i, cell in enumerate(sub[:len(out)]):
            if cell and cell not in split_units(out[i]):
                out[i] = f"{out[i]}、{cell}" if out[i] and column_kind(columns[i]) == "unit" else out[i] or cell
    return out


#: A cell holding only a section's number (`(一)`, `二、`): the heading's title is the next cell.
_SECTION_MARK = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、．.])$")


def _heading_lines(cells: list[tuple[int, str]]) -> list[Line]:
    """Section headings written as table rows (`(一)` / `加强战略科技力量建设。` and empty cells): one line each,
    marked as inside the table so that the rows after them keep the header."""
    lines: list[Line] = []
    mark: tuple[int, str] | None = None
    for number, text in cells:
        if not text:
            continue
        if _SECTION_MARK.match(text):
            mark = (number, text)
            continue
        if mark is not None:
            number, text = mark[0], mark[1] + text
            mark = None
        lines.append(Line(number, text, in_table=True))
    if mark is not None:
        lines.append(Line(mark[0], mark[1], in_table=True))
    return lines


def _pipe_row(line: Line) -> Line:
    """`1 | 推进… | 市政 | …`: a row of cells on one line (the Markdown form with outer pipes is read already)."""
    if line.cells is None and line.text.count("|") >= 2 and not line.text.strip().startswith("|"):
        cells = tuple(cell.strip(" \t\u3000") for cell in line.text.strip().strip("|").split("|"))
        if len(cells) >= 3:
            return Line(line.number, line.text, cells)
    return line


def _reads_as_header(cells: tuple[str, ...]) -> bool:
    return sum(header_word(cell) for cell in cells) >= 3 and any(task_header(cell) for cell in cells) \
        and any(header_key(cell) in _ROLE_WORDS for cell in cells)


def _join_header_rows(lines: list[Line]) -> list[Line]:
    """A header over two or three `|`-separated rows, one piece of each header cell a row (`序号 | 重点 | 牵头` /
    ` | 工作 | 单位`): the rows are joined cell by cell when together they read as a header and more of their cells
    are header words than in the first alone."""
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        cells = line.cells
        if cells is None and previous is not None and previous.cells is not None and "|" in line.text:
            cells = tuple(cell.strip(" \t\u3000") for cell in line.text.split("|"))  # ` | 工作 | 单位`: first cell empty
        if previous is not None and previous.cells is not None and cells is not None and _is_flattened(previous) \
                and len(cells) == len(previous.cells) \
                and sum(header_word(cell) for cell in previous.cells) < len(previous.cells):
            joined = tuple(a + b for a, b in zip(previous.cells, cells))
            if _reads_as_header(joined) and sum(map(header_word, joined)) > sum(map(header_word, previous.cells)):
                out[-1] = Line(previous.number, " | ".join(joined), joined)
                continue
        out.append(line)
    return out


def _placed_pipe_row(line: Line, row: tuple[str, ...], header: tuple[str, ...], above: tuple[str, ...] | None,
                     notices: list[Notice], copy: _Copy) -> Line:
    """A `|`-separated row with fewer cells than the header: each cell where what it holds fits (`_placed`)."""
    number_at = next((i for i, c in enumerate(header) if c in _NUMBER_WORDS), None)
    first = (line.number, row[number_at] if number_at is not None and number_at < len(row) else "")
    # the copy may drop an empty cell as it drops a merged one: either reading is reported
    cells = tuple(_placed(list(header), list(row), above, first, True, notices, copy))
    return Line(line.number, " | ".join(cells), cells)


def _is_flattened(line: Line) -> bool:
    return " | " in line.text and not line.text.lstrip().startswith("|")


def _join_pipe_rows(lines: list[Line], notices: list[Notice]) -> list[Line]:
    """Rows that only continue the row above (a wrapped cell: empty 序号, or empty task) are joined to it; an
    empty lead cell under a row that has one is the same cell spanning both rows."""
    out: list[Line] = []
    header: tuple[str, ...] | None = None
    copy = _Copy()
    for line in lines:
        row = line.cells
        if row is None:
            header = None
            out.append(line)
            continue
        if sum(header_word(cell) for cell in row) >= 3:
            header, copy = row, _Copy()
            out.append(line)
            continue
        previous = out[-1] if out and out[-1].cells is not None and header is not None else None
        if header is None or previous is None or previous.cells == header:
            if header is not None and _is_flattened(line) and len(row) < len(header):
                line = _placed_pipe_row(line, row, header, None, notices, copy)
            out.append(line)
            continue
        number_at = next((i for i, c in enumerate(header) if c in _NUMBER_WORDS), None)
        task_at = next((i for i, c in enumerate(header) if task_header(c)), None)
        flattened = " | " in line.text and not line.text.lstrip().startswith("|")  # not a Markdown or Word row
        above = previous.cells or ()
        if not flattened and _is_flattened(previous) and len(row) < len(header):
            # `  |  | 管局 |  |` under a flattened row: read as Markdown, it lost its empty first cell
            row = ("", *row)
            flattened = True
        continues = flattened and (
            (number_at is not None and number_at < len(row) and not row[number_at])
            or (number_at is None and task_at is not None and task_at < len(row) and not row[task_at]))
        if continues:
            width = max(len(above), len(row))
            merged = tuple((above[i] if i < len(above) else "") + (row[i] if i < len(row) else "") for i in range(width))
            out[-1] = Line(previous.number, " | ".join(merged), merged)
            continue
        if flattened and len(row) < len(header):  # a short row: its cells placed by what they hold
            line = _placed_pipe_row(line, row, header, above, notices, copy)
            out.append(line)
            continue
        cells = list(row)
        for i, word in enumerate(header):
            spans = word in _LEAD_WORDS or header_key(word) in LEADER_LABELS  # a merged lead or leader cell
            if flattened and spans and i < len(cells) and not cells[i] and i < len(above) and above[i]:
                cells[i] = above[i]  # one cell spanning this row and the one above
                column = header_key(word)  # `分 管县领导` as the word it is
                notices.append((line.number, f"{column}：{cells[i]}",
                                f"the {column} cell is empty: taken as the cell above spanning this row",
                                f"{column}一栏为空，按上一行单元格跨行理解"))
        out.append(Line(line.number, " | ".join(cells), tuple(cells)))
    return out

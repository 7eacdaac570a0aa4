"""Which column each cell of a flattened table row belongs to, read from what the cells hold.

A table copied from HTML or PDF keeps its cells in order but not always its
columns: an empty cell may be dropped (the 完成时限 then stands where the
配合单位 was), a merged lead cell is written once in the first of its rows,
and a task cell merged over several rows has several rows of unit cells
under it. The header alone cannot say where each cell goes; what the cells
hold can: a number is a 序号, a list of unit names a role column, a date a
时限, a person's name a 责任领导, prose the task. `place` aligns a row's cells
with the columns in order by that, and `sub_rows` reads the cells after a
full row as the rows of a merged task cell.
"""

from __future__ import annotations

import functools
import re

from .annotations import (
    DUE_LABELS,
    DUE_PIECE,
    LEAD_LABELS,
    LEADER_LABELS,
    RESPONSIBLE_LABELS,
    SUPPORT_LABELS,
    role_label,
)
from .units import could_be_unit, is_official, looks_like_unit, split_units

#: Columns that say nothing about who does what (`进展情况` between the task and the units, a contact's
#: telephone), and columns of numbers.
OTHER_COLUMNS = ("进展情况", "完成情况", "工作进展", "推进情况", "进度情况", "落实情况", "备注", "说明", "进展", "備註",
                 "类别", "類別", "类型", "領域", "领域", "联系电话", "联系方式", "電話", "联系人")
_NUMBER = ("序号", "编号", "序號", "編號")
_DATE = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月(?:底|末|上旬|中旬|下旬|\d{1,2}日)?|年底|年内|年內|全年|长期|長期|每年|每季度|每月|"
                   r"\d{4}年(?:底|末)?)(?:前|以前|之前)?(?:完成|落实|落實|持续推进|持續推進|坚持|堅持)?$"
                   r"|^(?:长期坚持|長期堅持|持续推进|持續推進|常态化|常態化|长期|長期|持续|持續)$"
                   r"|^\d{4}(?:年|[-—－~至到])\d{0,4}年?(?:\d{1,2}月)?(?:底|末)?(?:前)?$")
#: A cell holding a row's 序号 alone (`12`).
NUMBER_CELL = re.compile(r"^[0-9]{1,3}$")
#: A deadline in the words of the table (`9月投入使用`, `5月底前动工`, `2031年6月底前建成`): a date, then a few
#: words of what is done by then, no punctuation.
_DATE_PHRASE = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月(?:底|末|上旬|中旬|下旬|\d{1,2}日)?|年底|年内|年內|年末)(?:前|以前|之前)?"
                          r"[\u4e00-\u9fff]{1,6}$")
#: A cell that starts a heading, not a row's text (`二、社会事业`, `(一)教育`).
_HEADING_CELL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[(（][一二三四五六七八九十]{1,3}[)）])")
#: A figure (`1300人`, `54%`, `3所`, `42.5%`, `1.5万人`, `10亿元以上`): a target or a count, never a unit's name.
_FIGURE = re.compile(r"^(?:约|近|超|逾|≥|>)?[0-9][0-9.,，]*(?:[%％‰]|[\u4e00-\u9fff]{1,3})?(?:以上|以下|左右|余)?$")
#: How a task column's header ends (as `flat.task_header` reads it): 重点任务, 目标与任务, 内容与要求, 项目名称.
_TASK_END = re.compile(r"(?:任务|任務|目标|目標|工作|事项|事項|实事|實事|举措|舉措|措施|内容|內容|要求|项目|項目|名称|名稱|指标|指標)$")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
#: A short name that starts with a level (县科协, 市侨联) is a unit, not a person.
_LEVEL_START = "省市县区州镇乡縣區鎮鄉"
_SPACED_PEOPLE = re.compile(r"^(?:[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff])+$")
_SPACE = re.compile(r"[ \t\u3000]+")
#: Score of a cell in a column it fits, in one it may hold, and of a lead or leader cell carried from above.
_FITS, _MAY, _CARRIED = 3.0, 1.0, 1.0


#: Traditional characters of header words, as simplified (`序號` / `項目名稱` / `責任單位` / `備註`): a header is
#: matched in one script.
_SIMPLIFIED = str.maketrans("號編項標務責單備註稱牽頭門時間內體與導領協參辦實進況舉類別計業際數負擔級區縣鎮鄉執處檔聯絡環節歸屬績報內級規畫劃點達層總綜監預專組織員隊標",
                            "号编项标务责单备注称牵头门时间内体与导领协参办实进况举类别计业际数负担级区县镇乡执处档联络环节归属绩报内级规画划点达层总综监预专组织员队标")


_PLAIN_HEADER = {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位"}
_ROLE_HEADERS = frozenset((*LEAD_LABELS, *SUPPORT_LABELS, *RESPONSIBLE_LABELS))
#: Two role words joined in one header (`责任主体与协同单位`, `牵头单位和配合单位`).
_JOINED_ROLES = re.compile(r"^(?P<first>[\u4e00-\u9fff]{2,8}?)(?:与|和|及|、|/)(?P<second>[\u4e00-\u9fff]{2,8})$")


def header_key(cell: str, qualified: bool = True) -> str:
    """A header cell as a word: spaces a table puts inside (`任 务 名 称`) dropped, in simplified characters; a
    header of two role words joined (`责任主体与协同单位`) is read as its first, which says how its units stand
    to the other columns' (the 协同单位 among them support as well); a label with a word inside (`协同配合单位`) is
    read as the plain label of its role unless `qualified` is false."""
    word = _SPACE.sub("", cell).translate(_SIMPLIFIED)
    joined = _JOINED_ROLES.match(word)
    if joined and joined.group("first") in _ROLE_HEADERS and joined.group("second") in _ROLE_HEADERS:
        return joined.group("first")
    if qualified and word not in _ROLE_HEADERS:
        # a label with a word inside (`协同配合单位`, `牵头考核单位`, `责任落实部门`) heads a column of its role
        role = role_label(word)
        if role is not None:
            return _PLAIN_HEADER[role]
    return word


@functools.lru_cache(maxsize=1024)
def column_kind(header: str) -> str:
    """What a header cell's column holds: number, task, unit, leader, due or other."""
    word = header_key(header)
    if word in _NUMBER:
        return "number"
    if word in LEADER_LABELS or word.endswith(("领导", "領導", "责任人", "負責人", "负责人", "責任人")):
        return "leader"
    if word in DUE_LABELS or word in ("频次", "工作频次") or word.endswith(("时限", "时间", "時限", "時間")):
        return "due"
    if word in LEAD_LABELS or word in SUPPORT_LABELS or word in RESPONSIBLE_LABELS:
        return "unit"
    if word in OTHER_COLUMNS or not _TASK_END.search(word):
        return "other"  # 进展情况, 备注, or a column the table alone has (类别)
    return "task"


@functools.lru_cache(maxsize=4096)
def cell_kind(text: str) -> str:
    """What a cell holds: empty, number, date, figure (`1300人`, `54%`), person, unit (names that end like
    organs), name (a short list of names of any ending: a unit, or prose) or text."""
    text = text.strip(" \t\u3000")
    if not text:
        return "empty"
    if NUMBER_CELL.match(text):
        return "number"
    if _DATE.match(text) or DUE_PIECE.match(text) or _DATE_PHRASE.match(text):
        return "date"
    if _FIGURE.match(text):
        return "figure"
    if _SPACED_PEOPLE.match(text):
        return "person"
    if _HEADING_CELL.match(text):
        return "text"  # `二、第二方面工作` between rows: a part heading, never a list of units (`二`, `第二方面工作`)
    names = split_units(text) if len(text) <= 120 and not re.search(r"[。；;：:！？]", text) else []
    if not names:
        return "text"
    if all(is_official(name) for name in names):
        return "person"
    if all(_PERSON.match(name) and not looks_like_unit(name) and name[0] not in _LEVEL_START for name in names):
        return "person"
    if all(could_be_unit(name, labelled=True) for name in names):
        return "unit" if all(looks_like_unit(name) for name in names) else "name"
    return "text"


_SCORES = {
    "number": {"number": _FITS},
    "task": {"text": _FITS, "name": _MAY, "unit": 0.5, "person": 0.5, "figure": _MAY},
    "unit": {"unit": _FITS, "name": 2.0, "person": _MAY},
    "leader": {"person": _FITS, "name": _MAY},
    "due": {"date": _FITS},
    "other": {"text": _MAY, "date": 0.5, "unit": 0.5, "name": 0.5, "person": 0.5, "figure": _FITS},
}


def _score(kind: str, column: str) -> float | None:
    if kind == "empty":
        return 0.0
    return _SCORES[column].get(kind)


def fits_in_order(columns: list[str], cells: list[str]) -> bool:
    """Does every cell, read in order, hold what its column may hold (`_SCORES`)?"""
    return all(_score(cell_kind(cell), column_kind(column)) is not None for column, cell in zip(columns, cells))


def carries(header: str) -> bool:
    """May this column's cell be a merged cell written once, in a row above? A lead unit or a leader: tables
    merge the cells that group their rows, which come before the supporting units."""
    word = header_key(header)
    return column_kind(header) == "leader" or word in LEAD_LABELS or word in RESPONSIBLE_LABELS


def place(columns: list[str], cells: list[str], above: tuple[str, ...] | None
          ) -> tuple[list[str], list[int]] | None:
    """The row's cells aligned with the columns, in order, each where what it holds fits; a column left out is
    empty, or (a lead or leader column) the cell above spanning this row. (texts, carried columns), or None
    when the cells cannot be placed (more cells than columns, or a cell that fits no column left)."""
    kinds = [column_kind(column) for column in columns]
    spans = [carries(column) for column in columns]
    held = [cell_kind(cell) for cell in cells]  # what each cell holds, read once
    width, count = len(columns), len(cells)
    if count > width:
        return None
    # best[i][j]: the best score placing cells[i:] into columns[j:], with the choice that gives it
    best: list[list[tuple[float, str] | None]] = [[None] * (width + 1) for _ in range(count + 1)]
    best[count][width] = (0.0, "")
    for j in range(width - 1, -1, -1):
        best[count][j] = _skip(best[count][j + 1], j, spans, above, cells)
    for i in range(count - 1, -1, -1):
        for j in range(width - 1, -1, -1):
            options: list[tuple[float, str]] = []
            skipped = _skip(best[i][j + 1], j, spans, above, cells)
            if skipped is not None:
                options.append(skipped)
            score = _score(held[i], kinds[j])
            if score is not None and best[i + 1][j + 1] is not None:
                options.append((score + best[i + 1][j + 1][0], "place"))  # type: ignore[index]
            # placing wins a tie: a cell stays where it is written when nothing says otherwise
            best[i][j] = max(options, key=lambda option: (option[0], option[1] == "place")) if options else None
    if best[0][0] is None:
        return None
    texts, carried, i = [], [], 0
    for j in range(width):
        choice = best[i][j]
        assert choice is not None
        if choice[1] == "place":
            texts.append(cells[i])
            i += 1
        elif choice[1] == "carry":
            texts.append(above[j] if above else "")
            carried.append(j)
        else:
            texts.append("")
    return texts, carried


def _skip(rest: tuple[float, str] | None, j: int, spans: list[bool], above: tuple[str, ...] | None,
          cells: list[str]) -> tuple[float, str] | None:
    """Leaving column j out of the row: empty, or carried from the row above when it is a lead or leader
    column that has a cell there (not one this row writes itself: a unit does not span as lead and support)."""
    if rest is None:
        return None
    if spans[j] and above is not None and j < len(above) and above[j] \
            and above[j] not in cells:
        return rest[0] + _CARRIED, "carry"
    return rest[0], "skip"


def sub_rows(columns: list[str], extra: list[str]) -> list[list[str]] | None:
    """The cells after a full row when its task cell is merged over several rows: each further row has unit
    (and date) cells only, in the columns after the task, and starts with a unit. One list of cells a further row, placed as `place`
    places a row; None when the cells are anything but units and dates, or do not fit those columns."""
    kinds_of = [cell_kind(cell) for cell in extra]
    if not extra or any(kind not in ("unit", "name", "date") for kind in kinds_of) or "date" in kinds_of[:1]:
        return None
    task = next((j for j, column in enumerate(columns) if column_kind(column) == "task"), None)
    if task is None:
        return None
    after = columns[task + 1:]
    kinds = [column_kind(column) for column in after]
    unit_columns = [j for j, kind in enumerate(kinds) if kind == "unit"]
    units = [cell for cell in extra if cell_kind(cell) != "date"]
    if not unit_columns or len(units) % len(unit_columns):
        return None  # not whole rows of unit cells (see `more_units`)
    rows: list[list[str]] = []
    current: list[str] = [""] * len(after)
    cursor = 0
    for cell in extra:
        kind = cell_kind(cell)
        want = "due" if kind == "date" else "unit"
        slot = next((j for j in range(cursor, len(after)) if kinds[j] == want and not current[j]), None)
        if slot is None:  # the next sub-row starts
            rows.append(current)
            current, cursor = [""] * len(after), 0
            slot = next((j for j in range(len(after)) if kinds[j] == want), None)
            if slot is None:
                return None
        current[slot] = cell
        cursor = slot + 1
    rows.append(current)
    return [[""] * (task + 1) + row for row in rows]


def one_unit_column(columns: list[str], cells: list[str]) -> list[str] | None:
    """A row with more cells than the header in a table of one unit column (序号 / 民生实事 / 责任单位 / 完成时限),
    where the copy gave each unit of the cell a cell of its own: every unit cell after the task goes to that
    column, a date to the 时限, a person to the leader column. The row's cells, one a column; None when the
    table has more unit columns (see `sub_rows`) or a cell after the task is anything else."""
    kinds = [column_kind(column) for column in columns]
    units = [j for j, kind in enumerate(kinds) if kind == "unit"]
    task = next((j for j, kind in enumerate(kinds) if kind == "task"), None)
    if len(units) != 1 or task is None or len(cells) <= len(columns) or task + 1 > len(cells):
        return None
    target = {"unit": units[0], "name": units[0], "date": next((j for j, k in enumerate(kinds) if k == "due"), None),
              "person": next((j for j, k in enumerate(kinds) if k == "leader"), None)}
    out = list(cells[:task + 1]) + [""] * (len(columns) - task - 1)
    going_on = False  # in a further row of the same number: a task text of its own, with its own deadline
    for cell in cells[task + 1:]:
        kind = cell_kind(cell)
        if kind == "text" and out[units[0]] and not _HEADING_CELL.match(cell):
            # `扩建城南小学…` / `12月底前` after the row's units: the row goes on without a number (its 序号 and
            # unit cells merged), so the text is more of its task, under its units
            out[task] = out[task] + ("" if out[task].endswith(("。", "；", ";")) else "；") + cell
            going_on = True
            continue
        if going_on and kind == "date":
            out[task] += f"（{cell}）"  # the further text's own deadline stays with it
            continue
        column = target.get(kind)
        if column is None or column <= task:
            return None
        if out[column] and column != units[0]:
            return None  # two dates, two leader cells: not one unit a cell
        out[column] = f"{out[column]}、{cell}" if out[column] else cell
    return out


def more_units(columns: list[str], extra: list[str]) -> list[str] | None:
    """Unit cells after a full row that are not whole further rows (one unit cell after a row of 牵头单位 and
    配合单位): the last unit column's cell went on, one unit a cell. The row's further cells, in the columns;
    None when the cells are anything but units."""
    kinds = [column_kind(column) for column in columns]
    units = [j for j, kind in enumerate(kinds) if kind == "unit"]
    if not extra or not units or any(cell_kind(cell) not in ("unit", "name") for cell in extra):
        return None
    out = [""] * len(columns)
    out[units[-1]] = "、".join(extra)
    return out


def joined_units(columns: list[str], cells: list[str]) -> tuple[list[str], int, list[int]] | None:
    """A row with more cells than the header whose cells, read in order, do not fit their columns, because a
    unit cell of two paragraphs (`区工信局` / `各街道办事处`, one cell in the table) came out as two cells: the
    row's cells with each surplus run of unit cells joined (`、`) into one unit column, where every cell then
    fits; (cells, index of the column that took several). Where the surplus could go to more than one unit
    column, the last one takes it (a lead cell is the one cell of its column more often than the supporting
    list), and the other columns that could have are returned too (the reading is then ambiguous);
    (cells, the column joined, the others that fit); None when no such joining fits."""
    kinds = [column_kind(column) for column in columns]
    held = [cell_kind(cell) for cell in cells]
    width, count = len(columns), len(cells)
    surplus = count - width
    if surplus <= 0:
        return None
    # reading in order, one column may take 1 + surplus consecutive unit cells; the last unit column first
    readings: list[tuple[list[str], int]] = []
    for target in sorted((j for j, kind in enumerate(kinds) if kind == "unit"), reverse=True):
        run = held[target:target + surplus + 1]
        if len(run) < surplus + 1 or any(kind not in ("unit", "name") for kind in run):
            continue
        out = cells[:target] + ["、".join(cells[target:target + surplus + 1])] + cells[target + surplus + 1:]
        if fits_in_order(columns, out):
            readings.append((out, target))
    if not readings:
        return None
    return readings[0][0], readings[0][1], [target for _, target in readings[1:]]

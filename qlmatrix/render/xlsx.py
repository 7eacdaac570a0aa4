"""XLSX emitter: one sheet per view (the 任务分工表 first, as `workbook` orders them) and a legend sheet.

The workbook is written by `sheetml` (why not xlsxwriter: see there). Every
cell is a shared string, never a formula, whatever it holds. Blank cells are
not written at all (a RACI sheet is tasks × units and mostly blank); one
conditional format gives them their border.

For print, each sheet follows the DOCX's reading of GB/T 9704-2012 where a
spreadsheet can (`gongwen`): A4, the 公文 margins, the header rows repeated
on every page (print titles), page numbers `— 1 —` in the footer on the
outside corner, fitted to the page's width. Fonts are ones planners'
Windows machines have: 黑体 for the title and header, 仿宋 for the body (a
spreadsheet names one face per cell, so not 仿宋_GB2312, which only the 公文
font pack installs). A RACI matrix names its units stacked down narrow
header cells; one too wide to shrink onto a page prints across several
pages, each repeating the 序号 and 任务 columns.

Column widths come from print width (`layout`): Excel measures in widths
of `0`, and a Chinese character is about two of those (2.1 in 仿宋 11 pt,
so a column is a twentieth wider than the line it holds). A column is at
least as wide as its widest unit name or cadence phrase, and the lines of
every cell are broken here by `linebreak` (the plan's names and phrases
whole, the 禁则 kept), so a name never breaks and each row is given the
height of the lines it holds. A conflict (a unit holding several roles on
one task) is red, bold and marked `A/I!`, which survives black-and-white
printing; the legend sheet explains the mark.

Every string is first made what every document may hold (`safe.document`:
CR as a line break, `<U+XXXX>` for what no format carries). Excel keeps at
most 32,767 characters (UTF-16 code units) in a cell. The choice made here:
the cell keeps the start of the text and ends with a visible mark saying
that it was cut, how long the text is and where the rest is; the whole text
stays in the workbook, on a last sheet `全文`, one row per cut cell (where
the cell is, the text's length, then the text in consecutive pieces of at
most 32,767 characters). So a workbook is never refused for a long text,
and nothing is lost without a word.
"""

from __future__ import annotations

import attrs

from ..raci import ROLE_WORDS
from ..span import print_width
from . import gongwen
from .archive import zip_parts
from .layout import Fit, Measure, widest_letters
from .linebreak import wrap
from .safe import EXCEL_CELL_LIMIT, document, utf16_chunks, utf16_length
from .sheetml import PageSetup, SharedStrings, Sheet, Style, Styles, cell_name, column_name, package, quote_sheet
from .table import (
    CONFLICT_FILL,
    CONFLICT_MARK,
    CONFLICT_MEANING,
    CONFLICT_MEANING_EN,
    ROLE_FILLS,
    VIEW_TITLES,
    Cell,
    Column,
    Table,
    cell_text,
    held_cells,
    is_conflict,
)

#: A fixed creation date, so the same plan gives the same file.
CREATED = "2021-01-01T00:00:00Z"
#: The widest a column of wording gets, and a column of names or phrases, in widths of `0`.
MAX_WIDTH = 50
MAX_LIST_WIDTH = 30
#: The sheet that keeps the whole text of every cell cut at Excel's limit.
FULL_TEXT_SHEET = "全文"
#: Widths of `0` across the 版心: 156 mm portrait, 225 mm landscape (a `0` of 11 pt is about 1.9 mm).
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 82, 118
#: A RACI sheet up to this much wider than the page is shrunk onto it; a wider one prints across pages.
MOST_SHRINK = 1.3
BODY_FONT = "仿宋"
HEADING_FONT = gongwen.HEADING_FONT
BODY_PT = 11.0
#: The height of a line of body text, in points.
LINE_PT = 14.5
#: The tallest row Excel allows, in points.
MAX_ROW_PT = 409.0


#: How a blank cell is written: not at all (`_write_table`).
_SKIPPED = ("", 0)


class _Texts:
    """What each cell is given: `safe.document` of its text, cut at Excel's limit with a visible
    mark; every text cut is kept whole, for the `全文` sheet."""

    def __init__(self) -> None:
        #: (where: `任务分工表!B5`, the whole text) of every cell cut, in the order written.
        self.cut: list[tuple[str, str]] = []
        #: Each text that fits, as written: cells share texts, and a look-up is cheaper than a search.
        self._fits: dict[str, str] = {}

    def __call__(self, sheet: str, row: int, col: int, text: str) -> str:
        found = self._fits.get(text)
        if found is not None:
            return found
        shown = document(text)
        # At most half the limit in characters cannot be over it: a character is at most two UTF-16 units.
        length = len(shown) if len(shown) <= EXCEL_CELL_LIMIT // 2 else utf16_length(shown)
        if length <= EXCEL_CELL_LIMIT:
            self._fits[text] = shown
            return shown
        self.cut.append((f"{quote_sheet(sheet)}!{cell_name(row, col)}", shown))
        mark = (f"…〔已截断：全文 {length:,} 字符，超出 Excel 单元格上限 {EXCEL_CELL_LIMIT:,} 字符；"
                f"全文见工作表“{FULL_TEXT_SHEET}”第 {len(self.cut) + 1} 行〕")
        return utf16_chunks(shown, EXCEL_CELL_LIMIT - utf16_length(mark))[0] + mark


class _Formats:
    def __init__(self, styles: Styles) -> None:
        body = Style(BODY_FONT, BODY_PT, border=True, wrap=True)
        index = styles.index
        self.title = index(Style(HEADING_FONT, gongwen.SIZE_3, align="center", valign="center"))
        self.attachment = index(Style(gongwen.ATTACHMENT_FONT, gongwen.ATTACHMENT_SIZE, align="left", valign="center"))
        self.note = index(Style(BODY_FONT, BODY_PT, color="#444444"))
        self.header = index(Style(HEADING_FONT, BODY_PT, border=True, align="center", wrap=True))
        self.vertical = index(Style(HEADING_FONT, BODY_PT, border=True, align="center", vertical=True))
        self.group = index(Style(HEADING_FONT, BODY_PT, border=True, align="left", wrap=True))
        self.cell = index(attrs.evolve(body, align="left"))
        self.center = index(attrs.evolve(body, align="center"))
        self.roles = {role: index(attrs.evolve(body, align="left", fill=fill)) for role, fill in ROLE_FILLS.items()}
        self.role_letters = {role: index(attrs.evolve(body, align="center", fill=fill)) for role, fill in ROLE_FILLS.items()}
        self.conflict = index(attrs.evolve(body, align="center", fill=CONFLICT_FILL, bold=True))

    def for_cell(self, cell: Cell, column: Column, centred: bool) -> int:
        if column.letters and cell.role:
            return self.conflict if is_conflict(cell) else self.role_letters[cell.role]
        return self.center if centred else self.cell


def _sheet_name(table: Table) -> str:
    return VIEW_TITLES.get(table.view, table.view)[:31]


def _widths(table: Table, measure: Measure) -> tuple[list[int], list[int], list[Fit]]:
    """Each column's width in widths of `0`, the display cells a line of it holds, and its fit.

    A line of `room` cells needs `room + room // 20` widths of `0` (a character of 仿宋 11 pt is 2.1
    of them), and 2 more for the cell's padding."""
    rows = table.rows
    widths, rooms, fits = [], [], []
    letters = widest_letters([column.letters for column in table.columns], rows)
    for col, column in enumerate(table.columns):
        if column.letters:
            widest = letters.get(col, 1)
            fit = Fit(widest, widest, False)
            room = widest
            widths.append(max(4, widest + 2))
        else:
            fit = measure.column(column.title, {row[col].text for row in rows})
            room = max(fit.least, min(fit.natural, MAX_WIDTH if fit.prose else MAX_LIST_WIDTH))
            widths.append(room + room // 20 + 2)
        rooms.append(room)
        fits.append(fit)
    return widths, rooms, fits


def _write_table(sheet: Sheet, formats: _Formats, table: Table, shown: _Texts, attachment: str | None = None,
                 measure: Measure | None = None) -> None:
    name = sheet.name
    columns = table.columns
    last = len(columns) - 1
    widths, room, fits = _widths(table, measure if measure is not None else Measure(table.keep))
    top = 0
    if attachment:  # the label on the first row, flush left; the title under it
        sheet.string(0, 0, shown(name, 0, 0, attachment), formats.attachment)
        sheet.height(0, 24)
        top = 1
    sheet.string(top, 0, shown(name, top, 0, table.title), formats.title)
    if last > 0:  # the title centred over the table, as a 公文 table's title is (and as the DOCX sets it)
        sheet.merge(top, 0, last)
    sheet.height(top, 28)
    sheet.string(top + 1, 0, shown(name, top + 1, 0, "　".join(table.notes)), formats.note)
    header_row = top + 2
    tallest = 0
    for col, column in enumerate(columns):
        if column.letters:
            tallest = max(tallest, len(column.title))
        sheet.string(header_row, col, shown(name, header_row, col, column.title),
                     formats.vertical if column.letters else formats.header)
    if tallest:  # a character and its leading per character of the longest name, stacked
        sheet.height(header_row, tallest * LINE_PT + 14)
    # Short, centred columns (序号, unit names, timings) and wording set flush left, as the DOCX sets them.
    centred = [column.letters or (not fit.prose and column.max_width < 30) for column, fit in zip(columns, fits)]
    plain = [formats.center if centre else formats.cell for centre in centred]
    broken: dict[tuple[str, int], list[str]] = {}  # the lines of each text in each column, broken once

    def lines_of(col: int, text: str) -> list[str]:
        key = (text, col)
        found = broken.get(key)
        if found is None:
            shown = document(text)  # measured as written: `<U+XXXX>` is wider than the character it shows
            # A text that may reach Excel's limit is left as it is: it is cut anyway, and its whole
            # text on the `全文` sheet must be the plan's, without line breaks of ours.
            if columns[col].letters or len(shown) > EXCEL_CELL_LIMIT // 2 or print_width(shown) <= room[col]:
                found = shown.split("\n")
            else:
                found = wrap(shown, room[col], table.keep, print_width)
            broken[key] = found
        return found

    # How each cell object is written in each column: (the sheet's `prepared` cell: text and style; its
    # lines), worked out once, and `_SKIPPED` for a blank cell. Views share their cells between rows (a
    # section, a timing, a task's title on each of its 责任清单 rows), and the table keeps every cell alive
    # while it is written, so a cell's identity is a safe key. A text cut at Excel's limit is not kept:
    # each cell holding it is cut (and listed on `全文`) on its own.
    written_as: list[dict[int, tuple[str, int]]] = [{} for _ in columns]
    row = header_row + 1
    for group in table.groups:
        if group.heading:
            sheet.string(row, 0, shown(name, row, 0, group.heading), formats.group)
            if last > 0:
                sheet.blank(row, last, formats.group)  # so Excel draws the merged cell's right border
                sheet.merge(row, 0, last)
            row += 1
        for cells in group.rows:
            # Only cells with text or a role: a RACI row is mostly blank, and a blank cell
            # needs no write (its border comes from the conditional format below).
            written = []
            tallest = 1
            for col, cell in held_cells(cells):  # blank cells told apart once per cell object, below
                known = written_as[col].get(id(cell))
                if known is None:
                    if not cell.text and not cell.roles:
                        known = written_as[col][id(cell)] = _SKIPPED
                    else:
                        style = plain[col] if not cell.roles else formats.for_cell(cell, columns[col], centred[col])
                        lines = lines_of(col, cell_text(cell))
                        cut = len(shown.cut)
                        known = (sheet.prepared(shown(name, row, col, "\n".join(lines)), style), len(lines))
                        if len(shown.cut) == cut:
                            written_as[col][id(cell)] = known
                if known is _SKIPPED:
                    continue
                written.append((col, known[0]))
                if known[1] > tallest:
                    tallest = known[1]
            sheet.prepared_row(row, written)
            if tallest > 1:
                sheet.height(row, min(MAX_ROW_PT, tallest * LINE_PT + 4))
            row += 1
    if row > header_row + 1:
        # Borders for the blank cells of the table, as if each had been written with its format.
        sheet.blank_borders = f"A{header_row + 2}:{column_name(last)}{row}"
    sheet.widths = dict(enumerate(widths))
    matrix = any(column.letters for column in columns)
    sheet.freeze = (header_row + 1, 2 if matrix else 0)
    total = sum(widths)
    landscape = total > PORTRAIT_WIDTH
    fit = not matrix or total <= LANDSCAPE_WIDTH * MOST_SHRINK
    sheet.setup = page_setup(landscape, fit, f"${header_row + 1}:${header_row + 1}",
                              None if fit else f"$A:${column_name(min(1, last))}")


def page_setup(landscape: bool, fit: bool, rows: str | None, columns: str | None) -> PageSetup:
    """A4 in the 公文 margins, fit to the width when `fit`, `rows`/`columns` repeated, 公文 page numbers."""
    margins: dict[str, float] = dict(gongwen.LANDSCAPE_MARGINS_MM if landscape else gongwen.PORTRAIT_MARGINS_MM)
    margins["footer"] = margins["bottom"] - 7 - 5
    # 4号半角宋体; 单页码居右空一字，双页码居左空一字 (a full-width space stands for the 一字).
    number = f'&"{gongwen.PAGE_NUMBER_FONT},常规"&14{gongwen.PAGE_NUMBER.format("&P")}'
    return PageSetup(landscape, margins, fit, rows, columns, odd_footer=f"&R{number}　", even_footer=f"&L　{number}")


#: The legend sheet's name and column titles, in each output language.
LEGEND_TITLES = {"zh": ("图例", ("字母", "角色", "含义")), "en": ("Legend", ("letter", "role", "meaning"))}
LEGEND_NOTE = {"zh": "每个单位在一项任务上的角色。", "en": "The role of each unit on each task."}
#: The legend's row for a conflict cell: its sample, its name, what it means.
LEGEND_CONFLICT = {"zh": (f"A/I{CONFLICT_MARK}", "冲突", CONFLICT_MEANING),
                   "en": (f"A/I{CONFLICT_MARK}", "conflict", CONFLICT_MEANING_EN)}


def _write_legend(sheet: Sheet, formats: _Formats, table: Table, lang: str) -> None:
    _, titles = LEGEND_TITLES[lang]
    for col, title in enumerate(titles):
        sheet.string(0, col, title, formats.header)
    rows = []
    for row, (mark, role, zh, en) in enumerate(table.legend(), start=1):
        texts = (mark, ROLE_WORDS[role] if lang == "zh" else role.value, zh if lang == "zh" else en)
        rows.append(texts)
        sheet.strings(row, [(0, mark, formats.role_letters[role]), (1, texts[1], formats.cell), (2, texts[2], formats.cell)])
    conflict = LEGEND_CONFLICT[lang]
    rows.append(conflict)
    sheet.strings(len(rows), [(0, conflict[0], formats.conflict), (1, conflict[1], formats.cell), (2, conflict[2], formats.cell)])
    sheet.string(len(rows) + 2, 0, LEGEND_NOTE[lang], formats.note)
    sheet.widths = {col: max(6, max(print_width(text) for text in (titles[col], *column)) + 2)
                    for col, column in enumerate(zip(*rows))} if rows else {}
    sheet.freeze = (1, 0)
    sheet.setup = page_setup(False, True, "$1:$1", None)


def _write_full_texts(sheet: Sheet, formats: _Formats, cut: list[tuple[str, str]]) -> None:
    """The `全文` sheet: for each cell cut at Excel's limit, where it is, its length, and the whole
    text in consecutive pieces that each fit a cell (read them left to right)."""
    titles = ("位置", "字符数", f"全文（每格至多 {EXCEL_CELL_LIMIT:,} 字符，自左至右依次相连）")
    for col, title in enumerate(titles):
        sheet.string(0, col, title, formats.header)
    for row, (where, text) in enumerate(cut, start=1):
        sheet.string(row, 0, where, formats.cell)
        sheet.number(row, 1, utf16_length(text), formats.cell)
        for col, piece in enumerate(utf16_chunks(text, EXCEL_CELL_LIMIT), start=2):
            sheet.string(row, col, piece, formats.cell)
    sheet.widths = {0: 24, 1: 10, 2: MAX_WIDTH}
    sheet.freeze = (1, 0)


def to_xlsx(tables: list[Table], lang: str = "zh", attachment: str | None = None) -> bytes:
    """A workbook with a sheet per table, in the order given, then the legend (in `lang`: zh or en)
    when a table shows role letters. `attachment` (`附件`, `附件1`) heads each table's sheet."""
    if lang not in LEGEND_TITLES:
        raise ValueError(f"unknown language `{lang}`; choose zh or en")
    styles, strings = Styles(), SharedStrings()
    formats = _Formats(styles)
    texts = _Texts()
    sheets = []
    # Texts measured once for every sheet that keeps the same names whole: the views of one plan
    # share their titles, sections and timings (the 任务分工表 and the matrix hold the same titles).
    measures: dict[frozenset[str], Measure] = {}
    for table in tables:
        sheet = Sheet(_sheet_name(table), strings)
        measure = measures.get(table.keep)
        if measure is None:
            measure = measures[table.keep] = Measure(table.keep)
        _write_table(sheet, formats, table, texts, attachment, measure)
        sheets.append(sheet)
    if any(column.letters for table in tables for column in table.columns):
        legend = Sheet(LEGEND_TITLES[lang][0], strings)
        _write_legend(legend, formats, tables[0], lang)
        sheets.append(legend)
    if texts.cut:
        full = Sheet(FULL_TEXT_SHEET, strings)
        _write_full_texts(full, formats, texts.cut)
        sheets.append(full)
    title = document(tables[0].title) if tables else ""
    return zip_parts(package(sheets, styles, strings, title, CREATED))

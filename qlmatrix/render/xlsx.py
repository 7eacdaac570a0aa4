"""XLSX emitter (xlsxwriter, an optional extra): one sheet per view and a legend sheet.

xlsxwriter writes about 4x faster than openpyxl. Like openpyxl it would
store a string starting with `=` as a live formula, so `strings_to_formulas`
is off and every cell is written with `write_string`. Blank cells are not
written at all (a RACI sheet is tasks × units and mostly blank); one
conditional format gives them their border. Column widths come
from display width: Excel measures in widths of `0`, and a Chinese
character is about two of those.

Every string is first made what every document may hold (`safe.document`:
CR as a line break, `<U+XXXX>` for what no format carries). Excel keeps at
most 32,767 characters (UTF-16 code units) in a cell, and xlsxwriter would
cut a longer string silently. The choice made here: the cell keeps the start
of the text and ends with a visible mark saying that it was cut, how long the
text is and where the rest is; the whole text stays in the workbook, on a
last sheet `全文`, one row per cut cell (where the cell is, the text's length,
then the text in consecutive pieces of at most 32,767 characters). So a
workbook is never refused for a long text, and nothing is lost without a word.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING

from ..raci import ROLE_WORDS
from ..span import display_width
from .archive import normalise_zip
from .errors import missing
from .safe import EXCEL_CELL_LIMIT, document, utf16_chunks, utf16_length
from .table import ROLE_FILLS, VIEW_TITLES, Cell, Column, Table, filled

if TYPE_CHECKING:
    # xlsxwriter publishes no type information (see [tool.mypy] overrides): to mypy these are Any.
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

FONT = "Noto Sans CJK SC"
#: A fixed creation date, so the same plan gives the same file.
CREATED = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)
MAX_WIDTH = 50
#: The sheet that keeps the whole text of every cell cut at Excel's limit.
FULL_TEXT_SHEET = "全文"


def _xlsxwriter() -> ModuleType:
    try:
        import xlsxwriter
    except ImportError:
        raise missing("xlsxwriter", "xlsx", "XLSX tables", "Excel 表格") from None
    return xlsxwriter  # type: ignore[no-any-return]  # xlsxwriter has no types: mypy sees the module as Any


#: The xlsxwriter internals `_sparse_worksheet` replaces or calls; without any of them, the stock class is used.
_INTERNALS = ("_calculate_spans", "_write_rows", "_write_row", "_write_cell", "_write_empty_row", "_check_dimensions",
              "_write_string", "_write_blank")


def _sparse_worksheet(xlsxwriter: ModuleType) -> type[Worksheet] | None:
    """xlsxwriter's Worksheet, writing out only the cells each row holds; None if its internals differ.

    When the workbook is closed, stock xlsxwriter walks every column from the
    sheet's first to its last for every row, twice (the `spans` of each 16
    rows, then the cells): a RACI sheet of 10,000 tasks × 1,000 units costs
    twenty million steps however few cells are filled. This subclass takes a
    row's own cells in column order instead, which gives the same XML, and
    merges a heading row without padding every covered cell (`merge_row`).
    """
    from xlsxwriter import utility, worksheet

    Worksheet = worksheet.Worksheet
    String = getattr(worksheet, "CellStringTuple", None)
    found_cell_name = getattr(utility, "xl_rowcol_to_cell_fast", None)
    if String is None or found_cell_name is None or not all(callable(getattr(Worksheet, name, None)) for name in _INTERNALS):
        return None
    # Bound once found, so the methods below see a function, not an Optional.
    cell_name: Callable[[int, int], str] = found_cell_name

    class SparseWorksheet(worksheet.Worksheet):  # type: ignore[misc]  # xlsxwriter has no types: its class is Any
        def _calculate_spans(self) -> None:
            spans: dict[int, str] = {}
            span_min: int | None = None
            span_max: int | None = None
            table, comments = self.table, self.comments
            for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
                columns = [*table[row_num], *comments.get(row_num, ())] if row_num in table or row_num in comments else ()
                if columns:
                    low, high = min(columns), max(columns)
                    span_min = low if span_min is None else min(span_min, low)
                    span_max = high if span_max is None else max(span_max, high)
                if (row_num + 1) % 16 == 0 or row_num == self.dim_rowmax:
                    if span_min is not None and span_max is not None:  # always set together
                        spans[row_num // 16] = f"{span_min + 1}:{span_max + 1}"
                        span_min = span_max = None
            self.row_spans = spans

        def _write_rows(self) -> None:
            self._calculate_spans()
            table, comments, row_info = self.table, self.comments, self.row_info
            write = self.fh.write
            for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
                cells = table.get(row_num)
                if not (cells or row_num in row_info or row_num in comments):
                    continue
                span = self.row_spans.get(row_num // 16)
                if cells:
                    self._write_row(row_num, span, row_info.get(row_num))
                    for col_num in sorted(cells):
                        cell = cells[col_num]
                        if type(cell) is String and cell.format and not self.constant_memory:
                            # What `_write_cell` writes for a formatted shared string, without its
                            # generic attribute handling (a cell reference and an index need no escaping).
                            write(f'<c r="{cell_name(row_num, col_num)}" s="{cell.format._get_xf_index()}" t="s">'
                                  f"<v>{cell.string}</v></c>")
                        else:
                            self._write_cell(row_num, col_num, cell)
                    self._xml_end_tag("row")
                else:
                    self._write_empty_row(row_num, span, row_info.get(row_num))

        def merge_row(self, row: int, first_col: int, last_col: int, text: str, cell_format: Format) -> None:
            """`merge_range` of one row, padding only its last cell (for Excel's right border).

            The covered cells between stay blank: a merged cell shows the first
            cell's format, and a RACI heading row covers a thousand columns.
            """
            if self._check_dimensions(row, first_col) or self._check_dimensions(row, last_col):
                return
            self.merge.append([row, first_col, row, last_col])
            self._write_string(row, first_col, text, cell_format)
            self._write_blank(row, last_col, "", cell_format)

        #: `write_string` without its A1-notation wrapper: the emitter writes a cell per call.
        put = Worksheet._write_string

    return SparseWorksheet


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
        from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

        self.cut.append((f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, col)}", shown))
        mark = (f"…〔已截断：全文 {length:,} 字符，超出 Excel 单元格上限 {EXCEL_CELL_LIMIT:,} 字符；"
                f"全文见工作表“{FULL_TEXT_SHEET}”第 {len(self.cut) + 1} 行〕")
        return utf16_chunks(shown, EXCEL_CELL_LIMIT - utf16_length(mark))[0] + mark


class _Formats:
    def __init__(self, book: Workbook) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "top", "text_wrap": True, "border": 1}
        self.title = book.add_format({"font_name": FONT, "bold": True, "font_size": 14})
        self.note = book.add_format({"font_name": FONT, "font_size": 10, "font_color": "#444444"})
        self.header = book.add_format({**base, "bold": True, "bg_color": "#F2F2F2"})
        self.group = book.add_format({**base, "bold": True, "bg_color": "#FAFAFA"})
        self.cell = book.add_format(base)
        self.letter = book.add_format({**base, "align": "center"})
        self.roles = {role: book.add_format({**base, "bg_color": fill}) for role, fill in ROLE_FILLS.items()}
        self.role_letters = {role: book.add_format({**base, "bg_color": fill, "align": "center"}) for role, fill in ROLE_FILLS.items()}
        #: A conditional format (only border, font and fill apply): the border of cells left blank.
        self.blank = book.add_format({"border": 1})

    def for_cell(self, cell: Cell, column: Column) -> Format:
        if cell.role:
            return (self.role_letters if column.letters else self.roles)[cell.role]
        return self.letter if column.letters else self.cell


def _width(texts: Iterable[str], floor: int = 4) -> int:
    """The column width for the widest line of `texts` (each distinct text measured once), at most MAX_WIDTH."""
    widest = 0
    for text in set(texts):
        for line in text.split("\n") if "\n" in text else (text,):
            if 2 * len(line) > widest:  # else it cannot be wider: a character is at most two wide
                widest = max(widest, display_width(line))
        if widest >= MAX_WIDTH:
            break
    return max(floor, min(MAX_WIDTH, widest)) + 2


def _sheet_name(table: Table) -> str:
    return VIEW_TITLES.get(table.view, table.view)[:31]


def _write_table(book: Workbook, formats: _Formats, table: Table, worksheet_class: type[Worksheet] | None = None,
                 texts: _Texts | None = None) -> None:
    name = _sheet_name(table)
    sheet = book.add_worksheet(name, worksheet_class)
    shown = texts if texts is not None else _Texts()
    last = len(table.columns) - 1
    columns = table.columns
    sheet.write_string(0, 0, shown(name, 0, 0, table.title), formats.title)
    sheet.write_string(1, 0, shown(name, 1, 0, "  ".join(table.notes)), formats.note)
    header_row = 2
    for col, column in enumerate(columns):
        sheet.write_string(header_row, col, shown(name, header_row, col, column.title), formats.header)
    plain = [formats.letter if column.letters else formats.cell for column in columns]
    role_formats = [formats.role_letters if column.letters else formats.roles for column in columns]
    write = getattr(sheet, "put", sheet.write_string)
    row = header_row + 1
    skipped = False
    for group in table.groups:
        if group.heading:
            heading = shown(name, row, 0, group.heading)
            if last > 0 and hasattr(sheet, "merge_row"):
                sheet.merge_row(row, 0, last, heading, formats.group)
            elif last > 0:
                sheet.merge_range(row, 0, row, last, heading, formats.group)
            else:
                write(row, 0, heading, formats.group)
            row += 1
        for cells in group.rows:
            # Only cells with text or a role: a RACI row is mostly blank, and a blank cell
            # needs no write (its border comes from the conditional format below).
            written = filled(cells)
            skipped |= len(written) < len(columns)
            for col, cell in written:
                role = cell.role
                write(row, col, shown(name, row, col, cell.text), role_formats[col][role] if role else plain[col])
            row += 1
    if skipped and row > header_row + 1:
        # Borders for the blank cells of the table, as if each had been written with its format.
        sheet.conditional_format(header_row + 1, 0, row - 1, last, {"type": "blanks", "format": formats.blank})
    rows = table.rows
    for col, column in enumerate(columns):
        if column.letters:
            width = max(6, min(12, display_width(column.title) + 2))
        else:
            width = _width([column.title] + [cells[col].text for cells in rows], 6)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(header_row + 1, 2 if table.view == "raci" else 0)
    sheet.repeat_rows(header_row)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)


def _write_legend(book: Workbook, formats: _Formats, table: Table) -> None:
    sheet = book.add_worksheet("图例")
    titles = ("字母", "角色", "含义", "meaning")
    for col, title in enumerate(titles):
        sheet.write_string(0, col, title, formats.header)
    for row, (mark, role, zh, en) in enumerate(table.legend(), start=1):
        sheet.write_string(row, 0, mark, formats.role_letters[role])
        sheet.write_string(row, 1, ROLE_WORDS[role], formats.cell)
        sheet.write_string(row, 2, zh, formats.cell)
        sheet.write_string(row, 3, en, formats.cell)
    sheet.write_string(len(titles) + 3, 0, "每个单位在一项任务上的角色;一个单位兼有几种角色时(应予纠正)以“/”连写。", formats.note)
    for col, texts in enumerate(zip(*[(m, ROLE_WORDS[r], zh, en) for m, r, zh, en in table.legend()])):
        sheet.set_column(col, col, _width([titles[col], *texts]))
    sheet.freeze_panes(1, 0)


def _write_full_texts(book: Workbook, formats: _Formats, cut: list[tuple[str, str]]) -> None:
    """The `全文` sheet: for each cell cut at Excel's limit, where it is, its length, and the whole
    text in consecutive pieces that each fit a cell (read them left to right)."""
    sheet = book.add_worksheet(FULL_TEXT_SHEET)
    titles = ("位置", "字符数", f"全文（每格至多 {EXCEL_CELL_LIMIT:,} 字符，自左至右依次相连）")
    for col, title in enumerate(titles):
        sheet.write_string(0, col, title, formats.header)
    for row, (where, text) in enumerate(cut, start=1):
        sheet.write_string(row, 0, where, formats.cell)
        sheet.write_number(row, 1, utf16_length(text), formats.cell)
        for col, piece in enumerate(utf16_chunks(text, EXCEL_CELL_LIMIT), start=2):
            sheet.write_string(row, col, piece, formats.cell)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, MAX_WIDTH)
    sheet.freeze_panes(1, 0)


def to_xlsx(tables: list[Table], sparse: bool = True) -> bytes:
    """A workbook with a sheet per table, in the order given, then the legend.

    `sparse=False` uses xlsxwriter's stock worksheet (for comparing the two in tests).
    """
    xlsxwriter = _xlsxwriter()
    worksheet_class = _sparse_worksheet(xlsxwriter) if sparse else None
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": document(tables[0].title) if tables else "", "created": CREATED})
    formats = _Formats(book)
    texts = _Texts()
    for table in tables:
        _write_table(book, formats, table, worksheet_class, texts)
    if tables:
        _write_legend(book, formats, tables[0])
    if texts.cut:
        _write_full_texts(book, formats, texts.cut)
    book.close()
    return normalise_zip(buffer.getvalue())

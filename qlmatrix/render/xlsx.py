"""XLSX emitter (xlsxwriter, an optional extra): one sheet per view and a legend sheet.

xlsxwriter writes about 4x faster than openpyxl. Like openpyxl it would
store a string starting with `=` as a live formula, so `strings_to_formulas`
is off and every cell is written with `write_string`. Column widths come
from display width: Excel measures in widths of `0`, and a Chinese
character is about two of those.
"""

from __future__ import annotations

import datetime
import io

from ..raci import ROLE_WORDS
from ..span import display_width
from .archive import normalise_zip
from .errors import missing
from .table import ROLE_FILLS, VIEW_TITLES, Table

FONT = "Noto Sans CJK SC"
#: A fixed creation date, so the same plan gives the same file.
CREATED = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc)
MAX_WIDTH = 50


def _xlsxwriter():
    try:
        import xlsxwriter
    except ImportError:
        raise missing("xlsxwriter", "xlsx", "XLSX tables", "Excel 表格") from None
    return xlsxwriter


class _Formats:
    def __init__(self, book):
        base = {"font_name": FONT, "font_size": 10, "valign": "top", "text_wrap": True, "border": 1}
        self.title = book.add_format({"font_name": FONT, "bold": True, "font_size": 14})
        self.note = book.add_format({"font_name": FONT, "font_size": 10, "font_color": "#444444"})
        self.header = book.add_format({**base, "bold": True, "bg_color": "#F2F2F2"})
        self.group = book.add_format({**base, "bold": True, "bg_color": "#FAFAFA"})
        self.cell = book.add_format(base)
        self.letter = book.add_format({**base, "align": "center"})
        self.roles = {role: book.add_format({**base, "bg_color": fill}) for role, fill in ROLE_FILLS.items()}
        self.role_letters = {role: book.add_format({**base, "bg_color": fill, "align": "center"}) for role, fill in ROLE_FILLS.items()}

    def for_cell(self, cell, column):
        if cell.role:
            return (self.role_letters if column.letters else self.roles)[cell.role]
        return self.letter if column.letters else self.cell


def _width(texts, floor: int = 4) -> int:
    widest = max((display_width(line) for text in texts for line in text.split("\n")), default=0)
    return max(floor, min(MAX_WIDTH, widest)) + 2


def _sheet_name(table: Table) -> str:
    return VIEW_TITLES.get(table.view, table.view)[:31]


def _write_table(book, formats: _Formats, table: Table) -> None:
    sheet = book.add_worksheet(_sheet_name(table))
    last = len(table.columns) - 1
    sheet.write_string(0, 0, table.title, formats.title)
    sheet.write_string(1, 0, "  ".join(table.notes), formats.note)
    header_row = 2
    for col, column in enumerate(table.columns):
        sheet.write_string(header_row, col, column.title, formats.header)
    row = header_row + 1
    for group in table.groups:
        if group.heading:
            if last > 0:
                sheet.merge_range(row, 0, row, last, group.heading, formats.group)
            else:
                sheet.write_string(row, 0, group.heading, formats.group)
            row += 1
        for cells in group.rows:
            for col, (cell, column) in enumerate(zip(cells, table.columns)):
                sheet.write_string(row, col, cell.text, formats.for_cell(cell, column))
            row += 1
    for col, column in enumerate(table.columns):
        texts = [column.title] + [cells[col].text for cells in table.rows]
        floor = 4 if column.letters else 6
        width = _width(texts, floor) if not column.letters else max(6, min(12, display_width(column.title) + 2))
        sheet.set_column(col, col, width)
    sheet.freeze_panes(header_row + 1, 2 if table.view == "raci" else 0)
    sheet.repeat_rows(header_row)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)


def _write_legend(book, formats: _Formats, table: Table) -> None:
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


def to_xlsx(tables: list[Table]) -> bytes:
    """A workbook with a sheet per table, in the order given, then the legend."""
    xlsxwriter = _xlsxwriter()
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": tables[0].title if tables else "", "created": CREATED})
    formats = _Formats(book)
    for table in tables:
        _write_table(book, formats, table)
    if tables:
        _write_legend(book, formats, tables[0])
    book.close()
    return normalise_zip(buffer.getvalue())

"""DOCX emitter: a table to put into a 公文 attachment, laid out as GB/T 9704-2012 sets one.

A4 with the standard's margins (`gongwen`), the title in 方正小标宋简体, the
header and section rows in 黑体, body text in 仿宋_GB2312, page numbers
`— 1 —` on the outside corners, the header row repeated on every page and
rows that never split. Portrait when the table's least width fits the
版心, else landscape.

Column widths come from the content (`layout`): a column is at least as
wide as its widest unit name, cadence phrase or number, and the lines of
every cell, a task's wording too, are broken here by `linebreak` (the
plan's names and phrases whole, the 禁则 kept), so neither Word nor
LibreOffice ever breaks inside a name: a line is measured to fit with a
cell to spare, and the document has nothing left to wrap. The grid
(`w:tblGrid`) and every cell (`w:tcW`) carry the same widths. A conflict
(a unit holding several roles on one task) is red, bold and marked `A/I!`,
which survives black-and-white printing. A RACI matrix names its units upright down the header cells
(vertical text), and one too wide for a page is cut into parts (`split`).

The XML is written by `wordml` (why not python-docx: see there). Every text
is first made what every document may hold (`safe.document`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Role
from ..raci import ROLE_WORDS
from ..span import print_width
from . import gongwen, wordml
from .archive import zip_parts
from .layout import Fit, Measure, share, widest_letters
from .linebreak import balanced, wrap, wrap_heading
from .safe import cleaned
from .safe import document as document_text
from .split import Part, parts
from .table import CONFLICT_FILL, CONFLICT_MEANING, ROLE_FILLS, Cell, Column, Table, cell_text, filled, is_conflict

#: Cell margins, left and right, in twips (1 mm each side).
MARGIN = 57
#: Room kept in every column beyond its text, in display cells: fonts differ a little in width.
SLACK_CELLS = 1
#: A column the view lets grow this wide (terminal cells) holds wording, set flush left, not centred.
WORDING = 30
BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
BORDERS = "<w:tblBorders>" + "".join(BORDER.format(side=side) for side in
                                     ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"


class _Sheet:
    """The page and the type a table is set in, and its columns' widths in twips."""

    def __init__(self, table: Table, fits: Sequence[Fit], body_pt: float, landscape: bool):
        self.body_pt = body_pt
        self.landscape = landscape
        self.cell = round(body_pt * 10)  # a display cell is half an em: body_pt / 2 points
        self.width = wordml.text_width(landscape)
        self.fits = fits
        self.table = table

    def twips(self, cells: int) -> int:
        return (cells + SLACK_CELLS) * self.cell + 2 * MARGIN

    def cells(self, twips: int) -> int:
        """How many display cells of text fit in a column `twips` wide."""
        return (twips - 2 * MARGIN) // self.cell - SLACK_CELLS

    def least(self, cols: Sequence[int]) -> int:
        return sum(self.twips(self.fits[col].least) for col in cols)

    def widths(self, cols: Sequence[int]) -> list[int] | None:
        least = [self.twips(self.fits[col].least) for col in cols]
        wanted = [self.twips(self.fits[col].natural) for col in cols]
        return share(least, wanted, self.width)


def _fits(table: Table) -> list[Fit]:
    measure = Measure(table.keep)
    rows = table.rows
    letters = widest_letters([column.letters for column in table.columns], rows)
    found = []
    for col, column in enumerate(table.columns):
        if column.letters:
            # The unit's name stands upright down the header cell: one character wide.
            widest = max(2, letters.get(col, 0))
            found.append(Fit(widest, widest, False))
        else:
            found.append(measure.column(column.title, {row[col].text for row in rows}))
    return found


def _sheet(table: Table) -> _Sheet:
    """Portrait when the table's least width fits the 版心, else landscape; a RACI matrix in 5号."""
    fits = _fits(table)
    matrix = any(column.letters for column in table.columns)
    body_pt = gongwen.SIZE_5 if matrix else gongwen.SIZE_SMALL_4
    everything = range(len(table.columns))
    portrait = _Sheet(table, fits, body_pt, landscape=False)
    if portrait.least(everything) <= portrait.width:
        return portrait
    return _Sheet(table, fits, body_pt, landscape=True)


def _per_part(sheet: _Sheet) -> int:
    """How many unit columns fit across the page beside the key columns."""
    columns = sheet.table.columns
    keys = [col for col, column in enumerate(columns) if not column.letters]
    letters = [col for col, column in enumerate(columns) if column.letters]
    if not letters:
        return 1
    room = sheet.width - sheet.least(keys)
    widest = max(sheet.twips(sheet.fits[col].least) for col in letters)
    return max(1, room // widest)


def to_docx(table: Table, split: str = "units", attachment: str | None = None) -> bytes:
    """The table as a DOCX; a RACI matrix too wide for the page is cut by `split` (see `split.SPLITS`).

    `attachment` (`附件`, `附件1`) is set above the title as the standard sets an attachment's label."""
    table = cleaned(table, document_text)  # before measuring the columns: measure what is written
    sheet = _sheet(table)
    heading = wordml.run_properties(gongwen.HEADING_FONT, gongwen.SIZE_SMALL_4, latin=gongwen.HEADING_FONT)
    body = []
    if attachment:
        label = wordml.run_properties(gongwen.ATTACHMENT_FONT, gongwen.ATTACHMENT_SIZE, latin=gongwen.ATTACHMENT_FONT)
        body.append(wordml.paragraph(wordml.run(document_text(attachment), label), "left", spacing_after=120))
    body.append(wordml.paragraph(wordml.run(_title(table.title, sheet), wordml.run_properties(
        gongwen.TITLE_FONT, gongwen.SIZE_2, latin=gongwen.TITLE_FONT)), "center", spacing_after=120))
    if table.notes:
        notes = wordml.run_properties(gongwen.BODY_FONT, gongwen.SIZE_SMALL_4)
        body.append(wordml.paragraph(wordml.run("　".join(table.notes), notes), "center", spacing_after=120))
    pieces = parts(table, split, _per_part(sheet))
    for number, part in enumerate(pieces):
        if number:
            body.append(wordml.page_break())
        if part.caption:
            body.append(wordml.paragraph(wordml.run(part.caption, heading), "left", spacing_after=60, keep_next=True))
        body.append(_table_xml(_part_sheet(sheet, part)))
    if any(column.letters for column in table.columns):
        body.append(_legend(table))
    xml = wordml.document("".join(body), wordml.section(sheet.landscape))
    return zip_parts(wordml.package(xml, table.title, sheet.body_pt))


def _title(title: str, sheet: _Sheet) -> str:
    """The title, on two lines at ` · ` (plan, then view) when one line would not hold it: the
    standard asks a title to break where the words allow, not wherever the line ends."""
    per_line = sheet.width // round(gongwen.SIZE_2 * 10)  # display cells of 2号 in the 版心
    if print_width(title) <= per_line:
        return title
    parts = title.split(" · ", 1)
    return "\n".join(line for part in parts for line in balanced(part, per_line, sheet.table.keep, print_width))


def _part_sheet(sheet: _Sheet, part: Part) -> _Sheet:
    """The sheet of one part: the same page, type and column fits, the part's own columns."""
    if part.table is sheet.table:
        return sheet
    # The whole table's fits, so every part gives 序号 and 任务 the same widths.
    fit_of = {id(column): fit for column, fit in zip(sheet.table.columns, sheet.fits)}
    return _Sheet(part.table, [fit_of[id(column)] for column in part.table.columns], sheet.body_pt, sheet.landscape)


def _legend(table: Table) -> str:
    """图例：each letter, its role word and what it means, then the conflict mark, in Chinese (the
    table is a Chinese document)."""
    props = wordml.run_properties(gongwen.BODY_FONT, gongwen.SIZE_5)
    words = "；".join(f"{mark}：{ROLE_WORDS[role]}（{zh}）" for mark, role, zh, _ in table.legend())
    return wordml.paragraph(wordml.run(f"图例：{words}；冲突（红底加粗）：{CONFLICT_MEANING}。", props), "left",
                            spacing_before=120)


def _table_xml(sheet: _Sheet) -> str:
    table = sheet.table
    columns = table.columns
    widths = sheet.widths(range(len(columns)))
    if widths is None:  # wider than the page (`split="none"`): each column as narrow as it may be
        widths = [sheet.twips(fit.least) for fit in sheet.fits]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>{BORDERS}'
           f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{MARGIN}" w:type="dxa"/>'
           f'<w:right w:w="{MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    out.append(_header_row(sheet, widths))
    body, bold = "", wordml.BOLD  # the document's default font is the body's (wordml.package)
    group_props = wordml.run_properties(gongwen.HEADING_FONT, sheet.body_pt, latin=gongwen.HEADING_FONT)
    room = [sheet.cells(width) for width in widths]
    made: dict[tuple[int, str, tuple[Role, ...]], str] = {}  # each cell's XML, made once per column
    blank = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>' for width in widths]
    for group in table.groups:
        if group.heading:
            span = f'<w:gridSpan w:val="{len(columns)}"/>' if len(columns) > 1 else ""
            out.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" '
                       f'w:type="dxa"/>{span}<w:vAlign w:val="center"/></w:tcPr>'
                       f'{wordml.paragraph(wordml.run(group.heading, group_props), "left", keep_next=True)}</w:tc></w:tr>')
        for row in group.rows:
            cells = blank.copy()
            for col, cell in filled(row):
                key = (col, cell.text, cell.roles)
                xml = made.get(key)
                if xml is None:
                    xml = made[key] = _body_cell(cell, columns[col], widths[col], room[col], table.keep, body, bold)
                cells[col] = xml
            out.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{"".join(cells)}</w:tr>')
    out.append("</w:tbl>")
    return "".join(out)


def _header_row(sheet: _Sheet, widths: Sequence[int]) -> str:
    props = wordml.run_properties(gongwen.HEADING_FONT, sheet.body_pt, latin=gongwen.HEADING_FONT)
    cells = []
    tallest = 0
    for column, width in zip(sheet.table.columns, widths):
        if column.letters:
            tallest = max(tallest, len(column.title))
            cells.append(_cell(column.title, width, props, "center", vertical=True))
        else:
            title = "\n".join(wrap_heading(column.title, sheet.cells(width), sheet.table.keep, print_width))
            cells.append(_cell(title, width, props, "center"))
    # Upright names down the header need the row's height: a character and a little per character.
    height = f'<w:trHeight w:val="{round(tallest * sheet.body_pt * 22) + 2 * MARGIN}" w:hRule="atLeast"/>' \
        if tallest else ""
    return f'<w:tr><w:trPr><w:cantSplit/>{height}<w:tblHeader/></w:trPr>{"".join(cells)}</w:tr>'


def _body_cell(cell: Cell, column: Column, width: int, room: int, keep: frozenset[str], body: str, bold: str) -> str:
    conflict = is_conflict(cell)
    fill = None
    if column.letters and cell.role:
        fill = CONFLICT_FILL if conflict else ROLE_FILLS[cell.role]
    # Flush left, not justified: a justified line ending in a line break is stretched across the cell.
    align = "left" if column.max_width >= WORDING else "center"
    text = "\n".join(wrap(cell_text(cell), room, keep, print_width))
    return _cell(text, width, bold if conflict else body, align, fill)


def _cell(text: str, width: int, props: str, align: str, fill: str | None = None, vertical: bool = False) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#")}"/>' if fill else ""
    direction = '<w:textDirection w:val="tbRl"/>' if vertical else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}{direction}<w:vAlign w:val="center"/></w:tcPr>'
            f'{wordml.paragraph(wordml.run(text, props) if text else "", align)}</w:tc>')

"""DOCX emitter (python-docx, an optional extra): a Word table in the 任务分工表 layout.

Plans are Word documents, so the table comes as Word expects it: A4, a
title, a grid table whose header row repeats on every page, section rows
spanning the table, role cells shaded. Word picks the font for Chinese text
from the East Asian slot (`w:eastAsia`), which python-docx's `font.name`
does not set, so it is set here explicitly; without it Chinese falls back
to whatever the reader's Word chooses.

Every text is first made what every document may hold (`safe.document`):
python-docx (lxml) refuses control characters, U+FFFE and U+FFFF with a
ValueError, so those are written as `<U+XXXX>`, and a CR is a line break.
"""

from __future__ import annotations

import datetime
import io
from types import ModuleType
from typing import TYPE_CHECKING

from ..raci import ROLE_WORDS
from ..span import display_width
from .archive import normalise_zip
from .errors import missing
from .safe import cleaned
from .safe import document as document_text
from .table import ROLE_FILLS, Table, filled

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import CharacterStyle
    from docx.table import _Cell, _Row  # the types of `Table.cell` and `Table.rows`; python-docx names them so
    from docx.text.run import Run

#: 宋体 (SimSun) is what plan tables are set in and is on every Chinese Windows and WPS;
#: elsewhere Word and LibreOffice substitute a CJK font.
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
LATIN_FONT = "Times New Roman"
FIXED_TIME = datetime.datetime(2021, 1, 1)


def _docx() -> ModuleType:
    try:
        import docx
    except ImportError:
        raise missing("python-docx", "docx", "DOCX tables", "Word 表格") from None
    return docx


def _set_fonts(run_or_style: Run | CharacterStyle, east_asian: str, size_pt: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = LATIN_FONT
    if size_pt:
        font.size = Pt(size_pt)
    r_pr = run_or_style.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asian)


def _shade(cell: _Cell, fill: str) -> None:
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shading = tc_pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill.lstrip("#")})
    tc_pr.append(shading)


def _repeat_header(row: _Row) -> None:
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _write(cell: _Cell, text: str, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if index:
            run.add_break()
        run.add_text(line)
        run.bold = bold or None
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page(document: Document, landscape: bool) -> int:
    """A4, portrait or landscape; returns the text width in twentieths of a point."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    return width - Mm(40)


def _column_widths(table: Table, total: int) -> list[int]:
    widest = [max(display_width(line) for line in column.title.split("\n")) for column in table.columns]
    for row in table.rows:
        for index, cell in filled(row):  # blank cells are 0 wide
            widest[index] = max(widest[index], max(display_width(line) for line in cell.text.split("\n")))
    weights = [max(4, min(column.max_width, wide)) for column, wide in zip(table.columns, widest)]
    scale = total / sum(weights)
    return [int(weight * scale) for weight in weights]


def to_docx(table: Table) -> bytes:
    docx = _docx()
    table = cleaned(table, document_text)  # before measuring the columns, as the terminal table does
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document: Document = docx.Document()
    properties = document.core_properties
    properties.title = table.title
    properties.author = properties.last_modified_by = "qlmatrix"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    _set_fonts(document.styles["Normal"], BODY_FONT, 10.5)
    total = _page(document, landscape=table.view != "tasks" or len(table.columns) > 6)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_fonts(title.add_run(table.title), TITLE_FONT, 16)
    if table.notes:
        document.add_paragraph("  ".join(table.notes)).alignment = WD_ALIGN_PARAGRAPH.CENTER

    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.autofit = False
    widths = _column_widths(table, total)
    header = grid.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, table.columns):
        _write(cell, column.title, bold=True, center=True)
        _shade(cell, "#F2F2F2")
    for group in table.groups:
        if group.heading:
            cells = grid.add_row().cells
            merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
            _write(merged, group.heading, bold=True)
        for row in group.rows:
            cells = grid.add_row().cells
            for index, value in filled(row):  # a blank cell stays as Word made it
                column = table.columns[index]
                _write(cells[index], value.text, center=column.letters)
                if value.role:
                    _shade(cells[index], ROLE_FILLS[value.role])
    for row in grid.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width

    if table.view in ("raci", "units"):
        legend = document.add_paragraph()
        legend.add_run("图例:").bold = True
        for mark, role, zh, _ in table.legend():
            legend.add_run(f"\n{mark}  {ROLE_WORDS[role]}  {zh}")
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())

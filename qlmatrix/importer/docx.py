"""Word documents: paragraphs and table rows in body order (python-docx, imported only here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from .reading import DocumentError, Line

if TYPE_CHECKING:
    from docx.table import _Cell, _Row


def docx_lines(path: str) -> list[Line]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise DocumentError(Diagnostic("I002", None, args={"path": path, "reason": "python-docx is not installed"},
                                       help="install-docx")) from None
    try:
        document = docx.Document(path)
    except Exception as error:  # python-docx raises several types for a broken or non-docx file
        raise DocumentError(Diagnostic("I002", None, args={"path": path, "reason": str(error) or type(error).__name__})) from None
    lines: list[Line] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Line(len(lines) + 1, Paragraph(child, document).text))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = tuple(_cell_text(cell) for cell in _unique_cells(row))
                lines.append(Line(len(lines) + 1, "|".join(cells), cells))
    return lines


def _unique_cells(row: _Row) -> list[_Cell]:
    """A merged cell appears once per grid column in python-docx: keep it once."""
    seen: set[int] = set()
    cells: list[_Cell] = []
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(cell)
    return cells


def _cell_text(cell: _Cell) -> str:
    return "".join(paragraph.text.strip() for paragraph in cell.paragraphs)

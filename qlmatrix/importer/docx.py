"""Word documents: paragraphs and table rows in body order (python-docx, imported only here).

A .docx is a zip archive, and python-docx unpacks whatever it is given: a
540 KB archive that expands to 300 MB keeps it busy for minutes. So the
archive is inspected first with the standard library (members, the bytes they
expand to, all together and per XML part, how many times each expands; sizes
from the central directory, which zipfile also holds the decompression to)
and refused beyond the limits in limits.py (I004).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..diagnostics import Diagnostic
from ..text import Text
from . import limits
from .reading import DocumentError, Line, refuse_other_format, too_large


def check_archive(data: bytes, path: str) -> None:
    """DocumentError (I004) when the zip archive is beyond the limits; (I002) when it is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        refuse_other_format(data, path, docx=True)  # an HTML page or a .doc renamed .docx: say which
        raise DocumentError(Diagnostic("I002", None, args={"path": path, "reason": Text(
            f"not a Word document (.docx is a zip archive): {error}", "不是Word文档（.docx应为zip压缩包）")},
            help="import-save-as")) from None
    if len(members) > limits.MAX_DOCX_MEMBERS:
        raise too_large(path, Text(f"its zip archive has {len(members):,} members, more than the "
                                   f"{limits.MAX_DOCX_MEMBERS:,} allowed",
                                   f"其zip压缩包有{len(members):,}个成员，超过上限{limits.MAX_DOCX_MEMBERS:,}"))
    expanded = sum(member.file_size for member in members)
    if expanded > limits.MAX_DOCX_EXPANDED:
        raise too_large(path, Text(f"its zip archive expands to {expanded:,} bytes, more than the "
                                   f"{limits.MAX_DOCX_EXPANDED:,} allowed",
                                   f"其zip压缩包解压后为{expanded:,}字节，超过上限{limits.MAX_DOCX_EXPANDED:,}"))
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels")) and member.file_size > limits.MAX_DOCX_XML:
            raise too_large(path, Text(f"its member `{member.filename}` expands to {member.file_size:,} bytes, more "
                                       f"than the {limits.MAX_DOCX_XML:,} allowed for an XML part",
                                       f"其成员`{member.filename}`解压后为{member.file_size:,}字节，超过XML部分的上限"
                                       f"{limits.MAX_DOCX_XML:,}"))
        if member.file_size <= limits.DOCX_RATIO_FLOOR:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.MAX_DOCX_RATIO:
            raise too_large(path, Text(
                f"its member `{member.filename}` expands {ratio:,.0f} times ({member.compress_size:,} to "
                f"{member.file_size:,} bytes), more than the {limits.MAX_DOCX_RATIO} allowed: a zip bomb?",
                f"其成员`{member.filename}`膨胀{ratio:,.0f}倍（{member.compress_size:,}字节解压为"
                f"{member.file_size:,}字节），超过上限{limits.MAX_DOCX_RATIO}倍：疑为压缩炸弹"))


#: Office documents of other kinds, by the part that makes them one.
_OTHER_OFFICE = (("xl/workbook.xml", Text("a spreadsheet (an .xlsx renamed .docx?)", "电子表格（改了扩展名的.xlsx？）")),
                 ("ppt/presentation.xml", Text("a presentation (a .pptx renamed .docx?)", "演示文稿（改了扩展名的.pptx？）")))


def _not_word(data: bytes, error: Exception) -> Text:
    """Why python-docx could not open a zip archive `check_archive` let through, in the reader's words:
    its own message names a BytesIO object and a content type (`...spreadsheetml.sheet.main+xml`)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
    for part, kind in _OTHER_OFFICE:
        if part in names:
            return Text(f"it is {kind.en}, not a Word document", f"它是{kind.zh}，不是Word文档")
    if "word/document.xml" not in names:
        return Text("it is a zip archive with no Word document in it", "它是zip压缩包，其中没有Word文档")
    detail = re.sub(r"<_io\.BytesIO object at 0x[0-9a-f]+>", "the document", str(error)) or type(error).__name__
    return Text(f"the Word document is damaged ({detail})", f"Word文档已损坏（{detail}）")


def docx_lines(data: bytes, path: str) -> list[Line]:
    """The document's paragraphs and table rows; `path` names it in diagnostics."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise DocumentError(Diagnostic("I002", None, args={"path": path, "reason": "python-docx is not installed"},
                                       help="install-docx")) from None
    check_archive(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several types for a broken or non-docx file
        raise DocumentError(Diagnostic("I002", None, args={"path": path, "reason": _not_word(data, error)},
                                       help="import-save-as")) from None
    lines: list[Line] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Line(len(lines) + 1, Paragraph(child, document).text))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = tuple(_cell_text(cell) for cell in _unique_cells(row))
                lines.append(Line(len(lines) + 1, "|".join(cells), cells))
        if len(lines) > limits.MAX_LINES:
            raise too_large(path, Text(f"it has more than {limits.MAX_LINES:,} paragraphs and table rows",
                                       f"其段落和表格行数超过上限{limits.MAX_LINES:,}"))
    return lines


# python-docx names its row and cell classes privately (`_Row`, `_Cell`), so they are typed Any here.
def _unique_cells(row: Any) -> list[Any]:
    """A merged cell appears once per grid column in python-docx: keep it once, stepping over the
    columns it spans (`grid_span`, python-docx's public count of them)."""
    every = row.cells
    cells: list[Any] = []
    at = 0
    while at < len(every):
        cell = every[at]
        cells.append(cell)
        at += max(1, cell.grid_span)
    return cells


def _cell_text(cell: Any) -> str:
    return "".join(paragraph.text.strip() for paragraph in cell.paragraphs)

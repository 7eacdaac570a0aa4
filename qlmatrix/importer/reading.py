"""Reading a document into numbered source lines: .txt, .md and .docx.

Bytes are decoded as their byte-order mark says, else as UTF-8, else as
GB18030 when that gives Chinese text (encoding.py: GB18030 decodes almost
any bytes, so Big5 would come out as plausible garbage); anything else needs
an explicit encoding, which the I001 help suggests. A table row becomes one
line carrying its cells, so the rest of the importer sees one stream.
Documents beyond the limits in limits.py are refused with I004.
"""

from __future__ import annotations

import codecs
import os
import re

import attrs

from ..diagnostics import Diagnostic
from ..errors import QlmError
from ..source import os_reason, read_bytes
from ..span import Span
from ..text import Text
from . import limits
from .encoding import bom_encoding, looks_chinese, suggest


@attrs.frozen
class Line:
    number: int  # 1-based line (paragraph, for .docx) in the source document
    text: str
    cells: tuple[str, ...] | None = None  # a table row
    in_table: bool = False  # a section heading between a flattened table's rows: the table goes on after it
    #: The length of the line this piece ends, when items run together in it were cut apart: whether the line
    #: wrapped at the page width is judged by the whole line, not the piece (`…(甲办)(2)加强组织` / `领导。`).
    cut_from: int = 0


class DocumentError(QlmError):
    """A document that cannot be read; `diagnostic` says why (I0xx)."""

    def __init__(self, diagnostic: Diagnostic):
        from ..diagnostics.messages import render_message

        super().__init__(Text(render_message(diagnostic, "en"), render_message(diagnostic, "zh")),
                         diagnostics=(diagnostic,))
        self.diagnostic = diagnostic


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of `data`: the given encoding, else what its byte-order mark says, else UTF-8, else GB18030
    when that gives Chinese text; otherwise DocumentError (I001, with the likely encoding)."""
    check_size(len(data), name)
    if encoding:
        try:
            codecs.lookup(encoding)
            return _strip_bom(data.decode(encoding))
        except LookupError:  # no such codec, or one that is not a text encoding (base64, rot13)
            raise DocumentError(Diagnostic("I003", None, args={"encoding": encoding})) from None
        except UnicodeError as error:
            offset = error.start if isinstance(error, UnicodeDecodeError) else 0
            raise DocumentError(_undecodable(data, name, offset, Text(
                f"the text is not valid {encoding} there", f"此处不是有效的{encoding}编码"))) from None
    marked = bom_encoding(data)
    if marked is not None:  # a byte-order mark decides: it is never there by chance
        length, codec = marked
        try:
            return data[length:].decode(codec)
        except UnicodeDecodeError as error:
            raise DocumentError(_undecodable(data, name, length + error.start, Text(
                f"its byte-order mark says {codec}, but the text is not valid {codec} there",
                f"其字节顺序标记表明为{codec}编码，但此处不是有效的{codec}编码"))) from None
    nul = data.find(b"\x00")
    if nul >= 0:  # no text in UTF-8 or GB18030 holds NUL: UTF-16 or UTF-32 without a mark, or binary
        raise DocumentError(_undecodable(data, name, nul, Text(
            "it holds NUL bytes: UTF-16 or UTF-32 without a byte-order mark, or not text at all",
            "其中有NUL字节：可能是不带字节顺序标记的UTF-16或UTF-32，或根本不是文本")))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError(_undecodable(data, name, first_bad, Text(
            "it is neither UTF-8 nor GB18030", "它既不是UTF-8也不是GB18030编码"))) from None
    if not looks_chinese(text):  # GB18030 reads almost any bytes: Big5 or Shift-JIS come out as garbage
        raise DocumentError(_undecodable(data, name, first_bad, Text(
            "it is not UTF-8, and read as GB18030 it is not Chinese text",
            "它不是UTF-8编码，按GB18030解码也不是中文文本"))) from None
    return text


BYTES = Text("bytes", "字节")
CHARACTERS = Text("characters", "个字符")


def check_size(size: int, name: str, unit: Text = BYTES) -> None:
    """DocumentError (I004) when a document is larger than MAX_DOCUMENT_BYTES."""
    if size > limits.MAX_DOCUMENT_BYTES:
        raise too_large(name, Text(f"it has {size:,} {unit.en}, more than the {limits.MAX_DOCUMENT_BYTES:,} allowed",
                                   f"其大小为{size:,}{unit.zh}，超过上限{limits.MAX_DOCUMENT_BYTES:,}"))


def check_lines(lines: list[Line], name: str) -> list[Line]:
    """`lines`, or DocumentError (I004) when there are more than MAX_LINES."""
    if len(lines) > limits.MAX_LINES:
        raise too_large(name, Text(f"it has more than {limits.MAX_LINES:,} lines or paragraphs",
                                   f"其行数或段落数超过上限{limits.MAX_LINES:,}"))
    return lines


def too_large(name: str, reason: Text) -> DocumentError:
    return DocumentError(Diagnostic("I004", None, args={"path": name, "reason": reason}, help="import-limits"))


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _undecodable(data: bytes, name: str, offset: int, reason: Text) -> Diagnostic:
    line = data[:offset].count(b"\n") + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Diagnostic("I001", Span(name, line, column, line, column + 1),
                      args={"path": name, "offset": str(offset), "reason": reason},
                      help="import-encoding", help_args={"suggestion": suggest(data)})


#: A Markdown (GFM) table's delimiter row: `|---|:-:|`, `|-|-|` (one hyphen is enough), `| :--- |`.
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def text_lines(text: str) -> list[Line]:
    """Lines of plain text or Markdown; Markdown table rows carry their cells."""
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if "|" in stripped and _MD_TABLE_RULE.match(stripped) and lines and lines[-1].cells is not None:
            continue  # a rule row without the outer pipes (`-|-|-`), after the header row
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            if _MD_TABLE_RULE.match(stripped):
                continue
            cells = tuple(cell.strip() for cell in stripped[1:-1].split("|"))
            lines.append(Line(number, stripped, cells))
        else:
            lines.append(Line(number, raw))
    return lines


def read_document(path: str | os.PathLike[str], encoding: str | None = None) -> list[Line]:
    name = str(path)
    try:
        size = os.stat(path).st_size
        check_size(size, name)  # before reading: a log file is not read into memory to be refused
        data = read_bytes(path)
    except OSError as error:
        raise DocumentError(Diagnostic("I002", None, args={"path": name, "reason": os_reason(error)})) from None
    if name.lower().endswith(".docx"):
        from .docx import docx_lines

        check_size(len(data), name)
        return docx_lines(data, name)
    refuse_other_format(data, name)
    return text_lines(decode(data, name, encoding))  # import_lines checks how many there are


#: What a file that is neither text nor a .docx starts with, and what to call it.
_OTHER_FORMATS = (
    (b"%PDF-", Text("a PDF file", "PDF文件")),
    (b"\xd0\xcf\x11\xe0", Text("an old Word, Excel or WPS file (.doc, .xls, .wps)", "旧版Word、Excel或WPS文件（.doc、.xls、.wps）")),
    (b"PK\x03\x04", Text("a zip archive (an .xlsx, or a .docx under another name?)", "zip压缩包（.xlsx，或改了扩展名的.docx？）")),
)
#: An HTML page (Word's "save as web page" too, often named .doc): its first tag, after any blank or BOM.
_HTML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html[\s>]|\?xml[^>]*>\s*<html)", re.I)


def other_format(data: bytes) -> Text | None:
    """What `data` is when it is a known format that is neither plain text nor a Word document's zip."""
    for magic, kind in _OTHER_FORMATS:
        if data.startswith(magic):
            return kind
    return Text("an HTML page", "HTML网页") if _HTML.match(data[:4096]) else None


def refuse_other_format(data: bytes, name: str, docx: bool = False) -> None:
    """DocumentError (I002, with how to save it) for a PDF, an old Office file, a zip or an HTML page:
    read as text it would be an encoding error (NUL bytes) or tags taken for the plan's wording."""
    kind = other_format(data)
    if kind is None or (docx and data.startswith(b"PK")):
        return
    what = Text("a Word document", "Word文档") if docx else Text("a text or Word document", "文本或Word文档")
    raise DocumentError(Diagnostic("I002", None, args={"path": name, "reason": Text(
        f"it is {kind.en}, not {what.en}", f"它是{kind.zh}，不是{what.zh}")}, help="import-save-as"))

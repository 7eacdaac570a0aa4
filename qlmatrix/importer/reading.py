"""Reading a document into numbered source lines: .txt, .md and .docx.

Bytes are decoded with utf-8-sig, then gb18030; anything else needs an
explicit encoding (measured: the fallback chain silently turns Big5 into
garbage, so no detector decides for the user). A table row becomes one
line carrying its cells, so the rest of the importer sees one stream.
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


@attrs.frozen
class Line:
    number: int  # 1-based line (paragraph, for .docx) in the source document
    text: str
    cells: tuple[str, ...] | None = None  # a table row


class DocumentError(QlmError):
    """A document that cannot be read; `diagnostic` says why (I0xx)."""

    def __init__(self, diagnostic: Diagnostic):
        from ..diagnostics.messages import render_message

        super().__init__(Text(render_message(diagnostic, "en"), render_message(diagnostic, "zh")),
                         diagnostics=(diagnostic,))
        self.diagnostic = diagnostic


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of `data`: the given encoding, else utf-8-sig, else gb18030, else DocumentError (I001)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DocumentError(Diagnostic("I003", None, args={"encoding": encoding})) from None
        try:
            return _strip_bom(data.decode(encoding))
        except UnicodeDecodeError as error:
            raise DocumentError(_undecodable(data, name, error.start)) from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 byte-order mark says so itself
        return _strip_bom(data.decode("utf-16"))
    nul = data.find(b"\x00")
    if nul >= 0:  # no text in UTF-8 or GB18030 holds NUL: UTF-16 without a mark, or binary
        raise DocumentError(_undecodable(data, name, nul))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        first_bad = error.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError(_undecodable(data, name, first_bad)) from None


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _undecodable(data: bytes, name: str, offset: int) -> Diagnostic:
    line = data[:offset].count(b"\n") + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Diagnostic("I001", Span(name, line, column, line, column + 1),
                      args={"path": name, "offset": str(offset)},
                      help="import-encoding", help_args={"suggestion": _suggest(data)})


def _suggest(data: bytes) -> str:
    """A guess shown in the message only: NUL bytes mean UTF-16, else Big5 (the usual other Chinese encoding)."""
    if b"\x00" in data:  # a line break tells the byte order
        return "utf-16-le" if b"\n\x00" in data else "utf-16-be" if b"\x00\n" in data else "utf-16"
    return "big5"


_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def text_lines(text: str) -> list[Line]:
    """Lines of plain text or Markdown; Markdown table rows carry their cells."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
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
    if name.lower().endswith(".docx"):
        from .docx import docx_lines

        return docx_lines(name)
    try:
        data = read_bytes(path)
    except OSError as error:
        raise DocumentError(Diagnostic("I002", None, args={"path": name, "reason": os_reason(error)})) from None
    return text_lines(decode(data, name, encoding))

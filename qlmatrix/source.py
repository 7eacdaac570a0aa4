"""Reading the files a user names: one place for plans (parser, fmt) and documents (importer).

`read_bytes` is the only function that opens a file the user asked qlmatrix
to read; `read_source` decodes a plan (UTF-8, a byte-order mark allowed) and
says where it is not UTF-8.
"""

from __future__ import annotations

import os

from .diagnostics import Diagnostic
from .span import Span

BOM = "\ufeff"


def read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes. Raises OSError."""
    with open(path, "rb") as stream:
        return stream.read()


def read_source(path: str | os.PathLike) -> tuple[str | None, Diagnostic | None]:
    """A plan file's text, a byte-order mark kept, or why it cannot be had: E011 (unreadable) or E009
    (not UTF-8, with the line and column of the first bad byte)."""
    name = str(path)
    try:
        data = read_bytes(name)
    except OSError as error:
        return None, Diagnostic("E011", None, args={"path": name, "reason": error.strerror or str(error)})
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        span = Span(name, line, column, line, column + 1)
        return None, Diagnostic("E009", span, args={"offset": str(error.start)}, help="encoding")

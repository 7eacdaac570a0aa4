"""Byte-stable ZIP containers (XLSX, DOCX): rewritten (`normalise_zip`) or written from parts (`zip_parts`).

Office files are ZIP archives whose members carry the time they were
written, so the same plan would give a different file each run. Rewriting
the archive with a fixed time and fixed attributes makes it byte-identical.
"""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def zip_parts(parts: list[tuple[str, str]]) -> bytes:
    """A ZIP of `(name, XML text)` members, in that order, written as `normalise_zip` would write them."""
    out = io.BytesIO()
    # Level 1: a 10,000-task matrix is tens of megabytes of markup, and the default level took
    # three times as long for a file a fifth smaller.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            target.writestr(info, text.encode("utf-8"))
    return out.getvalue()

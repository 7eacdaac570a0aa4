"""What `qlm import` reads at most; beyond these, the import stops with I004 (docs/importing.md, "Limits").

Real plan documents are far below every limit: the largest in the corpus is
21 KB of text and 300 lines, a Word plan is a few dozen zip members that
expand ten to twenty times. The limits are there so that a broken or hostile
document (a zip bomb, a log file) is refused at once instead of running for
minutes; tests lower them with monkeypatch.
"""

from __future__ import annotations

# Defined with every other limit in qlmatrix/limits.py; named here so the importer's modules (and tests,
# which lower them with monkeypatch) read them as `limits.X`.
from ..limits import (
    DOCX_RATIO_FLOOR,
    MAX_DOCUMENT_BYTES,
    MAX_DOCX_EXPANDED,
    MAX_DOCX_MEMBERS,
    MAX_DOCX_RATIO,
    MAX_DOCX_XML,
    MAX_LINES,
)

__all__ = ["DOCX_RATIO_FLOOR", "MAX_DOCUMENT_BYTES", "MAX_DOCX_EXPANDED", "MAX_DOCX_MEMBERS", "MAX_DOCX_RATIO",
           "MAX_DOCX_XML", "MAX_LINES"]

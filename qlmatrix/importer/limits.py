"""What `qlm import` reads at most; beyond these, the import stops with I004 (docs/importing.md, "Limits").

Real plan documents are far below every limit: the largest in the corpus is
21 KB of text and 300 lines, a Word plan is a few dozen zip members that
expand ten to twenty times. The limits are there so that a broken or hostile
document (a zip bomb, a log file) is refused at once instead of running for
minutes; tests lower them with monkeypatch.
"""

from __future__ import annotations

from ..limits import MAX_FILE_BYTES

#: Bytes of a document file or of bytes given to import_text, and characters of text given as str.
MAX_DOCUMENT_BYTES = MAX_FILE_BYTES  # 64 MiB, as for a plan file
#: Lines of a text document, or paragraphs and table rows of a Word document.
MAX_LINES = 200_000
#: Members of a .docx's zip archive (a Word document has a few dozen, one per picture more).
MAX_DOCX_MEMBERS = 10_000
#: Bytes a .docx's members expand to, all together (pictures included: python-docx holds them all).
MAX_DOCX_EXPANDED = 256 * 1024 * 1024
#: Bytes one XML part (`word/document.xml`, styles, relationships) expands to: python-docx parses it
#: whole, at about 3 MB a second (a 300-page plan is 5 MB).
MAX_DOCX_XML = 64 * 1024 * 1024
#: How many times one member may expand: Word's XML 5 to 50 times, a large empty table 160 times
#: (measured), a zip bomb 500 to 1,000; judged for members that expand to more than DOCX_RATIO_FLOOR.
MAX_DOCX_RATIO = 200
DOCX_RATIO_FLOOR = 1024 * 1024

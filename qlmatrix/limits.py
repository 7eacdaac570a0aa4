"""Every limit qlmatrix puts on its input, in one place (docs/security.md says what each protects).

A plan may come from anyone (a pull request checked in CI, a file sent by
e-mail), so reading one is bounded in time, memory and reach. Each limit has
its own diagnostic, placed at the thing that exceeds it.
"""

from __future__ import annotations

#: Bytes of one plan file, and of a plan and all the files it includes together (E019).
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PLAN_BYTES = 256 * 1024 * 1024
#: Files a plan may include, directly or not (E019), and how deep includes may nest (E018).
MAX_INCLUDED_FILES = 1000
MAX_INCLUDE_DEPTH = 32
#: How deep blocks `{ … }` may nest in one file (E016): real plans nest three or four deep.
MAX_NESTING = 64
#: Tasks `qlm gen` makes at most: ten times the largest benchmark plan.
MAX_GENERATED_TASKS = 1_000_000

# `qlm import` (I004; docs/importing.md, "Limits"): a broken or hostile document is refused at once.

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

# `qlm serve` (docs/security.md, "The workbench server"): what one request may send.

#: Bytes of one request body: a plan's text, or a document dropped on the page to import.
MAX_REQUEST_BYTES = 32 * 1024 * 1024

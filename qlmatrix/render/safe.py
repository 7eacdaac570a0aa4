"""Text a format cannot carry, and text a terminal must not run: one convention for every renderer.

A plan built in Python (or a quoted string in a .qlm file) can hold any
character, and every output must still come out well-formed. The rules,
applied by each emitter where it escapes its own syntax:

- **Line breaks.** `\\r\\n` and a lone `\\r` are line breaks, like `\\n`, in
  every multi-line format (Markdown `<br>`, HTML `<br>`, a line of a DOCX or
  XLSX cell, a line of a Graphviz label, a quoted line in CSV): a CR never
  reaches an output raw, where it would split a Markdown row or overwrite a
  terminal line.
- **Characters no document format carries** (`document`): C0 controls other
  than tab and newline, DEL, C1 controls, lone surrogates (not encodable as
  UTF-8) and noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, U+nFFFE/F; XML 1.0
  forbids most of these, so SVG, XLSX, DOCX and HTML would be broken, and dot
  itself may fail on them) are written as `<U+XXXX>`, the notation of
  `qlmatrix.diagnostics.text.code_point` (why that notation: see there). Tab
  stays: every format carries it.
- **The terminal** (`terminal`) shows, in the same notation, every control
  character but the newline (tab included: it would break the alignment),
  and the invisible characters that change what a terminal shows: format
  characters (bidirectional overrides such as U+202E, zero-width spaces such
  as U+200B, the BOM) and U+2028/U+2029. An ESC or OSC sequence in a name
  must not set the window title.
- **JSON** is data and loses nothing: the emitter keeps every character, and
  writes the ones a reader could trip on (controls, U+2028/U+2029, lone
  surrogates, noncharacters) as JSON's own `\\uXXXX` escapes.

Ordinary text (Chinese, ASCII, U+3000) is left exactly as it is, and telling
it apart is one regular-expression search per distinct string (the XLSX of a
10,000-task plan took as long as before, within the noise of the machine).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from ..diagnostics.text import NONCHARACTER_CLASS, code_point, is_noncharacter, visible
from .table import Cell, Group, SparseRow, Table

_NONCHARACTERS = NONCHARACTER_CLASS
#: What no document format carries, and CR (a line break to normalise): one search tells ordinary text apart.
_DOCUMENT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


def _document_char(match: re.Match[str]) -> str:
    char = match.group()
    return char if char > "\uffff" and not is_noncharacter(char) else code_point(char)


def document(text: str) -> str:
    """`text` as every document format may hold it: CR and CRLF as `\\n`, tab and newline kept, and
    any other character no format carries as `<U+XXXX>`.

        document("甲\\x00乙\\r\\n丙\\uffff") == "甲<U+0000>乙\\n丙<U+FFFF>"
    """
    if _DOCUMENT.search(text) is None:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _DOCUMENT.sub(_document_char, text)


def terminal(text: str) -> str:
    """`text` safe on a terminal: line breaks kept (CR and CRLF as `\\n`), every other control,
    format and separator character as `<U+XXXX>` (`\\x1b]0;pwned\\x07` sets no window title)."""
    if text.isprintable():
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return visible(text, keep="\n")


#: Excel keeps at most this many UTF-16 code units in a cell.
EXCEL_CELL_LIMIT = 32767


def utf16_length(text: str) -> int:
    """The length Excel counts: a character beyond U+FFFF takes two."""
    return len(text) if text.isascii() else len(text) + sum(1 for char in text if char > "\uffff")


def utf16_chunks(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` UTF-16 code units, never inside a character."""
    chunks: list[str] = []
    start, used = 0, 0
    for index, char in enumerate(text):
        units = 2 if char > "\uffff" else 1
        if used + units > limit:
            chunks.append(text[start:index])
            start, used = index, 0
        used += units
    chunks.append(text[start:])
    return chunks


def cleaned(table: Table, clean: Callable[[str], str]) -> Table:
    """`table` with every text it holds passed through `clean` (each distinct text, each cell, once).

    For emitters that measure text before they write it: the terminal table wraps and aligns by
    display width, so it must measure what it will show.
    """
    texts: dict[str, str] = {}
    cells: dict[int, Cell] = {}  # cells are shared between rows (one per combination of roles)

    def text(value: str) -> str:
        found = texts.get(value)
        if found is None:
            found = texts[value] = clean(value)
        return found

    def cell(value: Cell) -> Cell:
        found = cells.get(id(value))
        if found is None:
            shown = text(value.text)
            found = cells[id(value)] = value if shown == value.text else attrs.evolve(value, text=shown)
        return found

    def row(values: Sequence[Cell]) -> Sequence[Cell]:
        if isinstance(values, SparseRow):
            return SparseRow([cell(c) for c in values.head], {col: cell(c) for col, c in values.cells.items()}, values.width)
        return tuple(cell(c) for c in values)

    groups = [Group(None if group.heading is None else text(group.heading), [row(r) for r in group.rows])
              for group in table.groups]
    columns = [attrs.evolve(column, title=text(column.title)) for column in table.columns]
    return attrs.evolve(table, title=text(table.title), columns=columns, groups=groups,
                        group_label=text(table.group_label), notes=[text(note) for note in table.notes])

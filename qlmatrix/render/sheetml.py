"""A small SpreadsheetML (XLSX) writer: styles, shared strings, sheets with print settings.

Why our own writer: xlsxwriter's public API walks every column of a sheet
for every row when it writes the file, so a RACI matrix of 10,000 tasks ×
1,000 units cost ten million steps (12 s) however few cells it holds, and
the way round it was subclassing its worksheet and calling its private
writers. This writer emits a row's own cells only, and follows the
published standard (ECMA-376) instead of a library's internals. The file is
a ZIP of fixed members written byte-stable by `archive.zip_parts`.

Besides views, it writes the fill-in workbooks of the supervision ledger
(`ledger.template`), which need three more parts of the standard: a
drop-down list on a range and sheet protection without a password (both
in `sheetforms`), and cells left open under it (`Style.locked`, §18.8.33
protection). A column can carry a default format and be hidden (§18.3.1.13
col), so cells below the written rows of an open column stay open too.

Every string given here must already be what a document may hold
(`safe.document`). All cell values are shared strings or numbers, never
formulas, whatever text they hold (`=1+1` stays text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import attrs

from .sheetforms import ListValidation, Protection

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: Excel reads `_x0041_` in a string as the character it names: a literal one is written `_x005F_x0041_`.
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def text_xml(text: str) -> str:
    return escape(_ESCAPE_LIKE.sub(r"_x005F_\1", text))


def column_name(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_name(row: int, col: int) -> str:
    return f"{column_name(col)}{row + 1}"


def quote_sheet(name: str) -> str:
    """A sheet name as a reference names it: `任务分工表`, but `'RACI 矩阵'` (quoted when it holds
    anything but letters, digits, `_` and `.`, starts with a digit, or reads as a cell)."""
    if _PLAIN_SHEET.fullmatch(name) and not name[0].isdigit() and not _LOOKS_LIKE_CELL.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


_PLAIN_SHEET = re.compile(r"[\w.]+")
_LOOKS_LIKE_CELL = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[Rr]|[Cc]", re.ASCII)


@attrs.frozen
class Style:
    """A cell format: font, fill, border, alignment (what the emitter uses of SpreadsheetML's)."""

    font: str
    size: float
    bold: bool = False
    color: str | None = None
    fill: str | None = None
    border: bool = False
    align: str | None = None  # left, center, right
    valign: str = "center"
    wrap: bool = False
    vertical: bool = False  # text stacked top to bottom (a unit's name down a narrow column)
    #: False: the cell stays editable when the sheet is protected (every cell is locked by default).
    locked: bool = True


class Styles:
    """The workbook's cell formats, each numbered once (`index`)."""

    def __init__(self) -> None:
        self._styles: dict[Style, int] = {}

    def index(self, style: Style) -> int:
        found = self._styles.get(style)
        if found is None:
            found = self._styles[style] = len(self._styles) + 1  # 0 is the default format
        return found

    def xml(self) -> str:
        fonts: dict[tuple[str, float, bool, str | None], int] = {("Calibri", 11.0, False, None): 0}
        fills: dict[str, int] = {}
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for style in self._styles:  # in index order: dicts keep insertion order
            font = fonts.setdefault((style.font, style.size, style.bold, style.color), len(fonts))
            fill = fills.setdefault(style.fill, len(fills) + 2) if style.fill else 0
            alignment = [f'vertical="{style.valign}"']
            if style.align:
                alignment.append(f'horizontal="{style.align}"')
            if style.wrap:
                alignment.append('wrapText="1"')
            if style.vertical:
                alignment.append('textRotation="255"')
            protection = ('', '') if style.locked else (' applyProtection="1"', '<protection locked="0"/>')
            xfs.append(f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{1 if style.border else 0}" '
                       f'xfId="0" applyFont="1" applyFill="{int(bool(fill))}" applyBorder="{int(style.border)}" '
                       f'applyAlignment="1"{protection[0]}><alignment {" ".join(alignment)}/>{protection[1]}</xf>')
        font_xml = []
        for name, size, bold, color in fonts:
            # charset 134 is GB2312: a reader without the face substitutes a Chinese one.
            shade = f'<color rgb="FF{color.lstrip("#")}"/>' if color else ""
            font_xml.append(f'<font>{"<b/>" if bold else ""}<sz val="{size:g}"/>{shade}'
                            f'<name val={quoteattr(name)}/><family val="3"/><charset val="134"/></font>')
        fill_xml = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']
        fill_xml += [f'<fill><patternFill patternType="solid"><fgColor rgb="FF{fill.lstrip("#")}"/>'
                     '<bgColor indexed="64"/></patternFill></fill>' for fill in fills]
        thin = "".join(f'<{side} style="thin"><color auto="1"/></{side}>' for side in ("left", "right", "top", "bottom"))
        return (f'{XML_HEAD}<styleSheet xmlns="{MAIN}"><fonts count="{len(fonts)}">{"".join(font_xml)}</fonts>'
                f'<fills count="{len(fill_xml)}">{"".join(fill_xml)}</fills>'
                f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
                f'<border>{thin}<diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                # dxf 0: the border a blank cell of a table gets from a conditional format.
                f'<dxfs count="1"><dxf><border>{thin}</border></dxf></dxfs></styleSheet>')


class SharedStrings:
    def __init__(self) -> None:
        #: Each distinct text's number, in the order first used (a sheet's `strings` adds to it directly).
        self.index: dict[str, int] = {}
        #: How many cells refer to a shared string.
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{text_xml(text)}</t></si>' for text in self.index)
        return f'{XML_HEAD}<sst xmlns="{MAIN}" count="{self.count}" uniqueCount="{len(self.index)}">{items}</sst>'


@attrs.define
class PageSetup:
    """How a sheet prints: A4, orientation, margins (mm), fit to the page's width, page-number footer."""

    landscape: bool
    margins_mm: Mapping[str, float]
    fit_width: bool
    #: Rows (and columns) repeated on every printed page: `$3:$3`, `$A:$B`.
    title_rows: str | None = None
    title_columns: str | None = None
    #: The footer of odd and of even pages (`&P` is the page number), as Excel's header/footer codes.
    odd_footer: str = ""
    even_footer: str = ""


class Sheet:
    """One worksheet, written row by row in order (rows and their cells must come in order)."""

    def __init__(self, name: str, strings: SharedStrings):
        self.name = name
        self._strings = strings
        self._rows: list[str] = []
        self._row_cells: list[str] = []
        self._row: int | None = None
        self._heights: dict[int, float] = {}
        self.widths: dict[int, float] = {}
        self.merges: list[str] = []
        #: Column -> the format of its cells that are not written (an open column stays open below the table).
        self.column_styles: dict[int, int] = {}
        self.hidden_columns: set[int] = set()
        self.validations: list[ListValidation] = []
        self.protection: Protection | None = None
        self.blank_borders: str | None = None
        self.freeze: tuple[int, int] | None = None  # (rows, columns) frozen
        self.setup: PageSetup | None = None
        self.last_row = 0
        self.last_col = 0
        self._names = [column_name(col) for col in range(64)]  # the names most sheets use, made once

    def _name(self, col: int) -> str:
        names = self._names
        while col >= len(names):
            names.append(column_name(len(names)))
        return names[col]

    def _flush(self) -> None:
        if self._row is not None and self._row_cells:
            row = self._row + 1
            height = self._heights.get(self._row)
            extra = f' ht="{height:g}" customHeight="1"' if height else ""
            self._rows.append(f'<row r="{row}"{extra}>{"".join(self._row_cells)}</row>')
        self._row_cells = []

    def _at(self, row: int, col: int) -> str:
        if row != self._row:
            if self._row is not None and row < self._row:
                raise ValueError("rows must be written in order")
            self._flush()
            self._row = row
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, col)
        return f"{self._name(col)}{row + 1}"

    def string(self, row: int, col: int, text: str, style: int) -> None:
        ref = self._at(row, col)
        self._row_cells.append(f'<c r="{ref}" s="{style}" t="s"><v>{self._strings(text)}</v></c>')

    def strings(self, row: int, cells: Iterable[tuple[int, str, int]]) -> None:
        """Several cells of one row, in column order: (column, text, style)."""
        self._at(row, 0)
        names, out = self._names, self._row_cells  # the row's list, once `_at` began it
        index = self._strings.index  # the look-up of `SharedStrings.__call__`, without a call per cell
        number = row + 1
        last = used = 0
        for col, text, style in cells:
            name = names[col] if col < len(names) else self._name(col)
            found = index.get(text)
            if found is None:
                found = index[text] = len(index)
            out.append(f'<c r="{name}{number}" s="{style}" t="s"><v>{found}</v></c>')
            last = col
            used += 1
        self._strings.count += used
        self.last_col = max(self.last_col, last)

    def prepared(self, text: str, style: int) -> str:
        """A shared-string cell of `text` in `style`, all but its reference: what `prepared_row` takes. A
        table writing one cell on many rows (a section, a timing, a role) works this out once."""
        index = self._strings.index
        found = index.get(text)
        if found is None:
            found = index[text] = len(index)
        return f'" s="{style}" t="s"><v>{found}</v></c>'

    def prepared_row(self, row: int, cells: Sequence[tuple[int, str]]) -> None:
        """The cells of one row, in column order: (column, `prepared` cell). Each counts as a shared
        string where it is written, as a cell of `strings` does."""
        if row != self._row:
            if self._row is not None and row < self._row:
                raise ValueError("rows must be written in order")
            self._flush()
            self._row = row
        if row > self.last_row:
            self.last_row = row
        if not cells:
            return
        names, out = self._names, self._row_cells
        number = str(row + 1)
        for col, rest in cells:
            out.append(f'<c r="{names[col] if col < len(names) else self._name(col)}{number}{rest}')
        self._strings.count += len(cells)
        if cells[-1][0] > self.last_col:
            self.last_col = cells[-1][0]

    def number(self, row: int, col: int, value: int, style: int) -> None:
        ref = self._at(row, col)
        self._row_cells.append(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')

    def blank(self, row: int, col: int, style: int) -> None:
        ref = self._at(row, col)
        self._row_cells.append(f'<c r="{ref}" s="{style}"/>')

    def height(self, row: int, points: float) -> None:
        self._heights[row] = points

    def merge(self, row: int, first: int, last: int) -> None:
        self.merges.append(f"{cell_name(row, first)}:{cell_name(row, last)}")

    def _col_xml(self, col: int) -> str:
        width = self.widths.get(col)
        style = self.column_styles.get(col)
        return (f'<col min="{col + 1}" max="{col + 1}"' + (f' width="{width:g}"' if width is not None else "")
                + (f' style="{style}"' if style is not None else "") + (' hidden="1"' if col in self.hidden_columns else "")
                + (' customWidth="1"' if width is not None else "") + "/>")

    def xml(self) -> str:
        self._flush()
        setup = self.setup
        fit = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if setup and setup.fit_width else ""
        dimension = f'<dimension ref="A1:{cell_name(self.last_row, self.last_col)}"/>'
        view = '<sheetViews><sheetView workbookViewId="0">'
        if self.freeze:
            frozen_rows, frozen_cols = self.freeze
            pane = "bottomRight" if frozen_rows and frozen_cols else ("bottomLeft" if frozen_rows else "topRight")
            split = (f' xSplit="{frozen_cols}"' if frozen_cols else "") + (f' ySplit="{frozen_rows}"' if frozen_rows else "")
            view += (f'<pane{split} topLeftCell="{cell_name(frozen_rows, frozen_cols)}" activePane="{pane}" state="frozen"/>'
                     f'<selection pane="{pane}"/>')
        view += "</sheetView></sheetViews>"
        cols = "".join(self._col_xml(col) for col in sorted({*self.widths, *self.column_styles, *self.hidden_columns}))
        out = [f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{fit}{dimension}{view}'
               '<sheetFormatPr defaultRowHeight="15"/>', f"<cols>{cols}</cols>" if cols else "",
               "<sheetData>", *self._rows, "</sheetData>"]
        if self.protection:
            out.append(self.protection.xml())
        if self.merges:
            out.append(f'<mergeCells count="{len(self.merges)}">'
                       + "".join(f'<mergeCell ref="{ref}"/>' for ref in self.merges) + "</mergeCells>")
        if self.blank_borders:
            first = self.blank_borders.split(":")[0]
            out.append(f'<conditionalFormatting sqref="{self.blank_borders}"><cfRule type="containsBlanks" dxfId="0" '
                       f'priority="1"><formula>LEN(TRIM({first}))=0</formula></cfRule></conditionalFormatting>')
        if self.validations:
            out.append(f'<dataValidations count="{len(self.validations)}">'
                       + "".join(validation.xml() for validation in self.validations) + "</dataValidations>")
        if setup:
            out.append(_print_xml(setup))
        out.append("</worksheet>")
        return "".join(out)


def _print_xml(setup: PageSetup) -> str:
    inches = {side: value / 25.4 for side, value in setup.margins_mm.items()}
    fit = ' fitToWidth="1" fitToHeight="0"' if setup.fit_width else ""
    footers = (f'<headerFooter differentOddEven="1"><oddFooter>{escape(setup.odd_footer)}</oddFooter>'
               f'<evenFooter>{escape(setup.even_footer)}</evenFooter></headerFooter>') if setup.odd_footer else ""
    return (f'<printOptions horizontalCentered="1"/><pageMargins left="{inches["left"]:.3f}" right="{inches["right"]:.3f}" '
            f'top="{inches["top"]:.3f}" bottom="{inches["bottom"]:.3f}" header="0.5" footer="{inches["footer"]:.3f}"/>'
            f'<pageSetup paperSize="9" orientation="{"landscape" if setup.landscape else "portrait"}"{fit}/>{footers}')


def package(sheets: Sequence[Sheet], styles: Styles, strings: SharedStrings, title: str, created: str,
            subject: str = "") -> list[tuple[str, str]]:
    """Every member of the XLSX, in order. `subject` is the document property of that name (if any)."""
    names = "".join(f'<sheet name={quoteattr(sheet.name)} sheetId="{number}" r:id="rIdSheet{number}"/>'
                    for number, sheet in enumerate(sheets, start=1))
    defined = []
    for index, sheet in enumerate(sheets):
        setup = sheet.setup
        if setup and (setup.title_rows or setup.title_columns):
            refs = [f"{quote_sheet(sheet.name)}!{part}" for part in (setup.title_columns, setup.title_rows) if part]
            defined.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
                           f'{escape(",".join(refs))}</definedName>')
    defined_xml = f'<definedNames>{"".join(defined)}</definedNames>' if defined else ""
    workbook = (f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/></bookViews>'
                f'<sheets>{names}</sheets>{defined_xml}</workbook>')
    rels = "".join(f'<Relationship Id="rIdSheet{number}" Type="{REL}/worksheet" Target="worksheets/sheet{number}.xml"/>'
                   for number in range(1, len(sheets) + 1))
    rels += (f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rIdStrings" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    sheet_types = "".join(f'<Override PartName="/xl/worksheets/sheet{number}.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                          for number in range(1, len(sheets) + 1))
    types = (f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             f'{sheet_types}<Override PartName="/xl/styles.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             '<Override PartName="/xl/sharedStrings.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
             '<Override PartName="/docProps/app.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
    package_rels = (f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                    'metadata/core-properties" Target="docProps/core.xml"/>'
                    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
                    '</Relationships>')
    core = (f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title>' + (f'<dc:subject>{escape(subject)}</dc:subject>' if subject else "")
            + '<dc:creator>qlmatrix</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified></cp:coreProperties>')
    app = (f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>qlmatrix</Application></Properties>')
    members = [("[Content_Types].xml", types), ("_rels/.rels", package_rels), ("xl/workbook.xml", workbook),
               ("xl/_rels/workbook.xml.rels",
                f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'{rels}</Relationships>')]
    members += [(f"xl/worksheets/sheet{number}.xml", sheet.xml()) for number, sheet in enumerate(sheets, start=1)]
    members += [("xl/styles.xml", styles.xml()), ("xl/sharedStrings.xml", strings.xml()),
                ("docProps/core.xml", core), ("docProps/app.xml", app)]
    return members

"""A small WordprocessingML (DOCX) writer: runs, paragraphs and the package's fixed parts.

Why our own writer and not python-docx: what a 公文 table needs — a header
row repeated on every page (`w:tblHeader`), rows that do not split, a grid
(`w:tblGrid`) that agrees with each cell's width, East Asian fonts
(`w:eastAsia`), shading, odd and even page-number footers — has no public
python-docx API, and reaching it means its private `_tc`/`_tr` elements.
A few hundred lines of markup, written as text, follow the published
standard (ECMA-376) instead of a library's internals, and take a fraction
of the time (python-docx builds an lxml tree cell by cell). The file is
a ZIP of fixed members written byte-stable by `archive.zip_parts`.

Every text given here must already be what a document may hold
(`safe.document`); this module escapes XML's own `& < > "`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from . import gongwen

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Twentieths of a point per millimetre.
TWIPS_PER_MM = 1440 / 25.4


#: Chinese (PRC) for East Asian text: a reader without the named font then substitutes a Simplified
#: Chinese face (LibreOffice picked Noto Sans CJK JP, Japanese glyph shapes, without it).
LANGUAGE = '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


def half_points(size_pt: float) -> int:
    return round(size_pt * 2)


def run_properties(east_asian: str, size_pt: float, bold: bool = False, latin: str = gongwen.LATIN_FONT) -> str:
    size = half_points(size_pt)
    return (f'<w:rPr><w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)} '
            f'w:eastAsia={quoteattr(east_asian)} w:cs={quoteattr(latin)}/>'
            f'{"<w:b/><w:bCs/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{LANGUAGE}</w:rPr>')


#: Bold, in the document's default font: what a body run that is bold needs.
BOLD = "<w:rPr><w:b/><w:bCs/></w:rPr>"


def run(text: str, properties: str = "") -> str:
    """One run of `text` (`properties`: a `w:rPr`, none for the document's default font); a newline
    is a line break, a tab a tab."""
    body = []
    for index, line in enumerate(text.split("\n")):
        if index:
            body.append("<w:br/>")
        for number, piece in enumerate(line.split("\t")):
            if number:
                body.append("<w:tab/>")
            if piece:
                body.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{properties}{''.join(body)}</w:r>"


def paragraph(runs: str, align: str | None = None, spacing_after: int = 0, keep_next: bool = False,
              spacing_before: int = 0) -> str:
    """A paragraph of `runs`; `align` is `center`, `right`, `left` or `both`; spacing in twips."""
    props = "<w:keepNext/>" if keep_next else ""
    if spacing_before or spacing_after:  # else the document's default: none
        props += f'<w:spacing w:before="{spacing_before}" w:after="{spacing_after}"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>" if props else f"<w:p>{runs}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def document(body: str, section: str) -> str:
    return f'{XML_HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{section}</w:body></w:document>'


def section(landscape: bool) -> str:
    """A4 and the 公文 margins, with the odd and even page-number footers."""
    width, height = mm(gongwen.PAGE_WIDTH_MM), mm(gongwen.PAGE_HEIGHT_MM)
    margins = gongwen.LANDSCAPE_MARGINS_MM if landscape else gongwen.PORTRAIT_MARGINS_MM
    size = (f'<w:pgSz w:w="{height}" w:h="{width}" w:orient="landscape"/>' if landscape
            else f'<w:pgSz w:w="{width}" w:h="{height}"/>')
    # The page number's dashes sit 7 mm below the 版心: the footer ends about a line of 4号 lower.
    footer = mm(margins["bottom"] - 7 - 5)
    return ('<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            f'{size}<w:pgMar w:top="{mm(margins["top"])}" w:right="{mm(margins["right"])}" '
            f'w:bottom="{mm(margins["bottom"])}" w:left="{mm(margins["left"])}" w:header="851" '
            f'w:footer="{footer}" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>')


def text_width(landscape: bool) -> int:
    """The 版心's width in twips."""
    return mm(gongwen.TEXT_HEIGHT_MM if landscape else gongwen.TEXT_WIDTH_MM)


def _footer(align: str) -> str:
    """`— 1 —` in 4号半角宋体, one character in from the outside edge (odd pages right, even left)."""
    props = run_properties(gongwen.PAGE_NUMBER_FONT, gongwen.SIZE_4, latin=gongwen.PAGE_NUMBER_FONT)
    before, after = gongwen.PAGE_NUMBER.split("{}")
    indent = f'<w:ind w:{"right" if align == "right" else "left"}="{round(gongwen.SIZE_4 * 20)}"/>'
    field = (f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r>{props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
             f'<w:r>{props}<w:t>1</w:t></w:r><w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>')
    return (f'{XML_HEAD}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
            f'{indent}<w:jc w:val="{align}"/></w:pPr>{run(before, props)}{field}{run(after, props)}</w:p></w:ftr>')


def _styles(body_pt: float) -> str:
    return (f'{XML_HEAD}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault>'
            f'{run_properties(gongwen.BODY_FONT, body_pt)}</w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:qFormat/></w:style></w:styles>')


def _font_table() -> str:
    """Each font named, with Windows' other name for it (`w:altName`) and the GB2312 character set,
    which Word and LibreOffice use to substitute a face of the same kind when the font is missing."""
    fonts = []
    for name, fallbacks in gongwen.FALLBACKS.items():
        fonts.append(f'<w:font w:name={quoteattr(name)}><w:altName w:val={quoteattr(fallbacks[0])}/>'
                     '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')
    fonts.append(f'<w:font w:name={quoteattr(gongwen.LATIN_FONT)}><w:charset w:val="00"/>'
                 '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
    return f'{XML_HEAD}<w:fonts xmlns:w="{W}">{"".join(fonts)}</w:fonts>'


_CONTENT_TYPES = (
    f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = (
    f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>'
)
_DOCUMENT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdFooterOdd" Type="{_REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterEven" Type="{_REL}/footer" Target="footer2.xml"/>'
    '</Relationships>'
)
#: Odd and even pages get their own footer (the page number on the outside corner).
#: (In the order of the standard's schema, which Word expects.)
_SETTINGS = (f'{XML_HEAD}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
             '<w:characterSpacingControl w:val="compressPunctuation"/>'
             '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
             'w:val="15"/></w:compat></w:settings>')
#: A fixed date, so the same plan gives the same file.
CREATED = "2021-01-01T00:00:00Z"


def _core(title: str) -> str:
    return (f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>qlmatrix</dc:creator>'
            '<cp:lastModifiedBy>qlmatrix</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{CREATED}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{CREATED}</dcterms:modified></cp:coreProperties>')


_APP = (f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>qlmatrix</Application></Properties>')


def package(document_xml: str, title: str, body_pt: float) -> list[tuple[str, str]]:
    """Every member of the DOCX, in order."""
    return [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _PACKAGE_RELS),
        ("word/document.xml", document_xml),
        ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
        ("word/styles.xml", _styles(body_pt)),
        ("word/settings.xml", _SETTINGS),
        ("word/fontTable.xml", _font_table()),
        ("word/footer1.xml", _footer("right")),
        ("word/footer2.xml", _footer("left")),
        ("docProps/core.xml", _core(title)),
        ("docProps/app.xml", _APP),
    ]

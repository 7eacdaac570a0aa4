"""The rules of GB/T 9704-2012 (党政机关公文格式) an attachment table follows: page, fonts, page numbers.

Shared by the DOCX and XLSX emitters; docs/rendering.md ("DOCX and XLSX")
says which rule of the standard each value comes from.
"""

from __future__ import annotations

#: A4 (幅面尺寸), in mm.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
#: 版心 156 mm × 225 mm, 天头 (top) 37 mm, 订口 (left, the binding side) 28 mm (页边与版心尺寸).
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
TOP_MM, LEFT_MM = 37, 28
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TEXT_WIDTH_MM  # 26
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TEXT_HEIGHT_MM  # 35
#: A landscape table page is the portrait page turned a quarter: the 版心 is 225 mm × 156 mm, the
#: 订口 (28 mm) on the side of the table's head, as the standard binds a landscape table (单页码表头在订口一边).
LANDSCAPE_MARGINS_MM = {"top": LEFT_MM, "bottom": RIGHT_MM, "left": BOTTOM_MM, "right": TOP_MM}
PORTRAIT_MARGINS_MM = {"top": TOP_MM, "bottom": BOTTOM_MM, "left": LEFT_MM, "right": RIGHT_MM}

#: Font sizes by their Chinese names (号), in points.
SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4, SIZE_5 = 22.0, 16.0, 14.0, 12.0, 10.5

#: Title: 2号小标宋体 (标题); planners' machines have 方正小标宋简体 with the 公文 font pack, others fall back to 宋体.
TITLE_FONT = "方正小标宋简体"
#: Table header and section rows: 黑体, as the standard sets the first level of headings (结构层次序数).
HEADING_FONT = "黑体"
#: Body: 3号仿宋体 in the standard (字体和字号); in a table, the same face a size or two smaller.
#: 仿宋_GB2312 is what the 公文 font pack installs; stock Windows has 仿宋 (FangSong).
BODY_FONT = "仿宋_GB2312"
#: An attachment's label (`附件`, `附件1`): 3号黑体, flush left on the first line of the 版心, the title
#: centred on the next (the rule for 附件 in GB/T 9704-2012).
ATTACHMENT_WORD = "附件"
ATTACHMENT_FONT, ATTACHMENT_SIZE = HEADING_FONT, SIZE_3
#: Page numbers: 4号半角宋体阿拉伯数字 (页码).
PAGE_NUMBER_FONT = "宋体"
#: Latin letters and digits in body text.
LATIN_FONT = "Times New Roman"

#: Each font a document names, with the faces to use when it is missing, in order: Windows' own
#: name of the face first, then a face of the same kind free systems have (Noto CJK SC renders
#: here and on every Linux that packages fonts-noto-cjk).
FALLBACKS: dict[str, tuple[str, ...]] = {
    TITLE_FONT: ("宋体", "SimSun", "Noto Serif CJK SC"),
    HEADING_FONT: ("SimHei", "Noto Sans CJK SC"),
    BODY_FONT: ("仿宋", "FangSong", "Noto Serif CJK SC"),
    PAGE_NUMBER_FONT: ("SimSun", "Noto Serif CJK SC"),
}

def attachment_label(number: int | None = None) -> str:
    """`附件`, or `附件1` for the first of several attachments (the standard numbers them in Arabic digits)."""
    if number is not None and number < 1:
        raise ValueError("an attachment's number is 1 or more")
    return ATTACHMENT_WORD + (str(number) if number else "")


#: A page number with a 一字线 (—) on each side; 单页码居右空一字，双页码居左空一字 (页码).
PAGE_NUMBER = "— {} —"

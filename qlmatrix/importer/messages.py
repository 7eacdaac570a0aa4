"""The importer's diagnostics (I0xx), in English and Chinese; registered once on import."""

from __future__ import annotations

from ..diagnostics.messages import register
from . import limits

_MIB = limits.MAX_DOCUMENT_BYTES // (1024 * 1024)
_DOCX_MIB = limits.MAX_DOCX_EXPANDED // (1024 * 1024)
_XML_MIB = limits.MAX_DOCX_XML // (1024 * 1024)

MESSAGES = {
    "I001": ("undecodable-document", "cannot decode `{path}` (byte {offset}): {reason}",
             "无法解码`{path}`（第{offset}字节）：{reason}"),
    "I002": ("unreadable-document", "cannot read `{path}`: {reason}", "无法读取`{path}`：{reason}"),
    "I003": ("unknown-encoding", "unknown encoding `{encoding}`", "未知的编码`{encoding}`"),
    "I004": ("document-over-limit", "refusing to import `{path}`: {reason}", "拒绝导入`{path}`：{reason}"),
    "I010": ("assignment-not-understood", "this looks like an assignment but was not understood: {reason}",
             "此处似为分工表述，但未能识别：{reason}"),
    "I012": ("document-not-followed",
             "the plan may not follow this document: its text names roles {role_words} times and holds {passages} "
             "passages that look like assignments, {explained} of them attached to a task; {assigned} tasks and sections have roles, {implausible} of whose leads do not read as "
             "units; {out_of_order} of {numbered} items are out of order, {numbers_in_titles} of {items} titles hold an item's "
             "number",
             "导入的计划可能与原文不符：原文{role_words}次提及分工用语，{passages}处分工表述中{explained}处对应到了任务；{assigned}项任务或章节有分工，"
             "其中{implausible}项的牵头单位不像单位名称；{numbered}个编号中{out_of_order}个不接续，{items}项标题中"
             "{numbers_in_titles}项含有条目编号"),
    "I011": ("unwritable-unit-name", "unit name `{name}` cannot be written in .qlm and was left out",
             "单位名称`{name}`无法写入.qlm，已略去"),
}

HELPS = {
    "import-check-reading": (
        "the document may be laid out in a form the import does not read (a table laid out otherwise, lost line "
        "breaks): compare the plan with the original, first at the lines the plan's header quotes",
        "原文的版式可能是导入所不能识别的（表格的布局不同、换行丢失等）：请对照原文核对计划，可先查看计划开头注释所列各行",
    ),
    "import-encoding": (
        "give the encoding with `--encoding`, e.g. `--encoding {suggestion}`",
        "请用`--encoding`指定编码，如`--encoding {suggestion}`",
    ),
    "import-check-annotation": (
        "check the original and write the roles by hand, e.g. `牵头: A` and `配合: B、C`",
        "请对照原文手工填写，如`牵头: A`、`配合: B、C`",
    ),
    "import-limits": (
        "the limits keep a broken or hostile document from running for minutes (docs/importing.md, "
        "\u201cLimits\u201d); split the document, or save it again as .docx or .txt",
        "这些上限用于防止损坏或恶意的文档长时间运行（见docs/importing.md“Limits”一节）；"
        "请拆分文档，或重新另存为.docx或.txt",
    ),
    "import-save-as": ("open it in Word or WPS and save it as .docx (or as plain text, .txt), then import that",
                       "请用Word或WPS打开，另存为.docx（或纯文本.txt）后再导入"),
    "install-docx": ("install python-docx: pip install 'qlmatrix[docx]'", "请安装python-docx：pip install 'qlmatrix[docx]'"),
}

DOCS = {
    "I001": ("The importer does not guess an encoding. A byte-order mark decides; without one the document "
             "must be UTF-8, or GB18030 that reads as Chinese text (GB18030 decodes almost any bytes, so Big5, "
             "Shift-JIS or EUC-KR would otherwise come out as garbage). The byte is the first that is not "
             "UTF-8 (or not valid in the encoding named); NUL bytes mean UTF-16 or UTF-32 without a mark. "
             "The help suggests the encoding the bytes read best in.\n\n"
             "Fix: give the encoding with `--encoding`, e.g. `--encoding big5`.",
             "导入时不猜测编码：有字节顺序标记（BOM）时按标记解码；没有时文档须为UTF-8，或按GB18030解码后是中文文本的"
             "GB18030（GB18030几乎能解码任何字节，Big5、Shift-JIS或EUC-KR文本会变成乱码）。所指字节为第一个不符合UTF-8"
             "（或所指定编码）的字节；有NUL字节说明是不带标记的UTF-16或UTF-32。帮助信息会建议最可能的编码。\n\n"
             "修改：用`--encoding`指定编码，如`--encoding big5`。"),
    "I002": ("The document cannot be read (the reason is the operating system's, or python-docx's for a "
             ".docx), or it is in a format the import does not read: a PDF, an old .doc, .xls or .wps, a zip "
             "archive other than a .docx, or an HTML page (Word's \u201cweb page\u201d, often named .doc).\n\n"
             "Fix: check the path; for .docx install `qlmatrix[docx]`; save another format as .docx or .txt.",
             "无法读取文档（原因由操作系统或python-docx给出），或文档格式不受支持：PDF、旧版.doc、.xls或.wps、.docx以外的"
             "zip压缩包，或HTML网页（Word“另存为网页”的文件常以.doc为扩展名）。\n\n"
             "修改：检查路径；读取.docx需安装`qlmatrix[docx]`；其他格式请另存为.docx或.txt。"),
    "I003": ("`--encoding` names an encoding Python does not know.\n\nFix: use a name such as utf-8, gb18030, "
             "big5 or utf-16.", "`--encoding`给出的编码名称无法识别。\n\n修改：使用utf-8、gb18030、big5、utf-16等名称。"),
    "I004": (f"The document is beyond one of the import's limits: more than {_MIB} MiB (bytes of a file, "
             f"characters of text), more than {limits.MAX_LINES:,} lines or paragraphs, or a .docx whose zip "
             f"archive has more than {limits.MAX_DOCX_MEMBERS:,} members, expands to more than {_DOCX_MIB} MiB "
             f"(an XML part to more than {_XML_MIB} MiB), or has a member that expands more than "
             f"{limits.MAX_DOCX_RATIO} times (a zip bomb). Real plan documents are far below them; the zip archive "
             "is inspected before python-docx opens it.\n\n"
             "Fix: split the document; a .docx that is not a bomb can be saved again by Word, or as .txt.",
             f"文档超出导入上限：超过{_MIB} MiB（文件按字节、文本按字符计），超过{limits.MAX_LINES:,}行或段落，"
             f"或.docx压缩包成员超过{limits.MAX_DOCX_MEMBERS:,}个、解压后超过{_DOCX_MIB} MiB（单个XML部分超过"
             f"{_XML_MIB} MiB）、某一成员膨胀超过{limits.MAX_DOCX_RATIO}倍（即“压缩炸弹”）。实际的方案文档远低于这些"
             "上限；压缩包在python-docx打开之前即受检查。\n\n修改：拆分文档；不是压缩炸弹的.docx可用Word重新保存，或另存为.txt。"),
    "I010": ("A passage reads like an assignment (a bracketed note, 牵头/负责 in running text) but the "
             "importer could not tell who does what. It is listed, never dropped, and kept in the plan's "
             "header comment.\n\nFix: read the original and write the roles by hand (`牵头: A`, `配合: B、C`).",
             "某段文字像是分工表述（括号注、正文中的牵头/负责），但未能识别谁承担什么。它会被列出（不会被丢弃），"
             "并保留在计划开头的注释中。\n\n修改：对照原文手工填写（`牵头: A`、`配合: B、C`）。"),
    "I012": ("After the plan is built, the import measures it against the document's text, however the text was "
             "read: the passages that look like assignments (bracketed notes with 牵头, 负责, 配合 or 责任单位, label "
             "lines such as `牵头单位：`, table cells of unit names), how many of them a task or section starting at or "
             "before them holds a unit of; the tasks whose lead does not read as a unit (a sentence, a verb phrase); "
             "the items whose number does not follow the one before; the titles that open with an item's number or "
             "hold two (an item not cut there). When fewer than three in four passages are explained, when the "
             "text names roles but no task has any, when more than one lead, item number or title in five is "
             "wrong, the reading is in doubt: the plan is still written, with this warning "
             "and the first passages not explained at the top of its header. `ImportResult.coverage` holds the "
             "figures.\n\nFix: compare the plan with the original; a table laid out otherwise or a copy that lost "
             "its line breaks is best saved again from the original (as .docx or .txt) and imported anew.",
             "计划生成后，导入会不论原文是如何识别的，将计划与原文文字对照：找出原文中像分工表述的文字（含牵头、负责、"
             "配合或责任单位的括注，`牵头单位：`等标注行，由单位名称组成的表格单元格），统计其中有多少处的单位为位于其处"
             "或其前的任务或章节所有；统计牵头单位不像单位名称（是句子或动词短语）的任务、编号不接续前一项的条目，以及以"
             "条目编号开头或含有两个编号的标题（条目未在该处分开）。对应到任务的分工表述不足四分之三，原文有分工用语而"
             "没有任何任务有分工，或牵头单位、编号、标题有五分之一以上有误"
             "时，识别结果存疑：计划仍会写出，开头注释中列出本警告及前几处未对应的文字。`ImportResult.coverage`给出"
             "各项数字。\n\n修改：对照原文核对计划；表格布局不同或换行丢失的文本，最好从原件重新另存为.docx或.txt后"
             "再导入。"),
    "I011": ("A unit name holds characters the .qlm language cannot spell (`;`, `:`, braces), so it was "
             "left out of the plan.\n\nFix: declare the unit by hand under a name without them, with the "
             "original as `全称:`.",
             "单位名称含有.qlm无法表示的字符（`;`、`:`、括号），已略去。\n\n修改：用不含这些字符的名称手工声明，"
             "原名写作`全称:`。"),
}

register(MESSAGES, HELPS, docs=DOCS)

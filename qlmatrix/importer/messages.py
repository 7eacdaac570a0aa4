"""The importer's diagnostics (I0xx), in English and Chinese; registered once on import."""

from __future__ import annotations

from ..diagnostics.messages import register

MESSAGES = {
    "I001": ("undecodable-document", "cannot decode `{path}` as UTF-8 or GB18030 (byte {offset})",
             "无法按UTF-8或GB18030解码`{path}`（第{offset}字节）"),
    "I002": ("unreadable-document", "cannot read `{path}`: {reason}", "无法读取`{path}`：{reason}"),
    "I003": ("unknown-encoding", "unknown encoding `{encoding}`", "未知的编码`{encoding}`"),
    "I010": ("assignment-not-understood", "this looks like an assignment but was not understood: {reason}",
             "此处似为分工表述，但未能识别：{reason}"),
    "I011": ("unwritable-unit-name", "unit name `{name}` cannot be written in .qlm and was left out",
             "单位名称`{name}`无法写入.qlm，已略去"),
}

HELPS = {
    "import-encoding": (
        "give the encoding with `--encoding`, e.g. `--encoding {suggestion}`",
        "请用`--encoding`指定编码，如`--encoding {suggestion}`",
    ),
    "import-check-annotation": (
        "check the original and write the roles by hand, e.g. `牵头: A` and `配合: B、C`",
        "请对照原文手工填写，如`牵头: A`、`配合: B、C`",
    ),
    "install-docx": ("install python-docx: pip install 'qlmatrix[docx]'", "请安装python-docx：pip install 'qlmatrix[docx]'"),
}

DOCS = {
    "I001": ("The document is neither UTF-8 nor GB18030 (the byte is the first that is not). The help "
             "suggests the encoding it most likely is.\n\nFix: give it with `--encoding`, e.g. `--encoding big5`.",
             "文档既不是UTF-8也不是GB18030编码（所指字节为第一个无法解码的字节），帮助信息会建议最可能的编码。\n\n"
             "修改：用`--encoding`指定，如`--encoding big5`。"),
    "I002": ("The document cannot be read (the reason is the operating system's, or python-docx's for a "
             ".docx).\n\nFix: check the path; for .docx install `qlmatrix[docx]`.",
             "无法读取文档（原因由操作系统或python-docx给出）。\n\n修改：检查路径；读取.docx需安装`qlmatrix[docx]`。"),
    "I003": ("`--encoding` names an encoding Python does not know.\n\nFix: use a name such as utf-8, gb18030, "
             "big5 or utf-16.", "`--encoding`给出的编码名称无法识别。\n\n修改：使用utf-8、gb18030、big5、utf-16等名称。"),
    "I010": ("A passage reads like an assignment (a bracketed note, 牵头/负责 in running text) but the "
             "importer could not tell who does what. It is listed, never dropped, and kept in the plan's "
             "header comment.\n\nFix: read the original and write the roles by hand (`牵头: A`, `配合: B、C`).",
             "某段文字像是分工表述（括号注、正文中的牵头/负责），但未能识别谁承担什么。它会被列出（不会被丢弃），"
             "并保留在计划开头的注释中。\n\n修改：对照原文手工填写（`牵头: A`、`配合: B、C`）。"),
    "I011": ("A unit name holds characters the .qlm language cannot spell (`;`, `:`, braces), so it was "
             "left out of the plan.\n\nFix: declare the unit by hand under a name without them, with the "
             "original as `全称:`.",
             "单位名称含有.qlm无法表示的字符（`;`、`:`、括号），已略去。\n\n修改：用不含这些字符的名称手工声明，"
             "原名写作`全称:`。"),
}

register(MESSAGES, HELPS, docs=DOCS)

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

register(MESSAGES, HELPS)

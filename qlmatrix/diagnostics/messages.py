"""Every message in Chinese and English, keyed by diagnostic code.

Style (as ruff and rustc): lowercase start, no final period, names of things
in backticks. Codes and positions are never translated.
"""

from __future__ import annotations

#: code -> (kebab-case name, English, Chinese)
MESSAGES = {
    "E001": ("syntax-error", "unexpected {found}, expected {expected}", "此处不应出现{found}，应为{expected}"),
    "E002": ("unexpected-end", "the file ends inside a block, expected {expected}", "文件在块内结束，应为{expected}"),
    "E003": ("unknown-property", "unknown property `{key}` on a {statement}", "{statement}没有属性`{key}`"),
    "E004": ("duplicate-property", "property `{key}` is given twice", "属性`{key}`重复"),
    "E005": ("bad-annotation", "cannot read the annotation: {reason}", "无法识别责任单位标注：{reason}"),
    "E006": ("unknown-value", "unknown {what} `{value}`", "未知的{what}`{value}`"),
    "E007": ("include-not-found", "cannot read included file `{path}`: {reason}", "无法读取引入的文件`{path}`：{reason}"),
    "E008": ("include-cycle", "`{path}` includes itself through {chain}", "`{path}`经由{chain}引入了自身"),
    "E009": ("invalid-encoding", "the file is not valid UTF-8 (byte {offset})", "文件不是有效的UTF-8编码（第{offset}字节）"),
    "E010": ("empty-value", "property `{key}` has no value", "属性`{key}`没有值"),
    "E011": ("unreadable-file", "cannot read `{path}`: {reason}", "无法读取`{path}`：{reason}"),
    "E012": ("duplicate-plan-header", "the plan header is given twice", "计划头重复出现"),
    "E013": ("statement-in-block", "a {statement} cannot hold a {what}", "{statement}内不能包含{what}"),
    "E101": ("undeclared-unit", "unit `{name}` is not declared", "单位`{name}`未声明"),
    "E102": ("duplicate-unit", "`{name}` is declared twice", "`{name}`重复声明"),
    "E103": ("duplicate-task-id", "task id `{id}` is used twice", "任务编号`{id}`重复"),
    "W104": ("unrecognized-cadence", "cannot tell how often or by when from `{text}`", "无法从`{text}`识别频次或时限"),
}



def register(messages: dict | None = None, helps: dict | None = None, labels: dict | None = None) -> None:
    """Add the messages of another module (a check, the importer); a code may never be registered twice."""
    for code in messages or {}:
        if code in MESSAGES:
            raise ValueError(f"message code {code} registered twice")
    for key in helps or {}:
        if key in HELPS:
            raise ValueError(f"help {key} registered twice")
    for key in labels or {}:
        if key in LABELS:
            raise ValueError(f"label {key} registered twice")
    MESSAGES.update(messages or {})
    HELPS.update(helps or {})
    LABELS.update(labels or {})


#: key -> (English, Chinese)
HELPS = {
    "did-you-mean": ("did you mean `{suggestion}`?", "是否应为`{suggestion}`？"),
    "declare-unit": (
        "declare it, e.g. `单位 {name}`, or `集合 {name}` for a class of units",
        "请声明该单位，如`单位 {name}`；若指一类单位，用`集合 {name}`",
    ),
    "allowed-properties": ("a {statement} takes: {allowed}", "{statement}可用的属性：{allowed}"),
    "close-block": ("add `}}` to close the block opened at line {line}", "请在适当位置补上`}}`，以闭合第{line}行开始的块"),
    "statement-start": (
        "a line starts with a keyword (单位, 任务, 章, 汇报, ...) or a number such as (一)",
        "每行应以关键字（单位、任务、章、汇报等）或序号（如(一)）开头",
    ),
    "annotation-form": (
        "write it as `(责任单位:A、B)` or `(牵头单位:A;配合单位:B、C)`",
        "请写作`(责任单位:A、B)`或`(牵头单位:A;配合单位:B、C)`",
    ),
    "nest-in-section": (
        "only a 章 or 载体 holds tasks and reports; text with `;` goes in quotes: `正文: \"…;…\"`",
        "只有章或载体可以包含任务和汇报；含`;`的文本请加引号：`正文: \"…;…\"`",
    ),
    "close-annotation": (
        "the annotation is not closed: end it with `)`, e.g. `(责任单位:A、B)`",
        "责任单位标注缺少右括号：请以`)`结尾，如`(责任单位:A、B)`",
    ),
    "missing-colon": ("add `:` after `{key}`, e.g. `{key}: ...`", "请在`{key}`后加冒号，如`{key}: ...`"),
    "list-separator": ("separate names with `、`, e.g. `…、{name}`", "多个名称之间请用`、`分隔，如`…、{name}`"),
    "known-values": ("known values: {values}", "可用的值：{values}"),
    "remove-duplicate": ("keep one of them", "请只保留一处"),
    "rename-task": ("give one of them another number or an `编号:`", "请修改其中一个的序号，或用`编号:`另行指定"),
    "cadence-examples": (
        "write e.g. 每年, 每半年至少一次, 每季度, 年底前, 2022年6月底前, or 定期 if the document is vague",
        "可写作：每年、每半年至少一次、每季度、年底前、2022年6月底前；原文未明确时写“定期”",
    ),
    "encoding": (
        "save the file as UTF-8 (qlm import --encoding reads other encodings)",
        "请将文件另存为UTF-8编码（qlm import --encoding 可读取其他编码）",
    ),
}

#: label key -> (English, Chinese)
LABELS = {
    "first-declared": ("first declared here", "首次声明于此"),
    "first-given": ("first given here", "首次出现于此"),
    "block-opened": ("block opened here", "块从这里开始"),
}

#: Words used inside messages: key -> (English, Chinese)
WORDS = {
    "plan": ("plan", "计划"),
    "unit": ("unit", "单位"),
    "collective": ("collective", "集合"),
    "section": ("section", "章"),
    "carrier": ("carrier", "载体"),
    "task": ("task", "任务"),
    "report": ("report", "汇报"),
    "include": ("include", "引入"),
    "unit kind": ("unit kind", "单位类型"),
    "loop stage": ("closed-loop stage", "闭环环节"),
    " or ": (" or ", "或"),
    "end of file": ("the end of the file", "文件结尾"),
    "end of line": ("the end of the line", "行尾"),
}


class Message(str):
    """Text in English (what str() gives, for Python callers) that also carries its Chinese.

    For errors outside a plan (a missing `dot`, a bad settings file) that the
    CLI prints in the reader's language.
    """

    def __new__(cls, en: str, zh: str):
        text = super().__new__(cls, en)
        text.zh = zh
        return text

    def in_language(self, lang: str) -> str:
        return self.zh if lang == "zh" else str(self)


def both(en: str, zh: str) -> str:
    """A message argument in both languages; the emitter picks the reader's."""
    return f"\x00{en}\x00{zh}"


def _localise(value, lang: str) -> str:
    text = str(value)
    if text.startswith("\x00"):  # an argument that carries both languages: "\0English\0中文"
        _, en, zh = text.split("\x00", 2)
        return zh if lang == "zh" else en
    if text in WORDS:
        return WORDS[text][lang == "zh"]
    return text


def _fill(template: str, args, lang: str) -> str:
    return template.format(**{key: _localise(value, lang) for key, value in args.items()})


def render_message(diagnostic, lang: str) -> str:
    _, en, zh = MESSAGES[diagnostic.code]
    return _fill(zh if lang == "zh" else en, diagnostic.args, lang)


def render_help(diagnostic, lang: str) -> str | None:
    if diagnostic.help is None:
        return None
    en, zh = HELPS[diagnostic.help]
    return _fill(zh if lang == "zh" else en, diagnostic.help_args, lang)


def render_label(label, lang: str) -> str:
    en, zh = LABELS[label.message]
    return _fill(zh if lang == "zh" else en, label.args, lang)


def code_name(code: str) -> str:
    return MESSAGES[code][0]

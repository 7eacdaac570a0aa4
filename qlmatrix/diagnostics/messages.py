"""Every message in Chinese and English, keyed by diagnostic code.

Style (as ruff and rustc): lowercase start, no final period, names of things
in backticks. Codes and positions are never translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeAlias

from ..text import Text
from .reading_docs import DOCS as _READING_DOCS

if TYPE_CHECKING:
    from . import Diagnostic, Label

#: Words as a module gives them: a Text, or an (English, Chinese) pair.
Words: TypeAlias = Text | tuple[str, str]
#: A registered message: (kebab-case name, Words), or (kebab-case name, English, Chinese).
MessageEntry: TypeAlias = tuple[str, Words] | tuple[str, str, str]

#: code -> (kebab-case name, English, Chinese); turned into (name, Text) below
_READER_MESSAGES = {
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
    "E016": ("nesting-too-deep", "blocks nest more than {limit} deep here", "此处块的嵌套超过{limit}层"),
    "E017": ("include-outside-plan", "`{path}` is outside the plan's folder `{root}`, so it is not read",
             "`{path}`不在计划所在文件夹`{root}`内，未读取"),
    "E018": ("includes-too-deep", "includes nest more than {limit} deep here", "此处引入的嵌套超过{limit}层"),
    "E019": ("plan-too-large", "the plan and its includes exceed {limit}; `{path}` is not read",
             "计划及其引入的文件超过{limit}；未读取`{path}`"),
    "E015": ("annotation-without-colon", "the annotation `{label}` has no colon, so it would be read as title text",
             "标注`{label}`后缺少冒号，会被当作标题文字"),
    "E014": ("comma-between-properties", "a comma separates `{key}` from the property before it",
             "`{key}`与前一个属性之间用了逗号"),
    "E020": ("bad-date", "`{value}` is not a date", "`{value}`不是日期"),
    "E021": ("carriage-return-line-ends", "lines end in a carriage return alone (CR), which qlm does not read as a "
             "line end", "文件以单独的回车符（CR）换行，qlm不将其视为换行"),
}



#: key -> (English, Chinese)
_HELPS = {
    "did-you-mean": ("did you mean `{suggestion}`?", "是否应为`{suggestion}`？"),
    "date-form": ("write a calendar date such as `2022-10-18` or `2022年10月18日`",
                  "请写出一个实际存在的日期，如`2022-10-18`或`2022年10月18日`"),
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
    "list-in-one-entry": ("keep one `{key}:` and list every unit in it, e.g. `{key}: 甲、乙`",
                          "请只保留一处`{key}:`，把各单位列在其中，如`{key}: 甲、乙`"),
    "property-separator": ("separate properties with `；` (or `;`) or a new line; read here as you meant it",
                           "属性之间请用`；`（或`;`）或换行分隔；此处已按原意读取"),
    "encoding": (
        "save the file as UTF-8 (qlm import --encoding reads other encodings)",
        "请将文件另存为UTF-8编码（qlm import --encoding 可读取其他编码）",
    ),
    "line-ends": ("save the file again with LF or CRLF line ends", "请将文件重新保存为LF或CRLF换行"),
    # The reader's refusals (includes and limits): what to change, as every other diagnostic says.
    "include-path": ("check the path: it is relative to this file's folder, e.g. `引入 \"清廉机关.qlm\"`",
                     "请检查路径：路径相对于本文件所在文件夹，如`引入 \"清廉机关.qlm\"`"),
    "include-cycle": ("remove the `引入` that leads back to a file already being read",
                      "请删除指回正在读取的文件的`引入`"),
    "include-inside": ("move the file into the plan's folder (`qlm check --include-root DIR` widens it)",
                       "请把文件移入计划所在文件夹（`qlm check --include-root 目录`可扩大范围）"),
    "include-shallower": ("include the files from the top plan instead of through a chain of includes",
                          "请由顶层计划直接引入这些文件，不要层层嵌套引入"),
    "plan-smaller": ("split the plan into plans checked one by one", "请将计划拆分为几个计划，分别检查"),
    "close-blocks": ("a `}}` is probably missing: each `{{` needs its own `}}` (plans nest three or four deep)",
                     "可能缺少`}}`：每个`{{`都需要与之配对的`}}`（计划通常只嵌套三四层）"),
}

#: label key -> (English, Chinese)
_LABELS = {
    "first-declared": ("first declared here", "首次声明于此"),
    "first-given": ("first given here", "首次出现于此"),
    "block-opened": ("block opened here", "块从这里开始"),
}

#: Words used inside messages: key -> (English, Chinese)
_WORDS = {
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


def register(messages: Mapping[str, MessageEntry] | None = None, helps: Mapping[str, Words] | None = None,
             labels: Mapping[str, Words] | None = None, docs: Mapping[str, Words] | None = None) -> None:
    """Add the messages of another module (a rule, the importer, fmt).

    `messages`: code -> (kebab-case name, Text or (English, Chinese));
    `helps`, `labels`: key -> Text or (English, Chinese); `docs`: code -> Text, what a code
    that is not a check rule means and how to fix it (`qlm rule CODE`). A code is never
    registered twice; a help or label key may be, with the same words (rules
    of one theme share helps).
    """
    for code in messages or {}:
        if code in MESSAGES:
            raise ValueError(f"message code {code} registered twice")
    for table, new in ((HELPS, helps), (LABELS, labels)):
        for key, value in (new or {}).items():
            if key in table and table[key] != Text.of(value):
                raise ValueError(f"help or label {key} registered twice with different words")
    for code, entry in (messages or {}).items():
        MESSAGES[code] = _message(entry)
    HELPS.update({key: Text.of(value) for key, value in (helps or {}).items()})
    DOCS.update({code: Text.of(value) for code, value in (docs or {}).items()})
    LABELS.update({key: Text.of(value) for key, value in (labels or {}).items()})


def _message(entry: MessageEntry) -> tuple[str, Text]:
    if len(entry) == 3:
        name, en, zh = entry
        return name, Text(en, zh)
    name, words = entry
    return name, Text.of(words)


def render_message(diagnostic: Diagnostic, lang: str) -> str:
    return MESSAGES[diagnostic.code][1].format(diagnostic.args, lang, WORDS)


def render_help(diagnostic: Diagnostic, lang: str) -> str | None:
    if diagnostic.help is None:
        return None
    return HELPS[diagnostic.help].format(diagnostic.help_args, lang, WORDS)


def render_label(label: Label, lang: str) -> str:
    return LABELS[label.message].format(label.args, lang, WORDS)


def message_text(code: str) -> Text:
    """The message template of a code, in both languages."""
    return MESSAGES[code][1]


def code_name(code: str) -> str:
    return MESSAGES[code][0]


#: code -> (kebab-case name, Text); rules add theirs when they are defined (checks.registry.rule).
MESSAGES: dict[str, tuple[str, Text]] = {code: (name, Text(en, zh)) for code, (name, en, zh) in _READER_MESSAGES.items()}
HELPS: dict[str, Text] = {key: Text(*pair) for key, pair in _HELPS.items()}
LABELS: dict[str, Text] = {key: Text(*pair) for key, pair in _LABELS.items()}
WORDS: dict[str, Text] = {key: Text(*pair) for key, pair in _WORDS.items()}

#: code -> what it means and how to fix it, for codes that are not check rules (E0xx, I0xx, F0xx).
DOCS: dict[str, Text] = dict(_READING_DOCS)

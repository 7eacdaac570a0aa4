"""The CLI in the reader's language: its help texts, and argparse's headings and errors.

Help texts are written in English in the command modules and translated
from HELP_ZH when the parser is built; argparse's own words (`usage:`,
`options:`, `unrecognized arguments`) are rewritten in the public methods
an ArgumentParser subclass may override. A text missing from the tables
stays English, and a test fails on it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from typing import Any, NoReturn, Protocol

#: argparse's own headings and errors, which it writes in English, as a Chinese reader reads them.
#: Only its public hooks are used: `format_usage`, `format_help` and `error` are overridden below.
_HEADINGS_ZH = (("usage: ", "用法："), ("\npositional arguments:\n", "\n位置参数：\n"), ("\noptions:\n", "\n选项：\n"),
                ("\noptional arguments:\n", "\n选项：\n"))
_ERRORS_ZH = (
    (r"the following arguments are required: (.*)", r"缺少以下参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (.+?): invalid choice: (.*?) \(choose from (.*?)\)(；.*)?", r"参数 \1：无效的选项：\2（可选：\3）\4"),
    (r"argument (.+?): expected one argument", r"参数 \1：需要一个参数值"),
    (r"argument (.+?): invalid (\S+) value: (.*)", r"参数 \1：无效的 \2 值 \3"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项有歧义：\1 可以是 \2"),
    (r"argument (.+?): not allowed with argument (.*)", r"参数 \1 不能与参数 \2 同时使用"),
    (r"argument (.+?): (.*)", r"参数 \1：\2"),
)


#: The CLI's own help texts, English (as written in the command modules) -> Chinese.
#: A test renders every command's --help in Chinese and fails on a text missing here.
HELP_ZH = {
    "Check and render responsibility matrices of implementation plans (.qlm files).": "检查并呈现实施方案（.qlm 文件）的责任分工：校验、分工表、责任清单与关系图。",
    "check plans for errors, gaps and conflicts": "检查计划中的错误、缺漏与冲突",
    ".qlm files or folders holding them": ".qlm 文件，或包含它们的文件夹",
    "output format (default: text)": "输出格式（默认 text）",
    "only these rules: codes, prefixes (W2) or names, comma-separated": "只运行这些规则：编号、前缀（如 W2）或名称，用逗号分隔",
    "leave out these rules (wins over --select)": "不运行这些规则（优先于 --select）",
    "treat warnings as errors": "把警告当作错误",
    "folder included files may come from (default: each plan's own folder)": "允许引入文件的文件夹（默认为各计划自身所在的文件夹）",
    "settings file (qlmatrix.toml or pyproject.toml) instead of the nearest one": "使用指定的配置文件（qlmatrix.toml 或 pyproject.toml），而不是最近的那个",
    "draw the org chart or the responsibility diagram": "绘制组织关系图或责任分工图",
    "the .qlm file": ".qlm 文件",
    "which diagram (default: responsibility)": "哪一张图（默认 responsibility 责任分工图）",
    "section: one responsibility diagram per top-level section or carrier, written as OUT-1, OUT-2, ... (default: none, one diagram)":
        "section：责任分工图按一级章节或载体分开，每部分一张，写为 OUT-1、OUT-2……（默认 none：一张图）",
    "output format (default: from OUT's suffix, else dot)": "输出格式（默认按 OUT 的扩展名，否则为 dot）",
    "write here instead of standard output": "写入此文件，而不是标准输出",
    "only this section (id, number or title)": "只看这一章（编号、序号或标题）",
    "only this unit (name or alias)": "只看这个单位（名称或别名）",
    "only this role: lead|support|consult|inform|oversee": "只看这种角色：lead|support|consult|inform|oversee（或 牵头 配合 会同 报送 监督）",
    "write the plan's model as JSON (or canonical .qlm)": "把计划的模型导出为 JSON（或规范格式的 .qlm）",
    "output format (default: json)": "输出格式（默认 json）",
    "keyword language for --format qlm": "--format qlm 时关键字的语言",
    "rewrite plans in the canonical layout, keeping comments": "把计划改写为规范格式，保留注释",
    "write nothing; exit 1 if a file would change": "不写文件；若有文件需要改动则以 1 退出",
    "write nothing; print the changes as a unified diff": "不写文件；以 unified diff 形式列出改动",
    "keyword language (default: as written)": "关键字语言（默认保持原样）",
    "generate a synthetic plan (sections, units of four levels, all roles, deliberate gaps)": "生成一份模拟计划（含章节、四级单位、各种角色和有意留下的缺漏）",
    "number of tasks": "任务数",
    "number of declared units (default: tasks/10, between 40 and 5000; at least 30)": "声明的单位数（默认为任务数的十分之一，介于 40 与 5000 之间；至少 30）",
    "random seed: same seed, same plan (default: 0)": "随机种子：种子相同则计划相同（默认 0）",
    "keyword language (default: zh)": "关键字语言（默认 zh）",
    "turn a plan document (.txt, .md, .docx) into a .qlm plan": "把方案文档（.txt、.md、.docx）转换为 .qlm 计划",
    "the document: .txt, .md or .docx": "文档：.txt、.md 或 .docx",
    "write the plan here instead of standard output": "把计划写入此文件，而不是标准输出",
    "the text's encoding (default: UTF-8, else GB18030)": "文本编码（默认 UTF-8，不行再试 GB18030）",
    "replace PLAN if it exists (by default it is kept)": "PLAN 已存在时覆盖它（默认保留）",
    "write every table format and both diagrams into a folder": "把各种格式的表格和两张图写入一个文件夹",
    "Write every table format and both diagrams into a folder. A responsibility diagram too big to print legibly on one A4 page is also written in parts, one per top-level section or carrier: responsibility-1.dot/.svg/.png, responsibility-2..., besides the one-piece responsibility.svg.":
        "把各种格式的表格和两张图写入一个文件夹。责任分工图若整张印在一页 A4 上字已看不清，另按一级章节或载体分开，每部分一张："
        "responsibility-1.dot/.svg/.png、responsibility-2……，整张的 responsibility.svg 仍然保留。",
    "folder to write into (created if missing)": "写入的文件夹（不存在时创建）",
    "RASCI letters (配合 = S) instead of RACI": "用 RASCI 字母（配合 = S）代替 RACI",
    "run the language server for editors (over standard input and output)": "运行供编辑器使用的语言服务器（经标准输入输出通信）",
    "open the plans of a folder in the browser workbench (this machine only)": "在浏览器工作台中打开文件夹中的计划（仅限本机访问）",
    "the folder whose .qlm plans are served (default: the current folder)": "提供其中 .qlm 计划的文件夹（默认当前文件夹）",
    "the port on 127.0.0.1 (default: 8765; 0 picks a free one)": "127.0.0.1 上的端口（默认 8765；0 表示自动选择空闲端口）",
    "open the page in the default browser": "在默认浏览器中打开页面",
    "talk over standard input and output (the default and only transport)": "经标准输入输出通信（默认，也是唯一的方式）",
    "set the DOCX and XLSX as a 公文 attachment: 附件 above the title, or 附件N with a number (GB/T 9704: 黑体, 3号, flush left)":
        "把 DOCX 和 XLSX 排成公文附件：标题上方加“附件”，带序号则为“附件N”（GB/T 9704：3号黑体，顶格）",
    "a RACI matrix too wide for the page, in DOCX: in groups of units (default), a part per section, or one table (none)":
        "DOCX 中超出页宽的 RACI 矩阵：按单位分组分页（默认）、每章一部分（sections），或不拆分（none）",
    "explain a check rule (by code or name), or list them all": "说明一条检查规则（按编号或名称），或列出全部规则",
    "a rule code (W201) or name (task-without-unit)": "规则编号（如 W201）或名称（如 task-without-unit）",
    "print or write the RACI matrix, 任务分工表 or 责任清单": "显示或写出 RACI 矩阵、任务分工表或责任清单",
    "raci (matrix), tasks (任务分工表, default) or units (责任清单)": "raci（矩阵）、tasks（任务分工表，默认）或 units（责任清单）",
    "output format (default: from OUT's suffix, else term)": "输出格式（默认按 OUT 的扩展名，否则为终端文本 term）",
    "only this section (id, number or title), sub-sections included": "只看这一章（编号、序号或标题），含其下各节",
    "only this role: lead|support|consult|inform|oversee (or 牵头 配合 会同 报送 监督)": "只看这种角色：lead|support|consult|inform|oversee（或 牵头 配合 会同 报送 监督）",
    "CSV without the UTF-8 byte-order mark": "CSV 不带 UTF-8 字节顺序标记（BOM）",
    "list what changed between two versions of a plan, task by task": "逐项列出计划两个版本之间的修改",
    "the earlier version: a .qlm plan or a document (.txt, .md, .docx)": "原版本：.qlm 计划，或文档（.txt、.md、.docx）",
    "the later version, likewise": "修改后的版本，同上",
    "text (a list), json, or the 修改对照表 as md, html, xlsx or docx (default: from OUT's suffix, else text)":
        "text（逐项列出）、json，或修改对照表（md、html、xlsx、docx）（默认按 OUT 的扩展名，否则为 text）",
    "expand every cadence and due point into dated occurrences": "把各项任务和汇报的频次、时限展开为具体日期（工作日历）",
    "the calendar year to show": "要显示的年份",
    "first day to show (with --to)": "起始日期（与 --to 一起用）",
    "last day to show (with --from)": "截止日期（与 --from 一起用）",
    "only what this unit leads, supports or reports": "只看这个单位牵头、配合或报送的事项",
    "the plan's issue date (发文日期): relative dates count from it, nothing falls due before it":
        "计划的发文日期：相对时限（如明年年底）由此起算，此前的日期不列入",
    "the supervision ledger: fill-in workbooks, returns, the 督办台账": "督办台账：填报表、收集进展、生成台账",
    "write one fill-in workbook per lead unit": "为每个牵头单位生成一份进展填报表",
    "one workbook per lead unit (the only layout)": "每个牵头单位一份填报表（目前唯一的方式）",
    "record the returned workbooks in the plan's progress file": "把各单位交回的填报表记入计划的进展记录文件",
    "the returned workbooks (.xlsx)": "交回的填报表（.xlsx）",
    "the date the returns are as of": "这批进展截至的日期",
    "also write the 督办台账 as of that date (.xlsx, .docx, .html, .md, .txt)": "同时写出截至该日的督办台账（.xlsx、.docx、.html、.md、.txt）",
    "print or write the 督办台账 as of a date": "显示或写出截至某日的督办台账",
    "the day the ledger is as of": "台账截至的日期",
    "the progress checks: overdue tasks, missing returns, contradictions": "进展检查：逾期任务、未报送、状态与问题矛盾",
    "the day progress is judged on (default: the newest return)": "判断进展的日期（默认为最近一次报送的日期）",
    "the progress file (default: beside the plan, PLAN.progress.jsonl)": "进展记录文件（默认在计划旁边：PLAN.progress.jsonl）",
    "the plan's issue date (发文日期)": "计划的发文日期",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
}


#: The language of this run's help texts, set by `use_language` before the parser is built.
_current = "en"


def say(en: str, zh: str) -> str:
    """`en` or `zh`, in the language of this run (help texts are chosen when the parser is built)."""
    return zh if _current == "zh" else en


def tr(text: str) -> str:
    """A help text of the CLI in this run's language (HELP_ZH holds the Chinese)."""
    return HELP_ZH.get(text, text) if _current == "zh" else text


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help texts and description follow the run's language.

    Only public hooks: the constructor and `add_argument` translate what the
    command modules pass; subcommands are made through `Subcommands`.
    """

    # Both pass everything on to argparse, which types them.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if isinstance(kwargs.get("description"), str):
            kwargs["description"] = tr(kwargs["description"])
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if isinstance(kwargs.get("help"), str):
            kwargs["help"] = tr(kwargs["help"])
        return super().add_argument(*args, **kwargs)

    def format_usage(self) -> str:
        return _headings(super().format_usage())

    def format_help(self) -> str:
        return _headings(super().format_help())

    def error(self, message: str) -> NoReturn:
        message += _did_you_mean(message)
        self.print_usage(sys.stderr)
        if _current == "zh":
            self.exit(2, f"{self.prog}：错误：{_error_zh(message)}\n")
        self.exit(2, f"{self.prog}: error: {message}\n")


def _headings(text: str) -> str:
    if _current != "zh":
        return text
    if text.startswith("usage: "):
        text = "用法：" + text[len("usage: "):]
    for english, chinese in _HEADINGS_ZH[1:]:
        text = text.replace(english, chinese)
    # Our own group titles end in argparse's half-width colon: make them full-width.
    return re.sub(r"(?m)^([^\x00-\x7f][^\n]*):$", r"\1：", text)


def _did_you_mean(message: str) -> str:
    """`; did you mean `check`?` for a mistyped command or choice (argparse lists the choices)."""
    found = re.fullmatch(r"argument .+?: invalid choice: '?([^' ]+)'? \(choose from (.*)\)", message, re.S)
    if not found:
        return ""
    from ..suggest import closest

    choices = [choice.strip().strip("'") for choice in found.group(2).split(",")]
    close = closest(found.group(1), choices, cutoff=0.6)
    if close is None:
        return ""
    return f"；是否应为 `{close}`？" if _current == "zh" else f"; did you mean `{close}`?"


def _error_zh(message: str) -> str:
    for pattern, chinese in _ERRORS_ZH:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            return found.expand(chinese)
    return message


class _SubparsersAction(Protocol):
    """What `ArgumentParser.add_subparsers()` returns, as far as Subcommands uses it."""

    @property
    def choices(self) -> Mapping[str, argparse.ArgumentParser]: ...

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


class Subcommands:
    """What `add_subparsers()` returns, with each command's help translated (command modules call
    `subcommands.add_parser(name, help=...)` as they would on argparse's own object)."""

    def __init__(self, action: _SubparsersAction) -> None:
        self.action = action
        self.choices = action.choices

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if isinstance(kwargs.get("help"), str):
            kwargs["help"] = tr(kwargs["help"])
            kwargs.setdefault("description", kwargs["help"])
        return self.action.add_parser(name, **kwargs)


def use_language(lang: str) -> None:
    """Make argparse speak `lang` ('zh' or 'en') from now on in this process."""
    global _current
    _current = lang


def language_in(argv: list[str]) -> str | None:
    """The value of the last `--lang` in `argv` (`--lang zh` or `--lang=zh`), read before argparse
    runs (as argparse does, the last one given wins)."""
    found = None
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith("--lang="):
            found = word.split("=", 1)[1]
    return found if found in ("zh", "en") else None

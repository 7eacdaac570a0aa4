"""argparse's own messages (usage errors, help headings) in Chinese.

argparse looks its messages up through `gettext`; for a Chinese reader the
CLI points that look-up at this table instead, so a mistyped command gets
its error in the reader's language like every other message. Messages not
in the table stay in English.
"""

from __future__ import annotations

import argparse

ARGPARSE_ZH = {
    "usage: ": "用法：",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个参数值",
    "ambiguous option: %(option)s could match %(matches)s": "选项有歧义：%(option)s 可以是 %(matches)s",
    "show this help message and exit": "显示本帮助并退出",
    "positional arguments": "位置参数",
    "options": "选项",
    "show program's version number and exit": "显示版本号并退出",
}


def use_language(lang: str) -> None:
    """Make argparse speak `lang` ('zh' or 'en') from now on in this process."""
    if lang == "zh":
        argparse._ = lambda message: ARGPARSE_ZH.get(message, message)
    else:
        from gettext import gettext

        argparse._ = gettext


def language_in(argv: list[str]) -> str | None:
    """The value of `--lang` in `argv` (`--lang zh` or `--lang=zh`), read before argparse runs."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None

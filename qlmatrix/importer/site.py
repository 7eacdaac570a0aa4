"""Lines a web site put around the passage when the page was copied: navigation, print and share buttons, the
page's own metadata, the footer. They are not the document's text, so they are read as blank lines.

Each is recognised by words that no plan writes on a line of its own (`打印本页`, `关闭窗口`, `上一篇：`,
`网站标识码`, `浏览次数`, `当前位置：`, `首页 > …`, `【字体：大 中 小】`, `扫一扫`); a line that says anything
else is kept (a date line, `发布日期：…` within the preamble, is the document's and stays).
"""

from __future__ import annotations

import re

import attrs

from .reading import Line

_CHROME = re.compile(
    r"^[ \t\u3000]*(?:"
    r"(?:【|\[)?(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页|打印|关闭)(?:】|\])?(?:[ \t\u3000]*(?:【|\[)?"
    r"(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页|打印|关闭)(?:】|\])?)*"
    r"|(?:上一篇|下一篇|上一条|下一条)[:：].*"
    r"|.*(?:网站标识码|ICP备|浏览次数|访问量|字体[:：]?[ \t\u3000]*[【\[]?大[ \t\u3000]*中[ \t\u3000]*小).*"
    r"|(?:【|\[)?字体[:：].*"
    r"|(?:当前位置|您的位置|你的位置|所在位置)[:：].*"
    r"|首页[ \t\u3000]*(?:>|＞|»|/|>>).*"
    r"|扫一扫.*"
    r")[ \t\u3000]*$")


def is_site_chrome(text: str) -> bool:
    """Is `text` a line a web site put around the copied passage (navigation, buttons, footer)?"""
    return bool(_CHROME.match(text))


def without_site_chrome(lines: list[Line]) -> list[Line]:
    """The document's lines with the site's lines blank (their numbers kept, so spans still point at the source)."""
    return [attrs.evolve(line, text="") if line.cells is None and is_site_chrome(line.text) else line
            for line in lines]

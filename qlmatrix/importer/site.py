"""Text a web site put around the passage when the page was copied: navigation, print and share buttons, the
page's own metadata, the footer. It is not the document's text.

A short line is the site's when it is recognised by words that no plan writes on a line of its own
(`打印本页`, `关闭窗口`, `上一篇：`, `网站标识码`, `浏览次数`, `当前位置：`, `首页 > …`, `【字体：大 中 小】`,
`扫一扫`, in either script; a breadcrumb `>> 走进某市 >> 投资政策`; `【原文下载】` and a Markdown copy's link to
the file): it is read as a blank line. In a long line (a copy that lost its line breaks runs the site's text
into the passage) only the site's phrases themselves are taken out. A line that says anything else is kept.
"""

from __future__ import annotations

import re

import attrs

from .reading import Line

_BUTTON = r"(?:【|\[)?(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页|打印|关闭)(?:】|\])?"
_CHROME_LINE = re.compile(
    rf"^[ \t\u3000]*(?:{_BUTTON}(?:[ \t\u3000]*{_BUTTON})*"
    r"|(?:上一篇|下一篇|上一条|下一条)[:：].*"
    r"|.*(?:网站标识码|網站標識碼|ICP备|ICP備|浏览次数|瀏覽次數|访问量|訪問量"
    r"|字[体體][:：]?[ \t\u3000]*[【\[]?大[ \t\u3000]*中[ \t\u3000]*小).*"
    r"|(?:【|\[)?字[体體](?:大小)?[:：].*"
    r"|(?:您|你)?(?:当前|當前)的?位置[ \t\u3000]*[:：].*|(?:您的位置|你的位置|所在位置)[ \t\u3000]*[:：].*"  # `当前位置 :首页 > …`
    r"|首[页頁][ \t\u3000]*(?:>|＞|»|/|>>).*"
    # a breadcrumb of short links apart by `>>`/`>`/`»`, perhaps opened by one (`>> 走进某市 >> 投资政策`)
    r"|(?:>>|>|＞|»)?[ \t\u3000]*[^>＞»。，,；;]{1,12}(?:[ \t\u3000]*(?:>>|>|＞|»)[ \t\u3000]*[^>＞»。，,；;]{1,12})+"
    r"|扫一扫.*"
    # a download button and the link a crawler's Markdown copy keeps of the file (`- [某方案.pdf](/files/1.pdf)`)
    r"|(?:【|\[)?(?:原文下[载載]|附件下[载載]|下[载載]附件|相关附件|相關附件)(?:】|\])?"
    r"|(?:[-*+][ \t]+)?\[[^\]]*\]\([^()\s]*[ \t]*\)"
    r")[ \t\u3000]*$")
#: The rest of a site's line that a wrap put on the next line: a short run of digits, letters and marks.
_WRAPPED_REST = re.compile(r"^[ \t\u3000]*[0-9A-Za-z][0-9A-Za-z\-_./:]{0,15}[ \t\u3000]*$")
#: A line longer than this is the passage (or the passage run together with the site's text), never the site's.
_SHORT = 80
#: The site's phrases inside a long line.
_CHROME_PHRASE = re.compile(
    r"(?:【|\[)(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页)(?:】|\])"
    r"|(?:打印本页|关闭窗口|扫一扫在手机(?:上)?打开当前页|返回顶部)"
    r"|(?:【|\[)?字体[:：]?[ \t\u3000]*[【\[]?大[ \t\u3000]*中[ \t\u3000]*小[】\]]?"
    r"|首页(?:[ \t\u3000]*(?:>>|>|＞|»)[ \t\u3000]*[\u4e00-\u9fff]{1,12})+"
    r"|(?:当前位置|您的位置)[ \t\u3000]*[:：][ \t\u3000]*首页(?:[ \t\u3000]*(?:>>|>|＞|»)[ \t\u3000]*[\u4e00-\u9fff]{1,12})*"
    r"|(?:浏览次数|访问量|点击数)[:：][ \t\u3000]*\d+"
    r"|主办[:：][^ \t\u3000]{2,30}[ \t\u3000]+网站标识码[:：][ \t\u3000]*[0-9A-Za-z]+"
    r"|(?:上一篇|下一篇)[:：][^。]{0,60}?(?=[ \t\u3000]|$)")


def is_site_chrome(text: str) -> bool:
    """Is `text` a short line a web site put around the copied passage (navigation, buttons, footer)?"""
    return len(text) <= _SHORT and bool(_CHROME_LINE.match(text))


def without_site_chrome(lines: list[Line]) -> list[Line]:
    """The document's lines with the site's lines blank (their numbers kept, so spans still point at the source)
    and the site's phrases taken out of long lines."""
    out = []
    chrome = False  # the line before was the site's
    for line in lines:
        if line.cells is not None:
            out.append(line)
        elif is_site_chrome(line.text) or chrome and _WRAPPED_REST.match(line.text):
            # (a site's line wrapped at the page width leaves its rest on the next line: `…网站标识码：11000` /
            # `00001`, never the last item's text)
            out.append(attrs.evolve(line, text=""))
            chrome = True
            continue
        elif len(line.text) > _SHORT and _CHROME_PHRASE.search(line.text):
            out.append(attrs.evolve(line, text=_CHROME_PHRASE.sub("", line.text)))
        else:
            out.append(line)
        chrome = False
    return out

"""The Markdown of a rule's page (qlmatrix.checks.docs) as HTML, for the workbench's rule links.

Only what the rule pages use, and what a docstring may plausibly add: ATX
headings, paragraphs, bulleted and numbered lists (an indented line goes on
the item above), fenced code blocks, and inline `code`, **bold** and
[links](target). Everything is escaped: a `<` written in a docstring shows as
`<`, never as markup (no raw HTML passes through), and a link keeps its
target only when it is a web address or a path (never `javascript:`).

    >>> to_html("# E101 undeclared-unit\\n\\nFinds `纪检委` <b>here</b>.\\n\\n- one\\n- two")
    '<h1>E101 undeclared-unit</h1>\\n<p>Finds <code>纪检委</code> &lt;b&gt;here&lt;/b&gt;.</p>\\n<ul>\\n<li>one</li>\\n<li>two</li>\\n</ul>'
"""

from __future__ import annotations

import re
from html import escape

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^(```+|~~~+)[ \t]*([\w+-]*)")
_BULLET = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(.*)$")
_NUMBER = re.compile(r"^[ \t]{0,3}\d{1,9}[.)][ \t]+(.*)$")
_INLINE = re.compile(r"(`+)(.+?)\1|\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)")
_SAFE_TARGET = re.compile(r"^(https?://|/|#|\.{0,2}/|[\w.-]+(\.md|\.html)?(#[\w-]*)?$)", re.ASCII)


def inline(text: str) -> str:
    """One line's text with its `code`, **bold** and [links](target), everything else escaped."""
    out, at = [], 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[at:match.start()]))
        code, strong, label, target = match.group(2), match.group(3), match.group(4), match.group(5)
        if code is not None:
            out.append(f"<code>{escape(code.strip())}</code>")
        elif strong is not None:
            out.append(f"<strong>{inline(strong)}</strong>")
        elif _SAFE_TARGET.match(target) and not target.lower().startswith(("javascript:", "data:")):
            out.append(f'<a href="{escape(target)}">{inline(label)}</a>')
        else:
            out.append(inline(label))
        at = match.end()
    out.append(escape(text[at:]))
    return "".join(out)


def to_html(markdown: str) -> str:
    """The blocks of `markdown` as HTML elements, one per line of output."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    kind = ""  # "ul" or "ol" while a list is open

    def close_paragraph() -> None:
        if paragraph:
            out.append("<p>" + inline(_joined(paragraph)) + "</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal kind
        if items:
            out.append(f"<{kind}>")
            out.extend("<li>" + inline(_joined(item)) + "</li>" for item in items)
            out.append(f"</{kind}>")
            items.clear()
        kind = ""

    lines = markdown.replace("\r\n", "\n").split("\n")
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        fence = _FENCE.match(line.strip())
        if fence:
            close_paragraph()
            close_list()
            body = []
            while at < len(lines) and not lines[at].strip().startswith(fence.group(1)):
                body.append(lines[at])
                at += 1
            at += 1  # the closing fence (or the end of the text)
            language = f' class="language-{escape(fence.group(2))}"' if fence.group(2) else ""
            out.append(f"<pre><code{language}>" + escape("\n".join(body)) + "</code></pre>")
            continue
        if not line.strip():
            close_paragraph()
            close_list()
            continue
        heading = _HEADING.match(line)
        if heading:
            close_paragraph()
            close_list()
            level = len(heading.group(1))
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet or number:
            close_paragraph()
            wanted = "ul" if bullet else "ol"
            if kind != wanted:
                close_list()
                kind = wanted
            items.append([(bullet or number).group(1)])  # type: ignore[union-attr]
            continue
        if items and line[:1] in (" ", "\t"):
            items[-1].append(line.strip())  # the item above goes on
            continue
        close_list()
        paragraph.append(line.strip())
    close_paragraph()
    close_list()
    return "\n".join(out)


def _joined(lines: list[str]) -> str:
    """A paragraph's lines as one: a space between words, none between two Chinese characters."""
    text = lines[0] if lines else ""
    for line in lines[1:]:
        text += ("" if text[-1:] > "\u2e7f" and line[:1] > "\u2e7f" else " ") + line
    return text

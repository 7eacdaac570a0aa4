"""A rule's page as the workbench shows it: the rule's Markdown (qlmatrix.checks.docs) rendered as HTML.

The problems list links each finding to `/rule/CODE?lang=zh|en`; the page is
in the reader's language, with a link to the other one, and styled by the
workbench's own stylesheet (nothing from the internet).
"""

from __future__ import annotations

from html import escape

from .markdown import to_html

_WORDS = {"zh": ("规则说明", "English", "en", "zh-CN"), "en": ("Rule", "中文", "zh", "en")}


def rule_page(code: str, markdown: str, lang: str) -> str:
    """The whole page of rule `code` from its Markdown in `lang` (`zh` or `en`)."""
    what, other, other_lang, html_lang = _WORDS.get(lang, _WORDS["zh"])
    title = markdown.split("\n", 1)[0].lstrip("# ").strip() or code
    return "\n".join([
        "<!doctype html>",
        f'<html lang="{html_lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(what)} · {escape(title)}</title>",
        '<link rel="icon" href="data:,">',
        '<link rel="stylesheet" href="/static/workbench.css">',
        "</head>",
        '<body class="rule-page">',
        f'<nav class="rule-nav"><span>qlm · {escape(what)}</span>'
        f' <a href="/rule/{escape(code)}?lang={other_lang}" lang="{other_lang}">{escape(other)}</a></nav>',
        '<main class="rule">',
        to_html(markdown),
        "</main>",
        "</body>",
        "</html>",
        "",
    ])

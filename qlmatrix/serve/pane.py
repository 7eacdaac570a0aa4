"""The table pane of the page: a view's HTML exactly as `qlm table --format html` writes it, sent in blocks.

After a keystroke most of a 1,000-task table is what it was: `resolve(plan,
previous)` keeps the tasks of every top-level section the edit left alone as
the same objects, `render.views.build` hands back their rows from a memo and
`render.html.fragment_blocks` their HTML. The fragment comes in blocks (what
precedes the rows, each group's rows, what follows), each named by a hash of
its text; the page says which blocks it holds (`have`) and gets the text of
the others only, usually the one group the edit changed. Joined in order,
the blocks are `to_html_fragment` of the view, byte for byte
(tests/test_serve_pane.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import partial
from typing import Any

from ..model import Plan
from ..render import build_table
from ..render.html import HtmlMemo, fragment_blocks
from ..render.memo import Memo
from ..render.views import ViewMemo
from ..resolve import ResolvedPlan


def block_key(html: str) -> str:
    """A block's name: a hash of its text, so the page and the worker agree on it without any state."""
    return hashlib.blake2b(html.encode("utf-8"), digest_size=12).hexdigest()


class Pane:
    """The memos of each table view, kept across keystrokes (one per worker process)."""

    def __init__(self) -> None:
        self._memos: dict[str, tuple[ViewMemo, HtmlMemo]] = {}
        #: Each block's key, by the block: a group the edit left alone is the very same block (see HtmlMemo).
        self._keys: dict[str, Memo[str]] = {}

    def memos(self, view: str) -> tuple[ViewMemo, HtmlMemo]:
        """The memos of `view`'s rows and of their HTML."""
        return self._memos.setdefault(view, (ViewMemo(), HtmlMemo()))

    def table(self, plan: Plan | ResolvedPlan, view: str, filters: dict[str, Any], have: Iterable[str] = ()) -> dict[str, Any]:
        """The view's blocks in order (`key`, and `rows` for a group's rows) and the text of those not in `have`."""
        rows, html = self.memos(view)
        blocks = fragment_blocks(build_table(plan, view, **filters, memo=rows), html)
        keys = self._keys.setdefault(view, Memo())
        keys.begin(None)
        held = set(have)
        order, texts = [], {}
        for block in blocks:
            key = keys.get(block, None, partial(block_key, block.html))
            order.append({"key": key, "rows": block.rows})
            if key not in held:
                texts[key] = block.html
        return {"blocks": order, "texts": texts}


def joined(answer: dict[str, Any], held: dict[str, str]) -> str:
    """The fragment from an answer of `Pane.table` and the blocks a page held (what the page does)."""
    texts = {**held, **answer["texts"]}
    return "".join(texts[block["key"]] for block in answer["blocks"])
